import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Tensor } from '../tensor';
import torch from '../index';
const { gradcheck } = torch.autograd;
import type { Node } from '../autograd/node';
import type { TensorOrScalar } from './util';
import { leafOf } from '../testing/op_db';
import reference from './elementwise_reference.json';

const REFERENCE: Record<string, { name: string; next: (string | null)[]; saved: Record<string, string> }> = reference;

// Every expected string and value below is PyTorch 1.13's own output, pasted as a literal.

const GRADCHECK = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 };

function nextNames(n: Node | null): (string | null)[] {
  return n ? n.next_functions.map(([f]) => (f ? f.name() : null)) : [];
}

/** A Node's `_saved_<key>` as PyTorch shows it: a tensor's shape as `T(2,)`, other values as Python prints them. */
function savedRepr(n: Node, key: string): string {
  const v = (n as unknown as Record<string, unknown>)[`_saved_${key}`];
  if (v instanceof Tensor) return `T(${v.shape.join(', ')}${v.shape.length === 1 ? ',' : ''})`;
  if (v === null) return 'None';
  return typeof v === 'string' ? `'${v}'` : String(v);
}

describe('Node names, next_functions and saved values match PyTorch', () => {
  const x = () => torch.tensor([1, 2], { requires_grad: true });
  const y = () => torch.tensor([3, 4], { requires_grad: true });
  const c = () => torch.tensor([3, 4]);
  // Each expression's grad_fn.name(), next_functions and _saved_* come from PyTorch itself:
  // engine/ops/gen_elementwise_reference.py writes elementwise_reference.json.
  const cases: [string, () => Tensor][] = [
    ['x + y', () => x().add(y())],
    ['x + 2', () => x().add(2)],
    ['torch.add(x, y, alpha=2)', () => torch.add(x(), y(), { alpha: 2 })],
    ['x - 2', () => x().sub(2)],
    ['2 - x', () => torch.sub(2, x())],
    ['torch.sub(x, y, alpha=2)', () => torch.sub(x(), y(), { alpha: 2 })],
    ['x * y', () => x().mul(y())],
    ['x * c', () => x().mul(c())],
    ['c * x', () => c().mul(x())],
    ['x * 2', () => x().mul(2)],
    ['2 * x', () => torch.mul(2, x())],
    ['x / y', () => x().div(y())],
    ['x / c', () => x().div(c())],
    ['c / x', () => c().div(x())],
    ['x / 2', () => x().div(2)],
    ['2 / x', () => torch.div(2, x())],
    ["torch.div(x, y, rounding_mode='trunc')", () => x().div(y(), { rounding_mode: 'trunc' })],
    ["torch.div(x, 2, rounding_mode='floor')", () => x().div(2, { rounding_mode: 'floor' })],
    ['x ** 2', () => x().pow(2)],
    ['x ** 2.5', () => x().pow(2.5)],
    ['x ** y', () => x().pow(y())],
    ['x ** c', () => x().pow(c())],
    ['2 ** x', () => torch.pow(2, x())],
    ['x.square()', () => x().square()],
    ['torch.maximum(x, y)', () => torch.maximum(x(), y())],
    ['torch.maximum(x, c)', () => torch.maximum(x(), c())],
    ['torch.minimum(x, y)', () => torch.minimum(x(), y())],
    ['torch.where(x > 1, x, y)', () => { const a = x(); return torch.where(a.gt(1), a, y()); }],
    ['torch.where(x > 1, x, 0.)', () => { const a = x(); return torch.where(a.gt(1), a, 0); }],
    ['x.clamp(0, 1)', () => x().clamp(0, 1)],
    ['x.clamp(min=0)', () => x().clamp(0)],
    ['x.clamp(max=1)', () => x().clamp(null, 1)],
    ['x.clamp(c, y)', () => x().clamp(c(), y())],
    ['x.clamp(min=c)', () => x().clamp(c())],
    ['-x', () => x().neg()],
    ['x.exp()', () => x().exp()],
    ['x.log()', () => x().log()],
    ['x.sqrt()', () => x().sqrt()],
    ['x.abs()', () => x().abs()],
    ['x.sin()', () => x().sin()],
    ['x.cos()', () => x().cos()],
    ['x.tan()', () => x().tan()],
    ['x.tanh()', () => x().tanh()],
    ['x.sigmoid()', () => x().sigmoid()],
    ['x.relu()', () => x().relu()],
    ['x.reciprocal()', () => x().reciprocal()],
    ['x.log2()', () => x().log2()],
    ['x.log1p()', () => x().log1p()],
    ['x.expm1()', () => x().expm1()],
    ['x.rsqrt()', () => x().rsqrt()],
    ['x.sign()', () => x().sign()],
    ['x.clone().fill_(2)', () => x().clone().fill_(2)],
    ['x.clone().fill_(torch.tensor(3.))', () => x().clone().fill_(torch.tensor(3))],
    ['x.clone().zero_()', () => x().clone().zero_()],
    ['c.clone().copy_(x)', () => c().clone().copy_(x())],
    ['x.clone().copy_(c)', () => x().clone().copy_(c())],
  ];
  it('covers every expression the reference holds', () => {
    expect(cases.map(([expr]) => expr).sort()).toEqual(Object.keys(REFERENCE).sort());
  });
  it.each(cases)('%s', (expr, make) => {
    const fn = make().grad_fn!;
    const expected = REFERENCE[expr];
    expect(fn.name()).toBe(expected.name);
    expect(nextNames(fn)).toEqual(expected.next);
    for (const [key, repr] of Object.entries(expected.saved)) expect(savedRepr(fn, key)).toBe(repr);
  });

  it('prints a saved wrapped number and `2 ** x`\'s base as PyTorch does', () => {
    const fn = torch.mul(torch.tensor([1, 2], { requires_grad: true }), 2).grad_fn as unknown as Record<string, Tensor>;
    expect(String(fn._saved_other)).toBe('tensor(2)');
    const p = torch.pow(2, torch.tensor([1, 2], { requires_grad: true })).grad_fn as unknown as Record<string, Tensor>;
    expect(String(p._saved_self)).toBe('tensor(2.)');
  });

  it('prints CopyBackwards without its C++ namespace', () => {
    expect(String(torch.zeros(2).copy_(torch.tensor([1, 2], { requires_grad: true })))).toBe('tensor([1., 2.], grad_fn=<CopyBackwards>)');
  });
});

/** The operands of the promotion table: dimensioned, 0-dim and Python-number (wrapped) ones. */
const OPERANDS: Record<string, () => TensorOrScalar> = {
  f32: () => torch.tensor([[1.5, -2, 3], [0.25, 4, -1]]),
  f64: () => torch.tensor([2, 0.5, -3], { dtype: 'float64' }),
  i64: () => torch.tensor([3n, -2n, 7n]),
  b: () => torch.tensor([true, false, true]),
  f32_0d: () => torch.tensor(2.5),
  f64_0d: () => torch.tensor(-1.5, { dtype: 'float64' }),
  i64_0d: () => torch.tensor(4n),
  b_0d: () => torch.tensor(true),
  int: () => 3,
  float: () => 2.5,
  true: () => true,
};

type AnyOp = (...args: TensorOrScalar[]) => Tensor;
const ops = torch as unknown as Record<string, AnyOp>;

/** A Python number as `torch.tensor(v)` makes it (the probe passed maximum's number that way). */
function tensorOf(v: TensorOrScalar): Tensor {
  if (v instanceof Tensor) return v;
  if (typeof v === 'boolean') return torch.tensor(v);
  return Number.isInteger(v) ? torch.tensor(BigInt(v)) : torch.tensor(v);
}

