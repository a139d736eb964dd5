import { describe, it, expect } from 'vitest';
import torch, { Tensor } from '../index';
import type { OpNode } from '../autograd/function';
import { formatPyValue } from '../format';

// Every expected value, name and message below is PyTorch's own output, pasted as a literal (the
// Node tables as PyTorch 2.14 prints them: a negative saved int reads as 2^64 + value, as its getter
// gives it).

/** x = torch.tensor([[1., 5.], [3., 2.]], requires_grad=True) */
const X = [
  [1, 5],
  [3, 2],
];
const X_REPR = 'tensor([[1., 5.],\n        [3., 2.]], requires_grad=True)';
/** y = torch.tensor([[1.5, 2.25, 3.], [4., 0.5, -1.]], requires_grad=True) */
const Y = [
  [1.5, 2.25, 3],
  [4, 0.5, -1],
];

function leaf(data: number[] | number[][] = X): Tensor {
  return torch.tensor(data, { requires_grad: true });
}

/** The Node's saved values as PyTorch's `repr(getattr(fn, '_saved_...'))` shows them. */
function savedReprs(t: Tensor): Record<string, string> {
  const fn = t.grad_fn as OpNode;
  const attrs = fn as unknown as Record<string, unknown>;
  const keys = fn._saved_keys().map((k) => `_saved_${k}`).sort();
  return Object.fromEntries(keys.map((k) => [k, formatPyValue(attrs[k], 'repr')]));
}

function gradOf(data: number[] | number[][], f: (x: Tensor) => Tensor): string {
  const x = leaf(data);
  const y = f(x);
  y.backward(torch.ones_like(y));
  return String(x.grad);
}

describe('forward values (float32, printed as PyTorch prints them)', () => {
  const y = () => leaf(Y);
  const cases: [string, () => Tensor, string][] = [
    ['y.var()', () => y().var(), 'tensor(3.2104, grad_fn=<VarBackward0>)'],
    ['y.var(1)', () => y().var(1), 'tensor([0.5625, 6.5833], grad_fn=<VarBackward0>)'],
    ['y.var(1, unbiased=False, keepdim=True)', () => y().var(1, false, true), 'tensor([[0.3750],\n        [4.3889]], grad_fn=<VarBackward0>)'],
    ['y.std(0)', () => y().std(0), 'tensor([1.7678, 1.2374, 2.8284], grad_fn=<StdBackward0>)'],
    ['y.std()', () => y().std(), 'tensor(1.7918, grad_fn=<StdBackward0>)'],
    ['x.std([0, 1], correction=0)', () => leaf().std([0, 1], { correction: 0 }), 'tensor(1.4790, grad_fn=<StdBackward0>)'],
    ['y.prod()', () => y().prod(), 'tensor(-20.2500, grad_fn=<ProdBackward0>)'],
    ['y.prod(1)', () => y().prod(1), 'tensor([10.1250, -2.0000], grad_fn=<ProdBackward1>)'],
    ['y.logsumexp(1)', () => y().logsumexp(1), 'tensor([3.5280, 4.0363], grad_fn=<LogsumexpBackward0>)'],
    ['y.logsumexp([0, 1])', () => y().logsumexp([0, 1]), 'tensor(4.5072, grad_fn=<LogsumexpBackward0>)'],
    ['y.norm()', () => y().norm(), 'tensor(5.7933, grad_fn=<LinalgVectorNormBackward0>)'],
    ['y.norm(1)', () => y().norm(1), 'tensor(12.2500, grad_fn=<LinalgVectorNormBackward0>)'],
    ['y.norm(3, dim=0)', () => y().norm(3, 0), 'tensor([4.0691, 2.2582, 3.0366], grad_fn=<LinalgVectorNormBackward0>)'],
    ["y.norm(float('inf'), dim=1)", () => y().norm(Infinity, { dim: 1 }), 'tensor([3., 4.], grad_fn=<LinalgVectorNormBackward0>)'],
    ['x.norm(0)', () => leaf().norm(0), 'tensor(4., grad_fn=<LinalgVectorNormBackward0>)'],
    ['x.norm(-1)', () => leaf().norm(-1), 'tensor(0.4918, grad_fn=<LinalgVectorNormBackward0>)'],
    ['x.norm(0.5)', () => leaf().norm(0.5), 'tensor(40.7342, grad_fn=<LinalgVectorNormBackward0>)'],
    ["x.norm('fro', dim=[0, 1])", () => leaf().norm('fro', [0, 1]), 'tensor(6.2450, grad_fn=<LinalgVectorNormBackward0>)'],
    ['y.cumsum(1)', () => y().cumsum(1), 'tensor([[1.5000, 3.7500, 6.7500],\n        [4.0000, 4.5000, 3.5000]], grad_fn=<CumsumBackward0>)'],
    ['y.cumsum(0)', () => y().cumsum(0), 'tensor([[1.5000, 2.2500, 3.0000],\n        [5.5000, 2.7500, 2.0000]], grad_fn=<CumsumBackward0>)'],
    ['y.amax(0)', () => y().amax(0), 'tensor([4.0000, 2.2500, 3.0000], grad_fn=<AmaxBackward0>)'],
    ['y.amin(-1, keepdim=True)', () => y().amin(-1, true), 'tensor([[ 1.5000],\n        [-1.0000]], grad_fn=<AminBackward0>)'],
    ['y.max()', () => y().max(), 'tensor(4., grad_fn=<MaxBackward1>)'],
    ['y.min()', () => y().min(), 'tensor(-1., grad_fn=<MinBackward1>)'],
    ['y.argmax()', () => y().argmax(), 'tensor(3)'],
    ['y.argmin(1)', () => y().argmin(1), 'tensor([0, 2])'],
    ['x.argmin(1, keepdim=True)', () => leaf().argmin(1, true), 'tensor([[0],\n        [1]])'],
    ['x.argmax(keepdim=True)', () => leaf().argmax(null, { keepdim: true }), 'tensor([[1]])'],
    ['y.all()', () => y().all(), 'tensor(True)'],
    ['(y > 3).any(1)', () => y().gt(3).any(1), 'tensor([False,  True])'],
    ['(x > 2).all(1)', () => leaf().gt(2).all(1), 'tensor([False, False])'],
    ['x.all(1, keepdim=True)', () => leaf().all(1, true), 'tensor([[True],\n        [True]])'],
  ];
  for (const [label, f, expected] of cases) {
    it(label, () => expect(String(f())).toBe(expected));
  }
});

