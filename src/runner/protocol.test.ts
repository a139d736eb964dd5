import { describe, expect, it } from 'vitest';
import { capText, checkResult, MAX_LABEL_CHARS, MAX_TEXT_CHARS, MAX_VIEW_NODES, parseFromWorker, type GraphView, type RunResult } from './protocol';

const node = (i: number) => ({ id: `n${i}`, kind: 'op' as const, label: 'MulBackward0', fillcolor: 'lightgrey', nodeId: i, order: i });
const tensorValues = { tensorId: 1, shape: [2], dtype: 'float32' as const, values: [1, Number.NaN], numel: 2, truncated: false, repr: 'tensor([1., nan])' };

function view(nodes: number): GraphView {
  return {
    id: 'g1',
    title: 'make_dot(loss)',
    model: { nodes: Array.from({ length: nodes }, (_, i) => node(i)), edges: nodes > 1 ? [{ from: 'n1', to: 'n0', order: nodes }] : [], size: '12,12' },
    snapshot: {
      roots: [1],
      nodes: [{ id: 0, name: 'MulBackward0', next_functions: [[null, 0]], saved: [{ key: 'self', kind: 'tensor', freed: false, tensor: tensorValues, repr: 'tensor([1., nan])' }], variable: null, hooks: { pre: 0, post: 0, tensor: 0 } }],
      tensors: [],
    },
    nodeLines: { n0: 2 },
    savedValues: { 0: { self: tensorValues } },
  };
}

function result(over: Partial<RunResult> = {}): RunResult {
  return { lines: [{ kind: 'out', text: 'hi' }], error: null, graphs: [view(2)], traces: [], traceCount: 0, durationMs: 3, ...over };
}

const done = (r: unknown) => ({ type: 'done', runId: 1, nonce: 'abc', result: r });

/** The first problem the page finds in a result, or null when it takes it. */
function problem(r: unknown): string | null {
  const parsed = parseFromWorker(done(r));
  return parsed.ok ? null : parsed.problem;
}

describe('the page checks every field of a worker message', () => {
  it('takes a well-formed result, with NaN values and typed-array gradients', () => {
    const grad = { shape: [2], dtype: 'float64' as const, values: new Float64Array([1, 2]) };
    const step = { node: 3, name: 'SumBackward0', arrivals: [{ from: null, slot: 0, grad }], grads: [grad], sent: [{ edge: 0, to: null, toSlot: 0, grad: null }], accumulated: null, retained: [], hooks: [], hookCalls: [{ kind: 'pre' as const, returned: null }], rule: { inputs: ['self'], grads: ['grad.expand(self.shape)'] } };
    expect(problem(result({ traces: [{ id: 1, kind: 'backward', roots: [2], steps: [step] }], traceCount: 1 }))).toBeNull();
    expect(checkResult(result())).toBeNull();
  });

  it('refuses what a snippet could forge through the engine: a trace of nothing, a 30,000-node graph', () => {
    expect(problem(result({ traces: [{}] as never }))).toMatch(/^result\.traces\.0\.id: /);
    expect(problem(result({ graphs: [view(30_000)] }))).toMatch(/^result\.graphs\.0\.model\.nodes: Too big: expected array to have <=20000 items/);
    expect(problem(result({ graphs: [view(MAX_VIEW_NODES)] }))).toBeNull();
  });

  it('caps every text and list', () => {
    const long = 'x'.repeat(MAX_TEXT_CHARS + 1);
    expect(problem(result({ lines: [{ kind: 'out', text: long }] }))).toMatch(/^result\.lines\.0\.text: Too big/);
    expect(problem(result({ error: { kind: 'runtime', message: long, line: null, col: null } }))).toMatch(/^result\.error\.message: Too big/);
    const g = view(2);
    g.model.nodes[0].label = 'y'.repeat(MAX_LABEL_CHARS + 1);
    expect(problem(result({ graphs: [g] }))).toMatch(/^result\.graphs\.0\.model\.nodes\.0\.label: Too big/);
    expect(problem(result({ lines: Array.from({ length: 6000 }, () => ({ kind: 'out' as const, text: '' })) }))).toMatch(/^result\.lines: Too big/);
    expect(problem(result({ graphs: Array.from({ length: 21 }, () => view(1)) }))).toMatch(/^result\.graphs: Too big/);
  });

  it('refuses wrong types, unknown fields and graphs that do not hold together', () => {
    expect(problem(result({ durationMs: Number.NaN }))).toMatch(/^result\.durationMs: /);
    expect(problem({ ...result(), extra: 1 })).toMatch(/Unrecognized key/);
    const g = view(2);
    g.model.edges.push({ from: 'n0', to: 'n99', order: 9 });
    expect(problem(result({ graphs: [g] }))).toMatch(/edge n0 -> n99 joins a node the graph does not have/);
    const dup = view(2);
    dup.model.nodes[1].id = 'n0';
    expect(problem(result({ graphs: [dup] }))).toMatch(/node id n0 appears twice/);
    const values = view(2);
    values.snapshot.nodes[0].saved[0].tensor!.values = ['1' as never];
    expect(problem(result({ graphs: [values] }))).toMatch(/expected an array of at most 1000 numbers/);
    expect(parseFromWorker({ type: 'print', runId: 1, nonce: 'abc', line: { kind: 'html', text: '' } }).ok).toBe(false);
    expect(parseFromWorker({ type: 'ready' }).ok).toBe(true);
    expect(parseFromWorker({ type: 'shout' }).ok).toBe(false);
  });
});

describe('capText', () => {
  it('keeps short texts and cuts long ones to the cap, saying how much was left out', () => {
    expect(capText('short')).toBe('short');
    const cut = capText('S'.repeat(1e6), 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.length).toBeGreaterThan(95);
    expect(cut).toMatch(/^S+… \(999,\d+ more characters not shown\)$/);
  });
});
