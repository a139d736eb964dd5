import type { BackwardTrace } from '../../engine/viz';
import type { ConsoleLine, GraphView, RunResult, SnippetError } from '../runner/protocol';
import type { SliceCreator } from './types';
import type { Language } from './language';

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

export interface RunSlice {
  status: RunStatus;
  /** The run whose messages are shown; messages of any other run are ignored. */
  runId: number;
  lines: ConsoleLine[];
  error: SnippetError | null;
  graphs: GraphView[];
  selectedGraph: number;
  traces: BackwardTrace[];
  traceCount: number;
  durationMs: number | null;
  /**
   * How many runs in a row have failed before drawing anything since the graphs shown were drawn:
   * 0 when they are the current code's; otherwise they are an older run's, kept (with its
   * backward traces) and marked as such.
   */
  staleRuns: number;
  /** The error of the last run when it stopped before drawing anything (null once a run draws). */
  failedBeforeGraph: SnippetError | null;
  /** A language runtime loading before the run can start (Python's, the first time). */
  starting: Language | null;
  setStarting(language: Language | null): void;
  startRun(runId: number): void;
  appendLines(runId: number, lines: readonly ConsoleLine[]): void;
  finishRun(runId: number, result: RunResult): void;
  selectGraph(index: number): void;
}

export const createRunSlice: SliceCreator<RunSlice> = (set, get) => ({
  status: 'idle',
  runId: 0,
  lines: [],
  error: null,
  graphs: [],
  selectedGraph: 0,
  traces: [],
  traceCount: 0,
  durationMs: null,
  staleRuns: 0,
  failedBeforeGraph: null,
  starting: null,
  setStarting: (starting) => set({ starting }),
  // The previous run's graphs stay until the new ones arrive: no flash of an empty canvas.
  startRun: (runId) => set({ runId, status: 'running', lines: [], error: null }),
  appendLines: (runId, lines) => {
    if (runId !== get().runId || lines.length === 0) return;
    set((s) => ({ lines: [...s.lines, ...lines] }));
  },
  finishRun: (runId, result) => {
    const s = get();
    if (runId !== s.runId) return;
    // A run stopped from outside (time limit, crashed worker) has no lines of its own: keep
    // what it printed before, then say why it stopped.
    const lines = result.lines.length > 0 || !result.error ? result.lines : [...s.lines, { kind: 'error' as const, text: result.error.message }];
    const drewNothing = result.error !== null && result.graphs.length === 0 && result.traces.length === 0;
    const base = { status: result.error ? ('error' as const) : ('done' as const), lines, error: result.error, durationMs: result.durationMs, failedBeforeGraph: drewNothing ? result.error : null };
    // A failed run that drew nothing keeps the last graph (and its backward) on screen, marked old.
    if (drewNothing && s.graphs.length > 0) {
      set({ ...base, staleRuns: s.staleRuns + 1 });
      return;
    }
    const prev = s.graphs[s.selectedGraph];
    const keep = prev ? result.graphs.findIndex((g) => g.title === prev.title) : -1;
    set({
      ...base,
      graphs: result.graphs,
      selectedGraph: keep >= 0 ? keep : 0,
      traces: result.traces,
      traceCount: result.traceCount,
      staleRuns: 0,
    });
  },
  selectGraph: (selectedGraph) => set({ selectedGraph, selectedId: null }),
});
