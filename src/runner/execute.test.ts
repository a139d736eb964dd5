/**
 * The runner against snippets that attack it from inside: they share the engine object with the
 * runner, so they can replace what the runner calls. What the runner sends must stay the engine's
 * own work, within the protocol's caps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { torch } from '../../engine';
import { executeSnippet } from './execute';
import { checkResult, MAX_LABEL_CHARS, MAX_TEXT_CHARS, type ConsoleLine, type RunResult } from './protocol';

const pristine = { viz: { ...torch.viz }, autograd: { ...torch.autograd } };
afterEach(() => {
  Object.assign(torch.viz, pristine.viz);
  Object.assign(torch.autograd, pristine.autograd);
  Reflect.deleteProperty(torch.Tensor, Symbol.hasInstance);
});

async function run(source: string): Promise<RunResult> {
  const emitted: ConsoleLine[] = [];
  const result = await executeSnippet(source, (l) => emitted.push(l));
  expect(checkResult(result)).toBeNull();
  return result;
}

const GRAPH = 'const w = torch.ones(2, {requires_grad: true});\nconst loss = w.mul(3).sum();\nloss.backward();';

describe('a snippet cannot change what the runner sends', () => {
  it('replacing torch.viz functions, the autograd hook and instanceof Tensor changes nothing sent', async () => {
    const clean = await run(`${GRAPH}\nmake_dot(loss);`);
    const hostile = await run(`${GRAPH}
const fake = () => ({ nodes: Array.from({ length: 30000 }, (_, i) => ({ id: 'x' + i, kind: 'op', label: 'x', fillcolor: 'red', order: i })), edges: [], size: '1,1' });
(torch.viz as any).traces = () => [{}];
(torch.viz as any).make_dot = fake;
(torch.viz as any).snapshot_graph = () => ({ roots: 'no' });
(torch.viz as any).clear_traces = () => { throw new Error('no'); };
(torch.autograd as any)._set_node_created_hook = () => { throw new Error('no'); };
Object.defineProperty(torch.Tensor, Symbol.hasInstance, { value: () => true, configurable: true });
make_dot(loss);`);
    expect(hostile.error).toBeNull();
    expect(hostile.graphs.map((g) => g.model.nodes.map((n) => n.label))).toEqual(clean.graphs.map((g) => g.model.nodes.map((n) => n.label)));
    expect(hostile.graphs[0].snapshot.nodes.map((n) => n.name)).toEqual(clean.graphs[0].snapshot.nodes.map((n) => n.name));
    expect(hostile.traces.map((t) => t.steps.map((s) => s.name))).toEqual([['SumBackward0', 'MulBackward0', 'torch::autograd::AccumulateGrad']]);
  });

  it('a make_dot model or a trace the snippet changed afterwards is not what is sent', async () => {
    const result = await run(`${GRAPH}
const g = make_dot(loss);
g.nodes.length = 0;
for (let i = 0; i < 30000; i++) g.nodes.push({ id: 'x' + i } as any);
const t = torch.viz.traces()[0] as any;
t.steps.length = 0;
t.steps.push({});`);
    expect(result.graphs[0].model.nodes.map((n) => n.label)).toContain('MulBackward0');
    expect(result.traces[0].steps).toHaveLength(3);
  });

  it('cuts names, labels, titles and thrown texts to their caps', async () => {
    const result = await run(`const names: any = {};
const w = torch.ones(2, {requires_grad: true});
names['n'.repeat(100000)] = w;
make_dot(w.mul(2).sum(), {params: names});
throw 'S'.repeat(1e7);`);
    expect(result.error?.message.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(result.error?.message).toMatch(/^Uncaught S+… \([\d,]+ more characters not shown\)$/);
    const leaf = result.graphs[0].model.nodes.find((n) => n.kind === 'leaf')!;
    expect(leaf.label.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
    expect(leaf.label).toMatch(/^n+…\n \(2\)$/);
    expect(leaf.name!.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(leaf.name).toMatch(/^n{19000,}… \(8\d,\d{3} more characters not shown\)$/);
  });

  it('an error whose message cannot be read is still the snippet\'s error', async () => {
    const result = await run(`const e = new Error('x');\nObject.defineProperty(e, 'message', { get() { throw new Error('gotcha'); } });\nthrow e;`);
    expect(result.error?.message).toBe('Uncaught exception (its message could not be read)');
  });

  it('an error thrown by the snippet\'s own timer or promise is its error, with its line, and the run keeps its graph', async () => {
    // In Node the snippet's uncaught callbacks reach the process, as in the worker they reach its global scope.
    const uncaught: { value: unknown }[] = [];
    const onError = (e: unknown) => uncaught.push({ value: e });
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    try {
      for (const late of ["setTimeout(() => { throw new Error('FORGED'); });", "Promise.reject(new TypeError('FORGED'));"]) {
        uncaught.length = 0;
        const result = await executeSnippet(`${GRAPH}\nprint('before');\n${late}`, () => undefined, {
          settle: () => new Promise((resolve) => setTimeout(resolve, 5)),
          uncaught: () => uncaught,
        });
        expect(result.error).toMatchObject({ kind: 'runtime', message: expect.stringMatching(/^(TypeError: )?FORGED$/), line: 5 });
        expect(result.lines.map((l) => l.text)).toEqual(['before', result.error!.message]);
        expect(result.graphs[0].model.nodes.map((n) => n.label)).toContain('MulBackward0');
      }
    } finally {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    }
  });
});
