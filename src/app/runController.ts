/**
 * Connects the store to the snippet runners: one per language for the page, runs started from the
 * Run button, the shortcut, links and (debounced) typing. Lives outside React: a run is not a render.
 *
 * The Python runner (Pyodide in its workers) is loaded the first time a Python snippet runs, never
 * before: the TypeScript page does not carry it. Each runner numbers its own runs; the page numbers
 * them again, so that a run of either language supersedes the other's.
 */
import { SnippetRunner, type RunCallbacks } from '../runner/client';
import { useStore } from '../store';
import { runSurvived } from './loadGuard';
import type { Language } from '../store/language';

/** How long typing must pause before an automatic run. */
export const AUTO_RUN_DELAY_MS = 400;

let debounce: ReturnType<typeof setTimeout> | null = null;
let pageRunId = 0;
/** The page's latest run, for the load guard (loadGuard.ts). */
let latest: { id: number; source: string } | null = null;
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
      if (id === undefined) return;
      useStore.getState().finishRun(id, result);
      if (latest?.id === id) runSurvived(latest.source);
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

/** Runs the snippet now (the editor's current text and language unless given). */
export function runNow(source: string = useStore.getState().source, language: Language = useStore.getState().language): void {
  cancelScheduledRun();
  const { device, webgpu } = useStore.getState();
  const target = device === 'webgpu' && webgpu.available ? 'webgpu' : 'cpu';
  const id = ++pageRunId;
  latest = { id, source };
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

/** Runs once typing pauses, if auto-run is on (the store's snippet unless given: the embed keeps its own). */
export function scheduleRun(source?: string, language?: Language): void {
  cancelScheduledRun();
  if (!useStore.getState().autoRun) return;
  debounce = setTimeout(() => runNow(source, language), AUTO_RUN_DELAY_MS);
}

export function cancelScheduledRun(): void {
  if (debounce !== null) clearTimeout(debounce);
  debounce = null;
}
