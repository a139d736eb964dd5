import { describe, it, expect } from 'vitest';
import { torch, nn, optim, type Tensor } from '../index';
import ref from '../nn/pytorch_reference.json';

const X = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-0.3, 0.8, 0.1], [1.0, 1.0, 1.0]]);
const Y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]]);
const C = torch.tensor([1n, 0n, 1n, 0n]);

type Step = { loss: number; params: Record<string, number[]> };
type Activation = new () => nn.Module;

/** The reference script's loop: seed 1, Linear(3,4) -> act -> Linear(4,2), three steps. */
function train(makeOpt: (p: Tensor[]) => Pick<optim.SGD, "step" | "zero_grad">, loss: nn.Module, target: Tensor, Act: Activation, expected: Step[]): void {
  torch.manual_seed(1);
  const model = new nn.Sequential(new nn.Linear(3, 4), new Act(), new nn.Linear(4, 2));
  const opt = makeOpt(model.parameters());
  expected.forEach((want, step) => {
    opt.zero_grad();
    const l = loss(model(X), target);
    l.backward();
    opt.step();
    expect(Math.abs((l.item() as number) - want.loss)).toBeLessThan(1e-6);
    for (const [name, p] of model.named_parameters()) {
      const got = Array.from(p._values());
      const exp = want.params[name];
      expect(got.length).toBe(exp.length);
      got.forEach((v, i) => expect(Math.abs(v - exp[i]), `${name}[${i}] after step ${step + 1}`).toBeLessThan(1e-6));
    }
  });
}

describe('optimizers match PyTorch 1.13 step by step (parameters after each of 3 steps, 1e-6)', () => {
  it('SGD with momentum, MSELoss, Tanh', () => {
    train((p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9 }), new nn.MSELoss(), Y, nn.Tanh, ref.sgd_momentum);
  });
  it('SGD with Nesterov momentum and weight decay, summed MSELoss, Sigmoid', () => {
    train((p) => new optim.SGD(p, { lr: 0.05, momentum: 0.5, nesterov: true, weight_decay: 0.01 }), new nn.MSELoss({ reduction: 'sum' }), Y, nn.Sigmoid, ref.sgd_nesterov_wd);
  });
  it('SGD with dampening, maximizing, ReLU', () => {
    train((p) => new optim.SGD(p, { lr: 0.05, momentum: 0.5, dampening: 0.3, maximize: true }), new nn.MSELoss(), Y, nn.ReLU, ref.sgd_dampening);
  });
  it('Adam, CrossEntropyLoss, ReLU', () => {
    train((p) => new optim.Adam(p, { lr: 0.01 }), new nn.CrossEntropyLoss(), C, nn.ReLU, ref.adam);
  });
  it('Adam with amsgrad, betas and weight decay, MSELoss, Tanh', () => {
    train((p) => new optim.Adam(p, { lr: 0.02, betas: [0.8, 0.99], weight_decay: 0.1, amsgrad: true }), new nn.MSELoss(), Y, nn.Tanh, ref.adam_amsgrad_wd);
  });
});

