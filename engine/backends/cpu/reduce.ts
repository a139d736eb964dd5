/**
 * CPU reductions, scans and softmax. Sums accumulate in double (`reduceInto`); the other
 * reductions see each output's values as one contiguous row and fold it with the row function of
 * the reduction's descriptor (the same descriptor the WebGPU kernels compile).
 */
import { allocStorage, isFloating, type DType, type StorageArray } from '../../dtype';
import { Tensor } from '../../tensor';
import { numelOf, type Shape } from '../../shape';
import type { Reduction } from '../backend';
import { binaryMap, castCopy, reduceInto, ternaryMap } from './kernels';
import { floatMean, floatNorm, floatProd, floatSum, floatVariance } from './float_reduce';

function store(acc: Float64Array, shape: Shape, dtype: DType): Tensor {
  const out = allocStorage(dtype, acc.length);
  out.set(acc);
  return new Tensor(out, shape, dtype);
}

/** The sum over `dims` (divided by the count of summed values for a mean), accumulated in double. */
export function sum(x: Tensor, dims: readonly number[], outDtype: DType, outShape: Shape, mean: boolean): Tensor {
  if (isFloating(outDtype)) {
    // Floats add up in their own precision and PyTorch's order (float_reduce.ts), the input converted first as make_reduction does.
    const input = x.dtype === outDtype ? x : castCopy(x, outDtype);
    return store((mean ? floatMean : floatSum)(input, dims), outShape, outDtype);
  }
  const { acc } = reduceInto(x, dims, 0, (a, v) => a + v);
  if (mean) {
    const count = dims.reduce((n, d) => n * x.shape[d], 1);
    for (let i = 0; i < acc.length; i++) acc[i] /= count;
  }
  return store(acc, outShape, outDtype);
}

/**
 * The values of `x` with the reduced dims moved innermost, so output element r reduces the
 * contiguous run `values[r*k .. r*k+k)` (outputs in row-major order of the kept dims).
 */
function reductionRows(x: Tensor, dims: readonly number[]): { values: StorageArray; k: number; rows: number } {
  const kept = x.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...dims];
  const moved = new Tensor(x._data, order.map((d) => x.shape[d]), x.dtype, { strides: order.map((d) => x._strides[d]), offset: x._offset });
  return { values: moved._values(), k: numelOf(dims.map((d) => x.shape[d])), rows: numelOf(kept.map((d) => x.shape[d])) };
}

type RowFn = (values: StorageArray, start: number, k: number) => number;
type Better = (candidate: number, best: number) => boolean;
const greater: Better = (c, b) => c > b;
const less: Better = (c, b) => c < b;

/** The offset of the first extreme value in a row; a NaN wins, as in PyTorch's kernels. */
function argBest(v: StorageArray, start: number, k: number, better: Better): number {
  let bi = 0;
  let best = v[start];
  for (let j = 1; j < k; j++) {
    const c = v[start + j];
    if (best === best && (c !== c || better(c, best))) {
      best = c;
      bi = j;
    }
  }
  return bi;
}

const product: RowFn = (v, start, k) => {
  let p = 1;
  for (let j = 0; j < k; j++) p *= v[start + j];
  return p;
};

const rowSum: RowFn = (v, start, k) => {
  let s = 0;
  for (let j = 0; j < k; j++) s += v[start + j];
  return s;
};

/** Two-pass variance in double; the divisor is clamped at 0 as PyTorch's (giving inf or nan). */
function varianceOf(correction: number): RowFn {
  return (v, start, k) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += v[start + j];
    const m = s / k;
    let m2 = 0;
    for (let j = 0; j < k; j++) m2 += (v[start + j] - m) ** 2;
    return m2 / Math.max(0, k - correction);
  };
}

/** Stable log(sum(exp(x))): shifted by the row max, unless that max is infinite (PyTorch's rule). */
const logSumExpRow: RowFn = (v, start, k) => {
  let m = -Infinity;
  for (let j = 0; j < k; j++) m = Math.max(m, v[start + j]);
  const shift = Number.isFinite(m) ? m : 0;
  let s = 0;
  for (let j = 0; j < k; j++) s += Math.exp(v[start + j] - shift);
  return Math.log(s) + shift;
};

function vectorNormOf(p: number): RowFn {
  return (v, start, k) => {
    if (p === Infinity || p === -Infinity) {
      if (k === 0) return 0;
      let best = Math.abs(v[start]);
      for (let j = 1; j < k; j++) best = p > 0 ? Math.max(best, Math.abs(v[start + j])) : Math.min(best, Math.abs(v[start + j]));
      return best;
    }
    let s = 0;
    for (let j = 0; j < k; j++) {
      const a = Math.abs(v[start + j]);
      s += p === 0 ? (a !== 0 ? 1 : 0) : p === 1 ? a : p === 2 ? a * a : a ** p;
    }
    return p === 0 || p === 1 ? s : p === 2 ? Math.sqrt(s) : s ** (1 / p);
  };
}

