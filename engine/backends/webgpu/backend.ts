/**
 * The WebGPU backend. Its elementwise kernels are WGSL expressions fused into lazy kernels
 * (elementwise.ts). Small results whose inputs are all known on the host also get their host copy
 * computed alongside by the CPU kernels (a "shadow"): values a snippet builds from numbers it typed
 * can then be read synchronously (`item()`, `print`) even on 'webgpu'.
 */
import type { DType } from '../../dtype';
import type { Shape } from '../../shape';
import { Tensor } from '../../tensor';
import type { Backend } from '../backend';
import * as cpu from '../cpu/kernels';
import { allocGpu, captureValues, hostValues, readValues, storageOf, uploadGpu } from './storage';
import { deferRepr } from './deferred';
import { gpuMap, gpuWriteInto } from './elementwise';
import { gpuGemm } from './matmul';
import { gpuGather, gpuScatterAdd, gpuTake, offsetsTensor } from './gather';
import { isFloating } from '../../dtype';
import { gpuCumsum, gpuExtremeWithIndices, gpuReduce, gpuReduction, gpuSoftmax } from './reduce';
import { RuntimeError } from '../../errors';

function wgslOf(wgsl: string | undefined): string {
  if (wgsl === undefined) throw new RuntimeError('internal error: this op has no WebGPU kernel');
  return wgsl;
}

/** The most elements a result may have for its host copy to be computed alongside on the CPU. */
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
    if (t.device === 'cpu') out.push(t);
    else {
      const host = storageOf(t).host;
      if (!host) return null;
      out.push(new Tensor(host, t.shape, t.dtype, { strides: t._strides, offset: t._offset }));
    }
  }
  return out;
}

function map(inputs: readonly Tensor[], shape: Shape, outDtype: DType, wgsl: string | undefined, cpuOp: (hosts: Tensor[]) => Tensor): Tensor {
  const out = gpuMap(inputs, shape, outDtype, wgslOf(wgsl));
  const hosts = hostInputs(inputs, out.numel());
  if (hosts) storageOf(out).host = cpuOp(hosts)._array();
  return out;
}

export const webgpuBackend: Backend = {
  device: 'webgpu',
  syncReads: false,
  alloc: allocGpu,
  fromHost: uploadGpu,
  values: hostValues,
  read: readValues,
  capture: captureValues,
  deferRepr,
  unaryMap: (x, outDtype, f, wgsl) => map([x], x.shape, outDtype, wgsl, ([h]) => cpu.unaryMap(h, outDtype, f)),
  binaryMap: (a, b, shape, outDtype, f, wgsl) => map([a, b], shape, outDtype, wgsl, ([ha, hb]) => cpu.binaryMap(ha, hb, shape, outDtype, f)),
  ternaryMap: (a, b, c, shape, outDtype, f, wgsl) => map([a, b, c], shape, outDtype, wgsl, ([ha, hb, hc]) => cpu.ternaryMap(ha, hb, hc, shape, outDtype, f)),
  /** A CPU source of one value may write a GPU destination (a number). */
  writeInto(dst, src, f, wgsl) {
    if (dst.device !== 'webgpu') throw new RuntimeError('Expected all tensors to be on the same device, but found at least two devices, cpu and webgpu:0!');
    const storage = storageOf(dst);
    const host = storage.host;
    const hosts = host && storage.length <= shadowMax ? hostInputs([src], 0) : null;
    gpuWriteInto(dst, src, wgslOf(wgsl));
    if (host && hosts) {
      cpu.writeInto(new Tensor(host, dst.shape, dst.dtype, { strides: dst._strides, offset: dst._offset }), hosts[0], f);
      storage.host = host;
    }
  },
  castCopy: (t, dtype) => gpuMap([t], t.shape, dtype, 'a'),
  gemm: gpuGemm,
  sum(x, dims, outDtype, outShape, mean) {
    if (!mean) return gpuReduce(x, dims, 'sum', outDtype, outShape);
    return gpuReduce(x, dims, 'sum', outDtype, outShape, 1 / dims.reduce((n, d) => n * x.shape[d], 1));
  },
  reduce: gpuReduction,
  extremeWithIndices: gpuExtremeWithIndices,
  cumsum: (x, d, outDtype) => gpuCumsum(x, x.shape.length === 0 ? null : d, outDtype),
  softmax: (x, d, log) => gpuSoftmax(x, x.shape.length === 0 ? null : d, log),
  take: gpuTake,
  putAdd: (_g, _shape, put) => put.onDevice(),
  triangle(x, diagonal, lower) {
    const n = x.shape.length;
    const rows = x.shape[n - 2];
    const cols = x.shape[n - 1];
    // `i` is the element's flat index in the kernel; the zero is typed as the op computes.
    const zero = isFloating(x.dtype) ? 'f32(0)' : 'i32(0)';
    const above = `i32(i % ${cols}u) - i32((i / ${cols}u) % ${rows}u)`;
    return gpuMap([x], x.shape, x.dtype, `select(${zero}, a, ${above} ${lower ? '<=' : '>='} ${diagonal})`);
  },
  indexKernels: {
    indexOperand: (index) => (index.device === 'webgpu' ? index : offsetsTensor(index._values()).reshape(index.shape)),
    upload: offsetsTensor,
    gather: gpuGather,
    scatterAdd: gpuScatterAdd,
  },
};