/** Runs one table entry `op(a,b)` the way the PyTorch probe ran it (`b - a` for rsub, and so on). */
function runCase(name: string): Tensor {
  const [, op, argList] = /^(\w+)\((.*)\)$/.exec(name)!;
  const args = argList.split(',');
  const t = OPERANDS[args[0]]() as Tensor;
  if (op === 'clamp') return torch.clamp(t, Number(args[1]), args[2] === 'None' ? null : Number(args[2]));
  const b = args[1] === undefined ? undefined : OPERANDS[args[1]]();
  switch (op) {
    case 'div_trunc': return torch.div(t, b!, { rounding_mode: 'trunc' });
    case 'div_floor': return torch.div(t, b!, { rounding_mode: 'floor' });
    case 'where': return torch.where(t.dtype === 'bool' ? t : t.gt(0), t, b!);
    case 'rsub': return torch.sub(b!, t);
    case 'rpow': return torch.pow(b!, t);
    case 'rdiv': return torch.div(b!, t);
    case 'maximum': return torch.maximum(t, tensorOf(b!));
    default: return b === undefined ? ops[op](t) : ops[op](t, b);
  }
}

describe('dtype promotion, values and reprs match PyTorch', () => {
  it.each(PROMOTION_CASES)('%s', (name, expected) => {
    if (expected.startsWith('!')) expect(() => runCase(name)).toThrow(expected.slice(1));
    else expect(String(runCase(name))).toBe(expected);
  });
});

describe('float32 results round as PyTorch\'s CPU kernels round them', () => {
  // Inputs chosen where exp computed in double and rounded once differs from PyTorch's Sleef expf.
  const X = [-7.3593902587890625, -0.8874406814575195, -9.336947441101074, 8.702072143554688, 1.9901456832885742, 0.9199247360229492, 4.0, 0.5];
  const x = () => torch.tensor(X);
  const cases: [string, () => Tensor, number[]][] = [
    ['x.exp()', () => x().exp(), [0.0006365864537656307, 0.41170811653137207, 8.810797589831054e-5, 6015.3642578125, 7.3165998458862305, 2.509101390838623, 54.59815216064453, 1.6487212181091309]],
    ['x.sigmoid()', () => x().sigmoid(), [0.0006361815030686557, 0.2916382849216461, 8.810021245153621e-5, 0.9998337030410767, 0.8797585964202881, 0.7150267362594604, 0.9820137619972229, 0.622459352016449]],
    ['x.abs().rsqrt()', () => x().abs().rsqrt(), [0.3686201572418213, 1.0615252256393433, 0.3272634744644165, 0.3389913737773895, 0.7088552713394165, 1.0426146984100342, 0.5, 1.4142135381698608]],
    ['x + 0.1', () => x().add(0.1), [-7.259390354156494, -0.7874406576156616, -9.236947059631348, 8.802072525024414, 2.0901455879211426, 1.0199247598648071, 4.099999904632568, 0.6000000238418579]],
    ['x * 0.1', () => x().mul(0.1), [-0.7359390258789062, -0.08874406665563583, -0.9336947798728943, 0.8702072501182556, 0.1990145742893219, 0.09199247509241104, 0.4000000059604645, 0.05000000074505806]],
    ['x / 0.3', () => x().div(0.3), [-24.531299591064453, -2.9581356048583984, -31.123157501220703, 29.006906509399414, 6.633818626403809, 3.066415548324585, 13.333333015441895, 1.6666666269302368]],
    ['x ** 3', () => x().pow(3), [-398.58917236328125, -0.698904812335968, -813.9818725585938, 658.9736328125, 7.882329940795898, 0.7784968614578247, 64.0, 0.125]],
    ['torch.add(x, x.flip(0), alpha=0.3)', () => torch.add(x(), torch.tensor([...X].reverse()), { alpha: 0.3 }), [-7.209390163421631, 0.3125593662261963, -9.060970306396484, 9.299116134643555, 4.600767612457275, -1.8811596632003784, 3.7337677478790283, -1.7078171968460083]],
  ];
  it.each(cases)('%s', (_name, make, expected) => {
    expect(make().tolist()).toEqual(expected);
  });

  it('compares float32 against a Python float as float32 (0.1 is float32\'s 0.1)', () => {
    const x = torch.tensor([0.1]);
    expect(x.gt(0.1).tolist()).toEqual([false]);
    expect(x.eq(0.1).tolist()).toEqual([true]);
  });
});

// ---- gradcheck (the per-op property checks read engine/testing/op_db.ts) ------------------------------

describe('gradcheck through non-leaf views', () => {
  it('ops on expanded and transposed non-leaf views', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 ** 30 }), (n, m, seed) => {
        const row = leafOf([1, m], seed, 'real');
        const mat = leafOf([m, n], seed + 1, 'nonzero');
        return gradcheck((r, q) => r.expand(n, m).mul(q.t()).add(q.t().exp()).div(q.t()), [row, mat], GRADCHECK);
      }),
      { numRuns: 10 },
    );
  });
});

// ---- in-place ops and version counters ------------------------------------------------------------

const LEAF_INPLACE = 'a leaf Variable that requires grad is being used in an in-place operation.';
const HINT = 'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).';

