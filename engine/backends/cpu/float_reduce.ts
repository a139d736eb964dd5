/**
 * Floating-point reductions on the CPU, computed in the tensor's own precision and in the order
 * PyTorch's CPU kernels use, so that a float32 sum rounds as PyTorch's does, to the last bit:
 *
 * - the TensorIterator walk: dims reordered (reduced dims innermost, then by input stride),
 *   adjacent dims coalesced, the loop called on 2-d slabs, each adding into its outputs;
 * - sum: SumKernel.cpp's cascade sum (multi_row_sum's four levels, row_sum's four interleaved
 *   partial sums, vector lanes for contiguous inner and outer reductions);
 * - prod: binary_kernel_reduce_vec (four vector accumulators);
 * - norm: the vectorised last-dim 2-norm, otherwise binary_kernel_reduce's sequential fold;
 * - var/std: the whole-tensor path (float mean, then squared deviations in double) or Welford in
 *   double;
 * - large reductions split among threads as `parallel_reduce` splits them (two passes for one
 *   output, otherwise the outputs' columns), which changes the grouping.
 *
 * The vector width is AVX2's (32 bytes, 8 float32 lanes), which x86 machines with AVX512 run too:
 * these kernels are registered with REGISTER_DISPATCH, which gives AVX512 no kernel of its own. The
 * grouping of reductions of GRAIN_SIZE elements or more depends on PyTorch's thread count, a
 * setting here (`setCpuReduction`), 8 by default (a common laptop's).
 */
import { contiguousStrides, numelOf } from '../../shape';
import type { Tensor } from '../../tensor';

/** The machine PyTorch is taken to run on: its thread count. */
export interface CpuReductionSettings {
  threads: number;
}

const settings: CpuReductionSettings = { threads: 8 };

/** Changes the machine the CPU reductions follow; returns the previous settings. @internal */
export function setCpuReduction(next: Partial<CpuReductionSettings>): CpuReductionSettings {
  const previous = { ...settings };
  if (next.threads !== undefined) settings.threads = Math.max(1, Math.floor(next.threads));
  return previous;
}

/** AVX2's vector register, in bytes. */
const VECTOR_BYTES = 32;

/** at::internal::GRAIN_SIZE: below this many elements a reduction runs on one thread. */
const GRAIN_SIZE = 32768;

type Data = ArrayLike<number> & { [i: number]: number };
type Op = (a: number, b: number) => number;

const addF32: Op = (a, b) => Math.fround(a + b);
const addF64: Op = (a, b) => a + b;
const mulF32: Op = (a, b) => Math.fround(a * b);
const mulF64: Op = (a, b) => a * b;

/**
 * fmaf(a, b, c): a * b + c rounded once to float32, as the compiler's fused multiply-add gives it
 * (PyTorch's AVX2 kernels are built with -mfma, and `acc + x * x` is contracted). a * b is exact in
 * double; the sum rounded to double can land on a float32 midpoint, where the sign of its rounding
 * error decides.
 */
function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const other = r + 2 * (s - r);
  if (Math.fround(other) !== other) return r;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  return (other > r) === (err > 0) ? other : r;
}

