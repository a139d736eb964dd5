/**
 * Runs one snippet with the engine (inside the worker): transpile, execute as the body of a
 * function of the snippet globals, capture prints and errors with the student's line numbers,
 * and describe the graphs to draw. Returns plain data only.
 */
import { torch, Tensor, type Device } from '../../engine';
import { formatPrintArgs } from '../../engine/format';
import type { DotGraph, GraphModel, MakeDotOptions } from '../../engine/viz';
import { makeDotKeepingFreed } from '../../engine/viz/make_dot';
import type { ConsoleLine, GraphView, RunResult, SnippetError } from './protocol';
import { topLevelBindings, transpile, type TopLevelBinding } from './transpile';
import { NodeTracker } from './tracker';
import { measureLineOffset, snippetLocation, SNIPPET_URL } from './location';
import { finalOutputs, graphView, outputNames, reachableNodes, scopeNames, type ScopeInfo } from './graphs';
import { SavedValues } from './savedValues';
import { countGraphNodes, MAX_GRAPH_NODES, totalGraphNodes, truncatedModel } from './bigGraph';

export const MAX_PRINT_LINES = 5000;
/** One printed line longer than this is cut (a 100 MB string would freeze the console). */
export const MAX_LINE_CHARS = 20_000;
/** Backward traces kept per run (the stepper shows the last ones). */
const TRACE_LIMIT = 20;
const LINE_OFFSET = measureLineOffset();
/** Put before the student's first line (so line numbers stay): exposes the scope reader. */
const PREFIX = '__gradlab.scope = __gradlab_scope; ';
/** Deep enough to reach the snippet's frame from inside nn modules and the engine. */
const STACK_LIMIT = 40;

let lastTraceId = 0;

/** A hoisted function that reads each top-level variable (one still in its TDZ reads as absent). */
function scopeReader(bindings: readonly TopLevelBinding[]): string {
  const reads = bindings.map((b) => `try { s[${JSON.stringify(b.name)}] = ${b.name}; } catch {}`).join(' ');
  return `function __gradlab_scope() { const s = {}; ${reads} return s; }`;
}

function toList(v: Tensor | readonly Tensor[]): Tensor[] {
  return v instanceof Tensor ? [v] : [...v];
}

/** The text of a call's first argument on `line`, when it is short and plain; null otherwise. */
function firstArgText(line: string, col: number): string | null {
  const from = line.lastIndexOf('make_dot(', Math.max(0, col - 1));
  const start = from >= 0 ? from : line.indexOf('make_dot(');
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + 'make_dot('.length; i < line.length; i++) {
    const c = line[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === ',' || c === ')') && depth === 0) {
      const text = line.slice(start + 'make_dot('.length, i).trim();
      return text && text.length <= 40 ? text : null;
    }
  }
  return null;
}

/**
 * The model to draw: with the saved tensors (the graph's "Saved tensors" toggle hides them); those
 * a backward freed are drawn from the references `saved` took when each node was made, marked
 * freed. Without them when even that fails (a node made before the hook was set).
 */
function drawnModel(outputs: Tensor | readonly Tensor[], opts: MakeDotOptions, saved: SavedValues, made?: DotGraph): GraphModel {
  if (opts.show_saved && made) return made;
  try {
    return makeDotKeepingFreed(outputs, { ...opts, show_saved: true }, saved.savedOf);
  } catch {
    return made ?? torch.viz.make_dot(outputs, { ...opts, show_saved: false });
  }
}

/** V8's stack overflow, said as Python says it. */
function isStackOverflow(err: Error | null): boolean {
  return err instanceof RangeError && err.message === 'Maximum call stack size exceeded';
}

function runtimeError(e: unknown, sourceLineCount: number): SnippetError {
  const err = e instanceof Error ? e : null;
  const message = isStackOverflow(err)
    ? 'RecursionError: maximum recursion depth exceeded (the call stack overflowed: a function that calls itself without end?)'
    : err
      ? err.name && err.name !== 'Error'
        ? `${err.name}: ${err.message}`
        : err.message
      : `Uncaught ${String(e)}`;
  // V8 reports an overflow at the entry of the function that overflowed; its caller's frame is
  // the recursive call, the line Python's traceback ends on.
  const stack = isStackOverflow(err) ? err?.stack?.split('\n').slice(2).join('\n') : err?.stack;
  const loc = snippetLocation(stack, LINE_OFFSET);
  if (!loc || loc.line < 1 || loc.line > sourceLineCount) return { kind: 'runtime', message, line: null, col: null };
  return { kind: 'runtime', message, line: loc.line, col: loc.line === 1 ? Math.max(1, loc.col - PREFIX.length) : loc.col };
}

