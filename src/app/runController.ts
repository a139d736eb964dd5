/**
 * Connects the store to the snippet runners: one per language for the page, runs started from the
 * Run button, the shortcut, links and typing. Lives outside React: a run is not a render.
 *
 * The Python runner (Pyodide in its workers) is loaded the first time a Python snippet runs, never
 * before: the TypeScript page does not carry it. Each runner numbers its own runs; the page numbers
 * them again, so that a run of either language supersedes the other's.
 *
 * Typing: each TypeScript edit is parsed first (on the page, a few milliseconds); code that does
 * not parse starts no run, and the run still going for the text before it is stopped (its result
 * would be stale). Code that parses runs at once when the last run was fast, otherwise once typing
 * pauses; a newer edit replaces the run in flight. A syntax error, or a run from typing that failed
 * before drawing anything, is shown when the typing pauses, not at every half-typed keystroke; a
 * graph is shown as soon as it is ready. (Python is not parsed on the page: Pyodide is the parser.)
 */
import { SnippetRunner, type RunCallbacks } from '../runner/client';
import type { RunResult, SnippetError } from '../runner/protocol';
import { useStore } from '../store';
import type { Language } from '../store/language';
import { runSurvived } from './loadGuard';

/** How long typing must pause before an automatic run, when the last run was slow. */
export const AUTO_RUN_DELAY_MS = 400;
/** A run that took at most this long (in the worker) lets the next edit run at once. */
export const FAST_RUN_MS = 500;
/** An error from typing waits for this pause after the last keystroke. */
export const ERROR_PAUSE_MS = 600;

type Parser = (source: string) => SnippetError | null;

let debounce: ReturnType<typeof setTimeout> | null = null;
let held: ReturnType<typeof setTimeout> | null = null;
let lastEditAt = -Infinity;
let lastRunFast = false;
let parser: Parser | null = null;

let pageRunId = 0;
/** The run being waited for (the page's id), whether typing started it, and its text (for the load guard). */
let current: { id: number; auto: boolean; source: string } | null = null;
/** The page's id of each runner's run, by runner and the runner's own id. */
const pageIds = new Map<SnippetRunner, Map<number, number>>();
const runners: Partial<Record<Language, SnippetRunner>> = {};
/** Whether a language's runner has had a worker ready: until then a run waits for it to load. */
const everReady: Partial<Record<Language, boolean>> = {};
let pythonRunner: Promise<SnippetRunner> | null = null;

function callbacksFor(language: Language, runner: () => SnippetRunner | undefined): RunCallbacks {
  const pageId = (id: number) => {
    const r = runner();
    return r ? pageIds.get(r)?.get(id) : undefined;
  };
  return {
    onPrints: (runId, lines) => {
      const id = pageId(runId);
      if (id !== undefined) useStore.getState().appendLines(id, lines);
    },
    onDone: (runId, result) => {
      const id = pageId(runId);
      if (id !== undefined) done(id, result);
    },
    onReady: () => {
      everReady[language] = true;
      useStore.getState().setStarting(null);
    },
  };
}

function typescriptRunner(): SnippetRunner {
  return (runners.typescript ??= new SnippetRunner(callbacksFor('typescript', () => runners.typescript)));
}

/**
 * Starts loading Python ahead of a run (the pointer is on the Python switch): the runner's spare
 * worker begins fetching and starting Pyodide while the student clicks.
 */
export function preloadPython(): void {
  void loadPythonRunner().catch(() => undefined);
}

/** The Python runner, its code fetched on first use. */
function loadPythonRunner(): Promise<SnippetRunner> {
  pythonRunner ??= import('../python/runner').then(({ createPythonRunner }) => (runners.python = createPythonRunner(callbacksFor('python', () => runners.python))));
  return pythonRunner;
}

function start(runner: SnippetRunner, id: number, source: string, device: 'cpu' | 'webgpu'): void {
  // A newer run started while the runner was loading: this one is already superseded.
  if (id !== pageRunId) return;
  const own = runner.run(source, device);
  let ids = pageIds.get(runner);
  if (!ids) pageIds.set(runner, (ids = new Map()));
  ids.clear();
  ids.set(own, id);
}

