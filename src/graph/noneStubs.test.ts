import { describe, it, expect } from 'vitest';
import torch from '../../engine';
import type { GraphView } from '../runner/protocol';
import { noneInputs, stubGeometry } from './noneStubs';

const { viz } = torch;

describe('edges to None', () => {
  it('finds the (None, 0) entries of b + w * x, where b and x need no gradient, and adds no node for them', () => {
    // PyTorch 1.13: yhat.grad_fn.next_functions -> ((None, 0), (<MulBackward0 ...>, 0)), and
    // m.grad_fn.next_functions -> ((<AccumulateGrad ...>, 0), (None, 0)): x needs no gradient either.
    const b = torch.randn(1);
    const w = torch.randn(1, { requires_grad: true });
    const x = torch.ones(3);
    const m = w.mul(x);
    const yhat = b.add(m);
    const model = viz.make_dot(yhat, { params: { w } });
    const graph: GraphView = { id: 'g', title: 't', model, snapshot: viz.snapshot_graph([yhat], { w }), nodeLines: {} };
    expect(noneInputs(graph)).toEqual([
      { node: `n${yhat.grad_fn!.id}`, index: 0, count: 2, nth: 0 },
      { node: `n${m.grad_fn!.id}`, index: 1, count: 2, nth: 0 },
    ]);
    expect(model.nodes.map((v) => v.label).sort()).toEqual(['AccumulateGrad', 'AddBackward0', 'MulBackward0', '\n (3)', 'w\n (1)'].sort());
  });

  it('puts stubs out of the node’s left side, away from the in-edges at its top, fanned out', () => {
    const box = { id: 'n1', x: 100, y: 50, w: 80, h: 20 };
    const first = stubGeometry({ node: 'n1', index: 0, count: 3, nth: 0 }, box);
    expect([first.x1, first.y1]).toEqual([60, 50]);
    expect(first.x2).toBeLessThan(60);
    expect(first.y2).toBeLessThan(50);
    expect(first.y2).toBeGreaterThan(40 - 20);
    const second = stubGeometry({ node: 'n1', index: 2, count: 3, nth: 1 }, box);
    expect(second.y2).toBeLessThan(first.y2 - 8);
  });
});