function errorLine(error: SnippetError): ConsoleLine {
  const line: ConsoleLine = { kind: 'error', text: error.message };
  if (error.line !== null) line.line = error.line;
  if (error.col !== null) line.col = error.col;
  return line;
}

export interface RunOptions {
  /** Where tensors go by default: 'webgpu' initializes WebGPU and makes it the default device. */
  device?: Device;
}

/** Replaces, in place, every deferred webgpu repr token in the strings of `value`. */
function resolveTokens(value: unknown): unknown {
  if (typeof value === 'string') return torch.webgpu._resolve_text(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = resolveTokens(value[i]);
  } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) obj[key] = resolveTokens(obj[key]);
  }
  return value;
}

const AsyncFunction = (async () => undefined).constructor as FunctionConstructor;

export async function executeSnippet(source: string, emit: (line: ConsoleLine) => void, opts: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const lines: ConsoleLine[] = [];
  // A print of a webgpu tensor waits for the GPU; the lines after it wait behind it, in order.
  let held: ConsoleLine[] | null = null;
  const push = (line: ConsoleLine) => {
    lines.push(line);
    if (held || line.text.includes('\uE000')) (held ??= []).push(line);
    else emit(line);
  };
  const gpu = opts.device === 'webgpu' && (await startWebgpu(push));
  const finish = async (error: SnippetError | null, graphs: GraphView[]): Promise<RunResult> => {
    if (error) push(errorLine(error));
    if (gpu) {
      try {
        await torch.webgpu.synchronize();
      } catch (e) {
        push({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      }
      resolveTokens(lines);
      resolveTokens(graphs);
      torch.webgpu._set_deferred_print(false);
      torch.set_default_device('cpu');
    }
    for (const line of held ?? []) emit(line);
    held = null;
    const traces = torch.viz.traces();
    const newest = traces.at(-1)?.id ?? lastTraceId;
    const traceCount = newest - lastTraceId;
    lastTraceId = newest;
    return { lines, error, graphs, traces, traceCount, durationMs: performance.now() - started };
  };

  torch.viz.clear_traces();
  torch.viz.set_trace_options({ limit: TRACE_LIMIT });
  const transpiled = transpile(source);
  if (!transpiled.ok) return finish(transpiled.error, []);

  const sourceLines = source.split('\n');
  const bindings = topLevelBindings(transpiled.code);
  const body = `${PREFIX}${transpiled.code}\n${scopeReader(bindings)}\n//# sourceURL=${SNIPPET_URL}`;
  let fn: (...args: unknown[]) => unknown;
  // Top-level await (`await x.item_async()`) makes the snippet an async function.
  const Ctor = /\bawait\b/.test(transpiled.code) ? AsyncFunction : Function;
  try {
    fn = new Ctor('torch', 'nn', 'F', 'optim', 'print', 'make_dot', '__gradlab', body) as typeof fn;
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return finish({ kind: 'syntax', message, line: null, col: null }, []);
  }

  const holder: { scope?: () => Record<string, unknown> } = {};
  const declLines = Object.fromEntries(bindings.map((b) => [b.name, b.line]));
  const scope = (): ScopeInfo => ({ values: holder.scope ? holder.scope() : {}, lines: declLines });
  const tracker = new NodeTracker(LINE_OFFSET);
  const saved = new SavedValues();
  const graphs: GraphView[] = [];
  const withSaved = (view: GraphView, outputs: readonly Tensor[]): GraphView => ({ ...view, savedValues: saved.describe(reachableNodes(outputs).values()) });

  let printed = 0;
  const print = (...args: unknown[]): void => {
    if (printed > MAX_PRINT_LINES) return;
    printed++;
    if (printed > MAX_PRINT_LINES) {
      push({ kind: 'notice', text: `Output truncated: the snippet printed more than ${MAX_PRINT_LINES.toLocaleString('en-US')} lines; the rest is not shown.` });
      return;
    }
    const text = formatPrintArgs(args);
    push({ kind: 'out', text: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… (${(text.length - MAX_LINE_CHARS).toLocaleString('en-US')} more characters not shown)` : text });
  };

  /**
   * The view of one graph; past MAX_GRAPH_NODES, its first nodes only (make_dot would overflow the
   * stack, the layout would take minutes), with a notice in the console and on the view.
   */
  const view = (id: string, title: string, outputs: Tensor[], names: Record<string, Tensor>, draw: () => GraphView): GraphView => {
    if (countGraphNodes(outputs) <= MAX_GRAPH_NODES) return draw();
    const total = totalGraphNodes(outputs);
    const fmt = (n: number) => n.toLocaleString('en-US');
    push({ kind: 'notice', text: `The graph of ${title} has ${fmt(total)} nodes; the viewer shows the first ${fmt(MAX_GRAPH_NODES)} (from the outputs).` });
    return {
      id,
      title,
      model: truncatedModel(outputs, names),
      snapshot: { roots: outputs.map((t) => t.id), nodes: [], tensors: [] },
      nodeLines: {},
      truncated: { shown: MAX_GRAPH_NODES, total },
    };
  };

  // Bound by torchviz's signature, as torch.viz.make_dot: `make_dot(y, params)` or `make_dot(y, {params})`.
  const makeDot = torch.viz._bind_make_dot((outputs, params, show_attrs, show_saved, max_attr_chars): DotGraph => {
    const opts: MakeDotOptions = { params, show_attrs, show_saved, max_attr_chars };
    const call = snippetLocation(new Error().stack, LINE_OFFSET);
    const arg = call ? firstArgText(sourceLines[call.line - 1] ?? '', call.col) : null;
    const n = graphs.length + 1;
    const title = `make_dot(${arg ?? `graph ${n}`})`;
    const roots = toList(outputs);
    let model: DotGraph | null = null;
    graphs.push(
      view(`g${n}`, title, roots, opts.params ?? {}, () => {
        model = torch.viz.make_dot(outputs, opts);
        return withSaved(graphView(`g${n}`, title, drawnModel(outputs, opts, saved, model), roots, opts.params ?? {}, tracker, scope()), roots);
      }),
    );
    return model ?? truncatedModel(roots, opts.params ?? {});
  });

  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_LIMIT;
  torch.autograd._set_node_created_hook((node, outputs) => {
    tracker.hook(node, outputs);
    saved.hook(node);
  });
  let error: SnippetError | null = null;
  try {
    await fn(torch, torch.nn, torch.nn.functional, torch.optim, print, makeDot, holder);
  } catch (e) {
    error = runtimeError(e, sourceLines.length);
  } finally {
    torch.autograd._set_node_created_hook(null);
    Error.stackTraceLimit = stackLimit;
  }

  if (graphs.length === 0) {
    try {
      const info = scope();
      const outputs = finalOutputs(tracker, info);
      if (outputs.length > 0) {
        const names = outputNames(outputs, scopeNames(info), tracker, sourceLines);
        const nameOf = new Map(Object.entries(names).map(([k, t]) => [t, k]));
        const title = `outputs: ${outputs.map((t) => nameOf.get(t) ?? `tensor ${t.id}`).join(', ')}`;
        graphs.push(view('outputs', title, outputs, names, () => withSaved(graphView('outputs', title, drawnModel(outputs, { params: names }, saved), outputs, names, tracker, info), outputs)));
      }
    } catch (e) {
      push({ kind: 'notice', text: `The graph could not be drawn: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return finish(error, graphs);
}

/** Initializes WebGPU for a run on 'webgpu'; without it the run goes on on the CPU, and says why. */
async function startWebgpu(push: (line: ConsoleLine) => void): Promise<boolean> {
  if (!(await torch.webgpu.init())) {
    push({ kind: 'notice', text: `WebGPU is not available (${torch.webgpu.unavailable_reason()}): this run uses the CPU.` });
    return false;
  }
  torch.set_default_device('webgpu');
  torch.webgpu._set_deferred_print(true);
  return true;
}
