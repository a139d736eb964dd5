import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { torch, nn, F, type Tensor } from '../index';
import { graphText } from './test_helpers';
import ref from './pytorch_reference.json';

const L = (v: number) => BigInt(v);
/** An int64 tensor of class indices (bigints make int64 tensors). */
const classes = (...v: number[]) => torch.tensor(v.map(L));

describe('nn.Parameter', () => {
  it('is a leaf requiring grad that prints as PyTorch prints it', () => {
    const p = new nn.Parameter(torch.ones(2, 2));
    expect(p.is_leaf).toBe(true);
    expect(p.requires_grad).toBe(true);
    expect(p.grad_fn).toBe(null);
    expect(String(p)).toBe('Parameter containing:\ntensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
    expect(String(new nn.Parameter(torch.tensor(3)))).toBe('Parameter containing:\ntensor(3., requires_grad=True)');
    expect(String(new nn.Parameter(torch.ones(2, { dtype: 'float64' })))).toBe('Parameter containing:\ntensor([1., 1.], dtype=torch.float64, requires_grad=True)');
    expect(String(new nn.Parameter(torch.ones(2), false))).toBe('Parameter containing:\ntensor([1., 1.])');
    // print(list(m.parameters())) and print(list(m.named_parameters())) in PyTorch:
    const m = new nn.Linear(1, 1, { bias: false });
    m.weight.data.fill_(1);
    expect(torch.format([m.parameters()])).toBe('[Parameter containing:\ntensor([[1.]], requires_grad=True)]');
    expect(torch.format([m.named_parameters()])).toBe("[('weight', Parameter containing:\ntensor([[1.]], requires_grad=True))]");
  });

  it('gives plain tensors from ops, views and detach', () => {
    const p = new nn.Parameter(torch.ones(2, 2));
    expect(String(p.mul(2))).toBe('tensor([[2., 2.],\n        [2., 2.]], grad_fn=<MulBackward0>)');
    expect(String(p.detach())).toBe('tensor([[1., 1.],\n        [1., 1.]])');
  });

  it('shares storage with the tensor it wraps, and only floats can require grad', () => {
    const t = torch.zeros(2);
    const p = new nn.Parameter(t);
    t.add_(1);
    expect(p.tolist()).toEqual([1, 1]);
    expect(() => new nn.Parameter(torch.ones(2, { dtype: 'int64' }))).toThrow('Only Tensors of floating point and complex dtype can require gradients');
  });
});

class Net extends nn.Module {
  fc1 = new nn.Linear(3, 5);
  act = new nn.ReLU();
  fc2: nn.Linear;
  constructor() {
    super();
    this.fc2 = new nn.Linear(5, 1);
  }
  override forward(x: Tensor): Tensor {
    return this.fc2(this.act(this.fc1(x)));
  }
}

describe('nn.Module', () => {
  it('calls forward when called, for built-in and user modules', () => {
    torch.manual_seed(0);
    const net = new Net();
    const x = torch.randn(4, 3);
    expect(net(x).tolist()).toEqual(net.forward(x).tolist());
    expect(net(x).shape).toEqual([4, 1]);
    expect(net).toBeInstanceOf(nn.Module);
    expect(net.fc1).toBeInstanceOf(nn.Linear);
  });

  it('registers fields and constructor assignments in order, with dotted names', () => {
    const net = new Net();
    expect(net.named_parameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
    expect(net.parameters()[0]).toBe(net.fc1.weight);
    expect(net.named_children().map(([n]) => n)).toEqual(['fc1', 'act', 'fc2']);
    expect(net.children()).toEqual([net.fc1, net.act, net.fc2]);
    expect(net.named_modules().map(([n]) => n)).toEqual(['', 'fc1', 'act', 'fc2']);
  });

  it('lists a module\'s own parameters before its submodules\', each parameter once (PyTorch order)', () => {
    class Scaled extends nn.Module {
      inner = new nn.Linear(2, 2, { bias: false });
      scale = new nn.Parameter(torch.ones(1));
      again = this.scale;
      plain = torch.ones(1, { requires_grad: true });
    }
    const m = new Scaled();
    expect(m.named_parameters().map(([n]) => n)).toEqual(['scale', 'inner.weight']);
    const shared = new nn.Sequential(m.inner, m.inner);
    expect(shared.named_parameters().map(([n]) => n)).toEqual(['0.weight']);
  });

  it('prints like PyTorch', () => {
    expect(String(new Net())).toBe(
      'Net(\n  (fc1): Linear(in_features=3, out_features=5, bias=True)\n  (act): ReLU()\n  (fc2): Linear(in_features=5, out_features=1, bias=True)\n)',
    );
    const seq = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Sequential(new nn.Linear(4, 2), new nn.Sigmoid()), new nn.Tanh());
    expect(String(seq)).toBe(
      [
        'Sequential(',
        '  (0): Linear(in_features=3, out_features=4, bias=True)',
        '  (1): ReLU()',
        '  (2): Sequential(',
        '    (0): Linear(in_features=4, out_features=2, bias=True)',
        '    (1): Sigmoid()',
        '  )',
        '  (3): Tanh()',
        ')',
      ].join('\n'),
    );
    expect(seq.named_parameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.0.weight', '2.0.bias']);
    expect(String(new nn.Linear(3, 2, { bias: false }))).toBe('Linear(in_features=3, out_features=2, bias=False)');
    expect([new nn.MSELoss(), new nn.MSELoss({ reduction: 'sum' }), new nn.CrossEntropyLoss(), new nn.Sigmoid()].map(String)).toEqual(['MSELoss()', 'MSELoss()', 'CrossEntropyLoss()', 'Sigmoid()']);
    class E extends nn.Module {}
    expect(String(new E())).toBe('E()');
    expect(torch.format([new nn.ReLU()])).toBe('ReLU()');
  });

  it('fails like PyTorch without a forward', () => {
    expect(() => new nn.Module()(torch.ones(1))).toThrow('Module [Module] is missing the required "forward" function');
  });

  it('zero_grad drops the grads (2.x default set_to_none=True), or zeroes them in place', () => {
    const net = new Net();
    net(torch.randn(2, 3)).sum().backward();
    const g = net.fc1.weight.grad!;
    net.zero_grad(false);
    expect(net.fc1.weight.grad).toBe(g);
    expect(g.abs().sum().item()).toBe(0);
    net.zero_grad();
    expect(net.fc1.weight.grad).toBe(null);
  });

  it('train() and eval() set training on the whole tree', () => {
    const net = new Net();
    expect(net.training).toBe(true);
    expect(net.eval()).toBe(net);
    expect(net.modules().map((m) => m.training)).toEqual([false, false, false, false]);
    net.train();
    expect(net.fc2.training).toBe(true);
  });

  it('Sequential indexes its modules and runs them in order', () => {
    const seq = new nn.Sequential(new nn.Linear(3, 2), new nn.Tanh());
    const x = torch.randn(4, 3);
    expect(seq[0]).toBeInstanceOf(nn.Linear);
    expect(seq(x).tolist()).toEqual(seq[1](seq[0](x)).tolist());
  });
});

describe('nn.Linear', () => {
  it('draws the weights PyTorch draws after manual_seed', () => {
    torch.manual_seed(0);
    const l = new nn.Linear(3, 2);
    expect(Array.from(l.weight._values())).toEqual(ref.linear_w.map(Math.fround));
    expect(Array.from(l.bias!._values())).toEqual(ref.linear_b.map(Math.fround));
    expect(String(l.weight)).toBe(ref.linear_repr_w);
    const l64 = new nn.Linear(2, 3, { dtype: 'float64' });
    expect(l64.weight.dtype).toBe('float64');
    expect(Array.from(l64.weight._values())).toEqual(ref.linear64_w);
    expect(Array.from(l64.bias!._values())).toEqual(ref.linear64_b);
    const noBias = new nn.Linear(4, 3, { bias: false });
    expect(noBias.bias).toBe(null);
    expect(Array.from(noBias.weight._values())).toEqual(ref.linear_nobias_w.map(Math.fround));
  });

  it('records what F.linear records for each input rank (PyTorch 2.14 graphs)', () => {
    const l = new nn.Linear(3, 2);
    const noBias = new nn.Linear(3, 2, { bias: false });
    const graphs = [
      graphText(l(torch.randn(4, 3))),
      graphText(l(torch.randn(3))),
      graphText(l(torch.randn(2, 4, 3))),
      graphText(l(torch.randn(2, 3, 4).transpose(1, 2))),
      graphText(l(torch.randn(2, 2, 4, 3))),
      graphText(noBias(torch.randn(5, 4, 3))),
    ];
    expect(graphs).toEqual([
      "AddmmBackward0 _saved_alpha=1 _saved_beta=1 _saved_mat1=T(4, 3) _saved_mat1_sym_sizes=(4, 3) _saved_mat1_sym_strides=() _saved_mat2=None _saved_mat2_sym_sizes=(3, 2) _saved_mat2_sym_strides=(1, 3)\n  torch::autograd::AccumulateGrad \n  None\n  TBackward0 \n    torch::autograd::AccumulateGrad ",
      "ViewBackward0 _saved_self_sym_sizes=(1, 2)\n  AddmmBackward0 _saved_alpha=1 _saved_beta=1 _saved_mat1=T(1, 3) _saved_mat1_sym_sizes=(1, 3) _saved_mat1_sym_strides=() _saved_mat2=None _saved_mat2_sym_sizes=(3, 2) _saved_mat2_sym_strides=(1, 3)\n    torch::autograd::AccumulateGrad \n    None\n    TBackward0 \n      torch::autograd::AccumulateGrad ",
      "ViewBackward0 _saved_self_sym_sizes=(8, 2)\n  AddmmBackward0 _saved_alpha=1 _saved_beta=1 _saved_mat1=T(8, 3) _saved_mat1_sym_sizes=(8, 3) _saved_mat1_sym_strides=() _saved_mat2=None _saved_mat2_sym_sizes=(3, 2) _saved_mat2_sym_strides=(1, 3)\n    torch::autograd::AccumulateGrad \n    None\n    TBackward0 \n      torch::autograd::AccumulateGrad ",
      "AddBackward0 _saved_alpha=1\n  UnsafeViewBackward0 _saved_self_sym_sizes=(8, 2)\n    MmBackward0 _saved_mat2=None _saved_mat2_sym_sizes=(3, 2) _saved_mat2_sym_strides=(1, 3) _saved_self=T(8, 3) _saved_self_sym_sizes=(8, 3) _saved_self_sym_strides=()\n      None\n      TBackward0 \n        torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad ",
      "ViewBackward0 _saved_self_sym_sizes=(16, 2)\n  AddmmBackward0 _saved_alpha=1 _saved_beta=1 _saved_mat1=T(16, 3) _saved_mat1_sym_sizes=(16, 3) _saved_mat1_sym_strides=() _saved_mat2=None _saved_mat2_sym_sizes=(3, 2) _saved_mat2_sym_strides=(1, 3)\n    torch::autograd::AccumulateGrad \n    None\n    TBackward0 \n      torch::autograd::AccumulateGrad ",
      "UnsafeViewBackward0 _saved_self_sym_sizes=(20, 2)\n  MmBackward0 _saved_mat2=None _saved_mat2_sym_sizes=(3, 2) _saved_mat2_sym_strides=(1, 3) _saved_self=T(20, 3) _saved_self_sym_sizes=(20, 3) _saved_self_sym_strides=()\n    None\n    TBackward0 \n      torch::autograd::AccumulateGrad ",
    ]);
  });

  it('rejects inputs of the wrong width with PyTorch\'s message', () => {
    const l = new nn.Linear(3, 2);
    expect(() => l(torch.randn(4, 5))).toThrow('mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)');
    expect(() => l(torch.randn(5))).toThrow('mat1 and mat2 shapes cannot be multiplied (1x5 and 3x2)');
    expect(() => l(torch.randn(2, 4, 5))).toThrow('mat1 and mat2 shapes cannot be multiplied (8x5 and 3x2)');
  });
});

// ---- losses -----------------------------------------------------------------------------------------

const X = () => torch.tensor([[1, 2, 3], [0.5, -1, 2]], { requires_grad: true });
const Y = torch.tensor([[0, 1, 2], [1, 1, 1]]);
const P = torch.tensor([[0.2, 0.3, 0.5], [1, 0, 0]]);
const W = torch.tensor([1, 2, 3]);

/** The loss's value and input gradient (backward with ones), as the reference records them. */
function lossInfo(f: (x: Tensor) => Tensor): { value: number[]; shape: number[]; grad: number[] } {
  const x = X();
  const r = f(x);
  r.backward(torch.ones_like(r));
  return { value: Array.from(r._values()), shape: r.shape, grad: Array.from(x.grad!._values()) };
}

function expectClose(actual: number[], expected: number[], tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]))));
}

