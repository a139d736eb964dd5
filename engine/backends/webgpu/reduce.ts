/**
 * Reductions on WebGPU, as row programs: each output row reduces its elements (read in place
 * through the input's strides: no copy moves the reduced dims innermost) in one or more passes,
 * each pass folding a mapped value with sum, prod, max or min; a store expression finishes the
 * row (var's divisor, norm's root), or a write stage maps every element of the row again
 * (softmax), or a scan writes running sums (cumsum). Extremes carry the index of their first
 * occurrence, and a NaN wins, as in PyTorch's kernels.
 *
 * Long rows go through a workgroup each (threads stride over the row, then combine in workgroup
 * memory); short rows go a thread each; a few very long rows are split into chunks whose
 * partial results a second dispatch combines.
 */
import type { DType } from '../../dtype';
import { contiguousStrides, numelOf, type Shape } from '../../shape';
import type { Tensor } from '../../tensor';
import { emptyGpu } from './elementwise';
import { allocGpu, gpuScalarOf, storageOf, type GpuScalar } from './storage';
import { dispatch, GROUP_BUILTINS, GROUP_INDEX, metaBuffer } from './queue';
import type { Reduction } from '../backend';

export type ReduceKind = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin';

type Combine = 'sum' | 'prod' | 'max' | 'min';
type ComputeType = 'f32' | 'i32';

interface Pass {
  combine: Combine;
  /** The value folded: WGSL over `v` (the element), `kf` (the row length), earlier passes' `c<i>`, scalars `s0`, `s1`. */
  map: string;
}

interface Program {
  passes: readonly Pass[];
  /** The row's result from `c<i>` (and `ci<i>`, the first index of an extreme), `kf`, `s0`, `s1`. */
  store?: string;
  /** Also writes the last pass's index to a second (int64) output. */
  indices?: boolean;
  /** Writes every element of the row again: WGSL over `v` and the passes' results. */
  write?: string;
  /** Writes the running sum of the row (cumsum). */
  scan?: boolean;
  scalars?: readonly [number, number];
}

const WG = 64;
/** Rows up to this long go a thread each. */
const THREAD_ROW = 64;
/** Rows at least this long, when there are few of them, are split into chunks of at least this many. */
const CHUNK = 4096;
const MAX_CHUNKS = 1024;
const FEW_ROWS = 64;

const PRELUDE = `var<private> INF_BITS: u32 = 0x7f800000u;
var<private> NAN_BITS: u32 = 0x7fc00000u;
fn inf() -> f32 { return bitcast<f32>(INF_BITS); }
fn nan() -> f32 { return bitcast<f32>(NAN_BITS); }
// NaN tests on the bits: compilers may fold x != x away.
fn isNan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isNanI(x: i32) -> bool { return false; }
fn isFinite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
// IEEE division where WGSL leaves x / 0 unspecified (var's clamped divisor may be 0).
fn ieeeDiv(a: f32, b: f32) -> f32 {
  if (b != 0.0) { return a / b; }
  if (isNan(a) || a == 0.0) { return nan(); }
  return select(-inf(), inf(), a > 0.0);
}
// logsumexp shifts by the row max unless it is infinite or NaN.
fn finiteOr0(m: f32) -> f32 { return select(0.0, m, isFinite(m)); }
// x^e for x >= 0, with 0^e for any sign of e.
fn powp(x: f32, e: f32) -> f32 {
  if (x == 0.0) { return select(select(0.0, 1.0, e == 0.0), inf(), e < 0.0); }
  return pow(x, e);
}`;

function better(ct: ComputeType, kind: 'max' | 'min'): string {
  const cmp = kind === 'max' ? '>' : '<';
  const nan = ct === 'f32' ? 'isNan' : 'isNanI';
  return `fn better_${kind}(a: ${ct}, ai: u32, v: ${ct}, vi: u32) -> bool {
  let an = ${nan}(a);
  return (!an && (v ${cmp} a || (v == a && vi < ai))) || (${nan}(v) && (!an || vi < ai));
}`;
}

function init(c: Combine, ct: ComputeType): string {
  if (c === 'sum') return `${ct}(0)`;
  if (c === 'prod') return `${ct}(1)`;
  if (ct === 'f32') return c === 'max' ? '-inf()' : 'inf()';
  return c === 'max' ? 'i32(-2147483647 - 1)' : 'i32(2147483647)';
}

