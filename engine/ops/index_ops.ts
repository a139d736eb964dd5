/**
 * Slicing and indexing: the views that pick a part of a tensor (narrow, select, split, chunk,
 * unbind, basic `index`), and the ops that assemble a new tensor from picked elements (advanced
 * `index`, index_select, gather, masked_fill, cat, stack, repeat, flip, roll, tril, triu).
 *
 * Every picking op is described by the storage offsets of the elements it picks. The forward reads
 * them from the input's strides; the backward adds the gradient at the same offsets of a zero
 * tensor laid out contiguously (PyTorch's slice_backward, index_put_, index_add_, scatter_add_),
 * and that backward is itself recorded, so create_graph gives higher-order gradients.
 *
 * Saved dims and indices are kept as the caller gave them (PyTorch saves the raw int64; its Python
 * getter shows a negative one as 2^64 + value, which a JS number cannot hold, so here it reads -1).
 */
import { Tensor } from '../tensor';
import { record, type Saved } from '../autograd/function';
import { backendOf, binaryMap, castCopy, ternaryMap, writeInto } from '../backends';
import type { IndexKernels, Placement } from '../backends/backend';
import { castScalar, promoteTypes, type DType } from '../dtype';
import { broadcastShapes, contiguousStrides, normDims, numelOf, sameShape, wrapDim, type Shape } from '../shape';
import { tensor } from './creation';
import { where } from './elementwise';
import { sum } from './reduce';
import { unsqueeze } from './shape';
import { installMethods } from './util';
import { IndexError, NotImplementedError, RuntimeError, TypeError, ValueError } from '../errors';
import { derivatives } from '../autograd/derivatives';

/** PyTorch's "no end" for a slice (INT64_MAX; as a JS number it reads 9223372036854775808). */
const INT64_MAX = 9223372036854775807;

function asList(v: number | readonly number[]): number[] {
  return typeof v === 'number' ? [v] : [...v];
}

