import { describe, it, expect } from 'vitest';
import type { DType } from './dtype';
import { asPyList, formatNodeRepr, formatPrintArgs, formatTensor, type FormatOptions } from './format';

// Every expected string below is PyTorch 1.13's own output (repr / print), pasted as a literal.
// Device cases come from PyTorch's _tensor_str and _add_suffixes with device='webgpu:0', since
// PyTorch has no such device to print.

/** torch.linspace(0., 2 * math.pi, 25) in float32, via tolist(). */
const LIN25 = [0.0, 0.2617993950843811, 0.5235987901687622, 0.7853981852531433, 1.0471975803375244, 1.3089969158172607, 1.5707963705062866, 1.8325958251953125, 2.094395160675049, 2.356194496154785, 2.6179938316345215, 2.879793405532837, 3.1415927410125732, 3.4033920764923096, 3.665191650390625, 3.9269909858703613, 4.188790321350098, 4.450589656829834, 4.71238899230957, 4.974188327789307, 5.235987663269043, 5.4977874755859375, 5.759586811065674, 6.02138614654541, 6.2831854820251465];
/** torch.linspace(0., 2 * math.pi, 25).sin() in float32, via tolist(). */
const SIN25 = [0.0, 0.258819043636322, 0.5, 0.7071067690849304, 0.8660253882408142, 0.9659258127212524, 1.0, 0.9659258127212524, 0.8660253882408142, 0.7071067690849304, 0.5000000596046448, 0.25881892442703247, -8.742277657347586e-08, -0.2588190734386444, -0.5000001788139343, -0.70710688829422, -0.866025447845459, -0.9659258723258972, -1.0, -0.9659258127212524, -0.866025447845459, -0.7071065306663513, -0.4999997615814209, -0.2588188350200653, 1.7484555314695172e-07];

function t(
  values: ArrayLike<number>,
  shape: number[],
  dtype: DType = 'float32',
  opts: FormatOptions = {},
  device = 'cpu',
): string {
  return formatTensor({ values, shape, dtype, device }, opts);
}

/** A float32 tensor, 1-D by default; values round to float32 as torch.tensor rounds them. */
function f(values: number[], shape = [values.length], opts: FormatOptions = {}, device = 'cpu'): string {
  return t(Float32Array.from(values), shape, 'float32', opts, device);
}

function range(n: number, fn: (i: number) => number = (i) => i): number[] {
  return Array.from({ length: n }, (_, i) => fn(i));
}

/** Stands in for a Node: printed through its toString, as the engine's Node will be. */
function node(name: string, id: number): { toString(): string } {
  return { toString: () => formatNodeRepr(name, id) };
}

/** Stands in for a Tensor: printed through its toString, as the engine's Tensor will be. */
function tensorLike(repr: string): { toString(): string } {
  return { toString: () => repr };
}

describe('formatTensor: scalars', () => {
  it("float32 0.1", () => {
    expect(f([0.1], [])).toBe(
      "tensor(0.1000)",
    );
  });
  it("integer-valued float32", () => {
    expect(f([3], [])).toBe(
      "tensor(3.)",
    );
  });
  it("zero float32", () => {
    expect(f([0], [])).toBe(
      "tensor(0.)",
    );
  });
  it("negative zero", () => {
    expect(f([-0], [])).toBe(
      "tensor(-0.)",
    );
  });
  it("small float32 in sci mode", () => {
    expect(f([1e-5], [])).toBe(
      "tensor(1.0000e-05)",
    );
  });
  it("large float32 in sci mode", () => {
    expect(f([123456789.5], [])).toBe(
      "tensor(1.2346e+08)",
    );
  });
  it("negative float32", () => {
    expect(f([-2.71828], [])).toBe(
      "tensor(-2.7183)",
    );
  });
  it("nan", () => {
    expect(f([NaN], [])).toBe(
      "tensor(nan)",
    );
  });
  it("-inf", () => {
    expect(f([-Infinity], [])).toBe(
      "tensor(-inf)",
    );
  });
  it("int64", () => {
    expect(t([5], [], 'int64')).toBe(
      "tensor(5)",
    );
  });
  it("negative int64", () => {
    expect(t([-42], [], 'int64')).toBe(
      "tensor(-42)",
    );
  });
  it("bool", () => {
    expect(t([1], [], 'bool')).toBe(
      "tensor(True)",
    );
  });
  it("float64 with dtype suffix", () => {
    expect(t([2.5], [], 'float64')).toBe(
      "tensor(2.5000, dtype=torch.float64)",
    );
  });
  it("float64 0.1 keeps double precision in rounding", () => {
    expect(t([0.1], [], 'float64')).toBe(
      "tensor(0.1000, dtype=torch.float64)",
    );
  });
});