/** WGSL that folds value `v` with index `vi` into accumulator `a` (index `ai`). */
function fold(c: Combine, a: string, ai: string, v: string, vi: string): string {
  if (c === 'sum') return `${a} = ${a} + ${v};`;
  if (c === 'prod') return `${a} = ${a} * ${v};`;
  return `if (better_${c}(${a}, ${ai}, ${v}, ${vi})) { ${a} = ${v}; ${ai} = ${vi}; }`;
}

function storeAs(out: GpuScalar, ct: ComputeType, expr: string): string {
  return out === 'u32' ? `select(0u, 1u, (${expr}) != ${ct}(0))` : `${out}(${expr})`;
}

/** Where a kernel reads and writes: the input itself or chunk partials. */
type Stage = 'whole' | 'chunks' | 'partials';

interface Variant {
  program: Program;
  inType: GpuScalar;
  ct: ComputeType;
  outType: GpuScalar;
  perThread: boolean;
  stage: Stage;
}

const shaders = new Map<string, string>();

/**
 * meta: [words, rows, k, offset, nk, nr, s0, s1, chunks, chunk length, kept sizes, kept in strides,
 * kept out strides, reduced sizes, reduced in strides, reduced out strides].
 */
const HEAD = 10;
const ROW_BASES = `fn rowBases(row: u32) -> vec2<u32> {
  let nk = mt[4];
  var bi = mt[3];
  var bo = 0u;
  var rem = row;
  for (var d = nk; d > 0u; d--) {
    let size = mt[${HEAD - 1}u + d];
    let c = rem % size;
    rem = rem / size;
    bi += c * mt[${HEAD - 1}u + nk + d];
    bo += c * mt[${HEAD - 1}u + 2u * nk + d];
  }
  return vec2<u32>(bi, bo);
}
fn elem(j: u32) -> vec2<u32> {
  let nk = mt[4];
  let nr = mt[5];
  let rs = ${HEAD}u + 3u * nk;
  var pi = 0u;
  var po = 0u;
  var r = j;
  for (var d = nr; d > 0u; d--) {
    let size = mt[rs + d - 1u];
    let c = r % size;
    r = r / size;
    pi += c * mt[rs + nr + d - 1u];
    po += c * mt[rs + 2u * nr + d - 1u];
  }
  return vec2<u32>(pi, po);
}`;

function passCode(v: Variant, i: number, pass: Pass): string {
  const { ct, perThread, stage } = v;
  const acc = `acc${i}`;
  const ai = `ai${i}`;
  const load =
    stage === 'partials'
      ? `let w = pv[row * chunks + j]; let wi = pix[row * chunks + j];`
      : `let v = ${ct}(x[bases.x + elem(j).x]); let w: ${ct} = ${pass.map}; let wi = j;`;
  const [from, to, step] =
    stage === 'chunks' ? ['start + lid', 'stop', `${WG}u`] : perThread ? ['0u', 'n', '1u'] : ['lid', 'n', `${WG}u`];
  const lines = [
    `var ${acc}: ${ct} = ${init(pass.combine, ct)};`,
    `var ${ai}: u32 = 0xffffffffu;`,
    `for (var j = ${from}; j < ${to}; j += ${step}) {`,
    `  ${load}`,
    `  ${fold(pass.combine, acc, ai, 'w', 'wi')}`,
    '}',
  ];
  if (perThread) {
    lines.push(`let c${i} = ${acc};`, `let ci${i} = ${ai};`);
    return lines.join('\n  ');
  }
  lines.push(
    `sacc[lid] = ${acc};`,
    `sidx[lid] = ${ai};`,
    'workgroupBarrier();',
    `for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {`,
    '  if (lid < s) {',
    '    var a2 = sacc[lid];',
    '    var ai2 = sidx[lid];',
    '    let v2 = sacc[lid + s];',
    '    let vi2 = sidx[lid + s];',
    `    ${fold(pass.combine, 'a2', 'ai2', 'v2', 'vi2')}`,
    '    sacc[lid] = a2;',
    '    sidx[lid] = ai2;',
    '  }',
    '  workgroupBarrier();',
    '}',
    `let c${i} = sacc[0];`,
    `let ci${i} = sidx[0];`,
    'workgroupBarrier();',
  );
  return lines.join('\n  ');
}

