import { afterEach, describe, it, expect, vi } from 'vitest';
import { Tensor } from '../tensor';
import torch from '../index';
import { record } from './function';
import { backwardTraces } from './trace';
import { FREED_MESSAGE, type Node } from './node';

// Every expected string and value below is PyTorch 1.13's own output, pasted as a literal.

const t = (data: number[] | number, opts: { dtype?: 'float32' | 'float64' } = {}) => torch.tensor(data, { requires_grad: true, ...opts });

afterEach(() => {
  vi.restoreAllMocks();
});

/** The Node names of the newest backward trace, in the order the engine ran them. */
function lastRunOrder(): string[] {
  const traces = backwardTraces();
  return traces[traces.length - 1].steps.map((s) => s.name);
}

describe('backward and the graph\'s lifetime', () => {
  it('frees the graph after backward: a second backward raises PyTorch\'s error', () => {
    const x = t([1, 2]);
    const y = x.mul(x).sum();
    y.backward();
    expect(FREED_MESSAGE).toBe(
      'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.',
    );
    expect(() => y.backward()).toThrow(FREED_MESSAGE);
    expect(() => (y.grad_fn!.next_functions[0][0] as unknown as Record<string, unknown>)._saved_self).toThrow(FREED_MESSAGE);
  });

  it('retain_graph keeps it, and the second backward accumulates', () => {
    const x = t([1, 2]);
    const y = x.exp().sum();
    y.backward(null, { retain_graph: true });
    y.backward();
    expect(String(x.grad)).toBe('tensor([ 5.4366, 14.7781])');
  });

  it('accumulates into .grad across two graphs', () => {
    const x = t([1, 2]);
    x.mul(x).sum().backward();
    x.mul(x).sum().backward();
    expect(String(x.grad)).toBe('tensor([4., 8.])');
  });

  it('leaves .grad of a non-leaf null, unless retain_grad()', () => {
    const x = t([1, 2]);
    const y = x.mul(3);
    const z = x.mul(3);
    z.retain_grad();
    y.mul(y).sum().backward();
    z.mul(z).sum().backward();
    expect(y.grad).toBeNull();
    expect(y.retains_grad).toBe(false);
    expect(String(z.grad)).toBe('tensor([ 6., 12.])');
    expect(z.retains_grad).toBe(true);
    expect(String(x.grad)).toBe('tensor([36., 72.])');
  });

  it('prints results with their grad_fn', () => {
    const x = t([1, 2]);
    expect(String(x)).toBe('tensor([1., 2.], requires_grad=True)');
    expect(String(x.exp())).toBe('tensor([2.7183, 7.3891], grad_fn=<ExpBackward0>)');
    expect(String(x.mul(2).sum())).toBe('tensor(6., grad_fn=<SumBackward0>)');
    expect(String(x.mean())).toBe('tensor(1.5000, grad_fn=<MeanBackward0>)');
  });

  it('raises PyTorch\'s errors for bad roots', () => {
    expect(() => torch.ones(2).sum().backward()).toThrow('element 0 of tensors does not require grad and does not have a grad_fn');
    const x = t([1, 2]);
    expect(() => x.mul(2).backward()).toThrow('grad can be implicitly created only for scalar outputs');
    expect(() => x.mul(2).backward(torch.ones(3))).toThrow('Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).');
    expect(() => torch.ones(3).add(torch.ones(4))).toThrow('The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0');
    expect(() => x.mul(2).sum().backward(null, { inputs: [] })).toThrow("'inputs' argument to backward() cannot be empty.");
  });

  it('backward with an explicit gradient, and torch.autograd.backward over several roots', () => {
    const x = t([1, 2]);
    x.mul(2).backward(torch.tensor([1, 3]));
    expect(String(x.grad)).toBe('tensor([2., 6.])');
    const a = t([1, 2]);
    const z = t(3);
    torch.autograd.backward([a.mul(a).sum(), z.mul(a).sum()], [torch.tensor(1), torch.tensor(2)]);
    expect(String(a.grad)).toBe('tensor([ 8., 10.])');
    expect(String(z.grad)).toBe('tensor(6.)');
  });

  it('backward(inputs=[x]) fills only those leaves', () => {
    const x = t([1, 2]);
    const w = t([3, 4]);
    x.mul(w).sum().backward(null, { inputs: [x] });
    expect(String(x.grad)).toBe('tensor([3., 4.])');
    expect(w.grad).toBeNull();
  });
});

