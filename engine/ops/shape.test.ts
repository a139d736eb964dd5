import { describe, it, expect } from 'vitest';
import torch, { Tensor } from '../index';
import type { OpNode } from '../autograd/function';
import { formatPyValue } from '../format';

// Every expected value, name and message below is PyTorch's own output, pasted as a literal (the
// Node tables as PyTorch 2.14 prints them: a negative saved int reads as 2^64 + value, as its getter
// gives it).

/** x = torch.arange(12.).view(3, 4).requires_grad_() */
const xs = () => torch.arange(12, { dtype: 'float32' }).view(3, 4).requires_grad_();
/** y = torch.arange(24.).view(2, 3, 4).requires_grad_() */
const ys = () => torch.arange(24, { dtype: 'float32' }).view(2, 3, 4).requires_grad_();
const z = (...shape: number[]) => torch.zeros(shape);

function savedReprs(t: Tensor): Record<string, string> {
  const fn = t.grad_fn as OpNode;
  const attrs = fn as unknown as Record<string, unknown>;
  const keys = fn._saved_keys().map((k) => `_saved_${k}`).sort();
  return Object.fromEntries(keys.map((k) => [k, formatPyValue(attrs[k], 'repr')]));
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

describe('values, shapes and strides', () => {
  const x = () => torch.arange(12, { dtype: 'float32' }).view(3, 4);
  const y = () => torch.arange(24, { dtype: 'float32' }).view(2, 3, 4);
  const yT = [[[0, 12], [4, 16], [8, 20]], [[1, 13], [5, 17], [9, 21]], [[2, 14], [6, 18], [10, 22]], [[3, 15], [7, 19], [11, 23]]];
  const yMoved = [[[0, 12], [1, 13], [2, 14], [3, 15]], [[4, 16], [5, 17], [6, 18], [7, 19]], [[8, 20], [9, 21], [10, 22], [11, 23]]];
  const yMT = [[[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]], [[12, 16, 20], [13, 17, 21], [14, 18, 22], [15, 19, 23]]];
  const yLastFirst = [[[0, 4, 8], [12, 16, 20]], [[1, 5, 9], [13, 17, 21]], [[2, 6, 10], [14, 18, 22]], [[3, 7, 11], [15, 19, 23]]];
  const cases: [string, () => Tensor, unknown, number[], number[]][] = [
    ['y.movedim(0, -1)', () => y().movedim(0, -1), yMoved, [3, 4, 2], [4, 1, 12]],
    ['y.movedim([0, 1], [2, 0])', () => y().movedim([0, 1], [2, 0]), yMoved, [3, 4, 2], [4, 1, 12]],
    ['y.moveaxis(-1, 0)', () => y().moveaxis(-1, 0), yLastFirst, [4, 2, 3], [1, 12, 4]],
    ['y.swapaxes(0, 2)', () => y().swapaxes(0, 2), yT, [4, 3, 2], [1, 4, 12]],
    ['y.swapdims(1, -1)', () => y().swapdims(1, -1), yMT, [2, 4, 3], [12, 1, 4]],
    ['y.mT', () => y().mT, yMT, [2, 4, 3], [12, 1, 4]],
    ['y.T', () => y().T, yT, [4, 3, 2], [1, 4, 12]],
    ['y.permute(2, 0, 1)', () => y().permute(2, 0, 1), yLastFirst, [4, 2, 3], [1, 12, 4]],
    ['x.unflatten(1, (2, 2))', () => x().unflatten(1, [2, 2]), [[[0, 1], [2, 3]], [[4, 5], [6, 7]], [[8, 9], [10, 11]]], [3, 2, 2], [4, 2, 1]],
    ['x.t().unflatten(0, (2, -1))', () => x().t().unflatten(0, [2, -1]), [[[0, 4, 8], [1, 5, 9]], [[2, 6, 10], [3, 7, 11]]], [2, 2, 3], [2, 1, 4]],
    ['x.view_as(zeros(2, 6))', () => x().view_as(z(2, 6)), [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]], [2, 6], [6, 1]],
    ['x.t().reshape_as(zeros(2, 6))', () => x().t().reshape_as(z(2, 6)), [[0, 4, 8, 1, 5, 9], [2, 6, 10, 3, 7, 11]], [2, 6], [6, 1]],
    ['x[:, 1].expand(2, 3)', () => x().select(1, 1).expand(2, 3), [[1, 5, 9], [1, 5, 9]], [2, 3], [0, 4]],
    ['x.unsqueeze(-1)', () => x().unsqueeze(-1), [[[0], [1], [2], [3]], [[4], [5], [6], [7]], [[8], [9], [10], [11]]], [3, 4, 1], [4, 1, 1]],
    ['y.transpose(0, 1).flatten(1)', () => y().transpose(0, 1).flatten(1), [[0, 1, 2, 3, 12, 13, 14, 15], [4, 5, 6, 7, 16, 17, 18, 19], [8, 9, 10, 11, 20, 21, 22, 23]], [3, 8], [8, 1]],
    ['zeros(1, 3, 1).squeeze()', () => z(1, 3, 1).squeeze(), [0, 0, 0], [3], [1]],
    ['zeros(1, 3, 1).squeeze(1)', () => z(1, 3, 1).squeeze(1), [[[0], [0], [0]]], [1, 3, 1], [3, 1, 1]],
    ['zeros(1, 3, 1).squeeze(-1)', () => z(1, 3, 1).squeeze(-1), [[0, 0, 0]], [1, 3], [3, 1]],
    ['zeros(1, 1).squeeze()', () => z(1, 1).squeeze(), 0, [], []],
    ['tensor(5.).squeeze(0)', () => torch.tensor(5).squeeze(0), 5, [], []],
    ['tensor(5.).squeeze(-1)', () => torch.tensor(5).squeeze(-1), 5, [], []],
    ['tensor(5.).unsqueeze(0)', () => torch.tensor(5).unsqueeze(0), [5], [1], [1]],
    ['tensor(5.).flatten()', () => torch.tensor(5).flatten(), [5], [1], [1]],
  ];
  for (const [label, f, values, shape, strides] of cases) {
    it(label, () => {
      const t = f();
      expect([t.tolist(), t.shape, t.stride()]).toEqual([values, shape, strides]);
    });
  }

  it('flatten over a single dim and a no-op to() return the tensor itself; contiguous() too when contiguous', () => {
    const x = xs();
    expect(x.flatten(1, 1)).toBe(x);
    expect(x.flatten(0, 0)).toBe(x);
    expect(x.contiguous()).toBe(x);
    expect(x.to('float32')).toBe(x);
    expect(x.t().contiguous().grad_fn!.name()).toBe('CloneBackward0');
  });

  it('a 0-dim tensor: mT is itself, T and squeeze record nodes', () => {
    const a = torch.tensor(5, { requires_grad: true });
    expect(a.mT).toBe(a);
    expect([a.squeeze().grad_fn!.name(), a.squeeze(0).grad_fn!.name(), a.T.grad_fn!.name()]).toEqual(['SqueezeBackward0', 'SqueezeBackward1', 'PermuteBackward0']);
    expect(savedReprs(a.squeeze(-1))).toEqual({ _saved_dim: '18446744073709551615', _saved_self_sym_sizes: '()' });
    expect(savedReprs(a.T)).toEqual({ _saved_dims: '()' });
    expect(savedReprs(torch.zeros(3, { requires_grad: true }).T)).toEqual({ _saved_dims: '(0,)' });
  });
});

