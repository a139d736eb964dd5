/**
 * Elementwise ops: each declares its forward (a scalar function for the CPU kernels), its Node
 * name as PyTorch's, what it saves, and its backward formula written with differentiable ops (so
 * create_graph gives higher-order gradients for free).
 */
import { Tensor } from '../tensor';
import { record, setHistory, type Saved } from '../autograd/function';
import { is_grad_enabled } from '../autograd/grad_mode';
import { backendOf, binaryMap, castCopy, readableNow, ternaryMap, transfer, unaryMap, wgslNum, writeInto } from '../backends';
import { broadcastShapes, sameShape } from '../shape';
import { allocStorage, castScalar, isFloating, type DType } from '../dtype';
import { asTensor, floatType, installMethods, resultType, wrapScalar, type Scalar, type TensorOrScalar } from './util';
import { NotImplementedError, RuntimeError } from '../errors';
import { derivatives } from '../autograd/derivatives';

// ---- binary arithmetic ---------------------------------------------------------------------------

const f32 = Math.fround;

/**
 * Runs `f` in the computation dtype (float32 math sees its operands as float32: a Python 0.1 is
 * float32's 0.1, as PyTorch casts it), and a bool result stores 0/1 (True + True is True).
 */
function binaryForward(a: Tensor, b: Tensor, dtype: DType, f: (x: number, y: number) => number, wgsl: string, computeDtype: DType = dtype): Tensor {
  const g = dtype === 'bool' ? (u: number, v: number) => (f(u, v) ? 1 : 0) : f;
  return backendOf(a, b).binaryMap(a, b, broadcastShapes(a.shape, b.shape), dtype, g, wgsl, computeDtype);
}

/** A Scalar parameter's value: a Python number, or a 0-dim tensor standing for one. */
function scalarValue(v: number | boolean | Tensor | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  return Number(v instanceof Tensor ? v.item() : v);
}

/** alpha as the kernel holds it: a float32 alpha for float32 math (then one fused multiply-add). */
function alphaIn(alpha: number, dtype: DType): number {
  return dtype === 'float32' ? f32(alpha) : alpha;
}