describe('higher-order gradients', () => {
  it('backward(create_graph=True) on x**3: .grad is differentiable (CopyBackwards), down to the 3rd derivative', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = t(2);
    x.pow(3).backward(null, { create_graph: true });
    expect(String(x.grad)).toBe('tensor(12., grad_fn=<CopyBackwards>)');
    const g = x.grad!;
    x.grad = null;
    g.backward(null, { create_graph: true });
    expect(String(x.grad)).toBe('tensor(12., grad_fn=<CopyBackwards>)');
    const g2 = x.grad!;
    x.grad = null;
    g2.backward();
    expect(String(x.grad)).toBe('tensor(6.)');
  });

  it('autograd.grad with create_graph chains to the 3rd derivative', () => {
    const x = t([1.5, 2], { dtype: 'float64' });
    const [g] = torch.autograd.grad(x.pow(3).sum(), x, { create_graph: true });
    expect(String(g)).toBe('tensor([ 6.7500, 12.0000], dtype=torch.float64, grad_fn=<MulBackward0>)');
    const [g2] = torch.autograd.grad(g!.sum(), x, { create_graph: true });
    expect(String(g2)).toBe('tensor([ 9., 12.], dtype=torch.float64, grad_fn=<MulBackward0>)');
    const [g3] = torch.autograd.grad(g2!.sum(), x);
    expect(String(g3)).toBe('tensor([6., 6.], dtype=torch.float64)');
  });
});

describe('torch.autograd.grad', () => {
  it('returns gradients without accumulating into .grad', () => {
    const x = t([1, 2]);
    const [g] = torch.autograd.grad(x.mul(x).sum(), x);
    expect(String(g)).toBe('tensor([2., 4.])');
    expect(x.grad).toBeNull();
    expect(String(torch.autograd.grad(x.mul(2), x, { grad_outputs: torch.tensor([1, 3]) })[0])).toBe('tensor([2., 6.])');
  });

  it('allow_unused and PyTorch\'s errors for unused and non-differentiable inputs', () => {
    const x = t([1, 2]);
    const z = t([1, 2]);
    const y = x.mul(2).sum();
    expect(() => torch.autograd.grad(y, [x, z], { retain_graph: true })).toThrow(
      'The differentiated Tensor at index 1 appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
    );
    const [gx, gz] = torch.autograd.grad(y, [x, z], { allow_unused: true, retain_graph: true });
    expect(String(gx)).toBe('tensor([2., 2.])');
    expect(gz).toBeNull();
    expect(() => torch.autograd.grad(y, [torch.ones(2)])).toThrow('One of the differentiated Tensors does not require grad');
    expect(() => torch.autograd.grad(x.mul(2).sum(), x, { grad_outputs: torch.ones(2) })).toThrow(
      'Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([]).',
    );
  });
});