describe('Optimizer', () => {
  it('fills param_groups with the defaults and prints like PyTorch', () => {
    const p = [new nn.Parameter(torch.ones(2))];
    const sgd = new optim.SGD(p, { lr: 0.1, momentum: 0.9 });
    expect(sgd.param_groups[0].params).toEqual(p);
    expect(sgd.param_groups[0].momentum).toBe(0.9);
    // PyTorch 2.x's groups: SGD has `fused` (2.3), Adam `fused=None` and `decoupled_weight_decay` (torch/optim/adam.py).
    expect(String(sgd)).toBe(
      'SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n    fused: None\n    lr: 0.1\n    maximize: False\n    momentum: 0.9\n    nesterov: False\n    weight_decay: 0\n)',
    );
    expect(String(new optim.Adam(p))).toBe(
      'Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    capturable: False\n    decoupled_weight_decay: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n    fused: None\n    lr: 0.001\n    maximize: False\n    weight_decay: 0\n)',
    );
  });

  it('takes parameter groups with their own options', () => {
    const a = new nn.Parameter(torch.ones(1));
    const b = new nn.Parameter(torch.ones(1));
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 1 }], { lr: 0.5 });
    a.grad = torch.ones(1);
    b.grad = torch.ones(1);
    opt.step();
    expect([a.item(), b.item()]).toEqual([0.5, 0]);
  });

  it('skips parameters without a grad; zero_grad drops the grads by default (2.x) or zeroes them in place', () => {
    const a = new nn.Parameter(torch.ones(2));
    const b = new nn.Parameter(torch.ones(2));
    const opt = new optim.Adam([a, b], { lr: 0.1 });
    a.sum().backward();
    opt.step();
    expect(b.tolist()).toEqual([1, 1]);
    expect(opt.state.has(b)).toBe(false);
    expect((opt.state.get(a)!.step as Tensor).item()).toBe(1);
    const g = a.grad!;
    opt.zero_grad({ set_to_none: false });
    expect(a.grad).toBe(g);
    expect(g.tolist()).toEqual([0, 0]);
    opt.zero_grad();
    expect(a.grad).toBe(null);
  });

  it('step(closure) evaluates the loss with grad enabled and returns it', () => {
    const w = new nn.Parameter(torch.tensor([2]));
    const opt = new optim.SGD([w], { lr: 0.25 });
    const loss = torch.no_grad(() =>
      opt.step(() => {
        opt.zero_grad();
        const l = w.pow(2).sum();
        l.backward();
        return l;
      }),
    );
    expect(loss!.item()).toBe(4);
    expect(w.item()).toBe(1);
  });

  it('raises PyTorch\'s errors', () => {
    const p = [new nn.Parameter(torch.ones(2))];
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow('optimizer got an empty parameter list');
    expect(() => new optim.SGD(p, { lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => new optim.SGD(p, { lr: 0.1, momentum: -0.5 })).toThrow('Invalid momentum value: -0.5');
    expect(() => new optim.SGD(p, { lr: 0.1, weight_decay: -1 })).toThrow('Invalid weight_decay value: -1');
    expect(() => new optim.SGD(p, { lr: 0.1, nesterov: true })).toThrow('Nesterov momentum requires a momentum and zero dampening');
    expect(() => new optim.Adam(p, { lr: -0.1 })).toThrow('Invalid learning rate: -0.1');
    expect(() => new optim.Adam(p, { betas: [1, 0.9] })).toThrow('Invalid beta parameter at index 0: 1');
    expect(() => new optim.Adam(p, { betas: [0.9, -0.1] })).toThrow('Invalid beta parameter at index 1: -0.1');
    expect(() => new optim.Adam(p, { weight_decay: -0.5 })).toThrow('Invalid weight_decay value: -0.5');
    expect(() => new optim.SGD(torch.ones(2) as unknown as Tensor[], { lr: 0.1 })).toThrow('params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor');
    expect(() => new optim.SGD([torch.ones(2, { requires_grad: true }).mul(2)], { lr: 0.1 })).toThrow("can't optimize a non-leaf Tensor");
    expect(() => new optim.SGD([{ params: p }, { params: p }], { lr: 0.1 })).toThrow('some parameters appear in more than one parameter group');
  });
});

describe('the namespaces a snippet sees', () => {
  it('torch.nn, torch.optim and torch.nn.functional are the same objects as nn, optim and F', async () => {
    const mod = await import('../index');
    expect(torch.nn).toBe(nn);
    expect(torch.optim).toBe(optim);
    expect(mod.F).toBe(nn.functional);
    expect(typeof torch.matmul).toBe('function');
    expect(torch.mm(torch.eye(2), torch.ones(2, 2)).tolist()).toEqual([[1, 1], [1, 1]]);
  });
});
