/**
 * The one kernel interface ops call: each kernel runs where its tensors live. An op gives both
 * forms of its elementwise function: the scalar JavaScript function for the CPU and the WGSL
 * expression for WebGPU (over `a`, `b`, `c`, and `o` for an in-place output's old value; `B(cond)`
 * turns a bool into 0/1).
 */
import type { DType } from '../dtype';
import type { Shape } from '../shape';
import { Tensor, type Device } from '../tensor';
import * as cpu from './cpu/kernels';
import { hostValues, isGpu, storageOf, uploadGpu } from './webgpu/storage';
import { gpuMap, gpuWriteInto } from './webgpu/elementwise';
import { RuntimeError } from '../errors';

export { broadcastStrides, forEachRow, reduceInto } from './cpu/kernels';

function wgslOf(wgsl: string | undefined): string {
  if (wgsl === undefined) throw new RuntimeError('internal error: this op has no WebGPU kernel');
  return wgsl;
}

/**
 * The most elements a GPU result may have for its host copy to be computed alongside on the CPU
 * (when every input's values are known there): small values a snippet builds from numbers it typed
 * can then be read synchronously (`item()`, `print`) even on 'webgpu'.
 */
let shadowMax = 64;

/**
 * Sets that limit; 0 turns these host copies off, so that every value read comes from the GPU
 * (the parity suite checks the kernels this way). @internal
 */
export function _setShadowLimit(n: number): void {
  shadowMax = n;
}

/** The inputs as CPU tensors of their known values, or null when one is not known or too big. */
function hostInputs(inputs: readonly Tensor[], outNumel: number): Tensor[] | null {
  if (outNumel > shadowMax) return null;
  const out: Tensor[] = [];
  for (const t of inputs) {
    if (!isGpu(t)) out.push(t);
    else {
      const host = storageOf(t).host;
      if (!host) return null;
      out.push(new Tensor(host, t.shape, t.dtype, { strides: t._strides, offset: t._offset }));
    }
  }
  return out;
}

function onGpu(inputs: readonly Tensor[], shape: Shape, outDtype: DType, wgsl: string | undefined, cpuOp: (hosts: Tensor[]) => Tensor): Tensor {
  const out = gpuMap(inputs, shape, outDtype, wgslOf(wgsl));
  const hosts = hostInputs(inputs, out.numel());
  if (hosts) storageOf(out).host = cpuOp(hosts)._data;
  return out;
}

export function unaryMap(x: Tensor, outDtype: DType, f: (v: number) => number, wgsl?: string): Tensor {
  return isGpu(x) ? onGpu([x], x.shape, outDtype, wgsl, ([h]) => cpu.unaryMap(h, outDtype, f)) : cpu.unaryMap(x, outDtype, f);
}

export function binaryMap(a: Tensor, b: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number) => number, wgsl?: string): Tensor {
  if (isGpu(a) || isGpu(b)) return onGpu([a, b], shape, outDtype, wgsl, ([ha, hb]) => cpu.binaryMap(ha, hb, shape, outDtype, f));
  return cpu.binaryMap(a, b, shape, outDtype, f);
}

export function ternaryMap(a: Tensor, b: Tensor, c: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number, z: number) => number, wgsl?: string): Tensor {
  if (isGpu(a) || isGpu(b) || isGpu(c)) return onGpu([a, b, c], shape, outDtype, wgsl, ([ha, hb, hc]) => cpu.ternaryMap(ha, hb, hc, shape, outDtype, f));
  return cpu.ternaryMap(a, b, c, shape, outDtype, f);
}

/**
 * Writes `f(old, src)` into the strided view `dst`. A CPU source of one value may write a GPU
 * destination (a number); `copy_` moves whole tensors across devices with `copyAcross`.
 */
export function writeInto(dst: Tensor, src: Tensor, f: (x: number, y: number) => number, wgsl?: string): void {
  if (isGpu(dst)) {
    const storage = storageOf(dst);
    const host = storage.host;
    const hosts = host && storage.length <= shadowMax ? hostInputs([src], 0) : null;
    gpuWriteInto(dst, src, wgslOf(wgsl));
    if (host && hosts) {
      cpu.writeInto(new Tensor(host, dst.shape, dst.dtype, { strides: dst._strides, offset: dst._offset }), hosts[0], f);
      storage.host = host;
    }
  }
  else if (isGpu(src)) throw new RuntimeError('Expected all tensors to be on the same device, but found at least two devices, cpu and webgpu:0!');
  else cpu.writeInto(dst, src, f);
}

/** A contiguous copy of `t` converted to `dtype`, on t's device. */
export function castCopy(t: Tensor, dtype: DType): Tensor {
  return isGpu(t) ? gpuMap([t], t.shape, dtype, 'a') : cpu.castCopy(t, dtype);
}

/** `t` as a tensor of `dtype` on `device` (a copy; not recorded for autograd). */
export function transfer(t: Tensor, dtype: DType, device: Device): Tensor {
  if (t.device === device) return castCopy(t, dtype);
  if (device === 'webgpu') return new Tensor(uploadGpu(cpu.castCopy(t, dtype)._data, dtype).data, t.shape, dtype, { device: 'webgpu' });
  return cpu.castCopy(new Tensor(hostValues(t, 'Moving a tensor to the CPU'), t.shape, t.dtype), dtype);
}

/**
 * A number as a WGSL literal that takes the type of the expression it meets: an integer is an
 * abstract int (it becomes f32 or i32), any other number an abstract float.
 */
export function wgslNum(v: number): string {
  if (!Number.isFinite(v)) throw new RuntimeError(`internal error: ${v} has no WGSL literal`);
  const text = Number.isInteger(v) ? String(v) : v.toExponential(17).replace(/e\+?/, 'e');
  return v < 0 ? `(${text})` : text;
}
