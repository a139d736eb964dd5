/**
 * The hook calls a backward trace records: which hook ran at which step, for which tensor or
 * slot, and what it returned. Expected gradients are PyTorch 1.13's (comments show the script).
 */
import { describe, it, expect, beforeEach } from 'vitest';
import torch from '../index';
import type { BackwardTrace, GradSnapshot, TraceHookCall, TraceStep } from './trace';

const { viz } = torch;

beforeEach(() => {
  viz.clear_traces();
  viz.set_trace_options({ enabled: true, limit: 50 });
});

const values = (g: GradSnapshot | null | undefined) => (g ? Array.from(g.values) : g);

function stepOf(trace: BackwardTrace, nodeId: number): TraceStep {
  const step = trace.steps.find((s) => s.node === nodeId);
  expect(step).toBeDefined();
  return step!;
}

/** The hook calls with plain value arrays, for toEqual. */
function plain(calls: TraceHookCall[]): unknown[] {
  return calls.map((c) =>
    c.kind === 'tensor'
      ? { ...c, grad: values(c.grad), returned: values(c.returned) }
      : { ...c, returned: c.returned && c.returned.map(values) },
  );
}

describe('tensor hooks in the trace', () => {
  it('records the hook on y with the gradient it got and the one it returned, which flows on', () => {
    // x = torch.tensor([1., 2.], requires_grad=True); y = x * 2; y.register_hook(lambda g: g * 10)
    // y.sum().backward(); x.grad -> tensor([20., 20.])
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    y.register_hook((g) => g.mul(10));
    y.sum().backward();
    expect(Array.from(x.grad!._values())).toEqual([20, 20]);
    const trace = viz.last_trace()!;
    const mul = stepOf(trace, y.grad_fn!.id);
    expect(mul.hooks).toEqual(['tensor']);
    expect(plain(mul.hookCalls)).toEqual([{ kind: 'tensor', slot: 0, tensor: y.id, grad: [1, 1], returned: [10, 10] }]);
    // What the node ran on, and sent, is the hook's gradient.
    expect(values(mul.grads[0])).toEqual([10, 10]);
    expect(values(mul.sent[0].grad)).toEqual([20, 20]);
    for (const s of trace.steps) if (s !== mul) expect(s.hookCalls).toEqual([]);
  });

  it('records None when the hook returns nothing: the gradient goes on unchanged', () => {
    // ... y.register_hook(lambda g: None) ... x.grad -> tensor([2., 2.])
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    y.register_hook(() => undefined);
    y.sum().backward();
    expect(Array.from(x.grad!._values())).toEqual([2, 2]);
    const mul = stepOf(viz.last_trace()!, y.grad_fn!.id);
    expect(plain(mul.hookCalls)).toEqual([{ kind: 'tensor', slot: 0, tensor: y.id, grad: [1, 1], returned: null }]);
    expect(values(mul.sent[0].grad)).toEqual([2, 2]);
  });

  it('records two hooks on one tensor in order, each seeing what the one before returned', () => {
    // x = [1., 2.]; y = x * 2; z = y * y; y.register_hook(lambda g: g * 10); y.register_hook(lambda g: None)
    // z.sum().backward(); x.grad -> tensor([ 80., 160.])
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    const z = y.mul(y);
    y.register_hook((g) => g.mul(10));
    y.register_hook(() => null);
    z.sum().backward();
    expect(Array.from(x.grad!._values())).toEqual([80, 160]);
    const mul = stepOf(viz.last_trace()!, y.grad_fn!.id);
    expect(plain(mul.hookCalls)).toEqual([
      { kind: 'tensor', slot: 0, tensor: y.id, grad: [4, 8], returned: [40, 80] },
      { kind: 'tensor', slot: 0, tensor: y.id, grad: [40, 80], returned: null },
    ]);
  });

  it('names the leaf for a hook on a leaf, at its AccumulateGrad step', () => {
    // x.register_hook(lambda g: g + 1); (x * 2).sum().backward(); x.grad -> tensor([3., 3.])
    const x = torch.tensor([1, 2], { requires_grad: true });
    x.register_hook((g) => g.add(1));
    x.mul(2).sum().backward();
    expect(Array.from(x.grad!._values())).toEqual([3, 3]);
    const acc = viz.last_trace()!.steps.find((s) => s.accumulated)!;
    expect(plain(acc.hookCalls)).toEqual([{ kind: 'tensor', slot: 0, tensor: x.id, grad: [2, 2], returned: [3, 3] }]);
    expect(values(acc.accumulated!.grad)).toEqual([3, 3]);
  });

  it('keeps a removed hook out of the trace', () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    y.register_hook((g) => g.mul(10)).remove();
    y.sum().backward();
    expect(viz.last_trace()!.steps.every((s) => s.hookCalls.length === 0 && s.hooks.length === 0)).toBe(true);
    expect(Array.from(x.grad!._values())).toEqual([2, 2]);
  });
});

