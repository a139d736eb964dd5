/**
 * Command recording for the WebGPU backend: compute passes go into one open command encoder that
 * is submitted in batches (a submit per op would cost more than the op), compiled pipelines are
 * kept by their WGSL source, and small per-dispatch buffers (the kernels' shapes and strides) are
 * made mapped-at-creation so that they never race the queue.
 */
import { gpuDevice } from './context';

/** Dispatches per submitted command buffer. */
const BATCH = 32;
const MAX_GROUPS_PER_DIM = 65535;

let encoder: GPUCommandEncoder | null = null;
/** Dispatches recorded since the page loaded (tests count kernels with it). */
let dispatched = 0;
let batched = 0;
/** Buffers to destroy once the commands that use them are submitted. */
let retired: GPUBuffer[] = [];
const pipelines = new Map<string, GPUComputePipeline>();

export function commandEncoder(): GPUCommandEncoder {
  encoder ??= gpuDevice().createCommandEncoder();
  return encoder;
}

/** Submits what was recorded; buffers retired meanwhile are destroyed after it. */
export function flush(): void {
  if (encoder) {
    gpuDevice().queue.submit([encoder.finish()]);
    encoder = null;
    batched = 0;
  }
  for (const b of retired) b.destroy();
  retired = [];
  const jobs = afterSubmit;
  afterSubmit = [];
  for (const job of jobs) job();
}

let afterSubmit: (() => void)[] = [];

/** Runs `fn` once the commands recorded so far are submitted (mapping a read-back buffer must wait for it). */
export function onSubmit(fn: () => void): void {
  afterSubmit.push(fn);
}

/** Destroys `buffer` after the commands recorded so far are submitted (they may still read it). */
export function retire(buffer: GPUBuffer): void {
  retired.push(buffer);
}

export function pipeline(code: string): GPUComputePipeline {
  let p = pipelines.get(code);
  if (!p) {
    const device = gpuDevice();
    p = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
    pipelines.set(code, p);
  }
  return p;
}

/** Meta buffers, by the dispatches still to record that read them. */
const metaUses = new WeakMap<GPUBuffer, number>();

/**
 * A read-only storage buffer holding `words` (u32 bit patterns) for the next `uses` dispatches,
 * retired once they are recorded. (Retired at creation, it could be destroyed by a submit that a
 * lazy input's kernel triggers before the dispatch that reads it is recorded.)
 */
export function metaBuffer(words: Uint32Array, uses = 1): GPUBuffer {
  const buffer = gpuDevice().createBuffer({ size: Math.max(4, words.byteLength), usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
  new Uint32Array(buffer.getMappedRange()).set(words);
  buffer.unmap();
  metaUses.set(buffer, uses);
  return buffer;
}

/**
 * Records one dispatch of `code` over `groups` workgroups (spread over x and y past WebGPU's
 * per-dimension limit: kernels compute their group index as `wid.y * nwg.x + wid.x`).
 */
export function dispatch(code: string, buffers: readonly GPUBuffer[], groups: number): void {
  if (groups === 0) {
    for (const b of buffers) if (metaUses.delete(b)) retire(b);
    return;
  }
  const p = pipeline(code);
  const bindGroup = gpuDevice().createBindGroup({
    layout: p.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const pass = commandEncoder().beginComputePass();
  pass.setPipeline(p);
  pass.setBindGroup(0, bindGroup);
  const x = Math.min(groups, MAX_GROUPS_PER_DIM);
  pass.dispatchWorkgroups(x, Math.ceil(groups / x));
  pass.end();
  for (const b of buffers) {
    const uses = metaUses.get(b);
    if (uses === undefined) continue;
    if (uses > 1) metaUses.set(b, uses - 1);
    else {
      metaUses.delete(b);
      retire(b);
    }
  }
  dispatched++;
  if (++batched >= BATCH) flush();
}

/** How many compute dispatches were recorded so far. */
export function dispatchCount(): number {
  return dispatched;
}

/** The WGSL lines that give a kernel its flat workgroup index (see dispatch). */
export const GROUP_INDEX = 'let group = wid.y * nwg.x + wid.x;';
export const GROUP_BUILTINS = '@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32';
