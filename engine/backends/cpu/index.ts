/** The CPU backend: kernels over TypedArray storage (kernels.ts, matmul.ts). */
import { allocStorage, type DType, type StorageArray } from '../../dtype';
import type { Shape } from '../../shape';
import type { Tensor } from '../../tensor';
import type { Backend } from '../backend';
import * as kernels from './kernels';
import { batchedGemm } from './products';
import * as reduce from './reduce';

function values(t: Tensor): StorageArray {
  return t._values();
}

const f32 = Math.fround;

/**
 * A binary map in the computation dtype: only an operand of another dtype (a wrapped number, an int
 * tensor) needs converting for float32 math, the values of a float32 tensor already are float32. A
 * single value is rounded here rather than copied into a new tensor (a scalar chain's backward
 * runs one such op per node).
 */
function binaryMap(a: Tensor, b: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number) => number, _wgsl?: string, computeDtype?: DType): Tensor {
  if (computeDtype !== 'float32' || (a.dtype === 'float32' && b.dtype === 'float32')) return kernels.binaryMap(a, b, shape, outDtype, f);
  const oneA = a.dtype !== 'float32' && a.numel() === 1;
  const oneB = b.dtype !== 'float32' && b.numel() === 1;
  const x = a.dtype !== 'float32' && !oneA ? kernels.castCopy(a, 'float32') : a;
  const y = b.dtype !== 'float32' && !oneB ? kernels.castCopy(b, 'float32') : b;
  const sa = oneA ? f32(a._array()[a._offset]) : 0;
  const sb = oneB ? f32(b._array()[b._offset]) : 0;
  const h = oneA ? (oneB ? () => f(sa, sb) : (_u: number, v: number) => f(sa, v)) : oneB ? (u: number) => f(u, sb) : f;
  return kernels.binaryMap(x, y, shape, outDtype, h);
}

export const cpuBackend: Backend = {
  device: 'cpu',
  syncReads: true,
  alloc: allocStorage,
  fromHost: (v) => v,
  values,
  read: async (t) => t._values(),
  capture(t) {
    const v = t._values();
    const copy = v === t._data ? v.slice() : v;
    return () => copy;
  },
  deferRepr: () => null,
  unaryMap: kernels.unaryMap,
  binaryMap,
  ternaryMap: kernels.ternaryMap,
  writeInto: kernels.writeInto,
  castCopy: kernels.castCopy,
  gemm: batchedGemm,
  sum: reduce.sum,
  reduce: reduce.reduce,
  extremeWithIndices: reduce.extremeWithIndices,
  cumsum: reduce.cumsum,
  softmax: reduce.softmax,
  take: kernels.take,
  putAdd: (g, shape, put) => kernels.putAdd(g, shape, put.offsets()),
  triangle: kernels.triangle,
};