/** The statements after the passes: store the row's result, or write its elements. */
function finishCode(v: Variant): string {
  const { program, ct, outType, perThread, stage } = v;
  const last = program.passes.length - 1;
  if (stage === 'chunks') return `if (lid == 0u) { pv[group] = c${last}; pix[group] = ci${last}; }`;
  if (program.scan) {
    return `var total: ${ct} = ${ct}(0);
  for (var j = 0u; j < n; j++) {
    let e = elem(j);
    total = total + ${ct}(x[bases.x + e.x]);
    outb[bases.y + e.y] = ${storeAs(outType, ct, 'total')};
  }`;
  }
  if (program.write) {
    const [from, step] = perThread ? ['0u', '1u'] : ['lid', `${WG}u`];
    return `for (var j = ${from}; j < n; j += ${step}) {
    let e = elem(j);
    let v = ${ct}(x[bases.x + e.x]);
    outb[bases.y + e.y] = ${storeAs(outType, ct, program.write)};
  }`;
  }
  const store = [`outb[row] = ${storeAs(outType, ct, program.store ?? `c${last}`)};`];
  if (program.indices) store.push(`outi[row] = i32(ci${last});`);
  return perThread ? store.join(' ') : `if (lid == 0u) { ${store.join(' ')} }`;
}

function shader(v: Variant): string {
  const key = JSON.stringify(v);
  let code = shaders.get(key);
  if (code) return code;
  const { program, inType, ct, outType, perThread, stage } = v;
  const bindings = [`@group(0) @binding(0) var<storage, read> mt: array<u32>;`];
  if (stage === 'chunks') {
    bindings.push(`@group(0) @binding(1) var<storage, read_write> pv: array<${ct}>;`, '@group(0) @binding(2) var<storage, read_write> pix: array<u32>;', `@group(0) @binding(3) var<storage, read> x: array<${inType}>;`);
  } else {
    bindings.push(`@group(0) @binding(1) var<storage, read_write> outb: array<${outType}>;`);
    bindings.push(stage === 'partials' ? `@group(0) @binding(2) var<storage, read> pv: array<${ct}>;\n@group(0) @binding(3) var<storage, read> pix: array<u32>;` : `@group(0) @binding(2) var<storage, read> x: array<${inType}>;`);
    if (program.indices) bindings.push(`@group(0) @binding(${stage === 'partials' ? 4 : 3}) var<storage, read_write> outi: array<i32>;`);
  }
  const head =
    stage === 'chunks'
      ? `let chunks = mt[8];
  let row = group / chunks;
  if (row >= mt[1]) { return; }
  let k = mt[2];
  let start = (group % chunks) * mt[9];
  let stop = min(k, start + mt[9]);`
      : perThread
        ? `let row = group * ${WG}u + lid;
  if (row >= mt[1]) { return; }`
        : `let row = group;
  if (row >= mt[1]) { return; }`;
  const n = stage === 'partials' ? 'let n = mt[8];\n  let chunks = mt[8];' : 'let n = mt[2];';
  code = `${bindings.join('\n')}
${PRELUDE}
${better(ct, 'max')}
${better(ct, 'min')}
${ROW_BASES}
${perThread ? '' : `var<workgroup> sacc: array<${ct}, ${WG}>;\nvar<workgroup> sidx: array<u32, ${WG}>;`}
@compute @workgroup_size(${WG})
fn main(${GROUP_BUILTINS}) {
  ${GROUP_INDEX}
  ${head}
  ${n}
  let kf = f32(mt[2]);
  let s0 = bitcast<f32>(mt[6]);
  let s1 = bitcast<f32>(mt[7]);
  let bases = rowBases(row);
  ${program.passes.map((p, i) => passCode(v, i, p)).join('\n  ')}
  ${finishCode(v)}
}
`;
  shaders.set(key, code);
  return code;
}

interface Dim {
  size: number;
  inStride: number;
  outStride: number;
}

/** Drops size-1 dims and merges neighbours that one stride walks (in the input and the output alike). */
function collapse(dims: readonly Dim[]): Dim[] {
  const out: Dim[] = [];
  for (const d of dims) {
    if (d.size === 1) continue;
    const prev = out[out.length - 1];
    if (prev && prev.inStride === d.inStride * d.size && prev.outStride === d.outStride * d.size) {
      out[out.length - 1] = { size: prev.size * d.size, inStride: d.inStride, outStride: d.outStride };
    } else {
      out.push({ ...d });
    }
  }
  return out;
}

interface Layout {
  kept: Dim[];
  reduced: Dim[];
  rows: number;
  k: number;
}

/**
 * The rows of `x` over `dims`: kept dims index rows, reduced dims index a row's elements. A
 * reduction writes row r at r; `elementwise` outputs (write, scan) are contiguous in x's shape.
 */
