import { describe, it, expect, beforeEach } from 'vitest';
import torch from '../../engine';
import type { BackwardTrace, GraphModel } from '../../engine/viz';
import type { GraphView } from '../runner/protocol';
import { backwardFrame, buildFrame, buildOrder, priorGrads, type StepperFrame } from './frames';
import { exactGrad, exactNumber, shortGrad } from './format';
import { graphForTrace, traceGraph } from './traceGraph';
import { chainRule } from './rules';
import { hookLines } from './hooks';

const { viz } = torch;

/** The first seed example, with the leaf named as the playground names it. */
function seed() {
  const x = torch.ones(2, 2, { requires_grad: true });
  const y = x.add(2);
  const z = y.mul(y).mul(3);
  const out = z.mean();
  const model: GraphModel = viz.make_dot(out, { params: { x } });
  return { x, y, z, out, model };
}

function frames(trace: BackwardTrace, model: GraphModel, prior = new Map()): StepperFrame[] {
  return Array.from({ length: trace.steps.length + 1 }, (_, k) => backwardFrame(trace, model, prior, k));
}

beforeEach(() => {
  viz.clear_traces();
  viz.set_trace_options({ enabled: true, limit: 50 });
});

describe('backwardFrame on the first seed example', () => {
  it('runs five steps in the engine order and fills x.grad with 4.5 at the last', () => {
    const { x, out, model } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    expect(trace.steps.map((s) => s.name.replace(/^.*::/, ''))).toEqual(['MeanBackward0', 'MulBackward0', 'MulBackward0', 'AddBackward0', 'AccumulateGrad']);
    const all = frames(trace, model);
    expect(all[0]).toMatchObject({ k: 0, n: 5, active: [], edges: [], grads: {}, step: null });
    all.slice(1).forEach((f, i) => expect(f.active).toEqual([`n${trace.steps[i].node}`]));
    for (const f of all.slice(0, 5)) expect(f.grads[`t${x.id}`]).toBeUndefined();
    expect(all[5].grads[`t${x.id}`]).toMatchObject({ exact: '[[4.5, 4.5], [4.5, 4.5]]', fresh: true });
    expect(all[5].done).toHaveLength(4);
  });

  it('labels the edges gradients take: the seed 1 into out, then 0.25 from the mean', () => {
    const { out, z, model } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    const f1 = backwardFrame(trace, model, new Map(), 1);
    expect(f1.edges).toEqual([
      { key: `n${out.grad_fn!.id}->t${out.id}#0`, short: '1', full: 'scalar\n1', fresh: true, merging: false },
      expect.objectContaining({ key: `n${z.grad_fn!.id}->n${out.grad_fn!.id}#0`, short: '[0.25, 0.25, …]', fresh: true }),
    ]);
    // At the next frame they are history: still shown, no longer animated.
    expect(backwardFrame(trace, model, new Map(), 2).edges.slice(0, 2).every((e) => !e.fresh)).toBe(true);
  });

  it('shows y * y as two gradients arriving in one slot, waiting, then summed into 4.5', () => {
    const { y, model, out } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    const add = `n${y.grad_fn!.id}`;
    const f3 = backwardFrame(trace, model, new Map(), 3);
    expect(f3.badges).toEqual([expect.objectContaining({ id: add, kind: 'waiting', text: '[2.25, 2.25, …] + [2.25, 2.25, …] (sums next)' })]);
    const f4 = backwardFrame(trace, model, new Map(), 4);
    expect(f4.active).toEqual([add]);
    expect(f4.badges).toEqual([expect.objectContaining({ id: add, kind: 'sum', text: '[2.25, 2.25, …] + [2.25, 2.25, …] = [4.5, 4.5, …]', fresh: true })]);
    const merging = f4.edges.filter((e) => e.merging).map((e) => e.key);
    expect(merging).toHaveLength(2);
    expect(merging.every((k) => k.startsWith(`${add}->`))).toBe(true);
    expect(new Set(merging).size).toBe(2);
  });

  it('computes frame k - 1 again when stepping back: the same state as on the way forward', () => {
    const { out, model } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    const forward = frames(trace, model);
    for (let k = 5; k >= 0; k--) expect(backwardFrame(trace, model, new Map(), k)).toEqual(forward[k]);
    expect(JSON.parse(JSON.stringify(forward))).toEqual(forward);
  });

  it('grows x.grad from 4.5 to 9 on a second backward', () => {
    const { x, out, model } = seed();
    out.backward(null, { retain_graph: true });
    out.backward();
    const traces = viz.traces();
    expect(traces).toHaveLength(2);
    expect(priorGrads(traces, 0).size).toBe(0);
    const prior = priorGrads(traces, 1);
    expect(exactGrad(prior.get(x.id)!)).toBe('[[4.5, 4.5], [4.5, 4.5]]');
    const second = frames(traces[1], model, prior);
    expect(second[0].grads[`t${x.id}`]).toMatchObject({ exact: '[[4.5, 4.5], [4.5, 4.5]]', fresh: false });
    expect(second[4].grads[`t${x.id}`].exact).toBe('[[4.5, 4.5], [4.5, 4.5]]');
    expect(second[5].grads[`t${x.id}`]).toMatchObject({ exact: '[[9, 9], [9, 9]]', fresh: true });
    expect(x.grad!.tolist()).toEqual([
      [9, 9],
      [9, 9],
    ]);
  });

  it('knows a zeroed gradient starts afresh', () => {
    const { x, out } = seed();
    out.backward(null, { retain_graph: true });
    x.grad!.zero_();
    out.backward();
    expect(priorGrads(viz.traces(), 1).size).toBe(0);
  });
});

