/**
 * Reductions: sum, mean, max/min, amax/amin, argmax/argmin, prod, var/std, logsumexp, norm,
 * all/any, and the scan cumsum. Each saves what PyTorch 1.13's Node saves (`_saved_dim` keeps the
 * dim as the caller wrote it) and differentiates with Tensor ops, so create_graph works.
 */
import { Tensor } from '../tensor';
import { record } from '../autograd/function';
import { backendOf, castCopy, readableNow, transfer } from '../backends';
import type { Reduction } from '../backends/backend';
import { allocStorage, isFloating, type DType } from '../dtype';
import { isExpandableTo, normDims, numelOf, sameShape, wrapDim, type Shape } from '../shape';
import { abs, add, div, eq, exp, isnan, log, logical_and, logical_or, maximum, minimum, mul, pow, sign, sub, where, zerosLike } from './elementwise';
import { no_grad } from '../autograd/grad_mode';
import { to, unsqueeze } from './shape';
import { installMethods } from './util';
import { IndexError, RuntimeError } from '../errors';
import { writeOut } from './out';
import { derivatives } from '../autograd/derivatives';

type DimArg = number | readonly number[] | null | undefined;

/** The shape after reducing `dims` (kept as 1 with keepdim). */
function reducedShape(shape: Shape, dims: readonly number[], keepdim: boolean): number[] {
  return keepdim ? shape.map((s, i) => (dims.includes(i) ? 1 : s)) : shape.filter((_, i) => !dims.includes(i));
}

/** A reduction's output (or its gradient) with the reduced dims put back as size 1: PyTorch's unsqueeze_multiple. */
function restoreDims(t: Tensor, inShape: Shape, dims: readonly number[], keepdim: boolean): Tensor {
  return keepdim ? t : t.reshape(inShape.map((s, i) => (dims.includes(i) ? 1 : s)));
}

/** The gradient of a reduction spread back over the reduced dims (unsqueezed when keepdim=false). */
function expandBack(g: Tensor, inShape: Shape, dims: readonly number[], keepdim: boolean): Tensor {
  return restoreDims(g, inShape, dims, keepdim).expand(inShape);
}

/** `sum()` / `sum(dim, keepdim)`: SumBackward0 for the full sum, SumBackward1 with dims. */
export function sum(self: Tensor, dim?: DimArg, keepdimArg?: boolean, dtype?: DType): Tensor {
  const { dims, keepdim, full } = reduceArgs(self, dim, keepdimArg);
  const outDtype = dtype ?? (self.dtype === 'bool' || self.dtype === 'int64' ? 'int64' : self.dtype);
  const outShape = reducedShape(self.shape, dims, keepdim);
  const out = backendOf(self).sum(self, dims, outDtype, outShape, false);
  const inShape = self.shape.slice();
  if (full) {
    return record('SumBackward0', [self], out, { self_sym_sizes: inShape }, ([g]) => [g!.expand(inShape)]);
  }
  return record('SumBackward1', [self], out, { self_sym_sizes: inShape, dim: savedDimList(dim!), keepdim }, ([g]) => [expandBack(g!, inShape, dims, keepdim)]);
}