function layoutOf(x: Tensor, dims: readonly number[], elementwise: boolean): Layout {
  const keptIdx = x.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const outStrides = elementwise ? contiguousStrides(x.shape) : [];
  const keptOut = contiguousStrides(keptIdx.map((d) => x.shape[d]));
  const kept = keptIdx.map((d, i) => ({ size: x.shape[d], inStride: x._strides[d], outStride: elementwise ? outStrides[d] : keptOut[i] }));
  const reduced = dims.map((d) => ({ size: x.shape[d], inStride: x._strides[d], outStride: elementwise ? outStrides[d] : 0 }));
  return { kept: collapse(kept), reduced: collapse(reduced), rows: numelOf(kept.map((d) => d.size)), k: numelOf(reduced.map((d) => d.size)) };
}

function metaOf(x: Tensor, l: Layout, scalars: readonly [number, number], chunks: number, chunkLen: number, uses = 1): GPUBuffer {
  const { kept, reduced } = l;
  const words = [0, l.rows, l.k, x._offset, kept.length, reduced.length, 0, 0, chunks, chunkLen];
  for (const key of ['size', 'inStride', 'outStride'] as const) words.push(...kept.map((d) => d[key]));
  for (const key of ['size', 'inStride', 'outStride'] as const) words.push(...reduced.map((d) => d[key]));
  words[0] = words.length;
  const meta = new Uint32Array(words);
  new Float32Array(meta.buffer, 6 * 4, 2).set(scalars);
  return metaBuffer(meta, uses);
}

function computeType(x: Tensor, outDtype: DType): ComputeType {
  return outDtype === 'float32' || x.dtype === 'float32' ? 'f32' : 'i32';
}

/** Runs `program` over the rows of `x`; `outs` are the output and, with indices, the int64 indices. */
function run(x: Tensor, given: readonly number[], program: Program, ct: ComputeType, outs: readonly Tensor[]): void {
  // A 0-dim tensor accepts dim 0 but has no dim to reduce.
  const dims = given.filter((d) => d < x.shape.length);
  const elementwise = !!(program.write || program.scan);
  const l = layoutOf(x, dims, elementwise);
  for (const o of outs) storageOf(o).written();
  if (l.rows === 0) return;
  const variant = { program, inType: gpuScalarOf(x.dtype), ct, outType: gpuScalarOf(outs[0].dtype) };
  const [out, ...indices] = outs.map((o) => storageOf(o).buffer);
  const input = storageOf(x).buffer;
  const scalars = program.scalars ?? [0, 0];
  if (program.passes.length === 1 && !elementwise && l.rows < FEW_ROWS && l.k >= 2 * CHUNK) {
    const chunkLen = Math.max(CHUNK, Math.ceil(l.k / MAX_CHUNKS));
    const chunks = Math.ceil(l.k / chunkLen);
    const meta = metaOf(x, l, scalars, chunks, chunkLen, 2);
    const partials = allocGpu(ct === 'f32' ? 'float32' : 'int64', l.rows * chunks);
    const partialIdx = allocGpu('int64', l.rows * chunks);
    partials.written();
    partialIdx.written();
    dispatch(shader({ ...variant, perThread: false, stage: 'chunks' }), [meta, partials.buffer, partialIdx.buffer, input], l.rows * chunks);
    dispatch(shader({ ...variant, perThread: false, stage: 'partials' }), [meta, out, partials.buffer, partialIdx.buffer, ...indices], l.rows);
    return;
  }
  const perThread = !!program.scan || l.k <= THREAD_ROW;
  const groups = perThread ? Math.ceil(l.rows / WG) : l.rows;
  dispatch(shader({ ...variant, perThread, stage: 'whole' }), [metaOf(x, l, scalars, 0, 0), out, input, ...indices], groups);
}

const single = (combine: Combine, map = 'v'): Pass[] => [{ combine, map }];