/** fma in double: a * b's rounding error (Dekker's split) carried into the sum, nearly always the rounded a * b + c. */
function fmaF64(a: number, b: number, c: number): number {
  const p = a * b;
  const split = (v: number) => {
    const t = 134217729 * v;
    const hi = t - (t - v);
    return [hi, v - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const pErr = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const bb = s - p;
  const sErr = p - (s - bb) + (c - bb);
  return s + (sErr + pErr);
}

function isF32(x: Tensor): boolean {
  return x.dtype === 'float32';
}

/** Elements per vector register for the tensor's dtype. */
function lanesOf(x: Tensor): number {
  return VECTOR_BYTES / (isF32(x) ? 4 : 8);
}

// ---- the TensorIterator ------------------------------------------------------------------------

/** A reduction's iteration space, innermost dim first, with element strides. */
interface Iter {
  shape: number[];
  inStrides: number[];
  outStrides: number[];
  inOffset: number;
  outOffset: number;
}

/**
 * TensorIterator's reduce_op(result, self): dims sorted by reorder_dimensions (the output's reduced
 * dims first, then ascending strides, output before input; ties keep the smaller size inside), then
 * coalesce_dimensions.
 */
function reductionIter(x: Tensor, dims: readonly number[]): Iter {
  const nd = x.shape.length;
  const keepShape = x.shape.map((s, i) => (dims.includes(i) ? 1 : s));
  const keepStrides = contiguousStrides(keepShape);
  const outStrides = x.shape.map((_, i) => (dims.includes(i) ? 0 : keepStrides[i]));
  const operands = [outStrides, x._strides];
  const shouldSwap = (d0: number, d1: number): number => {
    for (let arg = 0; arg < 2; arg++) {
      const s0 = operands[arg][d0];
      const s1 = operands[arg][d1];
      if (arg === 0 && (s0 === 0) !== (s1 === 0)) return s1 === 0 ? 1 : -1;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (x.shape[d0] > x.shape[d1]) return 1;
    }
    return 0;
  };
  const perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  for (let i = 1; i < nd; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const c = shouldSwap(perm[dim0], perm[dim1]);
      if (c > 0) {
        [perm[dim0], perm[dim1]] = [perm[dim1], perm[dim0]];
        dim1 = dim0;
      } else if (c < 0) break;
    }
  }
  const shape = perm.map((d) => x.shape[d]);
  const inStrides = perm.map((d) => x._strides[d]);
  const outS = perm.map((d) => outStrides[d]);
  return coalesce({ shape, inStrides, outStrides: outS, inOffset: x._offset, outOffset: 0 });
}

function coalesce(it: Iter): Iter {
  const { shape, inStrides, outStrides } = it;
  if (shape.length <= 1) return it;
  const canCoalesce = (d0: number, d1: number) =>
    shape[d0] === 1 || shape[d1] === 1 || (shape[d0] * inStrides[d0] === inStrides[d1] && shape[d0] * outStrides[d0] === outStrides[d1]);
  let prev = 0;
  for (let d = 1; d < shape.length; d++) {
    if (canCoalesce(prev, d)) {
      if (shape[prev] === 1) {
        inStrides[prev] = inStrides[d];
        outStrides[prev] = outStrides[d];
      }
      shape[prev] *= shape[d];
    } else {
      prev++;
      if (prev !== d) {
        inStrides[prev] = inStrides[d];
        outStrides[prev] = outStrides[d];
        shape[prev] = shape[d];
      }
    }
  }
  shape.length = inStrides.length = outStrides.length = prev + 1;
  return it;
}

/** The 2-d loop: (input, its base, output, its base, the two innermost sizes); strides from the iterator. */
type Loop2d = (src: Data, inBase: number, dst: Data, outBase: number, size0: number, size1: number, it: Iter) => void;

/** at::internal::serial_for_each over the flat range [begin, end): 2-d slabs where they fit, partial rows otherwise. */
function serialForEach(it: Iter, src: Data, dst: Data, outBase: number, begin: number, end: number, loop: Loop2d): void {
  if (end <= begin) return;
  const nd = it.shape.length;
  if (nd <= 1) {
    const s = nd === 1 ? it.inStrides[0] : 0;
    const o = nd === 1 ? it.outStrides[0] : 0;
    loop(src, it.inOffset + begin * s, dst, outBase + it.outOffset + begin * o, end - begin, 1, it);
    return;
  }
  const values = new Array<number>(nd).fill(0);
  let rest = begin;
  for (let d = 0; d < nd; d++) {
    values[d] = rest % it.shape[d];
    rest = Math.floor(rest / it.shape[d]);
  }
  let offset = begin;
  while (offset < end) {
    let inPtr = it.inOffset;
    let outPtr = outBase + it.outOffset;
    for (let d = 0; d < nd; d++) {
      inPtr += values[d] * it.inStrides[d];
      outPtr += values[d] * it.outStrides[d];
    }
    const step0 = Math.min(it.shape[0] - values[0], end - offset);
    const step1 = step0 === it.shape[0] ? Math.min(it.shape[1] - values[1], Math.floor((end - offset) / it.shape[0])) : 1;
    loop(src, inPtr, dst, outPtr, step0, step1, it);
    offset += step0 * step1;
    let overflow = step0;
    let d = 0;
    if (step1 !== 1) {
      d = 1;
      overflow = step1;
    }
    for (; d < nd && overflow > 0; d++) {
      let v = values[d] + overflow;
      if (v >= it.shape[d]) {
        overflow = 1;
        v -= it.shape[d];
      } else overflow = 0;
      values[d] = v;
    }
  }
}

/** at::parallel_for's split of [0, n) among threads: one contiguous chunk per thread. */
function threadChunks(n: number, grain: number): [number, number][] {
  const threads = settings.threads;
  if (n <= grain || n <= 1 || threads === 1) return [[0, n]];
  const count = Math.min(threads, Math.ceil(n / grain));
  const size = Math.ceil(n / count);
  const chunks: [number, number][] = [];
  for (let t = 0; t < count; t++) if (t * size < n) chunks.push([t * size, Math.min(n, (t + 1) * size)]);
  return chunks;
}

/**
 * TensorIteratorBase::parallel_reduce: one thread below GRAIN_SIZE elements; for a single output,
 * each thread reduces a chunk into its own slot (`identity` filled) and the slots are reduced
 * again; otherwise the threads share out the columns of a kept dim.
 */
function parallelReduce(it: Iter, x: Tensor, out: Data, identity: number, loop: Loop2d): void {
  const numel = numelOf(it.shape);
  const src = x._array() as Data;
  if (numel < GRAIN_SIZE || settings.threads === 1) {
    serialForEach(it, src, out, 0, 0, numel, loop);
    return;
  }
  if (out.length === 1) {
    // The slots hold values of x's dtype: the same array type as x keeps the loops monomorphic.
    const buffer = (isF32(x) ? new Float32Array(settings.threads) : new Float64Array(settings.threads)).fill(identity);
    const chunks = threadChunks(numel, GRAIN_SIZE);
    chunks.forEach(([b, e], t) => serialForEach(it, src, buffer, t, b, e, loop));
    const final: Iter = { shape: [buffer.length], inStrides: [1], outStrides: [0], inOffset: 0, outOffset: 0 };
    serialForEach(final, buffer, out, 0, 0, buffer.length, loop);
    return;
  }
  const dim = splitDim(it);
  const cols = it.shape[dim];
  const round = it.inStrides[dim] === 1 ? 128 / (isF32(x) ? 4 : 8) : 1;
  for (let [b, e] of threadChunks(cols, 1)) {
    b -= b % round;
    if (e !== cols) e -= e % round;
    if (b === e) continue;
    const shape = it.shape.slice();
    shape[dim] = e - b;
    const sub: Iter = { ...it, shape, inOffset: it.inOffset + b * it.inStrides[dim], outOffset: it.outOffset + b * it.outStrides[dim] };
    serialForEach(sub, src, out, 0, 0, numelOf(shape), loop);
  }
}

function isReduced(it: Iter, d: number): boolean {
  return it.outStrides[d] === 0 && it.shape[d] > 1;
}

/** find_split_dim: the outermost kept dim with at least as many columns as threads, else the widest. */
function splitDim(it: Iter): number {
  let best = it.shape.length - 1;
  for (let d = best; d >= 0 && !isReduced(it, d); d--) {
    if (it.shape[d] >= settings.threads) return d;
    if (it.shape[d] > it.shape[best]) best = d;
  }
  return best;
}

function strides2(s: readonly number[]): [number, number] {
  return [s[0] ?? 0, s[1] ?? 0];
}

// ---- sum: SumKernel.cpp's cascade sum --------------------------------------------------------------

function ceilLog2(x: number): number {
  return x <= 2 ? 1 : Math.floor(Math.log2(x - 1)) + 1;
}

/**
 * multi_row_sum: sums `size` rows of `nrows` columns of `width` lanes (lanes adjacent in memory) at
 * once, in four levels: every 2^p rows go up a level, so only sums of similar size meet.
 */
function multiRowSum(d: Data, base: number, rowStride: number, colStride: number, size: number, nrows: number, width: number, add: Op): Float64Array {
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / 4));
  const levelStep = 2 ** levelPower;
  const levelMask = levelStep - 1;
  const n = nrows * width;
  const acc = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const a0 = acc[0];
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) {
      const row = base + i * rowStride;
      for (let k = 0, q = 0; k < nrows; k++) {
        const p = row + k * colStride;
        for (let l = 0; l < width; l++, q++) a0[q] = add(a0[q], d[p + l]);
      }
    }
    for (let j = 1; j < 4; j++) {
      for (let q = 0; q < n; q++) {
        acc[j][q] = add(acc[j][q], acc[j - 1][q]);
        acc[j - 1][q] = 0;
      }
      if ((i & (levelMask << (j * levelPower))) !== 0) break;
    }
  }
  for (; i < size; i++) {
    const row = base + i * rowStride;
    for (let k = 0, q = 0; k < nrows; k++) {
      const p = row + k * colStride;
      for (let l = 0; l < width; l++, q++) a0[q] = add(a0[q], d[p + l]);
    }
  }
  for (let j = 1; j < 4; j++) for (let q = 0; q < n; q++) a0[q] = add(a0[q], acc[j][q]);
  return a0;
}