describe('formatTensor: 1-D', () => {
  it("integer-valued floats", () => {
    expect(f([1, 2])).toBe(
      "tensor([1., 2.])",
    );
  });
  it("mixed fractions", () => {
    expect(f([0.1, 1])).toBe(
      "tensor([0.1000, 1.0000])",
    );
  });
  it("negative values align on the sign", () => {
    expect(f([-1.5, 2.25, 3])).toBe(
      "tensor([-1.5000,  2.2500,  3.0000])",
    );
  });
  it("int64 pads to the widest", () => {
    expect(t([1, -20, 300], [3], 'int64')).toBe(
      "tensor([  1, -20, 300])",
    );
  });
  it("bools", () => {
    expect(t([1, 0, 1], [3], 'bool')).toBe(
      "tensor([ True, False,  True])",
    );
  });
  it("integer-valued floats up to the ratio limit", () => {
    expect(f([1, 1000])).toBe(
      "tensor([   1., 1000.])",
    );
  });
  it("integer-valued floats past the ratio limit go sci", () => {
    expect(f([1, 10000])).toBe(
      "tensor([1.0000e+00, 1.0000e+04])",
    );
  });
  it("integer-valued floats at 1e8 stay plain", () => {
    expect(f([100000000, 500000])).toBe(
      "tensor([100000000.,    500000.])",
    );
  });
  it("integer-valued floats above 1e8 go sci", () => {
    expect(f([1000000000, 2000000])).toBe(
      "tensor([1.0000e+09, 2.0000e+06])",
    );
  });
  it("fractions past the ratio limit go sci", () => {
    expect(f([0.001, 2.5])).toBe(
      "tensor([1.0000e-03, 2.5000e+00])",
    );
  });
  it("fractions below 1e-4 go sci", () => {
    expect(f([1e-5, 2e-5])).toBe(
      "tensor([1.0000e-05, 2.0000e-05])",
    );
  });
  it("negative small values in sci mode", () => {
    expect(f([-1e-5, 3])).toBe(
      "tensor([-1.0000e-05,  3.0000e+00])",
    );
  });
  it("zeros alone", () => {
    expect(f([0, 0])).toBe(
      "tensor([0., 0.])",
    );
  });
  it("zeros beside fractions", () => {
    expect(f([0, 0.5])).toBe(
      "tensor([0.0000, 0.5000])",
    );
  });
  it("zero in sci mode", () => {
    expect(f([0, 1e-6, 1])).toBe(
      "tensor([0.0000e+00, 1.0000e-06, 1.0000e+00])",
    );
  });
  it("negative zero in fixed mode", () => {
    expect(f([-0, 1.5])).toBe(
      "tensor([-0.0000, 1.5000])",
    );
  });
  it("negative zero in integer mode", () => {
    expect(f([-0, 1])).toBe(
      "tensor([-0., 1.])",
    );
  });
  it("exact ties round half to even", () => {
    expect(f([0.03125, 1.5])).toBe(
      "tensor([0.0312, 1.5000])",
    );
  });
  it("ties round half to even in sci mode", () => {
    expect(f([1.03125, 0.0001220703125])).toBe(
      "tensor([1.0312e+00, 1.2207e-04])",
    );
  });
  it("nan beside integers", () => {
    expect(f([NaN, 1])).toBe(
      "tensor([nan, 1.])",
    );
  });
  it("nan and inf beside fractions", () => {
    expect(f([NaN, Infinity, -Infinity, 1.5])).toBe(
      "tensor([   nan,    inf,   -inf, 1.5000])",
    );
  });
  it("nan beside a tiny value", () => {
    expect(f([NaN, 1e-9])).toBe(
      "tensor([       nan, 1.0000e-09])",
    );
  });
  it("nothing finite", () => {
    expect(f([NaN, Infinity])).toBe(
      "tensor([nan, inf])",
    );
  });
  it("float64 three-digit exponents", () => {
    expect(t([1e100, 1], [2], 'float64')).toBe(
      "tensor([1.0000e+100,  1.0000e+00], dtype=torch.float64)",
    );
  });
  it("float32 values round as float32", () => {
    expect(f([1.00005, 2])).toBe(
      "tensor([1.0000, 2.0000])",
    );
  });
  it("float64 values round as float64", () => {
    expect(t([1.00005, 2], [2], 'float64')).toBe(
      "tensor([1.0001, 2.0000], dtype=torch.float64)",
    );
  });
});