describe('Node names and saved attributes', () => {
  const z12 = () => z(12);
  const cases: [string, () => Tensor, string, Record<string, string>][] = [
    ['x.movedim(-1, 0)', () => xs().movedim(-1, 0), 'PermuteBackward0', { _saved_dims: '(1, 0)' }],
    ['y.movedim((0, 1), (2, 0))', () => ys().movedim([0, 1], [2, 0]), 'PermuteBackward0', { _saved_dims: '(1, 2, 0)' }],
    ['x.swapaxes(0, -1)', () => xs().swapaxes(0, -1), 'TransposeBackward0', { _saved_dim0: '0', _saved_dim1: '18446744073709551615' }],
    ['x.view_as(zeros(12))', () => xs().view_as(z12()), 'ViewBackward0', { _saved_self_sym_sizes: '(3, 4)' }],
    ['x.reshape_as(zeros(12))', () => xs().reshape_as(z12()), 'ViewBackward0', { _saved_self_sym_sizes: '(3, 4)' }],
    ['x.t().reshape_as(zeros(12))', () => xs().t().reshape_as(z12()), 'UnsafeViewBackward0', { _saved_self_sym_sizes: '(4, 3)' }],
    ['x.unflatten(-1, (2, -1))', () => xs().unflatten(-1, [2, -1]), 'ViewBackward0', { _saved_self_sym_sizes: '(3, 4)' }],
    ['x.mT', () => xs().mT, 'TransposeBackward0', { _saved_dim0: '18446744073709551614', _saved_dim1: '18446744073709551615' }],
    ['y.mT', () => ys().mT, 'TransposeBackward0', { _saved_dim0: '18446744073709551614', _saved_dim1: '18446744073709551615' }],
    ['x.T', () => xs().T, 'PermuteBackward0', { _saved_dims: '(1, 0)' }],
    ['y.T', () => ys().T, 'PermuteBackward0', { _saved_dims: '(2, 1, 0)' }],
    ['x.transpose(-1, 0)', () => xs().transpose(-1, 0), 'TransposeBackward0', { _saved_dim0: '18446744073709551615', _saved_dim1: '0' }],
    ['x.permute(-1, 0)', () => xs().permute(-1, 0), 'PermuteBackward0', { _saved_dims: '(18446744073709551615, 0)' }],
    ['x.unsqueeze(-1)', () => xs().unsqueeze(-1), 'UnsqueezeBackward0', { _saved_dim: '18446744073709551615' }],
    ['x.squeeze()', () => xs().squeeze(), 'SqueezeBackward0', { _saved_self_sym_sizes: '(3, 4)' }],
    ['x.unsqueeze(1).squeeze(-2)', () => xs().unsqueeze(1).squeeze(-2), 'SqueezeBackward1', { _saved_dim: '18446744073709551614', _saved_self_sym_sizes: '(3, 1, 4)' }],
    ['x.squeeze(0)', () => xs().squeeze(0), 'SqueezeBackward1', { _saved_dim: '0', _saved_self_sym_sizes: '(3, 4)' }],
    ['x.flatten()', () => xs().flatten(), 'ViewBackward0', { _saved_self_sym_sizes: '(3, 4)' }],
    ['x.t().flatten()', () => xs().t().flatten(), 'UnsafeViewBackward0', { _saved_self_sym_sizes: '(4, 3)' }],
    ['x.view(-1)', () => xs().view(-1), 'ViewBackward0', { _saved_self_sym_sizes: '(3, 4)' }],
    ['x.t()', () => xs().t(), 'TBackward0', {}],
    ['x[:, 1].expand(2, 3)', () => xs().select(1, 1).expand(2, 3), 'ExpandBackward0', { _saved_self_sym_sizes: '(3,)' }],
  ];
  for (const [label, f, name, saved] of cases) {
    it(label, () => {
      const t = f();
      expect(t.grad_fn!.name()).toBe(name);
      expect(savedReprs(t)).toEqual(saved);
    });
  }
});

