/**
 * What a backend does, as one interface (tfjs-core's kernel registry in miniature): ops ask
 * `backendOf(...inputs)` for the backend of the device their tensors live on and call its kernels;
 * they never test the device themselves. `cpu/` and `webgpu/` implement it and register here.
 *
 * This module imports no backend and no Tensor value: tensor.ts reads storage through it, and the
 * backends import tensor.ts, so the import graph stays without cycles.
 */
import type { DType, StorageArray } from '../dtype';
import type { Shape } from '../shape';
import type { Device, Tensor } from '../tensor';
import type { GpuStorage } from './webgpu/storage';
import { RuntimeError } from '../errors';

/** A CPU tensor's values: a TypedArray of its dtype. */
export type CpuStorage = StorageArray;
/** What a tensor holds: the values themselves on the CPU, a GPUBuffer's storage on WebGPU. */
export type Storage = CpuStorage | GpuStorage;

export function isCpuStorage(s: Storage): s is CpuStorage {
  return ArrayBuffer.isView(s);
}

/** An elementwise function in both forms: the scalar JavaScript function and its WGSL expression. */
export interface Elementwise<F> {
  f: F;
  /** Over `a`, `b`, `c` (`B(cond)` turns a bool into 0/1); undefined where the op has no WebGPU kernel. */
  wgsl?: string;
}

/** One operand of a (batched) matrix product: strides over (batch, row, col) from `offset`. */
export interface GemmOperand {
  t: Tensor;
  offset: number;
  strides: readonly [number, number, number];
}

/** An int64 index tensor read through `strides` (one per output dim; 0 where it does not vary). */
export interface IndexOperand {
  t: Tensor;
  offset: number;
  strides: readonly number[];
}

/** How a scatter-add reads its gradient and index for an output coordinate c. */
export interface ScatterPlan {
  /** c's key: sum_d c_d * keyStrides[d]; an index entry equal to it lands on c. */
  keyStrides: readonly number[];
  /** g[gOffset + sum_d c_d * gStrides[d] + j * gLoopStride] is the j-th candidate's gradient. */
  gOffset: number;
  gStrides: readonly number[];
  gLoopStride: number;
  /** idx[idxOffset + sum_d c_d * idxStrides[d] + j * idxLoopStride] is its index entry. */
  index: Tensor;
  idxOffset: number;
  idxStrides: readonly number[];
  idxLoopStride: number;
  /** The number of candidates. */
  length: number;
  /** c gets nothing where some c_d >= limits[d]. */
  limits?: readonly number[];
  wrap?: number;
}

/**
 * Where a backward adds its gradient into zeros, in the two forms backends take: storage offsets of
 * the zeros' contiguous layout, computed on the host from index values (for a backend that reads
 * values now), or the result computed on the device (with IndexKernels' scatterAdd, or a strided
 * write where the elements are distinct).
 */
export interface Placement {
  offsets: () => Int32Array;
  onDevice: () => Tensor;
}

/**
 * The kernels of a backend whose values cannot be read synchronously: indexing ops give it their
 * index tensors to read on the device, rather than computing storage offsets on the host (and,
 * as on CUDA, out-of-range entries are not checked).
 */
export interface IndexKernels {
  /** An index tensor where the device reads it (a host index list is uploaded, as PyTorch moves it). */
  indexOperand(index: Tensor): Tensor;
  /** Host offsets (or coordinates) as an int64 device tensor. */
  upload(offsets: ArrayLike<number>): Tensor;
  /** A fresh tensor of `shape`: src at `srcOffset + sum c_d * srcStrides[d] + mult * wrap(index at c)`. */
  gather(src: Tensor, shape: Shape, srcOffset: number, srcStrides: readonly number[], index: IndexOperand | null, mult?: number, wrap?: number): Tensor;
  /** zeros(shape) with `g` added where the plan's index entries point. */
  scatterAdd(g: Tensor, shape: Shape, plan: ScatterPlan): Tensor;
}

/** What a reduction computes per output (the ops' names; `scale` multiplies a sum, as mean's 1/n). */
export type Reduction =
  | { op: 'sum'; scale?: number }
  | { op: 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'all' | 'any' | 'logsumexp' }
  | { op: 'var'; correction: number; root: boolean }
  | { op: 'norm'; p: number };

export interface Backend {
  readonly device: Device;
  /** Whether a tensor's values can be read synchronously at any time (the CPU: yes). */
  readonly syncReads: boolean;