function shapeRepr(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

// ---- storage offsets ------------------------------------------------------------------------------

/** Where a view's elements live: the part of a Tensor the offset arithmetic needs. */
interface Geometry {
  shape: readonly number[];
  strides: readonly number[];
  offset: number;
}

function geometryOf(t: Tensor): Geometry {
  return { shape: t.shape, strides: t._strides, offset: t._offset };
}

/** The layout of the fresh zero tensor a backward writes its gradient into. */
function contiguousGeometry(shape: Shape): Geometry {
  return { shape, strides: contiguousStrides(shape), offset: 0 };
}

/** `base + parts[0][i0] + parts[1][i1] + …` for every `(i0, i1, …)`, in row-major order. */
function cartesianOffsets(parts: readonly ArrayLike<number>[], base: number): Int32Array {
  let cur = Int32Array.of(base);
  for (const part of parts) {
    const next = new Int32Array(cur.length * part.length);
    let o = 0;
    for (let i = 0; i < cur.length; i++) for (let j = 0; j < part.length; j++) next[o++] = cur[i] + part[j];
    cur = next;
  }
  return cur;
}

/** One dim's contribution to the offsets: `map(j) * stride` for each position j of the output. */
function axis(size: number, stride: number, map: (j: number) => number = (j) => j): Int32Array {
  const a = new Int32Array(size);
  for (let j = 0; j < size; j++) a[j] = map(j) * stride;
  return a;
}

function stridedOffsets(g: Geometry): Int32Array {
  return cartesianOffsets(g.shape.map((s, i) => axis(s, g.strides[i])), g.offset);
}

/** A new contiguous tensor of `shape` holding the storage elements of `src` at `offsets`. */
function take(src: Tensor, offsets: Int32Array, shape: Shape): Tensor {
  return backendOf(src).take(src, offsets, shape);
}

/** The device kernels of a backend that reads index tensors itself (see IndexKernels). */
function deviceIndexing(t: Tensor): IndexKernels | undefined {
  return backendOf(t).indexKernels;
}

function needDeviceIndexing(t: Tensor): IndexKernels {
  const k = deviceIndexing(t);
  if (!k) throw new RuntimeError(`internal error: the ${t.device} backend has no device indexing kernels`);
  return k;
}

/**
 * zeros(shape) with `g` added at `offsets` (of shape's contiguous layout): the gradient of every
 * picking op, recorded under PyTorch's name for that backward. Its own gradient picks the same
 * elements again (`pick`). `zerosEdge`: PyTorch's node keeps an (always empty) edge for the zero
 * tensor it writes into, before the one for `g`.
 */
function putIntoZeros(name: string, g: Tensor, shape: Shape, put: Placement, pick: (gg: Tensor) => Tensor, zerosEdge: boolean, saved: Saved): Tensor {
  const out = backendOf(g).putAdd(g, shape, put);
  const inputs = zerosEdge ? [null, g] : [g];
  return record(name, inputs, out, saved, ([gg]) => (zerosEdge ? [null, pick(gg!)] : [pick(gg!)]));
}

/** zeros(shape) with `g` written into the part `geo` describes (distinct elements: a plain copy). */
function writeIntoZeros(g: Tensor, shape: Shape, geo: Geometry): Tensor {
  const out = Tensor._empty(shape, g.dtype, g.device);
  copyInto(out, geo, g);
  return out;
}

function zerosOf(shape: Shape, dtype: DType, like: Tensor): Tensor {
  return Tensor._empty(shape, dtype, like.device);
}

// ---- slice and select (views) --------------------------------------------------------------------

/** aten::slice's clamping: negative bounds count from the end, then both are clamped to the dim. */
function sliceGeometry(g: Geometry, dim: number, start: number | null, end: number | null, step: number): Geometry {
  const size = g.shape[dim];
  let s = start ?? 0;
  let e = end ?? INT64_MAX;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  const shape = g.shape.slice();
  const strides = g.strides.slice();
  shape[dim] = Math.ceil((e - s) / step);
  strides[dim] = g.strides[dim] * step;
  return { shape, strides, offset: g.offset + s * g.strides[dim] };
}

/** aten::slice on a wrapped dim: a view (SliceBackward0); `savedDim` is the dim as the caller wrote it. */
function sliceView(self: Tensor, dim: number, start: number | null, end: number | null, step: number, savedDim = dim): Tensor {
  const geo = sliceGeometry(geometryOf(self), dim, start, end, step);
  const inShape = self.shape.slice();
  const out = self._viewOf(geo.shape, geo.strides.slice(), geo.offset);
  // A slice without an end saves INT64_MAX, which only a bigint holds exactly.
  const saved = { dim: savedDim, end: end ?? 9223372036854775807n, self_sym_sizes: inShape, start: start ?? 0, step };
  return record('SliceBackward0', [self], out, saved, ([g]) => [sliceBackward(g!, inShape, dim, start, end, step, savedDim)]);
}

function sliceBackward(g: Tensor, inShape: Shape, dim: number, start: number | null, end: number | null, step: number, savedDim: number): Tensor {
  const geo = sliceGeometry(contiguousGeometry(inShape), dim, start, end, step);
  const put = { offsets: () => stridedOffsets(geo), onDevice: () => writeIntoZeros(g, inShape, geo) };
  const saved = { dim: savedDim, end: end ?? 9223372036854775807n, start: start ?? 0, step };
  return putIntoZeros('SliceBackwardBackward0', g, inShape, put, (gg) => sliceView(gg, dim, start, end, step, savedDim), false, saved);
}

function selectGeometry(g: Geometry, dim: number, index: number): Geometry {
  const i = index < 0 ? index + g.shape[dim] : index;
  return {
    shape: g.shape.filter((_, k) => k !== dim),
    strides: g.strides.filter((_, k) => k !== dim),
    offset: g.offset + i * g.strides[dim],
  };
}

/** aten::select on a wrapped dim with a checked index: a view (SelectBackward0). */
function selectView(self: Tensor, dim: number, index: number, savedDim = dim): Tensor {
  const geo = selectGeometry(geometryOf(self), dim, index);
  const inShape = self.shape.slice();
  const out = self._viewOf(geo.shape, geo.strides.slice(), geo.offset);
  return record('SelectBackward0', [self], out, { dim: savedDim, index, self_sym_sizes: inShape }, ([g]) => [selectBackward(g!, inShape, dim, index, savedDim)]);
}

function selectBackward(g: Tensor, inShape: Shape, dim: number, index: number, savedDim: number): Tensor {
  const geo = selectGeometry(contiguousGeometry(inShape), dim, index);
  const put = { offsets: () => stridedOffsets(geo), onDevice: () => writeIntoZeros(g, inShape, geo) };
  return putIntoZeros('SelectBackwardBackward0', g, inShape, put, (gg) => selectView(gg, dim, index, savedDim), false, { dim: savedDim, index });
}

/** `x.narrow(dim, start, length)`: a view of `length` entries from `start` (SliceBackward0). */
export function narrow(self: Tensor, dim: number, startArg: number | Tensor, length: number): Tensor {
  const start = startArg instanceof Tensor ? Number(startArg.item()) : startArg;
  if (self.shape.length === 0) throw new RuntimeError('narrow() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, self.shape.length);
  const size = self.shape[d];
  const s = start === size ? start : wrapDim(start, size);
  if (length < 0 || s > size - length) throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  return sliceView(self, d, s, s + length, 1, dim);
}

/** `x.select(dim, index)`: the view at `index` along `dim`, that dim removed (SelectBackward0). */
export function select(self: Tensor, dim: number, index: number): Tensor {
  if (self.shape.length === 0) throw new IndexError('select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, self.shape.length);
  const size = self.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(`select(): index ${index} out of range for tensor of size ${shapeRepr(self.shape)} at dimension ${d}`);
  }
  return selectView(self, d, index, dim);
}

// ---- split, chunk, unbind (several views from one node) ----------------------------------------------

/** Views of consecutive pieces of `sizes` along `dim`, all outputs of one multi-output Node. */
function splitInto(name: string, self: Tensor, dim: number, sizes: readonly number[], saved: Record<string, number | readonly number[]>): Tensor[] {
  let start = 0;
  const outs = sizes.map((n) => {
    const geo = sliceGeometry(geometryOf(self), dim, start, start + n, 1);
    start += n;
    return self._viewOf(geo.shape, geo.strides.slice(), geo.offset);
  });
  const shapes = outs.map((o) => o.shape.slice());
  const dtype = self.dtype;
  // Outputs whose gradient never arrived count as zeros (PyTorch's split_backward).
  return record(name, [self], outs, saved, (grads) => [cat(grads.map((g, i) => g ?? zerosOf(shapes[i], dtype, self)), dim)]);
}

/**
 * `x.split(split_size, dim = 0)` (SplitBackward0): pieces of `split_size` (the last may be
 * smaller); `x.split([sizes], dim)` (SplitWithSizesBackward0): pieces of the given sizes. Views.
 */
export function split(self: Tensor, split_size_or_sections: number | readonly number[], dim = 0): Tensor[] {
  if (typeof split_size_or_sections !== 'number') return split_with_sizes(self, split_size_or_sections, dim);
  const splitSize = split_size_or_sections;
  if (self.shape.length === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  if (splitSize < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${splitSize}`);
  const d = wrapDim(dim, self.shape.length);
  const size = self.shape[d];
  if (splitSize === 0 && size !== 0) throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
  const n = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
  const sizes = Array.from({ length: n }, (_, i) => (i < n - 1 ? splitSize : size - splitSize * (n - 1)));
  return splitInto('SplitBackward0', self, d, sizes, { dim, self_sym_sizes: self.shape.slice(), split_size: splitSize });
}

export function split_with_sizes(self: Tensor, split_sizes: readonly number[], dim = 0): Tensor[] {
  if (self.shape.length === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  const d = wrapDim(dim, self.shape.length);
  const size = self.shape[d];
  const sizes = [...split_sizes];
  if (sizes.some((s) => s < 0)) throw new RuntimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${shapeRepr(sizes)}`);
  if (sizes.reduce((a, b) => a + b, 0) !== size) {
    throw new RuntimeError(`split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${shapeRepr(sizes)}`);
  }
  return splitInto('SplitWithSizesBackward0', self, d, sizes, { dim, self_sym_sizes: self.shape.slice(), split_sizes: sizes });
}

/** `x.chunk(chunks, dim = 0)`: split into pieces of ceil(size / chunks) (SplitBackward0). */
export function chunk(self: Tensor, chunks: number, dim = 0): Tensor[] {
  if (self.shape.length === 0) throw new RuntimeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const size = self.shape[wrapDim(dim, self.shape.length)];
  const splitSize = Math.ceil(size / chunks);
  if (splitSize === 0 && size === 0) return split_with_sizes(self, new Array<number>(chunks).fill(0), dim);
  return split(self, splitSize, dim);
}

/** `x.unbind(dim = 0)`: every slice along `dim` as a view, outputs of one UnbindBackward0. */
export function unbind(self: Tensor, dim = 0): Tensor[] {
  if (self.shape.length === 0) throw new IndexError(`Dimension specified as ${dim} but tensor has no dimensions`);
  const d = wrapDim(dim, self.shape.length);
  const outs = Array.from({ length: self.shape[d] }, (_, i) => {
    const geo = selectGeometry(geometryOf(self), d, i);
    return self._viewOf(geo.shape, geo.strides.slice(), geo.offset);
  });
  const shape = self.shape.filter((_, k) => k !== d);
  const dtype = self.dtype;
  return record('UnbindBackward0', [self], outs, { dim }, (grads) => [stack(grads.map((g) => g ?? zerosOf(shape, dtype, self)), d)]);
}

// ---- cat, stack ----------------------------------------------------------------------------------------

function promoted(tensors: readonly Tensor[]): DType {
  return tensors.map((t) => t.dtype).reduce(promoteTypes);
}

/** Copies `src` into the part of `out` that `geo` describes. */
function copyInto(out: Tensor, geo: Geometry, src: Tensor): void {
  const dst = new Tensor(out._data, geo.shape, out.dtype, { strides: geo.strides.slice(), offset: geo.offset, device: out.device });
  writeInto(dst, src, (_old, v) => v, 'a');
}

/** A 1-D empty tensor, which cat skips whatever the other shapes (PyTorch's legacy rule). */
function skippedByCat(t: Tensor): boolean {
  return t.shape.length === 1 && t.shape[0] === 0;
}

/** `torch.cat(tensors, dim = 0)`: joins along an existing dim, dtypes promoted (CatBackward0). */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError('torch.cat(): expected a non-empty list of Tensors');
  tensors.forEach((t, i) => {
    if (t.shape.length === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const ref = tensors.find((t) => !skippedByCat(t)) ?? tensors[0];
  const d = wrapDim(dim, ref.shape.length);
  tensors.forEach((t, i) => {
    if (skippedByCat(t)) return;
    if (t.shape.length !== ref.shape.length) throw new RuntimeError(`Tensors must have same number of dimensions: got ${ref.shape.length} and ${t.shape.length}`);
    t.shape.forEach((s, k) => {
      if (k !== d && s !== ref.shape[k]) {
        throw new RuntimeError(`Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${s} for tensor number ${i} in the list.`);
      }
    });
  });
  const kept = tensors.filter((t) => !skippedByCat(t));
  const shape = ref.shape.slice();
  if (kept.length) shape[d] = kept.reduce((n, t) => n + t.shape[d], 0);
  const out = Tensor._empty(shape, promoted(tensors), ref.device);
  const whole = contiguousGeometry(shape);
  const starts: number[] = [];
  let start = 0;
  for (const t of tensors) {
    starts.push(start);
    if (skippedByCat(t)) continue;
    copyInto(out, sliceGeometry(whole, d, start, start + t.shape[d], 1), t);
    start += t.shape[d];
  }
  return record('CatBackward0', tensors, out, { dim }, ([g], _s, needs) =>
    tensors.map((t, i) => {
      if (!needs[i]) return null;
      return skippedByCat(t) ? zerosOf(t.shape, g!.dtype, g!) : narrow(g!, d, starts[i], t.shape[d]);
    }),
  );
}

/** `torch.stack(tensors, dim = 0)`: joins equal-sized tensors along a new dim (StackBackward0). */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
  const first = tensors[0];
  const d = wrapDim(dim, first.shape.length + 1);
  tensors.forEach((t, i) => {
    if (!sameShape(t.shape, first.shape)) {
      throw new RuntimeError(`stack expects each tensor to be equal size, but got ${shapeRepr(first.shape)} at entry 0 and ${shapeRepr(t.shape)} at entry ${i}`);
    }
  });
  const shape = first.shape.slice();
  shape.splice(d, 0, tensors.length);
  const out = Tensor._empty(shape, promoted(tensors), first.device);
  const whole = contiguousGeometry(shape);
  tensors.forEach((t, i) => copyInto(out, selectGeometry(whole, d, i), t));
  return record('StackBackward0', tensors, out, { dim }, ([g], _s, needs) => tensors.map((_, i) => (needs[i] ? select(g!, d, i) : null)));
}

// ---- index_select, gather -------------------------------------------------------------------------------

function indexSelectOffsets(g: Geometry, dim: number, index: ArrayLike<number>): Int32Array {
  const parts = g.shape.map((s, k) => (k === dim ? axis(index.length, g.strides[k], (j) => index[j]) : axis(s, g.strides[k])));
  return cartesianOffsets(parts, g.offset);
}

/** `x.index_select(dim, index)`: the entries at `index` (int64, 1-D) along `dim` (IndexSelectBackward0). */
export function index_select(self: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, self.shape.length);
  if (index.shape.length > 1) throw new IndexError('index_select(): Index is supposed to be a vector');
  if (index.dtype !== 'int64') throw new RuntimeError('index_select(): Expected dtype int32 or int64 for index');
  const device = deviceIndexing(self);
  if (device) return indexSelectOnDevice(device, self, d, dim, device.indexOperand(index));
  const idx = index._values();
  const size = self.shape[d];
  for (let i = 0; i < idx.length; i++) if (idx[i] < 0 || idx[i] >= size) throw new IndexError('index out of range in self');
  const shape = self.shape.slice();
  shape[d] = idx.length;
  const out = take(self, indexSelectOffsets(geometryOf(self), d, idx), shape);
  const inShape = self.shape.slice();
  return record('IndexSelectBackward0', [self], out, { dim, index, self_sym_sizes: inShape }, ([g], s) => [indexAddIntoZeros(g!, inShape, d, s.index as Tensor, dim)]);
}

/** The stride of a 0- or 1-D index list, and its length. */
function listOf(index: Tensor): { stride: number; length: number } {
  return index.shape.length === 0 ? { stride: 0, length: 1 } : { stride: index._strides[0], length: index.shape[0] };
}

/** Out-of-range entries cannot be checked without reading the index back; as on CUDA, they are not. */
function indexSelectOnDevice(device: IndexKernels, self: Tensor, d: number, dim: number, index: Tensor): Tensor {
  const list = listOf(index);
  const shape = self.shape.slice();
  shape[d] = list.length;
  const srcStrides = self._strides.map((st, k) => (k === d ? 0 : st));
  const idxStrides = shape.map((_, k) => (k === d ? list.stride : 0));
  const out = device.gather(self, shape, self._offset, srcStrides, { t: index, offset: index._offset, strides: idxStrides }, self._strides[d]);
  const inShape = self.shape.slice();
  return record('IndexSelectBackward0', [self], out, { dim, index, self_sym_sizes: inShape }, ([g], s) => [indexAddIntoZeros(g!, inShape, d, s.index as Tensor, dim)]);
}

function indexAddIntoZeros(g: Tensor, inShape: Shape, dim: number, index: Tensor, savedDim: number): Tensor {
  const put = {
    offsets: () => indexSelectOffsets(contiguousGeometry(inShape), dim, index._values()),
    onDevice: () => {
      const list = listOf(index);
      return needDeviceIndexing(g).scatterAdd(g, inShape, {
        keyStrides: inShape.map((_, k) => (k === dim ? 1 : 0)),
        gOffset: g._offset,
        gStrides: g._strides.map((st, k) => (k === dim ? 0 : st)),
        gLoopStride: g._strides[dim],
        index,
        idxOffset: index._offset,
        idxStrides: inShape.map(() => 0),
        idxLoopStride: list.stride,
        length: list.length,
      });
    },
  };
  const saved = { alpha: 1, dim: savedDim, index, source: g, source_dim: g.shape.length };
  return putIntoZeros('IndexAddBackward0', g, inShape, put, (gg) => index_select(gg, dim, index), true, saved);
}

function gatherOffsets(g: Geometry, dim: number, index: Tensor): Int32Array {
  const offsets = cartesianOffsets(index.shape.map((s, k) => axis(s, k === dim ? 0 : g.strides[k])), g.offset);
  const idx = index._values();
  const size = g.shape[dim];
  for (let i = 0; i < idx.length; i++) {
    if (idx[i] < 0 || idx[i] >= size) throw new RuntimeError(`index ${idx[i]} is out of bounds for dimension ${dim} with size ${size}`);
    offsets[i] += idx[i] * g.strides[dim];
  }
  return offsets;
}

/** `x.gather(dim, index)`: `out[i][j] = x[i][index[i][j]]` for dim 1 (GatherBackward0). */
export function gather(self: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, self.shape.length);
  if (index.dtype !== 'int64') throw new RuntimeError('gather(): Expected dtype int64 for index');
  if (index.shape.length !== self.shape.length) throw new RuntimeError('Index tensor must have the same number of dimensions as input tensor');
  index.shape.forEach((s, k) => {
    if (k !== d && s > self.shape[k]) {
      throw new RuntimeError(`Size does not match at dimension ${k} expected index ${shapeRepr(index.shape)} to be smaller than self ${shapeRepr(self.shape)} apart from dimension ${d}`);
    }
  });
  const device = deviceIndexing(self);
  const idx = device ? device.indexOperand(index) : index;
  const out = device
    ? device.gather(self, index.shape, self._offset, self._strides.map((st, k) => (k === d ? 0 : st)), { t: idx, offset: idx._offset, strides: idx._strides }, self._strides[d])
    : take(self, gatherOffsets(geometryOf(self), d, index), index.shape);
  return record('GatherBackward0', [self], out, { dim, index: idx, self, sparse_grad: false }, ([g], s) => [scatterAddIntoZeros(g!, (s.self as Tensor).shape, d, s.index as Tensor, dim)]);
}

function scatterAddIntoZeros(g: Tensor, inShape: Shape, dim: number, index: Tensor, savedDim: number): Tensor {
  const put = {
    offsets: () => gatherOffsets(contiguousGeometry(inShape), dim, index),
    onDevice: () =>
      needDeviceIndexing(g).scatterAdd(g, inShape, {
        keyStrides: inShape.map((_, k) => (k === dim ? 1 : 0)),
        gOffset: g._offset,
        gStrides: g._strides.map((st, k) => (k === dim ? 0 : st)),
        gLoopStride: g._strides[dim],
        index,
        idxOffset: index._offset,
        idxStrides: index._strides.map((st, k) => (k === dim ? 0 : st)),
        idxLoopStride: index._strides[dim],
        length: index.shape[dim],
        limits: index.shape.map((n, k) => (k === dim ? 0xffffffff : n)),
      }),
  };
  return putIntoZeros('ScatterAddBackward0', g, inShape.slice(), put, (gg) => gather(gg, dim, index), true, { dim: savedDim, index });
}

// ---- advanced indexing (at::index) --------------------------------------------------------------------

interface IndexPlan {
  shape: number[];
  offsets(g: Geometry): Int32Array;
}

/**
 * at::index's rules: bool masks become the coordinates of their true entries (one int64 index per
 * mask dim), the int64 indices broadcast together, and the result has the broadcast shape where
 * the indexed dims were when they are adjacent, else in front of the remaining dims.
 */
function planIndex(selfShape: Shape, indices: readonly (Tensor | null)[]): IndexPlan {
  const dims: number[] = [];
  const lists: { shape: number[]; values: ArrayLike<number> }[] = [];
  let pos = 0;
  for (const t of indices) {
    if (t === null) {
      pos++;
    } else if (t.dtype === 'bool') {
      for (const coords of maskCoordinates(t, selfShape, pos)) {
        lists.push({ shape: [coords.length], values: coords });
        dims.push(pos++);
      }
    } else if (t.dtype === 'int64') {
      lists.push({ shape: t.shape.slice(), values: t._values() });
      dims.push(pos++);
    } else {
      throw new IndexError('tensors used as indices must be long, byte or bool tensors');
    }
  }
  const bshape = broadcastIndexShapes(lists.map((l) => l.shape));
  const wrapped = lists.map((l, k) => broadcastIndex(l, bshape, k, selfShape[dims[k]]));
  const { pre, post, shape } = indexLayout(selfShape, dims, bshape);
  const nb = numelOf(bshape);
  return {
    shape,
    offsets(g: Geometry): Int32Array {
      const adv = new Int32Array(nb);
      wrapped.forEach((w, k) => {
        const stride = g.strides[dims[k]];
        for (let b = 0; b < nb; b++) adv[b] += w[b] * stride;
      });
      const parts = [...pre.map((i) => axis(g.shape[i], g.strides[i])), adv, ...post.map((i) => axis(g.shape[i], g.strides[i]))];
      return cartesianOffsets(parts, g.offset);
    },
  };
}

function broadcastIndexShapes(shapes: readonly number[][]): number[] {
  try {
    return shapes.reduce<number[]>((acc, s) => broadcastShapes(acc, s), []);
  } catch {
    throw new IndexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.map(shapeRepr).join(', ')}`);
  }
}

/** The result's dims: the broadcast index shape where the indexed dims were when they are adjacent, else in front. */
function indexLayout(selfShape: Shape, dims: readonly number[], bshape: readonly number[]): { pre: number[]; post: number[]; shape: number[] } {
  const rest = selfShape.map((_, i) => i).filter((i) => !dims.includes(i));
  const adjacent = dims.every((d, k) => k === 0 || d === dims[k - 1] + 1);
  const pre = adjacent ? rest.filter((i) => i < dims[0]) : [];
  const post = rest.filter((i) => !pre.includes(i));
  return { pre, post, shape: [...pre.map((i) => selfShape[i]), ...bshape, ...post.map((i) => selfShape[i])] };
}

/** at::index on a device: the index lists stay there (a bool mask needs its true entries on the host). */
interface DeviceIndexPlan {
  dims: number[];
  lists: Tensor[];
  bshape: number[];
  pre: number[];
  post: number[];
  shape: number[];
}

function planIndexOnDevice(device: IndexKernels, selfShape: Shape, indices: readonly (Tensor | null)[]): DeviceIndexPlan {
  const dims: number[] = [];
  const lists: Tensor[] = [];
  let pos = 0;
  for (const t of indices) {
    if (t === null) {
      pos++;
    } else if (t.dtype === 'bool') {
      for (const coords of maskCoordinates(t, selfShape, pos)) {
        lists.push(device.upload(coords));
        dims.push(pos++);
      }
    } else if (t.dtype === 'int64') {
      lists.push(device.indexOperand(t));
      dims.push(pos++);
    } else {
      throw new IndexError('tensors used as indices must be long, byte or bool tensors');
    }
  }
  const bshape = broadcastIndexShapes(lists.map((l) => l.shape.slice()));
  return { dims, lists, bshape, ...indexLayout(selfShape, dims, bshape) };
}

/** sum_k wrap(index_k) * strides[dims[k]] over the broadcast index shape (int64, contiguous). */
function advancedOffsetsOnDevice(plan: DeviceIndexPlan, sizes: Shape, strides: readonly number[]): Tensor {
  let acc: Tensor | null = null;
  plan.lists.forEach((l, k) => {
    const d = plan.dims[k];
    const size = tensor(sizes[d], 'int64', 'cpu');
    const stride = tensor(strides[d], 'int64', 'cpu');
    const term = ternaryMap(l, size, stride, plan.bshape, 'int64', (a, b, c) => (a < 0 ? a + b : a) * c, 'select(a, a + b, a < 0) * c');
    acc = acc ? binaryMap(acc, term, plan.bshape, 'int64', (a, b) => a + b, 'a + b') : term;
  });
  return acc!;
}

function advancedIndexOnDevice(device: IndexKernels, self: Tensor, indices: readonly (Tensor | null)[]): Tensor {
  const plan = planIndexOnDevice(device, self.shape, indices);
  const adv = advancedOffsetsOnDevice(plan, self.shape, self._strides);
  const nPre = plan.pre.length;
  const nb = plan.bshape.length;
  const bStrides = contiguousStrides(plan.bshape);
  const srcStrides = [...plan.pre.map((i) => self._strides[i]), ...plan.bshape.map(() => 0), ...plan.post.map((i) => self._strides[i])];
  const idxStrides = plan.shape.map((_, k) => (k >= nPre && k < nPre + nb ? bStrides[k - nPre] : 0));
  const out = device.gather(self, plan.shape, self._offset, srcStrides, { t: adv, offset: 0, strides: idxStrides }, 1);
  const inShape = self.shape.slice();
  return record('IndexBackward0', [self], out, { indices, self_sym_sizes: inShape }, ([g], s) => [indexPutIntoZeros(g!, inShape, s.indices as (Tensor | null)[], plan)]);
}

/** The scatter-add of at::index's backward: each element of zeros(inShape) sums the gradients that picked it. */
function scatterIndexOnDevice(device: IndexKernels, g: Tensor, inShape: Shape, plan: DeviceIndexPlan): Tensor {
  const strides = contiguousStrides(inShape);
  const adv = advancedOffsetsOnDevice(plan, inShape, strides);
  const gc = g.is_contiguous() ? g : castCopy(g, g.dtype);
  const gStridesOut = contiguousStrides(gc.shape);
  const postStart = plan.pre.length + plan.bshape.length;
  const gStrides = inShape.map((_, i) => {
    const p = plan.pre.indexOf(i);
    if (p >= 0) return gStridesOut[p];
    const q = plan.post.indexOf(i);
    return q >= 0 ? gStridesOut[postStart + q] : 0;
  });
  return device.scatterAdd(gc, inShape, {
    keyStrides: inShape.map((_, i) => (plan.dims.includes(i) ? strides[i] : 0)),
    gOffset: gc._offset,
    gStrides,
    gLoopStride: numelOf(plan.post.map((i) => inShape[i])),
    index: adv,
    idxOffset: 0,
    idxStrides: inShape.map(() => 0),
    idxLoopStride: 1,
    length: numelOf(plan.bshape),
  });
}

/** The coordinates of a bool mask's true entries, one list per mask dim, checked against self. */
function maskCoordinates(mask: Tensor, selfShape: Shape, pos: number): number[][] {
  if (mask.shape.length === 0) throw new NotImplementedError('Gradlab does not support indexing with a 0-dim bool tensor');
  mask.shape.forEach((s, j) => {
    if (s !== selfShape[pos + j]) {
      throw new IndexError(`The shape of the mask ${shapeRepr(mask.shape)} at index ${j} does not match the shape of the indexed tensor ${shapeRepr(selfShape)} at index ${pos + j}`);
    }
  });
  const values = mask._values();
  const strides = contiguousStrides(mask.shape);
  const coords = mask.shape.map(() => [] as number[]);
  for (let f = 0; f < values.length; f++) {
    if (!values[f]) continue;
    strides.forEach((st, j) => coords[j].push(Math.floor(f / st) % mask.shape[j]));
  }
  return coords;
}

/** One index list broadcast to `bshape`, negative entries wrapped, with PyTorch's bounds message. */
function broadcastIndex(l: { shape: number[]; values: ArrayLike<number> }, bshape: number[], k: number, size: number): Int32Array {
  const lead = bshape.length - l.shape.length;
  const strides = contiguousStrides(l.shape);
  const parts = bshape.map((s, i) => (i < lead || l.shape[i - lead] === 1 ? new Int32Array(s) : axis(s, strides[i - lead])));
  const at = cartesianOffsets(parts, 0);
  const out = new Int32Array(at.length);
  for (let b = 0; b < at.length; b++) {
    const v = l.values[at[b]];
    if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${k} with size ${size}`);
    out[b] = v < 0 ? v + size : v;
  }
  return out;
}