describe('integral, bool, empty and special inputs', () => {
  const i = () => torch.tensor([[1n, 5n], [3n, 2n]]);
  const e = () => torch.zeros(0, 3);
  const cases: [string, () => unknown, string][] = [
    ['i.prod()', () => i().prod(), 'tensor(30)'],
    ['i.prod(1)', () => i().prod(1), 'tensor([5, 6])'],
    ['(i > 2).prod()', () => i().gt(2).prod(), 'tensor(0)'],
    ['i.cumsum(1)', () => i().cumsum(1), 'tensor([[1, 6],\n        [3, 5]])'],
    ['(i > 2).cumsum(1)', () => i().gt(2).cumsum(1), 'tensor([[0, 1],\n        [1, 1]])'],
    ['torch.tensor([1, 2]).cumsum(0, dtype=torch.float32)', () => torch.tensor([1n, 2n]).cumsum(0, { dtype: 'float32' }), 'tensor([1., 3.])'],
    ['i.max()', () => i().max(), 'tensor(5)'],
    ['i.max(0)', () => i().max(0), 'torch.return_types.max(\nvalues=tensor([3, 5]),\nindices=tensor([1, 0]))'],
    ['(i > 2).max()', () => i().gt(2).max(), 'tensor(True)'],
    ['i.amax(0)', () => i().amax(0), 'tensor([3, 5])'],
    ['i.argmax()', () => i().argmax(), 'tensor(1)'],
    ['i.all()', () => i().all(), 'tensor(True)'],
    ['i.logsumexp(1)', () => i().logsumexp(1), 'tensor([5.0181, 3.3133])'],
    ['e.prod()', () => e().prod(), 'tensor(1.)'],
    ['e.prod(0)', () => e().prod(0), 'tensor([1., 1., 1.])'],
    ['e.var()', () => e().var(), 'tensor(nan)'],
    ['e.std(0)', () => e().std(0), 'tensor([nan, nan, nan])'],
    ['e.logsumexp(0)', () => e().logsumexp(0), 'tensor([-inf, -inf, -inf])'],
    ['e.logsumexp(1)', () => e().logsumexp(1), 'tensor([])'],
    ['e.norm()', () => e().norm(), 'tensor(0.)'],
    ["e.norm(float('inf'))", () => e().norm(Infinity), 'tensor(0.)'],
    ['e.all()', () => e().all(), 'tensor(True)'],
    ['e.any()', () => e().any(), 'tensor(False)'],
    ['e.cumsum(0)', () => e().cumsum(0), 'tensor([], size=(0, 3))'],
    ['e.max(1)', () => e().max(1), 'torch.return_types.max(\nvalues=tensor([]),\nindices=tensor([], dtype=torch.int64))'],
    ['e.argmax(1)', () => e().argmax(1), 'tensor([], dtype=torch.int64)'],
    ['e.amax(1)', () => e().amax(1), 'tensor([])'],
    ['torch.tensor([1.]).var()', () => torch.tensor([1]).var(), 'tensor(nan)'],
    ['torch.tensor([1.]).std()', () => torch.tensor([1]).std(), 'tensor(nan)'],
    ['torch.tensor([1., 2.]).var(0, correction=3)', () => torch.tensor([1, 2]).var(0, { correction: 3 }), 'tensor(inf)'],
    ['torch.tensor(3.).var()', () => torch.tensor(3).var(), 'tensor(nan)'],
    ['torch.tensor(3.).max(0)', () => torch.tensor(3).max(0), 'torch.return_types.max(\nvalues=tensor(3.),\nindices=tensor(0))'],
    ['torch.tensor(3.).max(-1)', () => torch.tensor(3).max(-1), 'torch.return_types.max(\nvalues=tensor(3.),\nindices=tensor(0))'],
    ['torch.tensor(3.).cumsum(0)', () => torch.tensor(3).cumsum(0), 'tensor(3.)'],
    ['torch.tensor(3.).prod(0)', () => torch.tensor(3).prod(0), 'tensor(3.)'],
    ['torch.tensor(3.).argmax(0)', () => torch.tensor(3).argmax(0), 'tensor(0)'],
    ['torch.tensor(2.).amax(0)', () => torch.tensor(2).amax(0), 'tensor(2.)'],
    ['torch.tensor(-3.).norm()', () => torch.tensor(-3).norm(), 'tensor(3.)'],
    ['ties: torch.tensor([1., 5., 5., 2.]).max(0)', () => torch.tensor([1, 5, 5, 2]).max(0), 'torch.return_types.max(\nvalues=tensor(5.),\nindices=tensor(1))'],
    ['ties: torch.tensor([1., 5., 5., 2.]).argmax()', () => torch.tensor([1, 5, 5, 2]).argmax(), 'tensor(1)'],
    ['ties: torch.tensor([2., 1., 5., 1.]).min(0)', () => torch.tensor([2, 1, 5, 1]).min(0), 'torch.return_types.min(\nvalues=tensor(1.),\nindices=tensor(1))'],
    ['nan: torch.tensor([1., nan, 5.]).max(0)', () => torch.tensor([1, NaN, 5]).max(0), 'torch.return_types.max(\nvalues=tensor(nan),\nindices=tensor(1))'],
    ['nan: torch.tensor([1., nan, 5.]).max()', () => torch.tensor([1, NaN, 5]).max(), 'tensor(nan)'],
    ['nan: torch.tensor([1., nan, 5.]).argmax()', () => torch.tensor([1, NaN, 5]).argmax(), 'tensor(1)'],
    ['nan: torch.tensor([1., nan, 5.]).amax()', () => torch.tensor([1, NaN, 5]).amax(), 'tensor(nan)'],
    ['nan: torch.tensor([1., nan, -5.]).argmin()', () => torch.tensor([1, NaN, -5]).argmin(), 'tensor(1)'],
    ["torch.tensor([-inf, -inf]).logsumexp(0)", () => torch.tensor([-Infinity, -Infinity]).logsumexp(0), 'tensor(-inf)'],
    ["torch.tensor([inf, 1.]).logsumexp(0)", () => torch.tensor([Infinity, 1]).logsumexp(0), 'tensor(inf)'],
  ];
  for (const [label, f, expected] of cases) {
    it(label, () => expect(formatPyValue(f())).toBe(expected));
  }
});