export function mean(self: Tensor, dim?: DimArg, keepdimArg?: boolean, dtype?: DType): Tensor {
  const { dims, keepdim, full } = reduceArgs(self, dim, keepdimArg);
  const outDtype = dtype ?? self.dtype;
  if (!isFloating(outDtype)) {
    throw new RuntimeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${outDtype === 'int64' ? 'Long' : 'Bool'}`);
  }
  const count = dims.reduce((n, d) => n * self.shape[d], 1);
  const outShape = reducedShape(self.shape, dims, keepdim);
  const out = backendOf(self).sum(self, dims, outDtype, outShape, true);
  const inShape = self.shape.slice();
  if (full) {
    return record('MeanBackward0', [self], out, { self_sym_numel: numelOf(inShape), self_sym_sizes: inShape }, ([g]) => [g!.expand(inShape).div(count)]);
  }
  return record('MeanBackward1', [self], out, { dim: savedDimList(dim!), keepdim, self_sym_numel: numelOf(inShape), self_sym_sizes: inShape }, ([g]) => [
    expandBack(g!, inShape, dims, keepdim).div(count),
  ]);
}

/** Sums `self` down to `shape` (the inverse of broadcasting), as the engine reduces gradients. */
export function sum_to_size(self: Tensor, size: readonly number[]): Tensor {
  const shape = size;
  if (sameShape(self.shape, shape)) return self;
  if (!isExpandableTo(shape, self.shape)) {
    throw new RuntimeError(`size {${shape.join(', ')}} is not expandable to size {${self.shape.join(', ')}}.`);
  }
  const lead = self.shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < self.shape.length; i++) if (i < lead || (shape[i - lead] === 1 && self.shape[i] !== 1)) dims.push(i);
  const summed = sum(self, dims, true);
  return lead > 0 || !sameShape(summed.shape, shape) ? summed.reshape(shape) : summed;
}

/** A reduction's dims: every dim for none (or an empty list, PyTorch 1.13's rule, recorded as the dim form's Node). */
function reduceArgs(self: Tensor, dimArg: DimArg, keepdim = false): { dims: number[]; keepdim: boolean; full: boolean } {
  const full = dimArg === undefined || dimArg === null;
  const dims = !full && typeof dimArg !== 'number' && dimArg.length === 0 ? allDims(self) : normDims(dimArg, self.shape.length);
  return { dims, keepdim, full };
}

// ---- helpers ---------------------------------------------------------------------------------------

const SCALAR_TYPE: Record<DType, string> = { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' };

/** Reduces `x` over `dims` as `r` says, on x's backend. */
function reduceRows(x: Tensor, dims: readonly number[], keepdim: boolean, dtype: DType, r: Reduction): Tensor {
  return backendOf(x).reduce(x, dims, r, dtype, reducedShape(x.shape, dims, keepdim));
}

function countValues(t: Tensor, pred: (v: number) => boolean): number {
  const values = t._values();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (pred(values[i])) n++;
  return n;
}

function countZeros(t: Tensor): number {
  return countValues(t, (v) => v === 0);
}

function allDims(self: Tensor): number[] {
  return self.shape.map((_, i) => i);
}

/** PyTorch's checks before a reduction that has no identity value (max, argmax, amax, ...). */
function checkFullReduction(op: string, self: Tensor, hint: boolean): void {
  if (self.numel() === 0) {
    const tail = hint ? " Specify the reduction dim with the 'dim' argument." : '';
    // max/min/amax check with TORCH_CHECK, argmax/argmin with TORCH_CHECK_INDEX.
    const Cls = hint ? RuntimeError : IndexError;
    throw new Cls(`${op}(): Expected reduction dim to be specified for input.numel() == 0.${tail}`);
  }
}

function checkNonEmptyDim(op: string, self: Tensor, d: number, shown: number = d): void {
  if (self.shape.length > 0 && self.shape[d] === 0) throw new IndexError(`${op}(): Expected reduction dim ${shown} to have non-zero size.`);
}

/**
 * Reduces over every dim for `null`, `undefined` or an empty list (PyTorch 1.13's rule), over the
 * given ones otherwise; a 0-d tensor accepts dim 0 or -1 but has no dim to reduce.
 */
function dimsOf(self: Tensor, dim: DimArg): number[] {
  if (dim === undefined || dim === null || (typeof dim !== 'number' && dim.length === 0)) return allDims(self);
  return normDims(dim, self.shape.length).filter((d) => d < self.shape.length);
}

/** `_saved_dim` as PyTorch keeps a dim list: the caller's values as a tuple. */
function savedDimList(dim: number | readonly number[]): number[] {
  return typeof dim === 'number' ? [dim] : dim.slice();
}

// ---- max / min -------------------------------------------------------------------------------------

/** `torch.return_types.max(values=..., indices=...)`: a tuple that also names its fields. */
export type MinMaxResult = readonly [values: Tensor, indices: Tensor] & { readonly values: Tensor; readonly indices: Tensor };

function returnTypes(name: string, values: Tensor, indices: Tensor): MinMaxResult {
  const repr = (): string => `torch.return_types.${name}(\nvalues=${values.toString()},\nindices=${indices.toString()})`;
  const tuple = [values, indices];
  Object.defineProperties(tuple, {
    values: { value: values },
    indices: { value: indices },
    __repr__: { value: repr },
    toString: { value: repr },
  });
  return Object.freeze(tuple) as unknown as MinMaxResult;
}

/**
 * `max()`'s gradient: shared evenly among every element equal to the result (all NaNs when the
 * result is NaN), PyTorch's evenly_distribute_backward.
 */
function evenlyDistribute(g: Tensor, input: Tensor, value: Tensor): Tensor {
  if (!readableNow(input)) {
    // The NaN test and the count stay on the device: no value is read back.
    const gpuMask = where(isnan(value), isnan(input), eq(input, value));
    return mul(gpuMask, div(g, sum(gpuMask)));
  }
  const mask = Number.isNaN(value.item()) ? isnan(input) : eq(input, value);
  return mul(mask, div(g, countValues(mask, (v) => v !== 0)));
}

/** `max(dim)`'s gradient: all of it to the selected index (PyTorch's value_selecting_reduction_backward). */
function valueSelectingBackward(g: Tensor, dim: number, indices: Tensor, sizes: Shape, keepdim: boolean): Tensor {
  if (sizes.length === 0) return g;
  const n = sizes[dim];
  const positions = allocStorage('int64', n);
  for (let i = 0; i < n; i++) positions[i] = i;
  const made = new Tensor(positions, sizes.map((s, i) => (i === dim ? n : 1)), 'int64');
  const along = indices.device === made.device ? made : transfer(made, 'int64', indices.device);
  const mask = eq(keepdim ? indices : unsqueeze(indices, dim), along);
  return where(mask, keepdim ? g : unsqueeze(g, dim), 0);
}

function fullExtreme(op: 'max' | 'min', self: Tensor): Tensor {
  checkFullReduction(op, self, true);
  const out = reduceRows(self, allDims(self), false, self.dtype, { op });
  const node = op === 'max' ? 'MaxBackward1' : 'MinBackward1';
  return record(node, [self], out, { result: out, self }, ([g], s) => [evenlyDistribute(g!, s.self as Tensor, s.result as Tensor)]);
}

function dimExtreme(op: 'max' | 'min', self: Tensor, dim: number, keepdim: boolean): MinMaxResult {
  const d = wrapDim(dim, self.shape.length);
  checkNonEmptyDim(op, self, d);
  const dims = self.shape.length === 0 ? [] : [d];
  const shape = reducedShape(self.shape, dims, keepdim);
  const [valuesOut, indices] = backendOf(self).extremeWithIndices(self, dims, op, shape);
  const sizes = self.shape.slice();
  const node = op === 'max' ? 'MaxBackward0' : 'MinBackward0';
  const out = record(node, [self], valuesOut, { dim, indices, keepdim, self_sym_sizes: sizes }, ([g], s) => [
    valueSelectingBackward(g!, d, s.indices as Tensor, sizes, keepdim),
  ]);
  return returnTypes(op, out, indices);
}

function extreme(op: 'max' | 'min', self: Tensor, dim: number | undefined, keepdim: boolean | undefined, other: Tensor | undefined): Tensor | MinMaxResult {
  if (other !== undefined) return op === 'max' ? maximum(self, other) : minimum(self, other);
  return dim === undefined ? fullExtreme(op, self) : dimExtreme(op, self, dim, keepdim ?? false);
}

/** `max()` (MaxBackward1), `max(dim, keepdim)` → (values, indices) (MaxBackward0), `max(other)` = maximum. */
export function max(self: Tensor, dim?: number, keepdim?: boolean, other?: Tensor): Tensor | MinMaxResult {
  return extreme('max', self, dim, keepdim, other);
}

export function min(self: Tensor, dim?: number, keepdim?: boolean, other?: Tensor): Tensor | MinMaxResult {
  return extreme('min', self, dim, keepdim, other);
}

/** amax/amin: the gradient is shared among the ties of each reduced slice (AmaxBackward0). */
function aExtreme(op: 'amax' | 'amin', self: Tensor, dimArg: number | readonly number[] | undefined, keepdim = false): Tensor {
  const dim = dimArg ?? [];
  const given = savedDimList(dim);
  const dims = dimsOf(self, given);
  if (given.length === 0) checkFullReduction(op, self, true);
  given.forEach((raw) => checkNonEmptyDim(op, self, wrapDim(raw, self.shape.length), raw));
  const out = reduceRows(self, dims, keepdim, self.dtype, { op: op === 'amax' ? 'max' : 'min' });
  const inShape = self.shape.slice();
  const node = op === 'amax' ? 'AmaxBackward0' : 'AminBackward0';
  return record(node, [self], out, { dim: given, keepdim, result: out, self }, ([g], s) => {
    const mask = eq(s.self as Tensor, restoreDims(s.result as Tensor, inShape, dims, keepdim));
    return [mul(div(restoreDims(g!, inShape, dims, keepdim), sum(mask, dims, true)), mask)];
  });
}

export function amax(self: Tensor, dim?: number | readonly number[], keepdim?: boolean): Tensor {
  return aExtreme('amax', self, dim, keepdim);
}

export function amin(self: Tensor, dim?: number | readonly number[], keepdim?: boolean): Tensor {
  return aExtreme('amin', self, dim, keepdim);
}

function argExtreme(op: 'argmax' | 'argmin', self: Tensor, dimArg: number | null | undefined, keepdim = false): Tensor {
  const dim = dimArg ?? null;
  if (dim === null) {
    checkFullReduction(op, self, false);
    const flat = reduceRows(self, allDims(self), false, 'int64', { op });
    return keepdim ? flat.reshape(self.shape.map(() => 1)) : flat;
  }
  const d = wrapDim(dim, self.shape.length);
  checkNonEmptyDim(op, self, d);
  return reduceRows(self, self.shape.length === 0 ? [] : [d], keepdim, 'int64', { op });
}

export function argmax(self: Tensor, dim?: number | null, keepdim?: boolean): Tensor {
  return argExtreme('argmax', self, dim, keepdim);
}

export function argmin(self: Tensor, dim?: number | null, keepdim?: boolean): Tensor {
  return argExtreme('argmin', self, dim, keepdim);
}

// ---- prod ------------------------------------------------------------------------------------------

/**
 * For each element along `dim`, the product of the others, which stays right where `x` has zeros
 * (PyTorch's prod_safe_zeros_backward): the product along j of x with x_i replaced by 1 on the diagonal.
 */
function productOfOthers(x: Tensor, dim: number): Tensor {
  const n = x.shape[dim];
  const eye = allocStorage('bool', n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  const eyeShape = [...x.shape.slice(0, dim).map(() => 1), n, n, ...x.shape.slice(dim + 1).map(() => 1)];
  const withOnes = where(new Tensor(eye, eyeShape, 'bool'), 1, unsqueeze(x, dim));
  return prod(withOnes, dim + 1);
}

/**
 * prod's backward where values cannot be read now (WebGPU), so the zero count cannot steer the
 * formula from the host: per
 * slice (`dim`, or all of `x` for null), no zero gives result / x; one zero gives its position
 * the product of the others; more give 0. `g` and `result` are keepdim-shaped (or 0-dim).
 */
function prodBackwardOnDevice(g: Tensor, x: Tensor, result: Tensor, dim: number | null): Tensor {
  const isZero = eq(x, 0);
  const safe = where(isZero, 1, x);
  const zeros = dim === null ? sum(isZero) : sum(isZero, dim, true);
  const others = dim === null ? prod(safe) : prod(safe, dim, true);
  const oneZero = where(logical_and(eq(zeros, 1), isZero), mul(g, others), 0);
  return where(eq(zeros, 0), mul(g, div(result, safe)), oneZero);
}

function prodBackward(g: Tensor, x: Tensor, result: Tensor): Tensor {
  if (x.shape.length === 0) return g;
  if (!readableNow(x)) return prodBackwardOnDevice(g, x, result, null);
  const zeros = countZeros(x);
  if (zeros === 0) return mul(g, div(result, x));
  if (zeros > 1) return zerosLike(x);
  return mul(g, productOfOthers(x.reshape(-1), 0)).reshape(x.shape);
}

function prodDimBackward(g: Tensor, x: Tensor, result: Tensor, dim: number, keepdim: boolean): Tensor {
  if (x.shape.length === 0) return g;
  const g1 = keepdim ? g : unsqueeze(g, dim);
  if (!readableNow(x)) return prodBackwardOnDevice(g1, x, keepdim ? result : unsqueeze(result, dim), dim);
  if (countZeros(x) === 0) return mul(g1, div(keepdim ? result : unsqueeze(result, dim), x));
  return mul(g1, productOfOthers(x, dim));
}

/** `prod()` (ProdBackward0) / `prod(dim, keepdim)` (ProdBackward1); integral inputs give int64. */
export function prod(self: Tensor, dim?: number | null, keepdimArg?: boolean, dtype?: DType): Tensor {
  const parsed = reduceArgs(self, dim, keepdimArg);
  const { keepdim, full } = parsed;
  const dims = parsed.dims.filter((d) => d < self.shape.length);
  const input = dtype && dtype !== self.dtype ? to(self, undefined, dtype) : self;
  const outDtype = isFloating(input.dtype) ? input.dtype : 'int64';
  const out = reduceRows(input, dims, keepdim, outDtype, { op: 'prod' });
  if (full) {
    return record('ProdBackward0', [input], out, { result: out, self: input }, ([g], s) => [prodBackward(g!, s.self as Tensor, s.result as Tensor)]);
  }
  const rawDim = dim as number;
  const d = wrapDim(rawDim, input.shape.length);
  return record('ProdBackward1', [input], out, { dim: rawDim, keepdim, result: out, self: input }, ([g], s) => [
    prodDimBackward(g!, s.self as Tensor, s.result as Tensor, d, keepdim),
  ]);
}

// ---- var / std -------------------------------------------------------------------------------------

interface VarArgs {
  dims: number[];
  savedDim: number[] | null;
  correction: number;
  /** What the Node saves: the overload's `correction` (None when var(dim=None, *, correction=None) got none). */
  savedCorrection: number | null;
  keepdim: boolean;
}

/** PyTorch's overloads var(dim, *, correction, keepdim), var(dim, unbiased, keepdim), var(unbiased), bound by name. */
function varArgs(self: Tensor, dim: DimArg, correction: number | Tensor | null | undefined, keepdim: boolean | undefined, unbiased: boolean | undefined): VarArgs {
  const given = correction !== undefined && correction !== null;
  const corr = given ? Number(correction instanceof Tensor ? correction.item() : correction) : (unbiased ?? true) ? 1 : 0;
  const d = dim ?? null;
  // The (dim, unbiased, keepdim) and (unbiased) overloads save their correction; the correction one what it was given.
  const savedCorrection = given || d !== null || unbiased !== undefined ? corr : null;
  return { dims: dimsOf(self, d), savedDim: d === null ? null : savedDimList(d), correction: corr, savedCorrection, keepdim: keepdim ?? false };
}

function checkVarDtype(self: Tensor): void {
  if (!isFloating(self.dtype)) throw new RuntimeError('std and var only support floating point and complex dtypes');
}

/** PyTorch's var_backward: (2 / (N - correction)) * grad * (self - self.mean(dim, true)). */
function varBackward(g: Tensor, self: Tensor, dims: readonly number[], correction: number, keepdim: boolean): Tensor {
  const n = dims.reduce((acc, d) => acc * self.shape[d], 1);
  const centered = sub(self, mean(self, dims.slice(), true));
  return mul(mul(restoreDims(g, self.shape, dims, keepdim), 2 / (n - correction)), centered);
}

function variance(self: Tensor, args: VarArgs, root: boolean): Tensor {
  checkVarDtype(self);
  const { dims, savedDim, correction, keepdim } = args;
  const out = reduceRows(self, dims, keepdim, self.dtype, { op: 'var', correction, root });
  if (!root) {
    return record('VarBackward0', [self], out, { correction: args.savedCorrection, dim: savedDim, keepdim, self }, ([g], s) => [varBackward(g!, s.self as Tensor, dims, correction, keepdim)]);
  }
  return record('StdBackward0', [self], out, { correction: args.savedCorrection, dim: savedDim, keepdim, result: out, self }, ([g], s) => {
    const x = s.self as Tensor;
    const r = restoreDims(s.result as Tensor, x.shape, dims, keepdim);
    const scaled = where(eq(r, 0), 0, div(restoreDims(g!, x.shape, dims, keepdim), mul(r, 2)));
    return [varBackward(scaled, x, dims, correction, true)];
  });
}

// The parameters in the order of PyTorch's first overload, var(dim, unbiased, keepdim), then `correction`.
function var_(self: Tensor, dim?: DimArg, unbiased?: boolean, keepdim?: boolean, correction?: number | Tensor | null): Tensor {
  return variance(self, varArgs(self, dim, correction, keepdim, unbiased), false);
}

export function std(self: Tensor, dim?: DimArg, unbiased?: boolean, keepdim?: boolean, correction?: number | Tensor | null): Tensor {
  return variance(self, varArgs(self, dim, correction, keepdim, unbiased), true);
}

// `var` is a reserved word in JavaScript, so the function is declared as var_ and exported as var.
export { var_ as var };

// ---- logsumexp / norm ------------------------------------------------------------------------------

/**
 * PyTorch's logsumexp on the CPU: ops in the tensor's precision, in its order: the maxes (0 where
 * infinite) subtracted, exp, sum, log, the maxes added back. An empty tensor has no max: log(sum(exp(x))).
 */
function logSumExpCpu(x: Tensor, dims: number[], keepdim: boolean): Tensor {
  return no_grad(() => {
    if (x.numel() === 0) return log(sum(exp(x), dims, keepdim));
    const maxes = amax(x, dims, true);
    const shift = where(eq(abs(maxes), Infinity), 0, maxes);
    const total = sum(exp(sub(x, shift)), dims, keepdim);
    return add(log(total), keepdim ? shift : shift.reshape(total.shape));
  });
}

/** `logsumexp(dim, keepdim)` (LogsumexpBackward0); integral inputs give float32. */
export function logsumexp(self: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const input = isFloating(self.dtype) ? self : castCopy(self, 'float32');
  const dims = dimsOf(input, dim);
  const out = input.device === 'cpu' ? logSumExpCpu(input, dims, keepdim) : reduceRows(input, dims, keepdim, input.dtype, { op: 'logsumexp' });
  const inShape = input.shape.slice();
  return record('LogsumexpBackward0', [input], out, { dim: savedDimList(dim), keepdim, result: out, self: input }, ([g], s) => {
    const x = s.self as Tensor;
    return [mul(restoreDims(g!, inShape, dims, keepdim), exp(sub(x, restoreDims(s.result as Tensor, inShape, dims, keepdim))))];
  });
}

export type NormOrd = number | 'fro';

/** PyTorch's norm_backward for a vector p-norm, with `norm` and `grad` already keepdim-shaped. */
function normBackward(g: Tensor, x: Tensor, p: number, norm: Tensor, dims: readonly number[]): Tensor {
  const zeroNorm = eq(norm, 0);
  if (p === 0) return zerosLike(x);
  if (p === 1) return mul(sign(x), g);
  if (p === 2) return mul(g, where(zeroNorm, 0, div(x, norm)));
  if (!Number.isFinite(p)) {
    const xAbs = abs(x);
    const mask = logical_or(eq(xAbs, norm), isnan(xAbs));
    return mul(sign(x), mul(div(g, sum(mask, dims.slice(), true)), mask));
  }
  if (p < 1) {
    const scaled = mul(sign(x), where(eq(x, 0), 0, pow(abs(x), p - 1)));
    return mul(mul(scaled, g), pow(norm, 1 - p));
  }
  const scaled = p < 2 ? mul(sign(x), pow(abs(x), p - 1)) : mul(x, pow(abs(x), p - 2));
  return mul(scaled, where(zeroNorm, 0, div(g, pow(norm, p - 1))));
}

/**
 * `Tensor.norm(p='fro', dim=None, keepdim=False, dtype=None)` (torch.norm takes `out` before dtype):
 * as PyTorch 2.x's torch.norm, `torch.linalg.vector_norm(input, p, dim, keepdim)` (LinalgVectorNormBackward0),
 * with 'fro' the 2-norm over at most two dims.
 */
export function norm(self: Tensor, pArg?: NormOrd | null, dimArg?: DimArg, keepdim = false, dtype?: DType | null): Tensor {
  if (dtype !== undefined && dtype !== null && dtype !== self.dtype) return norm(to(self, undefined, dtype), pArg, dimArg, keepdim);
  const ord = pArg ?? 'fro';
  const dim = dimArg ?? null;
  if (!isFloating(self.dtype)) throw new RuntimeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${SCALAR_TYPE[self.dtype]}`);
  if (ord === 'fro' && dim !== null && typeof dim !== 'number' && dim.length > 2) {
    throw new RuntimeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${dim.join(' ')}`);
  }
  const dims = dimsOf(self, dim);
  const p = ord === 'fro' ? 2 : ord;
  const out = reduceRows(self, dims, keepdim, self.dtype, { op: 'norm', p });
  const inShape = self.shape.slice();
  const savedDim = dim !== null ? savedDimList(dim) : null;
  return record('LinalgVectorNormBackward0', [self], out, { dim: savedDim, keepdim, ord: p, result: out, self }, ([g], s) => [
    normBackward(restoreDims(g!, inShape, dims, keepdim), s.self as Tensor, p, restoreDims(s.result as Tensor, inShape, dims, keepdim), dims),
  ]);
}

// ---- all / any -------------------------------------------------------------------------------------

function truthReduction(self: Tensor, dim: number | readonly number[] | null | undefined, keepdim: boolean, every: boolean): Tensor {
  const dims = dim === undefined || dim === null ? allDims(self) : dimsOf(self, dim);
  return reduceRows(self, dims, keepdim, 'bool', { op: every ? 'all' : 'any' });
}

/** `all()` / `all(dim, keepdim)`: a bool tensor, true where every value is nonzero. */
export function all(self: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return truthReduction(self, dim, keepdim, true);
}

export function any(self: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  return truthReduction(self, dim, keepdim, false);
}

// ---- cumsum ----------------------------------------------------------------------------------------

/** `cumsum(dim, {dtype})` (CumsumBackward0); integral inputs give int64. */
export function cumsum(self: Tensor, dim: number, dtype?: DType): Tensor {
  const d = wrapDim(dim, self.shape.length);
  const input = dtype && dtype !== self.dtype ? to(self, undefined, dtype) : self;
  const outDtype = isFloating(input.dtype) ? input.dtype : 'int64';
  const out = backendOf(input).cumsum(input, d, outDtype);
  return record('CumsumBackward0', [input], out, { dim }, ([g]) => {
    const grad = g!;
    // The gradient is the reversed cumulative sum: total - running sum + own term.
    if (grad.numel() <= 1 || grad.shape.length === 0 || grad.shape[d] === 1) return [grad];
    return [add(sub(sum(grad, d, true), cumsum(grad, d)), grad)];
  });
}

type Kw<T> = { [K in keyof T]?: T[K] };
type ReduceKw = Kw<{ dim: DimArg; keepdim: boolean; dtype: DType }>;
type DimKw = Kw<{ dim: number; keepdim: boolean }>;
type VarKw = Kw<{ dim: DimArg; unbiased: boolean; keepdim: boolean; correction: number }>;
type NormKw = Kw<{ p: NormOrd | null; dim: DimArg; keepdim: boolean; dtype: DType }>;

declare module '../tensor' {
  interface Tensor {
    sum(dim?: DimArg | ReduceKw, keepdim?: boolean | ReduceKw, kwargs?: ReduceKw): Tensor;
    mean(dim?: DimArg | ReduceKw, keepdim?: boolean | ReduceKw, kwargs?: ReduceKw): Tensor;
    sum_to_size(...size: (number | readonly number[] | { size?: readonly number[] })[]): Tensor;
    max(): Tensor;
    max(other: Tensor | { other: Tensor }): Tensor;
    max(dim: number | (DimKw & { dim: number }), keepdim?: boolean | DimKw, kwargs?: DimKw): MinMaxResult;
    min(): Tensor;
    min(other: Tensor | { other: Tensor }): Tensor;
    min(dim: number | (DimKw & { dim: number }), keepdim?: boolean | DimKw, kwargs?: DimKw): MinMaxResult;
    amax(dim?: number | readonly number[] | ReduceKw, keepdim?: boolean | ReduceKw, kwargs?: ReduceKw): Tensor;
    amin(dim?: number | readonly number[] | ReduceKw, keepdim?: boolean | ReduceKw, kwargs?: ReduceKw): Tensor;
    argmax(dim?: number | null | DimKw, keepdim?: boolean | DimKw, kwargs?: DimKw): Tensor;
    argmin(dim?: number | null | DimKw, keepdim?: boolean | DimKw, kwargs?: DimKw): Tensor;
    prod(dim?: number | null | ReduceKw, keepdim?: boolean | ReduceKw, kwargs?: ReduceKw): Tensor;
    var(dim?: DimArg | boolean | VarKw, unbiased?: boolean | VarKw, keepdim?: boolean | VarKw, kwargs?: VarKw): Tensor;
    std(dim?: DimArg | boolean | VarKw, unbiased?: boolean | VarKw, keepdim?: boolean | VarKw, kwargs?: VarKw): Tensor;
    logsumexp(dim: number | readonly number[] | DimKw, keepdim?: boolean | DimKw, kwargs?: DimKw): Tensor;
    norm(p?: NormOrd | null | NormKw, dim?: DimArg | NormKw, keepdim?: boolean | NormKw, dtype?: DType | NormKw, kwargs?: NormKw): Tensor;
    all(dim?: number | readonly number[] | null | DimKw, keepdim?: boolean | DimKw, kwargs?: DimKw): Tensor;
    any(dim?: number | readonly number[] | null | DimKw, keepdim?: boolean | DimKw, kwargs?: DimKw): Tensor;
    cumsum(dim: number | Kw<{ dim: number; dtype: DType }>, kwargs?: Kw<{ dtype: DType }>): Tensor;
  }
}

installMethods({ sum, mean, sum_to_size, max, min, amax, amin, argmax, argmin, prod, var: var_, std, logsumexp, norm, all, any, cumsum });

/** `torch.norm(input, p='fro', dim=None, keepdim=False, out=None, dtype=None)`. */
export function torchNorm(input: Tensor, p?: NormOrd | null, dim?: DimArg, keepdim?: boolean, out?: Tensor | null, dtype?: DType | null): Tensor {
  const result = norm(input, p, dim, keepdim, dtype);
  return out === undefined || out === null ? result : (writeOut(out, result, 'norm') as Tensor);
}

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  SumBackward0: { inputs: ['self'], grads: ['grad.expand(self.shape)'] },
  SumBackward1: { inputs: ['self'], grads: ['grad.expand(self.shape) (along the summed dims)'] },
  MeanBackward0: { inputs: ['self'], grads: ['grad.expand(self.shape) / self.numel()'] },
  MeanBackward1: { inputs: ['self'], grads: ['grad.expand(self.shape) / n (n: the count averaged over dim)'] },
  MaxBackward1: { inputs: ['self'], grads: ['grad shared evenly among the elements equal to result'] },
  MinBackward1: { inputs: ['self'], grads: ['grad shared evenly among the elements equal to result'] },
  MaxBackward0: { inputs: ['self'], grads: ['grad at indices along dim, 0 elsewhere'] },
  MinBackward0: { inputs: ['self'], grads: ['grad at indices along dim, 0 elsewhere'] },
  AmaxBackward0: { inputs: ['self'], grads: ['grad shared evenly among each slice’s elements equal to result'] },
  AminBackward0: { inputs: ['self'], grads: ['grad shared evenly among each slice’s elements equal to result'] },
  ProdBackward0: { inputs: ['self'], grads: ['grad · result / self (the product of the others where self has a zero)'] },
  ProdBackward1: { inputs: ['self'], grads: ['grad · result / self along dim (the product of the others where self has a zero)'] },
  VarBackward0: { inputs: ['self'], grads: ['grad · 2 · (self − self.mean(dim)) / (N − correction)'] },
  StdBackward0: { inputs: ['self'], grads: ['grad · (self − self.mean(dim)) / ((N − correction) · result)'] },
  LogsumexpBackward0: { inputs: ['self'], grads: ['grad · exp(self − result)'] },
  LinalgVectorNormBackward0: { inputs: ['self'], grads: ['grad · self · |self|^(ord − 2) / result^(ord − 1) (ord 2: grad · self / result)'] },
  CumsumBackward0: { inputs: ['self'], grads: ['the running sum of grad from the end along dim'] },
});
