/**
 * float32 (and float64) reductions on the CPU give PyTorch's values to the last bit: sum, mean,
 * var, std, vector norms and prod of sizes 1 to 100,000, contiguous and strided, over every dim.
 * The expected values are real PyTorch 2.x's (engine/ops/gen_reduce_reference.py writes
 * reduce_reference.json): sum on AVX2 and AVX512 machines (which run the same AVX2 kernels) with
 * several thread counts, which change the grouping of large sums; the others on the default
 * machine. Each case holds the first values and an FNV-1a digest of all of them, over their bits;
 * the norms of ord 2 and 3 and logsumexp hold all their values and are checked to one float32 ulp
 * (logsumexp: two) (README, "What differs").
 */
import { describe, it, expect, afterAll } from 'vitest';
import reference from './reduce_reference.json';
import { Tensor } from '../index';
import { contiguousStrides, numelOf } from '../shape';
import { setCpuReduction } from '../backends/cpu/float_reduce';

interface Case {
  op: string;
  dtype: 'float32' | 'float64';
  shape: number[];
  layout: string;
  base: number[];
  seed: number;
  dim: number | number[] | null;
  values: string;
  count: number;
  fnv: number;
}

const F37 = Math.fround(3.7);
const F03 = Math.fround(0.3);
const F001 = Math.fround(0.01);

/** The generator's inputs: a hashed counter made a float32 in [-0.5, 0.5), scaled and shifted in float32. */
function data(n: number, seed: number, prod: boolean, dtype: Case['dtype']): Float32Array | Float64Array {
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(((i * 2654435761 + seed * 97531) % 4294967296) / 256);
    const u = Math.fround(k / 16777216 - 0.5);
    out[i] = prod ? Math.fround(1 + Math.fround(u * F001)) : Math.fround(Math.fround(u * F37) + F03);
  }
  return out;
}

/** The case's view of its base tensor, as the generator's layouts() takes it. */
function view(c: Case, base: Tensor): Tensor {
  const s = c.shape;
  const bs = contiguousStrides(c.base);
  const at = (strides: number[], offset = 0) => new Tensor(base._array(), s, base.dtype, { strides, offset });
  switch (c.layout) {
    case 'contiguous':
      return base;
    case 'step2':
      return at([2]);
    case 'step3-offset1':
      return at([3], 1);
    case 'transposed':
      return at([1, bs[0]]);
    case 'columns-step2':
      return at([bs[0], 2]);
    case 'permuted-201':
      return at([1, bs[0], bs[1]]);
    case 'rows-offset':
      return at(bs, bs[0]);
  }
  throw new Error(`unknown layout ${c.layout}`);
}

function reduce(c: Case, x: Tensor): Tensor {
  const d = c.dim;
  switch (c.op) {
    case 'sum':
      return d === null ? x.sum() : x.sum(d);
    case 'mean':
      return d === null ? x.mean() : x.mean(d);
    case 'var':
      return d === null ? x.var() : x.var(d);
    case 'std':
      return d === null ? x.std() : x.std(d);
    case 'norm':
      return x.norm(2, d);
    case 'norm1':
      return x.norm(1, d);
    case 'norm3':
      return x.norm(3, d);
    case 'prod':
      return d === null ? x.prod() : x.prod(d as number);
    case 'logsumexp':
      return x.logsumexp(d as number | number[]);
  }
  throw new Error(`unknown op ${c.op}`);
}

function digest(t: Tensor): number {
  const values = t.contiguous()._array();
  const words = new Uint32Array(values.buffer, values.byteOffset, values.byteLength / 4);
  let h = 2166136261;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 16777619) >>> 0;
  return h;
}

/** The distance in float32 (or float64) steps between two values of the same sign. */
function ulps(a: number, b: number, dtype: Case['dtype']): number {
  if (a === b) return 0;
  if (dtype === 'float32') {
    const bits = new Int32Array(new Float32Array([a, b]).buffer);
    return Math.abs(bits[0] - bits[1]);
  }
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  return Number(bits[0] > bits[1] ? bits[0] - bits[1] : bits[1] - bits[0]);
}

/** The ops checked to a number of ulps, and how many: the norms (their compiled tail loop, powf) and logsumexp (its log). */
const APPROXIMATE: Record<string, number> = { norm: 1, norm3: 1, logsumexp: 2 };

/** What differs in one case, or null when it matches. */
function check(c: Case): string | null {
  const n = numelOf(c.base);
  const base = new Tensor(data(n, c.seed, c.op === 'prod', c.dtype), c.base, c.dtype);
  const y = reduce(c, view(c, base));
  const want = c.values === '' ? [] : c.values.split(' ').map((v) => (c.dtype === 'float32' ? Math.fround(Number(v)) : Number(v)));
  const got = Array.from(y.contiguous()._array());
  if (y.numel() === c.count && digest(y) === c.fnv) return null;
  const bound = APPROXIMATE[c.op];
  if (bound !== undefined && got.length === want.length && got.every((v, i) => ulps(v, want[i], c.dtype) <= bound)) return null;
  return `${c.op} ${c.dtype} ${c.layout} [${c.shape}] dim=${JSON.stringify(c.dim)}: got ${got.slice(0, 4).join(' ')} (${y.numel()} values), PyTorch ${want.slice(0, 4).join(' ')} (${c.count})`;
}

const configs = reference.configs as { capability: 'avx2' | 'avx512'; threads: number; results: Case[] }[];
const defaults = setCpuReduction({});

afterAll(() => {
  setCpuReduction(defaults);
});

describe(`CPU reductions match PyTorch ${reference.torch} to the bit`, () => {
  it('the engine follows the machine the reference was made on by default: AVX2 with 8 threads', () => {
    expect(defaults).toEqual({ threads: 8 });
  });

  for (const config of configs) {
    const ops = [...new Set(config.results.map((c) => c.op))];
    for (const op of ops) {
      const cases = config.results.filter((c) => c.op === op);
      it(`${op}, ${config.capability}, ${config.threads} thread(s): ${cases.length} cases`, () => {
        setCpuReduction({ threads: config.threads });
        const misses = cases.map(check).filter((m): m is string => m !== null);
        setCpuReduction(defaults);
        expect(misses.slice(0, 10), `${misses.length} of ${cases.length} differ`).toEqual([]);
      });
    }
  }
});
