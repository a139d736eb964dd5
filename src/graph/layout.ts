/**
 * `layoutGraph(model, opts)`: where dot puts each node and edge of a graph model. Graphviz runs
 * in one dedicated worker, started on first use and reused; layouts are cached by their DOT text,
 * so re-running a snippet that builds the same graph costs nothing.
 */
import type { GraphModel } from '../../engine/viz/make_dot';
import { layoutDot, type Layout } from './dotLayout';
import type { LayoutReply, LayoutRequest } from './layoutProtocol';
import LayoutWorker from './layout.worker?worker';

export type { Layout, LayoutEdge, LayoutNode } from './dotLayout';

export interface LayoutOptions {
  /** Lay out the saved tensors too (torchviz's `show_saved`); without, they are left out. */
  showSaved: boolean;
}

const CACHE_SIZE = 32;
const cache = new Map<string, Promise<Layout>>();

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve(layout: Layout): void; reject(error: Error): void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  const w = new LayoutWorker();
  w.onmessage = (event: MessageEvent<LayoutReply>) => {
    const reply = event.data;
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if ('error' in reply) request.reject(new Error(reply.error));
    else request.resolve(reply.layout);
  };
  w.onerror = (event) => {
    // A worker that failed to start fails every request; the next call starts a fresh one.
    event.preventDefault();
    w.terminate();
    worker = null;
    for (const request of pending.values()) request.reject(new Error(event.message || 'the layout worker failed'));
    pending.clear();
  };
  worker = w;
  return w;
}

/** Starts the worker (and Graphviz's wasm) ahead of the first graph. */
export function warmLayoutWorker(): void {
  layoutWorker();
}

export function layoutGraph(model: GraphModel, opts: LayoutOptions): Promise<Layout> {
  const dot = layoutDot(model, opts.showSaved);
  const cached = cache.get(dot);
  if (cached) {
    // Re-insert: Map keeps insertion order, so the oldest entry is the least recently used.
    cache.delete(dot);
    cache.set(dot, cached);
    return cached;
  }
  const result = new Promise<Layout>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const request: LayoutRequest = { id, dot };
    layoutWorker().postMessage(request);
  });
  cache.set(dot, result);
  result.catch(() => cache.delete(dot));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}
