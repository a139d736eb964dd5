/**
 * Shape ops. Views (view, expand, transpose, permute, squeeze, unsqueeze, movedim, unflatten)
 * share storage and the version counter with their base, as PyTorch's do; their backward maps the
 * gradient back to the base's shape. Slicing and indexing (narrow, select, split, index, cat, …)
 * live in ./index_ops.ts.
 *
 * Saved dims are kept as the caller gave them (PyTorch saves the raw int64; its Python getter
 * shows a negative one as 2^64 + dim, which a JS number cannot hold, so here it reads `-1`).
 */
import { Tensor } from '../tensor';
import { record } from '../autograd/function';
import { backendOf, castCopy, transfer } from '../backends';
import { contiguousStrides, normDims, numelOf, wrapDim, type Shape } from '../shape';
import type { DType } from '../dtype';
import type { Device } from '../tensor';
import { installMethods } from './util';
import { NotImplementedError, RuntimeError } from '../errors';
import { derivatives } from '../autograd/derivatives';

/** A size list as the binder hands it (varargs packed): ints, or 0-dim int tensors. */
type SizeList = readonly (number | Tensor)[];

/** Resolves one `-1` in a requested shape, with PyTorch's message for impossible shapes. */
function inferSize(shape: number[], numel: number): number[] {
  let infer = -1;
  let known = 1;
  shape.forEach((s, i) => {
    if (s === -1) {
      if (infer >= 0) throw new RuntimeError('only one dimension can be inferred');
      infer = i;
    } else if (s < 0) {
      throw new RuntimeError(`invalid shape dimension ${s}`);
    } else known *= s;
  });
  const out = shape.slice();
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
  }
  return out;
}

function readSizes(sizes: SizeList | number): number[] {
  return (typeof sizes === 'number' ? [sizes] : sizes).map((s) => (s instanceof Tensor ? Number(s.item()) : Number(s)));
}

/**
 * Strides for viewing `t` as `shape` without copying, or null when impossible (PyTorch's
 * computeStride: dims may merge only where they are contiguous with each other).
 */
