import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ABANDON_GRACE_MS, LayoutOverBudget, LayoutQueue, type LayoutWorkerLike } from './layoutQueue';
import { firstNodes } from './firstNodes';
import type { LayoutReply, LayoutRequest } from './layoutProtocol';
import type { GraphModel } from '../../engine/viz/make_dot';

/** A layout worker that answers when the test says so. */
class FakeWorker implements LayoutWorkerLike {
  static all: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<LayoutReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: LayoutRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(msg: LayoutRequest): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the latest request. */
  answer(): void {
    const { id } = this.sent.at(-1)!;
    this.onmessage?.({ data: { id, layout: { width: 1, height: 1, nodes: [], edges: [] }, dotMs: 1, parseMs: 1 } } as unknown as MessageEvent<LayoutReply>);
  }
}

beforeEach(() => {
  FakeWorker.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('LayoutQueue', () => {
  it('replaces a worker stuck past the budget, so the next graph is laid out', async () => {
    const queue = new LayoutQueue(() => new FakeWorker());
    const hostile = queue.submit('digraph { tangled }', 10_000);
    const next = queue.submit('digraph { small }', 10_000);
    const stuck = FakeWorker.all[0];
    expect(stuck.sent.map((m) => m.dot)).toEqual(['digraph { tangled }']);
    vi.advanceTimersByTime(10_001);
    await expect(hostile).rejects.toBeInstanceOf(LayoutOverBudget);
    expect(stuck.terminated).toBe(true);
    const fresh = FakeWorker.all[1];
    expect(fresh.sent.map((m) => m.dot)).toEqual(['digraph { small }']);
    fresh.answer();
    await expect(next).resolves.toMatchObject({ dotMs: 1 });
    // A late answer from the replaced worker is not taken for anyone's.
    stuck.answer();
  });

  it('gives a layout nobody waits for a short grace, then frees the worker for the newer one', async () => {
    const queue = new LayoutQueue(() => new FakeWorker());
    const old = new AbortController();
    const first = queue.submit('digraph { old }', 60_000, old.signal);
    const second = queue.submit('digraph { new }', 60_000);
    old.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    vi.advanceTimersByTime(ABANDON_GRACE_MS + 1);
    expect(FakeWorker.all[0].terminated).toBe(true);
    FakeWorker.all[1].answer();
    await expect(second).resolves.toBeDefined();
  });

  it('shares one layout among the callers of the same graph, abandoned only when all have gone', async () => {
    const queue = new LayoutQueue(() => new FakeWorker());
    const a = new AbortController();
    const first = queue.submit('digraph { g }', 60_000, a.signal);
    const second = queue.submit('digraph { g }', 60_000);
    a.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    vi.advanceTimersByTime(ABANDON_GRACE_MS + 1);
    expect(FakeWorker.all[0].terminated).toBe(false);
    expect(FakeWorker.all[0].sent).toHaveLength(1);
    FakeWorker.all[0].answer();
    await expect(second).resolves.toBeDefined();
  });
});

describe('firstNodes', () => {
  it('keeps the nodes nearest the outputs, against the arrows, and the edges among them', () => {
    const node = (id: string, kind: 'op' | 'output' | 'leaf' = 'op') => ({ id, kind, label: id, fillcolor: 'lightgrey', order: 0 });
    // a -> b -> c -> out, and d -> c.
    const model: GraphModel = {
      nodes: [node('out', 'output'), node('c'), node('b'), node('a', 'leaf'), node('d', 'leaf')],
      edges: [
        { from: 'c', to: 'out', order: 1 },
        { from: 'b', to: 'c', order: 2 },
        { from: 'd', to: 'c', order: 3 },
        { from: 'a', to: 'b', order: 4 },
      ],
      size: '12,12',
    };
    const small = firstNodes(model, 4);
    expect(small.nodes.map((n) => n.id)).toEqual(['out', 'c', 'b', 'd']);
    expect(small.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['c->out', 'b->c', 'd->c']);
  });
});