function programOf(r: Reduction): Program {
  switch (r.op) {
    case 'sum':
      return r.scale === undefined ? { passes: single('sum') } : { passes: single('sum'), store: 'c0 * s0', scalars: [r.scale, 0] };
    case 'prod':
    case 'max':
    case 'min':
      return { passes: single(r.op) };
    case 'argmax':
      return { passes: single('max'), store: 'ci0' };
    case 'argmin':
      return { passes: single('min'), store: 'ci0' };
    case 'all':
      return { passes: single('min', 'B(v != 0)') };
    case 'any':
      return { passes: single('max', 'B(v != 0)') };
    case 'logsumexp':
      // A NaN max (a NaN in the row) gives NaN outright: GPUs need not propagate NaN through exp/log.
      return { passes: [{ combine: 'max', map: 'v' }, { combine: 'sum', map: 'exp(v - finiteOr0(c0))' }], store: 'select(log(c1) + finiteOr0(c0), nan(), isNan(c0))' };
    case 'var': {
      const centered = '(v - c0 / kf)';
      const variance = 'ieeeDiv(c1, max(0.0, kf - s0))';
      return { passes: [{ combine: 'sum', map: 'v' }, { combine: 'sum', map: `${centered} * ${centered}` }], store: r.root ? `sqrt(${variance})` : variance, scalars: [r.correction, 0] };
    }
    case 'norm':
      return normProgram(r.p);
  }
}

/** The vector p-norm of a row (`s0` = p), with an empty row's norm 0 for ±inf as on the CPU. */
function normProgram(p: number): Program {
  if (p === Infinity || p === -Infinity) return { passes: single(p > 0 ? 'max' : 'min', 'abs(v)'), store: 'select(c0, 0.0, kf == 0.0)' };
  if (p === 0) return { passes: single('sum', 'B(v != 0)') };
  if (p === 1) return { passes: single('sum', 'abs(v)') };
  if (p === 2) return { passes: single('sum', 'v * v'), store: 'sqrt(c0)' };
  return { passes: single('sum', 'powp(abs(v), s0)'), store: 'powp(c0, 1.0 / s0)', scalars: [p, 0] };
}

/** `B(cond)`: a bool as 0/1 of the compute type; defined per shader through the map strings. */
function withBool(program: Program, ct: ComputeType): Program {
  const sub = (s: string) => s.replaceAll(/B\(([^()]*)\)/g, `select(${ct}(0), ${ct}(1), $1)`);
  return { ...program, passes: program.passes.map((p) => ({ ...p, map: sub(p.map) })) };
}

/** Reduces `x` over `dims` into a fresh GPU tensor of `outShape` (row-major over the kept dims). */
export function gpuReduction(x: Tensor, dims: readonly number[], r: Reduction, outDtype: DType, outShape: Shape): Tensor {
  const out = emptyGpu(outShape, outDtype);
  const ct = r.op === 'all' || r.op === 'any' ? (x.dtype === 'float32' ? 'f32' : 'i32') : computeType(x, outDtype);
  run(x, dims, withBool(programOf(r), ct), ct, [out]);
  return out;
}

/** The lead's entry point for sum and mean (`scale` multiplies a sum). */
export function gpuReduce(x: Tensor, dims: readonly number[], kind: ReduceKind, outDtype: DType, outShape: Shape, scale?: number): Tensor {
  return gpuReduction(x, dims, kind === 'sum' ? { op: 'sum', scale } : { op: kind }, outDtype, outShape);
}

/** `max(dim)` / `min(dim)`: the values and the int64 indices of the first extreme, in one dispatch. */
export function gpuExtremeWithIndices(x: Tensor, dims: readonly number[], kind: 'max' | 'min', outShape: Shape): [Tensor, Tensor] {
  const values = emptyGpu(outShape, x.dtype);
  const indices = emptyGpu(outShape, 'int64');
  run(x, dims, { passes: single(kind), indices: true }, computeType(x, x.dtype), [values, indices]);
  return [values, indices];
}

/** softmax / log_softmax along `d` of a float32 tensor: max, sum of exp, then every element. */
export function gpuSoftmax(x: Tensor, d: number | null, log: boolean): Tensor {
  const out = emptyGpu(x.shape, x.dtype);
  const program: Program = {
    passes: [{ combine: 'max', map: 'v' }, { combine: 'sum', map: 'exp(v - c0)' }],
    // A row whose max is NaN or infinite is all NaN on the CPU (x - max meets inf - inf or NaN);
    // say so outright rather than trust the GPU's NaN arithmetic.
    write: `select(nan(), ${log ? 'v - c0 - log(c1)' : 'exp(v - c0) / c1'}, isFinite(c0))`,
  };
  run(x, d === null ? [] : [d], program, 'f32', [out]);
  return out;
}

/** Running sums along `d` (null for a 0-dim tensor) into a fresh contiguous tensor of `outDtype`. */
export function gpuCumsum(x: Tensor, d: number | null, outDtype: DType): Tensor {
  const out = emptyGpu(x.shape, outDtype);
  run(x, d === null ? [] : [d], { passes: [], scan: true }, computeType(x, outDtype), [out]);
  return out;
}