function viewStrides(t: Tensor, shape: number[]): number[] | null {
  if (t.numel() === 0) return contiguousStrides(shape);
  const oldShape = t.shape;
  const oldStrides = t._strides;
  const newStrides = new Array<number>(shape.length);
  let viewD = shape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || shape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= shape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

/** `view(*size)`; `view(dtype)` (a reinterpretation of the bits) is not supported. */
export function view(self: Tensor, dtype: DType | undefined, size?: SizeList): Tensor {
  if (dtype !== undefined) throw new NotImplementedError(`view(): Gradlab does not support viewing a tensor as another dtype (torch.${dtype}) yet`);
  const shape = inferSize(readSizes(size!), self.numel());
  const strides = viewStrides(self, shape);
  if (!strides) {
    throw new RuntimeError("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  }
  const inShape = self.shape.slice();
  return record('ViewBackward0', [self], self._viewOf(shape, strides, self._offset), { self_sym_sizes: inShape }, ([g]) => [g!.reshape(inShape)]);
}

/**
 * reshape: a view when strides allow, else a copy (UnsafeViewBackward0). As PyTorch 2.x, the view of
 * a contiguous tensor is `view` (ViewBackward0), of another `_reshape_alias` (ReshapeAliasBackward0).
 */
export function reshape(self: Tensor, size: SizeList): Tensor {
  const shape = inferSize(readSizes(size), self.numel());
  const strides = viewStrides(self, shape);
  const inShape = self.shape.slice();
  if (strides) {
    return record(self.is_contiguous() ? 'ViewBackward0' : 'ReshapeAliasBackward0', [self], self._viewOf(shape, strides, self._offset), { self_sym_sizes: inShape }, ([g]) => [g!.reshape(inShape)]);
  }
  const copy = clone(self);
  const out = new Tensor(copy._data, shape, copy.dtype, { device: copy.device });
  return record('UnsafeViewBackward0', [copy], out, { self_sym_sizes: inShape }, ([g]) => [g!.reshape(inShape)]);
}

export function expand(self: Tensor, size: SizeList): Tensor {
  const sizes = readSizes(size);
  if (sizes.length < self.shape.length) {
    throw new RuntimeError(`expand(${self._typeName()}{[${self.shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${self.shape.length})`);
  }
  const lead = sizes.length - self.shape.length;
  const shape = new Array<number>(sizes.length);
  const strides = new Array<number>(sizes.length);
  // Checked from the last dim backwards, so the first mismatch reported is PyTorch's.
  for (let i = sizes.length - 1; i >= 0; i--) {
    const j = i - lead;
    const cur = j >= 0 ? self.shape[j] : 1;
    let want = sizes[i];
    if (want === -1) {
      if (j < 0) throw new RuntimeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      want = cur;
    }
    if (j >= 0 && cur !== 1 && cur !== want) {
      throw new RuntimeError(`The expanded size of the tensor (${want}) must match the existing size (${cur}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${self.shape.join(', ')}]`);
    }
    shape[i] = want;
    strides[i] = j >= 0 && cur === want ? self._strides[j] : 0;
  }
  const inShape = self.shape.slice();
  return record('ExpandBackward0', [self], self._viewOf(shape, strides, self._offset), { self_sym_sizes: inShape }, ([g]) => [g!.sum_to_size(inShape)]);
}

export function expand_as(self: Tensor, other: Tensor): Tensor {
  return expand(self, other.shape);
}

export function transpose(self: Tensor, dim0: number, dim1: number): Tensor {
  const n = self.shape.length;
  const a = wrapDim(dim0, n);
  const b = wrapDim(dim1, n);
  const shape = self.shape.slice();
  const strides = self._strides.slice();
  if (n > 0) {
    [shape[a], shape[b]] = [shape[b], shape[a]];
    [strides[a], strides[b]] = [strides[b], strides[a]];
  }
  return record('TransposeBackward0', [self], self._viewOf(shape, strides, self._offset), { dim0, dim1 }, ([g]) => [transpose(g!, a, b)]);
}

export function t(self: Tensor): Tensor {
  if (self.shape.length > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${self.shape.length}D`);
  const shape = self.shape.slice().reverse();
  const strides = self._strides.slice().reverse();
  return record('TBackward0', [self], self._viewOf(shape, strides, self._offset), {}, ([g]) => [t(g!)]);
}

export function permute(self: Tensor, dims: SizeList): Tensor {
  const given = readSizes(dims);
  const order = given.map((d) => wrapDim(d, self.shape.length));
  if (order.length !== self.shape.length) {
    throw new RuntimeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${self.shape.length} is not equal to len(dims) = ${order.length}`);
  }
  if (new Set(order).size !== order.length) throw new RuntimeError('permute(): duplicate dims are not allowed.');
  const shape = order.map((d) => self.shape[d]);
  const strides = order.map((d) => self._strides[d]);
  const inverse = new Array<number>(order.length);
  order.forEach((d, i) => (inverse[d] = i));
  return record('PermuteBackward0', [self], self._viewOf(shape, strides, self._offset), { dims: given }, ([g]) => [permute(g!, inverse)]);
}

export function unsqueeze(self: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, self.shape.length + 1);
  const shape = self.shape.slice();
  const strides = self._strides.slice();
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < self.shape.length ? self._strides[d] * self.shape[d] : 1);
  return record('UnsqueezeBackward0', [self], self._viewOf(shape, strides, self._offset), { dim }, ([g]) => [squeeze(g!, d)]);
}

export function squeeze(self: Tensor, dim?: number | readonly number[]): Tensor {
  const n = self.shape.length;
  const inShape = self.shape.slice();
  if (Array.isArray(dim)) return squeezeDims(self, dim);
  if (dim === undefined) {
    const keep = self.shape.map((s, i) => (s !== 1 ? i : -1)).filter((i) => i >= 0);
    return record('SqueezeBackward0', [self], self._viewOf(keep.map((i) => self.shape[i]), keep.map((i) => self._strides[i]), self._offset), { self_sym_sizes: inShape }, ([g]) => [g!.reshape(inShape)]);
  }
  const d = wrapDim(dim as number, n);
  const squeezable = n > 0 && self.shape[d] === 1;
  const shape = squeezable ? self.shape.filter((_, i) => i !== d) : self.shape.slice();
  const strides = squeezable ? self._strides.filter((_, i) => i !== d) : self._strides.slice();
  return record('SqueezeBackward1', [self], self._viewOf(shape, strides, self._offset), { dim, self_sym_sizes: inShape }, ([g]) => [g!.reshape(inShape)]);
}

