/**
 * PyTorch's CPU random generator, reproduced bit for bit (reference: PyTorch 1.13 on x86-64 with
 * its AVX2 kernels, the build `torch.__config__.show()` reports as "CPU capability usage: AVX2").
 *
 * - The engine is mt19937 (aten/src/ATen/core/MT19937RNGEngine.h): `random()` is one 32-bit draw,
 *   `random64()` is two, the first one the high word (CPUGeneratorImpl.cpp).
 * - Uniforms (TransformationHelper.h `uniform_real`): float32 keeps the low 24 bits of one draw,
 *   float64 the low 53 bits of a 64-bit draw, times 2^-digits, then `x * (to - from) + from`, which
 *   GCC compiles to one fused multiply-add (measured against PyTorch: the unfused form differs).
 * - Normals take one of three paths (native/cpu/DistributionTemplates.h `normal_kernel`):
 *   fewer than 16 elements: scalar Box-Muller in double from two 53-bit uniforms, caching the sine
 *     half for the next scalar draw (DistributionsHelper.h `normal_distribution<double>`);
 *   float32, 16 or more: `normal_fill_AVX2`, i.e. all uniforms first, then Box-Muller 16 at a time
 *     with avx_mathfun.h's float32 cephes log/sincos, the tail done by redrawing the last 16;
 *   float64, 16 or more: `normal_fill`, the same layout with libm's log/sin/cos in double.
 *
 * Everything is exact except float64 normals: those go through V8's Math.log/sin/cos where
 * PyTorch calls glibc's, and about 6% of samples differ in the last bit (relative error < 5e-16).
 */

import { checkAllocation } from './dtype';
import { OverflowError, RuntimeError, ValueError } from './errors';

export type FloatDType = 'float32' | 'float64';

/** c10's default_rng_seed_val. PyTorch seeds its default generator non-deterministically at
 * start-up; we use this fixed seed instead so that unseeded runs are reproducible. */
const DEFAULT_SEED = 67280421310721;

const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
const TWO_POW_32 = 2 ** 32;

// ---------------------------------------------------------------------------------------------
// mt19937

const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

class MT19937 {
  private readonly state = new Uint32Array(MT_N);
  private index = MT_N;

  /** PyTorch keeps the full 64-bit seed for `initial_seed()` but seeds mt19937 with its low 32 bits. */
  seed(seed32: number): void {
    const s = this.state;
    s[0] = seed32;
    for (let j = 1; j < MT_N; j++) {
      const prev = s[j - 1];
      s[j] = Math.imul(1812433253, prev ^ (prev >>> 30)) + j;
    }
    this.index = MT_N;
  }

