/**
 * Tensor: a strided view on a storage, plus the autograd fields PyTorch's Variable carries.
 * Ops live in engine/ops/ and install themselves as methods (each file augments this interface).
 */
import { allocStorage, isFloating, type DType, type StorageArray } from './dtype';
import { contiguousStrides, numelOf, type Shape } from './shape';
import { AccumulateGrad, type Node, type RemovableHandle, type TensorHook } from './autograd/node';
import { is_grad_enabled } from './autograd/grad_mode';
import { asPyList, formatTensor } from './format';
import { backendFor, isCpuStorage, type CpuStorage, type Storage } from './backends/backend';
import { gatherStrided } from './backends/cpu/strided';
import { IndexError, RuntimeError } from './errors';

export type Device = 'cpu' | 'webgpu';

/** Shared by a tensor and all its views: in-place ops bump it, saved tensors check it. */
export interface VersionCounter {
  value: number;
}

let nextTensorId = 1;

const NON_LEAF_REQUIRES_GRAD_MESSAGE =
  "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().";

export const FLOAT_ONLY_GRAD_MESSAGE = 'Only Tensors of floating point and complex dtype can require gradients';

export class Tensor {
  readonly id = nextTensorId++;
  /** The values on the CPU, a GPU buffer's storage on WebGPU; CPU kernels read `_array()`. @internal */
  _data: Storage;
  /** Shared with views; `_version` reads it as PyTorch's `x._version` does. @internal */
  _versionCounter: VersionCounter;
  shape: number[];
  /** @internal */
  _strides: number[];
  /** @internal */
  _offset: number;
  dtype: DType;
  device: Device;
  /** Leaf requires_grad flag; a non-leaf requires grad through its grad_fn. @internal */
  _requires_grad = false;
  /** @internal */
  _grad: Tensor | null = null;
  grad_fn: Node | null = null;
  /** Which output of grad_fn this tensor is. @internal */
  _output_nr = 0;
  /** @internal */
  _retains_grad = false;
  /** The leaf's AccumulateGrad, shared by every op that uses this leaf (as PyTorch caches it). @internal */
  _accumulator: AccumulateGrad | null = null;
  /** The tensor this one is a view of (views share storage and version counter). */
  _base: Tensor | null = null;
  /** A Python number wrapped as a 0-dim tensor: it takes part in ops without promoting their dtype. @internal */
  _wrapped_number = false;
  /** The name a snippet's variable gives this tensor, for the viewer; set by make_dot params. @internal */
  _name: string | null = null;

  constructor(data: Storage, shape: Shape, dtype: DType, opts?: { strides?: number[]; offset?: number; version?: VersionCounter; device?: Device }) {
    this._data = data;
    this.shape = shape.slice();
    this._strides = opts?.strides ?? contiguousStrides(shape);
    this._offset = opts?.offset ?? 0;
    this.dtype = dtype;
    this.device = opts?.device ?? 'cpu';
    this._versionCounter = opts?.version ?? { value: 0 };
  }

  /** PyTorch's `x._version`: how many in-place changes this tensor's storage has seen. */
  get _version(): number {
    return this._versionCounter.value;
  }

  /** @internal */
  static _empty(shape: Shape, dtype: DType, device: Device = 'cpu'): Tensor {
    const n = numelOf(shape);
    return new Tensor(device === 'cpu' ? allocStorage(dtype, n) : backendFor(device).alloc(dtype, n), shape, dtype, { device });
  }

  // ---- sizes -------------------------------------------------------------------------------

  size(): number[];
  size(dim: number | { dim: number }): number;
  size(dimArg?: unknown): number[] | number {
    const dim = dimArg as number | undefined;
    if (dim === undefined) return this.shape.slice();
    const n = this.shape.length;
    if (dim < -Math.max(n, 1) || dim >= Math.max(n, 1)) {
      throw new IndexError(`Dimension out of range (expected to be in range of [${-Math.max(n, 1)}, ${Math.max(n, 1) - 1}], but got ${dim})`);
    }
    return n === 0 ? 1 : this.shape[dim < 0 ? dim + n : dim];
  }

