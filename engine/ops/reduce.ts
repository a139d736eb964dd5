/** Reductions: sum, mean (more in this family: max, min, prod, var, std). */
import { Tensor } from '../tensor';
import { record } from '../autograd/function';
import { reduceInto } from '../backends/cpu/kernels';
import { allocStorage, isFloating, type DType } from '../dtype';
import { isExpandableTo, normDims, numelOf, sameShape, type Shape } from '../shape';
import { installMethods } from './util';

export interface ReduceOpts {
  keepdim?: boolean;
  dtype?: DType;
}

type DimArg = number | readonly number[] | null | undefined;

/** The shape after reducing `dims` (kept as 1 with keepdim). */
function reducedShape(shape: Shape, dims: readonly number[], keepdim: boolean): number[] {
  return keepdim ? shape.map((s, i) => (dims.includes(i) ? 1 : s)) : shape.filter((_, i) => !dims.includes(i));
}

function store(acc: Float64Array, shape: Shape, dtype: DType): Tensor {
  const out = allocStorage(dtype, acc.length);
  out.set(acc);
  return new Tensor(out, shape, dtype);
}

/** The gradient of a reduction spread back over the reduced dims (unsqueezed when keepdim=false). */
function expandBack(g: Tensor, inShape: Shape, dims: readonly number[], keepdim: boolean): Tensor {
  const kept = inShape.map((s, i) => (dims.includes(i) ? 1 : s));
  const g2 = keepdim ? g : g.reshape(kept);
  return g2.expand(inShape);
}

/** `sum()` / `sum(dim, keepdim)`: SumBackward0 for the full sum, SumBackward1 with dims. */
export function sum(self: Tensor, dim?: DimArg | ReduceOpts, keepdimOrOpts?: boolean | ReduceOpts): Tensor {
  const { dims, keepdim, dtype, full } = parseReduceArgs(self, dim, keepdimOrOpts);
  const outDtype = dtype ?? (self.dtype === 'bool' || self.dtype === 'int64' ? 'int64' : self.dtype);
  const { acc } = reduceInto(self, dims, 0, (a, v) => a + v);
  const out = store(acc, reducedShape(self.shape, dims, keepdim), outDtype);
  const inShape = self.shape.slice();
  if (full) {
    return record('SumBackward0', [self], out, { self_sym_sizes: inShape }, ([g]) => [g!.expand(inShape)]);
  }
  return record('SumBackward1', [self], out, { self_sym_sizes: inShape, dim: dims, keepdim }, ([g]) => [expandBack(g!, inShape, dims, keepdim)]);
}

export function mean(self: Tensor, dim?: DimArg | ReduceOpts, keepdimOrOpts?: boolean | ReduceOpts): Tensor {
  const { dims, keepdim, dtype, full } = parseReduceArgs(self, dim, keepdimOrOpts);
  const outDtype = dtype ?? self.dtype;
  if (!isFloating(outDtype)) {
    throw new Error(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${outDtype === 'int64' ? 'Long' : 'Bool'}`);
  }
  const count = dims.reduce((n, d) => n * self.shape[d], 1);
  const { acc } = reduceInto(self, dims, 0, (a, v) => a + v);
  for (let i = 0; i < acc.length; i++) acc[i] /= count;
  const out = store(acc, reducedShape(self.shape, dims, keepdim), outDtype);
  const inShape = self.shape.slice();
  if (full) {
    return record('MeanBackward0', [self], out, { self_numel: numelOf(inShape), self_sizes: inShape }, ([g]) => [g!.expand(inShape).div(count)]);
  }
  return record('MeanBackward1', [self], out, { dim: dims, keepdim, self, self_sym_sizes: inShape }, ([g]) => [expandBack(g!, inShape, dims, keepdim).div(count)]);
}

/** Sums `self` down to `shape` (the inverse of broadcasting), as the engine reduces gradients. */
export function sum_to_size(self: Tensor, ...size: (number | readonly number[])[]): Tensor {
  const shape = size.length === 1 && Array.isArray(size[0]) ? (size[0] as number[]) : (size as number[]);
  if (sameShape(self.shape, shape)) return self;
  if (!isExpandableTo(shape, self.shape)) {
    throw new Error(`size {${shape.join(', ')}} is not expandable to size {${self.shape.join(', ')}}.`);
  }
  const lead = self.shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < self.shape.length; i++) if (i < lead || (shape[i - lead] === 1 && self.shape[i] !== 1)) dims.push(i);
  const summed = sum(self, dims, true);
  return lead > 0 || !sameShape(summed.shape, shape) ? summed.reshape(shape) : summed;
}

export function parseReduceArgs(self: Tensor, dim: DimArg | ReduceOpts, keepdimOrOpts?: boolean | ReduceOpts): { dims: number[]; keepdim: boolean; dtype?: DType; full: boolean } {
  const isOpts = (v: unknown): v is ReduceOpts => typeof v === 'object' && v !== null && !Array.isArray(v);
  const opts: ReduceOpts = isOpts(dim) ? dim : isOpts(keepdimOrOpts) ? keepdimOrOpts : {};
  const dimArg = isOpts(dim) ? undefined : dim;
  const keepdim = typeof keepdimOrOpts === 'boolean' ? keepdimOrOpts : (opts.keepdim ?? false);
  const full = dimArg === undefined || dimArg === null;
  return { dims: normDims(dimArg, self.shape.length), keepdim, dtype: opts.dtype, full };
}

declare module '../tensor' {
  interface Tensor {
    sum(dim?: DimArg | ReduceOpts, keepdim?: boolean | ReduceOpts): Tensor;
    mean(dim?: DimArg | ReduceOpts, keepdim?: boolean | ReduceOpts): Tensor;
    sum_to_size(...size: (number | readonly number[])[]): Tensor;
  }
}

installMethods({ sum, mean, sum_to_size });