describe('edges to None and tensors with retain_grad', () => {
  it('draws an input that needs no gradient faint and shows a retained .grad', () => {
    const a = torch.tensor([1, 2], { requires_grad: true });
    const c = torch.tensor([3, 4]);
    const h = a.mul(2);
    h.retain_grad();
    const out = h.mul(c).sum();
    const model = viz.make_dot([out, h], { params: { a, h } });
    out.backward();
    const trace = viz.last_trace()!;
    const end = backwardFrame(trace, model, new Map(), trace.steps.length);
    expect(end.retained[`t${h.id}`].exact).toBe('[3, 4]');
    expect(end.grads[`t${a.id}`].exact).toBe('[6, 8]');
  });
});

describe('build replay', () => {
  it('adds the nodes by source line, leaves first, and lights the creating line', () => {
    const { x, y, out, model } = seed();
    const lines: Record<string, number> = { [`t${x.id}`]: 1, [`n${y.grad_fn!.id}`]: 2, [`t${out.id}`]: 4, [`n${out.grad_fn!.id}`]: 4 };
    for (const v of model.nodes) if (v.label === 'AccumulateGrad') lines[v.id] = 1;
    for (const v of model.nodes) if (v.label === 'MulBackward0') lines[v.id] = 3;
    const order = buildOrder(model, lines);
    expect(order.map((id) => model.nodes.find((v) => v.id === id)!.label)).toEqual(['x\n (2, 2)', 'AccumulateGrad', 'AddBackward0', 'MulBackward0', 'MulBackward0', 'MeanBackward0', '\n ()']);
    const f3 = buildFrame(order, lines, 3);
    expect(f3).toMatchObject({ mode: 'build', k: 3, n: 7, active: [`n${y.grad_fn!.id}`], line: 2 });
    expect(f3.visible).toEqual(order.slice(0, 3));
  });
});

describe('graphs for traces', () => {
  it('rebuilds the graph of a trace no drawn graph holds, borrowing the leaves’ labels', () => {
    const { x, out, model } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    const drawn: GraphView = { id: 'g', title: 'old', model: { nodes: model.nodes.filter((v) => v.kind === 'leaf'), edges: [], size: '12,12' }, snapshot: { roots: [], nodes: [], tensors: [] }, nodeLines: {} };
    const view = graphForTrace(trace, [drawn], 0);
    expect(view.id).toBe(`trace-${trace.id}`);
    expect(view.model.nodes.map((v) => `${v.kind}:${v.label}`).sort()).toEqual(['leaf:x\n (2, 2)', 'op:AccumulateGrad', 'op:AddBackward0', 'op:MeanBackward0', 'op:MulBackward0', 'op:MulBackward0', 'output:\n ()'].sort());
    const end = backwardFrame(trace, view.model, new Map(), 5);
    expect(end.grads[`t${x.id}`].exact).toBe('[[4.5, 4.5], [4.5, 4.5]]');
    expect(end.edges).toHaveLength(7);
    const real: GraphView = { ...drawn, model };
    expect(graphForTrace(trace, [drawn, real], 0)).toBe(real);
    expect(traceGraph(trace, []).model.edges).toHaveLength(7);
  });
});

