/**
 * Connects the store to the snippet runner: one runner for the page, runs started from the Run
 * button, the shortcut, links and (debounced) typing. Lives outside React: a run is not a render.
 */
import { SnippetRunner } from '../runner/client';
import { useStore } from '../store';
import { runSurvived } from './loadGuard';

/** How long typing must pause before an automatic run. */
export const AUTO_RUN_DELAY_MS = 400;

let runner: SnippetRunner | null = null;
let debounce: ReturnType<typeof setTimeout> | null = null;
let latest: { runId: number; source: string } | null = null;

function getRunner(): SnippetRunner {
  runner ??= new SnippetRunner({
    onPrints: (runId, lines) => useStore.getState().appendLines(runId, lines),
    onDone: (runId, result) => {
      useStore.getState().finishRun(runId, result);
      if (latest?.runId === runId) runSurvived(latest.source);
    },
  });
  return runner;
}

/** Runs the snippet now (the editor's current text unless given). */
export function runNow(source: string = useStore.getState().source): void {
  cancelScheduledRun();
  const { device, webgpu } = useStore.getState();
  const runId = getRunner().run(source, device === 'webgpu' && webgpu.available ? 'webgpu' : 'cpu');
  latest = { runId, source };
  useStore.getState().startRun(runId);
}

/** Runs once typing pauses, if auto-run is on (the store's snippet unless given: the embed keeps its own). */
export function scheduleRun(source?: string): void {
  cancelScheduledRun();
  if (!useStore.getState().autoRun) return;
  debounce = setTimeout(() => runNow(source), AUTO_RUN_DELAY_MS);
}

export function cancelScheduledRun(): void {
  if (debounce !== null) clearTimeout(debounce);
  debounce = null;
}
