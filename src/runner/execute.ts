/**
 * Runs one snippet with the engine (inside the worker): transpile, execute as the body of a
 * function of the snippet globals, capture prints and errors with the student's line numbers,
 * and describe the graphs to draw. Returns plain data only.
 */
import type { Tensor, Device } from '../../engine';
import { formatPrintArgs } from '../../engine/format';
import type { DotGraph, GraphModel, MakeDotOptions } from '../../engine/viz';
import { makeDotKeepingFreed } from '../../engine/viz/make_dot';
import { printBudget } from './printBudget';
import { capText, MAX_GRAPHS, MAX_TITLE_CHARS, MAX_TRACES, type ConsoleLine, type GraphView, type RunResult, type SnippetError } from './protocol';
import { engine, isTensor } from './engineRefs';
import { fitView, modelFits, replayableTraces } from './fit';
import { topLevelBindings, transpile, type TopLevelBinding } from './transpile';
import { NodeTracker, stackWhere } from './tracker';
import { measureLineOffset, snippetLocation, SNIPPET_URL } from './location';
import { graphView, outputsGraph, reachableNodes, type ScopeInfo } from './graphs';
import { SavedValues } from './savedValues';
import { countGraphNodes, MAX_GRAPH_NODES, totalGraphNodes, truncatedModel } from './bigGraph';

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
  return isTensor(v) ? [v] : [...v];
}

