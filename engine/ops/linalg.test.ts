import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Tensor } from '../tensor';
import torch from '../index';

const { arange, randn, addmm, bmm, dot, matmul, mm, mv, outer, sum } = torch;
const { gradcheck, grad } = torch.autograd;
import { enable_grad } from '../autograd/grad_mode';
import { graphText } from '../nn/test_helpers';
import './shape';

/** PyTorch's `(torch.arange(n, dtype=torch.float64) * 0.5 - 1).reshape(shape)`: exact in binary. */
function ar(shape: readonly number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return arange(n, { dtype: 'float64' }).mul(0.5).sub(1).reshape(shape);
}

/** `a @ b` in PyTorch (values from 1.13, graphs from 2.14) for each rank combination. */
const MATMUL_CASES = [
  { a: [3], b: [3], shape: [], values: [1.25], graph: "DotBackward0 _saved_self=T(3,) _saved_tensor=T(3,)\n  torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad " },
  { a: [2, 3], b: [3, 4], shape: [2, 4], values: [0.5, -0.25, -1.0, -1.75, 5.0, 6.5, 8.0, 9.5], graph: "MmBackward0 _saved_mat2=T(3, 4) _saved_mat2_sym_sizes=(3, 4) _saved_mat2_sym_strides=(4, 1) _saved_self=T(2, 3) _saved_self_sym_sizes=(2, 3) _saved_self_sym_strides=(3, 1)\n  torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad " },
  { a: [3], b: [3, 4], shape: [4], values: [0.5, -0.25, -1.0, -1.75], graph: "SqueezeBackward4 _saved_dim=0 _saved_self_sym_sizes=(1, 4)\n  MmBackward0 _saved_mat2=T(3, 4) _saved_mat2_sym_sizes=(3, 4) _saved_mat2_sym_strides=(4, 1) _saved_self=T(1, 3) _saved_self_sym_sizes=(1, 3) _saved_self_sym_strides=(3, 1)\n    UnsqueezeBackward0 _saved_dim=0\n      torch::autograd::AccumulateGrad \n    torch::autograd::AccumulateGrad " },
  { a: [2, 3], b: [3], shape: [2], values: [1.25, -1.0], graph: "MvBackward0 _saved_self=T(2, 3) _saved_vec=T(3,)\n  torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad " },
  { a: [2, 3, 4], b: [4, 5], shape: [2, 3, 5], values: [3.5, 3.0, 2.5, 2.0, 1.5, 25.5, 29.0, 32.5, 36.0, 39.5, 47.5, 55.0, 62.5, 70.0, 77.5, 69.5, 81.0, 92.5, 104.0, 115.5, 91.5, 107.0, 122.5, 138.0, 153.5, 113.5, 133.0, 152.5, 172.0, 191.5], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(6, 5)\n  MmBackward0 _saved_mat2=T(4, 5) _saved_mat2_sym_sizes=(4, 5) _saved_mat2_sym_strides=(5, 1) _saved_self=T(6, 4) _saved_self_sym_sizes=(6, 4) _saved_self_sym_strides=(4, 1)\n    ViewBackward0 _saved_self_sym_sizes=(2, 3, 4)\n      torch::autograd::AccumulateGrad \n    torch::autograd::AccumulateGrad " },
  { a: [4], b: [2, 4, 5], shape: [2, 5], values: [3.5, 3.0, 2.5, 2.0, 1.5, -6.5, -7.0, -7.5, -8.0, -8.5], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(10,)\n  MvBackward0 _saved_self=T(10, 4) _saved_vec=T(4,)\n    UnsafeViewBackward0 _saved_self_sym_sizes=(2, 5, 4)\n      CloneBackward0 \n        TransposeBackward0 _saved_dim0=18446744073709551614 _saved_dim1=18446744073709551615\n          torch::autograd::AccumulateGrad \n    torch::autograd::AccumulateGrad " },
  { a: [2, 3, 4], b: [4], shape: [2, 3], values: [1.5, -0.5, -2.5, -4.5, -6.5, -8.5], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(6,)\n  MvBackward0 _saved_self=T(6, 4) _saved_vec=T(4,)\n    ViewBackward0 _saved_self_sym_sizes=(2, 3, 4)\n      torch::autograd::AccumulateGrad \n    torch::autograd::AccumulateGrad " },
  { a: [2, 3, 4], b: [2, 4, 5], shape: [2, 3, 5], values: [3.5, 3.0, 2.5, 2.0, 1.5, 25.5, 29.0, 32.5, 36.0, 39.5, 47.5, 55.0, 62.5, 70.0, 77.5, 299.5, 311.0, 322.5, 334.0, 345.5, 401.5, 417.0, 432.5, 448.0, 463.5, 503.5, 523.0, 542.5, 562.0, 581.5], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(2, 3, 5)\n  BmmBackward0 _saved_mat2=T(2, 4, 5) _saved_self=T(2, 3, 4)\n    ViewBackward0 _saved_self_sym_sizes=(2, 3, 4)\n      ExpandBackward0 _saved_self_sym_sizes=(2, 3, 4)\n        torch::autograd::AccumulateGrad \n    ViewBackward0 _saved_self_sym_sizes=(2, 4, 5)\n      ExpandBackward0 _saved_self_sym_sizes=(2, 4, 5)\n        torch::autograd::AccumulateGrad " },
  { a: [3], b: [2, 3, 4], shape: [2, 4], values: [0.5, -0.25, -1.0, -1.75, -8.5, -9.25, -10.0, -10.75], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(8,)\n  MvBackward0 _saved_self=T(8, 3) _saved_vec=T(3,)\n    UnsafeViewBackward0 _saved_self_sym_sizes=(2, 4, 3)\n      CloneBackward0 \n        TransposeBackward0 _saved_dim0=18446744073709551614 _saved_dim1=18446744073709551615\n          torch::autograd::AccumulateGrad \n    torch::autograd::AccumulateGrad " },
  { a: [2, 3, 4], b: [1, 4, 5], shape: [2, 3, 5], values: [3.5, 3.0, 2.5, 2.0, 1.5, 25.5, 29.0, 32.5, 36.0, 39.5, 47.5, 55.0, 62.5, 70.0, 77.5, 69.5, 81.0, 92.5, 104.0, 115.5, 91.5, 107.0, 122.5, 138.0, 153.5, 113.5, 133.0, 152.5, 172.0, 191.5], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(6, 5)\n  MmBackward0 _saved_mat2=T(4, 5) _saved_mat2_sym_sizes=(4, 5) _saved_mat2_sym_strides=(5, 1) _saved_self=T(6, 4) _saved_self_sym_sizes=(6, 4) _saved_self_sym_strides=(4, 1)\n    ViewBackward0 _saved_self_sym_sizes=(2, 3, 4)\n      torch::autograd::AccumulateGrad \n    SqueezeBackward1 _saved_dim=0 _saved_self_sym_sizes=(1, 4, 5)\n      torch::autograd::AccumulateGrad " },
  { a: [2, 1, 3, 4], b: [5, 4, 2], shape: [2, 5, 3, 2], values: [2.0, 1.5, 6.0, 9.5, 10.0, 17.5, -2.0, -2.5, 34.0, 37.5, 70.0, 77.5, -6.0, -6.5, 62.0, 65.5, 130.0, 137.5, -10.0, -10.5, 90.0, 93.5, 190.0, 197.5, -14.0, -14.5, 118.0, 121.5, 250.0, 257.5, 14.0, 25.5, 18.0, 33.5, 22.0, 41.5, 106.0, 117.5, 142.0, 157.5, 178.0, 197.5, 198.0, 209.5, 266.0, 281.5, 334.0, 353.5, 290.0, 301.5, 390.0, 405.5, 490.0, 509.5, 382.0, 393.5, 514.0, 529.5, 646.0, 665.5], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(10, 3, 2)\n  BmmBackward0 _saved_mat2=T(10, 4, 2) _saved_self=T(10, 3, 4)\n    UnsafeViewBackward0 _saved_self_sym_sizes=(2, 5, 3, 4)\n      CloneBackward0 \n        ExpandBackward0 _saved_self_sym_sizes=(2, 1, 3, 4)\n          torch::autograd::AccumulateGrad \n    UnsafeViewBackward0 _saved_self_sym_sizes=(2, 5, 4, 2)\n      CloneBackward0 \n        ExpandBackward0 _saved_self_sym_sizes=(5, 4, 2)\n          torch::autograd::AccumulateGrad " },
  { a: [2, 3], b: [2, 3, 4], shape: [2, 2, 4], values: [0.5, -0.25, -1.0, -1.75, 5.0, 6.5, 8.0, 9.5, -8.5, -9.25, -10.0, -10.75, 23.0, 24.5, 26.0, 27.5], graph: "CloneBackward0 \n  TransposeBackward0 _saved_dim0=18446744073709551614 _saved_dim1=18446744073709551615\n    UnsafeViewBackward0 _saved_self_sym_sizes=(8, 2)\n      MmBackward0 _saved_mat2=T(3, 2)nc _saved_mat2_sym_sizes=(3, 2) _saved_mat2_sym_strides=(1, 3) _saved_self=T(8, 3) _saved_self_sym_sizes=(8, 3) _saved_self_sym_strides=(3, 1)\n        UnsafeViewBackward0 _saved_self_sym_sizes=(2, 4, 3)\n          CloneBackward0 \n            TransposeBackward0 _saved_dim0=18446744073709551614 _saved_dim1=18446744073709551615\n              torch::autograd::AccumulateGrad \n        TBackward0 \n          torch::autograd::AccumulateGrad " },
  { a: [2, 2, 3, 4], b: [4, 2], shape: [2, 2, 3, 2], values: [2.0, 1.5, 6.0, 9.5, 10.0, 17.5, 14.0, 25.5, 18.0, 33.5, 22.0, 41.5, 26.0, 49.5, 30.0, 57.5, 34.0, 65.5, 38.0, 73.5, 42.0, 81.5, 46.0, 89.5], graph: "UnsafeViewBackward0 _saved_self_sym_sizes=(12, 2)\n  MmBackward0 _saved_mat2=T(4, 2) _saved_mat2_sym_sizes=(4, 2) _saved_mat2_sym_strides=(2, 1) _saved_self=T(12, 4) _saved_self_sym_sizes=(12, 4) _saved_self_sym_strides=(4, 1)\n    ViewBackward0 _saved_self_sym_sizes=(2, 2, 3, 4)\n      torch::autograd::AccumulateGrad \n    torch::autograd::AccumulateGrad " },
];

describe('matmul against PyTorch', () => {
  for (const c of MATMUL_CASES) {
    it(`[${c.a}] @ [${c.b}]`, () => {
      const a = ar(c.a).requires_grad_();
      const b = ar(c.b).requires_grad_();
      const r = matmul(a, b);
      expect(r.shape).toEqual(c.shape);
      expect(Array.from(r._values())).toEqual(c.values);
      expect(graphText(r)).toBe(c.graph);
    });
  }

  it('keeps a batch of transposed matrices on bmm, unless the matrix needs a gradient (should_fold, 2.x)', () => {
    const a = ar([2, 4, 3]).requires_grad_();
    expect(graphText(matmul(a.transpose(1, 2), ar([4, 5])))).toBe(
      [
        'UnsafeViewBackward0 _saved_self_sym_sizes=(2, 3, 5)',
        '  BmmBackward0 _saved_mat2=T(2, 4, 5)nc _saved_self=None',
        '    ReshapeAliasBackward0 _saved_self_sym_sizes=(2, 3, 4)',
        '      ExpandBackward0 _saved_self_sym_sizes=(2, 3, 4)',
        '        TransposeBackward0 _saved_dim0=1 _saved_dim1=2',
        '          torch::autograd::AccumulateGrad ',
        '    None',
      ].join('\n'),
    );
    expect(graphText(matmul(a.transpose(1, 2), ar([4, 5]).requires_grad_()))).toBe(
      [
        'UnsafeViewBackward0 _saved_self_sym_sizes=(6, 5)',
        '  MmBackward0 _saved_mat2=T(4, 5) _saved_mat2_sym_sizes=(4, 5) _saved_mat2_sym_strides=(5, 1) _saved_self=T(6, 4) _saved_self_sym_sizes=(6, 4) _saved_self_sym_strides=(4, 1)',
        '    UnsafeViewBackward0 _saved_self_sym_sizes=(2, 3, 4)',
        '      CloneBackward0 ',
        '        TransposeBackward0 _saved_dim0=1 _saved_dim1=2',
        '          torch::autograd::AccumulateGrad ',
        '    torch::autograd::AccumulateGrad ',
      ].join('\n'),
    );
  });

  it('multiplies int64 matrices without a graph', () => {
    const r = matmul(arange(6).reshape(2, 3), arange(3));
    expect(r.dtype).toBe('int64');
    expect(String(r)).toBe('tensor([ 5, 14])');
  });

  it('gives an empty product for zero rows and zeros for an empty inner dim', () => {
    expect(String(mm(randn(0, 3), randn(3, 2)))).toBe('tensor([], size=(0, 2))');
    expect(String(mm(randn(2, 0), randn(0, 2)))).toBe('tensor([[0., 0.],\n        [0., 0.]])');
  });
});

describe('mm, bmm, mv, dot, outer, addmm against PyTorch', () => {
  it('addmm: values, AddmmBackward0 saved values and gradients', () => {
    const b = ar([4]).requires_grad_();
    const m1 = ar([2, 3]).requires_grad_();
    const m2 = ar([3, 4]).t().contiguous().t().requires_grad_();
    const r = addmm(b, m1, m2, { beta: 0.5, alpha: 2 });
    expect(Array.from(r._values())).toEqual([0.5, -0.75, -2.0, -3.25, 9.5, 12.75, 16.0, 19.25]);
    expect(graphText(r)).toBe(
      'AddmmBackward0 _saved_alpha=2 _saved_beta=0.5 _saved_mat1=T(2, 3) _saved_mat1_sym_sizes=(2, 3) _saved_mat1_sym_strides=(3, 1) _saved_mat2=T(3, 4)nc _saved_mat2_sym_sizes=(3, 4) _saved_mat2_sym_strides=(1, 3)\n' +
        '  torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad ',
    );
    sum(r).backward();
    expect(b.grad!.tolist()).toEqual([1.0, 1.0, 1.0, 1.0]);
    expect(Array.from(m1.grad!._values())).toEqual([-2.0, 14.0, 30.0, -2.0, 14.0, 30.0]);
    expect(Array.from(m2.grad!._values())).toEqual([-1.0, -1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0, 3.0, 3.0, 3.0, 3.0]);
  });

  it('addmm saves only what the inputs needing grad use', () => {
    const r = addmm(ar([2, 4]), ar([2, 3]).requires_grad_(), ar([3, 4]));
    expect(graphText(r)).toBe(
      'AddmmBackward0 _saved_alpha=1 _saved_beta=1 _saved_mat1=None _saved_mat1_sym_sizes=(2, 3) _saved_mat1_sym_strides=(3, 1) _saved_mat2=T(3, 4) _saved_mat2_sym_sizes=(3, 4) _saved_mat2_sym_strides=()\n' +
        '  None\n  torch::autograd::AccumulateGrad \n  None',
    );
  });

  it('addmm with beta=0 ignores nan in self', () => {
    const nan = Tensor._empty([4], 'float64');
    nan._array().fill(NaN);
    const r = addmm(nan, ar([2, 3]).mul(0).add(1), ar([3, 4]).mul(0).add(1), { beta: 0 });
    expect(Array.from(r._values())).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('mm, bmm, mv, outer record PyTorch Nodes', () => {
    expect(graphText(mm(ar([2, 3]), ar([3, 4]).requires_grad_()))).toBe(
      'MmBackward0 _saved_mat2=None _saved_mat2_sym_sizes=(3, 4) _saved_mat2_sym_strides=(4, 1) _saved_self=T(2, 3) _saved_self_sym_sizes=(2, 3) _saved_self_sym_strides=()\n  None\n  torch::autograd::AccumulateGrad ',
    );
    const x = bmm(ar([2, 3, 4]).requires_grad_(), ar([2, 4, 5]));
    expect(Array.from(x._values()).slice(0, 6)).toEqual([3.5, 3.0, 2.5, 2.0, 1.5, 25.5]);
    expect(graphText(x)).toBe('BmmBackward0 _saved_mat2=T(2, 4, 5) _saved_self=None\n  torch::autograd::AccumulateGrad \n  None');
    const v = mv(ar([2, 3]).requires_grad_(), ar([3]));
    expect(v.tolist()).toEqual([1.25, -1.0]);
    expect(graphText(v)).toBe('MvBackward0 _saved_self=None _saved_vec=T(3,)\n  torch::autograd::AccumulateGrad \n  None');
    const o = outer(ar([3]).requires_grad_(), ar([2]).requires_grad_());
    expect(Array.from(o._values())).toEqual([1.0, 0.5, 0.5, 0.25, -0.0, -0.0]);
    expect(graphText(o)).toBe(
      'MulBackward0 _saved_other=T(2,) _saved_self=T(3, 1)\n  ViewBackward0 _saved_self_sym_sizes=(3,)\n    torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad ',
    );
  });

  it('Tensor methods are installed', () => {
    const a = ar([2, 3]);
    expect(a.matmul(ar([3])).tolist()).toEqual(mv(a, ar([3])).tolist());
    expect(ar([3]).dot(ar([3])).item()).toBe(dot(ar([3]), ar([3])).item());
  });
});

describe('errors as PyTorch words them', () => {
  const f32 = (...s: number[]) => randn(s);
  const f64 = (...s: number[]) => randn(s, { dtype: 'float64' });
  const cases: [string, () => unknown, string][] = [
    ['matmul 0D', () => matmul(randn([]), f32(3)), 'both arguments to matmul need to be at least 1D, but they are 0D and 1D'],
    ['matmul 0D rhs', () => matmul(f32(3), randn([])), 'both arguments to matmul need to be at least 1D, but they are 1D and 0D'],
    ['dot sizes', () => matmul(f32(3), f32(4)), 'inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively'],
    ['mv sizes', () => matmul(f32(2, 3), f32(4)), 'size mismatch, got 2, 2x3,4'],
    ['vm sizes', () => matmul(f32(3), f32(4, 5)), 'mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)'],
    ['mm sizes', () => matmul(f32(2, 3), f32(4, 5)), 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'],
    ['3d@2d sizes', () => matmul(f32(2, 2, 3), f32(4, 5)), 'mat1 and mat2 shapes cannot be multiplied (4x3 and 4x5)'],
    ['3d@1d sizes', () => matmul(f32(2, 2, 3), f32(4)), 'size mismatch, got 4, 4x3,4'],
    ['1d@3d sizes', () => matmul(f32(2), f32(2, 3, 5)), 'size mismatch, got 10, 10x3,2'],
    ['2d@3d sizes', () => matmul(f32(2, 2), f32(2, 3, 5)), 'mat1 and mat2 shapes cannot be multiplied (10x3 and 2x2)'],
    ['3d@3d sizes', () => matmul(f32(2, 2, 3), f32(2, 4, 5)), 'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].'],
    ['3d@3d batch', () => matmul(f32(2, 2, 3), f32(3, 3, 5)), 'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0'],
    ['mm 1d', () => mm(f32(3), f32(3, 4)), 'self must be a matrix'],
    ['mm 3d', () => mm(f32(2, 3), f32(2, 3, 4)), 'mat2 must be a matrix'],
    ['bmm 2d', () => bmm(f32(2, 3), f32(2, 3, 4)), 'batch1 must be a 3D tensor'],
    ['bmm batch', () => bmm(f32(2, 3, 4), f32(3, 4, 5)), 'Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].'],
    ['dot 2d', () => dot(f32(2, 3), f32(3)), '1D tensors expected, but got 2D and 1D tensors'],
    ['dot dtype', () => dot(f32(3), f64(3)), 'dot : expected both vectors to have same dtype, but found Float and Double'],
    ['mm dtype', () => mm(f32(2, 3), f64(3, 2)), 'expected scalar type Float but found Double'],
    ['matmul dtype', () => matmul(f32(2, 3, 4), f64(4, 2)), 'expected scalar type Float but found Double'],
    ['mm int and float', () => mm(arange(6).reshape(2, 3), f32(3, 4)), 'expected scalar type Long but found Float'],
    ['mv 1d', () => mv(f32(3), f32(3)), 'vector + matrix @ vector expected, got 1, 1, 1'],
    ['mv 2d vec', () => mv(f32(2, 3), f32(3, 1)), 'vector + matrix @ vector expected, got 1, 2, 2'],
    ['outer 2d', () => outer(f32(3), f32(2, 2)), 'outer: Expected 1-D argument vec2, but got 2-D'],
    ['addmm bias', () => addmm(f32(3), f32(2, 3), f32(3, 4)), 'The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]'],
    ['addmm sizes', () => addmm(f32(4), f32(2, 3), f32(2, 4)), 'mat1 and mat2 shapes cannot be multiplied (2x3 and 2x4)'],
    ['addmm 1d', () => addmm(f32(4), f32(3), f32(3, 4)), 'mat1 must be a matrix, got 1-D tensor'],
    ['addmm dtype', () => addmm(f64(2), f32(2, 3), f32(3, 2)), 'self and mat2 must have the same dtype'],
    ['mm bool', () => mm(f32(2, 2).gt(0), f32(2, 2).gt(0)), `"addmm_impl_cpu_" not implemented for 'Bool'`],
  ];
  for (const [name, fn, message] of cases) {
    it(name, () => expect(fn).toThrow(message));
  }
});

// ---- gradients ----------------------------------------------------------------------------------

const GRADCHECK = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 };

/** A float64 leaf of `shape`, or of `shape` with its last two dims swapped (to be transposed back). */
function leaf(shape: number[], transposed: boolean): Tensor {
  if (!transposed || shape.length < 2) return randn(shape, { dtype: 'float64' }).requires_grad_();
  const swapped = [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]];
  return randn(swapped, { dtype: 'float64' }).requires_grad_();
}

/** The operand as matmul sees it: the leaf itself, or its transpose (a non-contiguous view). */
function operand(t: Tensor, transposed: boolean): Tensor {
  return transposed && t.dim() >= 2 ? t.transpose(-1, -2) : t;
}

const dimSize = fc.integer({ min: 1, max: 3 });

/** Two matmul-compatible shapes of ranks 1-4, with batch dims that broadcast (some of size 1). */
const matmulShapes = fc
  .record({
    r1: fc.integer({ min: 1, max: 4 }),
    r2: fc.integer({ min: 1, max: 4 }),
    n: dimSize,
    k: dimSize,
    p: dimSize,
    batch: fc.array(dimSize, { minLength: 2, maxLength: 2 }),
    ones1: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    ones2: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    t1: fc.boolean(),
    t2: fc.boolean(),
  })
  .map(({ r1, r2, n, k, p, batch, ones1, ones2, t1, t2 }) => {
    const batchOf = (rank: number, ones: boolean[]) => batch.slice(2 - Math.max(rank - 2, 0)).map((s, i) => (ones[i] ? 1 : s));
    const s1 = r1 === 1 ? [k] : [...batchOf(r1, ones1), n, k];
    const s2 = r2 === 1 ? [k] : [...batchOf(r2, ones2), k, p];
    return { s1, s2, t1, t2 };
  });

describe('gradcheck (float64, fast-check)', () => {
  it('matmul over every rank combination, broadcast batches and transposed inputs', () => {
    fc.assert(
      fc.property(matmulShapes, ({ s1, s2, t1, t2 }) => {
        const a = leaf(s1, t1);
        const b = leaf(s2, t2);
        return gradcheck((x, y) => matmul(operand(x, t1), operand(y, t2)), [a, b], GRADCHECK);
      }),
      { numRuns: 60 },
    );
  });

  it('addmm with broadcast self, alpha and beta, transposed mats', () => {
    fc.assert(
      fc.property(dimSize, dimSize, dimSize, fc.constantFrom([], [1], ['p'], ['n', 1], ['n', 'p']), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.boolean(), (n, k, p, selfShape, alpha, beta, tr) => {
        const sizes = selfShape.map((s) => (s === 'n' ? n : s === 'p' ? p : (s as number)));
        const self = randn(sizes, { dtype: 'float64' }).requires_grad_();
        const m1 = leaf([n, k], tr);
        const m2 = leaf([k, p], !tr);
        return gradcheck((s, x, y) => addmm(s, operand(x, tr), operand(y, !tr), { alpha, beta }), [self, m1, m2], GRADCHECK);
      }),
      { numRuns: 40 },
    );
  });

  it('second derivatives through mm, mv and dot (create_graph)', () => {
    for (const [s1, s2] of [[[2, 3], [3, 2]], [[2, 3], [3]], [[3], [3]], [[2, 2, 3], [3, 2]], [[2, 2, 3], [2, 3, 2]]]) {
      const a = randn(s1, { dtype: 'float64' }).requires_grad_();
      const b = randn(s2, { dtype: 'float64' }).requires_grad_();
      // gradcheck's finite differences run under no_grad; the first derivative needs a graph.
      const firstGrad = (x: Tensor, y: Tensor) => enable_grad(() => grad(sum(matmul(x, y).pow(2)), [x, y], { create_graph: true }) as Tensor[]);
      expect(gradcheck(firstGrad, [a, b], GRADCHECK)).toBe(true);
    }
  });
});
