/** The binder's rules beyond keywords: the options-object rule, classes, out=, names, the fast path. */
import { describe, it, expect } from 'vitest';
import torch, { nn, F, optim, Tensor } from '../index';
import { stdHash } from './native';

const x = () => torch.tensor([[1, -2, 3], [4, 5, -6]]);

describe('the options object', () => {
  it('is the last argument when it is a plain object, in any mix with positional values', () => {
    expect(String(x().sum(1, { keepdim: true }))).toBe(String(x().sum(1, true)));
    expect(String(x().sum({ dim: 1, keepdim: true }))).toBe(String(x().sum(1, true)));
    expect(String(torch.sum(x(), { dim: 1 }))).toBe(String(torch.sum(x(), 1)));
    expect(String(torch.sum({ input: x(), dim: 1 } as never))).toBe(String(torch.sum(x(), 1)));
  });

  it("is a dict argument where the next parameter is one and its keys are not all parameter names", () => {
    const w = torch.ones(2, { requires_grad: true });
    const y = w.mul(2).sum();
    // make_dot(y, params) and make_dot(y, {params}) give the same graph.
    expect(torch.viz.make_dot(y, { w }).toDot()).toBe(torch.viz.make_dot(y, { params: { w } }).toDot());
    expect(torch.viz.make_dot(y, { w }).toDot()).toContain('w\n (2)');
    // A dict first, options after it.
    expect(torch.viz.make_dot(y, { w }, { show_attrs: true }).toDot()).toBe(torch.viz.make_dot(y, { params: { w }, show_attrs: true }).toDot());
    const opt = optim.SGD([nn.Parameter(torch.ones(1))], { lr: 0.1 });
    opt.add_param_group({ params: [nn.Parameter(torch.ones(1))], lr: 0.5 });
    expect(opt.param_groups.map((g) => g.lr)).toEqual([0.1, 0.5]);
  });

  it('treats undefined as not given, positionally and by keyword', () => {
    expect(String(x().sum(undefined, { keepdim: undefined }))).toBe(String(x().sum()));
    const w = torch.ones(2, { requires_grad: true });
    const z = w.mul(w).sum();
    z.backward(undefined, { retain_graph: true });
    z.backward();
    expect(String(w.grad)).toBe('tensor([4., 4.])');
  });

  it('takes PyTorch\'s NumPy spellings (axis, keepdims) as its parser does', () => {
    expect(String(torch.sum(x(), { axis: 1, keepdims: true } as never))).toBe(String(x().sum(1, true)));
  });
});

describe('classes, with or without new', () => {
  it('constructs, binds the arguments, and keeps instanceof and the class name', () => {
    torch.manual_seed(0);
    const a = nn.Linear(3, 2, { bias: false });
    torch.manual_seed(0);
    const b = new nn.Linear({ in_features: 3, out_features: 2, bias: false });
    expect(String(a)).toBe('Linear(in_features=3, out_features=2, bias=False)');
    expect(a.weight.tolist()).toEqual(b.weight.tolist());
    expect(a).toBeInstanceOf(nn.Linear);
    expect(a).toBeInstanceOf(nn.Module);
    expect(nn.Parameter(torch.ones(1))).toBeInstanceOf(Tensor);
    expect(optim.SGD([nn.Parameter(torch.ones(1))], 0.1)).toBeInstanceOf(optim.SGD);
    expect(nn.Sequential(nn.ReLU(), nn.Tanh()).children().length).toBe(2);
    expect(nn.Linear.name).toBe('Linear');
  });

  it('subclasses with extends, their super(...) arguments bound as Python binds them', () => {
    class Net extends nn.Module {
      fc = nn.Linear(2, 1);
      override forward(t: Tensor): Tensor {
        return this.fc(t);
      }
    }
    class Wide extends nn.Linear {
      constructor() {
        super(4, { out_features: 5 });
      }
    }
    const net = new Net();
    expect(net).toBeInstanceOf(nn.Module);
    expect(net(torch.ones(3, 2)).shape).toEqual([3, 1]);
    expect(String(new Wide())).toBe('Wide(in_features=4, out_features=5, bias=True)');
    expect(new Wide()).toBeInstanceOf(nn.Linear);
    expect(() => nn.Linear(2, 3, { bia: true } as never)).toThrow(new torch.TypeError("Linear.__init__() got an unexpected keyword argument 'bia'"));
  });
});

describe('what the engine does not implement', () => {
  it('accepts an unsupported parameter at its default, and refuses any other value clearly', () => {
    expect(String(torch.ones(2, { pin_memory: false } as never))).toBe('tensor([1., 1.])');
    expect(() => torch.ones(2, { pin_memory: true } as never)).toThrow(new torch.NotImplementedError("ones(): Gradlab does not support the argument 'pin_memory' yet"));
  });
});

describe('out=', () => {
  it('writes the result into out, resized, and returns it', () => {
    const out = torch.zeros(5);
    const r = torch.add(torch.ones(2), 1, { out } as never);
    expect(r).toBe(out);
    expect(String(out)).toBe('tensor([2., 2.])');
    expect(() => torch.sum(torch.ones(2, { requires_grad: true }), 0, { out: torch.zeros(1) } as never)).toThrow(
      new torch.RuntimeError("sum(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad."),
    );
  });
});

describe('varargs and int lists', () => {
  it('takes a single int list as varargs or as one sequence, as PyTorch\'s parser does', () => {
    expect(x().view(3, 2).shape).toEqual([3, 2]);
    expect(x().view([3, 2]).shape).toEqual([3, 2]);
    expect(x().view({ size: [3, 2] }).shape).toEqual([3, 2]);
    expect(x().permute(1, 0).shape).toEqual([3, 2]);
    expect(torch.zeros({ size: [2] } as never).shape).toEqual([2]);
  });
});

describe("libstdc++'s std::hash<std::string>", () => {
  it('is _Hash_bytes with seed 0xc70f6907 (values of g++ 12 on x86-64)', () => {
    // Printed by `std::hash<std::string>{}(s)` compiled with this machine's g++.
    expect(stdHash('')).toBe(6142509188972423790n);
    expect(stdHash('dim')).toBe(16001712116338756485n);
    expect(stdHash('keepdim')).toBe(6814018157750662968n);
    expect(stdHash('abcdefghij')).toBe(18042067762304121004n);
  });
});

describe('functions keep their typed forms', () => {
  it('F.softmax takes dim positionally or by name', () => {
    expect(String(F.softmax(x().float(), 1))).toBe(String(F.softmax(x().float(), { dim: 1 })));
  });
});