describe('max/min with dim: torch.return_types', () => {
  it('prints as PyTorch prints the namedtuple, alone and inside a list or tuple', () => {
    const x = leaf();
    expect(formatPyValue(x.max(1))).toBe('torch.return_types.max(\nvalues=tensor([5., 3.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 0]))');
    expect(String(x.max(1, { keepdim: true }))).toBe(
      'torch.return_types.max(\nvalues=tensor([[5.],\n        [3.]], grad_fn=<MaxBackward0>),\nindices=tensor([[1],\n        [0]]))',
    );
    expect(torch.format([[x.max(1), 3]])).toBe('(torch.return_types.max(\nvalues=tensor([5., 3.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 0])), 3)');
    expect(String(x.max(0))).toBe('torch.return_types.max(\nvalues=tensor([3., 5.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 0]))');
  });

  it('is a tuple (values, indices) that also names its fields', () => {
    const x = leaf();
    const r = torch.max(x, 1);
    const [values, indices] = r;
    expect(r.length).toBe(2);
    expect(values).toBe(r.values);
    expect(indices).toBe(r.indices);
    expect(indices.dtype).toBe('int64');
    expect(indices.requires_grad).toBe(false);
    expect(indices.grad_fn).toBe(null);
    expect(r.values.shape).toEqual([2]);
    expect(x.max({ dim: 1, keepdim: true }).values.shape).toEqual([2, 1]);
  });

  it('max(other) and min(other) are maximum and minimum', () => {
    const x = leaf();
    const o = torch.tensor([2, 4]);
    expect(String(x.max(o))).toBe('tensor([[2., 5.],\n        [3., 4.]], grad_fn=<MaximumBackward0>)');
    expect(String(torch.min(x, o))).toBe('tensor([[1., 4.],\n        [2., 2.]], grad_fn=<MinimumBackward0>)');
  });

  it('MaxBackward0 has one edge, to the input', () => {
    const x = leaf();
    const fn = x.max(1).values.grad_fn!;
    expect(fn.next_functions.length).toBe(1);
    expect(fn.next_functions[0][0]!.name()).toBe('torch::autograd::AccumulateGrad');
  });
});

