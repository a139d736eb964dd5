/**
 * The page's side of the runner: one worker at a time, a time limit per run, and run ids so that
 * an older run's messages never land on a newer one. A run past the limit is stopped by
 * terminating the worker; a fresh one takes its place, so the page never freezes.
 */
import SnippetWorker from './snippet.worker.ts?worker';
import type { ConsoleLine, FromWorker, RunResult } from './protocol';

export const TIME_LIMIT_MS = 5000;
export const TIMEOUT_MESSAGE = 'Stopped: the snippet ran for more than 5 seconds (an infinite loop?). The runner was restarted.';

export interface RunCallbacks {
  onPrint(runId: number, line: ConsoleLine): void;
  onDone(runId: number, result: RunResult): void;
}

export class SnippetRunner {
  private worker: Worker | null = null;
  private ready = false;
  private pending: { runId: number; source: string } | null = null;
  private current: { runId: number; started: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextRunId = 1;

  constructor(private readonly callbacks: RunCallbacks) {
    this.start();
  }

  /** Starts a run (a newer one replaces one still going) and returns its id. */
  run(source: string): number {
    const runId = this.nextRunId++;
    if (this.current) this.restart();
    this.pending = { runId, source };
    this.flush();
    return runId;
  }

  dispose(): void {
    this.clearTimer();
    this.worker?.terminate();
    this.worker = null;
  }

  private start(): void {
    this.ready = false;
    const worker = new SnippetWorker();
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(worker, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      if (worker !== this.worker || !this.current) return;
      const { runId, started } = this.current;
      this.finishCurrent();
      this.callbacks.onDone(runId, failure(`The runner failed: ${e.message || 'unknown error'}`, started));
      this.restart();
    };
    this.worker = worker;
  }

  /** A run still going holds the worker: the only way to stop it is a fresh worker. */
  private restart(): void {
    this.clearTimer();
    this.current = null;
    this.worker?.terminate();
    this.start();
  }

  private flush(): void {
    if (!this.ready || !this.pending || !this.worker) return;
    const { runId, source } = this.pending;
    this.pending = null;
    this.current = { runId, started: performance.now() };
    this.worker.postMessage({ type: 'run', runId, source });
    this.timer = setTimeout(() => this.timeout(runId), TIME_LIMIT_MS);
  }

  private timeout(runId: number): void {
    if (this.current?.runId !== runId) return;
    const { started } = this.current;
    this.restart();
    const result = failure(TIMEOUT_MESSAGE, started);
    result.error = { kind: 'timeout', message: TIMEOUT_MESSAGE, line: null, col: null };
    this.callbacks.onDone(runId, result);
  }

  private receive(worker: Worker, msg: FromWorker): void {
    if (worker !== this.worker) return;
    if (msg.type === 'ready') {
      this.ready = true;
      this.flush();
    } else if (msg.runId === this.current?.runId) {
      if (msg.type === 'print') this.callbacks.onPrint(msg.runId, msg.line);
      else {
        this.finishCurrent();
        this.callbacks.onDone(msg.runId, msg.result);
      }
    }
  }

  private finishCurrent(): void {
    this.clearTimer();
    this.current = null;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** A result for a run that ended without the worker's answer: what was printed stays on screen. */
function failure(message: string, started: number): RunResult {
  return {
    lines: [],
    error: { kind: 'runtime', message, line: null, col: null },
    graphs: [],
    traces: [],
    traceCount: 0,
    durationMs: performance.now() - started,
  };
}
