import { describe, it, expect } from 'vitest';
import { torch, nn, optim, type Tensor } from '../index';
import ref from './optim_reference.json';

const X = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-0.3, 0.8, 0.1], [1.0, 1.0, 1.0]]);
const Y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]]);

type Step = { loss: number; params: Record<string, number[]> };
type Opt = { step(): unknown; zero_grad(): void };

const OPTIMIZERS: Record<string, [(p: Tensor[]) => Opt, new () => nn.Module]> = {
  Adam: [(p) => optim.Adam(p, { lr: 0.01 }), nn.Tanh],
  'AdamW amsgrad': [(p) => optim.AdamW(p, { lr: 0.02, weight_decay: 0.1, amsgrad: true }), nn.Tanh],
  'AdamW maximize': [(p) => optim.AdamW(p, { lr: 0.01, betas: [0.3, 0.9], maximize: true }), nn.Sigmoid],
  RMSprop: [(p) => optim.RMSprop(p, { lr: 0.01 }), nn.Tanh],
  'RMSprop centered momentum weight_decay': [(p) => optim.RMSprop(p, { lr: 0.005, alpha: 0.9, momentum: 0.5, centered: true, weight_decay: 0.1 }), nn.Sigmoid],
  'RMSprop maximize': [(p) => optim.RMSprop(p, { lr: 0.003, maximize: true, centered: true }), nn.ReLU],
  Adagrad: [(p) => optim.Adagrad(p, { lr: 0.1 }), nn.Tanh],
  'Adagrad lr_decay weight_decay initial_accumulator_value': [(p) => optim.Adagrad(p, { lr: 0.1, lr_decay: 0.01, weight_decay: 0.05, initial_accumulator_value: 0.1 }), nn.Tanh],
  'Adagrad maximize': [(p) => optim.Adagrad(p, { lr: 0.05, maximize: true }), nn.ReLU],
  'SGD nesterov': [(p) => optim.SGD(p, { lr: 0.05, momentum: 0.5, nesterov: true, weight_decay: 0.01 }), nn.Sigmoid],
};

describe('optimizers match PyTorch 2.14 step by step (loss and every parameter after each of 3 steps)', () => {
  for (const [name, [make, Act]] of Object.entries(OPTIMIZERS)) {
    it(name, () => {
      torch.manual_seed(1);
      const model = nn.Sequential(nn.Linear(3, 4), new Act(), nn.Linear(4, 2));
      const opt = make(model.parameters());
      (ref.optimizers as Record<string, Step[]>)[name].forEach((want, step) => {
        opt.zero_grad();
        const loss = nn.MSELoss()(model(X), Y);
        loss.backward();
        opt.step();
        expect(Math.abs((loss.item() as number) - want.loss)).toBeLessThan(1e-6);
        for (const [pname, p] of model.named_parameters()) {
          const got = p.flatten().tolist() as number[];
          got.forEach((v, i) => expect(Math.abs(v - want.params[pname][i]), `${pname}[${i}] after step ${step + 1}: ${v} vs ${want.params[pname][i]}`).toBeLessThan(2e-7));
        }
      });
    });
  }
});

type Sched = { get_last_lr(): number[] };
const SCHEDULERS: Record<string, (o: optim.SGD) => Sched> = {
  StepLR: (o) => optim.lr_scheduler.StepLR(o, 3, { gamma: 0.5 }),
  MultiStepLR: (o) => optim.lr_scheduler.MultiStepLR(o, [2, 5, 5, 9], { gamma: 0.3 }),
  ExponentialLR: (o) => optim.lr_scheduler.ExponentialLR(o, 0.9),
  CosineAnnealingLR: (o) => optim.lr_scheduler.CosineAnnealingLR(o, { T_max: 4, eta_min: 0.001 }),
  LambdaLR: (o) => optim.lr_scheduler.LambdaLR(o, (e: number) => 0.95 ** e),
  'LambdaLR list': (o) => optim.lr_scheduler.LambdaLR(o, [(e: number) => 1 / (e + 1), (e: number) => Math.cos(e)]),
  ReduceLROnPlateau: (o) => optim.lr_scheduler.ReduceLROnPlateau(o, { patience: 1, factor: 0.5 }),
  'ReduceLROnPlateau max abs cooldown': (o) => optim.lr_scheduler.ReduceLROnPlateau(o, { mode: 'max', threshold_mode: 'abs', threshold: 0.05, patience: 0, cooldown: 2, min_lr: 0.004 }),
};
const METRICS = [1.0, 0.9, 0.95, 0.95, 0.96, 0.97, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6];

