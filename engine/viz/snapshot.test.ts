import { describe, it, expect } from 'vitest';
import torch from '../index';
import { SNAPSHOT_VALUE_CAP, type GraphSnapshot, type NodeSnapshot, type TensorSnapshot } from './snapshot';
import { firstExample } from '../testing/fixtures';

function node(snap: GraphSnapshot, id: number): NodeSnapshot {
  const n = snap.nodes.find((s) => s.id === id);
  expect(n).toBeDefined();
  return n!;
}

function tensor(snap: GraphSnapshot, id: number): TensorSnapshot {
  const t = snap.tensors.find((s) => s.id === id);
  expect(t).toBeDefined();
  return t!;
}

describe('torch.viz.snapshot_graph', () => {
  it('lists every reachable node with PyTorch names, next_functions and saved values', () => {
    const { x, y, z, out } = firstExample();
    const snap = torch.viz.snapshot_graph([out], { x, y });
    const square = z.grad_fn!.next_functions[0][0]!;
    const acc = y.grad_fn!.next_functions[0][0]!;
    expect(snap.roots).toEqual([out.id]);
    expect(snap.nodes.map((n) => n.name)).toEqual(['MeanBackward0', 'MulBackward0', 'MulBackward0', 'AddBackward0', 'torch::autograd::AccumulateGrad']);
    expect(node(snap, z.grad_fn!.id).next_functions).toEqual([[square.id, 0], [null, 0]]);
    expect(node(snap, square.id).next_functions).toEqual([[y.grad_fn!.id, 0], [y.grad_fn!.id, 0]]);
    expect(node(snap, acc.id)).toMatchObject({ variable: x.id, saved: [], next_functions: [] });

    // Reprs as PyTorch 1.13 prints them: the saved wrapped 3 is tensor(3), sizes a tuple.
    const times3 = node(snap, z.grad_fn!.id).saved;
    expect(times3.map((s) => [s.key, s.kind, s.repr])).toEqual([
      ['self', 'value', 'None'],
      ['other', 'tensor', 'tensor(3)'],
    ]);
    expect(times3[1].tensor).toMatchObject({ shape: [], dtype: 'int64', values: [3], numel: 1, truncated: false });
    expect(node(snap, out.grad_fn!.id).saved.map((s) => [s.key, s.repr])).toEqual([['self_sym_numel', '4'], ['self_sym_sizes', '(2, 2)']]);
    expect(node(snap, y.grad_fn!.id).saved.map((s) => [s.key, s.kind, s.repr])).toEqual([['alpha', 'value', '1']]);
    const ySaved = node(snap, square.id).saved[0];
    expect(ySaved).toMatchObject({ key: 'self', kind: 'tensor', freed: false, repr: 'tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)' });
    expect(ySaved.tensor).toMatchObject({ tensorId: y.id, shape: [2, 2], dtype: 'float32', values: [3, 3, 3, 3] });
  });

  it('lists the tensors with values, grads and names, before and after backward', () => {
    const { x, y, out } = firstExample();
    y.retain_grad();
    const before = torch.viz.snapshot_graph([out], { x });
    expect(tensor(before, out.id)).toMatchObject({ shape: [], requires_grad: true, is_leaf: false, grad_fn: out.grad_fn!.id, repr: 'tensor(27., grad_fn=<MeanBackward0>)', grad: null, name: null });
    expect(tensor(before, x.id)).toMatchObject({ is_leaf: true, grad_fn: null, name: 'x', repr: 'tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)', grad: null });
    expect(tensor(before, y.id)).toMatchObject({ retains_grad: true, grad: null });

    out.backward();
    const after = torch.viz.snapshot_graph([out], { x });
    expect(tensor(after, x.id).grad).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
    expect(tensor(after, x.id).gradValues!.values).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(tensor(after, y.id).grad).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
    // The snapshot is a copy: zeroing the grad later leaves it as it was.
    x.grad!.zero_();
    expect(tensor(after, x.id).gradValues!.values).toEqual([4.5, 4.5, 4.5, 4.5]);
  });

  it('records saved tensors freed by backward instead of failing', () => {
    const { z, out } = firstExample();
    out.backward();
    const snap = torch.viz.snapshot_graph([out]);
    const times3 = node(snap, z.grad_fn!.id).saved;
    expect(times3[0]).toMatchObject({ key: 'self', kind: 'value', freed: false, repr: 'None' });
    expect(times3[1]).toMatchObject({ key: 'other', kind: 'unavailable', freed: true });
    expect(times3[1].error).toMatch(/^Trying to backward through the graph a second time/);
    expect(node(snap, out.grad_fn!.id).saved.map((s) => s.freed)).toEqual([false, false]);
  });

  it('reports a saved tensor modified in place as unavailable, not freed', () => {
    const a = torch.ones(3, { requires_grad: true });
    const b = a.mul(2);
    const c = b.mul(b);
    b.add_(1);
    const [self] = node(torch.viz.snapshot_graph([c]), c.grad_fn!.id).saved;
    expect(self).toMatchObject({ kind: 'unavailable', freed: false });
    expect(self.error).toBe(
      'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
    );
  });

  it('names the op of a saved own output, not the in-place op that changed it', () => {
    const e = torch.ones(3, { requires_grad: true }).exp();
    e.add_(1);
    const [result] = node(torch.viz.snapshot_graph([e]), e.grad_fn!.next_functions[0][0]!.id).saved;
    expect(result.error).toMatch(/^one of the variables needed for gradient computation has been modified by an inplace operation: \[torch.FloatTensor \[3\]\], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead\./);
  });

  it('caps the values it copies and is structured-clone safe', () => {
    const big = torch.ones(40, 40, { requires_grad: true });
    const s = big.exp().sum();
    const snap = torch.viz.snapshot_graph([s], { big });
    const t = tensor(snap, big.id);
    expect(t.values.numel).toBe(1600);
    expect(t.values.values).toHaveLength(SNAPSHOT_VALUE_CAP);
    expect(t.values.truncated).toBe(true);
    expect(structuredClone(snap)).toEqual(snap);
  });

  it('counts the hooks on each node', () => {
    const { y, out } = firstExample();
    y.register_hook(() => undefined);
    y.grad_fn!.register_prehook(() => undefined);
    out.grad_fn!.register_hook(() => undefined);
    const snap = torch.viz.snapshot_graph([out]);
    expect(node(snap, y.grad_fn!.id).hooks).toEqual({ pre: 1, post: 0, tensor: 1 });
    expect(node(snap, out.grad_fn!.id).hooks).toEqual({ pre: 0, post: 1, tensor: 0 });
  });

  it('walks a graph of any depth (no recursion): a chain of 30,000 ops', () => {
    const x = torch.ones(1, { requires_grad: true });
    let y = x;
    for (let i = 0; i < 30_000; i++) y = y.mul(1);
    const snap = torch.viz.snapshot_graph([y]);
    expect(snap.nodes).toHaveLength(30_001);
    expect(snap.nodes[0].id).toBe(y.grad_fn!.id);
    expect(snap.nodes.at(-1)!.name).toBe('torch::autograd::AccumulateGrad');
  });
});