function advancedIndex(self: Tensor, indices: readonly (Tensor | null)[]): Tensor {
  const device = deviceIndexing(self);
  if (device) return advancedIndexOnDevice(device, self, indices);
  const plan = planIndex(self.shape, indices);
  const out = take(self, plan.offsets(geometryOf(self)), plan.shape);
  const inShape = self.shape.slice();
  return record('IndexBackward0', [self], out, { indices, self_sym_sizes: inShape }, ([g], s) => [indexPutIntoZeros(g!, inShape, s.indices as (Tensor | null)[])]);
}

function indexPutIntoZeros(g: Tensor, inShape: Shape, indices: readonly (Tensor | null)[], plan?: DeviceIndexPlan): Tensor {
  const put = {
    offsets: () => planIndex(inShape, indices).offsets(contiguousGeometry(inShape)),
    onDevice: () => {
      const device = needDeviceIndexing(g);
      return scatterIndexOnDevice(device, g, inShape, plan ?? planIndexOnDevice(device, inShape, indices));
    },
  };
  return putIntoZeros('IndexPutImplBackward0', g, inShape, put, (gg) => advancedIndex(gg, indices), true, { accumulate: true, indices });
}

// ---- Python's x[...] -------------------------------------------------------------------------------------

/** Python's `start:end:step` inside `x[...]`; make one with `torch.slice(start?, end?, step?)`. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly end: number | null = null,
    readonly step: number | null = null,
  ) {}

  /** Python's repr: `slice(1, 3, None)`. */
  toString(): string {
    const show = (v: number | null) => (v === null ? 'None' : String(v));
    return `slice(${show(this.start)}, ${show(this.end)}, ${show(this.step)})`;
  }
}