describe('schedulers match PyTorch 2.14: get_last_lr() over 12 epochs, two groups, and the optimizer repr (initial_lr)', () => {
  for (const [name, make] of Object.entries(SCHEDULERS)) {
    it(name, () => {
      const a = nn.Parameter(torch.ones(1));
      const b = nn.Parameter(torch.ones(1));
      const opt = optim.SGD([{ params: [a] }, { params: [b], lr: 0.01 }], { lr: 0.1 });
      const sched = make(opt);
      const lrs = [sched.get_last_lr()];
      for (let epoch = 0; epoch < 12; epoch++) {
        opt.step();
        const step = (sched as unknown as { step(metric?: number): void }).step.bind(sched);
        if (name.startsWith('ReduceLROnPlateau')) step(METRICS[epoch]);
        else step();
        lrs.push(sched.get_last_lr());
      }
      const want = (ref.schedulers as Record<string, { lrs: number[][]; repr: string }>)[name];
      lrs.flat().forEach((v, i) => expect(Math.abs(v - want.lrs.flat()[i]), `lr ${i}`).toBeLessThan(1e-15));
      expect(String(opt)).toBe(want.repr);
    });
  }

  it("raise PyTorch's errors", () => {
    const opt = optim.SGD([nn.Parameter(torch.ones(1))], { lr: 0.1 });
    expect(() => optim.lr_scheduler.ReduceLROnPlateau(opt, { factor: 1 })).toThrow('Factor should be < 1.0.');
    expect(() => optim.lr_scheduler.ReduceLROnPlateau(opt, { mode: 'up' as 'min' })).toThrow('mode up is unknown!');
    expect(() => optim.lr_scheduler.LambdaLR(opt, [(e: number) => e, (e: number) => e])).toThrow('Expected 1 lr_lambdas, but got 2');
    expect(() => optim.lr_scheduler.StepLR({} as optim.SGD, 2)).toThrow('Object is not an Optimizer');
  });
});

describe('Optimizer.state_dict / load_state_dict', () => {
  it("prints as PyTorch's dict and restores the state into another optimizer", () => {
    const p = nn.Parameter(torch.tensor([1.0, -2.0]));
    const adam = optim.Adam([p], { lr: 0.1 });
    p.grad = torch.tensor([0.5, 0.25]);
    adam.step();
    const sd = adam.state_dict();
    expect((sd as unknown as { __repr__(): string }).__repr__()).toBe(ref.adam_state_dict);
    const q = nn.Parameter(p.detach().clone());
    const other = optim.Adam([q], { lr: 0.5 });
    other.load_state_dict(sd);
    expect(other.param_groups[0].lr).toBe(0.1);
    expect((other.state.get(q)!.exp_avg as Tensor).tolist()).toEqual((adam.state.get(p)!.exp_avg as Tensor).tolist());
    q.grad = torch.tensor([0.5, 0.25]);
    p.grad = torch.tensor([0.5, 0.25]);
    adam.step();
    other.step();
    expect(q.tolist()).toEqual(p.tolist());
    expect(() => optim.Adam([q, nn.Parameter(torch.ones(1))]).load_state_dict(sd)).toThrow("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    expect(() => optim.Adam([{ params: [q] }, { params: [nn.Parameter(torch.ones(1))] }]).load_state_dict(sd)).toThrow('loaded state dict has a different number of parameter groups');
  });

  it("Adagrad has state from the start; AdamW prints as PyTorch 2.x's; the optimizers' errors", () => {
    const p = nn.Parameter(torch.ones(2));
    expect(Object.keys(optim.Adagrad([p]).state_dict().state)).toEqual(['0']);
    expect(String(optim.AdamW([p]))).toBe(
      'AdamW (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    capturable: False\n    decoupled_weight_decay: True\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n    fused: None\n    lr: 0.001\n    maximize: False\n    weight_decay: 0.01\n)',
    );
    expect(String(optim.RMSprop([p]))).toBe(
      'RMSprop (\nParameter Group 0\n    alpha: 0.99\n    capturable: False\n    centered: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n    lr: 0.01\n    maximize: False\n    momentum: 0\n    weight_decay: 0\n)',
    );
    expect(() => optim.RMSprop([p], { alpha: -1 })).toThrow('Invalid alpha value: -1');
    expect(() => optim.RMSprop([p], { momentum: -1 })).toThrow('Invalid momentum value: -1');
    expect(() => optim.Adagrad([p], { lr_decay: -1 })).toThrow('Invalid lr_decay value: -1');
    expect(() => optim.Adagrad([p], { initial_accumulator_value: -1 })).toThrow('Invalid initial_accumulator_value value: -1');
    expect(() => optim.AdamW([p], { weight_decay: -1 })).toThrow('Invalid weight_decay value: -1');
  });
});
