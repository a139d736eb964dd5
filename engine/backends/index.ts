/**
 * The kernels ops call, each run by the backend of its inputs (`backendOf`): ops never test where
 * a tensor lives. An op gives both forms of its elementwise function: the scalar JavaScript
 * function for the CPU and the WGSL expression for WebGPU (over `a`, `b`, `c`, and `o` for an
 * in-place output's old value; `B(cond)` turns a bool into 0/1).
 */
import type { DType } from '../dtype';
import type { Shape } from '../shape';
import { Tensor, type Device } from '../tensor';
import { backendFor, backendOf, registerBackend } from './backend';
import { cpuBackend } from './cpu/index';
import { webgpuBackend } from './webgpu/backend';
import { RuntimeError } from '../errors';

registerBackend(cpuBackend);
registerBackend(webgpuBackend);

export { backendFor, backendOf } from './backend';
export { _setShadowLimit } from './webgpu/backend';

export function unaryMap(x: Tensor, outDtype: DType, f: (v: number) => number, wgsl?: string): Tensor {
  return backendOf(x).unaryMap(x, outDtype, f, wgsl);
}

export function binaryMap(a: Tensor, b: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number) => number, wgsl?: string): Tensor {
  return backendOf(a, b).binaryMap(a, b, shape, outDtype, f, wgsl);
}

export function ternaryMap(a: Tensor, b: Tensor, c: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number, z: number) => number, wgsl?: string): Tensor {
  return backendOf(a, b, c).ternaryMap(a, b, c, shape, outDtype, f, wgsl);
}

/**
 * Writes `f(old, src)` into the strided view `dst`. A CPU source of one value may write a GPU
 * destination (a number); `copy_` moves whole tensors across devices with `transfer`.
 */
export function writeInto(dst: Tensor, src: Tensor, f: (x: number, y: number) => number, wgsl?: string): void {
  backendOf(dst, src).writeInto(dst, src, f, wgsl);
}

/** A contiguous copy of `t` converted to `dtype`, on t's device. */
export function castCopy(t: Tensor, dtype: DType): Tensor {
  return backendOf(t).castCopy(t, dtype);
}

/** `t` as a tensor of `dtype` on `device` (a copy; not recorded for autograd). */
export function transfer(t: Tensor, dtype: DType, device: Device): Tensor {
  if (t.device === device) return castCopy(t, dtype);
  const host = cpuBackend.castCopy(new Tensor(backendFor(t.device).values(t, 'Moving a tensor to the CPU'), t.shape, t.dtype), dtype);
  return device === 'cpu' ? host : new Tensor(backendFor(device).fromHost(host._array(), dtype), t.shape, dtype, { device });
}

/** Whether `t`'s values can be read synchronously now, wherever it lives. */
export function readableNow(t: Tensor): boolean {
  return backendOf(t).syncReads;
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