describe('Node names and saved attributes', () => {
  const cases: [string, () => Tensor, string, Record<string, string>][] = [
    ['x.max()', () => leaf().max(), 'MaxBackward1', { _saved_result: 'tensor(5., grad_fn=<MaxBackward1>)', _saved_self: X_REPR }],
    ['x.min()', () => leaf().min(), 'MinBackward1', { _saved_result: 'tensor(1., grad_fn=<MinBackward1>)', _saved_self: X_REPR }],
    ['x.max(1).values', () => leaf().max(1).values, 'MaxBackward0', { _saved_dim: '1', _saved_indices: 'tensor([1, 0])', _saved_keepdim: 'False', _saved_self_sym_sizes: '(2, 2)' }],
    ['x.min(0, keepdim=True).values', () => leaf().min(0, true).values, 'MinBackward0', { _saved_dim: '0', _saved_indices: 'tensor([[0, 1]])', _saved_keepdim: 'True', _saved_self_sym_sizes: '(2, 2)' }],
    ['x.amax(1)', () => leaf().amax(1), 'AmaxBackward0', { _saved_dim: '(1,)', _saved_keepdim: 'False', _saved_result: 'tensor([5., 3.], grad_fn=<AmaxBackward0>)', _saved_self: X_REPR }],
    ['x.amin()', () => leaf().amin(), 'AminBackward0', { _saved_dim: '()', _saved_keepdim: 'False', _saved_result: 'tensor(1., grad_fn=<AminBackward0>)', _saved_self: X_REPR }],
    ['x.amax([0, 1], keepdim=True)', () => leaf().amax([0, 1], true), 'AmaxBackward0', { _saved_dim: '(0, 1)', _saved_keepdim: 'True', _saved_result: 'tensor([[5.]], grad_fn=<AmaxBackward0>)', _saved_self: X_REPR }],
    ['x.prod()', () => leaf().prod(), 'ProdBackward0', { _saved_result: 'tensor(30., grad_fn=<ProdBackward0>)', _saved_self: X_REPR }],
    ['x.prod(1)', () => leaf().prod(1), 'ProdBackward1', { _saved_dim: '1', _saved_keepdim: 'False', _saved_result: 'tensor([5., 6.], grad_fn=<ProdBackward1>)', _saved_self: X_REPR }],
    ['x.var()', () => leaf().var(), 'VarBackward0', { _saved_correction: 'None', _saved_dim: 'None', _saved_keepdim: 'False', _saved_self: X_REPR }],
    ['x.var(1, unbiased=False, keepdim=True)', () => leaf().var(1, { unbiased: false, keepdim: true }), 'VarBackward0', { _saved_correction: '0', _saved_dim: '(1,)', _saved_keepdim: 'True', _saved_self: X_REPR }],
    ['x.std([0, 1], correction=0)', () => leaf().std([0, 1], { correction: 0 }), 'StdBackward0', { _saved_correction: '0', _saved_dim: '(0, 1)', _saved_keepdim: 'False', _saved_result: 'tensor(1.4790, grad_fn=<StdBackward0>)', _saved_self: X_REPR }],
    ['x.std(0)', () => leaf().std(0), 'StdBackward0', { _saved_correction: '1', _saved_dim: '(0,)', _saved_keepdim: 'False', _saved_result: 'tensor([1.4142, 2.1213], grad_fn=<StdBackward0>)', _saved_self: X_REPR }],
    ['x.logsumexp(1)', () => leaf().logsumexp(1), 'LogsumexpBackward0', { _saved_dim: '(1,)', _saved_keepdim: 'False', _saved_result: 'tensor([5.0181, 3.3133], grad_fn=<LogsumexpBackward0>)', _saved_self: X_REPR }],
    ['x.norm()', () => leaf().norm(), 'LinalgVectorNormBackward0', { _saved_dim: 'None', _saved_keepdim: 'False', _saved_ord: '2', _saved_result: 'tensor(6.2450, grad_fn=<LinalgVectorNormBackward0>)', _saved_self: X_REPR }],
    ['x.norm(2)', () => leaf().norm(2), 'LinalgVectorNormBackward0', { _saved_dim: 'None', _saved_keepdim: 'False', _saved_ord: '2', _saved_result: 'tensor(6.2450, grad_fn=<LinalgVectorNormBackward0>)', _saved_self: X_REPR }],
    ['x.norm(1, dim=0, keepdim=True)', () => leaf().norm(1, 0, true), 'LinalgVectorNormBackward0', { _saved_dim: '(0,)', _saved_keepdim: 'True', _saved_ord: '1', _saved_result: 'tensor([[4., 7.]], grad_fn=<LinalgVectorNormBackward0>)', _saved_self: X_REPR }],
    ["x.norm(float('inf'))", () => leaf().norm(Infinity), 'LinalgVectorNormBackward0', { _saved_dim: 'None', _saved_keepdim: 'False', _saved_ord: 'inf', _saved_result: 'tensor(5., grad_fn=<LinalgVectorNormBackward0>)', _saved_self: X_REPR }],
    ['x.cumsum(0)', () => leaf().cumsum(0), 'CumsumBackward0', { _saved_dim: '0' }],
    ['x.cumsum(-1)', () => leaf().cumsum(-1), 'CumsumBackward0', { _saved_dim: '18446744073709551615' }],
  ];
  for (const [label, f, name, saved] of cases) {
    it(label, () => {
      const out = f();
      expect(out.grad_fn!.name()).toBe(name);
      expect(savedReprs(out)).toEqual(saved);
    });
  }

  it('gives _saved_result as a new tensor over the output (PyTorch unpacks a saved output anew) and _saved_self as the input', () => {
    const x = leaf();
    const y = x.std(0);
    const attrs = y.grad_fn as unknown as Record<string, Tensor>;
    expect(attrs._saved_result).not.toBe(y);
    expect(attrs._saved_result._data).toBe(y._data);
    expect(attrs._saved_result.grad_fn).toBe(y.grad_fn);
    expect(attrs._saved_self).toBe(x);
  });

  it("norm('fro') is PyTorch 2.x's linalg.vector_norm(2) over at most two dims, and refuses more", () => {
    const y = leaf().norm('fro', [0, 1]);
    expect(y.grad_fn!.name()).toBe('LinalgVectorNormBackward0');
    expect(y.grad_fn!.next_functions[0][0]!.name()).toBe('torch::autograd::AccumulateGrad');
    expect(() => torch.ones(2, 2, 2).norm('fro', [0, 1, 2])).toThrow(new torch.RuntimeError('linalg.matrix_norm: dim must be a 2-tuple. Got 0 1 2'));
  });

  it('argmax, argmin, all and any do not take part in autograd', () => {
    const x = leaf();
    for (const t of [x.argmax(), x.argmin(0), x.all(), x.any(1)]) {
      expect(t.grad_fn).toBe(null);
      expect(t.requires_grad).toBe(false);
    }
  });
});

