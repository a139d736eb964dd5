/**
 * GPU storage: a tensor on 'webgpu' keeps its values in a GPUBuffer. Views share the storage as
 * CPU views share a TypedArray. The GPU computes asynchronously, so values reach JavaScript only
 * through copies that resolve later; a storage remembers a host copy that is known to be current
 * (the values it was created from, or a read-back since its last write), and synchronous reads are
 * served from it. Everything else goes through `captureValues` (a copy enqueued now, read after
 * `sync()`), which is how print, the graph snapshot and the backward trace see GPU values.
 */
import { allocStorage, type DType, type StorageArray } from '../../dtype';
import type { Tensor } from '../../tensor';
import { gatherStrided } from '../cpu/strided';
import { isCpuStorage } from '../backend';
import { gpuDevice, is_available, takeDeviceError } from './context';
import { commandEncoder, flush, onSubmit, retire } from './queue';
import { RuntimeError } from '../../errors';

export const FLOAT64_MESSAGE = "Cannot convert a WebGPU Tensor to float64 dtype as WebGPU doesn't support float64. Please use float32 instead.";

/** How a dtype is held on the GPU: int64 as i32 (WGSL has no 64-bit integers), bool as u32. */
export type GpuScalar = 'f32' | 'i32' | 'u32';

export function gpuScalarOf(dtype: DType): GpuScalar {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int64':
      return 'i32';
    case 'bool':
      return 'u32';
    case 'float64':
      throw new RuntimeError(FLOAT64_MESSAGE);
  }
}

const USAGE = GPUBufferUsageFlags();