describe('formatTensor: wrapping', () => {
  it("long float row wraps at 80 columns", () => {
    expect(f(LIN25)).toBe(
      "tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,\n        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,\n        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832])",
    );
  });
  it("long int row wraps", () => {
    expect(t(range(40, (i) => i * 1000), [40], 'int64')).toBe(
      "tensor([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,  9000,\n        10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000,\n        20000, 21000, 22000, 23000, 24000, 25000, 26000, 27000, 28000, 29000,\n        30000, 31000, 32000, 33000, 34000, 35000, 36000, 37000, 38000, 39000])",
    );
  });
  it("sin of linspace in sci mode with grad_fn", () => {
    expect(f(SIN25, [25], { grad_fn: 'SinBackward0' })).toBe(
      "tensor([ 0.0000e+00,  2.5882e-01,  5.0000e-01,  7.0711e-01,  8.6603e-01,\n         9.6593e-01,  1.0000e+00,  9.6593e-01,  8.6603e-01,  7.0711e-01,\n         5.0000e-01,  2.5882e-01, -8.7423e-08, -2.5882e-01, -5.0000e-01,\n        -7.0711e-01, -8.6603e-01, -9.6593e-01, -1.0000e+00, -9.6593e-01,\n        -8.6603e-01, -7.0711e-01, -5.0000e-01, -2.5882e-01,  1.7485e-07],\n       grad_fn=<SinBackward0>)",
    );
  });
  it("linspace with requires_grad", () => {
    expect(f(LIN25, [25], { requires_grad: true })).toBe(
      "tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,\n        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,\n        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832],\n       requires_grad=True)",
    );
  });
  it("float64 suffix moves to its own line", () => {
    expect(t(LIN25, [25], 'float64')).toBe(
      "tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,\n        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,\n        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832],\n       dtype=torch.float64)",
    );
  });
  it("float64 and grad_fn suffixes", () => {
    expect(t(LIN25.slice(0, 9), [9], 'float64', { grad_fn: 'MulBackward0' })).toBe(
      "tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944],\n       dtype=torch.float64, grad_fn=<MulBackward0>)",
    );
  });
});

describe('formatTensor: n-D', () => {
  it("2-D floats", () => {
    expect(f([1, 2.5, -3, 4, 5, 6], [2, 3])).toBe(
      "tensor([[ 1.0000,  2.5000, -3.0000],\n        [ 4.0000,  5.0000,  6.0000]])",
    );
  });
  it("2-D with grad_fn", () => {
    expect(f([3, 3, 3, 3], [2, 2], { grad_fn: 'AddBackward0' })).toBe(
      "tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)",
    );
  });
  it("3-D ints", () => {
    expect(t(range(12), [2, 2, 3], 'int64')).toBe(
      "tensor([[[ 0,  1,  2],\n         [ 3,  4,  5]],\n\n        [[ 6,  7,  8],\n         [ 9, 10, 11]]])",
    );
  });
  it("4-D separates blocks with blank lines", () => {
    expect(f(range(8), [2, 1, 2, 2])).toBe(
      "tensor([[[[0., 1.],\n          [2., 3.]]],\n\n\n        [[[4., 5.],\n          [6., 7.]]]])",
    );
  });
  it("2-D bools", () => {
    expect(t([1, 0, 0, 1], [2, 2], 'bool')).toBe(
      "tensor([[ True, False],\n        [False,  True]])",
    );
  });
  it("2-D float64", () => {
    expect(t([0.5, 1, 1.5, 2], [2, 2], 'float64')).toBe(
      "tensor([[0.5000, 1.0000],\n        [1.5000, 2.0000]], dtype=torch.float64)",
    );
  });
  it("wide 2-D rows wrap inside their brackets", () => {
    expect(f(range(24, (i) => i / 3), [2, 12])).toBe(
      "tensor([[0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n         3.0000, 3.3333, 3.6667],\n        [4.0000, 4.3333, 4.6667, 5.0000, 5.3333, 5.6667, 6.0000, 6.3333, 6.6667,\n         7.0000, 7.3333, 7.6667]])",
    );
  });
  it("a dimension of size 1", () => {
    expect(f([1, 2], [1, 2, 1])).toBe(
      "tensor([[[1.],\n         [2.]]])",
    );
  });
});

