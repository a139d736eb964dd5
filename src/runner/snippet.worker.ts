/**
 * The snippet worker: holds the engine and runs one student's snippet away from the page (no
 * DOM, cookies or storage here). Each worker runs a single snippet and is then thrown away, so
 * nothing a snippet leaves behind (timers, patched globals) reaches the next run. Prints are
 * posted as they happen, so a later infinite loop still shows them; the page stops a run that
 * takes too long by terminating this worker.
 */
import type { FromWorker, ToWorker } from './protocol';
import { executeSnippet } from './execute';
import { lockDown } from './sandbox';

// Captured before the lockdown removes them from the global scope: only this module can post.
const postMessage = self.postMessage.bind(self) as (msg: FromWorker) => void;
const setTimer = self.setTimeout.bind(self);
lockDown(self);

type Tagged = Extract<FromWorker, { runId: number }>;
type Untagged<T> = T extends Tagged ? Omit<T, 'runId' | 'nonce'> : never;

let started = false;

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (started || msg?.type !== 'run' || typeof msg.source !== 'string') return;
  started = true;
  // The run's nonce lives only in this closure: the snippet can neither read nor reuse it.
  const { runId, nonce } = msg;
  const post = (m: Untagged<Tagged>) => postMessage({ ...m, runId, nonce } as Tagged);
  const device = msg.device === 'webgpu' ? 'webgpu' : 'cpu';
  const result = await executeSnippet(msg.source, (line) => post({ type: 'print', line }), { device });
  // Promise jobs the snippet queued (async functions) run now: their prints still count, and an
  // endless loop among them meets the page's time limit instead of hanging a finished run.
  await new Promise((resolve) => setTimer(resolve, 0));
  try {
    post({ type: 'done', result });
  } catch (err) {
    const message = `The run's result could not be sent to the page: ${err instanceof Error ? err.message : String(err)}`;
    post({ type: 'done', result: { ...result, lines: [...result.lines, { kind: 'error', text: message }], graphs: [], traces: [], error: { kind: 'runtime', message, line: null, col: null } } });
  }
};

postMessage({ type: 'ready' });
