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
const long = (data: number[] | number[][]) => torch.tensor(data, { dtype: 'int64' });

function savedReprs(t: Tensor): Record<string, string> {
  const fn = t.grad_fn as OpNode;
  const attrs = fn as unknown as Record<string, unknown>;
  const keys = fn._saved_keys().map((k) => `_saved_${k}`).sort();
  return Object.fromEntries(keys.map((k) => [k, formatPyValue(attrs[k], 'repr')]));
}

function nextNames(t: Tensor | null): (string | null)[] {
  return t!.grad_fn!.next_functions.map(([f]) => (f ? f.name() : null));
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

describe('values', () => {
  const x = () => torch.arange(12, { dtype: 'float32' }).view(3, 4);
  const y = () => torch.arange(24, { dtype: 'float32' }).view(2, 3, 4);
  const cases: [string, () => Tensor, unknown, number[]][] = [
    ['x[1]', () => x().index(1), [4, 5, 6, 7], [4]],
    ['x[:, 0]', () => x().index(null, 0), [0, 4, 8], [3]],
    ['x[1:3]', () => x().index(torch.slice(1, 3)), [[4, 5, 6, 7], [8, 9, 10, 11]], [2, 4]],
    ['x[::2, -1]', () => x().index(torch.slice(null, null, 2), -1), [3, 11], [2]],
    ['x[..., 0]', () => x().index('...', 0), [0, 4, 8], [3]],
    ['x[-1, -2:]', () => x().index(-1, torch.slice(-2)), [10, 11], [2]],
    ['x[:, None]', () => x().index(null, 'newaxis'), [[[0, 1, 2, 3]], [[4, 5, 6, 7]], [[8, 9, 10, 11]]], [3, 1, 4]],
    ['x[1:100]', () => x().index(torch.slice(1, 100)), [[4, 5, 6, 7], [8, 9, 10, 11]], [2, 4]],
    ['x[-5:2]', () => x().index(torch.slice(-5, 2)), [[0, 1, 2, 3], [4, 5, 6, 7]], [2, 4]],
    ['x[3:1]', () => x().index(torch.slice(3, 1)), [], [0, 4]],
    ['x[[0, 2]]', () => x().index([0, 2]), [[0, 1, 2, 3], [8, 9, 10, 11]], [2, 4]],
    ['x[x > 5]', () => x().index(x().gt(5)), [6, 7, 8, 9, 10, 11], [6]],
    ['x[tensor([[0, 1], [2, 2]])]', () => x().index(long([[0, 1], [2, 2]])), [[[0, 1, 2, 3], [4, 5, 6, 7]], [[8, 9, 10, 11], [8, 9, 10, 11]]], [2, 2, 4]],
    ['x[[-1, 0], -1]', () => x().index([-1, 0], -1), [11, 3], [2]],
    ['y[:, [0, 2], 1:]', () => y().index(null, [0, 2], torch.slice(1)), [[[1, 2, 3], [9, 10, 11]], [[13, 14, 15], [21, 22, 23]]], [2, 2, 3]],
    ['y[[0, 1], :, [1, 3]]', () => y().index([0, 1], null, [1, 3]), [[1, 5, 9], [15, 19, 23]], [2, 3]],
    ['y[:, [0, 2], [1, 3]]', () => y().index(null, [0, 2], [1, 3]), [[1, 11], [13, 23]], [2, 2]],
    ['y[0, [1, 2]]', () => y().index(0, [1, 2]), [[4, 5, 6, 7], [8, 9, 10, 11]], [2, 4]],
    ['y[:, [[0], [2]], [1, 3]]', () => y().index(null, [[0], [2]], [1, 3]), [[[1, 3], [9, 11]], [[13, 15], [21, 23]]], [2, 2, 2]],
    ['y[x[:2, :3] > 2]', () => y().index(x().index(torch.slice(null, 2), torch.slice(null, 3)).gt(2)), [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]], [3, 4]],
    ['y[1:, [True, False, True]]', () => y().index(torch.slice(1), [true, false, true]), [[[12, 13, 14, 15], [20, 21, 22, 23]]], [1, 2, 4]],
    ['y[..., [0, 3]]', () => y().index('...', [0, 3]), [[[0, 3], [4, 7], [8, 11]], [[12, 15], [16, 19], [20, 23]]], [2, 3, 2]],
    ['x.narrow(1, 1, 2)', () => x().narrow(1, 1, 2), [[1, 2], [5, 6], [9, 10]], [3, 2]],
    ['x.narrow(-1, -3, 2)', () => x().narrow(-1, -3, 2), [[1, 2], [5, 6], [9, 10]], [3, 2]],
    ['x.select(1, -1)', () => x().select(1, -1), [3, 7, 11], [3]],
    ['torch.cat([x[:1], x])', () => torch.cat([x().index(torch.slice(null, 1)), x()]), [[0, 1, 2, 3], [0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], [4, 4]],
    ['torch.cat([x[:, :1], x[:, 2:]], -1)', () => torch.cat([x().index(null, torch.slice(null, 1)), x().index(null, torch.slice(2))], -1), [[0, 2, 3], [4, 6, 7], [8, 10, 11]], [3, 3]],
    ['torch.cat([x, torch.zeros(0)])', () => torch.cat([x(), torch.zeros(0)]), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], [3, 4]],
    ['torch.stack([x[0], x[1]], 1)', () => torch.stack([x().index(0), x().index(1)], 1), [[0, 4], [1, 5], [2, 6], [3, 7]], [4, 2]],
    ['torch.stack([x[0], x[2]], -1)', () => torch.stack([x().index(0), x().index(2)], -1), [[0, 8], [1, 9], [2, 10], [3, 11]], [4, 2]],
    ['x.index_select(1, tensor([3, 0, 3]))', () => x().index_select(1, long([3, 0, 3])), [[3, 0, 3], [7, 4, 7], [11, 8, 11]], [3, 3]],
    ['x.index_select(0, tensor(1))', () => x().index_select(0, torch.tensor(1n)), [[4, 5, 6, 7]], [1, 4]],
    ['x.gather(1, [[3, 0], [1, 1], [2, 3]])', () => x().gather(1, long([[3, 0], [1, 1], [2, 3]])), [[3, 0], [5, 5], [10, 11]], [3, 2]],
    ['x.gather(0, [[2, 0, 1, 0]])', () => x().gather(0, long([[2, 0, 1, 0]])), [[8, 1, 6, 3]], [1, 4]],
    ['x.masked_fill(x > 6, -1.)', () => x().masked_fill(x().gt(6), -1), [[0, 1, 2, 3], [4, 5, 6, -1], [-1, -1, -1, -1]], [3, 4]],
    ['x.masked_fill(tensor([T, F, F, T]), 9.)', () => x().masked_fill(torch.tensor([true, false, false, true]), 9), [[9, 1, 2, 9], [9, 5, 6, 9], [9, 9, 10, 9]], [3, 4]],
    ['tensor([[1., 2.], [3., 4.]]).repeat(2, 1, 3)', () => torch.tensor([[1, 2], [3, 4]]).repeat(2, 1, 3), [[[1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4]], [[1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4]]], [2, 2, 6]],
    ['y.flip(0, -1)', () => y().flip(0, -1), [[[15, 14, 13, 12], [19, 18, 17, 16], [23, 22, 21, 20]], [[3, 2, 1, 0], [7, 6, 5, 4], [11, 10, 9, 8]]], [2, 3, 4]],
    ['x.roll(1)', () => x().roll(1), [[11, 0, 1, 2], [3, 4, 5, 6], [7, 8, 9, 10]], [3, 4]],
    ['x.roll((1, -1), (0, 1))', () => x().roll([1, -1], [0, 1]), [[9, 10, 11, 8], [1, 2, 3, 0], [5, 6, 7, 4]], [3, 4]],
    ['x.roll(5, 1)', () => x().roll(5, 1), [[3, 0, 1, 2], [7, 4, 5, 6], [11, 8, 9, 10]], [3, 4]],
    ['x.tril()', () => x().tril(), [[0, 0, 0, 0], [4, 5, 0, 0], [8, 9, 10, 0]], [3, 4]],
    ['x.tril(1)', () => x().tril(1), [[0, 1, 0, 0], [4, 5, 6, 0], [8, 9, 10, 11]], [3, 4]],
    ['x.triu()', () => x().triu(), [[0, 1, 2, 3], [0, 5, 6, 7], [0, 0, 10, 11]], [3, 4]],
    ['x.triu(-1)', () => x().triu(-1), [[0, 1, 2, 3], [4, 5, 6, 7], [0, 9, 10, 11]], [3, 4]],
    ['y.tril(-1)', () => y().tril(-1), [[[0, 0, 0, 0], [4, 0, 0, 0], [8, 9, 0, 0]], [[0, 0, 0, 0], [16, 0, 0, 0], [20, 21, 0, 0]]], [2, 3, 4]],
  ];
  for (const [label, f, values, shape] of cases) {
    it(label, () => {
      const t = f();
      expect(t.shape).toEqual(shape);
      expect(t.tolist()).toEqual(values);
    });
  }

  it('split, chunk and unbind', () => {
    expect(x().split(2).map((t) => t.tolist())).toEqual([[[0, 1, 2, 3], [4, 5, 6, 7]], [[8, 9, 10, 11]]]);
    expect(x().split([1, 3], 1).map((t) => t.tolist())).toEqual([[[0], [4], [8]], [[1, 2, 3], [5, 6, 7], [9, 10, 11]]]);
    expect(x().chunk(3, 1).map((t) => t.tolist())).toEqual([[[0, 1], [4, 5], [8, 9]], [[2, 3], [6, 7], [10, 11]]]);
    expect(x().unbind(1).map((t) => t.tolist())).toEqual([[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]]);
    expect(torch.arange(10).chunk(4).map((t) => t.shape)).toEqual([[3], [3], [3], [1]]);
    expect(torch.arange(5).chunk(4).map((t) => t.shape)).toEqual([[2], [2], [1]]);
    expect(torch.zeros(0, 2).chunk(3).map((t) => t.shape)).toEqual([[0, 2], [0, 2], [0, 2]]);
    expect(x().split(5).length).toBe(1);
  });

  it('dtypes: cat and stack promote, indexing keeps the dtype', () => {
    const c = torch.cat([torch.tensor([[1n, 2n]]), torch.tensor([[0.5, 1.5]])]);
    expect([c.dtype, c.tolist()]).toEqual(['float32', [[1, 2], [0.5, 1.5]]]);
    expect(torch.stack([torch.tensor([1], { dtype: 'float64' }), torch.tensor([2n])]).dtype).toBe('float64');
    expect(String(torch.arange(6).index(torch.slice(1, null, 2)))).toBe('tensor([1, 3, 5])');
    expect(String(torch.arange(6).view(2, 3).long().masked_fill(torch.tensor([true, false, true]), 2.7))).toBe('tensor([[2, 1, 2],\n        [2, 4, 2]])');
  });

  it('prints as PyTorch does', () => {
    expect(String(xs().index(1))).toBe('tensor([4., 5., 6., 7.], grad_fn=<SelectBackward0>)');
    expect(String(xs().index(xs().gt(8)))).toBe('tensor([ 9., 10., 11.], grad_fn=<IndexBackward0>)');
    expect(String(torch.slice(1, 3))).toBe('slice(1, 3, None)');
  });
});