/** The text of a call's first argument on `line`, when it is short and plain; null otherwise. */
export function firstArgText(line: string, col: number): string | null {
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
export function drawnModel(outputs: Tensor | readonly Tensor[], opts: MakeDotOptions, saved: SavedValues, made?: DotGraph): GraphModel {
  if (opts.show_saved && made) return made;
  try {
    return makeDotKeepingFreed(outputs, { ...opts, show_saved: true }, saved.savedOf);
  } catch {
    return engine.makeDot(outputs, { ...opts, show_saved: false });
  }
}

/** V8's stack overflow, said as Python says it. */
function isStackOverflow(err: Error | null): boolean {
  return err instanceof RangeError && err.message === 'Maximum call stack size exceeded';
}

/**
 * What the snippet threw, as text. The value is the snippet's: a getter or a toString of its own
 * may throw or return anything, so every read is guarded and the text is capped.
 */
export function thrownText(e: unknown): string {
  try {
    if (!(e instanceof Error)) return capText(`Uncaught ${String(e)}`);
    const name = String(e.name);
    const message = String(e.message);
    return capText(name && name !== 'Error' ? `${name}: ${message}` : message);
  } catch {
    return 'Uncaught exception (its message could not be read)';
  }
}

function stackOf(err: Error | null): string | undefined {
  try {
    const stack: unknown = err?.stack;
    return typeof stack === 'string' ? stack : undefined;
  } catch {
    return undefined;
  }
}

/** The snippet's error with its place in the student's source (`sourceLineCount` lines). */
export function runtimeError(e: unknown, sourceLineCount: number): SnippetError {
  const err = e instanceof Error ? e : null;
  const overflow = isStackOverflow(err);
  const message = overflow ? 'RecursionError: maximum recursion depth exceeded (the call stack overflowed: a function that calls itself without end?)' : thrownText(e);
  // V8 reports an overflow at the entry of the function that overflowed; its caller's frame is
  // the recursive call, the line Python's traceback ends on.
  const stack = overflow ? stackOf(err)?.split('\n').slice(2).join('\n') : stackOf(err);
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
  /**
   * Lets what the snippet queued (timers at 0, promise jobs of async functions) run once its body
   * has returned, before the run is described: their prints, graphs and errors count. The worker
   * passes a zero-delay timer of its own; an endless loop there meets the page's time limit.
   */
  settle?: () => Promise<void>;
  /** What the snippet's own callbacks threw (or rejected) that nothing caught, oldest first. */
  uncaught?: () => readonly { value: unknown }[];
}

/** Replaces, in place, every deferred webgpu repr token in the strings of `value`. */
export function resolveTokens(value: unknown): unknown {
  if (typeof value === 'string') return engine.webgpu.resolveText(value);
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
        await engine.webgpu.synchronize();
      } catch (e) {
        push({ kind: 'error', text: thrownText(e) });
      }
      resolveTokens(lines);
      resolveTokens(graphs);
      engine.webgpu.setDeferredPrint(false);
      engine.setDefaultDevice('cpu');
    }
    for (const line of held ?? []) emit(line);
    held = null;
    const all = engine.freshTraces();
    const newest = all.at(-1)?.id ?? lastTraceId;
    const traceCount = newest - lastTraceId;
    lastTraceId = newest;
    return { lines, error, graphs, traces: replayableTraces(all, push), traceCount, durationMs: performance.now() - started };
  };

  engine.clearTraces();
  engine.setTraceOptions({ limit: MAX_TRACES });
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
    const message = capText(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    return finish({ kind: 'syntax', message, line: null, col: null }, []);
  }

  const holder: { scope?: () => Record<string, unknown> } = {};
  const declLines = Object.fromEntries(bindings.map((b) => [b.name, b.line]));
  const scope = (): ScopeInfo => ({ values: holder.scope ? holder.scope() : {}, lines: declLines });
  const tracker = new NodeTracker(stackWhere(LINE_OFFSET));
  const saved = new SavedValues();
  const graphs: GraphView[] = [];
  const withSaved = (view: GraphView, outputs: readonly Tensor[]): GraphView => ({ ...view, savedValues: saved.describe(reachableNodes(outputs).values()) });

  const printText = printBudget(push);
  const fmt = (n: number) => n.toLocaleString('en-US');
  const print = (...args: unknown[]): void => printText(formatPrintArgs(args));

  /**
   * The view of one graph, fitted to the viewer's caps; past MAX_GRAPH_NODES (or with more boxes
   * than the viewer takes), its first nodes only, with a notice in the console and on the view.
   */
  const view = (id: string, fullTitle: string, outputs: Tensor[], names: Record<string, Tensor>, draw: () => GraphView): GraphView => {
    const title = capText(fullTitle, MAX_TITLE_CHARS);
    const rootsOnly = () => engine.snapshotGraph(outputs, {});
    let total: number;
    if (countGraphNodes(outputs) <= MAX_GRAPH_NODES) {
      const drawn = draw();
      if (modelFits(drawn)) return fitView({ ...drawn, title }, rootsOnly);
      total = totalGraphNodes(outputs);
      push({ kind: 'notice', text: `The graph of ${title} has ${fmt(drawn.model.nodes.length)} boxes with its saved tensors, more than the viewer takes; it shows the first ${fmt(MAX_GRAPH_NODES)} nodes (from the outputs).` });
    } else {
      total = totalGraphNodes(outputs);
      push({ kind: 'notice', text: `The graph of ${title} has ${fmt(total)} nodes; the viewer shows the first ${fmt(MAX_GRAPH_NODES)} (from the outputs).` });
    }
    const truncated: GraphView = {
      id,
      title,
      model: truncatedModel(outputs, names),
      snapshot: { roots: outputs.map((t) => t.id), nodes: [], tensors: [] },
      nodeLines: {},
      truncated: { shown: Math.min(MAX_GRAPH_NODES, total), total },
    };
    return fitView(truncated, rootsOnly);
  };

  let graphsDropped = false;
  // Bound by torchviz's signature, as torch.viz.make_dot: `make_dot(y, params)` or `make_dot(y, {params})`.
  const makeDot = engine.bindMakeDot((outputs, params, show_attrs, show_saved, max_attr_chars): DotGraph => {
    const opts: MakeDotOptions = { params, show_attrs, show_saved, max_attr_chars };
    const roots = toList(outputs);
    const names = { ...params };
    const made = engine.makeDot(outputs, opts);
    if (graphs.length >= MAX_GRAPHS) {
      if (!graphsDropped) push({ kind: 'notice', text: `The snippet drew more than ${MAX_GRAPHS} graphs; the viewer keeps the first ${MAX_GRAPHS}.` });
      graphsDropped = true;
      return made;
    }
    const call = snippetLocation(new Error().stack, LINE_OFFSET);
    const arg = call ? firstArgText(sourceLines[call.line - 1] ?? '', call.col) : null;
    const n = graphs.length + 1;
    const title = `make_dot(${arg ?? `graph ${n}`})`;
    // The view's model is its own: the snippet gets `made`, and may change it as it likes.
    graphs.push(view(`g${n}`, title, roots, names, () => withSaved(graphView(`g${n}`, title, drawnModel(outputs, { ...opts, params: names }, saved), roots, names, tracker, scope()), roots)));
    return made;
  });

  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_LIMIT;
  engine.setNodeCreatedHook((node, outputs) => {
    tracker.hook(node, outputs);
    saved.hook(node);
  });
  let error: SnippetError | null = null;
  try {
    const { torch, nn, F, optim } = engine.globals;
    await fn(torch, nn, F, optim, print, makeDot, holder);
    await opts.settle?.();
  } catch (e) {
    error = runtimeError(e, sourceLines.length);
  } finally {
    engine.setNodeCreatedHook(null);
    Error.stackTraceLimit = stackLimit;
  }
  // An error thrown by the snippet's own callback (a timer, a promise) is its error like any other,
  // with its line; the run keeps what it printed and drew.
  const [late] = opts.uncaught?.() ?? [];
  if (!error && late) error = runtimeError(late.value, sourceLines.length);

  if (graphs.length === 0) {
    try {
      const info = scope();
      const drawn = outputsGraph(info, tracker, sourceLines, (title, outputs, names) =>
        view('outputs', title, outputs, names, () => withSaved(graphView('outputs', title, drawnModel(outputs, { params: names }, saved), outputs, names, tracker, info), outputs)),
      );
      if (drawn) graphs.push(drawn);
    } catch (e) {
      push({ kind: 'notice', text: capText(`The graph could not be drawn: ${thrownText(e)}`) });
    }
  }
  return finish(error, graphs);
}

/** Initializes WebGPU for a run on 'webgpu'; without it the run goes on on the CPU, and says why. */
async function startWebgpu(push: (line: ConsoleLine) => void): Promise<boolean> {
  if (!(await engine.webgpu.init())) {
    push({ kind: 'notice', text: capText(`WebGPU is not available (${engine.webgpu.unavailableReason()}): this run uses the CPU.`) });
    return false;
  }
  engine.setDefaultDevice('webgpu');
  engine.webgpu.setDeferredPrint(true);
  return true;
}
