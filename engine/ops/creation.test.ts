import { describe, it, expect } from 'vitest';
import torch from '../index';

// Every expected string and value below is PyTorch 1.13's own output, pasted as a literal.

const err = (f: () => unknown) => expect(f);

describe('tensor()', () => {
  it('builds nested data with PyTorch\'s dtype and repr', () => {
    expect(String(torch.tensor([[1.5, 2], [3, 4]]))).toBe('tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])');
    expect(String(torch.tensor([true, false]))).toBe('tensor([ True, False])');
    expect(String(torch.tensor([1n, 2n]))).toBe('tensor([1, 2])');
    expect(String(torch.tensor(3.5))).toBe('tensor(3.5000)');
    expect(String(torch.tensor([]))).toBe('tensor([])');
    expect(String(torch.tensor([[]]))).toBe('tensor([], size=(1, 0))');
    expect(String(torch.tensor([[1, 2]], { dtype: 'float64' }))).toBe('tensor([[1., 2.]], dtype=torch.float64)');
    expect(String(torch.tensor([1.7, -1.7], { dtype: 'int64' }))).toBe('tensor([ 1, -1])');
    expect(String(torch.tensor(2, { requires_grad: true }))).toBe('tensor(2., requires_grad=True)');
  });

  it('rejects ragged and non-numeric data with PyTorch\'s messages', () => {
    err(() => torch.tensor([[1, 2], [3, 4, 5]])).toThrow('expected sequence of length 2 at dim 1 (got 3)');
    err(() => torch.tensor([[1, 2], [3]])).toThrow('expected sequence of length 2 at dim 1 (got 1)');
    err(() => torch.tensor([[[1, 2]], [[3]]])).toThrow('expected sequence of length 2 at dim 2 (got 1)');
    err(() => torch.tensor([[1, 2], 3])).toThrow('not a sequence');
    err(() => torch.tensor([1, [2]])).toThrow('must be real number, not list');
    err(() => torch.tensor([1, null] as unknown as number[])).toThrow('Could not infer dtype of NoneType');
  });

  it('lets only floating tensors require grad', () => {
    const msg = 'Only Tensors of floating point and complex dtype can require gradients';
    err(() => torch.ones(2, { dtype: 'int64', requires_grad: true })).toThrow(msg);
    err(() => torch.tensor([1n, 2n], { requires_grad: true })).toThrow(msg);
    expect(String(torch.ones(2, 2, { requires_grad: true }))).toBe('tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
  });
});

describe('zeros, ones, full, eye, empty', () => {
  it('match PyTorch\'s values and reprs', () => {
    expect(String(torch.zeros(2, 3))).toBe('tensor([[0., 0., 0.],\n        [0., 0., 0.]])');
    expect(String(torch.zeros([2, 3]))).toBe('tensor([[0., 0., 0.],\n        [0., 0., 0.]])');
    expect(String(torch.ones(2, { dtype: 'int64' }))).toBe('tensor([1, 1])');
    expect(String(torch.full([2, 2], 7))).toBe('tensor([[7., 7.],\n        [7., 7.]])');
    expect(String(torch.full([2], true))).toBe('tensor([True, True])');
    expect(String(torch.eye(3))).toBe('tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])');
    expect(String(torch.eye(2, 3))).toBe('tensor([[1., 0., 0.],\n        [0., 1., 0.]])');
    expect(String(torch.zeros(0))).toBe('tensor([])');
    expect(String(torch.zeros(2, 0))).toBe('tensor([], size=(2, 0))');
    expect(torch.empty(2, 2).shape).toEqual([2, 2]);
    err(() => torch.zeros(-1)).toThrow('Trying to create tensor with negative dimension -1: [-1]');
  });
});

describe('arange', () => {
  it('integer arguments give int64, float ones float32 values as PyTorch computes them', () => {
    expect(String(torch.arange(5))).toBe('tensor([0, 1, 2, 3, 4])');
    expect(String(torch.arange(1, 4))).toBe('tensor([1, 2, 3])');
    expect(String(torch.arange(0, 1, 0.25))).toBe('tensor([0.0000, 0.2500, 0.5000, 0.7500])');
    expect(String(torch.arange(1, 4, { dtype: 'float32' }))).toBe('tensor([1., 2., 3.])');
    expect(String(torch.arange(0, 10, 3))).toBe('tensor([0, 3, 6, 9])');
    expect(String(torch.arange(10, 0, -3))).toBe('tensor([10,  7,  4,  1])');
    expect(torch.arange(0, 1, 0.1).tolist()).toEqual([0.0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.5, 0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.8999999761581421]);
    expect(torch.arange(-1, 1, 0.3).tolist()).toEqual([-1.0, -0.699999988079071, -0.4000000059604645, -0.10000000149011612, 0.20000000298023224, 0.5, 0.800000011920929]);
    err(() => torch.arange(0, 1, 0)).toThrow('step must be nonzero');
    err(() => torch.arange(1, 0)).toThrow('upper bound and larger bound inconsistent with step sign');
  });
});

describe('linspace', () => {
  /** torch.linspace(0., 2 * math.pi, steps=25) from the seed article, via tolist(). */
  const LIN25 = [0.0, 0.2617993950843811, 0.5235987901687622, 0.7853981852531433, 1.0471975803375244, 1.3089969158172607, 1.5707963705062866, 1.8325958251953125, 2.094395160675049, 2.356194496154785, 2.6179938316345215, 2.879793405532837, 3.1415927410125732, 3.4033920764923096, 3.665191650390625, 3.9269909858703613, 4.188790321350098, 4.450589656829834, 4.71238899230957, 4.974188327789307, 5.235987663269043, 5.4977874755859375, 5.759586811065674, 6.02138614654541, 6.2831854820251465];

  it('gives the seed article\'s values and printout, and its sine', () => {
    const x = torch.linspace(0, 2 * Math.PI, 25, { requires_grad: true });
    expect(x.tolist()).toEqual(LIN25);
    expect(String(x)).toBe(
      'tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,\n' +
        '        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,\n' +
        '        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832],\n' +
        '       requires_grad=True)',
    );
    expect(String(torch.sin(x))).toBe(
      'tensor([ 0.0000e+00,  2.5882e-01,  5.0000e-01,  7.0711e-01,  8.6603e-01,\n' +
        '         9.6593e-01,  1.0000e+00,  9.6593e-01,  8.6603e-01,  7.0711e-01,\n' +
        '         5.0000e-01,  2.5882e-01, -8.7423e-08, -2.5882e-01, -5.0000e-01,\n' +
        '        -7.0711e-01, -8.6603e-01, -9.6593e-01, -1.0000e+00, -9.6593e-01,\n' +
        '        -8.6603e-01, -7.0711e-01, -5.0000e-01, -2.5882e-01,  1.7485e-07],\n' +
        '       grad_fn=<SinBackward0>)',
    );
  });

  it('matches PyTorch value for value in float32 and float64', () => {
    expect(torch.linspace(0, 1, 5).tolist()).toEqual([0.0, 0.25, 0.5, 0.75, 1.0]);
    expect(torch.linspace(-1, 1, 7).tolist()).toEqual([-1.0, -0.6666666269302368, -0.3333333134651184, -2.9802322387695312e-8, 0.3333333134651184, 0.6666666269302368, 1.0]);
    expect(torch.linspace(0, 10, 1).tolist()).toEqual([0.0]);
    expect(torch.linspace(0, 10, 0).tolist()).toEqual([]);
    expect(torch.linspace(0, 1, 5, { dtype: 'float64' }).tolist()).toEqual([0.0, 0.25, 0.5, 0.75, 1.0]);
    expect(torch.linspace(3, -2.5, 40).tolist()).toEqual([3.0, 2.8589744567871094, 2.7179486751556396, 2.576923131942749, 2.4358973503112793, 2.2948718070983887, 2.153846263885498, 2.0128204822540283, 1.8717948198318481, 1.730769157409668, 1.5897434949874878, 1.4487178325653076, 1.307692289352417, 1.1666665077209473, 1.0256409645080566, 0.8846153020858765, 0.7435896396636963, 0.6025639772415161, 0.4615383446216583, 0.32051271200180054, 0.17948704957962036, 0.038461387157440186, -0.10256421566009521, -0.2435898780822754, -0.38461530208587646, -0.5256409645080566, -0.6666666269302368, -0.8076922297477722, -0.9487178921699524, -1.0897436141967773, -1.230769157409668, -1.3717948198318481, -1.5128204822540283, -1.6538461446762085, -1.7948718070983887, -1.9358973503112793, -2.076923131942749, -2.2179486751556396, -2.3589744567871094, -2.5]);
    err(() => torch.linspace(0, 1, -1)).toThrow('number of steps must be non-negative');
  });
});

describe('random factories are wired to PyTorch\'s generator', () => {
  it('rand / randn after manual_seed, with shapes and dtypes', () => {
    torch.manual_seed(0);
    const r = torch.rand(2, 3);
    expect(r.shape).toEqual([2, 3]);
    expect(r.dtype).toBe('float32');
    expect(r.tolist()).toEqual([[0.49625658988952637, 0.7682217955589294, 0.08847743272781372], [0.13203048706054688, 0.30742281675338745, 0.6340786814689636]]);
    torch.manual_seed(0);
    expect(torch.randn(5).tolist()).toEqual([1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0.5684312582015991, -1.0845223665237427]);
    const d = torch.randn(2, { dtype: 'float64' });
    expect(d.dtype).toBe('float64');
    (d.tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo([-1.3985953953708767, 0.4033468476292993][i], 14));
    torch.manual_seed(7);
    expect(torch.rand(3, { dtype: 'float64' }).tolist()).toEqual([0.279380429906404, 0.27369371365176565, 0.8620929614176255]);
  });

  it('randint, both overloads, and its error', () => {
    torch.manual_seed(0);
    expect(String(torch.randint(0, 10, [5]))).toBe('tensor([4, 9, 3, 0, 3])');
    expect(String(torch.randint(5, [2, 2]))).toBe('tensor([[4, 2],\n        [3, 2]])');
    err(() => torch.randint(3, 3, [2])).toThrow("random_ expects 'from' to be less than 'to', but got from=3 >= to=3");
  });

  it('*_like take the other tensor\'s shape and dtype', () => {
    const x = torch.tensor([[1, 2]], { dtype: 'float64' });
    expect(String(torch.zeros_like(x))).toBe('tensor([[0., 0.]], dtype=torch.float64)');
    expect(String(torch.ones_like(x))).toBe('tensor([[1., 1.]], dtype=torch.float64)');
    expect(String(torch.full_like(x, 2.5))).toBe('tensor([[2.5000, 2.5000]], dtype=torch.float64)');
    expect(String(torch.ones_like(x, { dtype: 'float32' }))).toBe('tensor([[1., 1.]])');
    expect(String(torch.zeros_like(torch.tensor([1n, 2n])))).toBe('tensor([0, 0])');
    torch.manual_seed(3);
    const n = torch.randn_like(x);
    expect([n.shape, n.dtype]).toEqual([[1, 2], 'float64']);
    (n.tolist() as number[][])[0].forEach((v, i) => expect(v).toBeCloseTo([0.8032760780963506, 0.17483339327910355][i], 14));
    expect(torch.rand_like(x).tolist()).toEqual([[0.7729149443285843, 0.17492702928129467]]);
  });
});

describe('from_array', () => {
  it('takes the TypedArray\'s dtype and a shape', () => {
    expect(String(torch.from_array(new Float64Array([1, 2, 3, 4]), [2, 2]))).toBe('tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)');
    expect(String(torch.from_array(new Float32Array([0.5])))).toBe('tensor([0.5000])');
    err(() => torch.from_array(new Float32Array([1, 2, 3]), [2, 2])).toThrow("shape '[2, 2]' is invalid for input of size 3");
    const src = new Float32Array([1, 2]);
    const t = torch.from_array(src);
    src[0] = 9;
    expect(t.tolist()).toEqual([1, 2]);
  });
});