/** PyTorch 2.x's squeeze(dims): the listed dims of size 1 removed (SqueezeBackward2). */
function squeezeDims(self: Tensor, dims: readonly number[]): Tensor {
  const n = self.shape.length;
  const wrapped = normDims(dims, n);
  const keep = self.shape.map((s, i) => (wrapped.includes(i) && s === 1 && n > 0 ? -1 : i)).filter((i) => i >= 0);
  const inShape = self.shape.slice();
  const out = self._viewOf(keep.map((i) => self.shape[i]), keep.map((i) => self._strides[i]), self._offset);
  return record('SqueezeBackward2', [self], out, { dim: dims.slice(), self_sym_sizes: inShape }, ([g]) => [g!.reshape(inShape)]);
}

export function flatten(self: Tensor, startDim = 0, endDim = -1): Tensor {
  if (self.shape.length === 0) return reshape(self, [1]);
  const s = wrapDim(startDim, self.shape.length);
  const e = wrapDim(endDim, self.shape.length);
  if (s > e) throw new RuntimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return self;
  const shape = [...self.shape.slice(0, s), numelOf(self.shape.slice(s, e + 1)), ...self.shape.slice(e + 1)];
  return reshape(self, shape);
}

/** A contiguous copy (CloneBackward0), in PyTorch's memory format for the new tensor. */
export function clone(self: Tensor): Tensor {
  const out = castCopy(self, self.dtype);
  return record('CloneBackward0', [self], out, {}, ([g]) => [g]);
}

export function contiguous(self: Tensor): Tensor {
  return self.is_contiguous() ? self : clone(self);
}

/** A device argument: 'cpu', 'webgpu' (or 'webgpu:0'), or an index (a GPU's, here the one WebGPU device). */
function deviceOf(v: Device | number | string | undefined): Device | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' || v === 'webgpu:0') return 'webgpu';
  if (v !== 'cpu' && v !== 'webgpu') throw new RuntimeError(`Expected one of cpu, webgpu device type at start of device string: ${v}`);
  return v;
}

/**
 * `to(device=None, dtype=None)`, `to(dtype)`, `to(tensor)` (its dtype and device): the same tensor
 * when nothing changes, else ToCopyBackward0.
 */
export function to(self: Tensor, deviceArg?: Device | number, dtypeArg?: DType, other?: Tensor): Tensor {
  const dtype = dtypeArg ?? other?.dtype ?? self.dtype;
  const device = deviceOf(deviceArg) ?? other?.device ?? self.device;
  if (dtype === self.dtype && device === self.device) return self;
  const out = transfer(self, dtype, device);
  const srcDtype = self.dtype;
  // A copy to an integral dtype cannot require grad, so PyTorch simply does not track it.
  const trackable = dtype === 'float32' || dtype === 'float64';
  return trackable ? record('ToCopyBackward0', [self], out, {}, ([g]) => [to(g!, self.device, srcDtype)]) : out;
}

export function float(self: Tensor): Tensor {
  return to(self, undefined, 'float32');
}
export function double(self: Tensor): Tensor {
  return to(self, undefined, 'float64');
}
export function long(self: Tensor): Tensor {
  return to(self, undefined, 'int64');
}
export function bool(self: Tensor): Tensor {
  return to(self, undefined, 'bool');
}
export function cpu(self: Tensor): Tensor {
  return to(self, 'cpu');
}

/** `cpu()` that first waits for a webgpu tensor's values (see README, "Values from the GPU"). */
export async function cpu_async(self: Tensor): Promise<Tensor> {
  await backendOf(self).read(self);
  return to(self, 'cpu');
}

