import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gemm, type MatrixView } from './matmul';
import type { StorageArray } from '../../dtype';

/** How an R×C operand is laid out in its storage. */
type Layout = 'rowMajor' | 'colMajor' | 'rowBroadcast' | 'colBroadcast' | 'scalarBroadcast' | 'padded';

interface Operand {
  view: MatrixView;
  /** The logical values, row-major, read back through the layout's own indexing. */
  values: number[];
}

/**
 * Builds an R×C operand in `layout` with a random offset: transposed (column-major), expanded
 * (zero strides, as `expand` makes them), or a narrowed view inside a wider row (padded).
 */
function makeOperand(rows: number, cols: number, layout: Layout, offset: number, kind: 'float32' | 'float64' | 'int64' | 'bool', seed: number): Operand {
  let rowStride: number, colStride: number, extent: number;
  switch (layout) {
    case 'rowMajor':
      [rowStride, colStride, extent] = [cols, 1, rows * cols];
      break;
    case 'colMajor':
      [rowStride, colStride, extent] = [1, rows, rows * cols];
      break;
    case 'rowBroadcast':
      [rowStride, colStride, extent] = [0, 1, cols];
      break;
    case 'colBroadcast':
      [rowStride, colStride, extent] = [1, 0, rows];
      break;
    case 'scalarBroadcast':
      [rowStride, colStride, extent] = [0, 0, 1];
      break;
    case 'padded':
      [rowStride, colStride, extent] = [2 * cols + 3, 2, rows * (2 * cols + 3)];
      break;
  }
  const n = offset + extent + 2;
  const data: StorageArray = kind === 'float32' ? new Float32Array(n) : kind === 'bool' ? new Uint8Array(n) : new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648;
    data[i] = kind === 'bool' ? (u < 0.5 ? 1 : 0) : kind === 'int64' ? Math.floor(u * 11) - 5 : u * 4 - 2;
  }
  const view = { data, offset, rowStride, colStride };
  const values: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) values.push(data[offset + i * rowStride + j * colStride]);
  return { view, values };
}

function reference(M: number, N: number, K: number, a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += a[i * K + k] * b[k * N + j];
      out.push(acc);
    }
  }
  return out;
}

const layout = fc.constantFrom<Layout>('rowMajor', 'colMajor', 'rowBroadcast', 'colBroadcast', 'scalarBroadcast', 'padded');
const size = fc.integer({ min: 0, max: 37 });

describe('gemm', () => {
  it('matches the textbook product for any sizes, strides and offsets', () => {
    fc.assert(
      fc.property(
        size,
        size,
        size,
        layout,
        layout,
        fc.nat(7),
        fc.nat(7),
        fc.constantFrom('float32', 'float64', 'int64', 'bool'),
        fc.constantFrom('float32', 'float64'),
        fc.nat(),
        (M, N, K, la, lb, offA, offB, inKind, outKind, seed) => {
          const a = makeOperand(M, K, la, offA, inKind, seed);
          const b = makeOperand(K, N, lb, offB, inKind, seed ^ 0x5bd1e995);
          const out = outKind === 'float32' ? new Float32Array(M * N).fill(NaN) : new Float64Array(M * N).fill(NaN);
          gemm(M, N, K, a.view, b.view, out);
          const want = reference(M, N, K, a.values, b.values);
          // Within one K block the kernel sums in the reference's order, in double, then rounds once.
          const expected = want.map((v) => (outKind === 'float32' ? Math.fround(v) : v));
          expect(Array.from(out)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('covers K blocks, M blocks and N blocks with partial tiles at every edge', () => {
    // 301 > one K block (256), 70 > one M block (64), neither a multiple of the 4×4 tile.
    for (const [M, N, K] of [
      [70, 9, 301],
      [5, 1030, 3],
      [1, 1, 600],
    ]) {
      const a = makeOperand(M, K, 'colMajor', 3, 'float32', 11);
      const b = makeOperand(K, N, 'padded', 1, 'float32', 12);
      const out32 = new Float32Array(M * N);
      const out64 = new Float64Array(M * N);
      gemm(M, N, K, a.view, b.view, out32);
      gemm(M, N, K, a.view, b.view, out64);
      const want = reference(M, N, K, a.values, b.values);
      for (let i = 0; i < want.length; i++) {
        expect(Math.abs(out64[i] - want[i])).toBeLessThanOrEqual(1e-9);
        expect(out32[i]).toBe(Math.fround(out64[i]));
      }
    }
  });

  it('writes zeros for K = 0 and leaves the output untouched when M or N is 0', () => {
    const empty: MatrixView = { data: new Float32Array(0), offset: 0, rowStride: 0, colStride: 1 };
    const out = new Float64Array(6).fill(7);
    gemm(2, 3, 0, empty, empty, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
    const untouched = new Float32Array([5]);
    gemm(0, 3, 4, empty, empty, untouched);
    gemm(3, 0, 4, empty, empty, untouched);
    expect(untouched[0]).toBe(5);
  });

  it('accumulates a float32 product in double before its single rounding', () => {
    // 2^24 + 1 is not a float32: summing in float32 would lose the 1s, double keeps them exact.
    const K = 3;
    const a: MatrixView = { data: new Float32Array([16777216, 1, 1]), offset: 0, rowStride: K, colStride: 1 };
    const b: MatrixView = { data: new Float32Array([1, 1, 1]), offset: 0, rowStride: 1, colStride: 0 };
    const out = new Float32Array(1);
    gemm(1, 1, K, a, b, out);
    expect(out[0]).toBe(16777218);
  });
});