/** row_sum: one row as four interleaved partial sums (instruction-level parallelism), then their total. */
function rowSum(d: Data, base: number, stride: number, size: number, width: number, add: Op): Float64Array {
  const ilp = 4;
  const sizeIlp = Math.floor(size / ilp);
  const partial = multiRowSum(d, base, stride * ilp, stride, sizeIlp, ilp, width, add);
  for (let i = sizeIlp * ilp; i < size; i++) for (let l = 0; l < width; l++) partial[l] = add(partial[l], d[base + i * stride + l]);
  for (let k = 1; k < ilp; k++) for (let l = 0; l < width; l++) partial[l] = add(partial[l], partial[k * width + l]);
  return partial.subarray(0, width);
}

function cascadeLoop(lanes: number, add: Op): Loop2d {
  return (src, inBase, dst, outBase, size0, size1, it) => {
    let inS = strides2(it.inStrides);
    let outS = strides2(it.outStrides);
    if (outS[0] !== 0 && outS[1] === 0) {
      inS = [inS[1], inS[0]];
      outS = [outS[1], outS[0]];
      [size0, size1] = [size1, size0];
    }
    const store = (j: number, v: number) => {
      dst[outBase + j * outS[1]] = add(dst[outBase + j * outS[1]], v);
    };
    if (outS[0] !== 0) {
      // Not a reduction here (the reduced dims have size 1): out += in, element by element.
      for (let j = 0; j < size1; j++) {
        for (let i = 0; i < size0; i++) {
          const o = outBase + j * outS[1] + i * outS[0];
          dst[o] = add(dst[o], src[inBase + j * inS[1] + i * inS[0]]);
        }
      }
    } else if (inS[0] === 1 && size0 >= lanes) {
      // vectorized_inner_sum: whole vectors of a row in `lanes` partial sums, the tail, then the lanes.
      const vecSize = Math.floor(size0 / lanes);
      for (let j = 0; j < size1; j++) {
        const row = inBase + j * inS[1];
        const vacc = rowSum(src, row, lanes, vecSize, lanes, add);
        let total = 0;
        for (let k = vecSize * lanes; k < size0; k++) total = add(total, src[row + k]);
        for (let l = 0; l < lanes; l++) total = add(total, vacc[l]);
        store(j, total);
      }
    } else if (inS[1] === 1 && size1 >= lanes) {
      // vectorized_outer_sum: columns adjacent in memory, four vectors of them at a time.
      let j = 0;
      for (; j + 4 * lanes <= size1; j += 4 * lanes) {
        const sums = multiRowSum(src, inBase + j, inS[0], lanes, size0, 4, lanes, add);
        for (let q = 0; q < 4 * lanes; q++) store(j + q, sums[q]);
      }
      for (; j + lanes <= size1; j += lanes) {
        const sums = rowSum(src, inBase + j, inS[0], size0, lanes, add);
        for (let q = 0; q < lanes; q++) store(j + q, sums[q]);
      }
      for (; j < size1; j++) store(j, rowSum(src, inBase + j, inS[0], size0, 1, add)[0]);
    } else if (inS[0] < inS[1]) {
      for (let j = 0; j < size1; j++) store(j, rowSum(src, inBase + j * inS[1], inS[0], size0, 1, add)[0]);
    } else {
      let j = 0;
      for (; j + 3 < size1; j += 4) {
        const sums = multiRowSum(src, inBase + j * inS[1], inS[0], inS[1], size0, 4, 1, add);
        for (let k = 0; k < 4; k++) store(j + k, sums[k]);
      }
      for (; j < size1; j++) store(j, rowSum(src, inBase + j * inS[1], inS[0], size0, 1, add)[0]);
    }
  };
}

