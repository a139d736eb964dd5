import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUT_OF_MEMORY_MESSAGE, SnippetRunner, TIMEOUT_MESSAGE, type WorkerLike } from './client';
import type { WorkerFailure } from './frame';
import type { RunResult, ToWorker } from './protocol';

/** A stand-in for the snippet worker: records what the page sent, and lets the test answer. */
class FakeWorker implements WorkerLike {
  static all: FakeWorker[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: WorkerFailure) => void) | null = null;
  sent: ToWorker[] = [];
  terminated = false;
  retired = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(msg: ToWorker): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  retireHost(): void {
    this.retired = true;
  }
  answer(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  get run(): ToWorker {
    return this.sent[0];
  }
}

const result = (text: string): RunResult => ({ lines: [{ kind: 'out', text }], error: null, graphs: [], traces: [], traceCount: 0, durationMs: 1 });

function setup() {
  const prints: string[] = [];
  const done: { runId: number; result: RunResult }[] = [];
  const runner = new SnippetRunner(
    { onPrints: (_id, lines) => prints.push(...lines.map((l) => l.text)), onDone: (runId, r) => done.push({ runId, result: r }) },
    () => new FakeWorker(),
    5000,
  );
  return { runner, prints, done };
}

/** The worker that got the run (workers are made one ahead: each run takes the spare). */
function started(): FakeWorker {
  const w = FakeWorker.all.find((f) => f.sent.length > 0 && !f.terminated);
  if (!w) throw new Error('no running worker');
  return w;
}

