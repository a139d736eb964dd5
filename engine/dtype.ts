/** The dtypes Gradlab supports, named as PyTorch names them (without the `torch.` prefix). */
import { RuntimeError } from './errors';
export type DType = 'float32' | 'float64' | 'int64' | 'bool';

/**
 * Storage arrays per dtype. int64 values are held in a Float64Array: exact for every integer up to
 * 2^53, which is far beyond what a teaching snippet indexes or counts, and it keeps every kernel on
 * plain numbers. bool is a Uint8Array of 0/1.
 */
export type StorageArray = Float32Array | Float64Array | Uint8Array;

/**
 * The most elements one tensor may hold. A browser tab has a few GiB at most; a snippet that asks
 * for more gets PyTorch's allocator error instead of a dead tab. Every storage comes through
 * `allocStorage`, so this is the one place that checks it.
 */
export const MAX_TENSOR_ELEMENTS = 50_000_000;

const BYTES_PER_ELEMENT: Record<DType, number> = { float32: 4, float64: 8, int64: 8, bool: 1 };

/** Throws PyTorch's allocator error for a storage of `n` elements past the cap. */
export function checkAllocation(dtype: DType, n: number): void {
  if (n > MAX_TENSOR_ELEMENTS) {
    const bytes = n * BYTES_PER_ELEMENT[dtype];
    throw new RuntimeError(
      `[enforce fail at gradlab/engine/dtype.ts] DefaultCPUAllocator: not enough memory: you tried to allocate ${bytes} bytes ` +
        `(${n} elements of torch.${dtype}). Gradlab limits a tensor to ${MAX_TENSOR_ELEMENTS} elements.`,
    );
  }
}

export function allocStorage(dtype: DType, n: number): StorageArray {
  checkAllocation(dtype, n);
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
    case 'int64':
      return new Float64Array(n);
    case 'bool':
      return new Uint8Array(n);
  }
}

export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** PyTorch's type promotion for the dtypes we have: bool < int64 < float32 < float64. */
const RANK: Record<DType, number> = { bool: 0, int64: 1, float32: 2, float64: 3 };
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The value a number takes when stored in a tensor of this dtype. */
export function castScalar(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(v);
    case 'float64':
      return v;
    case 'int64':
      return Math.trunc(v);
    case 'bool':
      return v ? 1 : 0;
  }
}

/** How PyTorch prints a dtype: `torch.float32`. */
export function dtypeRepr(dtype: DType): string {
  return `torch.${dtype}`;
}
