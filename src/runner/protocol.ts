/**
 * What the page and the snippet worker say to each other. Everything here is plain,
 * structured-clone-safe data: the UI never sees engine objects.
 */
import type { GraphModel, GraphSnapshot, BackwardTrace, TensorValues } from '../../engine/viz';

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
 * reach and stamps it on each message of that run. The page drops any message that is not
 * well-formed, not of the run it is waiting for, or without that run's nonce.
 */
export type ToWorker = { type: 'run'; runId: number; nonce: string; source: string; device?: 'cpu' | 'webgpu' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'print'; runId: number; nonce: string; line: ConsoleLine }
  | { type: 'done'; runId: number; nonce: string; result: RunResult };

// ---- validation: a small hand-written schema check of what arrives from the worker -------------

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isLineNumber: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const orNull = (check: Check): Check => (v) => v === null || check(v);
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
function shape(fields: Record<string, Check>): Check {
  return (v) => isObject(v) && Object.entries(fields).every(([k, check]) => check(v[k]));
}

const consoleLine = shape({ kind: oneOf('out', 'error', 'notice'), text: isString, line: optional(isLineNumber), col: optional(isLineNumber) });
const snippetError = shape({ kind: oneOf('syntax', 'runtime', 'timeout'), message: isString, line: orNull(isLineNumber), col: orNull(isLineNumber) });
const vizNode = shape({ id: isString, kind: oneOf('leaf', 'op', 'output', 'saved'), label: isString, fillcolor: isString, order: isNumber, freed: optional((v) => v === true) });
const vizEdge = shape({ from: isString, to: isString, order: isNumber });
const graphView = shape({
  id: isString,
  title: isString,
  model: shape({ nodes: arrayOf(vizNode), edges: arrayOf(vizEdge), size: isString }),
  snapshot: shape({ roots: arrayOf(isNumber), nodes: Array.isArray, tensors: Array.isArray }),
  nodeLines: (v) => isObject(v) && Object.values(v).every(isLineNumber),
  truncated: optional(shape({ shown: isNumber, total: isNumber })),
});
const runResult = shape({
  lines: arrayOf(consoleLine),
  error: orNull(snippetError),
  graphs: arrayOf(graphView),
  traces: Array.isArray,
  traceCount: isNumber,
  durationMs: isNumber,
});
const runTag = { runId: (v: unknown) => Number.isInteger(v) && (v as number) > 0, nonce: isString };
const fromWorker: Record<FromWorker['type'], Check> = {
  ready: shape({}),
  print: shape({ ...runTag, line: consoleLine }),
  done: shape({ ...runTag, result: runResult }),
};

/** The message as FromWorker when it is one, else null. */
export function parseFromWorker(data: unknown): FromWorker | null {
  if (!isObject(data) || typeof data.type !== 'string' || !Object.hasOwn(fromWorker, data.type)) return null;
  return fromWorker[data.type as FromWorker['type']](data) ? (data as FromWorker) : null;
}