/** The sum of a float32/float64 `x` over `dims`, outputs in row-major order of the kept dims. */
export function floatSum(x: Tensor, dims: readonly number[]): Float64Array {
  const it = reductionIter(x, dims);
  const out = new Float64Array(numelOf(x.shape.filter((_, i) => !dims.includes(i))));
  if (x.numel() === 0) return out;
  parallelReduce(it, x, out, 0, cascadeLoop(lanesOf(x), isF32(x) ? addF32 : addF64));
  return out;
}

/** mean = sum / n in the tensor's precision (PyTorch's CPU mean is sum_out(...).div_(n)). */
export function floatMean(x: Tensor, dims: readonly number[]): Float64Array {
  const out = floatSum(x, dims);
  const n = dims.reduce((acc, d) => acc * x.shape[d], 1);
  const round = isF32(x) ? Math.fround : (v: number) => v;
  for (let i = 0; i < out.length; i++) out[i] = round(out[i] / round(n));
  return out;
}

// ---- prod: binary_kernel_reduce_vec ------------------------------------------------------------

function vecReduceLoop(lanes: number, op: Op): Loop2d {
  const block = 4 * lanes;
  /** vectorized_reduction: four vector accumulators seeded with the first `block` values, then one block per step. */
  const vectorized = (src: Data, base: number, n: number, stride: number): Float64Array => {
    const acc = new Float64Array(block);
    for (let q = 0; q < block; q++) acc[q] = src[base + q];
    for (let i = 1; i < n; i++) for (let q = 0; q < block; q++) acc[q] = op(acc[q], src[base + i * stride + q]);
    return acc;
  };
  return (src, inBase, dst, outBase, size0, size1, it) => {
    const inS = strides2(it.inStrides);
    const outS = strides2(it.outStrides);
    if (outS[0] === 0 && inS[0] === 1) {
      for (let j = 0; j < size1; j++) {
        const o = outBase + j * outS[1];
        const row = inBase + j * inS[1];
        const count = Math.floor(size0 / block);
        if (count > 0) {
          const acc = vectorized(src, row, count, block);
          const v = new Float64Array(lanes);
          for (let l = 0; l < lanes; l++) v[l] = op(op(acc[l], acc[lanes + l]), op(acc[2 * lanes + l], acc[3 * lanes + l]));
          let r = v[0];
          for (let l = 1; l < lanes; l++) r = op(r, v[l]);
          dst[o] = op(dst[o], r);
        }
        for (let i = count * block; i < size0; i++) dst[o] = op(dst[o], src[row + i]);
      }
    } else if (outS[0] === 0 && outS[1] === 1 && inS[1] === 1) {
      const full = Math.floor(size1 / block);
      for (let c = 0; c < full; c++) {
        const acc = vectorized(src, inBase + c * block, size0, inS[0]);
        for (let q = 0; q < block; q++) dst[outBase + c * block + q] = op(acc[q], dst[outBase + c * block + q]);
      }
      for (let j = full * block; j < size1; j++) {
        for (let i = 0; i < size0; i++) dst[outBase + j] = op(dst[outBase + j], src[inBase + j + i * inS[0]]);
      }
    } else {
      for (let j = 0; j < size1; j++) {
        for (let i = 0; i < size0; i++) {
          const o = outBase + j * outS[1] + i * outS[0];
          dst[o] = op(dst[o], src[inBase + j * inS[1] + i * inS[0]]);
        }
      }
    }
  };
}