describe('chain rule', () => {
  it('shows MulBackward0’s rule with the numbers it used', () => {
    const { y, out, model } = seed();
    out.backward();
    const trace = viz.last_trace()!;
    const step = trace.steps[2];
    const yv = { tensorId: y.id, shape: [2, 2], dtype: 'float32' as const, values: [3, 3, 3, 3], numel: 4, truncated: false, repr: '' };
    const graph: GraphView = { id: 'g', title: 't', model, snapshot: { roots: [], nodes: [], tensors: [] }, nodeLines: {}, savedValues: { [step.node]: { self: yv, other: yv } } };
    const rule = chainRule(step, graph);
    expect(rule.name).toBe('MulBackward0');
    expect(rule.received.map((r) => r.short)).toEqual(['[0.75, 0.75, …]']);
    expect(rule.saved.map((s) => `${s.key}=${s.short}`)).toEqual(['self=[3, 3, …]', 'other=[3, 3, …]']);
    expect(rule.lines.map((l) => `${l.lhs} = ${l.rule} = ${l.value} ${l.target}`)).toEqual([
      'grad_self = grad · other = [2.25, 2.25, …] → AddBackward0',
      'grad_other = grad · self = [2.25, 2.25, …] → AddBackward0',
    ]);
    const acc = chainRule(trace.steps[4], graph);
    expect(acc.lines[0]).toMatchObject({ lhs: 'x.grad', value: '[4.5, 4.5, …]' });
  });

  it('words the rule of any engine Node, one line per input of cat, from the rule the engine declares', () => {
    const a = torch.ones(2, { requires_grad: true });
    const b = torch.ones(3, { requires_grad: true });
    torch.cat([a, b]).log_softmax(0).sum().backward();
    const trace = viz.last_trace()!;
    const rules = trace.steps.map((s) => chainRule(s, null));
    const cat = rules.find((r) => r.name === 'CatBackward0')!;
    expect(cat.generic).toBe(false);
    expect(cat.lines.map((l) => `${l.lhs} = ${l.rule}`)).toEqual([
      'grad_tensors[0] = grad.narrow(dim, offset of tensors[0], its size along dim)',
      'grad_tensors[1] = grad.narrow(dim, offset of tensors[1], its size along dim)',
    ]);
    const logSoftmax = rules.find((r) => r.name === 'LogSoftmaxBackward0')!;
    expect(logSoftmax.lines.map((l) => `${l.lhs} = ${l.rule}`)).toEqual(['grad_self = grad − exp(result) · grad.sum(dim, keepdim=True)']);
    expect(rules.filter((r) => r.generic)).toEqual([]);
  });
});

describe('format', () => {
  it('writes exact, shortest float32 values and short edge labels', () => {
    expect(exactNumber(Math.fround(0.1), 'float32')).toBe('0.1');
    expect(exactNumber(Math.fround(-3.3426), 'float32')).toBe('-3.3426');
    expect(exactNumber(0.1, 'float64')).toBe('0.1');
    expect(exactGrad({ shape: [], dtype: 'float32', values: [4.5] })).toBe('4.5');
    expect(exactGrad({ shape: [1], dtype: 'float32', values: [NaN] })).toBe('[nan]');
    expect(shortGrad({ shape: [200, 3], dtype: 'float32', values: new Float32Array(600) })).toBe('(200, 3)');
    expect(shortGrad({ shape: [3], dtype: 'float32', values: [1 / 3, 2, 3] })).toBe('[0.3333, 2, 3]');
  });
});