describe('Node names and saved attributes', () => {
  const v = () => torch.tensor(2, { requires_grad: true });
  const mask = '(tensor([[False, False, False, False],\n        [False, False,  True,  True],\n        [ True,  True,  True,  True]]),)';
  const maskT = 'tensor([[False, False, False, False],\n        [False, False,  True,  True],\n        [ True,  True,  True,  True]])';
  const cases: [string, () => Tensor, string, Record<string, string>][] = [
    ['x[1]', () => xs().index(1), 'SelectBackward0', { _saved_dim: '0', _saved_index: '1', _saved_self_sym_sizes: '(3, 4)' }],
    ['x[:, -1]', () => xs().index(null, -1), 'SelectBackward0', { _saved_dim: '1', _saved_index: '18446744073709551615', _saved_self_sym_sizes: '(3, 4)' }],
    ['x[1:3]', () => xs().index(torch.slice(1, 3)), 'SliceBackward0', { _saved_dim: '0', _saved_end: '3', _saved_self_sym_sizes: '(3, 4)', _saved_start: '1', _saved_step: '1' }],
    ['x[-2:]', () => xs().index(torch.slice(-2)), 'SliceBackward0', { _saved_dim: '0', _saved_end: '9223372036854775807', _saved_self_sym_sizes: '(3, 4)', _saved_start: '18446744073709551614', _saved_step: '1' }],
    ['x[:-1]', () => xs().index(torch.slice(null, -1)), 'SliceBackward0', { _saved_dim: '0', _saved_end: '18446744073709551615', _saved_self_sym_sizes: '(3, 4)', _saved_start: '0', _saved_step: '1' }],
    ['x[:]', () => xs().index(null), 'SliceBackward0', { _saved_dim: '0', _saved_end: '9223372036854775807', _saved_self_sym_sizes: '(3, 4)', _saved_start: '0', _saved_step: '1' }],
    ['x[::2]', () => xs().index(torch.slice(null, null, 2)), 'SliceBackward0', { _saved_dim: '0', _saved_end: '9223372036854775807', _saved_self_sym_sizes: '(3, 4)', _saved_start: '0', _saved_step: '2' }],
    ['x[[0, 2]]', () => xs().index([0, 2]), 'IndexBackward0', { _saved_indices: '(tensor([0, 2]),)', _saved_self_sym_sizes: '(3, 4)' }],
    ['x[:, tensor([0, 2])]', () => xs().index(null, long([0, 2])), 'IndexBackward0', { _saved_indices: '(None, tensor([0, 2]))', _saved_self_sym_sizes: '(3, 4)' }],
    ['y[:, [0, 1], 1:]', () => ys().index(null, [0, 1], torch.slice(1)), 'IndexBackward0', { _saved_indices: '(None, tensor([0, 1]))', _saved_self_sym_sizes: '(2, 3, 3)' }],
    ['x[x > 5]', () => xs().index(xs().gt(5)), 'IndexBackward0', { _saved_indices: mask, _saved_self_sym_sizes: '(3, 4)' }],
    ['x[...]', () => xs().index('...'), 'AliasBackward0', {}],
    ['x[()]', () => xs().index(), 'AliasBackward0', {}],
    ['x[None]', () => xs().index('newaxis'), 'UnsqueezeBackward0', { _saved_dim: '0' }],
    ['x[tensor(1)]', () => xs().index(torch.tensor(1n)), 'SelectBackward0', { _saved_dim: '0', _saved_index: '1', _saved_self_sym_sizes: '(3, 4)' }],
    ['x.narrow(-1, 1, 2)', () => xs().narrow(-1, 1, 2), 'SliceBackward0', { _saved_dim: '18446744073709551615', _saved_end: '3', _saved_self_sym_sizes: '(3, 4)', _saved_start: '1', _saved_step: '1' }],
    ['x.narrow(1, -2, 2)', () => xs().narrow(1, -2, 2), 'SliceBackward0', { _saved_dim: '1', _saved_end: '4', _saved_self_sym_sizes: '(3, 4)', _saved_start: '2', _saved_step: '1' }],
    ['x.select(-1, 0)', () => xs().select(-1, 0), 'SelectBackward0', { _saved_dim: '18446744073709551615', _saved_index: '0', _saved_self_sym_sizes: '(3, 4)' }],
    ['x.select(0, -1)', () => xs().select(0, -1), 'SelectBackward0', { _saved_dim: '0', _saved_index: '18446744073709551615', _saved_self_sym_sizes: '(3, 4)' }],
    ['x.split(2)[0]', () => xs().split(2)[0], 'SplitBackward0', { _saved_dim: '0', _saved_self_sym_sizes: '(3, 4)', _saved_split_size: '2' }],
    ['x.split([1, 3], -1)[1]', () => xs().split([1, 3], -1)[1], 'SplitWithSizesBackward0', { _saved_dim: '18446744073709551615', _saved_self_sym_sizes: '(3, 4)', _saved_split_sizes: '(1, 3)' }],
    ['x.chunk(2, 1)[0]', () => xs().chunk(2, 1)[0], 'SplitBackward0', { _saved_dim: '1', _saved_self_sym_sizes: '(3, 4)', _saved_split_size: '2' }],
    ['x.unbind(-1)[0]', () => xs().unbind(-1)[0], 'UnbindBackward0', { _saved_dim: '18446744073709551615' }],
    ['torch.cat([x, x], -1)', () => torch.cat([xs(), xs()], -1), 'CatBackward0', { _saved_dim: '18446744073709551615' }],
    ['torch.stack([x, x], 1)', () => torch.stack([xs(), xs()], 1), 'StackBackward0', { _saved_dim: '1' }],
    ['x.index_select(-1, tensor([0, 2]))', () => xs().index_select(-1, long([0, 2])), 'IndexSelectBackward0', { _saved_dim: '18446744073709551615', _saved_index: 'tensor([0, 2])', _saved_self_sym_sizes: '(3, 4)' }],
    [
      'x.gather(1, tensor([[0], [1], [2]]))',
      () => xs().gather(1, long([[0], [1], [2]])),
      'GatherBackward0',
      {
        _saved_dim: '1',
        _saved_index: 'tensor([[0],\n        [1],\n        [2]])',
        _saved_self: 'tensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]], requires_grad=True)',
        _saved_sparse_grad: 'False',
      },
    ],
    ['x.masked_fill(x > 5, 0.)', () => xs().masked_fill(xs().gt(5), 0), 'MaskedFillBackward0', { _saved_mask: maskT }],
    ['x.masked_fill(x > 5, v)', () => xs().masked_fill(xs().gt(5), v()), 'MaskedFillBackward1', { _saved_mask: maskT }],
    ['x.repeat(2, 1, 3)', () => xs().repeat(2, 1, 3), 'RepeatBackward0', { _saved_repeats: '(2, 1, 3)', _saved_self_sym_sizes: '(3, 4)' }],
    ['x.flip(-1, 0)', () => xs().flip(-1, 0), 'FlipBackward0', { _saved_dims: '(18446744073709551615, 0)' }],
    ['x.roll(1)', () => xs().roll(1), 'RollBackward0', { _saved_dims: '()', _saved_shifts: '(1,)' }],
    ['x.roll((1, -2), (-1, 0))', () => xs().roll([1, -2], [-1, 0]), 'RollBackward0', { _saved_dims: '(18446744073709551615, 0)', _saved_shifts: '(1, 18446744073709551614)' }],
    ['x.tril(1)', () => xs().tril(1), 'TrilBackward0', { _saved_diagonal: '1' }],
    ['x.triu(-1)', () => xs().triu(-1), 'TriuBackward0', { _saved_diagonal: '18446744073709551615' }],
  ];
  for (const [label, f, name, saved] of cases) {
    it(label, () => {
      const t = f();
      expect(t.grad_fn!.name()).toBe(name);
      expect(savedReprs(t)).toEqual(saved);
    });
  }

  it('multi-output nodes: every output shares one node, in output order', () => {
    const x = xs();
    const parts = x.split(2);
    expect(parts[0].grad_fn).toBe(parts[1].grad_fn);
    expect(parts.map((p) => p._output_nr)).toEqual([0, 1]);
    expect(parts[0].grad_fn!.num_outputs()).toBe(2);
    expect(x.unbind(1)[3]._output_nr).toBe(3);
  });

  it('next_functions: int and slice entries are applied before the advanced index', () => {
    expect(nextNames(xs().index(0, long([0, 2])))).toEqual(['SelectBackward0']);
    expect(nextNames(xs().index(null, long([0, 2])))).toEqual(['torch::autograd::AccumulateGrad']);
    expect(nextNames(xs().index('newaxis', 0))).toEqual(['UnsqueezeBackward0']);
    expect(nextNames(ys().index(null, long([[0, 1], [1, 2]]), 0))).toEqual(['SelectBackward0']);
    expect(nextNames(torch.cat([xs(), xs().detach()]))).toEqual(['torch::autograd::AccumulateGrad', null]);
    expect(nextNames(xs().index_select(0, long([0, 2])))).toEqual(['torch::autograd::AccumulateGrad']);
    expect(nextNames(xs().masked_fill(torch.tensor(true), torch.tensor(1, { requires_grad: true })))).toEqual(['torch::autograd::AccumulateGrad', 'torch::autograd::AccumulateGrad']);
  });
});