describe('formatTensor: summarization', () => {
  it("2000-element int64", () => {
    expect(t(range(2000), [2000], 'int64')).toBe(
      "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])",
    );
  });
  it("2000-element float32", () => {
    expect(f(range(2000, (i) => i / 7))).toBe(
      "tensor([0.0000e+00, 1.4286e-01, 2.8571e-01,  ..., 2.8529e+02, 2.8543e+02,\n        2.8557e+02])",
    );
  });
  it("40x40 float32", () => {
    expect(f(range(1600, (i) => Math.fround(Math.fround(((i * 37) % 101) / 13) - 3)), [40, 40])).toBe(
      "tensor([[-3.0000, -0.1538,  2.6923,  ...,  1.3077,  4.1538, -0.7692],\n        [ 2.0769, -2.8462,  0.0000,  ..., -1.3846,  1.4615,  4.3077],\n        [-0.6154,  2.2308, -2.6923,  ...,  3.6923, -1.2308,  1.6154],\n        ...,\n        [-1.6154,  1.2308,  4.0769,  ...,  2.6923, -2.2308,  0.6154],\n        [ 3.4615, -1.4615,  1.3846,  ...,  0.0000,  2.8462, -2.0769],\n        [ 0.7692,  3.6154, -1.3077,  ..., -2.6923,  0.1538,  3.0000]])",
    );
  });
  it("2x1000 summarizes rows only", () => {
    expect(t(range(2000), [2, 1000], 'int64')).toBe(
      "tensor([[   0,    1,    2,  ...,  997,  998,  999],\n        [1000, 1001, 1002,  ..., 1997, 1998, 1999]])",
    );
  });
  it("formatter sees only the shown values", () => {
    expect(f(range(2000, (i) => (i === 1000 ? 1e-9 : i + 0.5)))).toBe(
      "tensor([5.0000e-01, 1.5000e+00, 2.5000e+00,  ..., 1.9975e+03, 1.9985e+03,\n        1.9995e+03])",
    );
  });
  it("10x10x11 summarizes every dim", () => {
    expect(t(range(1100), [10, 10, 11], 'int64')).toBe(
      "tensor([[[   0,    1,    2,  ...,    8,    9,   10],\n         [  11,   12,   13,  ...,   19,   20,   21],\n         [  22,   23,   24,  ...,   30,   31,   32],\n         ...,\n         [  77,   78,   79,  ...,   85,   86,   87],\n         [  88,   89,   90,  ...,   96,   97,   98],\n         [  99,  100,  101,  ...,  107,  108,  109]],\n\n        [[ 110,  111,  112,  ...,  118,  119,  120],\n         [ 121,  122,  123,  ...,  129,  130,  131],\n         [ 132,  133,  134,  ...,  140,  141,  142],\n         ...,\n         [ 187,  188,  189,  ...,  195,  196,  197],\n         [ 198,  199,  200,  ...,  206,  207,  208],\n         [ 209,  210,  211,  ...,  217,  218,  219]],\n\n        [[ 220,  221,  222,  ...,  228,  229,  230],\n         [ 231,  232,  233,  ...,  239,  240,  241],\n         [ 242,  243,  244,  ...,  250,  251,  252],\n         ...,\n         [ 297,  298,  299,  ...,  305,  306,  307],\n         [ 308,  309,  310,  ...,  316,  317,  318],\n         [ 319,  320,  321,  ...,  327,  328,  329]],\n\n        ...,\n\n        [[ 770,  771,  772,  ...,  778,  779,  780],\n         [ 781,  782,  783,  ...,  789,  790,  791],\n         [ 792,  793,  794,  ...,  800,  801,  802],\n         ...,\n         [ 847,  848,  849,  ...,  855,  856,  857],\n         [ 858,  859,  860,  ...,  866,  867,  868],\n         [ 869,  870,  871,  ...,  877,  878,  879]],\n\n        [[ 880,  881,  882,  ...,  888,  889,  890],\n         [ 891,  892,  893,  ...,  899,  900,  901],\n         [ 902,  903,  904,  ...,  910,  911,  912],\n         ...,\n         [ 957,  958,  959,  ...,  965,  966,  967],\n         [ 968,  969,  970,  ...,  976,  977,  978],\n         [ 979,  980,  981,  ...,  987,  988,  989]],\n\n        [[ 990,  991,  992,  ...,  998,  999, 1000],\n         [1001, 1002, 1003,  ..., 1009, 1010, 1011],\n         [1012, 1013, 1014,  ..., 1020, 1021, 1022],\n         ...,\n         [1067, 1068, 1069,  ..., 1075, 1076, 1077],\n         [1078, 1079, 1080,  ..., 1086, 1087, 1088],\n         [1089, 1090, 1091,  ..., 1097, 1098, 1099]]])",
    );
  });
});

