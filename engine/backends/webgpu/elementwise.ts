/**
 * One WGSL kernel family for every elementwise op: up to three broadcast, strided inputs (a CPU
 * 0-dim tensor, such as a wrapped Python number, rides along as a scalar), an expression of the op
 * over them (`a`, `b`, `c`, and `o` for the old value of an in-place output), and a fresh
 * contiguous output or a strided view written in place. Shapes, strides and scalars travel in a
 * small meta buffer, so one compiled kernel serves every shape of an op.
 */
import { isFloating, type DType } from '../../dtype';
import { Tensor } from '../../tensor';
import { numelOf, sameShape, type Shape } from '../../shape';
import { allocGpu, gpuScalarOf, isGpu, storageOf, type GpuScalar } from './storage';
import { dispatch, GROUP_BUILTINS, GROUP_INDEX, metaBuffer } from './queue';

/** The type an op's expression computes in. */
export type ComputeType = 'f32' | 'i32';

const WG = 64;

function deviceMixError(): Error {
  return new Error('Expected all tensors to be on the same device, but found at least two devices, webgpu:0 and cpu!');
}

type OperandKind = GpuScalar | 'scalar';

function operandKind(t: Tensor): OperandKind {
  if (isGpu(t)) return gpuScalarOf(t.dtype);
  // PyTorch lets a CPU 0-dim tensor (a Python number) join a GPU op; any other CPU tensor is an error.
  if (t.shape.length === 0) return 'scalar';
  throw deviceMixError();
}

/** Strides of `t` seen through broadcasting to `shape` (0 on broadcast dims). */
function stridesIn(t: Tensor, shape: Shape): number[] {
  const off = shape.length - t.shape.length;
  return shape.map((_, i) => (i < off || t.shape[i - off] === 1 ? 0 : t._strides[i - off]));
}

const STORE: Record<GpuScalar, (ct: ComputeType) => string> = {
  f32: () => 'f32(r)',
  i32: () => 'i32(r)',
  u32: (ct) => `select(0u, 1u, r != ${ct}(0))`,
};

/** Functions op expressions may call: pow with the sign of a negative base, accurate log1p/expm1. */
const PRELUDE = `var<private> INF_BITS: u32 = 0x7f800000u;
fn inf() -> f32 { return bitcast<f32>(INF_BITS); }
fn powf(x: f32, e: f32) -> f32 {
  if (e == 0.0) { return 1.0; }
  if (x < 0.0 && e == floor(e)) {
    let r = pow(-x, e);
    return select(r, -r, e % 2.0 != 0.0);
  }
  if (x == 0.0) { return select(0.0, inf(), e < 0.0); }
  return pow(x, e);
}
fn powi(x: i32, e: i32) -> i32 {
  if (e < 0) { return select(0, select(-1, 1, e % 2 == 0), x == -1) + select(0, 1, x == 1); }
  var r = 1;
  for (var k = 0; k < e; k++) { r = r * x; }
  return r;
}
// WGSL allows sin/cos an absolute error of 2^-11; Cephes' sinf/cosf reduction and polynomials
// give float32 accuracy.
fn sincos_(x: f32, cosine: bool) -> f32 {
  if (x != x || abs(x) == inf()) { return x - x; }
  var sgn = select(1.0, -1.0, x < 0.0 && !cosine);
  let ax = abs(x);
  var j = u32(ax * 1.2732395447351628);
  var y = f32(j);
  if ((j & 1u) == 1u) { j += 1u; y += 1.0; }
  j = j & 7u;
  if (cosine) { j = (j + 2u) & 7u; }
  if (j > 3u) { sgn = -sgn; j -= 4u; }
  let z = ((ax - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8;
  let zz = z * z;
  var r: f32;
  if (j == 1u || j == 2u) {
    r = ((2.443315711809948e-5 * zz - 1.388731625493765e-3) * zz + 4.166664568298827e-2) * zz * zz - 0.5 * zz + 1.0;
  } else {
    r = ((-1.9515295891e-4 * zz + 8.3321608736e-3) * zz - 1.6666654611e-1) * zz * z + z;
  }
  return sgn * r;
}
fn sin_(x: f32) -> f32 { return sincos_(x, false); }
fn cos_(x: f32) -> f32 { return sincos_(x, true); }
fn log1p_(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return log(u) * x / (u - 1.0);
}
fn expm1_(x: f32) -> f32 {
  let u = exp(x);
  if (u == 1.0) { return x; }
  if (u == inf()) { return inf(); }
  if (u - 1.0 == -1.0) { return -1.0; }
  return (u - 1.0) * x / log(u);
}`;

const shaders = new Map<string, string>();