/**
 * Python's slice `start:end:step` for `x.index(...)`: `torch.slice(1, 3)` is `1:3`,
 * `torch.slice(null, null, 2)` is `::2`, `torch.slice(-2)` is `-2:`. Omitted parts are null.
 */
export function slice(start: number | null = null, end: number | null = null, step: number | null = null): Slice {
  return new Slice(start, end, step);
}

/** A Python list used as an index (`x[[0, 2]]`, `x[[True, False, True]]`). */
export type IndexList = readonly (number | boolean | IndexList)[];

/**
 * One entry of `x.index(...)`, for one position of Python's `x[...]`:
 * - a number `i`: `x[i]` selects (that dim goes away; negative counts from the end);
 * - `null`: `:`, the whole dim;
 * - `torch.slice(start?, end?, step?)`: `start:end:step`;
 * - `'...'`: Python's `...` (Ellipsis), as many `:` as needed;
 * - `'newaxis'`: Python's `None` in an index, a new dim of size 1 (`null` already means `:`);
 * - an int64 or bool Tensor, or a list (`[0, 2]`, `[true, false, true]`): advanced indexing.
 */
export type IndexSpec = number | null | Slice | '...' | 'newaxis' | Tensor | IndexList;

type ParsedSpec = number | null | Slice | '...' | 'newaxis' | Tensor;

