/** Dense matrix multiply on TypedArrays: the kernel behind mm, matmul, addmm and linear. */
import type { StorageArray } from '../../dtype';

/** A 2-D strided operand: element (i, j) is data[offset + i * rowStride + j * colStride]. */
export interface MatrixView {
  data: StorageArray;
  offset: number;
  rowStride: number;
  colStride: number;
}

/** out[M×N] (contiguous, overwritten) = A[M×K] · B[K×N]. */
export function gemm(M: number, N: number, K: number, a: MatrixView, b: MatrixView, out: Float32Array | Float64Array): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += a.data[a.offset + i * a.rowStride + k * a.colStride] * b.data[b.offset + k * b.rowStride + j * b.colStride];
      out[i * N + j] = acc;
    }
  }
}
