import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import torch, { Tensor } from '../index';
import type { OpNode } from '../autograd/function';
import { formatPyValue } from '../format';
import { inputOf, sampleArb } from '../testing/op_db';

// Every expected string below is PyTorch 1.13's own output, pasted as a literal.

const X_DATA = [
  [1, 5],
  [3, 2],
];
const Y_DATA = [
  [1.5, 2.25, 3],
  [4, 0.5, -1],
];

function leaf(data: number[] | number[][] = X_DATA): Tensor {
  return torch.tensor(data, { requires_grad: true });
}

function savedReprs(t: Tensor): Record<string, string> {
  const fn = t.grad_fn as OpNode;
  const attrs = fn as unknown as Record<string, unknown>;
  const keys = fn._saved_keys().map((k) => `_saved_${k}`).sort();
  return Object.fromEntries(keys.map((k) => [k, formatPyValue(attrs[k], 'repr')]));
}

describe('softmax / log_softmax forward', () => {
  const cases: [string, () => Tensor, string][] = [
    ['y.softmax(1)', () => leaf(Y_DATA).softmax(1), 'tensor([[0.1316, 0.2786, 0.5898],\n        [0.9644, 0.0291, 0.0065]], grad_fn=<SoftmaxBackward0>)'],
    ['y.softmax(0)', () => leaf(Y_DATA).softmax(0), 'tensor([[0.0759, 0.8520, 0.9820],\n        [0.9241, 0.1480, 0.0180]], grad_fn=<SoftmaxBackward0>)'],
    ['y.log_softmax(-1)', () => leaf(Y_DATA).log_softmax(-1), 'tensor([[-2.0280, -1.2780, -0.5280],\n        [-0.0363, -3.5363, -5.0363]], grad_fn=<LogSoftmaxBackward0>)'],
    ['torch.softmax(x, 1)', () => torch.softmax(leaf(), 1), 'tensor([[0.0180, 0.9820],\n        [0.7311, 0.2689]], grad_fn=<SoftmaxBackward0>)'],
    ['torch.log_softmax(x, 0)', () => torch.log_softmax(leaf(), 0), 'tensor([[-2.1269, -0.0486],\n        [-0.1269, -3.0486]], grad_fn=<LogSoftmaxBackward0>)'],
    ['softmax(x, 1, dtype=torch.float64)', () => torch.softmax(leaf(), 1, 'float64'), 'tensor([[0.0180, 0.9820],\n        [0.7311, 0.2689]], dtype=torch.float64, grad_fn=<SoftmaxBackward0>)'],
    ['float64 softmax(0)', () => torch.softmax(torch.tensor([[1, 2], [3, 5]], { dtype: 'float64' }), 0), 'tensor([[0.1192, 0.0474],\n        [0.8808, 0.9526]], dtype=torch.float64)'],
    ['int input with dtype=torch.float64', () => torch.tensor([[1n, 5n], [3n, 2n]]).softmax(1, { dtype: 'float64' }), 'tensor([[0.0180, 0.9820],\n        [0.7311, 0.2689]], dtype=torch.float64)'],
    ['stable: softmax([1000., 1001.])', () => torch.tensor([1000, 1001]).softmax(0), 'tensor([0.2689, 0.7311])'],
    ['stable: log_softmax([1000., 0.])', () => torch.tensor([1000, 0]).log_softmax(0), 'tensor([    0., -1000.])'],
    ['stable: float64 log_softmax([-1000., -1001.])', () => torch.tensor([-1000, -1001], { dtype: 'float64' }).log_softmax(0), 'tensor([-0.3133, -1.3133], dtype=torch.float64)'],
    ['softmax([-inf, 0.])', () => torch.tensor([-Infinity, 0]).softmax(0), 'tensor([0., 1.])'],
    ['log_softmax([-inf, 0.])', () => torch.tensor([-Infinity, 0]).log_softmax(0), 'tensor([-inf, 0.])'],
    ['softmax([-inf, -inf])', () => torch.tensor([-Infinity, -Infinity]).softmax(0), 'tensor([nan, nan])'],
    ['softmax([nan, 0.])', () => torch.tensor([NaN, 0]).softmax(0), 'tensor([nan, nan])'],
    ['0-d softmax', () => torch.tensor(3).softmax(0), 'tensor(1.)'],
    ['0-d log_softmax(-1)', () => torch.tensor(3).log_softmax(-1), 'tensor(0.)'],
    ['empty softmax', () => torch.zeros(0, 3).softmax(0), 'tensor([], size=(0, 3))'],
  ];
  for (const [label, f, expected] of cases) {
    it(label, () => expect(String(f())).toBe(expected));
  }
});

