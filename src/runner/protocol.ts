/**
 * What the page and the snippet worker say to each other. Everything here is plain,
 * structured-clone-safe data: the UI never sees engine objects.
 */
import type { GraphModel, GraphSnapshot, BackwardTrace } from '../../engine/viz';

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

export type ToWorker = { type: 'run'; runId: number; source: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'print'; runId: number; line: ConsoleLine }
  | { type: 'done'; runId: number; result: RunResult };