  dim(): number {
    return this.shape.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  numel(): number {
    return numelOf(this.shape);
  }

  stride(): number[];
  stride(dim: number | { dim: number }): number;
  stride(dimArg?: unknown): number[] | number {
    if (dimArg === undefined) return this._strides.slice();
    const dim = dimArg as number;
    const n = this.shape.length;
    if (dim < -Math.max(n, 1) || dim >= Math.max(n, 1)) {
      throw new IndexError(`Dimension out of range (expected to be in range of [${-Math.max(n, 1)}, ${Math.max(n, 1) - 1}], but got ${dim})`);
    }
    return n === 0 ? 1 : this._strides[dim < 0 ? dim + n : dim];
  }

  is_contiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this._strides[i] !== expected) return false;
      expected *= this.shape[i];
    }
    return true;
  }

  /** PyTorch's legacy type name used in error messages: `torch.FloatTensor`. @internal */
  _typeName(): string {
    const names: Record<DType, string> = { float32: 'FloatTensor', float64: 'DoubleTensor', int64: 'LongTensor', bool: 'BoolTensor' };
    return `torch.${names[this.dtype]}`;
  }

  // ---- autograd fields -----------------------------------------------------------------------

  get requires_grad(): boolean {
    return this._requires_grad || this.grad_fn !== null;
  }

  set requires_grad(flag: boolean) {
    // PyTorch's setter refuses every non-leaf and words its errors apart from requires_grad_()'s.
    if (!this.is_leaf) throw new RuntimeError(flag ? 'you can only change requires_grad flags of leaf variables.' : NON_LEAF_REQUIRES_GRAD_MESSAGE);
    if (flag && !isFloating(this.dtype)) throw new RuntimeError('only Tensors of floating point and complex dtype can require gradients');
    this._requires_grad = flag;
  }

  requires_grad_(requires_grad?: boolean | { requires_grad?: boolean }): this;
  requires_grad_(flagArg?: unknown): this {
    const flag = (flagArg ?? true) as boolean;
    // A non-leaf already requires grad, so asking for it again is allowed (as in PyTorch).
    if (!this.is_leaf) {
      if (flag) return this;
      throw new RuntimeError(NON_LEAF_REQUIRES_GRAD_MESSAGE);
    }
    if (flag && !isFloating(this.dtype)) {
      throw new RuntimeError('only Tensors of floating point dtype can require gradients');
    }
    this._requires_grad = flag;
    return this;
  }

  get is_leaf(): boolean {
    return this.grad_fn === null;
  }

  get retains_grad(): boolean {
    return this._retains_grad;
  }

  get grad(): Tensor | null {
    return this._grad;
  }

  set grad(g: Tensor | null) {
    if (g !== null) {
      if (g.dtype !== this.dtype) throw new RuntimeError('assigned grad has data of a different type');
      if (g.device !== this.device) throw new RuntimeError('assigned grad has data located on a different device');
      if (g.shape.length !== this.shape.length || g.shape.some((s, i) => s !== this.shape[i])) {
        throw new RuntimeError('assigned grad has data of a different size');
      }
    }
    this._grad = g;
  }

  /** The gradient edge of this tensor: its grad_fn output, or the leaf's AccumulateGrad. @internal */
  _gradientEdge(): [Node, number] | null {
    if (this.grad_fn) return [this.grad_fn, this._output_nr];
    if (!this._requires_grad) return null;
    if (!this._accumulator) this._accumulator = new AccumulateGrad(this);
    return [this._accumulator, 0];
  }

  retain_grad(): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.is_leaf || this._retains_grad) return;
    this._retains_grad = true;
    this.grad_fn!._retains_grad.set(this._output_nr, this);
  }

  register_hook(hook: TensorHook | { hook: TensorHook }): RemovableHandle;
  register_hook(hookArg: unknown): RemovableHandle {
    const fn = hookArg as TensorHook;
    if (!this.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    const [node, nr] = this._gradientEdge()!;
    return node._register_tensor_hook(nr, fn, this.id);
  }

  /** A new leaf sharing this tensor's storage and version counter, outside the graph. */
  detach(): Tensor {
    return this._viewOf(this.shape, this._strides, this._offset, false);
  }

  detach_(): this {
    if (this._base !== null && this._base.requires_grad) {
      throw new RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
    }
    this.grad_fn = null;
    this._requires_grad = false;
    this._output_nr = 0;
    return this;
  }

  /** `x.data`: the same storage, detached, with a version counter of its own (as in PyTorch). */
  get data(): Tensor {
    const t = new Tensor(this._data, this.shape, this.dtype, { strides: this._strides.slice(), offset: this._offset, device: this.device });
    return t;
  }

  set data(t: Tensor) {
    this._data = t._data;
    this.shape = t.shape.slice();
    this._strides = t._strides.slice();
    this._offset = t._offset;
    this.dtype = t.dtype;
    this.device = t.device;
  }

  /** A view sharing storage and version counter; `keepBase` records it as a view for autograd. @internal */
  _viewOf(shape: Shape, strides: number[], offset: number, keepBase = true): Tensor {
    const t = new Tensor(this._data, shape, this.dtype, { strides, offset, version: this._versionCounter, device: this.device });
    if (keepBase) t._base = this._base ?? this;
    return t;
  }

  // ---- values ---------------------------------------------------------------------------------

  /** The CPU storage array; a tensor whose values live on another device has none. @internal */
  _array(): CpuStorage {
    const d = this._data;
    if (isCpuStorage(d)) return d;
    throw new RuntimeError(`internal error: a CPU kernel read the values of a ${this.device} tensor`);
  }

  /** The values in row-major order as a fresh or shared contiguous array (do not mutate). @internal */
  _values(): StorageArray {
    const d = this._data;
    if (!isCpuStorage(d)) return backendFor(this.device).values(this, 'Reading a tensor');
    const n = this.numel();
    if (this._offset === 0 && d.length === n && this.is_contiguous()) return d;
    const out = allocStorage(this.dtype, n);
    gatherStrided(d, this.shape, this._strides, this._offset, out);
    return out;
  }

  /**
   * The single value. Typed `number` so that arithmetic and comparisons read naturally; a bool
   * tensor gives `true`/`false`, as PyTorch's `item()` gives a Python bool.
   */
  item(): number {
    const n = this.numel();
    if (n !== 1) throw new RuntimeError(`a Tensor with ${n} elements cannot be converted to Scalar`);
    const d = this._data;
    const v = isCpuStorage(d) ? d[this._offset] : backendFor(this.device).values(this, 'item()')[0];
    return (this.dtype === 'bool' ? v !== 0 : v) as number;
  }

  /** `item()` that waits for a webgpu tensor's value (on the CPU it resolves at once). */
  async item_async(): Promise<number> {
    const n = this.numel();
    if (n !== 1) throw new RuntimeError(`a Tensor with ${n} elements cannot be converted to Scalar`);
    const v = (await backendFor(this.device).read(this))[0];
    return (this.dtype === 'bool' ? v !== 0 : v) as number;
  }

  /** `tolist()` that waits for a webgpu tensor's values. */
  async tolist_async(): Promise<unknown> {
    return this._tolistOf(await backendFor(this.device).read(this));
  }


  tolist(): unknown {
    return this._tolistOf(isCpuStorage(this._data) ? this._values() : backendFor(this.device).values(this, 'tolist()'));
  }

  /** @internal */
  _tolistOf(values: StorageArray): unknown {
    const isBool = this.dtype === 'bool';
    // Python lists (nested), which print as PyTorch's tolist() does: `[3, 4]`, `[[1.0, 2.0]]`.
    const floats = isFloating(this.dtype);
    const build = (dim: number, base: number): unknown => {
      if (dim === this.shape.length) return isBool ? values[base] !== 0 : values[base];
      const stride = numelOf(this.shape.slice(dim + 1));
      return asPyList(Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, base + i * stride)), { floats });
    };
    return build(0, 0);
  }

  toString(): string {
    const meta = { grad_fn: this.grad_fn ? this.grad_fn.name().replace(/^.*::/, '') : null, requires_grad: this.requires_grad && this.is_leaf };
    const render = (values: StorageArray) => formatTensor({ values, shape: this.shape.slice(), dtype: this.dtype, device: this.device }, meta);
    if (isCpuStorage(this._data)) return render(this._values());
    const backend = backendFor(this.device);
    return backend.deferRepr(this, render) ?? render(backend.values(this, 'Printing a tensor'));
  }

  __repr__(): string {
    return this.toString();
  }

  // ---- in-place support -----------------------------------------------------------------------

  /** PyTorch's checks before an in-place op writes into this tensor. @internal */
  _checkInplace(): void {
    if (!is_grad_enabled()) return;
    if (this.is_leaf && this._requires_grad) {
      throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
    }
    if (this._base !== null && this._base.is_leaf && this._base._requires_grad && this.requires_grad) {
      throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
    }
  }

  /** @internal */
  _bumpVersion(): void {
    this._versionCounter.value++;
  }
}

export { gatherStrided };