describe('hooks at their step', () => {
  /** x = torch.tensor([1., 2.], requires_grad=True); y = x * 2; y.register_hook(lambda g: g * 10); y.sum().backward() */
  function hooked(hook: (g: ReturnType<typeof torch.ones>) => ReturnType<typeof torch.ones> | undefined) {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const y = x.mul(2);
    y.register_hook(hook);
    const out = y.sum();
    const model = viz.make_dot(out, { params: { x } });
    const graph: GraphView = { id: 'g', title: 't', model, snapshot: viz.snapshot_graph([out], { x, y }), nodeLines: {} };
    out.backward();
    const trace = viz.last_trace()!;
    const k = trace.steps.findIndex((s) => s.node === y.grad_fn!.id) + 1;
    return { x, y, out, model, graph, trace, k };
  }

  it('badges the node whose output’s hook fired with what it returned, and the returned gradient flows on', () => {
    const { x, y, out, model, trace, k } = hooked((g) => g.mul(10));
    const mul = `n${y.grad_fn!.id}`;
    const frame = backwardFrame(trace, model, new Map(), k);
    expect(frame.active).toEqual([mul]);
    expect(frame.badges).toEqual([expect.objectContaining({ id: mul, kind: 'hook', text: 'hook fired → [10, 10]', fresh: true })]);
    // Into MulBackward0 came SumBackward0's [1, 1]; out of it goes the hook's [10, 10] times 2.
    const label = (from: string, to: string) => frame.edges.find((e) => e.key === `${from}->${to}#0`)?.short;
    expect(label(mul, `n${out.grad_fn!.id}`)).toBe('[1, 1]');
    const acc = model.edges.find((e) => e.to === mul)!.from;
    expect(label(acc, mul)).toBe('[20, 20]');
    // PyTorch 1.13: x.grad is tensor([20., 20.]).
    const end = backwardFrame(trace, model, new Map(), trace.steps.length);
    expect(end.grads[`t${x.id}`].exact).toBe('[20, 20]');
    // Before and after its step the badge is not there / no longer fresh.
    expect(backwardFrame(trace, model, new Map(), k - 1).badges).toEqual([]);
    expect(end.badges).toEqual([expect.objectContaining({ id: mul, kind: 'hook', fresh: false })]);
  });

  it('writes the hook line of the chain-rule panel as Python prints the returned tensor', () => {
    const { graph, trace, k } = hooked((g) => g.mul(10));
    expect(hookLines(trace.steps[k - 1], graph)).toEqual([
      expect.objectContaining({ kind: 'tensor', who: 'hook on y', returned: 'tensor([10., 10.])', replaced: true, effect: 'replaced the gradient' }),
    ]);
    expect(chainRule(trace.steps[k - 1], graph).received.map((r) => r.short)).toEqual(['[10, 10]']);
  });

  it('says None when the hook returned nothing: the gradient went on unchanged', () => {
    const { x, y, model, graph, trace, k } = hooked(() => undefined);
    expect(hookLines(trace.steps[k - 1], graph)).toEqual([expect.objectContaining({ who: 'hook on y', returned: 'None', replaced: false, effect: 'gradient unchanged' })]);
    expect(backwardFrame(trace, model, new Map(), k).badges).toEqual([expect.objectContaining({ id: `n${y.grad_fn!.id}`, text: 'hook fired → None' })]);
    expect(backwardFrame(trace, model, new Map(), trace.steps.length).grads[`t${x.id}`].exact).toBe('[2, 2]');
  });

  it('writes a post-hook’s grad_inputs as the tuple it returned', () => {
    // p = x * w; p.grad_fn.register_hook(lambda gi, go: (gi[0] * 10, None)): x.grad -> tensor([30., 40.])
    const x = torch.tensor([1, 2], { requires_grad: true });
    const w = torch.tensor([3, 4], { requires_grad: true });
    const p = x.mul(w);
    p.grad_fn!.register_hook((gi) => [gi[0]!.mul(10), null]);
    p.sum().backward();
    const step = viz.last_trace()!.steps.find((s) => s.node === p.grad_fn!.id)!;
    expect(hookLines(step, null)).toEqual([
      expect.objectContaining({ kind: 'post', who: 'hook on MulBackward0', returned: '(tensor([30., 40.]), None)', effect: 'replaced the gradients it sends (grad_inputs)' }),
    ]);
    expect(Array.from(x.grad!._values())).toEqual([30, 40]);
  });
});