beforeEach(() => {
  FakeWorker.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('SnippetRunner', () => {
  it('runs on a ready worker, with a run id and a secret nonce, and keeps a spare warm', () => {
    const { runner, done } = setup();
    const id = runner.run('print(1)');
    expect(FakeWorker.all[0].sent).toHaveLength(0);
    FakeWorker.all[0].answer({ type: 'ready' });
    const w = started();
    expect(w.run).toMatchObject({ type: 'run', runId: id, source: 'print(1)' });
    expect(w.run.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(FakeWorker.all).toHaveLength(2);
    w.answer({ type: 'done', runId: id, nonce: w.run.nonce, result: result('1') });
    expect(done).toEqual([{ runId: id, result: result('1') }]);
    expect(w.terminated).toBe(true);
  });

  it('drops forged and stale messages', () => {
    const { runner, prints, done } = setup();
    FakeWorker.all[0].answer({ type: 'ready' });
    const id = runner.run('x');
    const w = started();
    const { nonce } = w.run;
    w.answer({ type: 'print', runId: id, nonce: 'guessed', line: { kind: 'out', text: 'forged' } });
    w.answer({ type: 'print', runId: id, line: { kind: 'out', text: 'no nonce' } });
    w.answer({ type: 'done', runId: id, nonce: 'guessed', result: { lines: 'not an array' } });
    w.answer({ type: 'done', runId: id + 1, nonce, result: result('other run') });
    w.answer('done');
    w.answer(null);
    expect(prints).toEqual([]);
    expect(done).toEqual([]);
    w.answer({ type: 'print', runId: id, nonce, line: { kind: 'out', text: 'real' } });
    vi.advanceTimersByTime(100);
    expect(prints).toEqual(['real']);
  });

  it('ends the run with the problem named when its own worker sends a malformed message', () => {
    for (const bad of [
      { type: 'print', line: { kind: 'html', text: '<img>' } },
      { type: 'done', result: { ...result('x'), traces: [{}] } },
      { type: 'done', result: { lines: 'not an array' } },
    ]) {
      FakeWorker.all = [];
      const { runner, prints, done } = setup();
      FakeWorker.all[0].answer({ type: 'ready' });
      const id = runner.run('x');
      const w = started();
      w.answer({ ...bad, runId: id, nonce: w.run.nonce });
      expect(prints).toEqual([]);
      expect(done).toHaveLength(1);
      expect(done[0].result.error?.message).toMatch(/^The runner sent a malformed answer \((line|result)\.\w+/);
      expect(done[0].result.graphs).toEqual([]);
      expect(w.terminated).toBe(true);
    }
  });

  it('never lets an older run overwrite a newer one', () => {
    const { runner, done } = setup();
    FakeWorker.all[0].answer({ type: 'ready' });
    const first = runner.run('a');
    const w1 = started();
    const nonce1 = w1.run.nonce;
    FakeWorker.all[1].answer({ type: 'ready' });
    const second = runner.run('b');
    expect(w1.terminated).toBe(true);
    const w2 = started();
    expect(w2.run.runId).toBe(second);
    expect(w2.run.nonce).not.toBe(nonce1);
    w1.answer({ type: 'done', runId: first, nonce: nonce1, result: result('old') });
    w2.answer({ type: 'done', runId: first, nonce: nonce1, result: result('old, replayed') });
    expect(done).toEqual([]);
    w2.answer({ type: 'done', runId: second, nonce: w2.run.nonce, result: result('new') });
    expect(done.map((d) => d.result.lines[0].text)).toEqual(['new']);
  });

  it('stops a run past the time limit and runs the next one on a fresh worker', () => {
    const { runner, done } = setup();
    FakeWorker.all[0].answer({ type: 'ready' });
    const id = runner.run('for(;;){}');
    const w = started();
    vi.advanceTimersByTime(5001);
    expect(w.terminated).toBe(true);
    // A stopped snippet may have left its runner's process near its memory limit.
    expect(w.retired).toBe(true);
    expect(done[0]).toMatchObject({ runId: id, result: { error: { kind: 'timeout', message: TIMEOUT_MESSAGE } } });
    FakeWorker.all[1].answer({ type: 'ready' });
    const next = runner.run('print(2)');
    const w2 = started();
    expect(w2).not.toBe(w);
    w2.answer({ type: 'done', runId: next, nonce: w2.run.nonce, result: result('2') });
    expect(done).toHaveLength(2);
  });

  it('cancels a stale run with no result', () => {
    const { runner, done } = setup();
    FakeWorker.all[0].answer({ type: 'ready' });
    const id = runner.run('a');
    const w = started();
    runner.cancel();
    expect(w.terminated).toBe(true);
    w.answer({ type: 'done', runId: id, nonce: w.run.nonce, result: result('stale') });
    // A run asked for before the spare was ready is dropped too.
    runner.run('b');
    runner.cancel();
    FakeWorker.all[1].answer({ type: 'ready' });
    expect(FakeWorker.all[1].sent).toEqual([]);
    const next = runner.run('c');
    expect(next).toBeGreaterThan(id);
    const w3 = started();
    w3.answer({ type: 'done', runId: next, nonce: w3.run.nonce, result: result('c') });
    expect(done.map((d) => d.runId)).toEqual([next]);
  });

  it('says what a worker that failed without a message probably is: one whose script did not load', () => {
    const { runner, done } = setup();
    runner.run('print(1)');
    FakeWorker.all[0].onerror?.({ message: '', preventDefault() {} });
    expect(done[0].result.error?.message).toBe(
      'The runner could not start: the worker stopped without a message, as one whose script could not be loaded does (offline, or the site changed since this page opened: reload the page).',
    );
  });

  it('reports a crashed worker and carries on', () => {
    const { runner, done } = setup();
    FakeWorker.all[0].answer({ type: 'ready' });
    const id = runner.run('boom');
    started().onerror?.({ message: 'out of memory', preventDefault() {} });
    expect(done[0].runId).toBe(id);
    expect(done[0].result.error?.message).toContain('out of memory');
  });

  it('says the snippet ran out of memory when its frame is lost, and has a warm spare for the next run', () => {
    const { runner, done } = setup();
    FakeWorker.all[0].answer({ type: 'ready' });
    const id = runner.run('bomb');
    const active = started();
    const spare = FakeWorker.all[1];
    // A lost frame takes every worker in it: the run's and the spare.
    active.onerror?.({ message: 'the runner stopped answering', lost: true, preventDefault() {} });
    spare.onerror?.({ message: 'the runner stopped answering', lost: true, preventDefault() {} });
    expect(done).toEqual([{ runId: id, result: expect.objectContaining({ error: expect.objectContaining({ message: OUT_OF_MEMORY_MESSAGE }) }) }]);
    expect(FakeWorker.all).toHaveLength(3);
    FakeWorker.all[2].answer({ type: 'ready' });
    const next = runner.run('print(1)');
    const w = started();
    expect(w).toBe(FakeWorker.all[2]);
    w.answer({ type: 'done', runId: next, nonce: w.run.nonce, result: result('1') });
    expect(done).toHaveLength(2);
  });

  it('starts each run\'s worker for its device, and keeps the spare for the device last used', () => {
    const devices: string[] = [];
    const runner = new SnippetRunner({ onPrints() {}, onDone() {} }, (device) => (devices.push(device), new FakeWorker()), 5000);
    FakeWorker.all[0].answer({ type: 'ready' });
    runner.run('a', 'webgpu');
    expect(FakeWorker.all[0].terminated).toBe(true);
    FakeWorker.all[1].answer({ type: 'ready' });
    expect(started().run).toMatchObject({ source: 'a', device: 'webgpu' });
    expect(devices).toEqual(['cpu', 'webgpu', 'webgpu']);
  });

  it('when no runner frame can start, a pending run goes on on a fresh worker (started in the page)', () => {
    const { runner, done } = setup();
    const id = runner.run('print(1)');
    FakeWorker.all[0].onerror?.({ message: 'the runner frame could not start', unavailable: true, preventDefault() {} });
    expect(done).toEqual([]);
    FakeWorker.all[1].answer({ type: 'ready' });
    const w = started();
    expect(w).toBe(FakeWorker.all[1]);
    w.answer({ type: 'done', runId: id, nonce: w.run.nonce, result: result('1') });
    expect(done.map((d) => d.result.lines[0].text)).toEqual(['1']);
  });

  it('at the time limit, a runner whose frame went silent gets its verdict first: out of memory, not a loop', () => {
    const { runner, done } = setup();
    FakeWorker.all[0].answer({ type: 'ready' });
    const id = runner.run('bomb');
    const w = started();
    let silent = true;
    (w as FakeWorker & { silent(): boolean }).silent = () => silent;
    vi.advanceTimersByTime(5001);
    expect(done).toEqual([]);
    w.onerror?.({ message: 'the runner stopped answering', lost: true, preventDefault() {} });
    expect(done[0]).toMatchObject({ runId: id, result: { error: { message: OUT_OF_MEMORY_MESSAGE } } });
    // Without a verdict in time, the time limit's message after all.
    const next = runner.run('for(;;){}');
    FakeWorker.all.at(-1)!.answer({ type: 'ready' });
    const w2 = started();
    (w2 as FakeWorker & { silent(): boolean }).silent = () => silent;
    vi.advanceTimersByTime(5001 + 2001);
    expect(done[1]).toMatchObject({ runId: next, result: { error: { kind: 'timeout' } } });
    silent = false;
  });
});