describe('hooks', () => {
  it('a tensor hook replaces the gradient; handle.remove() takes it away', () => {
    const x = t([1, 2]);
    let y = x.mul(3);
    const handle = y.register_hook((g) => g.mul(2));
    y.sum().backward();
    expect(String(x.grad)).toBe('tensor([6., 6.])');
    handle.remove();
    x.grad = null;
    y = x.mul(3);
    y.sum().backward();
    expect(String(x.grad)).toBe('tensor([3., 3.])');
    const leaf = t([1, 2]);
    leaf.register_hook((g) => g.add(1));
    leaf.mul(3).sum().backward();
    expect(String(leaf.grad)).toBe('tensor([4., 4.])');
  });

  it('Node pre-hooks see grad_outputs, post-hooks (grad_inputs, grad_outputs); both may replace them', () => {
    const x = t([1, 2]);
    const y = x.mul(3);
    const seen: unknown[] = [];
    y.grad_fn!.register_prehook((go) => {
      seen.push(['pre', go.map((g) => g && g.tolist())]);
    });
    y.grad_fn!.register_hook((gi, go) => {
      seen.push(['post', gi.map((g) => g && g.tolist()), go.map((g) => g && g.tolist())]);
    });
    y.sum().backward();
    expect(seen).toEqual([['pre', [[1, 1]]], ['post', [[3, 3], null], [[1, 1]]]]);
    expect(String(x.grad)).toBe('tensor([3., 3.])');

    const a = t([1, 2]);
    const p = a.mul(3);
    p.grad_fn!.register_hook((gi) => [gi[0]!.mul(10), gi[1]]);
    p.sum().backward();
    expect(String(a.grad)).toBe('tensor([30., 30.])');
    const b = t([1, 2]);
    const q = b.mul(3);
    const h = q.grad_fn!.register_prehook((go) => [go[0]!.mul(10)]);
    q.sum().backward(null, { retain_graph: true });
    expect(String(b.grad)).toBe('tensor([30., 30.])');
    h.remove();
    b.grad = null;
    q.sum().backward();
    expect(String(b.grad)).toBe('tensor([3., 3.])');
  });

  it('refuses hooks and retain_grad on tensors that do not require grad', () => {
    const x = torch.tensor([1, 2]);
    expect(() => x.register_hook((g) => g)).toThrow("cannot register a hook on a tensor that doesn't require gradient");
    expect(() => x.retain_grad()).toThrow("can't retain_grad on Tensor that has requires_grad=False");
    const leaf = t([1, 2]);
    leaf.retain_grad();
    expect(leaf.retains_grad).toBe(false);
  });
});

describe('grad modes', () => {
  it('no_grad / enable_grad / set_grad_enabled / is_grad_enabled', () => {
    const x = t([1, 2]);
    expect(torch.is_grad_enabled()).toBe(true);
    torch.no_grad(() => {
      const y = x.mul(2);
      expect(y.requires_grad).toBe(false);
      expect(y.grad_fn).toBeNull();
      expect(torch.is_grad_enabled()).toBe(false);
      expect(torch.enable_grad(() => x.mul(2)).requires_grad).toBe(true);
    });
    expect(torch.no_grad(() => 7)).toBe(7);
    torch.set_grad_enabled(false);
    expect(x.mul(2).requires_grad).toBe(false);
    torch.set_grad_enabled(true);
    expect(x.mul(2).requires_grad).toBe(true);
    expect(() => torch.no_grad(() => {
      throw new Error('inside');
    })).toThrow('inside');
    expect(torch.is_grad_enabled()).toBe(true);
  });
});

describe('detach, detach_, requires_grad_', () => {
  it('detach() shares storage and version counter', () => {
    const x = t([1, 2]);
    const d = x.detach();
    expect([d.requires_grad, d.is_leaf, d._version]).toEqual([false, true, 0]);
    d.add_(1);
    expect(String(x)).toBe('tensor([2., 3.], requires_grad=True)');
    expect(x._version).toBe(1);
  });

  it('detach_() cuts a non-leaf out of the graph but refuses views', () => {
    const x = t([1, 2]);
    const y = x.mul(2);
    y.detach_();
    expect(y.requires_grad).toBe(false);
    expect(y.grad_fn).toBeNull();
    expect(() => x.view(2).detach_()).toThrow(
      "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.",
    );
  });

  it('requires_grad_ and the requires_grad setter, with PyTorch\'s messages', () => {
    const y = t([1, 2]).mul(2);
    expect(() => y.requires_grad_(false)).toThrow(
      "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
    );
    expect(() => torch.tensor([1n, 2n]).requires_grad_()).toThrow('only Tensors of floating point dtype can require gradients');
    const i = torch.tensor([1n, 2n]);
    expect(() => {
      i.requires_grad = true;
    }).toThrow('only Tensors of floating point and complex dtype can require gradients');
    const f = torch.tensor([1, 2]);
    f.requires_grad = true;
    expect(String(f)).toBe('tensor([1., 2.], requires_grad=True)');
  });
});