  // ---- storage ------------------------------------------------------------------------------
  /** A zero-filled storage of `n` elements. */
  alloc(dtype: DType, n: number): Storage;
  /** A storage holding `values` (host values of `dtype`). */
  fromHost(values: StorageArray, dtype: DType): Storage;
  /** The tensor's row-major values now, or an error naming `what` where they are not known yet. */
  values(t: Tensor, what: string): StorageArray;
  /** The tensor's row-major values, waiting for the device when needed. */
  read(t: Tensor): Promise<StorageArray>;
  /** The values as they are now, for a reader after `sync()` (snapshots, the backward trace). */
  capture(t: Tensor): () => StorageArray;
  /** A token standing for `render(values)` once they arrive, or null to render now. */
  deferRepr(t: Tensor, render: (values: StorageArray) => string): string | null;

  // ---- elementwise --------------------------------------------------------------------------
  unaryMap(x: Tensor, outDtype: DType, f: (v: number) => number, wgsl?: string): Tensor;
  /** `computeDtype` float32: operands of another dtype are seen as float32 values first (the GPU computes in f32). */
  binaryMap(a: Tensor, b: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number) => number, wgsl?: string, computeDtype?: DType): Tensor;
  ternaryMap(a: Tensor, b: Tensor, c: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number, z: number) => number, wgsl?: string): Tensor;
  /** Writes `f(old, src)` into the strided view `dst` (src broadcast): in-place ops. */
  writeInto(dst: Tensor, src: Tensor, f: (x: number, y: number) => number, wgsl?: string): void;
  /** A contiguous copy of `t` converted to `dtype`. */
  castCopy(t: Tensor, dtype: DType): Tensor;

  // ---- products -----------------------------------------------------------------------------
  /**
   * `alpha * A @ B + beta * C` over `batch` products of M×K by K×N, into a fresh contiguous tensor
   * of `shape`; C (optional) is read through its strides, 0 where it broadcasts.
   */
  gemm(batch: number, M: number, N: number, K: number, a: GemmOperand, b: GemmOperand, shape: readonly number[], c?: GemmOperand | null, alpha?: number, beta?: number): Tensor;

  // ---- reductions, scans, softmax -----------------------------------------------------------
  /** The sum over `dims` (the mean with `mean`) into a fresh tensor of `outShape`. */
  sum(x: Tensor, dims: readonly number[], outDtype: DType, outShape: Shape, mean: boolean): Tensor;
  /** Reduces `x` over `dims` as `r` says into a fresh tensor of `outShape` (row-major over the kept dims). */
  reduce(x: Tensor, dims: readonly number[], r: Reduction, outDtype: DType, outShape: Shape): Tensor;
  /** `max(dim)` / `min(dim)`: the values and the int64 indices of the first extreme. */
  extremeWithIndices(x: Tensor, dims: readonly number[], kind: 'max' | 'min', outShape: Shape): [Tensor, Tensor];
  /** Running sums along `d` (any `d` for a 0-dim tensor) into a fresh tensor of `outDtype`. */
  cumsum(x: Tensor, d: number, outDtype: DType): Tensor;
  /** softmax, or log_softmax with `log`, along `d` of a floating tensor. */
  softmax(x: Tensor, d: number, log: boolean): Tensor;

  // ---- picking and placing ------------------------------------------------------------------
  /** A fresh contiguous tensor of `shape` holding the storage elements of `src` at `offsets`. */
  take(src: Tensor, offsets: Int32Array, shape: Shape): Tensor;
  /** zeros(shape) with `g` added where `put` says (the backward of every picking op). */
  putAdd(g: Tensor, shape: Shape, put: Placement): Tensor;
  /** tril (`lower`) or triu of the last two dims: the other triangle zeroed. */
  triangle(x: Tensor, diagonal: number, lower: boolean): Tensor;
  /** Present where values cannot be read synchronously (`syncReads` false). */
  readonly indexKernels?: IndexKernels;
}

const registry = new Map<Device, Backend>();
/** The CPU's, kept apart: every op asks for a backend, and most tensors live on the CPU. */
let cpu: Backend | undefined;

export function registerBackend(backend: Backend): void {
  registry.set(backend.device, backend);
  if (backend.device === 'cpu') cpu = backend;
}

export function backendFor(device: Device): Backend {
  const b = device === 'cpu' ? cpu : registry.get(device);
  if (!b) throw new RuntimeError(`internal error: no backend registered for device '${device}'`);
  return b;
}

/** The backend of the inputs: a device other than the CPU wins (a CPU 0-dim number rides along). */
export function backendOf(...tensors: readonly (Tensor | null | undefined)[]): Backend {
  for (const t of tensors) if (t && t.device !== 'cpu') return backendFor(t.device);
  return backendFor('cpu');
}