export function swapaxes(self: Tensor, axis0: number, axis1: number): Tensor {
  return transpose(self, axis0, axis1);
}
export const swapdims = swapaxes;

export function view_as(self: Tensor, other: Tensor): Tensor {
  return view(self, undefined, other.shape);
}

export function reshape_as(self: Tensor, other: Tensor): Tensor {
  return reshape(self, other.shape);
}

function asDimList(d: number | readonly number[]): number[] {
  return typeof d === 'number' ? [d] : [...d];
}

/** Moves dims `source` to positions `destination`; the other dims keep their order (PermuteBackward0). */
export function movedim(self: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const src = asDimList(source);
  const dst = asDimList(destination);
  const n = self.shape.length;
  if (src.length !== dst.length) {
    throw new RuntimeError(`movedim: Invalid source or destination dims: source ([${src.join(', ')}] dims) should contain the same number of dims as destination ([${dst.join(', ')}] dims)`);
  }
  const s = src.map((d) => wrapDim(d, n));
  const t = dst.map((d) => wrapDim(d, n));
  if (new Set(s).size !== s.length) throw new RuntimeError(`movedim: repeated dim in \`source\` ([${src.join(', ')}])`);
  if (new Set(t).size !== t.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` ([${dst.join(', ')}])`);
  const order = new Array<number>(n).fill(-1);
  s.forEach((d, i) => (order[t[i]] = d));
  const restSrc = self.shape.map((_, i) => i).filter((i) => !s.includes(i));
  const restDst = order.map((v, i) => (v < 0 ? i : -1)).filter((i) => i >= 0);
  restDst.forEach((pos, i) => (order[pos] = restSrc[i]));
  return permute(self, order);
}
export const moveaxis = movedim;

/** Splits dim `dim` into `sizes` (one may be -1): a view (ViewBackward0), as PyTorch's. */
export function unflatten(self: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = wrapDim(dim, self.shape.length);
  if (sizes.length === 0) throw new RuntimeError('unflatten: sizes must be non-empty');
  const inferred = sizes.filter((s) => s === -1).length;
  if (inferred > 1) throw new RuntimeError('unflatten got an unexpected error:\nonly one dimension can be inferred');
  const known = sizes.reduce((p, s) => (s === -1 ? p : p * s), 1);
  const size = self.shape[d];
  if (inferred ? known === 0 || size % known !== 0 : known !== size) {
    throw new RuntimeError(`unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${dim} (${size}) in the input tensor`);
  }
  const filled = sizes.map((s) => (s === -1 ? size / known : s));
  return view(self, undefined, [...self.shape.slice(0, d), ...filled, ...self.shape.slice(d + 1)]);
}

