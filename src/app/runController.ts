/**
 * Connects the store to the snippet runner: one runner for the page, runs started from the Run
 * button, the shortcut, links and typing. Lives outside React: a run is not a render.
 *
 * Typing: each edit is parsed first (on the page, a few milliseconds); code that does not parse
 * starts no run, and the run still going for the text before it is stopped (its result would be
 * stale). Code that parses runs at once when the last run was fast, otherwise once typing pauses;
 * a newer edit replaces the run in flight. A syntax error, or a run from typing that failed before
 * drawing anything, is shown when the typing pauses, not at every half-typed keystroke; a graph
 * is shown as soon as it is ready.
 */
import { SnippetRunner } from '../runner/client';
import type { RunResult, SnippetError } from '../runner/protocol';
import { useStore } from '../store';

/** How long typing must pause before an automatic run, when the last run was slow. */
export const AUTO_RUN_DELAY_MS = 400;
/** A run that took at most this long (in the worker) lets the next edit run at once. */
export const FAST_RUN_MS = 500;
/** An error from typing waits for this pause after the last keystroke. */
export const ERROR_PAUSE_MS = 600;

type Parser = (source: string) => SnippetError | null;

let runner: SnippetRunner | null = null;
let debounce: ReturnType<typeof setTimeout> | null = null;
let held: ReturnType<typeof setTimeout> | null = null;
let lastEditAt = -Infinity;
let lastRunFast = false;
let parser: Parser | null = null;
/** The run being waited for, and whether typing started it. */
let current: { runId: number; auto: boolean } | null = null;

function getRunner(): SnippetRunner {
  runner ??= new SnippetRunner({
    onPrint: (runId, line) => useStore.getState().appendLine(runId, line),
    onDone: done,
  });
  return runner;
}

const explicitRunListeners = new Set<() => void>();

/** Calls `fn` when a run asked for by the student (not by typing) has shown its result. */
export function afterExplicitRun(fn: () => void): () => void {
  explicitRunListeners.add(fn);
  return () => explicitRunListeners.delete(fn);
}

function done(runId: number, result: RunResult): void {
  performance.mark('run: done', { detail: runId });
  const run = current?.runId === runId ? current : null;
  // The run's own time (a wait for the spare worker to start is not the snippet's doing).
  if (run) lastRunFast = result.durationMs <= FAST_RUN_MS;
  if (run && !run.auto) queueMicrotask(() => explicitRunListeners.forEach((fn) => fn()));
  // A run from typing that failed before drawing anything (a half-typed line, usually) would
  // show the old graph as stale at every keystroke: it waits for a pause. One that drew a graph
  // shows at once, its error with it.
  const wait = lastEditAt + ERROR_PAUSE_MS - performance.now();
  if (run?.auto && result.error && result.graphs.length === 0 && result.traces.length === 0 && wait > 0) {
    clearHeld();
    held = setTimeout(() => useStore.getState().finishRun(runId, result), wait);
    return;
  }
  useStore.getState().finishRun(runId, result);
}

let parserLoading = false;

/** The page's syntax check (Sucrase, as the worker transpiles), loaded with the first run. */
function loadParser(): void {
  if (parserLoading) return;
  parserLoading = true;
  void import('../runner/transpile').then(({ transpile }) => {
    parser = (source) => {
      const t = transpile(source);
      return t.ok ? null : t.error;
    };
  });
}

/** Runs the snippet now (the editor's current text unless given). */
export function runNow(source: string = useStore.getState().source, auto = false): void {
  cancelScheduledRun();
  loadParser();
  const { device, webgpu } = useStore.getState();
  const runId = getRunner().run(source, device === 'webgpu' && webgpu.available ? 'webgpu' : 'cpu');
  current = { runId, auto };
  useStore.getState().startRun(runId);
}

/** An edit (the store's snippet unless given: the embed keeps its own): parse, then run as above. */
export function scheduleRun(source?: string): void {
  cancelScheduledRun();
  lastEditAt = performance.now();
  if (!useStore.getState().autoRun) return;
  const text = source ?? useStore.getState().source;
  loadParser();
  const error = parser?.(text) ?? null;
  if (error) {
    getRunner().cancel();
    debounce = setTimeout(() => showSyntaxError(error), ERROR_PAUSE_MS);
    return;
  }
  if (lastRunFast) runNow(text, true);
  else debounce = setTimeout(() => runNow(text, true), AUTO_RUN_DELAY_MS);
}

/** The parse error of code typed and left: shown as a run's, though no run was started. */
function showSyntaxError(error: SnippetError): void {
  debounce = null;
  const runId = getRunner().skip();
  current = null;
  const line = { kind: 'error' as const, text: error.message, ...(error.line !== null ? { line: error.line } : {}), ...(error.col !== null ? { col: error.col } : {}) };
  useStore.getState().startRun(runId);
  useStore.getState().finishRun(runId, { lines: [line], error, graphs: [], traces: [], traceCount: 0, durationMs: 0 });
}

function clearHeld(): void {
  if (held !== null) clearTimeout(held);
  held = null;
}

export function cancelScheduledRun(): void {
  if (debounce !== null) clearTimeout(debounce);
  debounce = null;
  clearHeld();
}
