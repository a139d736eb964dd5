/**
 * What the page and the snippet worker say to each other. Everything here is plain,
 * structured-clone-safe data: the UI never sees engine objects.
 *
 * Whatever arrives from the worker is checked field by field against a strict schema (zod) with a
 * size cap on every list and text before any of it reaches the store: a snippet that corrupted
 * the runner, or a runner bug, then ends its run with a clear message instead of a blank page or
 * a layout that never ends. The worker fits its results to the same caps before sending.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { GraphModel, GraphSnapshot, BackwardTrace, TensorValues } from '../../engine/viz';

// zod compiles object checks with `new Function` unless told not to; the page's CSP has no
// 'unsafe-eval' (and even the probe would be reported as a policy violation).
z.config({ jitless: true });

/** One line of the console. `error` lines carry the place in the student's own source. */
export interface ConsoleLine {
  kind: 'out' | 'error' | 'notice';
  text: string;
  /** 1-based line and column in the snippet (errors only). */
  line?: number;
  col?: number;
}

export interface SnippetError {
  kind: 'syntax' | 'runtime' | 'timeout';
  message: string;
  line: number | null;
  col: number | null;
}

/** One graph to draw: a `make_dot(...)` call, or the snippet's final outputs when it made none. */
export interface GraphView {
  id: string;
  /** What it shows: `make_dot(yhat)` or `outputs: loss`. */
  title: string;
  model: GraphModel;
  /** Everything the inspector shows for the nodes and tensors of this graph. */
  snapshot: GraphSnapshot;
  /** Graph node id (`t12`, `n7`) -> 1-based source line that created it. */
  nodeLines: Record<string, number>;
  /**
   * Node id -> saved key -> the tensor it saved, as it was when the Node was made (a backward
   * frees them; the stepper's chain-rule panel shows them). Absent or partial when unknown.
   */
  savedValues?: Record<number, Record<string, TensorValues>>;
  /** Set when the graph had more nodes than the viewer keeps: only the first `shown` are drawn. */
  truncated?: { shown: number; total: number };
}

export interface RunResult {
  lines: ConsoleLine[];
  error: SnippetError | null;
  graphs: GraphView[];
  /** Backward traces recorded during the run (bounded; oldest dropped first). */
  traces: BackwardTrace[];
  /** How many backward traces the run recorded in all (more than `traces.length` when capped). */
  traceCount: number;
  durationMs: number;
}

/**
 * Every run carries a fresh random `nonce`; the worker keeps it in a closure the snippet cannot
 * reach and stamps it on each message of that run. The page drops any message that is not of the
 * run it is waiting for, or without that run's nonce, and ends the run when such a message is
 * malformed.
 */
export type ToWorker = { type: 'run'; runId: number; nonce: string; source: string; device?: 'cpu' | 'webgpu' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'print'; runId: number; nonce: string; line: ConsoleLine }
  | { type: 'done'; runId: number; nonce: string; result: RunResult };

// ---- caps: what one run may send the page -------------------------------------------------------

/** One text: a printed line, an error message, a notice, a tensor's name or repr. */
export const MAX_TEXT_CHARS = 20_000;
/** Printed lines a run keeps (the rest is dropped with a note). */
export const MAX_PRINT_LINES = 5000;
/**
 * All the printed text of one run: past it the prints stop with a note (5,000 lines of 20,000
 * characters would take the page seconds to lay out).
 */
export const MAX_CONSOLE_CHARS = 1_000_000;
/** Console lines of one result: the prints, their note, graph notices and the error. */
export const MAX_RESULT_LINES = MAX_PRINT_LINES + 100;
/** A node's label as drawn (a name can be longer: the inspector shows all of it). */
export const MAX_LABEL_CHARS = 200;
export const MAX_TITLE_CHARS = 200;
const MAX_ID_CHARS = 80;
/** Graphs of one run (one per make_dot call): the first ones are kept. */
export const MAX_GRAPHS = 20;
/**
 * Boxes and arrows of one drawn graph: 5,000 autograd nodes (bigGraph.ts) with their leaves and
 * saved tensors stay under these; a model past them is drawn truncated.
 */
export const MAX_VIEW_NODES = 20_000;
export const MAX_VIEW_EDGES = 50_000;
export const MAX_SNAPSHOT_NODES = 20_000;
export const MAX_SNAPSHOT_TENSORS = 40_000;
/** Backward traces kept per run (the stepper shows the last ones). */
export const MAX_TRACES = 20;
/** Steps of one backward trace the stepper receives; a longer backward is not replayed. */
export const MAX_TRACE_STEPS = 20_000;
/** Values of one snapshot tensor (engine/viz/snapshot.ts SNAPSHOT_VALUE_CAP) and of one recorded gradient (the engine's largest tensor). */
const MAX_SNAPSHOT_VALUES = 1000;
const MAX_GRAD_VALUES = 50_000_000;
const MAX_DIMS = 1000;
const MAX_LIST = 100_000;