/** Stops every run in flight without a result (its text is stale). */
function cancelRuns(): void {
  for (const r of Object.values(runners)) r?.cancel();
}

const explicitRunListeners = new Set<() => void>();

/** Calls `fn` when a run asked for by the student (not by typing) has shown its result. */
export function afterExplicitRun(fn: () => void): () => void {
  explicitRunListeners.add(fn);
  return () => explicitRunListeners.delete(fn);
}

function done(id: number, result: RunResult): void {
  performance.mark('run: done', { detail: id });
  const run = current?.id === id ? current : null;
  if (run) {
    // The run's own time (a wait for the spare worker to start is not the snippet's doing).
    lastRunFast = result.durationMs <= FAST_RUN_MS;
    runSurvived(run.source);
  }
  if (run && !run.auto) queueMicrotask(() => explicitRunListeners.forEach((fn) => fn()));
  // A run from typing that failed before drawing anything (a half-typed line, usually) would
  // show the old graph as stale at every keystroke: it waits for a pause. One that drew a graph
  // shows at once, its error with it.
  const wait = lastEditAt + ERROR_PAUSE_MS - performance.now();
  if (run?.auto && result.error && result.graphs.length === 0 && result.traces.length === 0 && wait > 0) {
    clearHeld();
    held = setTimeout(() => useStore.getState().finishRun(id, result), wait);
    return;
  }
  useStore.getState().finishRun(id, result);
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

/** Runs the snippet now (the editor's current text and language unless given); `auto`: typing asked. */
export function runNow(source: string = useStore.getState().source, language: Language = useStore.getState().language, auto = false): void {
  cancelScheduledRun();
  if (language === 'typescript') loadParser();
  const { device, webgpu } = useStore.getState();
  const target = device === 'webgpu' && webgpu.available ? 'webgpu' : 'cpu';
  const id = ++pageRunId;
  current = { id, auto, source };
  useStore.getState().startRun(id);
  if (language === 'typescript') {
    start(typescriptRunner(), id, source, target);
    return;
  }
  if (!everReady.python) useStore.getState().setStarting('python');
  loadPythonRunner().then(
    (runner) => start(runner, id, source, target),
    (e: unknown) => {
      useStore.getState().setStarting(null);
      const message = `Python could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      useStore.getState().finishRun(id, { lines: [], error: { kind: 'runtime', message, line: null, col: null }, graphs: [], traces: [], traceCount: 0, durationMs: 0 });
    },
  );
}

/** An edit (the store's snippet and language unless given: the embed keeps its own): parse, then run as above. */
export function scheduleRun(source?: string, language?: Language): void {
  cancelScheduledRun();
  lastEditAt = performance.now();
  if (!useStore.getState().autoRun) return;
  const text = source ?? useStore.getState().source;
  const lang = language ?? useStore.getState().language;
  if (lang === 'typescript') {
    loadParser();
    const error = parser?.(text) ?? null;
    if (error) {
      cancelRuns();
      debounce = setTimeout(() => showSyntaxError(error), ERROR_PAUSE_MS);
      return;
    }
  }
  if (lastRunFast) runNow(text, lang, true);
  else debounce = setTimeout(() => runNow(text, lang, true), AUTO_RUN_DELAY_MS);
}

/** The parse error of code typed and left: shown as a run's, though no run was started. */
function showSyntaxError(error: SnippetError): void {
  debounce = null;
  cancelRuns();
  const id = ++pageRunId;
  current = null;
  const line = { kind: 'error' as const, text: error.message, ...(error.line !== null ? { line: error.line } : {}), ...(error.col !== null ? { col: error.col } : {}) };
  useStore.getState().startRun(id);
  useStore.getState().finishRun(id, { lines: [line], error, graphs: [], traces: [], traceCount: 0, durationMs: 0 });
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