function pyTypeName(v: unknown): string {
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function invalidIndex(v: unknown): Error {
  return new TypeError(`only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${pyTypeName(v)})`);
}

function parseSpec(spec: IndexSpec): ParsedSpec {
  if (spec === null || spec === '...' || spec === 'newaxis' || spec instanceof Slice || spec instanceof Tensor) return spec;
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec)) throw invalidIndex(spec);
    return spec;
  }
  if (Array.isArray(spec)) {
    const flat = (spec as readonly unknown[]).flat(Infinity);
    const allBool = flat.length > 0 && flat.every((v) => typeof v === 'boolean');
    if (!allBool && flat.some((v) => typeof v !== 'number' || !Number.isInteger(v))) {
      throw new IndexError('tensors used as indices must be long, byte or bool tensors');
    }
    return tensor(spec as IndexList, allBool ? 'bool' : 'int64');
  }
  throw invalidIndex(spec);
}

/** How many dims of `self` an entry consumes (a bool mask one per mask dim). */
function specifiedDims(spec: ParsedSpec): number {
  if (spec === '...' || spec === 'newaxis') return 0;
  if (spec instanceof Tensor && spec.dtype === 'bool') return spec.shape.length;
  return 1;
}

/** Python's integer index: its own message (with the dim counted in the original tensor). */
function pySelect(self: Tensor, dim: number, index: number, realDim: number): Tensor {
  const size = self.shape[dim];
  if (index < -size || index >= size) throw new IndexError(`index ${index} is out of bounds for dimension ${realDim} with size ${size}`);
  return selectView(self, dim, index);
}