/** `text` cut to `max` characters, the cut said at its end. */
export function capText(text: string, max: number = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const note = (rest: number) => `… (${rest.toLocaleString('en-US')} more characters not shown)`;
  const keep = max - note(text.length).length;
  return text.slice(0, keep) + note(text.length - keep);
}

// ---- the schema ----------------------------------------------------------------------------------

// zod's mini build (a twelfth of the classic one's size on the first visit), with its English
// messages: a malformed answer is reported with what was wrong ("Too big: expected ...").
z.config(en());

const text = (max: number = MAX_TEXT_CHARS) => z.string().check(z.maxLength(max));
const int = z.int();
const count = z.int().check(z.nonnegative());
const positive = z.int().check(z.positive());
const lineNumber = count;
const list = <T extends z.ZodMiniType>(item: T, max: number = MAX_LIST) => z.array(item).check(z.maxLength(max));
const shape = list(count, MAX_DIMS);
const dtype = z.enum(['float32', 'float64', 'int64', 'bool']);

/**
 * Numbers in bulk (tensor values, gradients) are checked by one loop, not one schema per value:
 * a graph's snapshot can hold millions. NaN and infinities are values like any other.
 */
const numbers = (max: number) =>
  z.custom<number[]>((v) => {
    if (!Array.isArray(v) || v.length > max) return false;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
    return true;
  }, `expected an array of at most ${max} numbers`);
const storage = z.custom<Float32Array | Float64Array | Uint8Array>(
  (v) => (v instanceof Float32Array || v instanceof Float64Array || v instanceof Uint8Array) && v.length <= MAX_GRAD_VALUES,
  'expected a Float32Array, Float64Array or Uint8Array',
);

const consoleLine = z.strictObject({ kind: z.enum(['out', 'error', 'notice']), text: text(), line: z.optional(lineNumber), col: z.optional(lineNumber) });
const snippetError = z.strictObject({ kind: z.enum(['syntax', 'runtime', 'timeout']), message: text(), line: z.nullable(lineNumber), col: z.nullable(lineNumber) });

const vizKind = z.enum(['leaf', 'op', 'output', 'saved']);
const vizNode = z.strictObject({
  id: text(MAX_ID_CHARS),
  kind: vizKind,
  label: text(MAX_LABEL_CHARS),
  fillcolor: text(40),
  tensorId: z.optional(int),
  nodeId: z.optional(int),
  name: z.optional(text()),
  shape: z.optional(shape),
  freed: z.optional(z.literal(true)),
  order: int,
  // torchviz writes a node again each time it meets it as saved (a leaf many ops saved: one per op).
  statements: z.optional(list(z.strictObject({ order: int, kind: vizKind, label: text(MAX_LABEL_CHARS), fillcolor: text(40) }), MAX_VIEW_EDGES)),
});
const vizEdge = z.strictObject({ from: text(MAX_ID_CHARS), to: text(MAX_ID_CHARS), dir: z.optional(z.literal('none')), style: z.optional(z.literal('dotted')), order: int });
const graphModel = z.strictObject({ nodes: list(vizNode, MAX_VIEW_NODES), edges: list(vizEdge, MAX_VIEW_EDGES), size: text(40) }).check(
  z.superRefine((model, ctx) => {
    const ids = new Set<string>();
    for (const n of model.nodes) {
      if (ids.has(n.id)) return void ctx.addIssue({ code: 'custom', message: `node id ${n.id} appears twice`, path: ['nodes'] });
      ids.add(n.id);
    }
    for (const e of model.edges) {
      if (!ids.has(e.from) || !ids.has(e.to)) return void ctx.addIssue({ code: 'custom', message: `edge ${e.from} -> ${e.to} joins a node the graph does not have`, path: ['edges'] });
    }
  }),
);

const tensorValues = z.strictObject({
  tensorId: int,
  shape,
  dtype,
  values: numbers(MAX_SNAPSHOT_VALUES),
  numel: count,
  truncated: z.boolean(),
  repr: text(),
});
const savedSnapshot = z.strictObject({
  key: text(MAX_ID_CHARS),
  kind: z.enum(['tensor', 'tensors', 'value', 'unavailable']),
  freed: z.boolean(),
  tensor: z.optional(tensorValues),
  tensors: z.optional(list(z.nullable(tensorValues))),
  repr: text(),
  error: z.optional(text()),
});
const nodeSnapshot = z.strictObject({
  id: int,
  name: text(MAX_LABEL_CHARS),
  next_functions: list(z.tuple([z.nullable(int), count])),
  saved: list(savedSnapshot, 1000),
  variable: z.nullable(int),
  hooks: z.strictObject({ pre: count, post: count, tensor: count }),
});
const tensorSnapshot = z.strictObject({
  id: int,
  shape,
  dtype,
  requires_grad: z.boolean(),
  is_leaf: z.boolean(),
  grad_fn: z.nullable(int),
  output_nr: count,
  retains_grad: z.boolean(),
  name: z.nullable(text()),
  values: tensorValues,
  repr: text(),
  grad: z.nullable(text()),
  gradValues: z.nullable(tensorValues),
});
const graphSnapshot = z.strictObject({ roots: list(int), nodes: list(nodeSnapshot, MAX_SNAPSHOT_NODES), tensors: list(tensorSnapshot, MAX_SNAPSHOT_TENSORS) });