describe('node hooks in the trace', () => {
  it('records a post hook’s grad_inputs, one per next_functions entry', () => {
    // x = [1., 2.]; w = [3., 4.]; p = x * w; p.grad_fn.register_hook(lambda gi, go: (gi[0] * 10, gi[1]))
    // p.sum().backward(); x.grad -> tensor([30., 40.]); w.grad -> tensor([1., 2.])
    const x = torch.tensor([1, 2], { requires_grad: true });
    const w = torch.tensor([3, 4], { requires_grad: true });
    const p = x.mul(w);
    p.grad_fn!.register_hook((gi) => [gi[0]!.mul(10), gi[1]]);
    p.sum().backward();
    expect(Array.from(x.grad!._values())).toEqual([30, 40]);
    expect(Array.from(w.grad!._values())).toEqual([1, 2]);
    const mul = stepOf(viz.last_trace()!, p.grad_fn!.id);
    expect(plain(mul.hookCalls)).toEqual([{ kind: 'post', returned: [[30, 40], [1, 2]] }]);
    expect(mul.sent.map((e) => values(e.grad))).toEqual([[30, 40], [1, 2]]);
  });

  it('records a pre hook’s grad_outputs, and None for a hook that returns nothing', () => {
    // p.grad_fn.register_prehook(lambda go: (go[0] * 2,)); p.sum().backward(); x.grad -> tensor([6., 8.])
    const x = torch.tensor([1, 2], { requires_grad: true });
    const w = torch.tensor([3, 4], { requires_grad: true });
    const p = x.mul(w);
    p.grad_fn!.register_prehook((go) => [go[0]!.mul(2)]);
    p.grad_fn!.register_hook(() => undefined);
    p.sum().backward();
    expect(Array.from(x.grad!._values())).toEqual([6, 8]);
    const mul = stepOf(viz.last_trace()!, p.grad_fn!.id);
    expect(mul.hooks).toEqual(['pre', 'post']);
    expect(plain(mul.hookCalls)).toEqual([
      { kind: 'pre', returned: [[2, 2]] },
      { kind: 'post', returned: null },
    ]);
  });
});

describe('the recorded hook calls', () => {
  it('are plain data and copies: a later in-place change does not rewrite them', () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    let kept: ReturnType<typeof y.mul> | null = null;
    y.register_hook((g) => (kept = g.mul(10)));
    y.sum().backward();
    kept!.zero_();
    const trace = viz.last_trace()!;
    expect(structuredClone(trace)).toEqual(trace);
    expect(values((stepOf(trace, y.grad_fn!.id).hookCalls[0] as { returned: GradSnapshot }).returned)).toEqual([10, 10]);
  });

  it('cost nothing when recording is off, and the hook still applies', () => {
    viz.set_trace_options({ enabled: false });
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    y.register_hook((g) => g.mul(10));
    y.sum().backward();
    expect(Array.from(x.grad!._values())).toEqual([20, 20]);
    expect(viz.last_trace()).toBeNull();
  });
});

describe('a backward that raised', () => {
  it('ends its trace at the node that raised, with the error', () => {
    // out.backward(); out.backward() -> RuntimeError: Trying to backward through the graph a second time…
    const x = torch.ones(2, 2, { requires_grad: true });
    const y = x.add(2);
    const z = y.mul(y).mul(3);
    const out = z.mean();
    out.backward();
    expect(viz.last_trace()!.error).toBeUndefined();
    expect(() => out.backward()).toThrow(/Trying to backward through the graph a second time/);
    const trace = viz.last_trace()!;
    expect(trace.steps.map((s) => s.name)).toEqual(['MeanBackward0', 'MulBackward0']);
    expect(trace.steps[1].node).toBe(z.grad_fn!.id);
    expect(trace.steps[1].sent).toEqual([]);
    expect(trace.error).toEqual({ node: z.grad_fn!.id, type: expect.any(String), message: expect.stringMatching(/^Trying to backward through the graph a second time/) });
    expect(structuredClone(trace)).toEqual(trace);
  });

  it('records a tensor hook that raised as a step of the hook\'s node', () => {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    y.register_hook(() => {
      throw new TypeError('bad hook');
    });
    expect(() => y.sum().backward()).toThrow('bad hook');
    const trace = viz.last_trace()!;
    expect(trace.steps.map((s) => s.name)).toEqual(['SumBackward0', 'MulBackward0']);
    expect(trace.error).toEqual({ node: y.grad_fn!.id, type: 'TypeError', message: 'bad hook' });
  });
});