function shader(ct: ComputeType, out: GpuScalar, kinds: readonly OperandKind[], flat: boolean, inplace: boolean, expr: string): string {
  const key = `${ct}|${out}|${kinds.join(',')}|${flat}|${inplace}|${expr}`;
  let code = shaders.get(key);
  if (code) return code;
  const names = ['a', 'b', 'c'];
  const k = kinds.length;
  const decls: string[] = [];
  const loads: string[] = [];
  let binding = 2;
  kinds.forEach((kind, j) => {
    if (kind === 'scalar') {
      loads.push(`let ${names[j]} = bitcast<${ct}>(mt[2u + nd + ${k + 1}u * (nd + 1u) + ${j}u]);`);
    } else {
      decls.push(`@group(0) @binding(${binding++}) var<storage, read> in${j}: array<${kind}>;`);
      loads.push(`let ${names[j]} = ${ct}(in${j}[p${j}]);`);
    }
  });
  const ops = [...kinds.map((kind, j) => (kind === 'scalar' ? -1 : j)).filter((j) => j >= 0), k];
  const p = (j: number) => (j === k ? 'po' : `p${j}`);
  const base = (j: number) => `2u + nd + ${j}u * (nd + 1u)`;
  const walk = flat
    ? ops.map((j) => `let ${p(j)} = mt[${base(j)}] + i;`).join('\n  ')
    : [
        ...ops.map((j) => `var ${p(j)} = mt[${base(j)}];`),
        'var rem = i;',
        'for (var d = nd; d > 0u; d--) {',
        '  let size = mt[1u + d];',
        '  let coord = rem % size;',
        '  rem = rem / size;',
        ...ops.map((j) => `  ${p(j)} += coord * mt[${base(j)} + d];`),
        '}',
      ].join('\n  ');
  code = `@group(0) @binding(0) var<storage, read> mt: array<u32>;
@group(0) @binding(1) var<storage, read_write> outb: array<${out}>;
${decls.join('\n')}
fn B(x: bool) -> ${ct} { return select(${ct}(0), ${ct}(1), x); }
${PRELUDE}
@compute @workgroup_size(${WG})
fn main(${GROUP_BUILTINS}) {
  ${GROUP_INDEX}
  let i = group * ${WG}u + lid;
  if (i >= mt[0]) { return; }
  let nd = mt[1];
  ${walk}
  ${loads.join('\n  ')}
  ${inplace ? `let o = ${ct}(outb[po]);` : ''}
  let r: ${ct} = ${expr};
  outb[po] = ${STORE[out](ct)};
}
`;
  shaders.set(key, code);
  return code;
}

function computeType(inputs: readonly Tensor[], outDtype: DType): ComputeType {
  return isFloating(outDtype) || inputs.some((t) => isFloating(t.dtype)) ? 'f32' : 'i32';
}

function scalarBits(t: Tensor, ct: ComputeType): number {
  const v = t._data[t._offset];
  const view = ct === 'f32' ? new Float32Array([v]) : new Int32Array([v]);
  return new Uint32Array(view.buffer)[0];
}

/** The strided view `dst` of a GPU storage, written in place, or a fresh contiguous output. */
function run(given: readonly Tensor[], shape: Shape, dst: Tensor, inplace: boolean, expr: string): void {
  // WebGPU forbids binding one buffer as both input and output: an input that is the output's
  // storage (`x.mul_(x)`) is read from a copy.
  const inputs = given.map((t) => (isGpu(t) && t._data === dst._data ? gpuMap([t], t.shape, t.dtype, 'a') : t));
  const kinds = inputs.map(operandKind);
  const ct = computeType(inputs, dst.dtype);
  const nd = shape.length;
  const n = numelOf(shape);
  const flat = dst.is_contiguous() && inputs.every((t, j) => kinds[j] === 'scalar' || (sameShape(t.shape, shape) && t.is_contiguous()));
  const meta = new Uint32Array(2 + nd + (inputs.length + 1) * (nd + 1) + inputs.length);
  meta[0] = n;
  meta[1] = nd;
  meta.set(shape, 2);
  const operands = [...inputs, dst];
  operands.forEach((t, j) => {
    const at = 2 + nd + j * (nd + 1);
    if (j < inputs.length && kinds[j] === 'scalar') return;
    meta[at] = t._offset;
    meta.set(stridesIn(t, shape), at + 1);
  });
  const scalarsAt = 2 + nd + (inputs.length + 1) * (nd + 1);
  inputs.forEach((t, j) => {
    if (kinds[j] === 'scalar') meta[scalarsAt + j] = scalarBits(t, ct);
  });
  const out = storageOf(dst);
  out.written();
  const buffers = [metaBuffer(meta), out.buffer, ...inputs.filter((_, j) => kinds[j] !== 'scalar').map((t) => storageOf(t).buffer)];
  dispatch(shader(ct, gpuScalarOf(dst.dtype), kinds, flat, inplace, expr), buffers, Math.ceil(n / WG));
}

/** A fresh GPU tensor of `shape` and `dtype` (zeros). */
export function emptyGpu(shape: Shape, dtype: DType): Tensor {
  return new Tensor(allocGpu(dtype, numelOf(shape)).data, shape, dtype, { device: 'webgpu' });
}

/** `expr(a, b, c)` over the inputs broadcast to `shape`, into a fresh tensor. */
export function gpuMap(inputs: readonly Tensor[], shape: Shape, outDtype: DType, expr: string): Tensor {
  if (!inputs.some(isGpu)) throw deviceMixError();
  const out = emptyGpu(shape, outDtype);
  run(inputs, shape, out, false, expr);
  return out;
}

/** Writes `expr(o, a)` (o: dst's old value, a: src broadcast) into the strided view `dst`. */
export function gpuWriteInto(dst: Tensor, src: Tensor, expr: string): void {
  if (!isGpu(dst)) throw deviceMixError();
  run([src], dst.shape, dst, true, expr);
}