  next(): number {
    if (this.index >= MT_N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const s = this.state;
    for (let k = 0; k < MT_N; k++) {
      const next = k + 1 < MT_N ? k + 1 : 0;
      const ahead = k + MT_M < MT_N ? k + MT_M : k + MT_M - MT_N;
      const y = (s[k] & UPPER_MASK) | (s[next] & LOWER_MASK);
      s[k] = s[ahead] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Exact fused multiply-add, which PyTorch's compiled kernels use and JavaScript lacks.

/** 2^28 + 1: Veltkamp's splitter, rounding a double to its top 25 of 53 bits. */
const SPLIT_25 = 268435457;
/** 2^27 + 1: splits a double into two 26-bit halves whose products are exact (Dekker). */
const SPLIT_26 = 134217729;

/** Error of the double addition a + b (Knuth's TwoSum): a + b = fl(a + b) + twoSumErr exactly. */
function twoSumErr(a: number, b: number, s: number): number {
  const bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

/**
 * float32 fma: fround(a * b + c) rounded once. a * b of two floats is exact in a double, so only
 * the addition rounds twice (to double, then to float); that goes wrong only when the double sum
 * lands exactly halfway between two floats, which we detect and settle with the exact error.
 */
function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const t = s * SPLIT_25;
  if (t - (t - s) !== s) return r; // s needs more than 25 bits: not a float midpoint
  const err = twoSumErr(p, c, s);
  if (err === 0) return r; // a genuine tie: fround already rounded it to even
  const other = 2 * s - r; // the float on the other side of the midpoint
  return err > 0 ? Math.max(r, other) : Math.min(r, other);
}

const bitsView = new DataView(new ArrayBuffer(8));

/** x + y rounded to odd: truncate, then set the last bit if anything was lost (Boldo-Melquiond). */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const err = twoSumErr(x, y, s);
  if (err === 0) return s;
  bitsView.setFloat64(0, s);
  const bits = bitsView.getBigUint64(0);
  if ((bits & 1n) === 1n) return s;
  // s was rounded to even; the odd neighbour towards the exact sum is the round-to-odd result.
  const awayFromZero = err > 0 === s > 0;
  bitsView.setBigUint64(0, awayFromZero ? bits + 1n : bits - 1n);
  return bitsView.getFloat64(0);
}

/**
 * float64 fma, correctly rounded: the product split exactly into two doubles (Dekker), added to c
 * exactly (TwoSum), the two low parts summed with rounding to odd, then one final rounding
 * (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums", 2008).
 */
function fma64(a: number, b: number, c: number): number {
  if (b === 1 && c === 0) return a; // the standard-normal and [0, 1) cases: no work to do
  const ph = a * b;
  const ta = SPLIT_26 * a;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = SPLIT_26 * b;
  const bh = tb - (tb - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
  const th = c + ph;
  const tl = twoSumErr(c, ph, th);
  return th + addRoundToOdd(tl, pl);
}

// ---------------------------------------------------------------------------------------------
// avx_mathfun.h's log256_ps and sincos256_ps, one lane at a time, with the fused multiply-adds
// exactly where GCC placed them in PyTorch 1.13's AVX2 build (read off its disassembly), written
// `f32(a * b + c)`. The product of two floats is exact in a double, so that rounds twice only in
// the sum, and double rounding can differ from the fused single rounding only when the double sum
// lands exactly on a float midpoint. Both functions only ever see one of 2^24 inputs (1 - u and
// 2 pi u for a 24-bit uniform u); a run over all of them found no such case at any fma here, so
// the plain form is exact and much faster than `fmaf`.

const f32 = Math.fround;
const SQRTHF = f32(0.707106781186547524);
const LOG_P0 = f32(7.0376836292e-2);
const LOG_P1 = f32(-1.1514610310e-1);
const LOG_P2 = f32(1.1676998740e-1);
const LOG_P3 = f32(-1.2420140846e-1);
const LOG_P4 = f32(1.4249322787e-1);
const LOG_P5 = f32(-1.6668057665e-1);
const LOG_P6 = f32(2.0000714765e-1);
const LOG_P7 = f32(-2.4999993993e-1);
const LOG_P8 = f32(3.3333331174e-1);
const LOG_Q1 = f32(-2.12194440e-4);
const LOG_Q2 = f32(0.693359375);
const FOPI = f32(1.27323954473516); // 4 / pi
const MINUS_DP1 = f32(-0.78515625);
const MINUS_DP2 = f32(-2.4187564849853515625e-4);
const MINUS_DP3 = f32(-3.77489497744594108e-8);
const SINCOF_P0 = f32(-1.9515295891e-4);
const SINCOF_P1 = f32(8.3321608736e-3);
const SINCOF_P2 = f32(-1.6666654611e-1);
const COSCOF_P0 = f32(2.443315711809948e-5);
const COSCOF_P1 = f32(-1.388731625493765e-3);
const COSCOF_P2 = f32(4.166664568298827e-2);
/** `_mm256_set1_ps(2.0f * c10::pi<double>)`: 2 pi rounded to float. */
const TWO_PI_F32 = f32(2 * Math.PI);
const TWO_POW_24 = 2 ** 24;
/** INV_POW2[k] = 2^-k, to scale a 24-bit integer into a mantissa in [0.5, 1). */
const INV_POW2 = Float64Array.from({ length: 26 }, (_, k) => 2 ** -k);

/**
 * log256_ps for one lane. x = 1 - u lies in (0, 1] on the 2^-24 grid, so x = K * 2^-24 for an
 * integer K, and the kernel's exponent/mantissa bit surgery (x = m * 2^e, m in [0.5, 1)) reduces
 * to finding K's top bit.
 */
function logAvx(x: number): number {
  const k = x * TWO_POW_24;
  const topBit = 31 - Math.clz32(k);
  let e = topBit - 23;
  let m = k * INV_POW2[topBit + 1];
  // if (m < SQRTHF) { e -= 1; m = m + m - 1 } else { m = m - 1 }, in the kernel's operation order
  if (m < SQRTHF) {
    e -= 1;
    m = f32(f32(m - 1) + m);
  } else {
    m = f32(m - 1);
  }
  const z = f32(m * m);
  let y = f32(m * LOG_P0 + LOG_P1);
  y = f32(m * y + LOG_P2);
  y = f32(m * y + LOG_P3);
  y = f32(m * y + LOG_P4);
  y = f32(m * y + LOG_P5);
  y = f32(m * y + LOG_P6);
  y = f32(m * y + LOG_P7);
  y = f32(m * y + LOG_P8);
  y = f32(m * y);
  y = f32(y * z + f32(e * LOG_Q1));
  y = f32(y - 0.5 * z);
  return f32(e * LOG_Q2 + f32(m + y));
}

/** sincosAvx's results [sin, cos]: a scratch buffer rather than a fresh object per call, for speed. */
const sinCos = new Float64Array(2);

/** sincos256_ps for one lane, theta >= 0 (2 pi u); writes sinCos. */
function sincosAvx(theta: number): void {
  let j = Math.trunc(f32(theta * FOPI));
  j = (j + 1) & ~1; // cephes: round to an even octant
  let x = f32(j * MINUS_DP1 + theta); // extended-precision theta - j * pi / 4
  x = f32(j * MINUS_DP2 + x);
  x = f32(j * MINUS_DP3 + x);
  const z = f32(x * x);

  let c = f32(z * COSCOF_P0 + COSCOF_P1);
  c = f32(z * c + COSCOF_P2);
  c = f32(z * c);
  c = f32(c * z - 0.5 * z);
  c = f32(c + 1);

  let s = f32(SINCOF_P0 * z + SINCOF_P1);
  s = f32(z * s + SINCOF_P2);
  s = f32(s * z);
  s = f32(s * x + x);

  const swap = (j & 2) !== 0; // octants where sine and cosine polynomials trade places
  const sinv = swap ? c : s;
  const cosv = swap ? s : c;
  sinCos[0] = j & 4 ? -sinv : sinv;
  sinCos[1] = ((j - 2) & 4) === 0 ? -cosv : cosv;
}

/** normal_fill_16_AVX2: Box-Muller on data[at..at+16), uniforms in, normals out. */
function normalFill16Avx(data: Float32Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const radius = f32(Math.sqrt(-2 * logAvx(1 - data[j])));
    sincosAvx(f32(TWO_PI_F32 * data[j + 8]));
    data[j] = fmaf(f32(radius * sinCos[1]), std, mean);
    data[j + 8] = fmaf(f32(radius * sinCos[0]), std, mean);
  }
}

/** normal_fill_16 for double: the same layout, with libm in double precision. */
function normalFill16Double(data: Float64Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const radius = Math.sqrt(-2 * Math.log(1 - data[j]));
    const theta = 2 * Math.PI * data[j + 8];
    data[j] = fma64(radius * Math.cos(theta), std, mean);
    data[j + 8] = fma64(radius * Math.sin(theta), std, mean);
  }
}

// ---------------------------------------------------------------------------------------------

export class Generator {
  private readonly mt = new MT19937();
  private seedValue = 0;
  /** The sine half of the last scalar Box-Muller pair (CPUGeneratorImpl's next_double_normal_sample). */
  private cachedNormal: number | null = null;

  constructor(seed: number = DEFAULT_SEED) {
    this.manual_seed(seed);
  }

  /** Seeds like `torch.manual_seed`: integers only; negatives wrap to uint64 as in PyTorch. */
  manual_seed(seedArg: number): this {
    // Python's `int(seed)`: a float is truncated, NaN and infinities cannot be converted.
    if (Number.isNaN(seedArg)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(seedArg)) throw new OverflowError('cannot convert float infinity to integer');
    const seed = Math.trunc(seedArg);
    this.seedValue = seed < 0 ? 2 ** 64 + seed : seed;
    this.mt.seed(Number(BigInt.asUintN(32, BigInt(seed))));
    this.cachedNormal = null;
    return this;
  }

  /** The seed as PyTorch reports it (a uint64; above 2^53 only approximately representable). */
  initial_seed(): number {
    return this.seedValue;
  }

  /** One 32-bit draw (CPUGeneratorImpl::random). */
  random(): number {
    return this.mt.next();
  }

  /** n samples of N(mean, std) as torch.randn / Tensor.normal_ produce them for a tensor of n elements. */
  normal(n: number, dtype: FloatDType, mean = 0, std = 1): Float32Array | Float64Array {
    if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${std}`);
    checkAllocation(dtype, n);
    if (n >= 16) {
      return dtype === 'float32'
        ? this.normalFillFloat(n, f32(mean), f32(std))
        : this.normalFillDouble(n, mean, std);
    }
    const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.scalarNormal(mean, std);
    return out;
  }

  /** n samples of U[from, to) as torch.rand / Tensor.uniform_ produce them. */
  uniform(n: number, dtype: FloatDType, from = 0, to = 1): Float32Array | Float64Array {
    if (!(from <= to)) {
      throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
    }
    checkAllocation(dtype, n);
    if (dtype === 'float32') {
      const out = new Float32Array(n);
      const lo = f32(from);
      const range = f32(f32(to) - lo);
      for (let i = 0; i < n; i++) out[i] = fmaf(this.uniformFloat01(), range, lo);
      return out;
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = fma64(this.uniformDouble01(), to - from, from);
    return out;
  }

  /** torch.randint(low, high, (n,)): int64 values, exact up to 2^53. */
  randint(low: number, high: number, n: number): Float64Array {
    if (!(low < high)) {
      throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
    }
    const range = high - low;
    checkAllocation('int64', n);
    const out = new Float64Array(n);
    if (range < TWO_POW_32) {
      for (let i = 0; i < n; i++) out[i] = (this.random() % range) + low;
    } else {
      // Ranges of 2^32 and more take a 64-bit draw, whose remainder needs exact integer arithmetic.
      const bigRange = BigInt(range);
      for (let i = 0; i < n; i++) out[i] = Number(this.random64() % bigRange) + low;
    }
    return out;
  }

  /** torch.randperm(n): a forward Fisher-Yates shuffle of 0..n-1 with one 32-bit draw per swap. */
  randperm(n: number): Float64Array {
    checkAllocation('int64', n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = i + (this.random() % (n - i));
      const saved = out[i];
      out[i] = out[z];
      out[z] = saved;
    }
    return out;
  }

  /** Two draws, the first the high word (CPUGeneratorImpl::random64); only for the BigInt path. */
  private random64(): bigint {
    const hi = this.random();
    return (BigInt(hi) << 32n) | BigInt(this.random());
  }

  /** uniform_real<float>(random(), 0, 1): exact, so no fma is needed. */
  private uniformFloat01(): number {
    return (this.random() & 0xffffff) * TWO_POW_M24;
  }

  /** uniform_real<double>(random64(), 0, 1): the low 53 bits, i.e. 21 of the high word and all of the low. */
  private uniformDouble01(): number {
    const hi = this.random() & 0x1fffff;
    return (hi * TWO_POW_32 + this.random()) * TWO_POW_M53;
  }

  /** normal_distribution<double>: Box-Muller pairs, the sine half kept for the next call. */
  private scalarNormal(mean: number, std: number): number {
    if (this.cachedNormal !== null) {
      const cached = this.cachedNormal;
      this.cachedNormal = null;
      return fma64(cached, std, mean);
    }
    const u1 = this.uniformDouble01();
    const u2 = this.uniformDouble01();
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = r * Math.sin(theta);
    return fma64(r * Math.cos(theta), std, mean);
  }

  /** normal_fill_AVX2: every uniform first, then blocks of 16; a ragged tail redraws the last 16. */
  private normalFillFloat(n: number, mean: number, std: number): Float32Array {
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = this.uniformFloat01();
    for (let i = 0; i + 16 <= n; i += 16) normalFill16Avx(data, i, mean, std);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) data[i] = this.uniformFloat01();
      normalFill16Avx(data, n - 16, mean, std);
    }
    return data;
  }

  /** normal_fill<double>: the same draw order as the float path. */
  private normalFillDouble(n: number, mean: number, std: number): Float64Array {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = this.uniformDouble01();
    for (let i = 0; i + 16 <= n; i += 16) normalFill16Double(data, i, mean, std);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) data[i] = this.uniformDouble01();
      normalFill16Double(data, n - 16, mean, std);
    }
    return data;
  }
}

/** The generator `torch.manual_seed` seeds and every random op uses by default. Until seeded it
 * starts from DEFAULT_SEED (67280421310721), not from PyTorch's per-process random seed. */
export const defaultGenerator = new Generator();

/** torch.manual_seed: seeds defaultGenerator and returns it. */
export function manual_seed(seed: number): Generator {
  return defaultGenerator.manual_seed(seed);
}

export interface LinearInit {
  weight: Float32Array | Float64Array;
  bias: Float32Array | Float64Array | null;
}

/**
 * nn.Linear.reset_parameters: weight (out x in, row-major) from kaiming_uniform_(a=sqrt(5)), then
 * bias from uniform_(-1/sqrt(in), 1/sqrt(in)), drawn in that order. The bounds are computed in
 * double exactly as torch/nn/init.py computes them.
 */
export function kaimingUniformLinear(
  gen: Generator,
  inFeatures: number,
  outFeatures: number,
  bias: boolean,
  dtype: FloatDType = 'float32',
): LinearInit {
  const a = Math.sqrt(5);
  const gain = Math.sqrt(2 / (1 + a * a)); // calculate_gain('leaky_relu', a)
  const weightBound = Math.sqrt(3) * (gain / Math.sqrt(inFeatures));
  // kaiming_uniform_ leaves zero-element tensors alone without drawing.
  const weight = inFeatures === 0 || outFeatures === 0
    ? (dtype === 'float32' ? new Float32Array(0) : new Float64Array(0))
    : gen.uniform(inFeatures * outFeatures, dtype, -weightBound, weightBound);
  if (!bias) return { weight, bias: null };
  const biasBound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
  return { weight, bias: gen.uniform(outFeatures, dtype, -biasBound, biasBound) };
}
