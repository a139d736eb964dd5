/**
 * One WGSL kernel family for every elementwise op: up to three broadcast, strided inputs (a CPU
 * 0-dim tensor, such as a wrapped Python number, rides along as a scalar), an expression of the op
 * over them (`a`, `b`, `c`), and a fresh contiguous output or a strided view written in place.
 * Shapes, strides and scalars travel in a small meta buffer, so one compiled kernel serves every
 * shape of an op.
 *
 * Chains fuse: an op's fresh result is lazy (its storage says how to compute it, see GpuStorage),
 * and the next elementwise op over the whole of it folds the expression into its own kernel, so
 * `grad * (1 - y * y)` is one kernel, not three. A lazy result is computed on its own only when
 * something else needs its buffer (a matmul, a reduction, a read-back, an in-place write to one of
 * its inputs), and never if nothing does.
 */
import { isFloating, type DType } from '../../dtype';
import { Tensor } from '../../tensor';
import { numelOf, sameShape, type Shape } from '../../shape';
import { allocGpu, gpuScalarOf, isGpu, lazyGpu, storageOf, type GpuScalar, type GpuStorage } from './storage';
import { dispatch, GROUP_BUILTINS, GROUP_INDEX, metaBuffer } from './queue';
import { RuntimeError } from '../../errors';

/** The type an op's expression computes in. */
export type ComputeType = 'f32' | 'i32';

const WG = 64;

function deviceMixError(): Error {
  return new RuntimeError('Expected all tensors to be on the same device, but found at least two devices, webgpu:0 and cpu!');
}

/** Strides of `t` seen through broadcasting to `shape` (0 on broadcast dims). */
function stridesIn(t: Tensor, shape: Shape): number[] {
  const off = shape.length - t.shape.length;
  return shape.map((_, i) => (i < off || t.shape[i - off] === 1 ? 0 : t._strides[i - off]));
}

/** The value a kernel stores for `x` (computed in `ct`) in a buffer of `kind`. */
function store(kind: GpuScalar, ct: ComputeType, x: string): string {
  return kind === 'u32' ? `select(0u, 1u, ${x} != ${ct}(0))` : `${kind}(${x})`;
}

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

/** The most ops and input buffers one fused kernel takes (WebGPU guarantees 8 storage bindings). */
const MAX_OPS = 12;
const MAX_BUFFERS = 6;

/** One elementwise op in a (possibly fused) kernel: its expression over its arguments. */
interface FusedOp {
  /** The shape its inputs are broadcast to: it folds into ops over that same shape only. */
  shape: Shape;
  expr: string;
  ct: ComputeType;
  /** How its result is held (its output dtype's GPU scalar): a fused consumer sees it as stored. */
  out: GpuScalar;
  args: Arg[];
}

/** An op's argument: another op of the kernel, a GPU tensor read through its strides, or a CPU 0-dim tensor. */
type Arg = { op: FusedOp } | { gpu: Tensor } | { scalar: Tensor };

/** What each lazy storage will compute: the op at the root of its kernel. */
const lazyOps = new WeakMap<GpuStorage, FusedOp>();

function computeType(inputs: readonly Tensor[], outDtype: DType): ComputeType {
  return isFloating(outDtype) || inputs.some((t) => isFloating(t.dtype)) ? 'f32' : 'i32';
}

/** The ops and distinct GPU tensors of the kernel rooted at `op`. */
function extent(op: FusedOp, ops = new Set<FusedOp>(), tensors = new Set<Tensor>()): { ops: Set<FusedOp>; tensors: Set<Tensor> } {
  if (ops.has(op)) return { ops, tensors };
  ops.add(op);
  for (const a of op.args) {
    if ('op' in a) extent(a.op, ops, tensors);
    else if ('gpu' in a) tensors.add(a.gpu);
  }
  return { ops, tensors };
}

/**
 * The argument for input `t` of an op over `shape`: a lazy result that covers exactly that shape
 * (the whole storage, contiguous) folds in; anything else is read from memory.
 */
