import { describe, it, expect, beforeEach } from 'vitest';
import torch, { type Tensor } from '../index';
import type { BackwardTrace, GradSnapshot, TraceStep } from './index';

const { viz } = torch;

/** The first seed example: x = ones(2, 2, requires_grad); y = x + 2; z = y * y * 3; out = z.mean(). */
function seed() {
  const x = torch.ones(2, 2, { requires_grad: true });
  const y = x.add(2);
  const yy = y.mul(y);
  const z = yy.mul(3);
  const out = z.mean();
  return { x, y, yy, z, out };
}

function values(g: GradSnapshot | null): number[] {
  expect(g).not.toBeNull();
  return Array.from(g!.values);
}

function stepOf(trace: BackwardTrace, nodeId: number): TraceStep {
  const step = trace.steps.find((s) => s.node === nodeId);
  expect(step).toBeDefined();
  return step!;
}

/** The trace with Node and Tensor ids renamed by first appearance, to compare two runs. */
function normalized(trace: BackwardTrace): unknown {
  const nodes = new Map<number, number>();
  const tensors = new Map<number, number>();
  const n = (id: number | null) => (id === null ? null : nodes.get(id) ?? (nodes.set(id, nodes.size), nodes.size - 1));
  const t = (id: number) => tensors.get(id) ?? (tensors.set(id, tensors.size), tensors.size - 1);
  const g = (s: GradSnapshot | null) => (s ? { shape: s.shape, dtype: s.dtype, values: Array.from(s.values) } : null);
  return {
    kind: trace.kind,
    roots: trace.roots.map(t),
    steps: trace.steps.map((s) => ({
      node: n(s.node),
      name: s.name,
      arrivals: s.arrivals.map((a) => ({ from: n(a.from), slot: a.slot, grad: g(a.grad) })),
      grads: s.grads.map(g),
      sent: s.sent.map((e) => ({ edge: e.edge, to: n(e.to), toSlot: e.toSlot, grad: g(e.grad) })),
      accumulated: s.accumulated ? { tensor: t(s.accumulated.tensor), grad: g(s.accumulated.grad) } : null,
      retained: s.retained.map((r) => ({ tensor: t(r.tensor), grad: g(r.grad) })),
      hooks: s.hooks,
    })),
  };
}

beforeEach(() => {
  viz.clear_traces();
  viz.set_trace_options({ enabled: true, limit: 50 });
});