/** The product of a float `x` over `dims`. */
export function floatProd(x: Tensor, dims: readonly number[]): Float64Array {
  const it = reductionIter(x, dims);
  const out = new Float64Array(numelOf(x.shape.filter((_, i) => !dims.includes(i)))).fill(1);
  if (x.numel() === 0) return out;
  parallelReduce(it, x, out, 1, vecReduceLoop(lanesOf(x), isF32(x) ? mulF32 : mulF64));
  return out;
}

// ---- binary_kernel_reduce: a sequential fold per output ------------------------------------------

interface FoldOps<A> {
  init: () => A;
  /** Folds `v` into `acc`, returning the result (an object accumulator may be updated in place). */
  reduce: (acc: A, v: number) => A;
  combine: (a: A, b: A) => A;
  project: (acc: A) => number;
}

/**
 * binary_kernel_reduce: each output folds its elements in the iterator's order; a single output
 * of GRAIN_SIZE elements or more is folded in per-thread chunks, combined in thread order.
 */
function foldReduce<A>(x: Tensor, dims: readonly number[], ops: FoldOps<A>): Float64Array {
  const it = reductionIter(x, dims);
  const nOut = numelOf(x.shape.filter((_, i) => !dims.includes(i)));
  const out = new Float64Array(nOut);
  const src = x._array() as Data;
  const nd = it.shape.length;
  let r = 0;
  while (r < nd && it.outStrides[r] === 0) r++;
  const reducedShape = it.shape.slice(0, r);
  const k = numelOf(reducedShape);
  const foldRange = (base: number, begin: number, end: number, acc: A): A => {
    if (r === 0) return end > begin ? ops.reduce(acc, src[base]) : acc;
    const idx = new Array<number>(r).fill(0);
    let rest = begin;
    for (let d = 0; d < r; d++) {
      idx[d] = rest % reducedShape[d];
      rest = Math.floor(rest / reducedShape[d]);
    }
    const s0 = it.inStrides[0];
    for (let e = begin; e < end; ) {
      let p = base;
      for (let d = 0; d < r; d++) p += idx[d] * it.inStrides[d];
      const run = Math.min(reducedShape[0] - idx[0], end - e);
      for (let t = 0; t < run; t++, p += s0) acc = ops.reduce(acc, src[p]);
      e += run;
      idx[0] += run;
      for (let d = 0; d < r - 1 && idx[d] === reducedShape[d]; d++) {
        idx[d] = 0;
        idx[d + 1]++;
      }
    }
    return acc;
  };
  const keptShape = it.shape.slice(r);
  const kept = new Array<number>(keptShape.length).fill(0);
  for (let o = 0; o < nOut; o++) {
    let base = it.inOffset;
    let outPos = 0;
    for (let d = 0; d < kept.length; d++) {
      base += kept[d] * it.inStrides[r + d];
      outPos += kept[d] * it.outStrides[r + d];
    }
    let acc: A;
    if (nOut === 1 && k >= GRAIN_SIZE && settings.threads > 1) {
      const partial = Array.from({ length: settings.threads }, ops.init);
      threadChunks(k, GRAIN_SIZE).forEach(([b, e], t) => (partial[t] = foldRange(base, b, e, ops.init())));
      acc = ops.init();
      for (const p of partial) acc = ops.combine(acc, p);
    } else acc = foldRange(base, 0, k, ops.init());
    out[outPos] = ops.project(acc);
    for (let d = 0; d < kept.length && ++kept[d] === keptShape[d]; d++) kept[d] = 0;
  }
  return out;
}