describe('gradients at ties, zeros and NaN (PyTorch literals)', () => {
  const w = () => torch.tensor([1, 2, 3]);
  const cases: [string, number[] | number[][], (x: Tensor) => Tensor, string][] = [
    ['max() splits evenly among ties', [[1, 5], [5, 2]], (x) => x.max(), 'tensor([[0.0000, 0.5000],\n        [0.5000, 0.0000]])'],
    ['min() splits evenly among ties', [[1, 5], [1, 1]], (x) => x.min(), 'tensor([[0.3333, 0.0000],\n        [0.3333, 0.3333]])'],
    ['max(dim) sends all to the index', [[5, 5], [3, 2]], (x) => x.max(1).values, 'tensor([[1., 0.],\n        [1., 0.]])'],
    ['max() of NaNs splits among the NaNs', [1, NaN, 3, NaN], (x) => x.max(), 'tensor([0.0000, 0.5000, 0.0000, 0.5000])'],
    ['amax(1) splits among ties per slice', [[5, 5, 1], [3, 2, 3]], (x) => x.amax(1), 'tensor([[0.5000, 0.5000, 0.0000],\n        [0.5000, 0.0000, 0.5000]])'],
    ['amin() of equal values', [[5, 5], [5, 5]], (x) => x.amin(), 'tensor([[0.2500, 0.2500],\n        [0.2500, 0.2500]])'],
    ['prod() with one zero', [[2, 0, 3], [4, 5, 6]], (x) => x.prod(), 'tensor([[  0., 720.,   0.],\n        [  0.,   0.,   0.]])'],
    ['prod() with two zeros', [[2, 0, 3], [0, 5, 6]], (x) => x.prod(), 'tensor([[0., 0., 0.],\n        [0., 0., 0.]])'],
    ['prod(1) with zeros', [[2, 0, 3], [0, 5, 0]], (x) => x.prod(1), 'tensor([[0., 6., 0.],\n        [0., 0., 0.]])'],
    ['prod(0, keepdim=True) with zeros', [[2, 0, 3], [0, 5, 0]], (x) => x.prod(0, true), 'tensor([[0., 5., 0.],\n        [2., 0., 3.]])'],
    ['norm() at zero', [0, 0], (x) => x.norm(), 'tensor([0., 0.])'],
    ['std() of equal values', [1, 1, 1], (x) => x.std(), 'tensor([0., 0., 0.])'],
    ['cumsum(1)', [[1, 2, 3], [4, 5, 6]], (x) => x.cumsum(1).mul(w()), 'tensor([[6., 5., 3.],\n        [6., 5., 3.]])'],
    ['var(1)', [[1, 2, 3], [4, 5, 7]], (x) => x.var(1), 'tensor([[-1.0000,  0.0000,  1.0000],\n        [-1.3333, -0.3333,  1.6667]])'],
    ["norm(inf) with ties in |x|", [[1, -3, 3], [4, 5, 6]], (x) => x.norm(Infinity), 'tensor([[0., -0., 0.],\n        [0., 0., 1.]])'],
    ['norm(1)', [[1, -3, 0], [4, 5, 6]], (x) => x.norm(1), 'tensor([[ 1., -1.,  0.],\n        [ 1.,  1.,  1.]])'],
    ['logsumexp(1)', [[1, 2, 3], [4, 5, 6]], (x) => x.logsumexp(1), 'tensor([[0.0900, 0.2447, 0.6652],\n        [0.0900, 0.2447, 0.6652]])'],
  ];
  for (const [label, data, f, expected] of cases) {
    it(label, () => expect(gradOf(data, f)).toBe(expected));
  }

  it('prod() with a zero has a second derivative (create_graph)', () => {
    const x = leaf([2, 0, 3]);
    const [g] = torch.autograd.grad(x.prod(), x, { create_graph: true });
    expect(String(g!.detach())).toBe('tensor([0., 6., 0.])');
    const [gg] = torch.autograd.grad(g!.sum(), x);
    expect(String(gg)).toBe('tensor([3., 5., 2.])');
  });
});