function truthOf(every: boolean): RowFn {
  return (v, start, k) => {
    for (let j = 0; j < k; j++) if ((v[start + j] !== 0) !== every) return every ? 0 : 1;
    return every ? 1 : 0;
  };
}

function rowFnOf(r: Reduction): RowFn {
  switch (r.op) {
    case 'sum':
      return r.scale === undefined ? rowSum : (v, start, k) => rowSum(v, start, k) * r.scale!;
    case 'prod':
      return product;
    case 'max':
    case 'min': {
      const better = r.op === 'max' ? greater : less;
      return (v, start, k) => v[start + argBest(v, start, k, better)];
    }
    case 'argmax':
    case 'argmin': {
      const better = r.op === 'argmax' ? greater : less;
      return (v, start, k) => argBest(v, start, k, better);
    }
    case 'all':
    case 'any':
      return truthOf(r.op === 'all');
    case 'logsumexp':
      return logSumExpRow;
    case 'var': {
      const v = varianceOf(r.correction);
      return r.root ? (vals, start, k) => Math.sqrt(v(vals, start, k)) : v;
    }
    case 'norm':
      return vectorNormOf(r.p);
  }
}

/** Reduces `x` over `dims` into a fresh tensor of `outShape` (row-major over the kept dims). */
export function reduce(x: Tensor, dims: readonly number[], r: Reduction, outDtype: DType, outShape: Shape): Tensor {
  const float = isFloating(x.dtype) && x.dtype === outDtype ? floatReduction(r) : null;
  if (float) return store(float(x, dims), outShape, outDtype);
  const f = rowFnOf(r);
  const { values, k, rows } = reductionRows(x, dims);
  const out = allocStorage(outDtype, rows);
  for (let i = 0; i < rows; i++) out[i] = f(values, i * k, k);
  return new Tensor(out, outShape, outDtype);
}

/** prod, var/std and norm of a float tensor in its own precision and PyTorch's kernel order (float_reduce.ts). */
function floatReduction(r: Reduction): ((x: Tensor, dims: readonly number[]) => Float64Array) | null {
  if (r.op === 'prod') return floatProd;
  if (r.op === 'var') return (x, dims) => floatVariance(x, dims, r.correction, r.root);
  if (r.op === 'norm') return (x, dims) => floatNorm(x, dims, r.p);
  return null;
}

/** `max(dim)` / `min(dim)`: the values and the int64 indices of the first extreme. */
export function extremeWithIndices(x: Tensor, dims: readonly number[], kind: 'max' | 'min', shape: Shape): [Tensor, Tensor] {
  const { values, k, rows } = reductionRows(x, dims);
  const vals = allocStorage(x.dtype, rows);
  const idx = allocStorage('int64', rows);
  const better = kind === 'max' ? greater : less;
  for (let r = 0; r < rows; r++) {
    const j = argBest(values, r * k, k, better);
    idx[r] = j;
    vals[r] = values[r * k + j];
  }
  return [new Tensor(vals, shape, x.dtype), new Tensor(idx, shape, 'int64')];
}

/** Running sums along `d`, accumulated in double as PyTorch's CPU kernel does, stored per step. */
export function cumsum(x: Tensor, d: number, dtype: DType): Tensor {
  const values = x._values();
  const out = allocStorage(dtype, values.length);
  const n = x.shape.length === 0 ? 1 : x.shape[d];
  const inner = numelOf(x.shape.slice(d + 1));
  const outer = n === 0 ? 0 : values.length / (n * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = 0;
      for (let j = 0, p = o * n * inner + i; j < n; j++, p += inner) {
        acc += values[p];
        out[p] = acc;
      }
    }
  }
  return new Tensor(out, x.shape, dtype);
}

/** Per slice along `d`: the max (the shift) and the sum of exp(x - max), both keepdim-shaped doubles. */
function shiftedSums(x: Tensor, d: number): { shift: Tensor; total: Tensor } {
  const dims = x.shape.length === 0 ? [] : [d];
  const { acc: maxes, keepShape } = reduceInto(x, dims, -Infinity, (m, v) => (m !== m || v !== v ? NaN : Math.max(m, v)));
  const shift = new Tensor(maxes, keepShape, 'float64');
  const shifted = binaryMap(x, shift, x.shape, 'float64', (v, m) => Math.exp(v - m));
  const { acc: totals } = reduceInto(shifted, dims, 0, (s, v) => s + v);
  return { shift, total: new Tensor(totals, keepShape, 'float64') };
}

/** softmax (or log_softmax) along `d`: shifted by the max, computed in double, stored in x's dtype. */
export function softmax(x: Tensor, d: number, log: boolean): Tensor {
  const { shift, total } = shiftedSums(x, d);
  return log
    ? ternaryMap(x, shift, total, x.shape, x.dtype, (v, m, s) => v - m - Math.log(s))
    : ternaryMap(x, shift, total, x.shape, x.dtype, (v, m, s) => Math.exp(v - m) / s);
}