describe('formatTensor: empty', () => {
  it("float32 (0,)", () => {
    expect(f([], [0])).toBe(
      "tensor([])",
    );
  });
  it("int64 (0,)", () => {
    expect(t([], [0], 'int64')).toBe(
      "tensor([], dtype=torch.int64)",
    );
  });
  it("bool (0, 3)", () => {
    expect(t([], [0, 3], 'bool')).toBe(
      "tensor([], size=(0, 3), dtype=torch.bool)",
    );
  });
  it("float32 (2, 0)", () => {
    expect(f([], [2, 0])).toBe(
      "tensor([], size=(2, 0))",
    );
  });
  it("float64 with requires_grad", () => {
    expect(t([], [0], 'float64', { requires_grad: true })).toBe(
      "tensor([], dtype=torch.float64, requires_grad=True)",
    );
  });
});

describe('formatTensor: suffixes', () => {
  it("scalar with grad_fn", () => {
    expect(f([27], [], { grad_fn: 'MeanBackward0' })).toBe(
      "tensor(27., grad_fn=<MeanBackward0>)",
    );
  });
  it("requires_grad", () => {
    expect(f([1, 1], [2], { requires_grad: true })).toBe(
      "tensor([1., 1.], requires_grad=True)",
    );
  });
  it("grad_fn wins over requires_grad", () => {
    expect(f([2], [], { grad_fn: 'MulBackward0', requires_grad: true })).toBe(
      "tensor(2., grad_fn=<MulBackward0>)",
    );
  });
  it("custom prefix sets the indent", () => {
    expect(f(range(30, (i) => i / 7), [30], { prefix: 'Foo(' })).toBe(
      "Foo([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n     1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n     2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n     3.8571, 4.0000, 4.1429])",
    );
  });
});

describe('formatTensor: device', () => {
  it("webgpu scalar", () => {
    expect(t([1], [], 'float32', {}, 'webgpu')).toBe(
      "tensor(1., device='webgpu:0')",
    );
  });
  it("webgpu float64 with grad_fn", () => {
    expect(t([1.5, 2], [2], 'float64', { grad_fn: 'MulBackward0' }, 'webgpu')).toBe(
      "tensor([1.5000, 2.0000], device='webgpu:0', dtype=torch.float64,\n       grad_fn=<MulBackward0>)",
    );
  });
  it("webgpu suffix after a long row", () => {
    expect(f(LIN25, [25], { requires_grad: true }, 'webgpu')).toBe(
      "tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,\n        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,\n        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832],\n       device='webgpu:0', requires_grad=True)",
    );
  });
});