describe('gradients', () => {
  /** a = arange(numel).view(shape); (f(a) * arange(1, n + 1)).sum().backward(); a.grad */
  function weightedGrad(f: (a: Tensor) => Tensor): unknown {
    const a = torch.arange(12, { dtype: 'float32' }).view(3, 4).requires_grad_();
    const out = f(a);
    out.mul(torch.arange(1, out.numel() + 1, { dtype: 'float32' }).view(out.shape)).sum().backward();
    return a.grad!.tolist();
  }
  const cases: [string, (a: Tensor) => Tensor, unknown][] = [
    ['x[[0, 0, 2]]', (a) => a.index([0, 0, 2]), [[6, 8, 10, 12], [0, 0, 0, 0], [9, 10, 11, 12]]],
    ['x[x > 5]', (a) => a.index(a.gt(5)), [[0, 0, 0, 0], [0, 0, 1, 2], [3, 4, 5, 6]]],
    ['x.gather(1, [[3, 3], [1, 1], [2, 3]])', (a) => a.gather(1, long([[3, 3], [1, 1], [2, 3]])), [[0, 0, 0, 3], [0, 7, 0, 0], [0, 0, 5, 6]]],
    ['x.index_select(1, [3, 0, 3])', (a) => a.index_select(1, long([3, 0, 3])), [[2, 0, 0, 4], [5, 0, 0, 10], [8, 0, 0, 16]]],
    ['x.repeat(2, 1, 2)', (a) => a.repeat(2, 1, 2), [[60, 64, 68, 72], [92, 96, 100, 104], [124, 128, 132, 136]]],
    ['x.roll((1, -1), (0, 1))', (a) => a.roll([1, -1], [0, 1]), [[8, 5, 6, 7], [12, 9, 10, 11], [4, 1, 2, 3]]],
    ['x.flip(1)', (a) => a.flip(1), [[4, 3, 2, 1], [8, 7, 6, 5], [12, 11, 10, 9]]],
    ['x.tril(1)', (a) => a.tril(1), [[1, 2, 0, 0], [5, 6, 7, 0], [9, 10, 11, 12]]],
    ['x.masked_fill(x > 6, 0.)', (a) => a.masked_fill(a.gt(6), 0), [[1, 2, 3, 4], [5, 6, 7, 0], [0, 0, 0, 0]]],
    ['x[::2, 1:]', (a) => a.index(torch.slice(null, null, 2), torch.slice(1)), [[0, 1, 2, 3], [0, 0, 0, 0], [0, 4, 5, 6]]],
    ['torch.cat([x, x[:, :1]], 1)', (a) => torch.cat([a, a.index(null, torch.slice(null, 1))], 1), [[6, 2, 3, 4], [16, 7, 8, 9], [26, 12, 13, 14]]],
  ];
  for (const [label, f, grad] of cases) it(label, () => expect(weightedGrad(f)).toEqual(grad));

  it('masked_fill with a tensor value: the value gets the sum of the filled gradients', () => {
    const v = torch.tensor(2, { requires_grad: true });
    const a = xs();
    a.masked_fill(a.gt(6), v).mul(torch.arange(12, { dtype: 'float32' }).view(3, 4)).sum().backward();
    expect(v.grad!.item()).toBe(45);
    expect(a.grad!.tolist()).toEqual([[0, 1, 2, 3], [4, 5, 6, 0], [0, 0, 0, 0]]);
  });

  it('multi-output ops: outputs whose gradient never arrives count as zeros', () => {
    const a = torch.arange(4, { dtype: 'float32' }).requires_grad_();
    const [p] = a.split(2);
    p.sum().backward();
    expect(a.grad!.tolist()).toEqual([1, 1, 0, 0]);
    a.grad = null;
    a.unbind()[1].mul(3).backward();
    expect(a.grad!.tolist()).toEqual([0, 3, 0, 0]);
    a.grad = null;
    const [, c2] = a.chunk(3);
    torch.autograd.backward([c2], [torch.tensor([5, 7])]);
    expect(a.grad!.tolist()).toEqual([0, 0, 5, 7]);
  });

  it('double backward: the backward ops are recorded under PyTorch names', () => {
    const cases: [(x: Tensor) => Tensor | Tensor[], string, (string | null)[]][] = [
      [(x) => x.narrow(1, 1, 2), 'SliceBackwardBackward0', ['torch::autograd::AccumulateGrad']],
      [(x) => x.select(1, 1), 'SelectBackwardBackward0', ['torch::autograd::AccumulateGrad']],
      [(x) => x.index(long([0, 0])), 'IndexPutImplBackward0', [null, 'torch::autograd::AccumulateGrad']],
      [(x) => x.index(x.gt(0)), 'IndexPutImplBackward0', [null, 'torch::autograd::AccumulateGrad']],
      [(x) => x.index_select(0, long([0, 0])), 'IndexAddBackward0', [null, 'torch::autograd::AccumulateGrad']],
      [(x) => x.gather(1, long([[0], [1], [1]])), 'ScatterAddBackward0', [null, 'torch::autograd::AccumulateGrad']],
      [(x) => torch.cat([x, x]), 'AddBackward0', ['SliceBackward0', 'SliceBackward0']],
      [(x) => torch.stack([x, x]), 'AddBackward0', ['SelectBackward0', 'SelectBackward0']],
      [(x) => x.split(2), 'CatBackward0', ['torch::autograd::AccumulateGrad', null]],
      [(x) => x.unbind(), 'StackBackward0', ['torch::autograd::AccumulateGrad', null, null]],
      [(x) => x.masked_fill(x.gt(0), 1), 'MaskedFillBackward0', ['torch::autograd::AccumulateGrad']],
      [(x) => x.repeat(2, 1), 'SumBackward1', ['ViewBackward0']],
      [(x) => x.flip(0), 'FlipBackward0', ['torch::autograd::AccumulateGrad']],
      [(x) => x.roll(1, 0), 'RollBackward0', ['torch::autograd::AccumulateGrad']],
      [(x) => x.tril(), 'TrilBackward0', ['torch::autograd::AccumulateGrad']],
    ];
    for (const [f, name, next] of cases) {
      torch.manual_seed(0);
      const x = torch.randn(3, 4, { dtype: 'float64', requires_grad: true });
      const out = f(x);
      const y = Array.isArray(out) ? out[0] : out;
      const g = torch.randn(y.shape, { dtype: 'float64', requires_grad: true });
      const [r] = torch.autograd.grad(y, x, { grad_outputs: g, create_graph: true });
      expect([r!.grad_fn!.name(), nextNames(r)]).toEqual([name, next]);
    }
  });
});

