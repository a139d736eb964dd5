/**
 * Matrix products on WebGPU. Every product (dot, mv, mm, bmm, addmm) is a batch of
 * `out[b, i, j] = alpha * sum_k A[b, i, k] * B[b, k, j] (+ beta * C[b, i, j])` whose operands are
 * read through their own offsets and (batch, row, col) strides: a transposed weight, an expanded
 * batch or a broadcast bias needs no copy, and addmm's bias is added in the same dispatch.
 *
 * The tiled kernel: a workgroup of V×V (8×8) threads computes a 32×32 output tile, each thread a
 * 4×4 block held in four vec4 accumulators. The K dim is walked TK (32) at a time: the workgroup
 * stages a 32×TK slice of A (stored k-major, four rows per vec4) and a TK×32 slice of B (four
 * columns per vec4) in workgroup memory, then each thread does TK steps of two vec4 reads and four
 * vec4 FMAs. The staging loop reads each operand along whichever of its strides is 1 (a flag in
 * the meta buffer), so neighbouring threads read neighbouring addresses for A and for A.t(); tiles
 * that stick out of the matrix read zeros. One compiled kernel serves every shape and layout:
 * SwiftShader takes seconds to compile it, so variants would cost more than they save.
 *
 * A product with a single row or column (mv, dot, vector @ matrix) would leave 31 of 32 tile rows
 * idle, so it runs on a reduction kernel instead: one workgroup per output element, its threads
 * striding over K and combining in workgroup memory.
 */
import { Tensor } from '../../tensor';
import type { GemmOperand } from '../backend';
import { emptyGpu } from './elementwise';
import { isGpu, storageOf } from './storage';
import { dispatch, GROUP_BUILTINS, GROUP_INDEX, metaBuffer } from './queue';
import { RuntimeError } from '../../errors';

/** An operand: element (b, i, k) at `offset + b * strides[0] + i * strides[1] + k * strides[2]`. */

/** Threads per tile side; each thread computes 4×4 outputs, so a tile is 4·V square. */
const V = 8;
const TILE = 4 * V;
const TK = 32;
const THREADS = V * V;
const REDUCE_WG = 64;

const shaders = new Map<string, string>();

/** `beta * C[b, i, j]`, or 0 without a bias (beta = 0 ignores C, NaN included). */
const BIAS_FN = `fn bias(b: u32, i: u32, j: u32) -> f32 {
  if (mt[18] == 0u) { return 0.0; }
  return bitcast<f32>(mt[17]) * C[mt[12] + b * mt[13] + i * mt[14] + j * mt[15]];
}`;

/** WGSL that stages the TILE×TK slice of one operand as vec4s in workgroup memory. */
function stageOperand(name: 'A' | 'B'): string {
  // A slot holds 4 consecutive rows of A (columns of B) at one k: As[k * V + r4].
  const outer = name === 'A' ? 'M' : 'N';
  const base = name === 'A' ? 'row0' : 'col0';
  const strideOuter = name === 'A' ? 'sAi' : 'sBj';
  const strideK = name === 'A' ? 'sAk' : 'sBk';
  const origin = name === 'A' ? 'aBase' : 'bBase';
  return `for (var s = 0u; s < ${(TK * V) / THREADS}u; s++) {
      let slot = lid + s * ${THREADS}u;
      let kk = select(slot / ${V}u, slot % ${TK}u, kFast${name});
      let r4 = select(slot % ${V}u, slot / ${TK}u, kFast${name});
      let k = k0 + kk;
      let r = ${base} + r4 * 4u;
      let p = ${origin} + r * ${strideOuter} + k * ${strideK};
      let v = vec4<f32>(${name}[p], ${name}[p + ${strideOuter}], ${name}[p + 2u * ${strideOuter}], ${name}[p + 3u * ${strideOuter}]);
      ${name}s[kk * ${V}u + r4] = select(vec4<f32>(0.0), v, (vec4<u32>(r, r + 1u, r + 2u, r + 3u) < vec4<u32>(${outer})) & vec4<bool>(k < K));
    }`;
}