function argOf(t: Tensor, shape: Shape): Arg {
  if (!isGpu(t)) {
    // PyTorch lets a CPU 0-dim tensor (a Python number) join a GPU op; any other CPU tensor is an error.
    if (t.shape.length === 0) return { scalar: t };
    throw deviceMixError();
  }
  const s = storageOf(t);
  const op = s.lazy ? lazyOps.get(s) : undefined;
  // The whole of it, in the same shape (a reshaped view of a result would misplace its inputs).
  if (op && sameShape(op.shape, shape) && sameShape(t.shape, shape) && t._offset === 0 && t.numel() === s.length && t.is_contiguous()) return { op };
  return { gpu: t };
}

/**
 * The op `expr` over `inputs`, folding lazy inputs in while the kernel stays within bounds. GPU
 * inputs are kept as views of their own: a later `x.data = y` changes the tensor object, not what
 * this op reads.
 */
function fusedOp(inputs: readonly Tensor[], shape: Shape, outDtype: DType, expr: string): { op: FusedOp; tensors: Set<Tensor> } {
  const views = new Map<Tensor, Tensor>();
  const view = (t: Tensor): Tensor => {
    let v = views.get(t);
    if (!v) views.set(t, (v = new Tensor(t._data, t.shape, t.dtype, { strides: t._strides, offset: t._offset, device: 'webgpu' })));
    return v;
  };
  const direct = (t: Tensor): Arg => {
    const a = argOf(t, shape);
    return 'op' in a || 'scalar' in a ? a : { gpu: view(t) };
  };
  const op: FusedOp = { shape: shape.slice(), expr, ct: computeType(inputs, outDtype), out: gpuScalarOf(outDtype), args: inputs.map(direct) };
  const folded = extent(op);
  if (folded.ops.size <= MAX_OPS && folded.tensors.size <= MAX_BUFFERS) return { op, tensors: folded.tensors };
  op.args = inputs.map((t) => (isGpu(t) ? { gpu: view(t) } : { scalar: t }));
  return { op, tensors: new Set(views.values()) };
}

/** The WGSL of a kernel, and what its meta buffer and bindings hold, for the ops rooted at `root`. */
interface Kernel {
  code: string;
  /** GPU inputs in binding order (after meta and output). */
  tensors: Tensor[];
  /** CPU scalars, with the type each is read as. */
  scalars: { t: Tensor; ct: ComputeType }[];
}

const shaders = new Map<string, string>();

/**
 * `root` as one kernel writing `dst` (`self`: GPU inputs that are `dst` itself, read from the output
 * element each invocation writes). The key names the kernel's structure; the WGSL is made once.
 */