describe('softmax / log_softmax autograd', () => {
  it('SoftmaxBackward0 saves dim and result', () => {
    const y = leaf().softmax(1);
    expect(y.grad_fn!.name()).toBe('SoftmaxBackward0');
    expect(savedReprs(y)).toEqual({
      _saved_dim: '1',
      _saved_result: 'tensor([[0.0180, 0.9820],\n        [0.7311, 0.2689]], grad_fn=<SoftmaxBackward0>)',
    });
    // As PyTorch: a new tensor on each access, over y's data, with y's grad_fn.
    const saved = (y.grad_fn as unknown as Record<string, Tensor>)._saved_result;
    expect(saved).not.toBe(y);
    expect(saved.equal(y)).toBe(true);
    expect(saved.grad_fn).toBe(y.grad_fn);
    expect(saved._data).toBe(y._data);
  });

  it('LogSoftmaxBackward0 saves dim and result', () => {
    const y = leaf().log_softmax(0);
    expect(y.grad_fn!.name()).toBe('LogSoftmaxBackward0');
    expect(savedReprs(y)).toEqual({
      _saved_dim: '0',
      _saved_result: 'tensor([[-2.1269, -0.0486],\n        [-0.1269, -3.0486]], grad_fn=<LogSoftmaxBackward0>)',
    });
  });

  it('a dtype cast is recorded as ToCopyBackward0 before the softmax', () => {
    const y = torch.softmax(leaf(), 1, { dtype: 'float64' });
    expect(y.grad_fn!.next_functions[0][0]!.name()).toBe('ToCopyBackward0');
  });

  it('gradients match PyTorch', () => {
    const w = torch.tensor([1, 2, 3]);
    const a = leaf([[1, 2, 3], [4, 5, 6]]);
    a.softmax(1).mul(w).sum().backward();
    expect(String(a.grad)).toBe('tensor([[-0.1418, -0.1408,  0.2826],\n        [-0.1418, -0.1408,  0.2826]])');
    const b = leaf([[1, 2, 3], [4, 5, 6]]);
    b.log_softmax(0).mul(w).sum().backward();
    expect(String(b.grad)).toBe('tensor([[ 0.9051,  1.8103,  2.7154],\n        [-0.9051, -1.8103, -2.7154]])');
  });

  it('has a second derivative (create_graph)', () => {
    const x = leaf([1, 2, 3]);
    const [g] = torch.autograd.grad(x.softmax(0).mul(torch.tensor([1, 2, 3])).sum(), x, { create_graph: true });
    expect(String(g!.detach())).toBe('tensor([-0.1418, -0.1408,  0.2826])');
    expect(g!.requires_grad).toBe(true);
    // The gradient of a softmax sums to zero along dim, so the gradient of its sum vanishes.
    const [gg] = torch.autograd.grad(g!.sum(), x);
    expect(gg!.allclose(torch.zeros(3), { atol: 1e-7 })).toBe(true);
  });
});

describe('softmax / log_softmax errors, to the character', () => {
  const i = () => torch.tensor([[1n, 5n], [3n, 2n]]);
  const { RuntimeError, IndexError } = torch;
  const cases: [string, () => unknown, Error][] = [
    ['i.softmax(1)', () => i().softmax(1), new RuntimeError(`"softmax_lastdim_kernel_impl" not implemented for 'Long'`)],
    ['i.softmax(0)', () => i().softmax(0), new RuntimeError(`"softmax_kernel_impl" not implemented for 'Long'`)],
    ['i.log_softmax(1)', () => i().log_softmax(1), new RuntimeError(`"log_softmax_lastdim_kernel_impl" not implemented for 'Long'`)],
    ['i.log_softmax(0)', () => i().log_softmax(0), new RuntimeError(`"softmax_kernel_impl" not implemented for 'Long'`)],
    ['(i > 1).softmax(1)', () => i().gt(1).softmax(1), new RuntimeError(`"softmax_lastdim_kernel_impl" not implemented for 'Bool'`)],
    ['x.softmax(2)', () => leaf().softmax(2), new IndexError('Dimension out of range (expected to be in range of [-2, 1], but got 2)')],
    ['x.log_softmax(-3)', () => leaf().log_softmax(-3), new IndexError('Dimension out of range (expected to be in range of [-2, 1], but got -3)')],
  ];
  for (const [label, f, error] of cases) {
    it(label, () => expect(f).toThrow(error));
  }
});

// ---- properties (gradcheck and gradgradcheck of both ops read engine/testing/op_db.ts) -----------------

describe('properties over the op table\'s generator', () => {
  it('softmax sums to one along dim and log_softmax is its log, for any input', () => {
    fc.assert(
      fc.property(sampleArb([0, 4]), (s) => {
        const { leaf: x, view } = inputOf(s, 'real');
        const v = view(x.detach());
        const p = v.softmax(s.dim);
        const ones = torch.ones(p.sum(s.dim).shape, { dtype: 'float64' });
        return p.sum(s.dim).allclose(ones, { atol: 1e-12 }) && v.log_softmax(s.dim).allclose(p.log(), { atol: 1e-12 });
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});