/** PyTorch's `sub_check`: `-` refuses bool operands. */
function checkSubBool(a: Tensor, b: Tensor): void {
  if (a.dtype === 'bool' && b.dtype === 'bool') {
    throw new RuntimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  if (a.dtype === 'bool' || b.dtype === 'bool') {
    throw new RuntimeError('Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
}

/** Integer pow as PyTorch's `powi`: a negative exponent truncates to 0 except for bases ±1. */
function powInt(base: number, exp: number): number {
  if (exp >= 0) return Math.pow(base, exp);
  if (base === 1) return 1;
  if (base === -1) return exp % 2 === 0 ? 1 : -1;
  return 0;
}

function checkAlpha(alpha: number, dtype: DType): void {
  if (!isFloating(dtype) && !Number.isInteger(alpha)) {
    throw new RuntimeError("For integral input tensors, argument alpha must not be a floating point number.");
  }
}

/**
 * A binary op, declared as PyTorch's derivatives.yaml declares one: its Node, the result dtype,
 * PyTorch's checks, the forward in both kernel forms, what the Node saves, and the backward written
 * with differentiable ops (so create_graph gives higher-order gradients for free). `P` is the op's
 * scalar parameter (alpha), passed through to every part.
 */
interface BinarySpec<P> {
  node: string;
  /** The result dtype from the operands' promoted dtype (true division: a floating one). */
  dtype?: (promoted: DType) => DType;
  check?: (a: Tensor, b: Tensor, dtype: DType, p: P) => void;
  /** The scalar function for the CPU kernels, in the result dtype. */
  f: (dtype: DType, p: P) => (x: number, y: number) => number;
  /** The same function as a WGSL expression of `a` and `b`. */
  wgsl: (dtype: DType, p: P) => string;
  /** The Node's saved values (`_saved_<key>`), from the operands and the result. */
  saves: (a: Tensor, b: Tensor, out: Tensor, p: P) => Saved;
  /** The gradient for each edge (null where none is needed). */
  grad: (g: Tensor, saved: Saved, needs: readonly boolean[], p: P) => (Tensor | null)[];
  /** Which operands are the Node's edges: both, or only the first (rsub's one edge). */
  edges?: 'both' | 'first';
}

function binaryOp<P>(spec: BinarySpec<P>): (a: Tensor, b: Tensor, p: P) => Tensor {
  return (a, b, p) => {
    const promoted = resultType(a, b);
    const dtype = spec.dtype ? spec.dtype(promoted) : promoted;
    spec.check?.(a, b, dtype, p);
    const out = binaryForward(a, b, dtype, spec.f(dtype, p), spec.wgsl(dtype, p));
    const inputs = spec.edges === 'first' ? [a] : [a, b];
    return record(spec.node, inputs, out, spec.saves(a, b, out, p), ([g], saved, needs) => spec.grad(g!, saved, needs, p));
  };
}

const ADD = binaryOp<number>({
  node: 'AddBackward0',
  check: (_a, _b, dtype, alpha) => checkAlpha(alpha, dtype),
  f: (dtype, alpha) => {
    const al = alphaIn(alpha, dtype);
    return alpha === 1 ? (x, y) => x + y : (x, y) => x + al * y;
  },
  wgsl: (_dtype, alpha) => (alpha === 1 ? 'a + b' : `a + ${wgslNum(alpha)} * b`),
  saves: (_a, _b, _out, alpha) => ({ alpha }),
  grad: (g, _s, needs, alpha) => [needs[0] ? g : null, needs[1] ? (alpha === 1 ? g : mul(g, alpha)) : null],
});

function checkSub(a: Tensor, b: Tensor, dtype: DType, alpha: number): void {
  checkSubBool(a, b);
  checkAlpha(alpha, dtype);
}

const SUB = binaryOp<number>({
  node: 'SubBackward0',
  check: checkSub,
  f: (dtype, alpha) => {
    const al = alphaIn(alpha, dtype);
    return (x, y) => x - al * y;
  },
  wgsl: (_dtype, alpha) => (alpha === 1 ? 'a - b' : `a - ${wgslNum(alpha)} * b`),
  saves: (_a, _b, _out, alpha) => ({ alpha }),
  grad: (g, _s, needs, alpha) => [needs[0] ? g : null, needs[1] ? mul(g, -alpha) : null],
});

/** `other - alpha * self`, one edge (self): Python's `2 - x`. */
const RSUB = binaryOp<number>({
  node: 'RsubBackward1',
  edges: 'first',
  check: checkSub,
  f: (dtype, alpha) => {
    const al = alphaIn(alpha, dtype);
    return (x, y) => y - al * x;
  },
  wgsl: (_dtype, alpha) => (alpha === 1 ? 'b - a' : `b - ${wgslNum(alpha)} * a`),
  saves: (_a, _b, _out, alpha) => ({ alpha }),
  grad: (g, _s, _needs, alpha) => [mul(g, -alpha)],
});

const MUL = binaryOp<void>({
  node: 'MulBackward0',
  f: (dtype) => (dtype === 'bool' ? (x, y) => x & y : (x, y) => x * y),
  wgsl: () => 'a * b',
  saves: (a, b) => ({ self: b.requires_grad ? a : null, other: a.requires_grad ? b : null }),
  grad: (g, s, needs) => [needs[0] ? mul(g, s.other as Tensor) : null, needs[1] ? mul(g, s.self as Tensor) : null],
});

const TRUE_DIV = binaryOp<void>({
  node: 'DivBackward0',
  dtype: floatType,
  f: () => (x, y) => x / y,
  wgsl: () => 'a / b',
  saves: (a, b) => ({ self: b.requires_grad ? a : null, other: a.requires_grad || b.requires_grad ? b : null }),
  grad: (g, s, needs) => {
    const o = s.other as Tensor;
    return [needs[0] ? div(g, o) : null, needs[1] ? neg(div(mul(g, s.self as Tensor), mul(o, o))) : null];
  },
});

/** div with rounding_mode 'trunc' or 'floor': a step function, so both gradients are zeros. */
const ROUNDED_DIV = binaryOp<'trunc' | 'floor'>({
  node: 'DivBackward2',
  check: (_a, b, dtype) => {
    if (!isFloating(dtype) && readableNow(b) && b._values().some((v) => v === 0)) throw new RuntimeError('ZeroDivisionError');
  },
  f: (_dtype, mode) => {
    const round = mode === 'trunc' ? Math.trunc : Math.floor;
    return (x, y) => round(x / y);
  },
  wgsl: (dtype, mode) => (isFloating(dtype) ? `${mode}(a / b)` : mode === 'trunc' ? 'a / b' : 'a / b - B(a % b != 0 && (a < 0) != (b < 0))'),
  saves: (a, b, _out, mode) => ({ self: b.requires_grad ? a : null, other: b, rounding_mode: mode }),
  grad: (g, _s, needs) => [needs[0] ? zerosLike(g) : null, needs[1] ? zerosLike(g) : null],
});

const POW = binaryOp<void>({
  node: 'PowBackward1',
  check: (_a, _b, dtype) => checkPowBool(dtype),
  f: (dtype) => (isFloating(dtype) ? Math.pow : powInt),
  wgsl: (dtype) => (isFloating(dtype) ? 'powf(a, b)' : 'powi(a, b)'),
  saves: (a, b, out) => ({ self: a, exponent: b, result: out }),
  grad: (g, s, needs) => {
    const x = s.self as Tensor;
    const e = s.exponent as Tensor;
    const gradSelf = needs[0] ? where(eq(e, 0), zerosLike(g), mul(mul(g, e), pow(x, sub(e, 1)))) : null;
    const gradExp = needs[1] ? mul(mul(g, s.result as Tensor), where(and(eq(x, 0), ge(e, 0)), zerosLike(x), log(x))) : null;
    return [gradSelf, gradExp];
  },
});

/** maximum / minimum: NaN wins; ties split the gradient evenly, as PyTorch does. */
function extremumOp(node: string, pick: (x: number, y: number) => number, wgslFn: 'max' | 'min', wins: (a: Tensor, b: Tensor) => Tensor) {
  return binaryOp<void>({
    node,
    f: () => (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : pick(x, y)),
    wgsl: () => `select(${wgslFn}(a, b), a + b, a != a || b != b)`,
    saves: (a, b) => ({ self: a, other: b }),
    grad: (g, s, needs) => {
      const a = s.self as Tensor;
      const b = s.other as Tensor;
      const share = add(wins(a, b).to(g.dtype), mul(eq(a, b).to(g.dtype), 0.5));
      return [needs[0] ? mul(g, share) : null, needs[1] ? mul(g, rsub(share, 1)) : null];
    },
  });
}
const MAXIMUM = extremumOp('MaximumBackward0', Math.max, 'max', (a, b) => gt(a, b));
const MINIMUM = extremumOp('MinimumBackward0', Math.min, 'min', (a, b) => lt(a, b));

export function add(self: TensorOrScalar, other: TensorOrScalar, alphaArg?: number | Tensor): Tensor {
  if (!(self instanceof Tensor) && other instanceof Tensor) return add(other, self, alphaArg);
  return ADD(asTensor(self), asTensor(other), scalarValue(alphaArg, 1));
}

export function sub(self: TensorOrScalar, other: TensorOrScalar, alphaArg?: number | Tensor): Tensor {
  const alpha = scalarValue(alphaArg, 1);
  if (!(self instanceof Tensor) && other instanceof Tensor) return rsub(other, self, alpha);
  return SUB(asTensor(self), asTensor(other), alpha);
}

/** `other - self` (Python's `2 - x`): PyTorch records RsubBackward1 with one edge. */
export function rsub(self: Tensor, other: Scalar, alphaArg?: number | Tensor): Tensor {
  return RSUB(self, asTensor(other), scalarValue(alphaArg, 1));
}

export function mul(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (!(self instanceof Tensor) && other instanceof Tensor) return mul(other, self);
  return MUL(asTensor(self), asTensor(other));
}

export function div(self: TensorOrScalar, other: TensorOrScalar, rounding_mode?: 'trunc' | 'floor' | null): Tensor {
  if (!(self instanceof Tensor) && other instanceof Tensor) {
    // Python's `2 / x` is `x.reciprocal() * 2`.
    return mul(reciprocal(other), self);
  }
  const a = asTensor(self);
  const b = asTensor(other);
  const mode = rounding_mode ?? null;
  if (mode !== null && mode !== 'trunc' && mode !== 'floor') {
    throw new RuntimeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  return mode === null ? TRUE_DIV(a, b) : ROUNDED_DIV(a, b, mode);
}

export function pow(self: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  // Python's `2 ** x` (Tensor.__rpow__) makes the number a 0-dim tensor of the result dtype: PowBackward1.
  if (!(self instanceof Tensor)) {
    const dtype = resultType(asTensor(self), asTensor(exponent));
    const base = new Tensor(allocStorage(dtype, 1), [], dtype);
    base._array()[0] = castScalar(Number(self), dtype);
    return pow(base, exponent);
  }
  if (!(exponent instanceof Tensor)) {
    const e = typeof exponent === 'number' ? exponent : Number(exponent);
    const ex = asTensor(exponent);
    const dtype = resultType(self, ex);
    checkPowBool(dtype);
    if (!isFloating(dtype) && e < 0) throw new RuntimeError('Integers to negative integer powers are not allowed.');
    const out = unaryMap(self, dtype, powScalarKernel(e, dtype), powScalarWgsl(e, dtype));
    return record('PowBackward0', [self], out, { self, exponent: e }, ([g], s) => {
      if (e === 0) return [zerosLike(g!)];
      const x = s.self as Tensor;
      return [mul(mul(g!, e), e === 2 ? x : pow(x, e - 1))];
    });
  }
  return POW(self, exponent);
}

/** PyTorch's pow(Tensor, Scalar) kernel: exact special cases for common exponents, else std::pow. */
function powScalarKernel(e: number, dtype: DType): (x: number) => number {
  if (!isFloating(dtype)) return (x) => powInt(x, e);
  const r = dtype === 'float32' ? f32 : (x: number) => x;
  if (e === 0.5) return (x) => Math.sqrt(r(x));
  if (e === -0.5) return (x) => r(1 / r(Math.sqrt(r(x))));
  if (e === -1) return (x) => 1 / r(x);
  if (e === 2) return (x) => r(x) * r(x);
  if (e === 3) return (x) => r(r(r(x) * r(x)) * r(x));
  if (e === -2) return (x) => 1 / r(r(x) * r(x));
  return (x) => Math.pow(r(x), e);
}

/** The same special cases in WGSL; `powf`/`powi` give negative bases their sign (WGSL's pow does not). */
function powScalarWgsl(e: number, dtype: DType): string {
  if (!isFloating(dtype)) return `powi(a, ${e})`;
  if (e === 0.5) return 'sqrt(a)';
  if (e === -0.5) return '1.0 / sqrt(a)';
  if (e === -1) return '1.0 / a';
  if (e === 2) return 'a * a';
  if (e === 3) return 'a * a * a';
  if (e === -2) return '1.0 / (a * a)';
  return `powf(a, ${Number.isFinite(e) ? wgslNum(e) : e > 0 ? 'inf()' : '-inf()'})`;
}

function checkPowBool(dtype: DType): void {
  if (dtype === 'bool') throw new RuntimeError('"pow" not implemented for \'Bool\'');
}

export function maximum(self: Tensor, other: Tensor): Tensor {
  return MAXIMUM(self, other);
}

export function minimum(self: Tensor, other: Tensor): Tensor {
  return MINIMUM(self, other);
}

// ---- comparisons (bool results, no grad) ----------------------------------------------------------

function compare(f: (x: number, y: number) => boolean, wgsl: string) {
  return (self: TensorOrScalar, other: TensorOrScalar): Tensor => {
    const a = asTensor(self);
    const b = asTensor(other);
    return binaryForward(a, b, 'bool', (x, y) => (f(x, y) ? 1 : 0), `B(${wgsl})`, resultType(a, b));
  };
}
export const gt = compare((x, y) => x > y, 'a > b');
export const ge = compare((x, y) => x >= y, 'a >= b');
export const lt = compare((x, y) => x < y, 'a < b');
export const le = compare((x, y) => x <= y, 'a <= b');
export const eq = compare((x, y) => x === y, 'a == b');
export const ne = compare((x, y) => x !== y, 'a != b');
/** logical_and/or take no Python numbers in PyTorch (the binder's Tensor parameter refuses them). */
function logical(f: (x: number, y: number) => boolean, wgsl: string) {
  const op = compare(f, wgsl);
  return (self: Tensor, other: Tensor): Tensor => op(self, other);
}
export const logical_and = logical((x, y) => x !== 0 && y !== 0, 'a != 0 && b != 0');
export const logical_or = logical((x, y) => x !== 0 || y !== 0, 'a != 0 || b != 0');
const and = logical_and;

export function logical_not(self: Tensor): Tensor {
  return unaryMap(self, 'bool', (x) => (x === 0 ? 1 : 0), 'B(a == 0)');
}

export function isnan(self: Tensor): Tensor {
  return unaryMap(self, 'bool', (x) => (Number.isNaN(x) ? 1 : 0), 'B(a != a)');
}

/** `torch.equal`: same shape and same values. */
export function equal(self: Tensor, other: Tensor): boolean {
  if (!sameShape(self.shape, other.shape)) return false;
  const a = self._values();
  const b = other._values();
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function allclose(self: Tensor, other: Tensor, rtolArg?: number, atolArg?: number, equal_nan = false): boolean {
  const rtol = rtolArg ?? 1e-5;
  const atol = atolArg ?? 1e-8;
  const shape = broadcastShapes(self.shape, other.shape);
  const ok = binaryMap(self, other, shape, 'bool', (x, y) => {
    if (Number.isNaN(x) || Number.isNaN(y)) return equal_nan && Number.isNaN(x) && Number.isNaN(y) ? 1 : 0;
    return Math.abs(x - y) <= atol + rtol * Math.abs(y) ? 1 : 0;
  }, `B((a != a && b != b && ${equal_nan ? 'true' : 'false'}) || abs(a - b) <= ${wgslNum(atol)} + ${wgslNum(rtol)} * abs(b))`);
  return ok._values().every((v) => v === 1);
}

// ---- where / clamp --------------------------------------------------------------------------------

export function where(condition: Tensor, self: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (condition.dtype !== 'bool') throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype === 'int64' ? 'Long' : condition.dtype === 'float64' ? 'Double' : 'Float'}`);
  const a = asTensor(self);
  const b = asTensor(other);
  const shape = broadcastShapes(condition.shape, broadcastShapes(a.shape, b.shape));
  const out = ternaryMap(condition, a, b, shape, resultType(a, b), (c, x, y) => (c ? x : y), 'select(c, b, a != 0)');
  return record('WhereBackward0', [a, b], out, { condition }, ([g], s, needs) => {
    const c = s.condition as Tensor;
    return [needs[0] ? where(c, g!, 0) : null, needs[1] ? where(c, 0, g!) : null];
  });
}

export function clamp(self: Tensor, min?: number | Tensor | null, max?: number | Tensor | null): Tensor {
  const lo = min ?? null;
  const hi = max ?? null;
  if (lo === null && hi === null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  if (lo instanceof Tensor || hi instanceof Tensor) return clampTensor(self, lo === null ? null : asTensor(lo), hi === null ? null : asTensor(hi));
  const bounds = [lo, hi].filter((v): v is number => v !== null).map(wrapScalar);
  const dtype = resultType(self, ...bounds);
  const l = lo ?? -Infinity;
  const h = hi ?? Infinity;
  const clampWgsl = lo === null ? `min(a, ${wgslNum(h)})` : hi === null ? `max(a, ${wgslNum(l)})` : `min(max(a, ${wgslNum(l)}), ${wgslNum(h)})`;
  const out = unaryMap(self, dtype, (x) => castScalar(Number.isNaN(x) ? x : Math.min(Math.max(x, l), h), dtype), `select(${clampWgsl}, a, a != a)`);
  return record('ClampBackward1', [self], out, { self, min: lo, max: hi }, ([g], s) => {
    const x = s.self as Tensor;
    return [where(logical_and(ge(x, l), le(x, h)), g!, 0)];
  });
}

/** clamp with tensor bounds (ClampBackward0): the bounds get gradient where they win. */
function clampTensor(self: Tensor, min: Tensor | null, max: Tensor | null): Tensor {
  const dtype = resultType(self, ...[min, max].filter((t): t is Tensor => t !== null));
  const lo = min ?? wrapScalar(-Infinity);
  const hi = max ?? wrapScalar(Infinity);
  const shape = broadcastShapes(self.shape, broadcastShapes(lo.shape, hi.shape));
  const out = ternaryMap(self, lo, hi, shape, dtype, (x, a, b) => (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(Math.max(x, a), b)), 'select(min(max(a, b), c), a + b + c, a != a || b != b || c != c)');
  return record('ClampBackward0', [self, min, max], out, { self, min, max }, ([g], s, needs) => {
    const x = s.self as Tensor;
    const mn = s.min as Tensor | null;
    const mx = s.max as Tensor | null;
    const inside = mn && mx ? logical_and(ge(x, mn), le(x, mx)) : mn ? ge(x, mn) : le(x, mx!);
    // As PyTorch's clamp_backward_min_max: when min > max the result is max, so only max gets it.
    const minWins = mn && needs[1] ? (mx ? logical_and(lt(x, mn), lt(mn, mx)) : lt(x, mn)) : null;
    const maxWins = mx && needs[2] ? (mn ? logical_or(gt(x, mx), lt(mx, mn)) : gt(x, mx)) : null;
    return [needs[0] ? where(inside, g!, 0) : null, minWins ? where(minWins, g!, 0) : null, maxWins ? where(maxWins, g!, 0) : null];
  });
}

// ---- unary ------------------------------------------------------------------------------------------

interface UnarySpec {
  /** PyTorch's Node name. */
  node: string;
  f: (x: number) => number;
  /** The same function as a WGSL expression of `a`. */
  wgsl: string;
  /** What the backward needs: the input (`_saved_self`) or the output (`_saved_result`). */
  saves: 'self' | 'result' | 'none';
  grad: (g: Tensor, saved: Tensor) => Tensor;
  /** Integer inputs give float results (exp, log, ...); false keeps the dtype (neg, abs, relu). */
  toFloat: boolean;
  /** PyTorch's error for a bool input, where it refuses one. */
  boolError?: string;
  /** The float32 kernel where PyTorch's (AVX2, Sleef) rounds differently from `f` rounded once. */
  f32?: (x: number) => number;
}

/** A float32 fused multiply-add: the product of two float32 values is exact in a double. */
function fmaf(a: number, b: number, c: number): number {
  return f32(a * b + c);
}

/** Sleef's expf_u10 as PyTorch's AVX2 kernels run it (with FMA), so float32 exp matches bit for bit. */
function expf(v: number): number {
  const x = f32(v);
  const q = Math.round(f32(x * f32(Math.LOG2E)));
  let s = fmaf(q, f32(-0.693145751953125), x);
  s = fmaf(q, f32(-1.428606765330187045e-6), s);
  let u = f32(0.000198527617612853646278381);
  for (const c of [0.00139304355252534151077271, 0.00833336077630519866943359, 0.0416664853692054748535156, 0.166666671633720397949219, 0.5]) {
    u = fmaf(u, s, f32(c));
  }
  u = f32(1 + fmaf(f32(s * s), u, s));
  u = f32(u * Math.pow(2, q));
  if (x < -104) return 0;
  if (x > 100) return Infinity;
  return u;
}

function unary(spec: UnarySpec) {
  return (self: Tensor): Tensor => {
    if (self.dtype === 'bool' && spec.boolError) throw new RuntimeError(spec.boolError);
    const dtype = spec.toFloat ? floatType(self.dtype) : self.dtype;
    const out = unaryMap(self, dtype, dtype === 'float32' && spec.f32 ? spec.f32 : spec.f, spec.wgsl);
    const saved: Record<string, Tensor> = spec.saves === 'self' ? { self } : spec.saves === 'result' ? { result: out } : {};
    return record(spec.node, [self], out, saved, ([g], s) => [spec.grad(g!, (s.self ?? s.result) as Tensor)]);
  };
}

export const neg = unary({
  node: 'NegBackward0', f: (x) => -x, wgsl: '-a', saves: 'none', toFloat: false, grad: (g) => neg(g),
  boolError: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
});
export const exp = unary({ node: 'ExpBackward0', f: Math.exp, wgsl: 'exp(a)', f32: expf, saves: 'result', toFloat: true, grad: (g, r) => mul(g, r) });
export const log = unary({ node: 'LogBackward0', f: Math.log, wgsl: 'log(a)', saves: 'self', toFloat: true, grad: (g, x) => div(g, x) });
export const sqrt = unary({ node: 'SqrtBackward0', f: Math.sqrt, wgsl: 'sqrt(a)', saves: 'result', toFloat: true, grad: (g, r) => div(g, mul(r, 2)) });
export const abs = unary({ node: 'AbsBackward0', f: Math.abs, wgsl: 'abs(a)', saves: 'self', toFloat: false, grad: (g, x) => mul(g, sign(x)), boolError: '"abs_cpu" not implemented for \'Bool\'' });
export const sin = unary({ node: 'SinBackward0', f: Math.sin, wgsl: 'sin_(a)', saves: 'self', toFloat: true, grad: (g, x) => mul(g, cos(x)) });
export const cos = unary({ node: 'CosBackward0', f: Math.cos, wgsl: 'cos_(a)', saves: 'self', toFloat: true, grad: (g, x) => mul(g, neg(sin(x))) });
export const tan = unary({ node: 'TanBackward0', f: Math.tan, wgsl: 'sin_(a) / cos_(a)', saves: 'result', toFloat: true, grad: (g, r) => mul(g, add(mul(r, r), 1)) });
export const tanh = unary({ node: 'TanhBackward0', f: Math.tanh, wgsl: 'tanh(clamp(a, -20.0, 20.0))', saves: 'result', toFloat: true, grad: (g, r) => mul(g, rsub(mul(r, r), 1)) });
export const sigmoid = unary({ node: 'SigmoidBackward0', f: (x) => 1 / (1 + Math.exp(-x)), wgsl: '1.0 / (1.0 + exp(-a))', f32: (x) => f32(1 / f32(1 + expf(-x))), saves: 'result', toFloat: true, grad: (g, r) => mul(g, mul(r, rsub(r, 1))) });
export const relu = unary({ node: 'ReluBackward0', f: (x) => (x > 0 ? x : 0), wgsl: 'select(0, a, a > 0)', saves: 'result', toFloat: false, grad: (g, r) => where(gt(r, 0), g, 0), boolError: 'Boolean inputs not supported for relu' });
export const reciprocal = unary({ node: 'ReciprocalBackward0', f: (x) => 1 / x, wgsl: '1.0 / a', saves: 'result', toFloat: true, grad: (g, r) => mul(g, neg(mul(r, r))) });
export const log2 = unary({ node: 'Log2Backward0', f: Math.log2, wgsl: 'log2(a)', saves: 'self', toFloat: true, grad: (g, x) => div(g, mul(x, Math.LN2)) });
export const log1p = unary({ node: 'Log1PBackward0', f: Math.log1p, wgsl: 'log1p_(a)', saves: 'self', toFloat: true, grad: (g, x) => div(g, add(x, 1)) });
export const expm1 = unary({ node: 'Expm1Backward0', f: Math.expm1, wgsl: 'expm1_(a)', saves: 'result', toFloat: true, grad: (g, r) => mul(g, add(r, 1)) });
export const rsqrt = unary({ node: 'RsqrtBackward0', f: (x) => 1 / Math.sqrt(x), wgsl: 'inverseSqrt(a)', f32: (x) => f32(1 / f32(Math.sqrt(x))), saves: 'result', toFloat: true, grad: (g, r) => mul(g, mul(pow(r, 3), -0.5)) });
export const sign = unary({ node: 'SignBackward0', f: (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0), wgsl: 'sign(a)', saves: 'none', toFloat: false, grad: (g) => zerosLike(g) });

export function square(self: Tensor): Tensor {
  return pow(self, 2);
}

export function zerosLike(t: Tensor): Tensor {
  return Tensor._empty(t.shape, t.dtype, t.device);
}

// ---- in-place ---------------------------------------------------------------------------------------

/**
 * Writes an op's result into `self` as PyTorch's in-place ops do: checks the leaf/view rules, bumps
 * the version counter, and moves `self`'s history onto the op's Node (out-of-place `result` carries
 * it) so earlier saved tensors of `self` see the new version.
 */
function assignInPlace(self: Tensor, result: Tensor): Tensor {
  self._checkInplace();
  if (result.dtype !== self.dtype && !isFloating(self.dtype) && isFloating(result.dtype)) {
    throw new RuntimeError(`result type ${result.dtype === 'float64' ? 'Double' : 'Float'} can't be cast to the desired output type ${self.dtype === 'bool' ? 'Bool' : 'Long'}`);
  }
  if (!sameShape(broadcastShapes(self.shape, result.shape), self.shape)) {
    throw new RuntimeError(`output with shape [${self.shape.join(', ')}] doesn't match the broadcast shape [${broadcastShapes(self.shape, result.shape).join(', ')}]`);
  }
  const dtype = self.dtype;
  if (is_grad_enabled() && result.requires_grad && self._base !== null) {
    throw new NotImplementedError('Gradlab does not support in-place operations on views of tensors that require grad yet; use the out-of-place op (e.g. `y = y.mul(2)`)');
  }
  writeInto(self, result, (_old, v) => castScalar(v, dtype), 'a');
  self._bumpVersion();
  if (is_grad_enabled() && result.requires_grad) setHistory(self, result.grad_fn!, result._output_nr);
  return self;
}

/**
 * `self` as the in-place op's input: where the op's backward may read self, PyTorch saves
 * `self.clone()` (gen_variable_type's `original_self`), so the write that follows does not make
 * the saved value stale. The copy keeps self's history (grad_fn, output_nr): the graph is the same.
 */
function originalSelf(self: Tensor, other?: TensorOrScalar): Tensor {
  if (!is_grad_enabled() || !(self.requires_grad || (other instanceof Tensor && other.requires_grad))) return self;
  const copy = castCopy(self, self.dtype);
  copy.grad_fn = self.grad_fn;
  copy._output_nr = self._output_nr;
  return copy;
}

export function add_(self: Tensor, other: TensorOrScalar, alpha?: number | Tensor): Tensor {
  return assignInPlace(self, add(self, other, alpha));
}
export function sub_(self: Tensor, other: TensorOrScalar, alpha?: number | Tensor): Tensor {
  return assignInPlace(self, sub(self, other, alpha));
}
export function mul_(self: Tensor, other: TensorOrScalar): Tensor {
  return assignInPlace(self, mul(originalSelf(self, other), other));
}
export function div_(self: Tensor, other: TensorOrScalar, rounding_mode?: 'trunc' | 'floor' | null): Tensor {
  return assignInPlace(self, div(originalSelf(self, other), other, rounding_mode));
}
export function clamp_(self: Tensor, min?: number | null, max?: number | null): Tensor {
  return assignInPlace(self, clamp(originalSelf(self), min, max));
}
/** `relu_` (F.relu(x, inplace=True), nn.ReLU(inplace=True)): ReluBackward0 written into x. */
export function relu_(self: Tensor): Tensor {
  return assignInPlace(self, relu(self));
}
export function pow_(self: Tensor, exponent: TensorOrScalar): Tensor {
  return assignInPlace(self, pow(originalSelf(self, exponent), exponent));
}

/**
 * `fill_` and `zero_` overwrite every value; with grad they record FillBackward2/3 / ZeroBackward0.
 * A 0-dim tensor value is FillBackward3's second edge: it receives the sum of the gradient.
 */
function overwrite(self: Tensor, value: number, name: string, valueTensor: Tensor | null = null): Tensor {
  self._checkInplace();
  const v = castScalar(value, self.dtype);
  writeInto(self, asTensor(v), () => v, 'a');
  self._bumpVersion();
  if (is_grad_enabled() && (self.requires_grad || valueTensor?.requires_grad)) {
    if (valueTensor) record(name, [self, valueTensor], self, {}, ([g], _s, needs) => [needs[0] ? zerosLike(g!) : null, needs[1] ? g!.sum() : null]);
    else record(name, [self], self, {}, ([g]) => [zerosLike(g!)]);
  }
  return self;
}
export function fill_(self: Tensor, value: number | Tensor): Tensor {
  // fill_.Scalar is FillBackward2, fill_.Tensor FillBackward3 (0 and 1 are the out-of-place fill).
  return value instanceof Tensor ? overwrite(self, Number(value.item()), 'FillBackward3', value) : overwrite(self, value, 'FillBackward2');
}
export function zero_(self: Tensor): Tensor {
  return overwrite(self, 0, 'ZeroBackward0');
}

export function copy_(self: Tensor, src: Tensor): Tensor {
  self._checkInplace();
  if (!sameShape(broadcastShapes(self.shape, src.shape), self.shape)) {
    throw new RuntimeError(`output with shape [${self.shape.join(', ')}] doesn't match the broadcast shape [${broadcastShapes(self.shape, src.shape).join(', ')}]`);
  }
  const dtype = self.dtype;
  // copy_ is the one op that takes a source on another device (`x.copy_(cpu_tensor)`).
  const source = src.device === self.device ? src : transfer(src, src.dtype, self.device);
  writeInto(self, source, (_old, v) => castScalar(v, dtype), 'a');
  self._bumpVersion();
  if (is_grad_enabled() && (self.requires_grad || src.requires_grad)) {
    const srcShape = src.shape.slice();
    record('torch::autograd::CopyBackwards', [self, src], self, {}, ([g], _s, needs) => [needs[0] ? zerosLike(g!) : null, needs[1] ? g!.to(src.dtype).sum_to_size(srcShape) : null]);
  }
  return self;
}

type Alpha = { alpha?: number | Tensor };
type Other<K extends string = 'other'> = { [P in K]?: TensorOrScalar };

declare module '../tensor' {
  interface Tensor {
    add(other: TensorOrScalar | (Other & Alpha), kwargs?: Alpha): Tensor;
    sub(other: TensorOrScalar | (Other & Alpha), kwargs?: Alpha): Tensor;
    rsub(other: Scalar | (Other & Alpha), kwargs?: Alpha): Tensor;
    mul(other: TensorOrScalar | Other): Tensor;
    div(other: TensorOrScalar | (Other & RoundingMode), kwargs?: RoundingMode): Tensor;
    pow(exponent: TensorOrScalar | Other<'exponent'>): Tensor;
    maximum(other: Tensor | Other): Tensor;
    minimum(other: Tensor | Other): Tensor;
    gt(other: TensorOrScalar | Other): Tensor;
    ge(other: TensorOrScalar | Other): Tensor;
    lt(other: TensorOrScalar | Other): Tensor;
    le(other: TensorOrScalar | Other): Tensor;
    eq(other: TensorOrScalar | Other): Tensor;
    ne(other: TensorOrScalar | Other): Tensor;
    logical_and(other: Tensor | Other): Tensor;
    logical_or(other: Tensor | Other): Tensor;
    logical_not(): Tensor;
    isnan(): Tensor;
    equal(other: Tensor | Other): boolean;
    allclose(other: Tensor | (Other & AllcloseKw), rtol?: number | AllcloseKw, atol?: number | AllcloseKw, equal_nan?: boolean | AllcloseKw, kwargs?: AllcloseKw): boolean;
    where(condition: Tensor | { condition?: Tensor; other?: TensorOrScalar }, other?: TensorOrScalar | { other?: TensorOrScalar }): Tensor;
    clamp(min?: ClampBound | ClampKw, max?: ClampBound | ClampKw, kwargs?: ClampKw): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    abs(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tan(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    relu(): Tensor;
    reciprocal(): Tensor;
    log2(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    rsqrt(): Tensor;
    sign(): Tensor;
    square(): Tensor;
    add_(other: TensorOrScalar | (Other & Alpha), kwargs?: Alpha): Tensor;
    sub_(other: TensorOrScalar | (Other & Alpha), kwargs?: Alpha): Tensor;
    mul_(other: TensorOrScalar | Other): Tensor;
    div_(other: TensorOrScalar | (Other & RoundingMode), kwargs?: RoundingMode): Tensor;
    clamp_(min?: ClampBound | ClampKw, max?: ClampBound | ClampKw, kwargs?: ClampKw): Tensor;
    pow_(exponent: TensorOrScalar | Other<'exponent'>): Tensor;
    fill_(value: number | boolean | Tensor | { value?: number | boolean | Tensor }): Tensor;
    zero_(): Tensor;
    relu_(): Tensor;
    copy_(other: Tensor | { other?: Tensor; non_blocking?: boolean }, non_blocking?: boolean | { non_blocking?: boolean }): Tensor;
  }
}

type RoundingMode = { rounding_mode?: 'trunc' | 'floor' | null };
type AllcloseKw = { rtol?: number; atol?: number; equal_nan?: boolean };
type ClampBound = number | Tensor | null;
type ClampKw = { min?: ClampBound; max?: ClampBound };

installMethods({
  add, sub, rsub, mul, div, pow, maximum, minimum, gt, ge, lt, le, eq, ne, logical_and, logical_or, logical_not, isnan, equal, allclose,
  where: (self: Tensor, condition: Tensor, other: TensorOrScalar) => where(condition, self, other),
  clamp, neg, exp, log, sqrt, abs, sin, cos, tan, tanh, sigmoid, relu, reciprocal, log2, log1p, expm1, rsqrt, sign, square,
  add_, sub_, mul_, div_, clamp_, pow_, fill_, zero_, relu_, copy_,
});

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  AddBackward0: { inputs: ['self', 'other'], grads: ['grad', 'grad · alpha'] },
  SubBackward0: { inputs: ['self', 'other'], grads: ['grad', '−grad · alpha'] },
  RsubBackward1: { inputs: ['self'], grads: ['−grad · alpha'] },
  MulBackward0: { inputs: ['self', 'other'], grads: ['grad · other', 'grad · self'] },
  DivBackward0: { inputs: ['self', 'other'], grads: ['grad / other', '−grad · self / other²'] },
  DivBackward2: { inputs: ['self', 'other'], grads: ['0 (a rounded quotient is flat)', '0'] },
  PowBackward0: { inputs: ['self'], grads: ['grad · exponent · self^(exponent − 1)'] },
  PowBackward1: { inputs: ['self', 'exponent'], grads: ['grad · exponent · self^(exponent − 1)', 'grad · result · ln(self)'] },
  MaximumBackward0: { inputs: ['self', 'other'], grads: ['grad where self > other (half where equal)', 'grad where other > self (half where equal)'] },
  MinimumBackward0: { inputs: ['self', 'other'], grads: ['grad where self < other (half where equal)', 'grad where other < self (half where equal)'] },
  WhereBackward0: { inputs: ['self', 'other'], grads: ['where(condition, grad, 0)', 'where(condition, 0, grad)'] },
  ClampBackward1: { inputs: ['self'], grads: ['grad · (min ≤ self ≤ max)'] },
  ClampBackward0: { inputs: ['self', 'min', 'max'], grads: ['grad · (min ≤ self ≤ max)', 'grad · (self < min)', 'grad · (self > max)'] },
  NegBackward0: { inputs: ['self'], grads: ['−grad'] },
  ExpBackward0: { inputs: ['self'], grads: ['grad · result'] },
  LogBackward0: { inputs: ['self'], grads: ['grad / self'] },
  SqrtBackward0: { inputs: ['self'], grads: ['grad / (2 · result)'] },
  AbsBackward0: { inputs: ['self'], grads: ['grad · sign(self)'] },
  SinBackward0: { inputs: ['self'], grads: ['grad · cos(self)'] },
  CosBackward0: { inputs: ['self'], grads: ['−grad · sin(self)'] },
  TanBackward0: { inputs: ['self'], grads: ['grad · (1 + result²)'] },
  TanhBackward0: { inputs: ['self'], grads: ['grad · (1 − result²)'] },
  SigmoidBackward0: { inputs: ['self'], grads: ['grad · result · (1 − result)'] },
  ReluBackward0: { inputs: ['self'], grads: ['grad · (result > 0)'] },
  ReciprocalBackward0: { inputs: ['self'], grads: ['−grad · result²'] },
  Log2Backward0: { inputs: ['self'], grads: ['grad / (self · ln 2)'] },
  Log1PBackward0: { inputs: ['self'], grads: ['grad / (self + 1)'] },
  Expm1Backward0: { inputs: ['self'], grads: ['grad · (result + 1)'] },
  RsqrtBackward0: { inputs: ['self'], grads: ['−grad · result³ / 2'] },
  SignBackward0: { inputs: ['self'], grads: ['0 (sign is flat)'] },
  FillBackward2: { inputs: ['self'], grads: ['0 (every value overwritten)'] },
  FillBackward3: { inputs: ['self'], grads: ['0 (every value overwritten)'] },
  ZeroBackward0: { inputs: ['self'], grads: ['0 (every value overwritten)'] },
  'torch::autograd::CopyBackwards': { inputs: ['self', 'src'], grads: ['0 (every value overwritten)', 'grad, in src’s dtype, summed to src’s shape'] },
});