describe('views share storage and the version counter', () => {
  const viewCases: [string, (x: Tensor) => Tensor][] = [
    ['view', (x) => x.view(4, 3)],
    ['reshape (viewable)', (x) => x.reshape(2, 6)],
    ['transpose', (x) => x.transpose(0, 1)],
    ['permute', (x) => x.permute(1, 0)],
    ['expand', (x) => x.unsqueeze(0).expand(2, 3, 4)],
    ['unsqueeze', (x) => x.unsqueeze(1)],
    ['squeeze', (x) => x.unsqueeze(0).squeeze()],
    ['movedim', (x) => x.movedim(0, 1)],
    ['swapaxes', (x) => x.swapaxes(0, 1)],
    ['unflatten', (x) => x.unflatten(1, [2, 2])],
    ['view_as', (x) => x.view_as(z(12))],
    ['mT', (x) => x.mT],
    ['T', (x) => x.T],
    ['t', (x) => x.t()],
  ];
  for (const [label, f] of viewCases) {
    it(label, () => {
      const base = torch.arange(12, { dtype: 'float32' }).view(3, 4);
      const v = f(base);
      expect(v._base).toBe(base._base);
      expect(v._versionCounter).toBe(base._versionCounter);
      const before = base._version;
      torch.no_grad(() => v.add_(100));
      expect(base._version).toBe(before + 1);
      expect(base.tolist()).toEqual([[100, 101, 102, 103], [104, 105, 106, 107], [108, 109, 110, 111]]);
      torch.no_grad(() => v.copy_(torch.zeros(v.shape)));
      expect(base._version).toBe(before + 2);
      expect(base.sum().item()).toBe(0);
    });
  }

  it('reshape of a non-viewable tensor, clone and to() copy', () => {
    const base = torch.arange(12, { dtype: 'float32' }).view(3, 4);
    for (const t of [base.t().reshape(12), base.t().flatten(), base.clone(), base.t().contiguous(), base.to('float64')]) {
      expect(t._base).toBe(null);
      expect(t._versionCounter).not.toBe(base._versionCounter);
    }
  });
});