describe('torch.viz backward trace: the first seed example', () => {
  it('runs the nodes in the engine order, newest first', () => {
    const { out } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    expect(viz.traces()).toHaveLength(1);
    expect(trace.kind).toBe('backward');
    expect(trace.roots).toEqual([out.id]);
    expect(trace.steps.map((s) => s.name)).toEqual(['MeanBackward0', 'MulBackward0', 'MulBackward0', 'AddBackward0', 'torch::autograd::AccumulateGrad']);
  });

  it('records what arrives at each node, what it sends, and the sum of two arrivals in one slot', () => {
    const { x, y, yy, z, out } = seed();
    out.backward();
    const trace = viz.last_trace()!;

    const mean = stepOf(trace, out.grad_fn!.id);
    expect(mean.arrivals).toHaveLength(1);
    expect(mean.arrivals[0].from).toBeNull();
    expect(values(mean.arrivals[0].grad)).toEqual([1]);
    expect(mean.sent).toHaveLength(1);
    expect(mean.sent[0].to).toBe(z.grad_fn!.id);
    expect(values(mean.sent[0].grad)).toEqual([0.25, 0.25, 0.25, 0.25]);

    // z = yy * 3: the wrapped 3 is an edge to None, recorded with no gradient.
    const times3 = stepOf(trace, z.grad_fn!.id);
    expect(times3.sent.map((e) => [e.edge, e.to, e.toSlot])).toEqual([[0, yy.grad_fn!.id, 0], [1, null, 0]]);
    expect(values(times3.sent[0].grad)).toEqual([0.75, 0.75, 0.75, 0.75]);
    expect(times3.sent[1].grad).toBeNull();

    // yy = y * y: both next_functions are (AddBackward0, 0), so two gradients go to the same slot.
    const square = stepOf(trace, yy.grad_fn!.id);
    expect(square.sent.map((e) => [e.to, e.toSlot])).toEqual([[y.grad_fn!.id, 0], [y.grad_fn!.id, 0]]);
    expect(square.sent.map((e) => values(e.grad))).toEqual([[2.25, 2.25, 2.25, 2.25], [2.25, 2.25, 2.25, 2.25]]);

    const add = stepOf(trace, y.grad_fn!.id);
    expect(add.arrivals.map((a) => [a.from, a.slot])).toEqual([[yy.grad_fn!.id, 0], [yy.grad_fn!.id, 0]]);
    expect(add.arrivals.map((a) => values(a.grad))).toEqual([[2.25, 2.25, 2.25, 2.25], [2.25, 2.25, 2.25, 2.25]]);
    expect(add.grads).toHaveLength(1);
    expect(values(add.grads[0])).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(add.sent.map((e) => [e.to, e.grad === null])).toEqual([[x._accumulator!.id, false], [null, true]]);

    const acc = trace.steps[4];
    expect(acc.node).toBe(x._accumulator!.id);
    expect(acc.sent).toEqual([]);
    expect(acc.accumulated!.tensor).toBe(x.id);
    expect(acc.accumulated!.grad.shape).toEqual([2, 2]);
    expect(values(acc.accumulated!.grad)).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(String(x.grad)).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
  });

  it('records retain_grad captures and the hooks that fired', () => {
    const { y, yy, z, out } = seed();
    y.retain_grad();
    z.retain_grad();
    const seenByHook: number[][] = [];
    y.register_hook((g: Tensor) => {
      seenByHook.push(g.tolist() as number[]);
    });
    yy.grad_fn!.register_hook(() => undefined);
    y.grad_fn!.register_prehook(() => undefined);
    out.backward();
    const trace = viz.last_trace()!;

    const times3 = stepOf(trace, z.grad_fn!.id);
    expect(times3.retained.map((r) => [r.tensor, values(r.grad)])).toEqual([[z.id, [0.25, 0.25, 0.25, 0.25]]]);
    expect(times3.hooks).toEqual([]);
    expect(stepOf(trace, yy.grad_fn!.id).hooks).toEqual(['post']);

    const add = stepOf(trace, y.grad_fn!.id);
    expect(add.retained.map((r) => [r.tensor, values(r.grad)])).toEqual([[y.id, [4.5, 4.5, 4.5, 4.5]]]);
    expect(add.hooks).toEqual(['tensor', 'pre']);
    expect(seenByHook).toEqual([[[4.5, 4.5], [4.5, 4.5]]]);
  });

  it('a second backward records a second trace in which the leaf grad has grown to 9', () => {
    const { x, out } = seed();
    out.backward(undefined, { retain_graph: true });
    out.backward();
    const [first, second] = viz.traces();
    expect(viz.traces()).toHaveLength(2);
    expect(second.id).toBeGreaterThan(first.id);
    expect(values(first.steps[4].accumulated!.grad)).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(values(second.steps[4].accumulated!.grad)).toEqual([9, 9, 9, 9]);
    expect(values(second.steps[4].grads[0])).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(String(x.grad)).toBe('tensor([[9., 9.],\n        [9., 9.]])');
  });

  it('is deterministic: the same snippet twice gives the same trace up to ids', () => {
    seed().out.backward();
    seed().out.backward();
    const [a, b] = viz.traces();
    expect(a.steps[0].node).not.toBe(b.steps[0].node);
    expect(normalized(a)).toEqual(normalized(b));
  });

  it('keeps its values when the user later zeroes or reuses the gradients', () => {
    const { x, out } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    x.grad!.zero_();
    expect(String(x.grad)).toBe('tensor([[0., 0.],\n        [0., 0.]])');
    expect(values(trace.steps[4].accumulated!.grad)).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(values(trace.steps[3].grads[0])).toEqual([4.5, 4.5, 4.5, 4.5]);
  });

  it('is structured-clone safe', () => {
    seed().out.backward();
    const trace = viz.last_trace()!;
    expect(normalized(structuredClone(trace))).toEqual(normalized(trace));
  });

  it('records autograd.grad as a trace of kind grad, and nothing when disabled', () => {
    const { x, out } = seed();
    const [g] = torch.autograd.grad(out, x, { retain_graph: true });
    expect(String(g)).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
    expect(viz.last_trace()!.kind).toBe('grad');
    viz.set_trace_options({ enabled: false });
    out.backward();
    expect(viz.traces()).toHaveLength(1);
    viz.clear_traces();
    expect(viz.last_trace()).toBeNull();
  });

  it('keeps at most `limit` traces, the newest', () => {
    viz.set_trace_options({ limit: 2 });
    for (let i = 0; i < 3; i++) seed().out.backward();
    const kept = viz.traces();
    expect(kept).toHaveLength(2);
    expect(kept[1].id).toBe(kept[0].id + 1);
  });
});
