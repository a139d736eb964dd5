/** Batched matrix products on the CPU: the backend's `gemm` over the packed kernel of matmul.ts. */
import { allocStorage } from '../../dtype';
import { Tensor } from '../../tensor';
import type { GemmOperand } from '../backend';
import { gemm, type MatrixView } from './matmul';

function matrixOf(o: GemmOperand, batch: number): MatrixView {
  return { data: o.t._array(), offset: o.offset + batch * o.strides[0], rowStride: o.strides[1], colStride: o.strides[2] };
}

/**
 * `alpha * A @ B + beta * C` (C broadcast through its strides; beta = 0 ignores C entirely, nan
 * and inf in it included, as PyTorch documents) into a fresh tensor of `shape`. int64 lives in a
 * Float64Array, so gemm writes every dtype we multiply; fresh storage is zeros, which is the
 * product over an empty inner dim.
 */
export function batchedGemm(batch: number, M: number, N: number, K: number, a: GemmOperand, b: GemmOperand, shape: readonly number[], c: GemmOperand | null = null, alpha = 1, beta = 1): Tensor {
  const dtype = a.t.dtype;
  const out = allocStorage(dtype, batch * M * N) as Float32Array | Float64Array;
  if (M > 0 && N > 0 && K > 0) {
    for (let i = 0; i < batch; i++) gemm(M, N, K, matrixOf(a, i), matrixOf(b, i), batch === 1 ? out : out.subarray(i * M * N, (i + 1) * M * N));
  }
  if (c) {
    const bias = c.t._values();
    for (let i = 0; i < out.length; i++) out[i] = beta === 0 ? alpha * out[i] : beta * bias[i] + alpha * out[i];
  }
  return new Tensor(out, shape, dtype);
}