function kernel(root: FusedOp, dst: Tensor, self: ReadonlySet<Tensor>, flat: boolean): Kernel {
  const tensors: Tensor[] = [];
  const scalars: { t: Tensor; ct: ComputeType }[] = [];
  const order = new Map<FusedOp, number>();
  const fns: string[] = [];
  const lines: string[] = [];
  const keyParts: string[] = [];
  const visit = (op: FusedOp): string => {
    const done = order.get(op);
    if (done !== undefined) {
      keyParts.push(`R${done}`);
      return `v${done}`;
    }
    keyParts.push(`(${op.ct}${op.out}${op.expr}`);
    const argNames = op.args.map((a): string => {
      if ('op' in a) return `${op.ct}(${visit(a.op)})`;
      if ('scalar' in a) {
        scalars.push({ t: a.scalar, ct: op.ct });
        keyParts.push(`S`);
        return `bitcast<${op.ct}>(mt[sc + ${scalars.length - 1}u])`;
      }
      if (self.has(a.gpu)) {
        keyParts.push(`O`);
        return `${op.ct}(outb[po])`;
      }
      let j = tensors.indexOf(a.gpu);
      if (j < 0) {
        j = tensors.push(a.gpu) - 1;
        keyParts.push(`L${gpuScalarOf(a.gpu.dtype)}`);
      } else keyParts.push(`l${j}`);
      return `${op.ct}(in${j}[p${j}])`;
    });
    keyParts.push(')');
    const k = order.size;
    order.set(op, k);
    // `i`, the output element's flat index, is there for the ops that use it (tril, triu).
    const params = [...op.args.map((_, i) => `${'abc'[i]}: ${op.ct}`), 'i: u32'].join(', ');
    fns.push(`fn f${k}(${params}) -> ${op.ct} { return ${op.expr.replace(/\bB\(/g, `B_${op.ct}(`)}; }`);
    lines.push(`let v${k} = ${store(op.out, op.ct, `f${k}(${[...argNames, 'i'].join(', ')})`)};`);
    return `v${k}`;
  };
  const result = visit(root);
  const outKind = gpuScalarOf(dst.dtype);
  const key = `${outKind}|${flat}|${keyParts.join('')}`;
  let code = shaders.get(key);
  if (!code) {
    const operands = [...tensors.map((_, j) => j), tensors.length];
    const p = (j: number) => (j === tensors.length ? 'po' : `p${j}`);
    const base = (j: number) => `2u + nd + ${j}u * (nd + 1u)`;
    const walk = flat
      ? operands.map((j) => `let ${p(j)} = mt[${base(j)}] + i;`)
      : [
          ...operands.map((j) => `var ${p(j)} = mt[${base(j)}];`),
          'var rem = i;',
          'for (var d = nd; d > 0u; d--) {',
          '  let size = mt[1u + d];',
          '  let coord = rem % size;',
          '  rem = rem / size;',
          ...operands.map((j) => `  ${p(j)} += coord * mt[${base(j)} + d];`),
          '}',
        ];
    code = `@group(0) @binding(0) var<storage, read> mt: array<u32>;
@group(0) @binding(1) var<storage, read_write> outb: array<${outKind}>;
${tensors.map((t, j) => `@group(0) @binding(${j + 2}) var<storage, read> in${j}: array<${gpuScalarOf(t.dtype)}>;`).join('\n')}
fn B_f32(x: bool) -> f32 { return select(0.0, 1.0, x); }
fn B_i32(x: bool) -> i32 { return select(0, 1, x); }
${PRELUDE}
${fns.join('\n')}
@compute @workgroup_size(${WG})
fn main(${GROUP_BUILTINS}) {
  ${GROUP_INDEX}
  let i = group * ${WG}u + lid;
  if (i >= mt[0]) { return; }
  let nd = mt[1];
  let sc = 2u + nd + ${tensors.length + 1}u * (nd + 1u);
  ${walk.join('\n  ')}
  ${lines.join('\n  ')}
  outb[po] = ${result};
}
`;
    shaders.set(key, code);
  }
  return { code, tensors, scalars };
}

function scalarBits(t: Tensor, ct: ComputeType): number {
  const v = t._array()[t._offset];
  const view = ct === 'f32' ? new Float32Array([v]) : new Int32Array([v]);
  return new Uint32Array(view.buffer)[0];
}

/** Records the kernel of `root` writing the view `dst` of shape `shape`. */
function record(root: FusedOp, shape: Shape, dst: Tensor, self: ReadonlySet<Tensor>, target: () => GPUBuffer): void {
  const leaves = [...extent(root).tensors].filter((t) => !self.has(t));
  const flat = dst.is_contiguous() && leaves.every((t) => sameShape(t.shape, shape) && t.is_contiguous());
  const { code, tensors, scalars } = kernel(root, dst, self, flat);
  const nd = shape.length;
  const n = numelOf(shape);
  const meta = new Uint32Array(2 + nd + (tensors.length + 1) * (nd + 1) + scalars.length);
  meta[0] = n;
  meta[1] = nd;
  meta.set(shape, 2);
  [...tensors, dst].forEach((t, j) => {
    const at = 2 + nd + j * (nd + 1);
    meta[at] = t._offset;
    meta.set(stridesIn(t, shape), at + 1);
  });
  const scalarsAt = 2 + nd + (tensors.length + 1) * (nd + 1);
  scalars.forEach(({ t, ct }, k) => (meta[scalarsAt + k] = scalarBits(t, ct)));
  // Inputs first: binding a lazy input records its kernel, which must come before this one.
  const inputs = tensors.map((t) => storageOf(t).buffer);
  dispatch(code, [metaBuffer(meta), target(), ...inputs], Math.ceil(n / WG));
}

/** A fresh GPU tensor of `shape` and `dtype` (zeros). */
export function emptyGpu(shape: Shape, dtype: DType): Tensor {
  return new Tensor(allocGpu(dtype, numelOf(shape)), shape, dtype, { device: 'webgpu' });
}

/** `expr(a, b, c)` over the inputs broadcast to `shape`, into a fresh tensor (lazy: see the top). */
export function gpuMap(inputs: readonly Tensor[], shape: Shape, outDtype: DType, expr: string): Tensor {
  if (!inputs.some(isGpu)) throw deviceMixError();
  const { op, tensors } = fusedOp(inputs, shape, outDtype, expr);
  const storage = lazyGpu(outDtype, numelOf(shape));
  const out = new Tensor(storage, shape, outDtype, { device: 'webgpu' });
  lazyOps.set(storage, op);
  const reads = [...tensors].map(storageOf);
  storage.defer(
    {
      run: () => {
        lazyOps.delete(storage);
        record(op, shape, out, NO_SELF, () => storage.target());
      },
      rebind: (from, to) => rebind(op, from, to),
    },
    reads,
  );
  return out;
}

/** Points the inputs of `op`'s kernel that read storage `from` at `to` (the views are the kernel's own). */
function rebind(op: FusedOp, from: GpuStorage, to: GpuStorage): void {
  for (const t of extent(op).tensors) if (storageOf(t) === from) t._data = to;
}

const NO_SELF: ReadonlySet<Tensor> = new Set();

/**
 * Writes `expr(a)` (a: src broadcast) into the strided view `dst`. WebGPU forbids binding one buffer
 * as both input and output: an input on dst's storage is read from the very element being written
 * when it is the same view, and from a copy otherwise.
 */
export function gpuWriteInto(dst: Tensor, src: Tensor, expr: string): void {
  if (!isGpu(dst)) throw deviceMixError();
  const shape = dst.shape;
  const { op, tensors } = fusedOp([src], shape, dst.dtype, expr);
  const target = storageOf(dst);
  const dstStrides = stridesIn(dst, shape);
  const self = new Set<Tensor>();
  const copies = new Map<Tensor, Tensor>();
  for (const t of tensors) {
    if (storageOf(t) !== target) continue;
    if (t._offset === dst._offset && sameShape(stridesIn(t, shape), dstStrides)) self.add(t);
    else copies.set(t, computedCopy(t));
  }
  const root = copies.size ? substitute(op, copies) : op;
  // dst itself, when lazy, is computed first; lazy readers of its old values get a copy of them.
  const buffer = target.buffer;
  target.written();
  record(root, shape, dst, self, () => buffer);
}

/** A copy of `t` computed now (not lazy). */
function computedCopy(t: Tensor): Tensor {
  const copy = gpuMap([t], t.shape, t.dtype, 'a');
  storageOf(copy).compute();
  return copy;
}

/** `op` with the GPU inputs in `copies` replaced (ops are copied, the lazy originals untouched). */
function substitute(op: FusedOp, copies: ReadonlyMap<Tensor, Tensor>, seen = new Map<FusedOp, FusedOp>()): FusedOp {
  const hit = seen.get(op);
  if (hit) return hit;
  const args = op.args.map((a): Arg => ('op' in a ? { op: substitute(a.op, copies, seen) } : 'gpu' in a && copies.has(a.gpu) ? { gpu: copies.get(a.gpu)! } : a));
  const out = { ...op, args };
  seen.set(op, out);
  return out;
}