/**
 * One slice of Python's index. Within a tuple of indices (`x[:, 1:]`), a slice that keeps the whole
 * dim is skipped, as PyTorch 2.x's applySlice does (no SliceBackward0 for the `:`); a lone slice
 * (`x[:]`) always makes its view.
 */
function pySlice(self: Tensor, dim: number, s: Slice, inTuple: boolean): Tensor {
  for (const v of [s.start, s.end, s.step]) {
    if (v !== null && !Number.isInteger(v)) throw new TypeError('slice indices must be integers or None or have an __index__ method');
  }
  const step = s.step ?? 1;
  if (step === 0) throw new ValueError('slice step cannot be zero');
  if (step < 0) throw new ValueError('step must be greater than zero');
  if (inTuple && (s.start ?? 0) === 0 && (s.end ?? INT64_MAX) >= self.shape[dim] && step === 1) return self;
  return sliceView(self, dim, s.start, s.end, step);
}

/**
 * Python's `x[...]`: one argument per position of the Python index.
 *
 * | PyTorch            | here                                          |
 * |--------------------|-----------------------------------------------|
 * | `x[0]`             | `x.index(0)`                                  |
 * | `x[:, 0]`          | `x.index(null, 0)`                            |
 * | `x[1:3]`           | `x.index(torch.slice(1, 3))`                  |
 * | `x[::2, -1]`       | `x.index(torch.slice(null, null, 2), -1)`     |
 * | `x[..., 0]`        | `x.index('...', 0)`                           |
 * | `x[:, None]`       | `x.index(null, 'newaxis')`                    |
 * | `x[idx]`           | `x.index(idx)` (int64 Tensor, or `[0, 2]`)    |
 * | `x[x > 0]`         | `x.index(x.gt(0))` (bool mask)                |
 *
 * Numbers, slices, `'...'` and `'newaxis'` give views (SelectBackward0, SliceBackward0,
 * UnsqueezeBackward0) sharing storage with `x`; tensors and lists give a copy (IndexBackward0).
 */
