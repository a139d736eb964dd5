/** Strided reads over a CPU storage array, shared by the tensor and the backends (no Tensor import). */
import type { StorageArray } from '../../dtype';
import { numelOf, type Shape } from '../../shape';

/** Copies a strided view into a contiguous array, the last dimension in the inner loop. */
export function gatherStrided(src: StorageArray, shape: Shape, strides: readonly number[], offset: number, out: StorageArray): void {
  const nd = shape.length;
  if (nd === 0) {
    out[0] = src[offset];
    return;
  }
  const n = numelOf(shape);
  if (n === 0) return;
  const inner = shape[nd - 1];
  const innerStride = strides[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let base = offset;
  let o = 0;
  while (o < n) {
    for (let i = 0, p = base; i < inner; i++, p += innerStride) out[o++] = src[p];
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) break;
  }
}