describe('in-place ops', () => {
  it('fill_ with a 0-dim tensor value sends the value the sum of the gradient (FillBackward3)', () => {
    // PyTorch: x.grad tensor([0., 0.]), v.grad tensor(7.)
    const x = torch.tensor([1, 2], { requires_grad: true });
    const v = torch.tensor(3, { requires_grad: true });
    x.clone().fill_(v).backward(torch.tensor([2, 5]));
    expect(String(x.grad)).toBe('tensor([0., 0.])');
    expect(String(v.grad)).toBe('tensor(7.)');
  });

  it.each<[string, (t: Tensor) => Tensor]>([
    ['add_', (t) => t.add_(1)],
    ['sub_', (t) => t.sub_(1)],
    ['mul_', (t) => t.mul_(2)],
    ['div_', (t) => t.div_(2)],
    ['clamp_', (t) => t.clamp_(0, 1)],
    ['zero_', (t) => t.zero_()],
    ['fill_', (t) => t.fill_(1)],
    ['copy_', (t) => t.copy_(torch.zeros(2))],
  ])('%s on a leaf that requires grad raises PyTorch\'s error', (_name, op) => {
    expect(() => op(torch.ones(2, { requires_grad: true }))).toThrow(LEAF_INPLACE);
  });

  it('refuses an in-place op on a view of such a leaf', () => {
    const a = torch.ones(2, { requires_grad: true });
    expect(() => a.view(2).add_(1)).toThrow('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  });

  it('reports a saved output modified in place, to the character', () => {
    let x = torch.tensor([1, 2], { requires_grad: true });
    let y = x.exp();
    y.add_(1);
    expect(() => y.sum().backward()).toThrow(
      `one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. ${HINT}`,
    );
    x = torch.tensor([1, 2], { requires_grad: true, dtype: 'float64' });
    y = x.exp();
    const z = y.mul(1);
    y.add_(1);
    expect(() => z.sum().backward()).toThrow('[torch.DoubleTensor [2]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.');
    x = torch.tensor([1, 2], { requires_grad: true });
    y = x.sigmoid();
    const s = y.sum();
    y.zero_();
    expect(() => s.backward()).toThrow('[torch.FloatTensor [2]], which is output 0 of SigmoidBackward0, is at version 1; expected version 0 instead.');
  });

  it('reports a saved input modified in place under the name of its new grad_fn', () => {
    const x = torch.tensor([[1, 2], [3, 4]], { requires_grad: true });
    const w = x.mul(2);
    const y = w.log();
    w.add_(1);
    expect(() => y.sum().backward()).toThrow(
      `one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2, 2]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. ${HINT}`,
    );
  });

  it('lets an in-place change through when no saved tensor depends on it', () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const w = x.mul(2);
    const y = w.exp();
    w.add_(1);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([14.778112411499023, 109.19630432128906]);
  });

  it('rebases a non-leaf onto the in-place op\'s Node', () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    expect(y._version).toBe(0);
    y.add_(1);
    expect(String(y)).toBe('tensor([3., 5.], grad_fn=<AddBackward0>)');
    expect(y._version).toBe(1);
    expect(nextNames(y.grad_fn)).toEqual(['MulBackward0', null]);
    y.sum().backward();
    expect(String(x.grad)).toBe('tensor([2., 2.])');
  });

  it('updates a leaf under no_grad, as an optimizer step does', () => {
    const b = torch.tensor([1, 2], { requires_grad: true });
    b.mul(b).sum().backward();
    torch.no_grad(() => b.sub_(b.grad!.mul(0.1)));
    expect(String(b)).toBe('tensor([0.8000, 1.6000], requires_grad=True)');
    expect(b._version).toBe(1);
    expect(String(b.grad)).toBe('tensor([2., 4.])');
    expect(b.is_leaf).toBe(true);
    const x = torch.ones(2, { requires_grad: true });
    torch.no_grad(() => x.zero_());
    expect(String(x)).toBe('tensor([0., 0.], requires_grad=True)');
    expect(x._version).toBe(1);
  });

  it('counts versions as PyTorch\'s x._version, shared by views and detach() but not .data', () => {
    const t = torch.zeros(3);
    const seen = [t._version];
    t.add_(1);
    seen.push(t._version);
    t.mul_(2);
    t.sub_(1);
    t.div_(2);
    seen.push(t._version);
    t.clamp_(0, 1);
    seen.push(t._version);
    t.zero_();
    seen.push(t._version);
    t.fill_(3);
    seen.push(t._version);
    t.copy_(torch.ones(3));
    seen.push(t._version);
    expect(seen).toEqual([0, 1, 4, 5, 6, 7, 8]);
    const v = t.view(3);
    v.add_(1);
    expect([t._version, v._version]).toEqual([9, 9]);
    t.detach().add_(1);
    expect(t._version).toBe(10);
    const d = t.data;
    d.add_(1);
    expect([t._version, d._version]).toEqual([10, 1]);
  });

  it('records AddBackward0 / CopyBackwards when a plain tensor takes in a tensor that requires grad', () => {
    let x = torch.ones(2, { requires_grad: true });
    const y = torch.zeros(2);
    y.add_(x);
    expect(String(y)).toBe('tensor([1., 1.], grad_fn=<AddBackward0>)');
    expect(nextNames(y.grad_fn)).toEqual([null, 'torch::autograd::AccumulateGrad']);
    x = torch.ones(2, { requires_grad: true });
    const z = torch.zeros(2);
    z.copy_(x);
    expect(String(z)).toBe('tensor([1., 1.], grad_fn=<CopyBackwards>)');
    expect(z.is_leaf).toBe(false);
    z.sum().backward();
    expect(String(x.grad)).toBe('tensor([1., 1.])');
    const w = torch.ones(2, { requires_grad: true }).mul(1);
    w.copy_(torch.tensor([5, 6]));
    expect(String(w)).toBe('tensor([5., 6.], grad_fn=<CopyBackwards>)');
    expect(nextNames(w.grad_fn)).toEqual(['MulBackward0', null]);
  });

  it('refuses results that do not fit the tensor, with PyTorch\'s messages', () => {
    const t = torch.ones(2, { dtype: 'int64' });
    const cast = "result type Float can't be cast to the desired output type Long";
    expect(() => t.add_(0.5)).toThrow(cast);
    expect(() => t.div_(2)).toThrow(cast);
    expect(() => t.mul_(1.5)).toThrow(cast);
    const f = torch.ones(2);
    expect(() => f.add_(torch.ones(3))).toThrow('The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0');
    expect(() => f.add_(torch.ones(2, 2))).toThrow("output with shape [2] doesn't match the broadcast shape [2, 2]");
  });
});

describe('gradient values at special points match PyTorch', () => {
  it('clamp with tensor bounds gives min/max the gradient where they win', () => {
    const x = torch.tensor([0, 1, 2, 3], { dtype: 'float64', requires_grad: true });
    const mn = torch.tensor([0.5, 0.5, 2.5, 1], { dtype: 'float64', requires_grad: true });
    const mx = torch.tensor([2, 0.2, 2, 2], { dtype: 'float64', requires_grad: true });
    const y = torch.clamp(x, mn, mx);
    y.backward(torch.tensor([1, 2, 3, 4], { dtype: 'float64' }));
    expect(String(y)).toBe('tensor([0.5000, 0.2000, 2.0000, 2.0000], dtype=torch.float64,\n       grad_fn=<ClampBackward0>)');
    expect(x.grad!.tolist()).toEqual([0, 0, 0, 0]);
    expect(mn.grad!.tolist()).toEqual([1, 0, 0, 0]);
    expect(mx.grad!.tolist()).toEqual([0, 2, 3, 4]);
  });

  it('splits ties of maximum evenly; clamp, abs and relu at their kinks', () => {
    const a = torch.tensor([1, 2], { requires_grad: true });
    const b = torch.tensor([1, 3], { requires_grad: true });
    torch.maximum(a, b).sum().backward();
    expect(String(a.grad)).toBe('tensor([0.5000, 0.0000])');
    expect(String(b.grad)).toBe('tensor([0.5000, 1.0000])');
    const c = torch.tensor([0, 0.5, 1, 2, NaN], { requires_grad: true });
    c.clamp(0, 1).sum().backward();
    expect(String(c.grad)).toBe('tensor([1., 1., 1., 0., 0.])');
    const d = torch.tensor([-1, 0, 2], { requires_grad: true });
    d.abs().sum().backward();
    expect(String(d.grad)).toBe('tensor([-1.,  0.,  1.])');
    const r = torch.tensor([-1, 0, 2], { requires_grad: true });
    r.relu().sum().backward();
    expect(String(r.grad)).toBe('tensor([0., 0., 1.])');
  });

  it('pow at a zero base', () => {
    let a = torch.tensor([0, 1, 2], { requires_grad: true });
    let e = torch.tensor([0, 0, 2], { requires_grad: true });
    a.pow(e).sum().backward();
    expect(String(a.grad)).toBe('tensor([0., 0., 4.])');
    expect(String(e.grad)).toBe('tensor([0.0000, 0.0000, 2.7726])');
    a = torch.tensor([0, 1, 2], { requires_grad: true });
    a.pow(0.5).sum().backward();
    expect(String(a.grad)).toBe('tensor([   inf, 0.5000, 0.3536])');
    a = torch.tensor([0, 1, -2], { requires_grad: true });
    e = torch.tensor([-1, 0, 0.5], { requires_grad: true });
    a.pow(e).sum().backward();
    expect(String(a.grad)).toBe('tensor([-inf, 0., nan])');
    expect(String(e.grad)).toBe('tensor([-inf, 0., nan])');
  });
});

const PROMOTION_CASES: [string, string][] = [
  ["add(f32,f32)", "tensor([[ 3.0000, -4.0000,  6.0000],\n        [ 0.5000,  8.0000, -2.0000]])"],
  ["add(f32,f64)", "tensor([[ 3.5000, -1.5000,  0.0000],\n        [ 2.2500,  4.5000, -4.0000]], dtype=torch.float64)"],
  ["add(f32,i64)", "tensor([[ 4.5000, -4.0000, 10.0000],\n        [ 3.2500,  2.0000,  6.0000]])"],
  ["add(f32,b)", "tensor([[ 2.5000, -2.0000,  4.0000],\n        [ 1.2500,  4.0000,  0.0000]])"],
  ["add(f32,f32_0d)", "tensor([[4.0000, 0.5000, 5.5000],\n        [2.7500, 6.5000, 1.5000]])"],
  ["add(f32,f64_0d)", "tensor([[ 0.0000, -3.5000,  1.5000],\n        [-1.2500,  2.5000, -2.5000]])"],
  ["add(f32,i64_0d)", "tensor([[5.5000, 2.0000, 7.0000],\n        [4.2500, 8.0000, 3.0000]])"],
  ["add(f32,b_0d)", "tensor([[ 2.5000, -1.0000,  4.0000],\n        [ 1.2500,  5.0000,  0.0000]])"],
  ["add(f32,int)", "tensor([[4.5000, 1.0000, 6.0000],\n        [3.2500, 7.0000, 2.0000]])"],
  ["add(f32,float)", "tensor([[4.0000, 0.5000, 5.5000],\n        [2.7500, 6.5000, 1.5000]])"],
  ["add(f32,true)", "tensor([[ 2.5000, -1.0000,  4.0000],\n        [ 1.2500,  5.0000,  0.0000]])"],
  ["add(i64,f32)", "tensor([[ 4.5000, -4.0000, 10.0000],\n        [ 3.2500,  2.0000,  6.0000]])"],
  ["add(i64,f64)", "tensor([ 5.0000, -1.5000,  4.0000], dtype=torch.float64)"],
  ["add(i64,i64)", "tensor([ 6, -4, 14])"],
  ["add(i64,b)", "tensor([ 4, -2,  8])"],
  ["add(i64,f32_0d)", "tensor([5.5000, 0.5000, 9.5000])"],
  ["add(i64,f64_0d)", "tensor([ 1.5000, -3.5000,  5.5000], dtype=torch.float64)"],
  ["add(i64,i64_0d)", "tensor([ 7,  2, 11])"],
  ["add(i64,b_0d)", "tensor([ 4, -1,  8])"],
  ["add(i64,int)", "tensor([ 6,  1, 10])"],
  ["add(i64,float)", "tensor([5.5000, 0.5000, 9.5000])"],
  ["add(i64,true)", "tensor([ 4, -1,  8])"],
  ["add(b,f32)", "tensor([[ 2.5000, -2.0000,  4.0000],\n        [ 1.2500,  4.0000,  0.0000]])"],
  ["add(b,f64)", "tensor([ 3.0000,  0.5000, -2.0000], dtype=torch.float64)"],
  ["add(b,i64)", "tensor([ 4, -2,  8])"],
  ["add(b,b)", "tensor([ True, False,  True])"],
  ["add(b,f32_0d)", "tensor([3.5000, 2.5000, 3.5000])"],
  ["add(b,f64_0d)", "tensor([-0.5000, -1.5000, -0.5000], dtype=torch.float64)"],
  ["add(b,i64_0d)", "tensor([5, 4, 5])"],
  ["add(b,b_0d)", "tensor([True, True, True])"],
  ["add(b,int)", "tensor([4, 3, 4])"],
  ["add(b,float)", "tensor([3.5000, 2.5000, 3.5000])"],
  ["add(b,true)", "tensor([True, True, True])"],
  ["add(f32_0d,f32)", "tensor([[4.0000, 0.5000, 5.5000],\n        [2.7500, 6.5000, 1.5000]])"],
  ["add(f32_0d,f64)", "tensor([ 4.5000,  3.0000, -0.5000], dtype=torch.float64)"],
  ["add(f32_0d,i64)", "tensor([5.5000, 0.5000, 9.5000])"],
  ["add(f32_0d,b)", "tensor([3.5000, 2.5000, 3.5000])"],
  ["add(f32_0d,f32_0d)", "tensor(5.)"],
  ["add(f32_0d,f64_0d)", "tensor(1., dtype=torch.float64)"],
  ["add(f32_0d,i64_0d)", "tensor(6.5000)"],
  ["add(f32_0d,b_0d)", "tensor(3.5000)"],
  ["add(f32_0d,int)", "tensor(5.5000)"],
  ["add(f32_0d,float)", "tensor(5.)"],
  ["add(f32_0d,true)", "tensor(3.5000)"],
  ["add(i64_0d,f32)", "tensor([[5.5000, 2.0000, 7.0000],\n        [4.2500, 8.0000, 3.0000]])"],
  ["add(i64_0d,f64)", "tensor([6.0000, 4.5000, 1.0000], dtype=torch.float64)"],
  ["add(i64_0d,i64)", "tensor([ 7,  2, 11])"],
  ["add(i64_0d,b)", "tensor([5, 4, 5])"],
  ["add(i64_0d,f32_0d)", "tensor(6.5000)"],
  ["add(i64_0d,f64_0d)", "tensor(2.5000, dtype=torch.float64)"],
  ["add(i64_0d,i64_0d)", "tensor(8)"],
  ["add(i64_0d,b_0d)", "tensor(5)"],
  ["add(i64_0d,int)", "tensor(7)"],
  ["add(i64_0d,float)", "tensor(6.5000)"],
  ["add(i64_0d,true)", "tensor(5)"],
  ["sub(f32,b)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(f32,b_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(f32,true)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(i64,f32)", "tensor([[ 1.5000,  0.0000,  4.0000],\n        [ 2.7500, -6.0000,  8.0000]])"],
  ["sub(i64,f64)", "tensor([ 1.0000, -2.5000, 10.0000], dtype=torch.float64)"],
  ["sub(i64,i64)", "tensor([0, 0, 0])"],
  ["sub(i64,b)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(i64,f32_0d)", "tensor([ 0.5000, -4.5000,  4.5000])"],
  ["sub(i64,f64_0d)", "tensor([ 4.5000, -0.5000,  8.5000], dtype=torch.float64)"],
  ["sub(i64,i64_0d)", "tensor([-1, -6,  3])"],
  ["sub(i64,b_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(i64,int)", "tensor([ 0, -5,  4])"],
  ["sub(i64,float)", "tensor([ 0.5000, -4.5000,  4.5000])"],
  ["sub(i64,true)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,f32)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,f64)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,i64)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,b)", "!Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."],
  ["sub(b,f32_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,f64_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,i64_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,b_0d)", "!Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."],
  ["sub(b,int)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,float)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b,true)", "!Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."],
  ["sub(b_0d,f32)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,f64)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,i64)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,b)", "!Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."],
  ["sub(b_0d,f32_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,f64_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,i64_0d)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,b_0d)", "!Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."],
  ["sub(b_0d,int)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,float)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["sub(b_0d,true)", "!Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."],
  ["mul(i64,f32)", "tensor([[ 4.5000,  4.0000, 21.0000],\n        [ 0.7500, -8.0000, -7.0000]])"],
  ["mul(i64,f64)", "tensor([  6.,  -1., -21.], dtype=torch.float64)"],
  ["mul(i64,i64)", "tensor([ 9,  4, 49])"],
  ["mul(i64,b)", "tensor([3, 0, 7])"],
  ["mul(i64,f32_0d)", "tensor([ 7.5000, -5.0000, 17.5000])"],
  ["mul(i64,f64_0d)", "tensor([ -4.5000,   3.0000, -10.5000], dtype=torch.float64)"],
  ["mul(i64,i64_0d)", "tensor([12, -8, 28])"],
  ["mul(i64,b_0d)", "tensor([ 3, -2,  7])"],
  ["mul(i64,int)", "tensor([ 9, -6, 21])"],
  ["mul(i64,float)", "tensor([ 7.5000, -5.0000, 17.5000])"],
  ["mul(i64,true)", "tensor([ 3, -2,  7])"],
  ["mul(b,f32)", "tensor([[ 1.5000, -0.0000,  3.0000],\n        [ 0.2500,  0.0000, -1.0000]])"],
  ["mul(b,f64)", "tensor([ 2.,  0., -3.], dtype=torch.float64)"],
  ["mul(b,i64)", "tensor([3, 0, 7])"],
  ["mul(b,b)", "tensor([ True, False,  True])"],
  ["mul(b,f32_0d)", "tensor([2.5000, 0.0000, 2.5000])"],
  ["mul(b,f64_0d)", "tensor([-1.5000, -0.0000, -1.5000], dtype=torch.float64)"],
  ["mul(b,i64_0d)", "tensor([4, 0, 4])"],
  ["mul(b,b_0d)", "tensor([ True, False,  True])"],
  ["mul(b,int)", "tensor([3, 0, 3])"],
  ["mul(b,float)", "tensor([2.5000, 0.0000, 2.5000])"],
  ["mul(b,true)", "tensor([ True, False,  True])"],
  ["div(f32,f32)", "tensor([[1., 1., 1.],\n        [1., 1., 1.]])"],
  ["div(f32,f64)", "tensor([[ 0.7500, -4.0000, -1.0000],\n        [ 0.1250,  8.0000,  0.3333]], dtype=torch.float64)"],
  ["div(f32,i64)", "tensor([[ 0.5000,  1.0000,  0.4286],\n        [ 0.0833, -2.0000, -0.1429]])"],
  ["div(f32,b)", "tensor([[ 1.5000,    -inf,  3.0000],\n        [ 0.2500,     inf, -1.0000]])"],
  ["div(f32,f32_0d)", "tensor([[ 0.6000, -0.8000,  1.2000],\n        [ 0.1000,  1.6000, -0.4000]])"],
  ["div(f32,f64_0d)", "tensor([[-1.0000,  1.3333, -2.0000],\n        [-0.1667, -2.6667,  0.6667]])"],
  ["div(f32,i64_0d)", "tensor([[ 0.3750, -0.5000,  0.7500],\n        [ 0.0625,  1.0000, -0.2500]])"],
  ["div(f32,b_0d)", "tensor([[ 1.5000, -2.0000,  3.0000],\n        [ 0.2500,  4.0000, -1.0000]])"],
  ["div(f32,int)", "tensor([[ 0.5000, -0.6667,  1.0000],\n        [ 0.0833,  1.3333, -0.3333]])"],
  ["div(f32,float)", "tensor([[ 0.6000, -0.8000,  1.2000],\n        [ 0.1000,  1.6000, -0.4000]])"],
  ["div(f32,true)", "tensor([[ 1.5000, -2.0000,  3.0000],\n        [ 0.2500,  4.0000, -1.0000]])"],
  ["div(i64,f32)", "tensor([[ 2.0000,  1.0000,  2.3333],\n        [12.0000, -0.5000, -7.0000]])"],
  ["div(i64,f64)", "tensor([ 1.5000, -4.0000, -2.3333], dtype=torch.float64)"],
  ["div(i64,i64)", "tensor([1., 1., 1.])"],
  ["div(i64,b)", "tensor([3., -inf, 7.])"],
  ["div(i64,f32_0d)", "tensor([ 1.2000, -0.8000,  2.8000])"],
  ["div(i64,f64_0d)", "tensor([-2.0000,  1.3333, -4.6667], dtype=torch.float64)"],
  ["div(i64,i64_0d)", "tensor([ 0.7500, -0.5000,  1.7500])"],
  ["div(i64,b_0d)", "tensor([ 3., -2.,  7.])"],
  ["div(i64,int)", "tensor([ 1.0000, -0.6667,  2.3333])"],
  ["div(i64,float)", "tensor([ 1.2000, -0.8000,  2.8000])"],
  ["div(i64,true)", "tensor([ 3., -2.,  7.])"],
  ["div(b,f32)", "tensor([[ 0.6667, -0.0000,  0.3333],\n        [ 4.0000,  0.0000, -1.0000]])"],
  ["div(b,f64)", "tensor([ 0.5000,  0.0000, -0.3333], dtype=torch.float64)"],
  ["div(b,i64)", "tensor([0.3333, -0.0000, 0.1429])"],
  ["div(b,b)", "tensor([1., nan, 1.])"],
  ["div(b,f32_0d)", "tensor([0.4000, 0.0000, 0.4000])"],
  ["div(b,f64_0d)", "tensor([-0.6667, -0.0000, -0.6667], dtype=torch.float64)"],
  ["div(b,i64_0d)", "tensor([0.2500, 0.0000, 0.2500])"],
  ["div(b,b_0d)", "tensor([1., 0., 1.])"],
  ["div(b,int)", "tensor([0.3333, 0.0000, 0.3333])"],
  ["div(b,float)", "tensor([0.4000, 0.0000, 0.4000])"],
  ["div(b,true)", "tensor([1., 0., 1.])"],
  ["div(f32_0d,f32)", "tensor([[ 1.6667, -1.2500,  0.8333],\n        [10.0000,  0.6250, -2.5000]])"],
  ["div(f32_0d,f64)", "tensor([ 1.2500,  5.0000, -0.8333], dtype=torch.float64)"],
  ["div(f32_0d,i64)", "tensor([ 0.8333, -1.2500,  0.3571])"],
  ["div(f32_0d,b)", "tensor([2.5000,    inf, 2.5000])"],
  ["div(f32_0d,f32_0d)", "tensor(1.)"],
  ["div(f32_0d,f64_0d)", "tensor(-1.6667, dtype=torch.float64)"],
  ["div(f32_0d,i64_0d)", "tensor(0.6250)"],
  ["div(f32_0d,b_0d)", "tensor(2.5000)"],
  ["div(f32_0d,int)", "tensor(0.8333)"],
  ["div(f32_0d,float)", "tensor(1.)"],
  ["div(f32_0d,true)", "tensor(2.5000)"],
  ["div(i64_0d,f32)", "tensor([[ 2.6667, -2.0000,  1.3333],\n        [16.0000,  1.0000, -4.0000]])"],
  ["div(i64_0d,f64)", "tensor([ 2.0000,  8.0000, -1.3333], dtype=torch.float64)"],
  ["div(i64_0d,i64)", "tensor([ 1.3333, -2.0000,  0.5714])"],
  ["div(i64_0d,b)", "tensor([4., inf, 4.])"],
  ["div(i64_0d,f32_0d)", "tensor(1.6000)"],
  ["div(i64_0d,f64_0d)", "tensor(-2.6667, dtype=torch.float64)"],
  ["div(i64_0d,i64_0d)", "tensor(1.)"],
  ["div(i64_0d,b_0d)", "tensor(4.)"],
  ["div(i64_0d,int)", "tensor(1.3333)"],
  ["div(i64_0d,float)", "tensor(1.6000)"],
  ["div(i64_0d,true)", "tensor(4.)"],
  ["pow(f32,f32)", "tensor([[ 1.8371e+00,  2.5000e-01,  2.7000e+01],\n        [ 7.0711e-01,  2.5600e+02, -1.0000e+00]])"],
  ["pow(f32,f64)", "tensor([[ 2.2500,     nan,  0.0370],\n        [ 0.0625,  2.0000, -1.0000]], dtype=torch.float64)"],
  ["pow(f32,i64)", "tensor([[ 3.3750e+00,  2.5000e-01,  2.1870e+03],\n        [ 1.5625e-02,  6.2500e-02, -1.0000e+00]])"],
  ["pow(f32,b)", "tensor([[ 1.5000,  1.0000,  3.0000],\n        [ 0.2500,  1.0000, -1.0000]])"],
  ["pow(f32,f32_0d)", "tensor([[2.7557e+00,        nan, 1.5588e+01],\n        [3.1250e-02, 3.2000e+01,        nan]])"],
  ["pow(f32,f64_0d)", "tensor([[0.5443,    nan, 0.1925],\n        [8.0000, 0.1250,    nan]])"],
  ["pow(f32,i64_0d)", "tensor([[5.0625e+00, 1.6000e+01, 8.1000e+01],\n        [3.9062e-03, 2.5600e+02, 1.0000e+00]])"],
  ["pow(f32,b_0d)", "tensor([[ 1.5000, -2.0000,  3.0000],\n        [ 0.2500,  4.0000, -1.0000]])"],
  ["pow(f32,int)", "tensor([[ 3.3750e+00, -8.0000e+00,  2.7000e+01],\n        [ 1.5625e-02,  6.4000e+01, -1.0000e+00]])"],
  ["pow(f32,float)", "tensor([[2.7557e+00,        nan, 1.5588e+01],\n        [3.1250e-02, 3.2000e+01,        nan]])"],
  ["pow(f32,true)", "tensor([[ 1.5000, -2.0000,  3.0000],\n        [ 0.2500,  4.0000, -1.0000]])"],
  ["pow(i64,f32)", "tensor([[5.1962e+00, 2.5000e-01, 3.4300e+02],\n        [1.3161e+00, 1.6000e+01, 1.4286e-01]])"],
  ["pow(i64,f64)", "tensor([9.0000e+00,        nan, 2.9155e-03], dtype=torch.float64)"],
  ["pow(i64,i64)", "tensor([    27,      0, 823543])"],
  ["pow(i64,b)", "tensor([3, 1, 7])"],
  ["pow(i64,f32_0d)", "tensor([ 15.5885,      nan, 129.6418])"],
  ["pow(i64,f64_0d)", "tensor([0.1925,    nan, 0.0540], dtype=torch.float64)"],
  ["pow(i64,i64_0d)", "tensor([  81,   16, 2401])"],
  ["pow(i64,b_0d)", "tensor([ 3, -2,  7])"],
  ["pow(i64,int)", "tensor([ 27,  -8, 343])"],
  ["pow(i64,float)", "tensor([ 15.5885,      nan, 129.6418])"],
  ["pow(i64,true)", "tensor([ 3, -2,  7])"],
  ["pow(b,f32)", "tensor([[1., inf, 1.],\n        [1., 0., 1.]])"],
  ["pow(b,f64)", "tensor([1., 0., 1.], dtype=torch.float64)"],
  ["pow(b,i64)", "tensor([1, 0, 1])"],
  ["pow(b,b)", "!\"pow\" not implemented for 'Bool'"],
  ["pow(b,f32_0d)", "tensor([1., 0., 1.])"],
  ["pow(b,f64_0d)", "tensor([1., inf, 1.], dtype=torch.float64)"],
  ["pow(b,i64_0d)", "tensor([1, 0, 1])"],
  ["pow(b,b_0d)", "!\"pow\" not implemented for 'Bool'"],
  ["pow(b,int)", "tensor([1, 0, 1])"],
  ["pow(b,float)", "tensor([1., 0., 1.])"],
  ["pow(b,true)", "!\"pow\" not implemented for 'Bool'"],
  ["pow(f32_0d,f32)", "tensor([[ 3.9528,  0.1600, 15.6250],\n        [ 1.2574, 39.0625,  0.4000]])"],
  ["pow(f32_0d,f64)", "tensor([6.2500, 1.5811, 0.0640], dtype=torch.float64)"],
  ["pow(f32_0d,i64)", "tensor([1.5625e+01, 1.6000e-01, 6.1035e+02])"],
  ["pow(f32_0d,b)", "tensor([2.5000, 1.0000, 2.5000])"],
  ["pow(f32_0d,f32_0d)", "tensor(9.8821)"],
  ["pow(f32_0d,f64_0d)", "tensor(0.2530, dtype=torch.float64)"],
  ["pow(f32_0d,i64_0d)", "tensor(39.0625)"],
  ["pow(f32_0d,b_0d)", "tensor(2.5000)"],
  ["pow(f32_0d,int)", "tensor(15.6250)"],
  ["pow(f32_0d,float)", "tensor(9.8821)"],
  ["pow(f32_0d,true)", "tensor(2.5000)"],
  ["pow(i64_0d,f32)", "tensor([[8.0000e+00, 6.2500e-02, 6.4000e+01],\n        [1.4142e+00, 2.5600e+02, 2.5000e-01]])"],
  ["pow(i64_0d,f64)", "tensor([1.6000e+01, 2.0000e+00, 1.5625e-02], dtype=torch.float64)"],
  ["pow(i64_0d,i64)", "tensor([   64,     0, 16384])"],
  ["pow(i64_0d,b)", "tensor([4, 1, 4])"],
  ["pow(i64_0d,f32_0d)", "tensor(32.)"],
  ["pow(i64_0d,f64_0d)", "tensor(0.1250, dtype=torch.float64)"],
  ["pow(i64_0d,i64_0d)", "tensor(256)"],
  ["pow(i64_0d,b_0d)", "tensor(4)"],
  ["pow(i64_0d,int)", "tensor(64)"],
  ["pow(i64_0d,float)", "tensor(32.)"],
  ["pow(i64_0d,true)", "tensor(4)"],
  ["maximum(f32,f32)", "tensor([[ 1.5000, -2.0000,  3.0000],\n        [ 0.2500,  4.0000, -1.0000]])"],
  ["maximum(f32,f64)", "tensor([[ 2.0000,  0.5000,  3.0000],\n        [ 2.0000,  4.0000, -1.0000]], dtype=torch.float64)"],
  ["maximum(f32,i64)", "tensor([[ 3., -2.,  7.],\n        [ 3.,  4.,  7.]])"],
  ["maximum(f32,b)", "tensor([[1.5000, 0.0000, 3.0000],\n        [1.0000, 4.0000, 1.0000]])"],
  ["maximum(f32,f32_0d)", "tensor([[2.5000, 2.5000, 3.0000],\n        [2.5000, 4.0000, 2.5000]])"],
  ["maximum(f32,f64_0d)", "tensor([[ 1.5000, -1.5000,  3.0000],\n        [ 0.2500,  4.0000, -1.0000]])"],
  ["maximum(f32,i64_0d)", "tensor([[4., 4., 4.],\n        [4., 4., 4.]])"],
  ["maximum(f32,b_0d)", "tensor([[1.5000, 1.0000, 3.0000],\n        [1.0000, 4.0000, 1.0000]])"],
  ["maximum(f32,int)", "tensor([[3., 3., 3.],\n        [3., 4., 3.]])"],
  ["maximum(f32,float)", "tensor([[2.5000, 2.5000, 3.0000],\n        [2.5000, 4.0000, 2.5000]])"],
  ["maximum(f32,true)", "tensor([[1.5000, 1.0000, 3.0000],\n        [1.0000, 4.0000, 1.0000]])"],
  ["maximum(i64,f32)", "tensor([[ 3., -2.,  7.],\n        [ 3.,  4.,  7.]])"],
  ["maximum(i64,f64)", "tensor([3.0000, 0.5000, 7.0000], dtype=torch.float64)"],
  ["maximum(i64,i64)", "tensor([ 3, -2,  7])"],
  ["maximum(i64,b)", "tensor([3, 0, 7])"],
  ["maximum(i64,f32_0d)", "tensor([3.0000, 2.5000, 7.0000])"],
  ["maximum(i64,f64_0d)", "tensor([ 3.0000, -1.5000,  7.0000], dtype=torch.float64)"],
  ["maximum(i64,i64_0d)", "tensor([4, 4, 7])"],
  ["maximum(i64,b_0d)", "tensor([3, 1, 7])"],
  ["maximum(i64,int)", "tensor([3, 3, 7])"],
  ["maximum(i64,float)", "tensor([3.0000, 2.5000, 7.0000])"],
  ["maximum(i64,true)", "tensor([3, 1, 7])"],
  ["gt(f32,f32)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["gt(f32,f64)", "tensor([[False, False,  True],\n        [False,  True,  True]])"],
  ["gt(f32,i64)", "tensor([[False, False, False],\n        [False,  True, False]])"],
  ["gt(f32,b)", "tensor([[ True, False,  True],\n        [False,  True, False]])"],
  ["gt(f32,f32_0d)", "tensor([[False, False,  True],\n        [False,  True, False]])"],
  ["gt(f32,f64_0d)", "tensor([[ True, False,  True],\n        [ True,  True,  True]])"],
  ["gt(f32,i64_0d)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["gt(f32,b_0d)", "tensor([[ True, False,  True],\n        [False,  True, False]])"],
  ["gt(f32,int)", "tensor([[False, False, False],\n        [False,  True, False]])"],
  ["gt(f32,float)", "tensor([[False, False,  True],\n        [False,  True, False]])"],
  ["gt(f32,true)", "tensor([[ True, False,  True],\n        [False,  True, False]])"],
  ["gt(i64,f32)", "tensor([[ True, False,  True],\n        [ True, False,  True]])"],
  ["gt(i64,f64)", "tensor([ True, False,  True])"],
  ["gt(i64,i64)", "tensor([False, False, False])"],
  ["gt(i64,b)", "tensor([ True, False,  True])"],
  ["gt(i64,f32_0d)", "tensor([ True, False,  True])"],
  ["gt(i64,f64_0d)", "tensor([ True, False,  True])"],
  ["gt(i64,i64_0d)", "tensor([False, False,  True])"],
  ["gt(i64,b_0d)", "tensor([ True, False,  True])"],
  ["gt(i64,int)", "tensor([False, False,  True])"],
  ["gt(i64,float)", "tensor([ True, False,  True])"],
  ["gt(i64,true)", "tensor([ True, False,  True])"],
  ["eq(f32,f32)", "tensor([[True, True, True],\n        [True, True, True]])"],
  ["eq(f32,f64)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["eq(f32,i64)", "tensor([[False,  True, False],\n        [False, False, False]])"],
  ["eq(f32,b)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["eq(f32,f32_0d)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["eq(f32,f64_0d)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["eq(f32,i64_0d)", "tensor([[False, False, False],\n        [False,  True, False]])"],
  ["eq(f32,b_0d)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["eq(f32,int)", "tensor([[False, False,  True],\n        [False, False, False]])"],
  ["eq(f32,float)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["eq(f32,true)", "tensor([[False, False, False],\n        [False, False, False]])"],
  ["eq(i64,f32)", "tensor([[False,  True, False],\n        [False, False, False]])"],
  ["eq(i64,f64)", "tensor([False, False, False])"],
  ["eq(i64,i64)", "tensor([True, True, True])"],
  ["eq(i64,b)", "tensor([False, False, False])"],
  ["eq(i64,f32_0d)", "tensor([False, False, False])"],
  ["eq(i64,f64_0d)", "tensor([False, False, False])"],
  ["eq(i64,i64_0d)", "tensor([False, False, False])"],
  ["eq(i64,b_0d)", "tensor([False, False, False])"],
  ["eq(i64,int)", "tensor([ True, False, False])"],
  ["eq(i64,float)", "tensor([False, False, False])"],
  ["eq(i64,true)", "tensor([False, False, False])"],
  ["logical_and(i64,f32)", "tensor([[True, True, True],\n        [True, True, True]])"],
  ["logical_and(i64,f64)", "tensor([True, True, True])"],
  ["logical_and(i64,i64)", "tensor([True, True, True])"],
  ["logical_and(i64,b)", "tensor([ True, False,  True])"],
  ["logical_and(i64,f32_0d)", "tensor([True, True, True])"],
  ["logical_and(i64,f64_0d)", "tensor([True, True, True])"],
  ["logical_and(i64,i64_0d)", "tensor([True, True, True])"],
  ["logical_and(i64,b_0d)", "tensor([True, True, True])"],
  ["logical_and(i64,int)", "!logical_and(): argument 'other' (position 2) must be Tensor, not int"],
  ["logical_and(i64,float)", "!logical_and(): argument 'other' (position 2) must be Tensor, not float"],
  ["logical_and(i64,true)", "!logical_and(): argument 'other' (position 2) must be Tensor, not bool"],
  ["neg(i64)", "tensor([-3,  2, -7])"],
  ["neg(b)", "!Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["neg(f32_0d)", "tensor(-2.5000)"],
  ["exp(i64)", "tensor([2.0086e+01, 1.3534e-01, 1.0966e+03])"],
  ["exp(b)", "tensor([2.7183, 1.0000, 2.7183])"],
  ["exp(f32_0d)", "tensor(12.1825)"],
  ["log(i64)", "tensor([1.0986,    nan, 1.9459])"],
  ["log(b)", "tensor([0., -inf, 0.])"],
  ["log(f32_0d)", "tensor(0.9163)"],
  ["sqrt(i64)", "tensor([1.7321,    nan, 2.6458])"],
  ["sqrt(b)", "tensor([1., 0., 1.])"],
  ["sqrt(f32_0d)", "tensor(1.5811)"],
  ["abs(i64)", "tensor([3, 2, 7])"],
  ["abs(b)", "!\"abs_cpu\" not implemented for 'Bool'"],
  ["abs(f32_0d)", "tensor(2.5000)"],
  ["sin(i64)", "tensor([ 0.1411, -0.9093,  0.6570])"],
  ["sin(b)", "tensor([0.8415, 0.0000, 0.8415])"],
  ["sin(f32_0d)", "tensor(0.5985)"],
  ["cos(i64)", "tensor([-0.9900, -0.4161,  0.7539])"],
  ["cos(b)", "tensor([0.5403, 1.0000, 0.5403])"],
  ["cos(f32_0d)", "tensor(-0.8011)"],
  ["tan(i64)", "tensor([-0.1425,  2.1850,  0.8714])"],
  ["tan(b)", "tensor([1.5574, 0.0000, 1.5574])"],
  ["tan(f32_0d)", "tensor(-0.7470)"],
  ["tanh(i64)", "tensor([ 0.9951, -0.9640,  1.0000])"],
  ["tanh(b)", "tensor([0.7616, 0.0000, 0.7616])"],
  ["tanh(f32_0d)", "tensor(0.9866)"],
  ["sigmoid(i64)", "tensor([0.9526, 0.1192, 0.9991])"],
  ["sigmoid(b)", "tensor([0.7311, 0.5000, 0.7311])"],
  ["sigmoid(f32_0d)", "tensor(0.9241)"],
  ["relu(i64)", "tensor([3, 0, 7])"],
  ["relu(b)", "!Boolean inputs not supported for relu"],
  ["relu(f32_0d)", "tensor(2.5000)"],
  ["reciprocal(i64)", "tensor([ 0.3333, -0.5000,  0.1429])"],
  ["reciprocal(b)", "tensor([1., inf, 1.])"],
  ["reciprocal(f32_0d)", "tensor(0.4000)"],
  ["log2(i64)", "tensor([1.5850,    nan, 2.8074])"],
  ["log2(b)", "tensor([0., -inf, 0.])"],
  ["log2(f32_0d)", "tensor(1.3219)"],
  ["log1p(i64)", "tensor([1.3863,    nan, 2.0794])"],
  ["log1p(b)", "tensor([0.6931, 0.0000, 0.6931])"],
  ["log1p(f32_0d)", "tensor(1.2528)"],
  ["expm1(i64)", "tensor([ 1.9086e+01, -8.6466e-01,  1.0956e+03])"],
  ["expm1(b)", "tensor([1.7183, 0.0000, 1.7183])"],
  ["expm1(f32_0d)", "tensor(11.1825)"],
  ["rsqrt(i64)", "tensor([0.5774,    nan, 0.3780])"],
  ["rsqrt(b)", "tensor([1., inf, 1.])"],
  ["rsqrt(f32_0d)", "tensor(0.6325)"],
  ["sign(i64)", "tensor([ 1, -1,  1])"],
  ["sign(b)", "tensor([ True, False,  True])"],
  ["sign(f32_0d)", "tensor(1.)"],
  ["square(i64)", "tensor([ 9,  4, 49])"],
  ["square(b)", "tensor([1, 0, 1])"],
  ["square(f32_0d)", "tensor(6.2500)"],
  ["logical_not(i64)", "tensor([False, False, False])"],
  ["logical_not(b)", "tensor([False,  True, False])"],
  ["logical_not(f32_0d)", "tensor(False)"],
  ["isnan(i64)", "tensor([False, False, False])"],
  ["isnan(b)", "tensor([False, False, False])"],
  ["isnan(f32_0d)", "tensor(False)"],
  ["clamp(f32,0,2)", "tensor([[1.5000, 0.0000, 2.0000],\n        [0.2500, 2.0000, 0.0000]])"],
  ["clamp(f32,-0.5,None)", "tensor([[ 1.5000, -0.5000,  3.0000],\n        [ 0.2500,  4.0000, -0.5000]])"],
  ["div_trunc(f32,i64)", "tensor([[ 0.,  1.,  0.],\n        [ 0., -2., -0.]])"],
  ["div_floor(f32,float)", "tensor([[ 0., -1.,  1.],\n        [ 0.,  1., -1.]])"],
  ["where(f32,float)", "tensor([[1.5000, 2.5000, 3.0000],\n        [0.2500, 4.0000, 2.5000]])"],
  ["where(f32,i64)", "tensor([[ 1.5000, -2.0000,  3.0000],\n        [ 0.2500,  4.0000,  7.0000]])"],
  ["rsub(f32,int)", "tensor([[ 1.5000,  5.0000,  0.0000],\n        [ 2.7500, -1.0000,  4.0000]])"],
  ["rpow(f32,int)", "tensor([[ 5.1962,  0.1111, 27.0000],\n        [ 1.3161, 81.0000,  0.3333]])"],
  ["rpow(f32,float)", "tensor([[ 3.9528,  0.1600, 15.6250],\n        [ 1.2574, 39.0625,  0.4000]])"],
  ["rdiv(f32,int)", "tensor([[ 2.0000, -1.5000,  1.0000],\n        [12.0000,  0.7500, -3.0000]])"],
  ["clamp(f64,0,2)", "tensor([2.0000, 0.5000, 0.0000], dtype=torch.float64)"],
  ["clamp(f64,-0.5,None)", "tensor([ 2.0000,  0.5000, -0.5000], dtype=torch.float64)"],
  ["div_trunc(f64,i64)", "tensor([0., -0., -0.], dtype=torch.float64)"],
  ["div_floor(f64,float)", "tensor([ 0.,  0., -2.], dtype=torch.float64)"],
  ["where(f64,float)", "tensor([2.0000, 0.5000, 2.5000], dtype=torch.float64)"],
  ["where(f64,i64)", "tensor([2.0000, 0.5000, 7.0000], dtype=torch.float64)"],
  ["rsub(f64,int)", "tensor([1.0000, 2.5000, 6.0000], dtype=torch.float64)"],
  ["rpow(f64,int)", "tensor([9.0000, 1.7321, 0.0370], dtype=torch.float64)"],
  ["rpow(f64,float)", "tensor([6.2500, 1.5811, 0.0640], dtype=torch.float64)"],
  ["rdiv(f64,int)", "tensor([ 1.5000,  6.0000, -1.0000], dtype=torch.float64)"],
  ["clamp(i64,0,2)", "tensor([2, 0, 2])"],
  ["clamp(i64,-0.5,None)", "tensor([ 3.0000, -0.5000,  7.0000])"],
  ["div_trunc(i64,i64)", "tensor([1, 1, 1])"],
  ["div_floor(i64,float)", "tensor([ 1., -1.,  2.])"],
  ["where(i64,float)", "tensor([3.0000, 2.5000, 7.0000])"],
  ["where(i64,i64)", "tensor([ 3, -2,  7])"],
  ["rsub(i64,int)", "tensor([ 0,  5, -4])"],
  ["rpow(i64,int)", "tensor([  27,    0, 2187])"],
  ["rpow(i64,float)", "tensor([1.5625e+01, 1.6000e-01, 6.1035e+02])"],
  ["rdiv(i64,int)", "tensor([ 1.0000, -1.5000,  0.4286])"],
  ["clamp(b,0,2)", "tensor([1, 0, 1])"],
  ["clamp(b,-0.5,None)", "tensor([1., 0., 1.])"],
  ["div_trunc(b,i64)", "tensor([0, 0, 0])"],
  ["div_floor(b,float)", "tensor([0., 0., 0.])"],
  ["where(b,float)", "tensor([1.0000, 2.5000, 1.0000])"],
  ["where(b,i64)", "tensor([ 1, -2,  1])"],
  ["rsub(b,int)", "!Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."],
  ["rpow(b,int)", "tensor([3, 1, 3])"],
  ["rpow(b,float)", "tensor([2.5000, 1.0000, 2.5000])"],
  ["rdiv(b,int)", "tensor([3., inf, 3.])"],
  ["clamp(f32_0d,0,2)", "tensor(2.)"],
  ["clamp(f32_0d,-0.5,None)", "tensor(2.5000)"],
  ["div_trunc(f32_0d,i64)", "tensor([ 0., -1.,  0.])"],
  ["div_floor(f32_0d,float)", "tensor(1.)"],
  ["where(f32_0d,float)", "tensor(2.5000)"],
  ["where(f32_0d,i64)", "tensor([2.5000, 2.5000, 2.5000])"],
  ["rsub(f32_0d,int)", "tensor(0.5000)"],
  ["rpow(f32_0d,int)", "tensor(15.5885)"],
  ["rpow(f32_0d,float)", "tensor(9.8821)"],
  ["rdiv(f32_0d,int)", "tensor(1.2000)"],
  ["clamp(i64_0d,0,2)", "tensor(2)"],
  ["clamp(i64_0d,-0.5,None)", "tensor(4.)"],
  ["div_trunc(i64_0d,i64)", "tensor([ 1, -2,  0])"],
  ["div_floor(i64_0d,float)", "tensor(1.)"],
  ["where(i64_0d,float)", "tensor(4.)"],
  ["where(i64_0d,i64)", "tensor([4, 4, 4])"],
  ["rsub(i64_0d,int)", "tensor(-1)"],
  ["rpow(i64_0d,int)", "tensor(81)"],
  ["rpow(i64_0d,float)", "tensor(39.0625)"],
  ["rdiv(i64_0d,int)", "tensor(0.7500)"],
];