// ---- norm: norm_kernel_tensor_iterator_impl ------------------------------------------------------

/** The vector p-norm of a float `x` over `dims` (ord 2 of a contiguous last dim takes the vectorised path). */
export function floatNorm(x: Tensor, dims: readonly number[], p: number): Float64Array {
  const f32 = isF32(x);
  const round = f32 ? Math.fround : (v: number) => v;
  const add = f32 ? addF32 : addF64;
  const fma = f32 ? fmaf : fmaF64;
  if (dims.every((d) => x.shape[d] === 1)) {
    // linalg_vector_norm over dims of size 1 is |x| (x != 0 for ord 0), not a reduction.
    const v = x._values();
    return Float64Array.from(v, (e) => (p === 0 ? (e !== 0 ? 1 : 0) : Math.abs(e)));
  }
  const it = reductionIter(x, dims);
  const reducedDims = it.outStrides.filter((s, d) => s === 0 && it.shape[d] > 1).length;
  if (p === 2 && reducedDims === 1 && isReduced(it, 0) && it.inStrides[0] === 1 && x.numel() > 0) return lastDimTwoNorm(x, it, add, fma, round);
  const abs = Math.abs;
  const sumOps = (term: (v: number) => number, project: (a: number) => number): FoldOps<number> => ({
    init: () => 0,
    reduce: (a, v) => add(a, term(v)),
    combine: add,
    project,
  });
  const pick = (better: (a: number, b: number) => boolean, init: number): FoldOps<number> => ({
    init: () => init,
    reduce: (a, v) => {
      const b = abs(v);
      return a !== a || b !== b ? NaN : better(b, a) ? b : a;
    },
    combine: (a, b) => (a !== a || b !== b ? NaN : better(b, a) ? b : a),
    project: (a) => a,
  });
  const inv = round(1 / p);
  const ops =
    p === 0 ? sumOps((v) => (v === 0 ? 0 : 1), (a) => a)
    : p === 1 ? sumOps(abs, (a) => a)
    : p === 2 ? sumOps((v) => round(v * v), (a) => round(Math.sqrt(a)))
    : p === Infinity ? pick((b, a) => b > a, 0)
    : p === -Infinity ? pick((b, a) => b < a, Infinity)
    : sumOps((v) => round(abs(v) ** p), (a) => round(a ** inv));
  return foldReduce(x, dims, ops);
}