describe('views share storage and the version counter', () => {
  const viewCases: [string, (x: Tensor) => Tensor][] = [
    ['narrow', (x) => x.narrow(1, 1, 2)],
    ['select', (x) => x.select(0, 1)],
    ['x[1:, ::2]', (x) => x.index(torch.slice(1), torch.slice(null, null, 2))],
    ['x[:, None, 0]', (x) => x.index(null, 'newaxis', 0)],
    ['split', (x) => x.split(2)[1]],
    ['chunk', (x) => x.chunk(2, 1)[1]],
    ['unbind', (x) => x.unbind(1)[2]],
  ];
  for (const [label, f] of viewCases) {
    it(label, () => {
      const base = torch.arange(12, { dtype: 'float32' }).view(3, 4);
      const root = base._base!;
      const v = f(base);
      expect(v._base).toBe(root);
      const before = base._version;
      torch.no_grad(() => v.add_(100));
      expect(base._version).toBe(before + 1);
      expect(v._versionCounter).toBe(base._versionCounter);
      const changed = base.tolist() as number[][];
      expect(changed.flat().filter((n) => n >= 100).length).toBe(v.numel());
      torch.no_grad(() => v.copy_(torch.zeros(v.shape)));
      expect(base._version).toBe(before + 2);
    });
  }

  it('writes through x[1:3] reach the base, and the base sees the values', () => {
    const base = torch.zeros(3, 4);
    torch.no_grad(() => base.index(torch.slice(1, 3), 0).copy_(torch.tensor([5, 6])));
    expect(base.tolist()).toEqual([[0, 0, 0, 0], [5, 0, 0, 0], [6, 0, 0, 0]]);
  });

  it('advanced indexing, gather and cat copy', () => {
    const base = torch.arange(12, { dtype: 'float32' }).view(3, 4);
    for (const t of [base.index([0, 1]), base.index(base.gt(3)), base.gather(1, long([[0], [1], [2]])), torch.cat([base, base]), base.flip(0)]) {
      expect(t._base).toBe(null);
      expect(t._versionCounter).not.toBe(base._versionCounter);
    }
  });

  it('an in-place change of a saved index tensor is caught at backward', () => {
    const x = xs();
    const index = long([[0], [1], [2]]);
    const y = x.gather(1, index);
    torch.no_grad(() => index.add_(1));
    expect(errorOf(() => y.sum().backward())).toBe(
      'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.LongTensor [3, 1]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
    );
  });
});