/** GPUBufferUsage is a browser global; read it only when a buffer is made. */
function GPUBufferUsageFlags(): () => number {
  let flags = 0;
  return () => (flags ||= GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
}

export class GpuStorage {
  /** A host copy known to equal the buffer (null: only the GPU knows the values). */
  host: StorageArray | null = null;
  /** Bumped by every kernel that writes the buffer: a read-back started before is stale. */
  writes = 0;
  /** The copy enqueued for the current `writes`, shared by every reader. */
  pending: HostCopy | null = null;
  private buf: GPUBuffer | null;
  /**
   * Not computed yet: the (fused) kernel that writes this storage, recorded when the buffer is first
   * needed. An elementwise result stays lazy so that the next elementwise op can fold it into its
   * own kernel; if nothing ever reads it, it is never computed.
   */
  private recipe: Recipe | null = null;
  /** Lazy storages whose kernels read this one: they are computed before this one is written. */
  private readers: WeakRef<GpuStorage>[] | null = null;

  constructor(
    buffer: GPUBuffer | null,
    readonly length: number,
    readonly dtype: DType,
  ) {
    this.buf = buffer;
    if (buffer) buffers.register(this, buffer);
  }

  /** The buffer holding the values (a lazy storage's kernel is recorded first). */
  get buffer(): GPUBuffer {
    if (this.recipe) this.compute();
    return this.target();
  }

  /** The buffer a kernel writes into, made on first use; a pending recipe is not run. */
  target(): GPUBuffer {
    if (!this.buf) {
      this.buf = gpuDevice().createBuffer({ size: byteSize(this.length), usage: USAGE() });
      buffers.register(this, this.buf);
    }
    return this.buf;
  }

  get lazy(): boolean {
    return this.recipe !== null;
  }

  /** Makes this storage lazy: `recipe` records its kernel, which reads the storages `reads`. */
  defer(recipe: Recipe, reads: readonly GpuStorage[]): void {
    this.recipe = recipe;
    const me = new WeakRef<GpuStorage>(this);
    for (const s of reads) s.addReader(me);
  }

  private addReader(reader: WeakRef<GpuStorage>): void {
    let list = this.readers;
    if (!list) list = this.readers = [];
    else if (list.length >= 64) list = this.readers = list.filter((r) => r.deref()?.recipe);
    list.push(reader);
  }

  /** Records the pending kernel now (in command order, before whatever asked). */
  compute(): void {
    const recipe = this.recipe;
    if (!recipe) return;
    this.recipe = null;
    recipe.run();
  }

  /** A new storage with this one's values as they are at this point of the command stream. */
  copy(): GpuStorage {
    const source = this.buffer;
    const copy = new GpuStorage(null, this.length, this.dtype);
    copy.host = this.host;
    commandEncoder().copyBufferToBuffer(source, 0, copy.target(), 0, byteSize(this.length));
    return copy;
  }

  /**
   * The buffer is about to be written by a kernel. Lazy results that read the old values get a copy
   * of them (one buffer copy, shared): they stay lazy, to be fused or never computed.
   */
  written(): void {
    const readers = this.readers;
    if (readers) {
      this.readers = null;
      let old: GpuStorage | null = null;
      for (const r of readers) {
        const reader = r.deref();
        if (!reader?.recipe) continue;
        old ??= this.copy();
        reader.recipe.rebind(this, old);
      }
    }
    this.writes++;
    this.host = null;
    this.pending = null;
  }
}

/** How a lazy storage is computed. */
export interface Recipe {
  /** Records the kernel that writes the storage. */
  run(): void;
  /** The kernel is to read `to` wherever it would have read `from`. */
  rebind(from: GpuStorage, to: GpuStorage): void;
}

/** A storage no tensor holds any more gives its buffer back after the commands that use it. */
const buffers = new FinalizationRegistry<GPUBuffer>((buffer) => retire(buffer));

export function isGpu(t: Tensor): boolean {
  return t.device === 'webgpu';
}

export function storageOf(t: Tensor): GpuStorage {
  const d = t._data;
  if (isCpuStorage(d)) throw new RuntimeError('internal error: a WebGPU kernel was given a CPU tensor');
  return d;
}

/** Bytes of a storage of `n` elements (at least 4: WebGPU has no empty bindings). */
function byteSize(n: number): number {
  return Math.max(4, n * 4);
}

/** A fresh zero-filled storage (WebGPU zero-initializes buffers). */
export function allocGpu(dtype: DType, n: number): GpuStorage {
  gpuScalarOf(dtype);
  const buffer = gpuDevice().createBuffer({ size: byteSize(n), usage: USAGE() });
  const s = new GpuStorage(buffer, n, dtype);
  s.host = allocStorage(dtype, n);
  return s;
}

function gpuArray(kind: GpuScalar, mem: ArrayBuffer): Float32Array | Int32Array | Uint32Array {
  return kind === 'f32' ? new Float32Array(mem) : kind === 'i32' ? new Int32Array(mem) : new Uint32Array(mem);
}

/** A storage of `n` elements whose values `defer` will say how to compute (no buffer yet). */
export function lazyGpu(dtype: DType, n: number): GpuStorage {
  gpuScalarOf(dtype);
  return new GpuStorage(null, n, dtype);
}

/** A storage holding `values` (a host array of `dtype`), which stays its known host copy. */
export function uploadGpu(values: StorageArray, dtype: DType): GpuStorage {
  const kind = gpuScalarOf(dtype);
  const buffer = gpuDevice().createBuffer({ size: byteSize(values.length), usage: USAGE(), mappedAtCreation: true });
  gpuArray(kind, buffer.getMappedRange()).set(values);
  buffer.unmap();
  const s = new GpuStorage(buffer, values.length, dtype);
  s.host = values;
  return s;
}

/** A copy of a storage's buffer as it is at this point of the command stream. */
export class HostCopy {
  values: StorageArray | null = null;
  readonly ready: Promise<void>;

  constructor(storage: GpuStorage) {
    const size = byteSize(storage.length);
    const staging = gpuDevice().createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    // The copy joins the batch being recorded (a backward's trace copies every gradient: a submit
    // each would break batching); the buffer is mapped once that batch is submitted.
    // The source first: a lazy storage records its kernel (which may submit the encoder) then.
    const source = storage.buffer;
    commandEncoder().copyBufferToBuffer(source, 0, staging, 0, size);
    const writes = storage.writes;
    const kind = gpuScalarOf(storage.dtype);
    this.ready = new Promise<void>((resolve, reject) => onSubmit(() => void staging.mapAsync(GPUMapMode.READ).then(resolve, reject))).then(() => {
      const raw = gpuArray(kind, staging.getMappedRange());
      const host = allocStorage(storage.dtype, storage.length);
      for (let i = 0; i < host.length; i++) host[i] = raw[i];
      staging.destroy();
      this.values = host;
      if (storage.writes === writes) storage.host = host;
    });
    outstanding.add(this.ready);
    void this.ready.finally(() => outstanding.delete(this.ready)).catch(() => undefined);
  }
}

const outstanding = new Set<Promise<void>>();

/** The copy of `storage` as it is now (one per write, shared by every reader). */
export function copyOf(storage: GpuStorage): HostCopy {
  storage.pending ??= new HostCopy(storage);
  return storage.pending;
}

/** A tensor's row-major values out of a host copy of its whole storage. */
export function valuesFrom(t: Tensor, storageValues: StorageArray): StorageArray {
  const n = t.numel();
  if (t._offset === 0 && storageValues.length === n && t.is_contiguous()) return storageValues;
  const out = allocStorage(t.dtype, n);
  gatherStrided(storageValues, t.shape, t._strides, t._offset, out);
  return out;
}

export const SYNC_MESSAGE =
  'needs the values of a webgpu tensor now, but the GPU computes them asynchronously. ' +
  'Await them instead: `await x.item_async()`, `await x.tolist_async()` or `await x.cpu_async()` ' +
  '(a snippet may use top-level await), or work on the tensor on the GPU and read it once at the end.';

/** The tensor's values when they are known on the host now; otherwise a clear error naming `what`. */
export function hostValues(t: Tensor, what: string): StorageArray {
  const s = storageOf(t);
  if (s.host) return valuesFrom(t, s.host);
  throw new RuntimeError(`${what} ${SYNC_MESSAGE}`);
}

/** The tensor's values, waiting for the GPU when needed. */
export async function readValues(t: Tensor): Promise<StorageArray> {
  if (!isGpu(t)) return t._values();
  const s = storageOf(t);
  if (s.host) return valuesFrom(t, s.host);
  const copy = copyOf(s);
  flush();
  await copy.ready;
  return valuesFrom(t, copy.values!);
}

/**
 * The tensor's values as they are now, for someone who reads them after `sync()`: the graph
 * snapshot, the backward trace, a deferred print. CPU tensors are copied at once.
 */
export function captureValues(t: Tensor): () => StorageArray {
  if (!isGpu(t)) {
    const v = t._values();
    const copy = v === t._data ? v.slice() : v;
    return () => copy;
  }
  const s = storageOf(t);
  if (s.host) {
    const v = valuesFrom(t, s.host);
    const copy = v === s.host ? v.slice() : v;
    return () => copy;
  }
  const pending = copyOf(s);
  return () => {
    if (!pending.values) throw new RuntimeError('internal error: a captured webgpu value was read before torch.webgpu.sync()');
    return valuesFrom(t, pending.values);
  };
}

/** Waits for every copy enqueued so far; throws the first error the device reported. */
export async function sync(): Promise<void> {
  if (!is_available()) return;
  flush();
  await gpuDevice().queue.onSubmittedWorkDone();
  while (outstanding.size > 0) {
    flush();
    await Promise.all([...outstanding]);
  }
  await runAfterSync();
  const err = takeDeviceError();
  if (err) throw new RuntimeError(`WebGPU error: ${err}`);
}

let afterSync: (() => void)[] = [];

/** Runs `fn` at the next sync(), once the copies enqueued before it have arrived. */
export function afterNextSync(fn: () => void): void {
  afterSync.push(fn);
}

async function runAfterSync(): Promise<void> {
  const jobs = afterSync;
  afterSync = [];
  for (const job of jobs) job();
}