describe('losses against PyTorch', () => {
  const cases: [keyof typeof ref.losses, (x: Tensor) => Tensor][] = [
    ['mse_mean', (x) => F.mse_loss(x, Y)],
    ['mse_sum', (x) => F.mse_loss(x, Y, { reduction: 'sum' })],
    ['mse_none', (x) => F.mse_loss(x, Y, { reduction: 'none' })],
    ['ce_mean', (x) => F.cross_entropy(x, classes(2, 0))],
    ['ce_sum', (x) => F.cross_entropy(x, classes(2, 0), { reduction: 'sum' })],
    ['ce_none', (x) => F.cross_entropy(x, classes(2, 0), { reduction: 'none' })],
    ['ce_weight', (x) => F.cross_entropy(x, classes(2, 0), { weight: W })],
    ['ce_weight_none', (x) => F.cross_entropy(x, classes(2, 0), { weight: W, reduction: 'none' })],
    ['ce_ignore', (x) => F.cross_entropy(x, classes(-100, 0))],
    ['ce_ignore1', (x) => F.cross_entropy(x, classes(2, 1), { ignore_index: 1 })],
    ['ce_prob', (x) => F.cross_entropy(x, P)],
    ['ce_prob_sum', (x) => F.cross_entropy(x, P, { reduction: 'sum' })],
    ['ce_prob_none', (x) => F.cross_entropy(x, P, { reduction: 'none' })],
    ['ce_prob_weight', (x) => F.cross_entropy(x, P, { weight: W })],
    ['ce_1d', (x) => F.cross_entropy(x.select(0, 1), torch.tensor(L(2)))],
    ['ce_1d_none', (x) => F.cross_entropy(x.select(0, 1), torch.tensor(L(2)), { reduction: 'none' })],
    ['nll', (x) => F.nll_loss(x, classes(2, 0))],
    ['nll_weight_sum', (x) => F.nll_loss(x, classes(2, 0), { weight: W, reduction: 'sum' })],
  ];
  for (const [name, f] of cases) {
    it(name, () => {
      const got = lossInfo(f);
      const want = ref.losses[name];
      expect(got.shape).toEqual(want.shape);
      expectClose(got.value, want.value);
      expectClose(got.grad, want.grad);
    });
  }

  it('cross_entropy over spatial dims (3-D through nll_loss2d, 4-D) with ignored targets', () => {
    for (const red of ['mean', 'sum', 'none'] as const) {
      const z = torch.arange(24, { dtype: 'float32' }).reshape(2, 3, 4).sin().detach().requires_grad_();
      const zt = torch.tensor([[0, 1, 2, 0], [1, 1, -100, 2]].map((r) => r.map(L)));
      const r = F.cross_entropy(z, zt, { reduction: red });
      r.backward(torch.ones_like(r));
      const want = ref[`ce3d_${red}`];
      expect(r.shape).toEqual(want.shape);
      expectClose(Array.from(r._values()), want.value);
      expectClose(Array.from(z.grad!._values()), want.grad);
    }
    const z4 = torch.arange(24, { dtype: 'float32' }).reshape(2, 3, 2, 2).cos().detach().requires_grad_();
    const t4 = torch.tensor([[[0, 1], [2, 0]], [[1, 1], [0, 2]]].map((a) => a.map((r) => r.map(L))));
    const r = F.cross_entropy(z4, t4);
    r.backward();
    expect(r.grad_fn!.name()).toBe(ref.ce4d.name);
    expectClose([r.item() as number], [ref.ce4d.value]);
    expectClose(Array.from(z4.grad!._values()), ref.ce4d.grad);
  });

  it('records MseLossBackward0, NllLossBackward0 <- LogSoftmaxBackward0 and the probability-target graph', () => {
    const x = X();
    expect(graphText(F.mse_loss(x, Y))).toBe('MseLossBackward0 _saved_reduction=1 _saved_self=T(2, 3) _saved_target=T(2, 3)\n  torch::autograd::AccumulateGrad \n  None');
    expect(graphText(F.mse_loss(x, torch.tensor([1, 2, 3])))).toBe('MseLossBackward0 _saved_reduction=1 _saved_self=T(2, 3) _saved_target=T(2, 3)nc\n  torch::autograd::AccumulateGrad \n  None');
    expect(graphText(new nn.MSELoss({ reduction: 'sum' })(x, Y.clone().requires_grad_()))).toBe(
      'MseLossBackward0 _saved_reduction=2 _saved_self=T(2, 3) _saved_target=T(2, 3)\n  torch::autograd::AccumulateGrad \n  torch::autograd::AccumulateGrad ',
    );
    const ce = new nn.CrossEntropyLoss()(x, classes(2, 0));
    expect(String(ce)).toBe('tensor(1.0745, grad_fn=<NllLossBackward0>)');
    expect(graphText(ce)).toBe(
      'NllLossBackward0 _saved_ignore_index=18446744073709551516 _saved_reduction=1 _saved_self=T(2, 3) _saved_target=T(2,) _saved_total_weight=T() _saved_weight=None\n' +
        '  LogSoftmaxBackward0 _saved_dim=1 _saved_result=T(2, 3)\n    torch::autograd::AccumulateGrad ',
    );
    expect(graphText(F.cross_entropy(x, P))).toBe(
      'DivBackward1 _saved_other=2\n  NegBackward0 \n    SumBackward0 _saved_self_sym_sizes=(2, 3)\n      MulBackward0 _saved_other=T(2, 3) _saved_self=None\n' +
        '        LogSoftmaxBackward0 _saved_dim=1 _saved_result=T(2, 3)\n          torch::autograd::AccumulateGrad \n        None',
    );
    expect(graphText(F.cross_entropy(torch.randn([2, 3, 4], { requires_grad: true }), torch.tensor([[0, 1, 2, 0], [1, 1, 1, 1]].map((r) => r.map(L)))))).toBe(
      'NllLoss2DBackward0 _saved_ignore_index=18446744073709551516 _saved_reduction=1 _saved_self=T(2, 3, 1, 4) _saved_target=T(2, 1, 4) _saved_total_weight=T() _saved_weight=None\n' +
        '  ViewBackward0 _saved_self_sym_sizes=(2, 3, 4)\n    LogSoftmaxBackward0 _saved_dim=1 _saved_result=T(2, 3, 4)\n      torch::autograd::AccumulateGrad ',
    );
  });

  it('prints the loss values PyTorch prints', () => {
    const x = X();
    expect(String(F.mse_loss(x, Y))).toBe('tensor(1.3750, grad_fn=<MseLossBackward0>)');
    expect(String(F.mse_loss(x, Y, { reduction: 'none' }))).toBe('tensor([[1.0000, 1.0000, 1.0000],\n        [0.2500, 4.0000, 1.0000]], grad_fn=<MseLossBackward0>)');
    expect(String(F.cross_entropy(x, classes(-100, -100)))).toBe('tensor(nan, grad_fn=<NllLossBackward0>)');
    expect(String(F.softmax(x, 1))).toBe('tensor([[0.0900, 0.2447, 0.6652],\n        [0.1753, 0.0391, 0.7856]], grad_fn=<SoftmaxBackward0>)');
    expect(String(F.log_softmax(x, { dim: 1 }))).toBe('tensor([[-2.4076, -1.4076, -0.4076],\n        [-1.7413, -3.2413, -0.2413]], grad_fn=<LogSoftmaxBackward0>)');
    expect(String(F.relu(x))).toBe('tensor([[1.0000, 2.0000, 3.0000],\n        [0.5000, 0.0000, 2.0000]], grad_fn=<ReluBackward0>)');
    expect(String(F.tanh(x))).toBe('tensor([[ 0.7616,  0.9640,  0.9951],\n        [ 0.4621, -0.7616,  0.9640]], grad_fn=<TanhBackward0>)');
    expect(String(new nn.Sigmoid()(x))).toBe('tensor([[0.7311, 0.8808, 0.9526],\n        [0.6225, 0.2689, 0.8808]], grad_fn=<SigmoidBackward0>)');
  });

  it('raises PyTorch\'s errors', () => {
    const x = X();
    expect(() => F.mse_loss(x, Y, { reduction: 'foo' as 'sum' })).toThrow('foo is not a valid value for reduction');
    expect(() => F.mse_loss(x, torch.ones(4))).toThrow('The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1');
    expect(() => F.cross_entropy(x, torch.tensor([2, 0]))).toThrow('expected scalar type Long but found Float');
    expect(() => F.cross_entropy(x, classes(3, 0))).toThrow('Target 3 is out of bounds.');
    expect(() => F.cross_entropy(x, classes(-1, 0))).toThrow('Target -1 is out of bounds.');
    expect(() => F.cross_entropy(x, classes(1, 2, 0))).toThrow('Expected input batch_size (2) to match target batch_size (3).');
    expect(() => F.nll_loss(x, torch.tensor([[L(1), L(2)]]))).toThrow('Expected input batch_size (2) to match target batch_size (1).');
  });
});