describe('errors, to the character', () => {
  const e = () => torch.zeros(0, 3);
  const x = () => torch.tensor(X);
  const i = () => torch.tensor([[1n, 5n], [3n, 2n]]);
  // Each class is the one PyTorch raises for the labelled Python expression.
  const { RuntimeError, IndexError } = torch;
  const cases: [string, () => unknown, new (m: string) => Error, string][] = [
    ['e.max()', () => e().max(), RuntimeError, "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."],
    ['e.min()', () => e().min(), RuntimeError, "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."],
    ['e.max(0)', () => e().max(0), IndexError, 'max(): Expected reduction dim 0 to have non-zero size.'],
    ['e.max(-2)', () => e().max(-2), IndexError, 'max(): Expected reduction dim 0 to have non-zero size.'],
    ['e.argmax()', () => e().argmax(), IndexError, 'argmax(): Expected reduction dim to be specified for input.numel() == 0.'],
    ['e.argmin(0)', () => e().argmin(0), IndexError, 'argmin(): Expected reduction dim 0 to have non-zero size.'],
    ['e.argmax(-2)', () => e().argmax(-2), IndexError, 'argmax(): Expected reduction dim 0 to have non-zero size.'],
    ['e.amax()', () => e().amax(), RuntimeError, "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."],
    ['e.amax(0)', () => e().amax(0), IndexError, 'amax(): Expected reduction dim 0 to have non-zero size.'],
    ['e.amax([1, 0])', () => e().amax([1, 0]), IndexError, 'amax(): Expected reduction dim 0 to have non-zero size.'],
    ['e.amin(-2)', () => e().amin(-2), IndexError, 'amin(): Expected reduction dim -2 to have non-zero size.'],
    ['x.max(2)', () => x().max(2), IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.max(-3)', () => x().max(-3), IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got -3)'],
    ['x.argmax(5)', () => x().argmax(5), IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 5)'],
    ['x.cumsum(2)', () => x().cumsum(2), IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.var(3)', () => x().var(3), IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 3)'],
    ['torch.tensor(3.).max(1)', () => torch.tensor(3).max(1), IndexError, 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'],
    ['x.amax([0, 0])', () => x().amax([0, 0]), RuntimeError, 'dim 0 appears multiple times in the list of dims'],
    ['x.var([0, 0])', () => x().var([0, 0]), RuntimeError, 'dim 0 appears multiple times in the list of dims'],
    ['i.var()', () => i().var(), RuntimeError, 'std and var only support floating point and complex dtypes'],
    ['i.std(1)', () => i().std(1), RuntimeError, 'std and var only support floating point and complex dtypes'],
    ['i.norm()', () => i().norm(), RuntimeError, 'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long'],
    ['i.mean()', () => i().mean(), RuntimeError, 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long'],
  ];
  for (const [label, f, cls, message] of cases) {
    it(label, () => expect(f).toThrow(new cls(message)));
  }
});

// The property-based gradcheck and gradgradcheck of every reduction read engine/testing/op_db.ts.