function tiledShader(): string {
  const key = 'tiled';
  let code = shaders.get(key);
  if (code) return code;
  const steps = [`for (var kk = 0u; kk < ${TK}u; kk++) {
      let a = As[kk * ${V}u + ty];
      let b = Bs[kk * ${V}u + tx];
      acc0 = fma(vec4<f32>(a.x), b, acc0);
      acc1 = fma(vec4<f32>(a.y), b, acc1);
      acc2 = fma(vec4<f32>(a.z), b, acc2);
      acc3 = fma(vec4<f32>(a.w), b, acc3);
    }`];
  const store = (q: number) => {
    return `{
      let row = row0 + ty * 4u + ${q}u;
      for (var c = 0u; c < 4u; c++) {
        if (row < M && col + c < N) { outb[oBase + row * N + col + c] = alpha * acc${q}[c] + bias(bt, row, col + c); }
      }
    }`;
  };
  code = `@group(0) @binding(0) var<storage, read> mt: array<u32>;
@group(0) @binding(1) var<storage, read_write> outb: array<f32>;
@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read> C: array<f32>;
${BIAS_FN}
var<workgroup> As: array<vec4<f32>, ${TK * V}>;
var<workgroup> Bs: array<vec4<f32>, ${TK * V}>;
@compute @workgroup_size(${THREADS})
fn main(${GROUP_BUILTINS}) {
  ${GROUP_INDEX}
  // mt: [M, N, K, batch, offA, sAb, sAi, sAk, offB, sBb, sBk, sBj, offC, sCb, sCi, sCj, alpha, beta,
  //      has bias, stage A along k, stage B along k]
  let M = mt[0];
  let N = mt[1];
  let K = mt[2];
  let tilesN = (N + ${TILE - 1}u) / ${TILE}u;
  let tilesM = (M + ${TILE - 1}u) / ${TILE}u;
  let tn = group % tilesN;
  let rest = group / tilesN;
  let tm = rest % tilesM;
  let bt = rest / tilesM;
  if (bt >= mt[3]) { return; }
  let aBase = mt[4] + bt * mt[5];
  let sAi = mt[6];
  let sAk = mt[7];
  let bBase = mt[8] + bt * mt[9];
  let sBk = mt[10];
  let sBj = mt[11];
  let kFastA = mt[19] != 0u;
  let kFastB = mt[20] != 0u;
  let row0 = tm * ${TILE}u;
  let col0 = tn * ${TILE}u;
  let tx = lid % ${V}u;
  let ty = lid / ${V}u;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < K; k0 += ${TK}u) {
    ${stageOperand('A')}
    ${stageOperand('B')}
    workgroupBarrier();
    ${steps.join('\n    ')}
    workgroupBarrier();
  }
  let alpha = bitcast<f32>(mt[16]);
  let oBase = bt * M * N;
  let col = col0 + tx * 4u;
  ${[0, 1, 2, 3].map(store).join('\n  ')}
}
`;
  shaders.set(key, code);
  return code;
}

function reduceShader(): string {
  const key = 'reduce';
  let code = shaders.get(key);
  if (code) return code;
  code = `@group(0) @binding(0) var<storage, read> mt: array<u32>;
@group(0) @binding(1) var<storage, read_write> outb: array<f32>;
@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read> C: array<f32>;
${BIAS_FN}
var<workgroup> part: array<f32, ${REDUCE_WG}>;
@compute @workgroup_size(${REDUCE_WG})
fn main(${GROUP_BUILTINS}) {
  ${GROUP_INDEX}
  let M = mt[0];
  let N = mt[1];
  let K = mt[2];
  if (group >= mt[3] * M * N) { return; }
  let j = group % N;
  let i = (group / N) % M;
  let bt = group / (M * N);
  let pa = mt[4] + bt * mt[5] + i * mt[6];
  let pb = mt[8] + bt * mt[9] + j * mt[11];
  var acc = 0.0;
  for (var k = lid; k < K; k += ${REDUCE_WG}u) {
    acc = fma(A[pa + k * mt[7]], B[pb + k * mt[10]], acc);
  }
  part[lid] = acc;
  workgroupBarrier();
  for (var s = ${REDUCE_WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { part[lid] += part[lid + s]; }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let alpha = bitcast<f32>(mt[16]);
    outb[group] = alpha * part[0] + bias(bt, i, j);
  }
}
`;
  shaders.set(key, code);
  return code;
}

function floatBits(v: number): number {
  return new Uint32Array(new Float32Array([v]).buffer)[0];
}

function checkOperand(t: Tensor): void {
  if (!isGpu(t)) throw new RuntimeError('Expected all tensors to be on the same device, but found at least two devices, webgpu:0 and cpu!');
  if (t.dtype !== 'float32') throw new RuntimeError(`"addmm_webgpu" not implemented for '${t.dtype === 'int64' ? 'Long' : t.dtype === 'bool' ? 'Bool' : 'Double'}'`);
}

/**
 * `alpha * A @ B (+ beta * C)` over a batch, into a fresh contiguous float32 tensor of `shape`
 * (batch × M × N elements). `C` is read through its strides (0 where it broadcasts).
 */
export function gpuGemm(batch: number, M: number, N: number, K: number, a: GemmOperand, b: GemmOperand, shape: readonly number[], c: GemmOperand | null = null, alpha = 1, beta = 1): Tensor {
  checkOperand(a.t);
  checkOperand(b.t);
  if (c) checkOperand(c.t);
  const out = emptyGpu(shape.slice(), 'float32');
  if (batch * M * N === 0) return out;
  const bias = c !== null && beta !== 0;
  // Stage each operand along its unit stride (k for a row-major A, rows for A.t()).
  const aKFastest = a.strides[2] <= a.strides[1];
  const bKFastest = b.strides[1] < b.strides[2];
  const meta = new Uint32Array([
    M, N, K, batch,
    a.offset, ...a.strides,
    b.offset, ...b.strides,
    bias ? c.offset : 0, ...(bias ? c.strides : [0, 0, 0]),
    floatBits(alpha), floatBits(beta),
    bias ? 1 : 0, aKFastest ? 1 : 0, bKFastest ? 1 : 0,
  ]);
  const s = storageOf(out);
  s.written();
  // Without a bias, A's buffer fills C's binding (never read).
  const buffers = [metaBuffer(meta), s.buffer, storageOf(a.t).buffer, storageOf(b.t).buffer, storageOf(bias ? c.t : a.t).buffer];
  if (M === 1 || N === 1 || K === 0) {
    dispatch(reduceShader(), buffers, batch * M * N);
    return out;
  }
  dispatch(tiledShader(), buffers, batch * Math.ceil(M / TILE) * Math.ceil(N / TILE));
  return out;
}