describe('anomaly mode', () => {
  it('names the Node and output that produced NaN', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = t([0, 1]);
    torch.autograd.detect_anomaly(() => {
      const y = x.div(x).sum();
      expect(() => y.backward()).toThrow("Function 'DivBackward0' returned nan values in its 1th output.");
    });
    const z = t(0);
    torch.autograd.detect_anomaly(() => {
      const y = z.div(0).mul(0).sum();
      expect(() => y.backward()).toThrow("Function 'DivBackward0' returned nan values in its 0th output.");
    });
    expect(torch.autograd.is_anomaly_enabled()).toBe(false);
    const w = t([0, 1]);
    w.div(w).sum().backward();
    expect(String(w.grad)).toBe('tensor([nan, 0.])');
  });
});

describe('gradcheck', () => {
  it('passes correct formulas and raises on a wrong one with PyTorch\'s message', () => {
    const x = t([1, 2], { dtype: 'float64' });
    expect(torch.autograd.gradcheck((a) => a.mul(a).sin(), [x], { eps: 1e-6, atol: 1e-5, rtol: 1e-3 })).toBe(true);
    // forward 2x, backward claims 3 (a custom Function with a wrong backward).
    const wrong = (a: Tensor) => record('WrongBackward', [a], torch.no_grad(() => a.mul(2)), {}, ([g]) => [g!.mul(3)]);
    expect(() => torch.autograd.gradcheck(wrong, [x], { eps: 1e-6, atol: 1e-5, rtol: 1e-3 })).toThrow(
      'Jacobian mismatch for output 0 with respect to input 0,\nnumerical:tensor([[2.0000, 0.0000],\n        [0.0000, 2.0000]], dtype=torch.float64)\nanalytical:tensor([[3., 0.],\n        [0., 3.]], dtype=torch.float64)\n',
    );
    expect(torch.autograd.gradcheck(wrong, [x], { raise_exception: false })).toBe(false);
    expect(() => torch.autograd.gradcheck((a) => a.mul(2), [torch.tensor([1], { dtype: 'float64' })])).toThrow(
      'gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.',
    );
  });
});

describe('execution order', () => {
  // PyTorch's order, observed with a register_prehook on every Node printing its name.
  it('a diamond runs in PyTorch\'s order, each Node once all its gradients arrived', () => {
    const x = t([1, 2]);
    const a = x.mul(2);
    const b = x.exp();
    const e = a.mul(a.add(b).sin());
    e.sum().backward();
    expect(lastRunOrder()).toEqual(['SumBackward0', 'MulBackward0', 'SinBackward0', 'AddBackward0', 'ExpBackward0', 'MulBackward0', 'torch::autograd::AccumulateGrad']);
    expect(String(x.grad)).toBe('tensor([-1.9444, 12.5521])');
  });

  it('two branches of one product, two leaves', () => {
    const x = t([1, 2]);
    const w = t([3, 4]);
    const h = x.mul(w);
    h.tanh().add(h.sigmoid()).mean().backward();
    expect(lastRunOrder()).toEqual(['MeanBackward0', 'AddBackward0', 'SigmoidBackward0', 'TanhBackward0', 'MulBackward0', 'torch::autograd::AccumulateGrad', 'torch::autograd::AccumulateGrad']);
  });

  it('runs each Node once even when it feeds several', () => {
    const x = t([1, 2]);
    const names: string[] = [];
    const y = x.exp();
    const out = y.mul(y).add(y).sum();
    const visit = (n: Node | null, seen: Set<Node>) => {
      if (!n || seen.has(n)) return;
      seen.add(n);
      n.register_prehook(() => {
        names.push(n.name());
      });
      n.next_functions.forEach(([m]) => visit(m, seen));
    };
    visit(out.grad_fn, new Set());
    out.backward();
    expect(names).toEqual(['SumBackward0', 'AddBackward0', 'MulBackward0', 'ExpBackward0', 'torch::autograd::AccumulateGrad']);
  });
});