const integerKey = z.string().check(z.regex(/^\d{1,15}$/));
const graphView = z.strictObject({
  id: text(MAX_ID_CHARS),
  title: text(MAX_TITLE_CHARS),
  model: graphModel,
  snapshot: graphSnapshot,
  nodeLines: z.record(text(MAX_ID_CHARS), lineNumber),
  savedValues: z.optional(z.record(integerKey, z.record(text(MAX_ID_CHARS), tensorValues))),
  truncated: z.optional(z.strictObject({ shown: count, total: count })),
});

const gradSnapshot = z.strictObject({ shape, dtype, values: z.union([numbers(MAX_GRAD_VALUES), storage]) });
const trackedGrad = z.strictObject({ tensor: int, grad: gradSnapshot });
const traceHookCall = z.union([
  z.strictObject({ kind: z.literal('tensor'), slot: count, tensor: z.nullable(int), grad: z.nullable(gradSnapshot), returned: z.nullable(gradSnapshot) }),
  z.strictObject({ kind: z.enum(['pre', 'post']), returned: z.nullable(list(z.nullable(gradSnapshot))) }),
]);
const traceStep = z.strictObject({
  node: int,
  name: text(MAX_LABEL_CHARS),
  arrivals: list(z.strictObject({ from: z.nullable(int), slot: count, grad: gradSnapshot })),
  grads: list(z.nullable(gradSnapshot)),
  sent: list(z.strictObject({ edge: count, to: z.nullable(int), toSlot: count, grad: z.nullable(gradSnapshot) })),
  accumulated: z.nullable(trackedGrad),
  retained: list(trackedGrad),
  hooks: list(z.enum(['tensor', 'pre', 'post'])),
  hookCalls: list(traceHookCall),
  rule: z.nullable(z.strictObject({ inputs: list(text(MAX_LABEL_CHARS)), grads: list(text(MAX_LABEL_CHARS)), variadic: z.optional(z.boolean()) })),
});
const backwardTrace = z.strictObject({
  id: int,
  kind: z.enum(['backward', 'grad']),
  roots: list(int),
  steps: list(traceStep, MAX_TRACE_STEPS),
  error: z.optional(z.strictObject({ node: z.nullable(int), type: text(MAX_LABEL_CHARS), message: text() })),
});

/** The prints' cap, and room for the notices and the error after them. */
const consoleLines = list(consoleLine, MAX_RESULT_LINES).check(
  z.refine((lines) => lines.reduce((n, l) => n + l.text.length, 0) <= MAX_CONSOLE_CHARS + 5 * MAX_TEXT_CHARS, `expected at most ${MAX_CONSOLE_CHARS} characters of console text`),
);

const runResult = z.strictObject({
  lines: consoleLines,
  error: z.nullable(snippetError),
  graphs: list(graphView, MAX_GRAPHS),
  traces: list(backwardTrace, MAX_TRACES),
  traceCount: count,
  durationMs: z.number().check(z.nonnegative()),
});

const runTag = { runId: positive, nonce: text(64) };
const fromWorker = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('print'), ...runTag, line: consoleLine }),
  z.strictObject({ type: z.literal('done'), ...runTag, result: runResult }),
]);
/** Just enough of a message to know whose it is, before its content is checked. */
const envelope = z.object({ type: z.string().check(z.maxLength(16)), runId: z.optional(positive), nonce: z.optional(text(64)) });

// The schemas and the types the UI reads must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: [Same<z.infer<typeof runResult>, RunResult>, Same<z.infer<typeof consoleLine>, ConsoleLine>] = [true, true];
void schemaMatchesTypes;

export type Parsed = { ok: true; msg: FromWorker } | { ok: false; problem: string };

function describe(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join('.');
  return capText(`${path ? `${path}: ` : ''}${issue.message}`, 300);
}

/** Who a message says it is from: its type, and for a run's message, the run's id and nonce. */
export function messageTag(data: unknown): { type: string; runId?: number; nonce?: string } | null {
  const tag = envelope.safeParse(data);
  return tag.success ? tag.data : null;
}

/** The message as FromWorker when every field is well-formed and within its caps, else the first problem. */
export function parseFromWorker(data: unknown): Parsed {
  const parsed = fromWorker.safeParse(data);
  return parsed.success ? { ok: true, msg: parsed.data as FromWorker } : { ok: false, problem: describe(parsed.error) };
}

/** A run's result checked as the page will check it (the worker checks what it is about to send). */
export function checkResult(result: RunResult): string | null {
  const parsed = runResult.safeParse(result);
  return parsed.success ? null : describe(parsed.error);
}