describe('formatPrintArgs', () => {
  it("None", () => {
    expect(formatPrintArgs([null])).toBe("None");
  });
  it("undefined as None", () => {
    expect(formatPrintArgs([undefined])).toBe("None");
  });
  it("booleans", () => {
    expect(formatPrintArgs([true, false])).toBe("True False");
  });
  it("integers", () => {
    expect(formatPrintArgs([3, -7, 0, 10 ** 17])).toBe("3 -7 0 100000000000000000");
  });
  it("floats as Python repr", () => {
    expect(formatPrintArgs([0.1, -2.5, 1e-5, 1.5e-7, 0.0001, 123.456, 1 / 3])).toBe("0.1 -2.5 1e-05 1.5e-07 0.0001 123.456 0.3333333333333333");
  });
  it("non-finite floats and negative zero", () => {
    expect(formatPrintArgs([NaN, Infinity, -Infinity, -0])).toBe("nan inf -inf -0.0");
  });
  it("strings raw at top level", () => {
    expect(formatPrintArgs(['loss:', "it's"])).toBe("loss: it's");
  });
  it("strings quoted inside tuples", () => {
    expect(formatPrintArgs([['a', "it's", 'say "hi"', 'back\\slash\n']])).toBe("('a', \"it's\", 'say \"hi\"', 'back\\\\slash\\n')");
  });
  it("one-element tuple", () => {
    expect(formatPrintArgs([[1]])).toBe("(1,)");
  });
  it("empty tuple", () => {
    expect(formatPrintArgs([[]])).toBe("()");
  });
  it("nested tuples", () => {
    expect(formatPrintArgs([[[1, 2], [3]]])).toBe("((1, 2), (3,))");
  });
  it("lists when marked", () => {
    expect(formatPrintArgs([asPyList([1, 'a', [2, 3]])])).toBe("[1, 'a', (2, 3)]");
  });
  it("dicts", () => {
    expect(formatPrintArgs([{ a: 1, b: 'x', c: null }])).toBe("{'a': 1, 'b': 'x', 'c': None}");
  });
  it("next_functions of a node", () => {
    expect(formatPrintArgs([[[node('MulBackward0', 1), 0], [null, 0]]])).toBe("((<MulBackward0 object at 0x7f3a00000030>, 0), (None, 0))");
  });
  it("a node alone", () => {
    expect(formatPrintArgs([node('AddBackward0', 0)])).toBe("<AddBackward0 object at 0x7f3a00000000>");
  });
  it("a single AccumulateGrad edge", () => {
    expect(formatPrintArgs([[[node('AccumulateGrad', 7), 0]]])).toBe("((<AccumulateGrad object at 0x7f3a00000150>, 0),)");
  });
  it("a tensor after a label", () => {
    expect(formatPrintArgs(['grad:', tensorLike(f([1, 2]))])).toBe("grad: tensor([1., 2.])");
  });
  it("tensors inside a tuple", () => {
    expect(formatPrintArgs([[tensorLike(f([0.5], [])), tensorLike(f([3, 3, 3, 3], [2, 2], { grad_fn: 'AddBackward0' }))]])).toBe("(tensor(0.5000), tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>))");
  });
  it("objects with __repr__ inside containers", () => {
    expect(formatPrintArgs([[{ __repr__: () => 'Linear(in_features=2, out_features=1, bias=True)' }]])).toBe("(Linear(in_features=2, out_features=1, bias=True),)");
  });
});

describe('formatNodeRepr', () => {
  it('gives a CPython-shaped address that depends only on the id', () => {
    expect(formatNodeRepr('MulBackward0', 0)).toBe('<MulBackward0 object at 0x7f3a00000000>');
    expect(formatNodeRepr('MulBackward0', 3)).toBe('<MulBackward0 object at 0x7f3a00000090>');
    expect(formatNodeRepr('AddBackward0', 3)).toBe(formatNodeRepr('AddBackward0', 3));
  });
});

describe('formatTensor: input handling', () => {
  it('rounds unrounded float32 input as the dtype stores it', () => {
    expect(t([1.00005, 2], [2])).toBe(f([1.00005, 2]));
  });
});
