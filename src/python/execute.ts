/**
 * Runs one Python snippet with the engine (inside the Python worker, or in Node for tests), the
 * way the TypeScript runner runs a snippet: prints as console lines, errors as Python's
 * traceback with the line of the student's code, and the graphs to draw, with the program's own
 * variable names and each node's Python line. Returns plain data only.
 */
import { torch, Tensor, type Device } from '../../engine';
import type { DotGraph, MakeDotOptions } from '../../engine/viz';
import type { ConsoleLine, GraphView, RunResult, SnippetError } from '../runner/protocol';
import { NodeTracker, type Where } from '../runner/tracker';
import { graphView, outputsGraph, reachableNodes, type ScopeInfo } from '../runner/graphs';
import { SavedValues } from '../runner/savedValues';
import { countGraphNodes, MAX_GRAPH_NODES, totalGraphNodes, truncatedModel } from '../runner/bigGraph';
import { drawnModel, firstArgText, resolveTokens } from '../runner/execute';
import { printBudget } from '../runner/printBudget';
import type { PythonRuntime } from './runtime';

/** The snippet's file name, as tracebacks show it. */
export const SNIPPET_FILE = 'snippet.py';
const TRACE_LIMIT = 20;

let lastTraceId = 0;

export interface PythonRunOptions {
  device?: Device;
}

/** Console lines from Python's stdout, which arrives in pieces: a line is complete at its newline. */
class LineSplitter {
  private partial = '';
  constructor(private readonly line: (text: string) => void) {}

  write(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.line(p);
  }

  flush(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }
}

/**
 * The runtime's stdout and make_dot, routed to the run in progress: the worker makes the runtime
 * before a run arrives (a warm spare), and runs one program.
 */
export interface PythonRunHooks {
  stdout(text: string): void;
  stderr(text: string): void;
  makeDot(outputs: Tensor | Tensor[], opts: MakeDotOptions): unknown;
}

export function pythonRunHooks(): PythonRunHooks & { attach(hooks: PythonRunHooks | null): void } {
  let current: PythonRunHooks | null = null;
  return {
    attach: (hooks) => {
      current = hooks;
    },
    stdout: (text) => current?.stdout(text),
    stderr: (text) => current?.stderr(text),
    makeDot: (outputs, opts) => (current ? current.makeDot(outputs, opts) : torch.viz.make_dot(outputs, opts)),
  };
}

