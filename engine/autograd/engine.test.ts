import { describe, it, expect } from 'vitest';
import torch from '../index';
import type { Tensor } from '../tensor';

// Expected values are PyTorch 1.13's output, pasted as literals. The engine keeps each run's
// per-node state on the nodes themselves; these tests cover a backward started inside a backward
// over the same nodes, which must leave the enclosing run's state as it found it.

describe('a backward run inside a backward run', () => {
  it('autograd.grad in a tensor hook over nodes the outer run has yet to run', () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.mul(x);
    const z = y.mul(3);
    const inner: Tensor[] = [];
    z.register_hook(() => {
      inner.push(torch.autograd.grad(y, x, { retain_graph: true })[0]!);
    });
    z.backward();
    expect(inner.map(String)).toEqual(['tensor(4.)']);
    expect(String(x.grad)).toBe('tensor(12.)');
  });

  it('a nested run that fails part-way leaves the outer run intact', () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.mul(x);
    const z = y.mul(3);
    let fail = true;
    y.register_hook(() => {
      if (fail) throw new Error('boom');
    });
    const caught: string[] = [];
    z.register_hook(() => {
      try {
        torch.autograd.grad(y, x, { retain_graph: true });
      } catch (e) {
        caught.push((e as Error).message);
      }
      fail = false;
    });
    z.backward();
    expect(caught).toEqual(['boom']);
    expect(String(x.grad)).toBe('tensor(12.)');
  });

  it('a run that fails part-way does not spoil the next run over the same graph', () => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.mul(x);
    const z = y.mul(3);
    let fail = true;
    y.register_hook(() => {
      if (fail) throw new Error('boom');
    });
    expect(() => z.backward(null, { retain_graph: true })).toThrow('boom');
    fail = false;
    z.backward();
    expect(String(x.grad)).toBe('tensor(12.)');
  });
});
