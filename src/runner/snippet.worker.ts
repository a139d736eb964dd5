/**
 * The snippet worker: holds the engine and runs the student's code away from the page (no DOM,
 * cookies or storage here). Prints are posted as they happen, so a later infinite loop still
 * shows them; the page stops a run that takes too long by terminating this worker.
 */
import type { FromWorker, ToWorker } from './protocol';
import { executeSnippet } from './execute';

const post = (msg: FromWorker) => self.postMessage(msg);

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type !== 'run') return;
  const result = executeSnippet(msg.source, (line) => post({ type: 'print', runId: msg.runId, line }));
  post({ type: 'done', runId: msg.runId, result });
};

post({ type: 'ready' });