/**
 * The vectorised 2-norm of rows contiguous in memory: `lanes` sums of squares, added up, then the
 * tail, whose `acc += x * x` the compiler fuses into one rounding.
 */
function lastDimTwoNorm(x: Tensor, it: Iter, add: Op, fma: (a: number, b: number, c: number) => number, round: (v: number) => number): Float64Array {
  const lanes = lanesOf(x);
  const size = it.shape[0];
  const src = x._array() as Data;
  const outIter: Iter = { shape: it.shape.slice(1), inStrides: it.inStrides.slice(1), outStrides: it.outStrides.slice(1), inOffset: it.inOffset, outOffset: 0 };
  const nOut = numelOf(outIter.shape);
  const out = new Float64Array(nOut);
  const idx = new Array<number>(outIter.shape.length).fill(0);
  const acc = new Float64Array(lanes);
  for (let o = 0; o < nOut; o++) {
    let base = outIter.inOffset;
    let outPos = 0;
    for (let d = 0; d < idx.length; d++) {
      base += idx[d] * outIter.inStrides[d];
      outPos += idx[d] * outIter.outStrides[d];
    }
    acc.fill(0);
    let d = 0;
    for (; d < size - (size % lanes); d += lanes) for (let l = 0; l < lanes; l++) acc[l] = add(acc[l], round(src[base + d + l] * src[base + d + l]));
    let total = acc[0];
    for (let l = 1; l < lanes; l++) total = add(total, acc[l]);
    for (; d < size; d++) total = fma(src[base + d], src[base + d], total);
    out[outPos] = round(Math.sqrt(total));
    for (let q = 0; q < idx.length && ++idx[q] === outIter.shape[q]; q++) idx[q] = 0;
  }
  return out;
}

// ---- var / std -------------------------------------------------------------------------------------

/**
 * var (or std with `root`) of a float `x` over `dims`. Over the whole tensor (every dim longer than
 * 1 reduced) PyTorch's std_var_all_cpu takes the mean in the tensor's precision, then sums the
 * squared deviations in double; over some dims, Welford's algorithm in double.
 */
export function floatVariance(x: Tensor, dims: readonly number[], correction: number, root: boolean): Float64Array {
  const round = isF32(x) ? Math.fround : (v: number) => v;
  const finish = (m2: number, n: number) => {
    const v = m2 / Math.max(0, n - correction);
    return round(root ? Math.sqrt(v) : v);
  };
  const whole = x.shape.every((s, i) => s === 1 || dims.includes(i));
  if (whole && x.numel() > 0) {
    const all = x.shape.map((_, i) => i);
    const mean = floatMean(x, all)[0];
    const ops: FoldOps<number> = { init: () => 0, reduce: (a, v) => a + (v - mean) * (v - mean), combine: (a, b) => a + b, project: (a) => a };
    const m2 = foldReduce(x, all, ops)[0];
    const out = new Float64Array(numelOf(x.shape.filter((_, i) => !dims.includes(i))));
    out.fill(finish(m2, x.numel()));
    return out;
  }
  interface Welford {
    mean: number;
    m2: number;
    n: number;
  }
  const welford: FoldOps<Welford> = {
    init: () => ({ mean: 0, m2: 0, n: 0 }),
    reduce: (a, v) => {
      // Updated in place: one accumulator per output, not one object per element.
      const n = a.n + 1;
      const delta = v - a.mean;
      a.mean += delta / n;
      a.m2 += delta * (v - a.mean);
      a.n = n;
      return a;
    },
    combine: (a, b) => {
      if (a.n === 0) return b;
      if (b.n === 0) return a;
      const n = a.n + b.n;
      const delta = b.mean - a.mean;
      return { mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + ((delta * delta) * a.n * b.n) / n, n };
    },
    project: (a) => finish(a.m2, a.n),
  };
  return foldReduce(x, dims, welford);
}