export function index(self: Tensor, specs: readonly IndexSpec[]): Tensor {
  const parsed = specs.map(parseSpec);
  const specified = parsed.reduce<number>((n, s) => n + specifiedDims(s), 0);
  if (specified > self.shape.length) throw new IndexError(`too many indices for tensor of dimension ${self.shape.length}`);
  let result = self;
  // `dim` is where the next entry applies in `result`; PyTorch counts a bool mask as one dim here.
  let dim = 0;
  let realDim = 0;
  const indices: (Tensor | null)[] = [];
  for (const spec of parsed) {
    if (typeof spec === 'number') {
      result = pySelect(result, dim, spec, realDim++);
    } else if (spec === null || spec instanceof Slice) {
      result = pySlice(result, dim++, spec ?? new Slice(), parsed.length > 1);
      realDim++;
    } else if (spec === '...') {
      dim += self.shape.length - specified;
      realDim += self.shape.length - specified;
    } else if (spec === 'newaxis') {
      result = unsqueeze(result, dim++);
      realDim++;
    } else if (spec.shape.length === 0 && spec.dtype === 'int64') {
      result = pySelect(result, dim, Number(spec.item()), realDim++);
    } else {
      while (indices.length < dim) indices.push(null);
      indices[dim++] = spec;
      realDim++;
    }
  }
  if (indices.length) return advancedIndex(result, indices);
  if (result === self) return record('AliasBackward0', [self], self._viewOf(self.shape, self._strides.slice(), self._offset), {}, ([g]) => [g]);
  return result;
}

// ---- masked_fill, repeat, flip, roll, tril, triu ----------------------------------------------------------

const DTYPE_NAMES: Record<DType, string> = { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' };

/**
 * `x.masked_fill(mask, value)`: `value` where the bool `mask` (broadcast) is true. A number value
 * gives MaskedFillBackward0; a 0-dim Tensor value gives MaskedFillBackward1, with a gradient for it.
 */
export function masked_fill(self: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  if (mask.dtype !== 'bool') throw new RuntimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${DTYPE_NAMES[mask.dtype]}`);
  if (value instanceof Tensor && value.shape.length !== 0) {
    throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.shape.length} dimension(s).`);
  }
  const shape = broadcastShapes(self.shape, mask.shape);
  const backend = backendOf(self, mask);
  // The value rides along as an operand: a number (or a value read now) as a CPU 0-dim tensor, a
  // device tensor as it is, so that no device value is read back.
  const fill = value instanceof Tensor && !backend.syncReads ? value : tensor(castScalar(Number(value instanceof Tensor ? value.item() : value), self.dtype), self.dtype, 'cpu');
  const out = backend.ternaryMap(self, mask, fill, shape, self.dtype, (x, m, v) => (m ? v : x), 'select(a, c, b != 0)');
  if (!(value instanceof Tensor)) return record('MaskedFillBackward0', [self], out, { mask }, ([g], s) => [masked_fill(g!, s.mask as Tensor, 0)]);
  return record('MaskedFillBackward1', [self, value], out, { mask }, ([g], s, needs) => {
    const m = s.mask as Tensor;
    return [needs[0] ? masked_fill(g!, m, 0) : null, needs[1] ? sum(where(m, g!, 0)) : null];
  });
}

/** `x.repeat(*repeats)`: tiles `x` `repeats[i]` times along dim i (leading new dims allowed). */
export function repeat(self: Tensor, repeats: readonly number[]): Tensor {
  const reps = [...repeats];
  if (reps.length < self.shape.length) throw new RuntimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  const lead = reps.length - self.shape.length;
  const padded = [...new Array<number>(lead).fill(1), ...self.shape];
  const paddedStrides = [...new Array<number>(lead).fill(0), ...self._strides];
  const shape = reps.map((r, i) => r * padded[i]);
  const negative = shape.find((s) => s < 0);
  if (negative !== undefined) throw new RuntimeError(`Trying to create tensor with negative dimension ${negative}: ${shapeRepr(shape)}`);
  const parts = shape.map((n, i) => axis(n, paddedStrides[i], (j) => j % padded[i]));
  const out = take(self, cartesianOffsets(parts, self._offset), shape);
  const inShape = self.shape.slice();
  return record('RepeatBackward0', [self], out, { repeats: reps, self_sym_sizes: inShape }, ([g]) => {
    if (reps.length === 0) return [g];
    // Each output dim i is (repeat r_i) x (size s_i): sum over the repeat halves.
    const summed = sum(g!.reshape(reps.flatMap((r, i) => [r, padded[i]])), reps.map((_, i) => 2 * i));
    return [lead > 0 ? summed.reshape(inShape) : summed];
  });
}

/** `x.flip(dims)`: reverses the order along each of `dims` (a copy, FlipBackward0). */
export function flip(self: Tensor, dims: readonly number[]): Tensor {
  const given = [...dims];
  const ds = normDims(given, self.shape.length);
  const parts = self.shape.map((s, i) => axis(s, self._strides[i], ds.includes(i) ? (j) => s - 1 - j : undefined));
  const out = take(self, cartesianOffsets(parts, self._offset), self.shape);
  return record('FlipBackward0', [self], out, { dims: given }, ([g]) => [flip(g!, ds)]);
}

function mod(a: number, n: number): number {
  return n === 0 ? 0 : ((a % n) + n) % n;
}

/**
 * `x.roll(shifts, dims?)`: entries shifted cyclically along `dims`; without dims, over the
 * flattened tensor (RollBackward0).
 */
