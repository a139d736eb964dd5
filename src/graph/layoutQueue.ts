/**
 * The layout worker's queue: one layout at a time, each with a time budget. A layout past its
 * budget (a hostile or huge graph: dot can take minutes on a tangled one) is stopped by replacing
 * the worker, so it never blocks the layouts after it; its caller is told (LayoutOverBudget) and
 * may lay out less. A layout nobody waits for any more (a newer graph replaced it) gets a short
 * grace to finish, then the same treatment. Data in, data out: the worker comes from `createWorker`.
 */
import type { LayoutReply, LayoutRequest } from './layoutProtocol';

/** What the queue needs of the layout worker (tests pass a fake). */
export interface LayoutWorkerLike {
  postMessage(msg: LayoutRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<LayoutReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export type LayoutResult = Extract<LayoutReply, { layout: unknown }>;

/** A superseded layout still running gets this long before its worker is replaced. */
export const ABANDON_GRACE_MS = 1000;

export class LayoutOverBudget extends Error {
  override name = 'LayoutOverBudget';
  constructor(readonly budgetMs: number) {
    super(`the layout took more than ${Math.round(budgetMs / 1000)} s`);
  }
}

interface Job {
  id: number;
  dot: string;
  budgetMs: number;
  /** How many callers still wait for it: at 0 it is abandoned. */
  waiters: number;
  done: Promise<LayoutResult>;
  resolve(result: LayoutResult): void;
  reject(error: Error): void;
}

export class LayoutQueue {
  private worker: LayoutWorkerLike | null = null;
  private readonly queue: Job[] = [];
  /** Jobs queued or running, by their DOT: a second caller of the same graph joins the first. */
  private readonly jobs = new Map<string, Job>();
  private running: { job: Job; since: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private nextId = 0;

  constructor(private readonly createWorker: () => LayoutWorkerLike) {}

  /** True while no layout runs or waits (warm-ups are sent only then). */
  get idle(): boolean {
    return !this.running && this.queue.length === 0;
  }

  /** Lays out `dot` within `budgetMs`; the caller may stop waiting through `signal`. */
  submit(dot: string, budgetMs: number, signal?: AbortSignal): Promise<LayoutResult> {
    let job = this.jobs.get(dot);
    if (job) job.waiters++;
    else {
      let settle!: Pick<Job, 'resolve' | 'reject'>;
      const done = new Promise<LayoutResult>((resolve, reject) => (settle = { resolve, reject }));
      const created: Job = { id: this.nextId++, dot, budgetMs, waiters: 1, done, ...settle };
      done.then(
        () => this.jobs.delete(dot),
        () => this.jobs.get(dot) === created && this.jobs.delete(dot),
      );
      job = created;
      this.jobs.set(dot, job);
      this.queue.push(job);
      this.pump();
    }
    const joined = job;
    return new Promise<LayoutResult>((resolve, reject) => {
      joined.done.then(resolve, reject);
      signal?.addEventListener(
        'abort',
        () => {
          reject(new DOMException('the layout is no longer needed', 'AbortError'));
          this.abandon(joined);
        },
        { once: true },
      );
    });
  }

  /** Starts the worker ahead of the first layout. */
  start(): void {
    this.workerNow();
  }

  private workerNow(): LayoutWorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e) => this.receive(w, e.data);
    w.onerror = (e) => {
      // A worker that failed to start fails what it was doing; the next layout starts a fresh one.
      e.preventDefault();
      if (this.worker !== w) return;
      this.replaceWorker();
      const running = this.running;
      this.running = null;
      if (running) {
        clearTimeout(running.timer);
        running.job.reject(new Error(e.message || 'the layout worker failed'));
      }
      this.pump();
    };
    this.worker = w;
    return w;
  }

  private replaceWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    const timer = setTimeout(() => this.overBudget(job), job.budgetMs);
    this.running = { job, since: performance.now(), timer };
    this.workerNow().postMessage({ id: job.id, dot: job.dot });
  }

  private receive(from: LayoutWorkerLike, reply: LayoutReply): void {
    const running = this.running;
    if (from !== this.worker || !running || reply.id !== running.job.id) return;
    clearTimeout(running.timer);
    this.running = null;
    if ('error' in reply) running.job.reject(new Error(reply.error));
    else running.job.resolve(reply);
    this.pump();
  }

  private overBudget(job: Job): void {
    if (this.running?.job !== job) return;
    this.running = null;
    this.replaceWorker();
    job.reject(new LayoutOverBudget(job.budgetMs));
    this.pump();
  }

  private abandon(job: Job): void {
    if (--job.waiters > 0) return;
    this.jobs.delete(job.dot);
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(new DOMException('the layout is no longer needed', 'AbortError'));
    } else if (this.running?.job === job) {
      const running = this.running;
      const left = running.since + job.budgetMs - performance.now();
      if (left > ABANDON_GRACE_MS) {
        clearTimeout(running.timer);
        running.timer = setTimeout(() => this.overBudget(job), ABANDON_GRACE_MS);
      }
    }
  }
}
