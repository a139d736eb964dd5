/**
 * The snippet worker: holds the engine and runs one student's snippet away from the page (no
 * DOM, cookies or storage here). Each worker runs a single snippet and is then thrown away, so
 * nothing a snippet leaves behind (timers, patched globals) reaches the next run. Prints are
 * posted as they happen, so a later infinite loop still shows them; the page stops a run that
 * takes too long by terminating this worker.
 */
import { capText, checkResult, type FromWorker, type RunResult, type ToWorker } from './protocol';
import { executeSnippet, thrownText } from './execute';
import { lockDown } from './sandbox';

// Captured before the lockdown removes them from the global scope: only this module can post.
const postMessage = self.postMessage.bind(self) as (msg: FromWorker) => void;
const setTimer = self.setTimeout.bind(self);

// What the snippet's own callbacks throw reaches the worker's global scope, and, uncancelled, the
// page as the worker's failure: caught here first (before any snippet could listen), it is the
// snippet's error. After the run it is dropped: the worker is about to go.
const uncaught: { value: unknown }[] = [];
self.addEventListener('error', (e) => {
  e.preventDefault();
  uncaught.push({ value: e.error ?? e.message });
});
self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  uncaught.push({ value: e.reason });
});
lockDown(self);

type Tagged = Extract<FromWorker, { runId: number }>;
type Untagged<T> = T extends Tagged ? Omit<T, 'runId' | 'nonce'> : never;

let started = false;

/** A run that ended without results, and why (the page keeps the lines already printed). */
function failed(message: string, startedAt: number): RunResult {
  return { lines: [], error: { kind: 'runtime', message: capText(message), line: null, col: null }, graphs: [], traces: [], traceCount: 0, durationMs: performance.now() - startedAt };
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (started || msg?.type !== 'run' || typeof msg.source !== 'string') return;
  started = true;
  // The run's nonce lives only in this closure: the snippet can neither read nor reuse it.
  const { runId, nonce } = msg;
  const post = (m: Untagged<Tagged>) => postMessage({ ...m, runId, nonce } as Tagged);
  const device = msg.device === 'webgpu' ? 'webgpu' : 'cpu';
  const startedAt = performance.now();
  let result: RunResult;
  try {
    // Two turns: the browser reports a promise rejected in one task from a task of its own after it.
    const turn = () => new Promise<void>((resolve) => setTimer(resolve, 0));
    const settle = () => turn().then(turn);
    result = await executeSnippet(msg.source, (line) => post({ type: 'print', line }), { device, settle, uncaught: () => uncaught });
  } catch (err) {
    // The snippet may have broken something the runner uses after it (a patched built-in).
    result = failed(`The runner could not collect the run's results: ${thrownText(err)}`, startedAt);
  }
  // The page checks every message against this schema and refuses what fails it: say why here.
  const problem = checkResult(result);
  if (problem) result = failed(`The run's results could not be sent to the page: ${problem}`, startedAt);
  try {
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'done', result: failed(`The run's results could not be sent to the page: ${thrownText(err)}`, startedAt) });
  }
};

postMessage({ type: 'ready' });
