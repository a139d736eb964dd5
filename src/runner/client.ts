/**
 * The page's side of the runner. Each run gets a fresh worker (a spare one is started ahead of
 * time, so a run does not wait for the engine to load), a run id, a secret nonce and a time limit.
 * The workers live in the runner frame (frame.ts), a sandboxed iframe in a process of its own: a
 * snippet that runs out of memory ends that process, the run ends with a message saying so, and a
 * fresh frame takes the next run.
 * A message counts only if it passes the protocol's schema check and carries the id and nonce of
 * the run the page is waiting for: a snippet's forged message or an older run's late answer is
 * dropped. A run past the limit is stopped by terminating its worker; the page never freezes.
 */
import snippetWorkerUrl from './snippet.worker.ts?worker&url';
import { frameUnavailable, spawnFramedWorker, type WorkerFailure, type WorkerLike } from './frame';
import { capText, MAX_CONSOLE_CHARS, MAX_TEXT_CHARS, messageTag, parseFromWorker, type ConsoleLine, type RunResult, type ToWorker } from './protocol';

export const TIME_LIMIT_MS = 5000;
/** How long a run at its time limit waits for a silent runner frame's verdict (frame.ts declares one lost after 1.5 s). */
const VERDICT_WAIT_MS = 2000;
/** Prints reach the page in batches: one render per batch, not one per line of a print flood. */
const PRINT_BATCH_MS = 40;
export const TIMEOUT_MESSAGE = 'Stopped: the snippet ran for more than 5 seconds (an infinite loop?). The runner was restarted.';
export const OUT_OF_MEMORY_MESSAGE = 'Stopped: the snippet ran out of memory (its runner\'s process ended). The runner was restarted.';

export interface RunCallbacks {
  /** A batch of printed lines (one render per batch, however fast the snippet prints). */
  onPrints(runId: number, lines: ConsoleLine[]): void;
  onDone(runId: number, result: RunResult): void;
  /** A worker has loaded and waits for a run (Python mode shows that its runtime is up). */
  onReady?(): void;
}

export type { WorkerLike } from './frame';

type Device = 'cpu' | 'webgpu';

interface Slot {
  worker: WorkerLike;
  /** The device of the runs this worker takes (where it was started depends on it). */
  device: Device;
  ready: boolean;
}

interface Active {
  slot: Slot;
  runId: number;
  nonce: string;
  started: number;
  timer: ReturnType<typeof setTimeout>;
  printedChars: number;
  /** The time limit came while the runner's frame was silent: it was given time to be declared lost. */
  awaitedVerdict?: boolean;
}