/** `x.mT`: the last two dims swapped (TransposeBackward0 with dims -2, -1); a 0-dim tensor is itself. */
function mT(self: Tensor): Tensor {
  if (self.shape.length === 0) return self;
  if (self.shape.length < 2) throw new RuntimeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${self.shape.length}-D tensor.`);
  return transpose(self, -2, -1);
}

export type { Shape };

type SizeParam<K extends string> = number | readonly number[] | { [P in K]?: readonly number[] };
type Kw<T> = { [K in keyof T]?: T[K] };

declare module '../tensor' {
  interface Tensor {
    view(...size: SizeParam<'size'>[]): Tensor;
    view(dtype: DType | { dtype?: DType }): Tensor;
    reshape(...shape: SizeParam<'shape'>[]): Tensor;
    expand(...size: (SizeParam<'size'> | { implicit?: boolean })[]): Tensor;
    expand_as(other: Tensor | { other?: Tensor }): Tensor;
    transpose(dim0: number | Kw<{ dim0: number; dim1: number }>, dim1?: number | Kw<{ dim1: number }>): Tensor;
    t(): Tensor;
    readonly T: Tensor;
    permute(...dims: SizeParam<'dims'>[]): Tensor;
    unsqueeze(dim: number | { dim?: number }): Tensor;
    squeeze(dim?: number | readonly number[] | { dim?: number | readonly number[] }): Tensor;
    flatten(start_dim?: number | Kw<{ start_dim: number; end_dim: number }>, end_dim?: number | Kw<{ end_dim: number }>): Tensor;
    clone(kwargs?: Kw<{ memory_format: never }>): Tensor;
    contiguous(): Tensor;
    to(device?: Device | DType | Tensor | Kw<{ device: Device; dtype: DType; non_blocking: boolean; tensor: Tensor }>, dtype?: DType | Kw<{ dtype: DType; non_blocking: boolean }>, kwargs?: Kw<{ dtype: DType; non_blocking: boolean }>): Tensor;
    float(): Tensor;
    double(): Tensor;
    long(): Tensor;
    bool(): Tensor;
    cpu(): Tensor;
    cpu_async(): Promise<Tensor>;
    swapaxes(axis0: number | Kw<{ axis0: number; axis1: number }>, axis1?: number | Kw<{ axis1: number }>): Tensor;
    swapdims(dim0: number | Kw<{ dim0: number; dim1: number }>, dim1?: number | Kw<{ dim1: number }>): Tensor;
    view_as(other: Tensor | { other?: Tensor }): Tensor;
    reshape_as(other: Tensor | { other?: Tensor }): Tensor;
    movedim(source: number | readonly number[] | Kw<{ source: number | readonly number[]; destination: number | readonly number[] }>, destination?: number | readonly number[] | Kw<{ destination: number | readonly number[] }>): Tensor;
    moveaxis(source: number | readonly number[] | Kw<{ source: number | readonly number[]; destination: number | readonly number[] }>, destination?: number | readonly number[] | Kw<{ destination: number | readonly number[] }>): Tensor;
    unflatten(dim: number | Kw<{ dim: number; sizes: readonly number[] }>, sizes?: readonly number[] | Kw<{ sizes: readonly number[] }>): Tensor;
    /** The last two dims swapped, for matrices and batches of matrices. */
    readonly mT: Tensor;
  }
}

installMethods({ view, reshape, expand, expand_as, transpose, t, permute, unsqueeze, squeeze, flatten, clone, contiguous, to, float, double, long, bool, cpu, cpu_async });
installMethods({ swapaxes, swapdims, view_as, reshape_as, movedim, moveaxis, unflatten });

/** `x.T`: reverses all dims (PermuteBackward0, as PyTorch records it). */
Object.defineProperty(Tensor.prototype, 'T', {
  get(this: Tensor) {
    return permute(this, this.shape.map((_, i) => this.shape.length - 1 - i));
  },
  configurable: true,
});
Object.defineProperty(Tensor.prototype, 'mT', {
  get(this: Tensor) {
    return mT(this);
  },
  configurable: true,
});

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  ViewBackward0: { inputs: ['self'], grads: ['grad.reshape(self.shape)'] },
  ReshapeAliasBackward0: { inputs: ['self'], grads: ['grad.reshape(self.shape)'] },
  UnsafeViewBackward0: { inputs: ['self'], grads: ['grad.reshape(self.shape)'] },
  ExpandBackward0: { inputs: ['self'], grads: ['grad.sum_to_size(self.shape)'] },
  TransposeBackward0: { inputs: ['self'], grads: ['grad.transpose(dim0, dim1)'] },
  TBackward0: { inputs: ['self'], grads: ['gradᵀ'] },
  PermuteBackward0: { inputs: ['self'], grads: ['grad.permute(the inverse of dims)'] },
  UnsqueezeBackward0: { inputs: ['self'], grads: ['grad.squeeze(dim)'] },
  SqueezeBackward0: { inputs: ['self'], grads: ['grad.reshape(self.shape)'] },
  SqueezeBackward1: { inputs: ['self'], grads: ['grad.reshape(self.shape)'] },
  SqueezeBackward2: { inputs: ['self'], grads: ['grad.reshape(self.shape)'] },
  CloneBackward0: { inputs: ['self'], grads: ['grad'] },
  ToCopyBackward0: { inputs: ['self'], grads: ['grad.to(self’s dtype and device)'] },
});