export function roll(self: Tensor, shifts: number | readonly number[], dims: number | readonly number[] | null = null): Tensor {
  const sh = asList(shifts);
  const given = dims === null ? [] : asList(dims);
  if (sh.length === 0) throw new RuntimeError('`shifts` required');
  let out: Tensor;
  if (given.length === 0 && sh.length === 1) {
    const flat = stridedOffsets(geometryOf(self));
    const n = flat.length;
    const s = mod(sh[0], n);
    out = take(self, flat.map((_, i) => flat[mod(i - s, n)]), self.shape);
  } else {
    if (sh.length !== given.length) throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${given.length}`);
    const total = self.shape.map(() => 0);
    given.forEach((d, k) => (total[wrapDim(d, self.shape.length)] += sh[k]));
    const parts = self.shape.map((s, i) => axis(s, self._strides[i], (j) => mod(j - total[i], s)));
    out = take(self, cartesianOffsets(parts, self._offset), self.shape);
  }
  return record('RollBackward0', [self], out, { dims: given, shifts: sh }, ([g]) => [roll(g!, sh.map((s) => -s), given)]);
}

function triangle(self: Tensor, diagonal: number, lower: boolean): Tensor {
  const n = self.shape.length;
  if (n === 0) throw new IndexError('Dimension specified as -2 but tensor has no dimensions');
  wrapDim(-2, n);
  const out = backendOf(self).triangle(self, diagonal, lower);
  return record(lower ? 'TrilBackward0' : 'TriuBackward0', [self], out, { diagonal }, ([g]) => [triangle(g!, diagonal, lower)]);
}

/** `x.tril(diagonal = 0)`: the lower triangle of the last two dims, the rest zero (TrilBackward0). */
export function tril(self: Tensor, diagonal = 0): Tensor {
  return triangle(self, diagonal, true);
}

/** `x.triu(diagonal = 0)`: the upper triangle of the last two dims, the rest zero (TriuBackward0). */
export function triu(self: Tensor, diagonal = 0): Tensor {
  return triangle(self, diagonal, false);
}

type Kw<T> = { [K in keyof T]?: T[K] };
type DimKw = Kw<{ dim: number }>;

declare module '../tensor' {
  interface Tensor {
    narrow(dim: number | Kw<{ dim: number; start: number | Tensor; length: number }>, start?: number | Tensor | Kw<{ start: number | Tensor; length: number }>, length?: number | Kw<{ length: number }>): Tensor;
    select(dim: number | Kw<{ dim: number; index: number }>, index?: number | Kw<{ index: number }>): Tensor;
    split(split_size: number | readonly number[] | Kw<{ split_size: number | readonly number[]; dim: number }>, dim?: number | DimKw): Tensor[];
    split_with_sizes(split_sizes: readonly number[] | Kw<{ split_sizes: readonly number[]; dim: number }>, dim?: number | DimKw): Tensor[];
    chunk(chunks: number | Kw<{ chunks: number; dim: number }>, dim?: number | DimKw): Tensor[];
    unbind(dim?: number | DimKw): Tensor[];
    index_select(dim: number | Kw<{ dim: number; index: Tensor }>, index?: Tensor | Kw<{ index: Tensor }>): Tensor;
    gather(dim: number | Kw<{ dim: number; index: Tensor }>, index?: Tensor | Kw<{ index: Tensor }>): Tensor;
    /** Python's `x[...]`; see `IndexSpec`: `x.index(null, 0)` is `x[:, 0]`, `x.index(torch.slice(1, 3))` is `x[1:3]`. */
    index(...specs: IndexSpec[]): Tensor;
    masked_fill(mask: Tensor | Kw<{ mask: Tensor; value: number | boolean | Tensor }>, value?: number | boolean | Tensor | Kw<{ value: number | boolean | Tensor }>): Tensor;
    repeat(...repeats: (number | readonly number[] | Kw<{ repeats: readonly number[] }>)[]): Tensor;
    flip(...dims: (number | readonly number[] | Kw<{ dims: readonly number[] }>)[]): Tensor;
    roll(shifts: number | readonly number[] | Kw<{ shifts: number | readonly number[]; dims: number | readonly number[] | null }>, dims?: number | readonly number[] | null | Kw<{ dims: number | readonly number[] | null }>): Tensor;
    tril(diagonal?: number | Kw<{ diagonal: number }>): Tensor;
    triu(diagonal?: number | Kw<{ diagonal: number }>): Tensor;
  }
}

installMethods({ narrow, select, split, split_with_sizes, chunk, unbind, index_select, gather, index, masked_fill, repeat, flip, roll, tril, triu });

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  SliceBackward0: { inputs: ['self'], grads: ['zeros(self.shape) with grad written into the slice'] },
  SliceBackwardBackward0: { inputs: ['grad_output'], grads: ['grad sliced as the forward slice was (start:end:step along dim)'] },
  SelectBackward0: { inputs: ['self'], grads: ['zeros(self.shape) with grad written at index along dim'] },
  SelectBackwardBackward0: { inputs: ['grad_output'], grads: ['grad.select(dim, index)'] },
  SplitBackward0: { inputs: ['self'], grads: ['cat(grads, dim) (zeros for a piece with no gradient)'] },
  SplitWithSizesBackward0: { inputs: ['self'], grads: ['cat(grads, dim) (zeros for a piece with no gradient)'] },
  UnbindBackward0: { inputs: ['self'], grads: ['stack(grads, dim) (zeros for a slice with no gradient)'] },
  CatBackward0: { inputs: ['tensors'], grads: ['grad.narrow(dim, offset of tensors[i], its size along dim)'], variadic: true },
  StackBackward0: { inputs: ['tensors'], grads: ['grad.select(dim, i)'], variadic: true },
  IndexSelectBackward0: { inputs: ['self'], grads: ['zeros(self.shape).index_add(dim, index, grad)'] },
  IndexAddBackward0: { inputs: ['self', 'source'], grads: ['grad', 'grad.index_select(dim, index)'] },
  GatherBackward0: { inputs: ['self'], grads: ['zeros(self.shape).scatter_add(dim, index, grad)'] },
  ScatterAddBackward0: { inputs: ['self', 'src'], grads: ['grad', 'grad.gather(dim, index)'] },
  IndexBackward0: { inputs: ['self'], grads: ['zeros(self.shape).index_put(indices, grad, accumulate=True)'] },
  IndexPutImplBackward0: { inputs: ['self', 'values'], grads: ['grad', 'grad[indices] (summed to values’ shape)'] },
  AliasBackward0: { inputs: ['self'], grads: ['grad'] },
  MaskedFillBackward0: { inputs: ['self'], grads: ['grad.masked_fill(mask, 0)'] },
  MaskedFillBackward1: { inputs: ['self', 'value'], grads: ['grad.masked_fill(mask, 0)', 'grad[mask].sum()'] },
  RepeatBackward0: { inputs: ['self'], grads: ['grad summed over the repeats'] },
  FlipBackward0: { inputs: ['self'], grads: ['grad.flip(dims)'] },
  RollBackward0: { inputs: ['self'], grads: ['grad.roll(−shifts, dims)'] },
  TrilBackward0: { inputs: ['self'], grads: ['grad.tril(diagonal)'] },
  TriuBackward0: { inputs: ['self'], grads: ['grad.triu(diagonal)'] },
});