/** A module worker in the page itself (the WebGPU runs' place: see startSnippetWorker). */
/** A worker the page starts itself (from its URL, or already started). */
export class PageWorker implements WorkerLike {
  private readonly worker: Worker;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: WorkerFailure) => void) | null = null;

  constructor(from: string | Worker) {
    this.worker = typeof from === 'string' ? new Worker(from, { type: 'module' }) : from;
    this.worker.onmessage = (e) => this.onmessage?.(e);
    this.worker.onerror = (e) => this.onerror?.(e);
  }

  postMessage(msg: unknown): void {
    this.worker.postMessage(msg);
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/**
 * Where a run's worker starts. CPU runs (the default) start in the runner frame, whose process is
 * their own, where a frame can start (else in the page). WebGPU runs start in the page: Chromium offers WebGPU only to a secure context, and a
 * worker that an opaque-origin frame starts (from a blob: script, the only way it can) is not one;
 * those runs keep the page's memory limit (README "Reliability").
 */
export function startSnippetWorker(device: Device): WorkerLike {
  return device === 'webgpu' || frameUnavailable() ? new PageWorker(snippetWorkerUrl) : spawnFramedWorker(snippetWorkerUrl);
}

function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Test hook: how many snippet workers the page's runners have started and stopped. Specs cannot
 * watch them start: the runner frame's workers belong to another process.
 */
export const workerCounts = { started: 0, stopped: 0 };
declare global {
  interface Window {
    gradlabWorkers?: typeof workerCounts;
  }
}
if (typeof window !== 'undefined') window.gradlabWorkers = workerCounts;

export class SnippetRunner {
  private spare: Slot | null = null;
  private active: Active | null = null;
  private pending: { runId: number; source: string; device: Device } | null = null;
  private nextRunId = 1;
  private prints: { runId: number; lines: ConsoleLine[]; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(
    private readonly callbacks: RunCallbacks,
    private readonly createWorker: (device: Device) => WorkerLike = startSnippetWorker,
    private readonly timeLimitMs: number = TIME_LIMIT_MS,
  ) {
    this.spare = this.spawn('cpu');
  }

  /** Starts a run (a newer one replaces one still going) and returns its id. */
  run(source: string, device: Device = 'cpu'): number {
    const runId = this.nextRunId++;
    this.flushPrints();
    if (this.active) this.stopActive();
    this.pending = { runId, source, device };
    // A spare for the other device is of no use to this run: the next ones likely use this device too.
    if (this.spare && this.spare.device !== device) {
      this.spare.worker.terminate();
      this.spare = null;
    }
    this.spare ??= this.spawn(device);
    this.flush();
    return runId;
  }

  /** Stops the run in flight (or waiting for a worker) without a result: its text is stale. */
  cancel(): void {
    this.flushPrints();
    if (this.active) this.stopActive();
    this.pending = null;
  }

  dispose(): void {
    if (this.active) this.stopActive();
    this.spare?.worker.terminate();
    this.spare = null;
    this.pending = null;
  }

  private spawn(device: Device): Slot {
    const worker = this.createWorker(device);
    workerCounts.started++;
    const terminate = worker.terminate.bind(worker);
    worker.terminate = () => {
      workerCounts.stopped++;
      terminate();
    };
    const slot: Slot = { worker, device, ready: false };
    slot.worker.onmessage = (e) => this.receive(slot, e.data);
    slot.worker.onerror = (e) => {
      e.preventDefault();
      this.crashed(slot, e);
    };
    return slot;
  }

  private flush(): void {
    const slot = this.spare;
    if (!this.pending || !slot?.ready) return;
    const { runId, source, device } = this.pending;
    this.pending = null;
    this.spare = this.spawn(device);
    const nonce = newNonce();
    const timer = setTimeout(() => this.timeout(runId), this.timeLimitMs);
    this.active = { slot, runId, nonce, started: performance.now(), timer, printedChars: 0 };
    const msg: ToWorker = { type: 'run', runId, nonce, source, device };
    slot.worker.postMessage(msg);
  }

  private receive(slot: Slot, data: unknown): void {
    const tag = messageTag(data);
    if (!tag) return;
    if (tag.type === 'ready') {
      if (slot !== this.spare || !parseFromWorker(data).ok) return;
      slot.ready = true;
      this.callbacks.onReady?.();
      this.flush();
      return;
    }
    const active = this.active;
    if (!active || slot !== active.slot || tag.runId !== active.runId || tag.nonce !== active.nonce) return;
    // The run's own worker sent it (the nonce is secret): a malformed one ends the run, said plainly.
    const parsed = parseFromWorker(data);
    if (!parsed.ok) {
      this.flushPrints();
      this.stopActive();
      this.callbacks.onDone(active.runId, failed(`The runner sent a malformed answer (${parsed.problem}); the run's results are not shown. A fresh runner takes the next run.`, active.started));
      return;
    }
    const msg = parsed.msg;
    if (msg.type === 'ready') return;
    if (msg.type === 'print') this.bufferPrint(active, msg.line);
    else {
      this.flushPrints();
      this.stopActive();
      this.callbacks.onDone(msg.runId, msg.result);
    }
  }

  private bufferPrint(active: Active, line: ConsoleLine): void {
    // The worker stops printing at MAX_CONSOLE_CHARS; the page holds it to that, whatever arrives.
    active.printedChars += line.text.length;
    if (active.printedChars > MAX_CONSOLE_CHARS + MAX_TEXT_CHARS) return;
    this.prints ??= { runId: active.runId, lines: [], timer: setTimeout(() => this.flushPrints(), PRINT_BATCH_MS) };
    this.prints.lines.push(line);
  }

  private flushPrints(): void {
    const batch = this.prints;
    if (!batch) return;
    clearTimeout(batch.timer);
    this.prints = null;
    this.callbacks.onPrints(batch.runId, batch.lines);
  }

  private timeout(runId: number): void {
    const active = this.active;
    if (active?.runId !== runId) return;
    // A runner whose process is going silent (out of memory, most likely) gets its verdict first:
    // the student is told what happened, not that the snippet looped.
    if (!active.awaitedVerdict && active.slot.worker.silent?.()) {
      active.awaitedVerdict = true;
      active.timer = setTimeout(() => this.timeout(runId), VERDICT_WAIT_MS);
      return;
    }
    this.flushPrints();
    this.stopActive();
    // A snippet stopped mid-run may leave its runner's process near its memory limit (a memory
    // bomb the watchdog caught): the next runs start in a fresh one.
    active.slot.worker.retireHost?.();
    const result = failed(TIMEOUT_MESSAGE, active.started);
    result.error = { kind: 'timeout', message: TIMEOUT_MESSAGE, line: null, col: null };
    this.callbacks.onDone(runId, result);
  }

  /**
   * A worker died: its run ends with the reason (out of memory when its frame's process ended); a
   * lost spare is replaced at once, so the next run finds one warm.
   */
  private crashed(slot: Slot, failure: WorkerFailure): void {
    // A worker whose script never loaded (offline, a file gone after a new deployment, a blocked
    // script) reports an error without a message.
    const reason = failure.message ? capText(failure.message, 2000) : 'the worker stopped without a message, as one whose script could not be loaded does (offline, or the site changed since this page opened: reload the page)';
    const active = this.active;
    if (active && slot === active.slot) {
      this.flushPrints();
      this.stopActive();
      const message = failure.lost ? OUT_OF_MEMORY_MESSAGE : `The runner failed: ${reason} (a fresh runner takes the next run).`;
      this.callbacks.onDone(active.runId, failed(message, active.started));
    } else if (slot === this.spare) {
      slot.worker.terminate();
      this.spare = null;
      // Its frame ended, or no frame can start here (a page worker takes its place): a fresh spare.
      if (failure.lost || failure.unavailable) {
        this.spare = this.spawn(slot.device);
        this.flush();
      } else if (this.pending) {
        const { runId } = this.pending;
        this.pending = null;
        this.callbacks.onDone(runId, failed(`The runner could not start: ${reason}.`, performance.now()));
      }
    }
  }

  /** Each worker runs one snippet: once its run ends or is replaced, the worker goes. */
  private stopActive(): void {
    const active = this.active;
    if (!active) return;
    clearTimeout(active.timer);
    active.slot.worker.terminate();
    this.active = null;
  }
}

/** A result for a run that ended without the worker's answer: what was printed stays on screen. */
function failed(message: string, started: number): RunResult {
  return {
    lines: [],
    error: { kind: 'runtime', message, line: null, col: null },
    graphs: [],
    traces: [],
    traceCount: 0,
    durationMs: performance.now() - started,
  };
}
