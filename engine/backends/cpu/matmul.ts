/**
 * Dense matrix multiply on TypedArrays: the kernel behind mm, matmul, addmm and linear.
 *
 * The GotoBLAS loop nest, in plain JavaScript: operands are packed into contiguous float64 panels
 * (which makes every stride layout and storage type look the same to the hot loop, and accumulates
 * float32 in double), K is cut into blocks so a B panel stays in L1 and an A block in L2, and a
 * 4×4 micro-kernel keeps its 16 accumulators in locals. Every array the micro-kernel touches is a
 * Float64Array, so V8 compiles it once, monomorphic.
 */
import type { StorageArray } from '../../dtype';

/** A 2-D strided operand: element (i, j) is data[offset + i * rowStride + j * colStride]. */
export interface MatrixView {
  data: StorageArray;
  offset: number;
  rowStride: number;
  colStride: number;
}

/** Micro-tile: MR rows of A by NR columns of B per micro-kernel call. */
const MR = 4;
const NR = 4;
/** K block: a packed NR-wide B panel (KC × NR doubles, 8 KiB) stays in L1. */
const KC = 256;
/** M block: a packed A block (MC × KC doubles, 128 KiB) stays in L2. */
const MC = 64;
/** N block: bounds the packed B block (KC × NC doubles, 2 MiB). */
const NC = 1024;

// Grow-only scratch reused across calls: a training step calls gemm many times on the same sizes.
let packA: Float64Array = new Float64Array(0);
let packB: Float64Array = new Float64Array(0);
let acc64: Float64Array = new Float64Array(0);

function scratch(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(n);
}

/** out[M×N] (contiguous, overwritten) = A[M×K] · B[K×N]. */
export function gemm(M: number, N: number, K: number, a: MatrixView, b: MatrixView, out: Float32Array | Float64Array): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    out.fill(0, 0, M * N);
    return;
  }
  // Partial sums over K blocks stay in double; a float32 output is rounded once, at the end.
  let acc: Float64Array;
  if (out instanceof Float64Array) {
    acc = out;
  } else {
    acc = acc64 = scratch(acc64, M * N);
  }
  acc.fill(0, 0, M * N);
  const mcMax = Math.min(MC, roundUp(M, MR));
  const ncMax = Math.min(NC, roundUp(N, NR));
  const kcMax = Math.min(KC, K);
  packA = scratch(packA, mcMax * kcMax);
  packB = scratch(packB, ncMax * kcMax);
  for (let pc = 0; pc < K; pc += KC) {
    const kc = Math.min(KC, K - pc);
    for (let jc = 0; jc < N; jc += NC) {
      const nc = Math.min(NC, N - jc);
      packPanels(b.data, b.offset + pc * b.rowStride + jc * b.colStride, b.colStride, b.rowStride, nc, kc, NR, packB);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packPanels(a.data, a.offset + ic * a.rowStride + pc * a.colStride, a.rowStride, a.colStride, mc, kc, MR, packA);
        macroKernel(mc, nc, kc, packA, packB, acc, ic * N + jc, N);
      }
    }
  }
  if (acc !== out) for (let i = 0, n = M * N; i < n; i++) out[i] = acc[i];
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

/**
 * Packs `count` lines (rows of A or columns of B) of length `depth` into panels of `width` lines:
 * panel-major, then depth, then line, so the micro-kernel reads both packs sequentially. The last
 * panel is padded to full width (with zeros; those lanes are computed but never stored), so edge
 * tiles need no special case in the hot loop.
 */
function packPanels(src: StorageArray, base: number, lineStride: number, depthStride: number, count: number, depth: number, width: number, dst: Float64Array): void {
  let d = 0;
  for (let l0 = 0; l0 < count; l0 += width) {
    const w = Math.min(width, count - l0);
    for (let p = 0; p < depth; p++) {
      let s = base + l0 * lineStride + p * depthStride;
      let r = 0;
      for (; r < w; r++, s += lineStride) dst[d++] = src[s];
      for (; r < width; r++) dst[d++] = 0;
    }
  }
}

/** acc[mc×nc block at `cBase`, row stride ldc] += packed A block · packed B block. */
function macroKernel(mc: number, nc: number, kc: number, pa: Float64Array, pb: Float64Array, acc: Float64Array, cBase: number, ldc: number): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    const bOff = jr * kc;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = Math.min(MR, mc - ir);
      microKernel(kc, pa, ir * kc, pb, bOff, acc, cBase + ir * ldc + jr, ldc, mr, nr);
    }
  }
}

function microKernel(kc: number, pa: Float64Array, aOff: number, pb: Float64Array, bOff: number, c: Float64Array, cOff: number, ldc: number, mr: number, nr: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += NR) {
    const a0 = pa[ai], a1 = pa[ai + 1], a2 = pa[ai + 2], a3 = pa[ai + 3];
    const b0 = pb[bi], b1 = pb[bi + 1], b2 = pb[bi + 2], b3 = pb[bi + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (mr === MR && nr === NR) {
    let o = cOff;
    c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03; o += ldc;
    c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13; o += ldc;
    c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23; o += ldc;
    c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
    return;
  }
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let i = 0; i < mr; i++) for (let j = 0; j < nr; j++) c[cOff + i * ldc + j] += tile[i * NR + j];
}