describe('errors, as PyTorch words them', () => {
  const x = () => torch.randn(3, 4);
  const cases: [string, () => unknown, string][] = [
    ['x.view_as(randn(5))', () => x().view_as(torch.randn(5)), "shape '[5]' is invalid for input of size 12"],
    ['x.t().view(12)', () => x().t().view(12), "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."],
    ['x.view(-1, -1)', () => x().view(-1, -1), 'only one dimension can be inferred'],
    ['x.view(-2, 6)', () => x().view(-2, 6), 'invalid shape dimension -2'],
    ['x.reshape(5, -1)', () => x().reshape(5, -1), "shape '[5, -1]' is invalid for input of size 12"],
    ['x.expand(2)', () => x().expand(2), 'expand(torch.FloatTensor{[3, 4]}, size=[2]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)'],
    ['x.double().expand(2)', () => x().double().expand(2), 'expand(torch.DoubleTensor{[3, 4]}, size=[2]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)'],
    ['x.expand(3, 5)', () => x().expand(3, 5), 'The expanded size of the tensor (5) must match the existing size (4) at non-singleton dimension 1.  Target sizes: [3, 5].  Tensor sizes: [3, 4]'],
    ['x.expand(-1, 2, 4)', () => x().expand(-1, 2, 4), 'The expanded size of the tensor (2) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [-1, 2, 4].  Tensor sizes: [3, 4]'],
    ['x.permute(0)', () => x().permute(0), 'permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1'],
    ['x.permute(0, 0)', () => x().permute(0, 0), 'permute(): duplicate dims are not allowed.'],
    ['x.transpose(0, 2)', () => x().transpose(0, 2), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.swapaxes(0, 2)', () => x().swapaxes(0, 2), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.unsqueeze(-4)', () => x().unsqueeze(-4), 'Dimension out of range (expected to be in range of [-3, 2], but got -4)'],
    ['x.squeeze(2)', () => x().squeeze(2), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.flatten(1, 0)', () => x().flatten(1, 0), 'flatten() has invalid args: start_dim cannot come after end_dim'],
    ['randn(2, 3, 4).t()', () => torch.randn(2, 3, 4).t(), 't() expects a tensor with <= 2 dimensions, but self is 3D'],
    ['randn(3).mT', () => torch.randn(3).mT, 'tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.'],
    ['x.movedim((0, 1), (0,))', () => x().movedim([0, 1], [0]), 'movedim: Invalid source or destination dims: source ([0, 1] dims) should contain the same number of dims as destination ([0] dims)'],
    ['x.movedim((0, -2), (0, 1))', () => x().movedim([0, -2], [0, 1]), 'movedim: repeated dim in `source` ([0, -2])'],
    ['x.movedim((0, 1), (-1, 1))', () => x().movedim([0, 1], [-1, 1]), 'movedim: repeated dim in `destination` ([-1, 1])'],
    ['x.movedim(2, 0)', () => x().movedim(2, 0), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.unflatten(1, (2, 3))', () => x().unflatten(1, [2, 3]), "unflatten: Provided sizes [2, 3] don't multiply up to the size of dim 1 (4) in the input tensor"],
    ['x.unflatten(1, (3, -1))', () => x().unflatten(1, [3, -1]), "unflatten: Provided sizes [3, -1] don't multiply up to the size of dim 1 (4) in the input tensor"],
    ['x.unflatten(1, (-1, -1))', () => x().unflatten(1, [-1, -1]), 'unflatten got an unexpected error:\nonly one dimension can be inferred'],
    ['x.unflatten(1, ())', () => x().unflatten(1, []), 'unflatten: sizes must be non-empty'],
    ['x.unflatten(2, (1,))', () => x().unflatten(2, [1]), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
  ];
  for (const [label, f, message] of cases) it(label, () => expect(errorOf(f)).toBe(message));
});

// The property-based gradcheck and gradgradcheck of these ops read engine/testing/op_db.ts.