export async function executePython(
  runtime: PythonRuntime,
  hooks: { attach(h: PythonRunHooks | null): void },
  source: string,
  emit: (line: ConsoleLine) => void,
  opts: PythonRunOptions = {},
): Promise<RunResult> {
  const started = performance.now();
  const lines: ConsoleLine[] = [];
  let held: ConsoleLine[] | null = null;
  const push = (line: ConsoleLine) => {
    lines.push(line);
    if (held || line.text.includes('\uE000')) (held ??= []).push(line);
    else emit(line);
  };
  const gpu = opts.device === 'webgpu' && (await startWebgpu(push));
  torch.viz.clear_traces();
  torch.viz.set_trace_options({ limit: TRACE_LIMIT });

  const sourceLines = source.split('\n');
  const where: Where<number> = { capture: () => runtime.userLine(SNIPPET_FILE), line: (n) => (n > 0 ? n : null) };
  const tracker = new NodeTracker(where);
  const saved = new SavedValues();
  const graphs: GraphView[] = [];
  const scope = (): ScopeInfo => {
    const info: ScopeInfo = { values: {}, lines: {} };
    for (const entry of runtime.scope(source)) {
      if (entry.name in info.values) continue;
      info.values[entry.name] = entry.tensor;
      if (entry.line > 0) info.lines[entry.name] = entry.line;
    }
    return info;
  };
  const withSaved = (view: GraphView, outputs: readonly Tensor[]): GraphView => ({ ...view, savedValues: saved.describe(reachableNodes(outputs).values()) });

  const printText = printBudget(push);
  const out = (kind: 'out' | 'notice') => (text: string) => printText(text, kind);
  const stdout = new LineSplitter(out('out'));
  const stderr = new LineSplitter(out('notice'));

  const view = (id: string, title: string, outputs: Tensor[], names: Record<string, Tensor>, draw: () => GraphView): GraphView => {
    if (countGraphNodes(outputs) <= MAX_GRAPH_NODES) return draw();
    const total = totalGraphNodes(outputs);
    const fmt = (n: number) => n.toLocaleString('en-US');
    push({ kind: 'notice', text: `The graph of ${title} has ${fmt(total)} nodes; the viewer shows the first ${fmt(MAX_GRAPH_NODES)} (from the outputs).` });
    return { id, title, model: truncatedModel(outputs, names), snapshot: { roots: outputs.map((t) => t.id), nodes: [], tensors: [] }, nodeLines: {}, truncated: { shown: MAX_GRAPH_NODES, total } };
  };

  const makeDot = (outputs: Tensor | Tensor[], dotOpts: MakeDotOptions = {}): DotGraph => {
    const line = runtime.userLine(SNIPPET_FILE);
    const arg = line > 0 ? firstArgText(sourceLines[line - 1] ?? '', 1) : null;
    const n = graphs.length + 1;
    const title = `make_dot(${arg ?? `graph ${n}`})`;
    const roots = outputs instanceof Tensor ? [outputs] : [...outputs];
    let model: DotGraph | null = null;
    graphs.push(
      view(`g${n}`, title, roots, dotOpts.params ?? {}, () => {
        model = torch.viz.make_dot(outputs, dotOpts);
        return withSaved(graphView(`g${n}`, title, drawnModel(outputs, dotOpts, saved, model), roots, dotOpts.params ?? {}, tracker, scope()), roots);
      }),
    );
    return model ?? truncatedModel(roots, dotOpts.params ?? {});
  };

  hooks.attach({ stdout: (t) => stdout.write(t), stderr: (t) => stderr.write(t), makeDot });
  torch.autograd._set_node_created_hook((node, outputs) => {
    tracker.hook(node, outputs);
    saved.hook(node);
  });
  let error: SnippetError | null = null;
  try {
    const failed = await runtime.run(source, SNIPPET_FILE, { preload: true });
    if (failed) {
      const line = failed.line > 0 && failed.line <= sourceLines.length ? failed.line : null;
      error = { kind: failed.type === 'SyntaxError' || failed.type === 'IndentationError' ? 'syntax' : 'runtime', message: failed.traceback.trimEnd(), line, col: line === null ? null : 1 };
    }
  } finally {
    torch.autograd._set_node_created_hook(null);
    stdout.flush();
    stderr.flush();
    hooks.attach(null);
  }

  if (graphs.length === 0) {
    try {
      const info = scope();
      const drawn = outputsGraph(info, tracker, sourceLines, (title, outputs, names) =>
        view('outputs', title, outputs, names, () => withSaved(graphView('outputs', title, drawnModel(outputs, { params: names }, saved), outputs, names, tracker, info), outputs)),
      );
      if (drawn) graphs.push(drawn);
    } catch (e) {
      push({ kind: 'notice', text: `The graph could not be drawn: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  if (error) push({ kind: 'error', text: error.message, ...(error.line !== null ? { line: error.line, col: 1 } : {}) });
  if (gpu) {
    try {
      await torch.webgpu.synchronize();
    } catch (e) {
      push({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
    // Prints of GPU tensors were deferred: their reprs name the device as Python code does.
    const deferred = lines.filter((l) => l.text.includes('\uE000'));
    resolveTokens(lines);
    resolveTokens(graphs);
    for (const line of deferred) line.text = line.text.replace(/device='webgpu:0'/g, "device='cuda:0'");
    torch.webgpu._set_deferred_print(false);
  }
  for (const line of held ?? []) emit(line);
  held = null;
  const traces = torch.viz.traces();
  const newest = traces.at(-1)?.id ?? lastTraceId;
  const traceCount = newest - lastTraceId;
  lastTraceId = newest;
  return { lines, error, graphs, traces, traceCount, durationMs: performance.now() - started };
}

/**
 * The WebGPU switch in Python mode: WebGPU is what `torch.cuda` reports and what `'cuda'` names, so
 * that tutorial code (`device = 'cuda' if torch.cuda.is_available() else 'cpu'`) runs on it; as in
 * PyTorch, tensors go to the GPU only when the program puts them there.
 */
async function startWebgpu(push: (line: ConsoleLine) => void): Promise<boolean> {
  if (!(await torch.webgpu.init())) {
    push({ kind: 'notice', text: `WebGPU is not available (${torch.webgpu.unavailable_reason()}): torch.cuda.is_available() is False in this run.` });
    return false;
  }
  torch.webgpu._set_deferred_print(true);
  return true;
}