describe('errors, as PyTorch words them', () => {
  const x = () => torch.randn(3, 4);
  const y = () => torch.randn(2, 3, 4, 5);
  const cases: [string, () => unknown, string][] = [
    ['x[5]', () => x().index(5), 'index 5 is out of bounds for dimension 0 with size 3'],
    ['x[-4]', () => x().index(-4), 'index -4 is out of bounds for dimension 0 with size 3'],
    ['x[:, 4]', () => x().index(null, 4), 'index 4 is out of bounds for dimension 1 with size 4'],
    ['y[None, 0, 5]', () => y().index('newaxis', 0, 5), 'index 5 is out of bounds for dimension 2 with size 3'],
    ['x[tensor([5])]', () => x().index(long([5])), 'index 5 is out of bounds for dimension 0 with size 3'],
    ['x[tensor([-4])]', () => x().index(long([-4])), 'index -4 is out of bounds for dimension 0 with size 3'],
    ['x[:, tensor([4])]', () => x().index(null, long([4])), 'index 4 is out of bounds for dimension 0 with size 4'],
    ['y[:, :, tensor([0]), tensor([7])]', () => y().index(null, null, long([0]), long([7])), 'index 7 is out of bounds for dimension 1 with size 5'],
    ['x[0, 0, 0]', () => x().index(0, 0, 0), 'too many indices for tensor of dimension 2'],
    ['x[tensor([[0, 1], [2, 2]]), 0, 0]', () => x().index(long([[0, 1], [2, 2]]), 0, 0), 'too many indices for tensor of dimension 2'],
    ['x[tensor([True, False])]', () => x().index(torch.tensor([true, false])), 'The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0'],
    ['y[:, ones(3, 5).bool()]', () => y().index(null, torch.ones(3, 5).bool()), 'The shape of the mask [3, 5] at index 1 does not match the shape of the indexed tensor [2, 3, 4, 5] at index 2'],
    ['x[::-1]', () => x().index(torch.slice(null, null, -1)), 'step must be greater than zero'],
    ['x[::0]', () => x().index(torch.slice(null, null, 0)), 'slice step cannot be zero'],
    ['x[0.5:1]', () => x().index(torch.slice(0.5, 1)), 'slice indices must be integers or None or have an __index__ method'],
    ['x[0.5]', () => x().index(0.5), 'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)'],
    ['x[tensor([0.5])]', () => x().index(torch.tensor([0.5])), 'tensors used as indices must be long, byte or bool tensors'],
    ['x[tensor([0, 1]), tensor([0, 1, 2])]', () => x().index(long([0, 1]), long([0, 1, 2])), 'shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]'],
    ['torch.cat([])', () => torch.cat([]), 'torch.cat(): expected a non-empty list of Tensors'],
    ['torch.cat([x, randn(3, 3)])', () => torch.cat([x(), torch.randn(3, 3)]), 'Sizes of tensors must match except in dimension 0. Expected size 4 but got size 3 for tensor number 1 in the list.'],
    ['torch.cat([x, randn(2, 3)], 1)', () => torch.cat([x(), torch.randn(2, 3)], 1), 'Sizes of tensors must match except in dimension 1. Expected size 3 but got size 2 for tensor number 1 in the list.'],
    ['torch.cat([x, randn(3)])', () => torch.cat([x(), torch.randn(3)]), 'Tensors must have same number of dimensions: got 2 and 1'],
    ['torch.cat([x, x], 2)', () => torch.cat([x(), x()], 2), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['torch.cat([randn(()), randn(())])', () => torch.cat([torch.randn([]), torch.randn([])]), 'zero-dimensional tensor (at position 0) cannot be concatenated'],
    ['torch.stack([])', () => torch.stack([]), 'stack expects a non-empty TensorList'],
    ['torch.stack([randn(2), randn(3)])', () => torch.stack([torch.randn(2), torch.randn(3)]), 'stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1'],
    ['torch.stack([x, x], 3)', () => torch.stack([x(), x()], 3), 'Dimension out of range (expected to be in range of [-3, 2], but got 3)'],
    ['x.narrow(1, 3, 2)', () => x().narrow(1, 3, 2), 'start (3) + length (2) exceeds dimension size (4).'],
    ['x.narrow(1, 5, 0)', () => x().narrow(1, 5, 0), 'Dimension out of range (expected to be in range of [-4, 3], but got 5)'],
    ['x.narrow(1, 0, -1)', () => x().narrow(1, 0, -1), 'start (0) + length (-1) exceeds dimension size (4).'],
    ['randn(()).narrow(0, 0, 1)', () => torch.randn([]).narrow(0, 0, 1), 'narrow() cannot be applied to a 0-dim tensor.'],
    ['x.select(0, 3)', () => x().select(0, 3), 'select(): index 3 out of range for tensor of size [3, 4] at dimension 0'],
    ['x.select(1, -5)', () => x().select(1, -5), 'select(): index -5 out of range for tensor of size [3, 4] at dimension 1'],
    ['randn(()).select(0, 0)', () => torch.randn([]).select(0, 0), 'select() cannot be applied to a 0-dim tensor.'],
    ['x.split(0)', () => x().split(0), 'split_size can only be 0 if dimension size is 0, but got dimension size of 3'],
    ['x.split(-1)', () => x().split(-1), 'split expects split_size be non-negative, but got split_size=-1'],
    ['x.split([1, 1])', () => x().split([1, 1]), "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 0), but got split_sizes=[1, 1]"],
    ['x.split([4, -1])', () => x().split([4, -1]), 'split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[4, -1]'],
    ['randn(()).split(1)', () => torch.randn([]).split(1), 'split expects at least a 1-dimensional tensor'],
    ['x.chunk(0)', () => x().chunk(0), 'chunk expects `chunks` to be greater than 0, got: 0'],
    ['randn(()).chunk(1)', () => torch.randn([]).chunk(1), 'chunk expects at least a 1-dimensional tensor'],
    ['randn(()).unbind()', () => torch.randn([]).unbind(), 'Dimension specified as 0 but tensor has no dimensions'],
    ['x.index_select(0, tensor([3]))', () => x().index_select(0, long([3])), 'index out of range in self'],
    ['x.index_select(0, tensor([-1]))', () => x().index_select(0, long([-1])), 'index out of range in self'],
    ['x.index_select(0, tensor([0.]))', () => x().index_select(0, torch.tensor([0])), 'index_select(): Expected dtype int32 or int64 for index'],
    ['x.index_select(0, tensor([[0]]))', () => x().index_select(0, long([[0]])), 'index_select(): Index is supposed to be a vector'],
    ['x.gather(1, tensor([[4]]))', () => x().gather(1, long([[4]])), 'index 4 is out of bounds for dimension 1 with size 4'],
    ['x.gather(1, tensor([[-1]]))', () => x().gather(1, long([[-1]])), 'index -1 is out of bounds for dimension 1 with size 4'],
    ['x.gather(1, tensor([[0]] * 4))', () => x().gather(1, long([[0], [0], [0], [0]])), 'Size does not match at dimension 0 expected index [4, 1] to be smaller than self [3, 4] apart from dimension 1'],
    ['x.gather(1, tensor([0]))', () => x().gather(1, long([0])), 'Index tensor must have the same number of dimensions as input tensor'],
    ['x.gather(1, tensor([0.]))', () => x().gather(1, torch.tensor([0])), 'gather(): Expected dtype int64 for index'],
    ['x.masked_fill(ones(3, 4).bool(), ones(2))', () => x().masked_fill(torch.ones(3, 4).bool(), torch.ones(2)), 'masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).'],
    ['x.masked_fill(ones(5).bool(), 1.)', () => x().masked_fill(torch.ones(5).bool(), 1), 'The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 1'],
    ['x.repeat(2)', () => x().repeat(2), 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor'],
    ['x.repeat(-1, 1)', () => x().repeat(-1, 1), 'Trying to create tensor with negative dimension -3: [-3, 4]'],
    ['x.flip(0, 0)', () => x().flip(0, 0), 'dim 0 appears multiple times in the list of dims'],
    ['x.flip(2)', () => x().flip(2), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.roll(1, 2)', () => x().roll(1, 2), 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['x.roll((1, 2), 0)', () => x().roll([1, 2], 0), 'shifts and dimensions must align. shifts: 2, dims:1'],
    ['x.roll((1, 2))', () => x().roll([1, 2]), 'shifts and dimensions must align. shifts: 2, dims:0'],
    ['x.roll((), ())', () => x().roll([], []), '`shifts` required'],
    ['randn(3).tril()', () => torch.randn(3).tril(), 'Dimension out of range (expected to be in range of [-1, 0], but got -2)'],
    ['randn(()).triu()', () => torch.randn([]).triu(), 'Dimension specified as -2 but tensor has no dimensions'],
  ];
  for (const [label, f, message] of cases) it(label, () => expect(errorOf(f)).toBe(message));
});

// The property-based gradcheck and gradgradcheck of these ops read engine/testing/op_db.ts.