// ---- gradcheck ------------------------------------------------------------------------------------

const GRADCHECK = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 };
const reductions = fc.constantFrom('none', 'mean', 'sum') as fc.Arbitrary<'none' | 'mean' | 'sum'>;
const f64 = (shape: number[]) => torch.randn(shape, { dtype: 'float64' });

describe('gradcheck (float64, fast-check)', () => {
  it('mse_loss with broadcasting, non-contiguous input and both sides requiring grad', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('same', 'row', 'scalar'), fc.boolean(), reductions, (n, m, targetKind, transposed, reduction) => {
        const input = (transposed ? f64([m, n]).requires_grad_() : f64([n, m]).requires_grad_());
        const targetShape = targetKind === 'same' ? [n, m] : targetKind === 'row' ? [m] : [];
        const target = f64(targetShape).requires_grad_();
        return torch.autograd.gradcheck((a, b) => F.mse_loss(transposed ? a.t() : a, b, { reduction }), [input, target], GRADCHECK);
      }),
      { numRuns: 30 },
    );
  });

  it('cross_entropy with class indices (1-D, 2-D, spatial), weights, ignore_index, and probabilities', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom(1, 2, 3),
        fc.boolean(),
        fc.boolean(),
        reductions,
        fc.integer({ min: 0, max: 1_000_000 }),
        (n, c, rank, weighted, probs, reduction, seed) => {
          torch.manual_seed(seed);
          const shape = rank === 1 ? [c] : rank === 2 ? [n, c] : [n, c, 2];
          const input = f64(shape).requires_grad_();
          const weight = weighted ? torch.rand(c, { dtype: 'float64' }).add(0.5) : null;
          let target: Tensor;
          if (probs) target = torch.rand(shape, { dtype: 'float64' }).softmax(rank === 1 ? 0 : 1);
          else {
            const targetShape = rank === 1 ? [] : rank === 2 ? [n] : [n, 2];
            target = torch.randint(0, c, targetShape);
            // One ignored target where there are several, so some term is always counted.
            if (target.numel() > 1) target._array()[0] = -100;
          }
          return torch.autograd.gradcheck((x) => F.cross_entropy(x, target, { weight, reduction }), [input], GRADCHECK);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('F.linear over 1-D to 4-D inputs, with and without bias', () => {
    for (const shape of [[3], [4, 3], [2, 4, 3], [2, 2, 2, 3]]) {
      for (const withBias of [true, false]) {
        const x = f64(shape).requires_grad_();
        const w = f64([2, 3]).requires_grad_();
        const b = f64([2]).requires_grad_();
        const inputs = withBias ? [x, w, b] : [x, w];
        expect(torch.autograd.gradcheck((xi, wi, bi) => F.linear(xi, wi, bi ?? null), inputs, GRADCHECK)).toBe(true);
      }
    }
  });
});

describe('Module.to', () => {
  it('casts floating parameters and their grads in place, keeping the same Parameter objects', () => {
    torch.manual_seed(0);
    const model = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    const before = model.parameters();
    const values = before.map((p) => p.tolist());
    model(torch.ones(4, 2)).sum().backward();
    expect(model.to('float64')).toBe(model);
    const after = model.parameters();
    after.forEach((p, i) => {
      expect(p).toBe(before[i]);
      expect(p.dtype).toBe('float64');
      expect(p.is_leaf && p.requires_grad).toBe(true);
      expect(p.grad!.dtype).toBe('float64');
      expect(p.tolist()).toEqual(values[i]);
    });
    expect(model.to({ device: 'cpu' })).toBe(model);
    expect(model(torch.ones(1, 2, { dtype: 'float64' })).dtype).toBe('float64');
  });
});
