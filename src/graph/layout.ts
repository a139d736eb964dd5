/**
 * `layoutGraph(model, opts)`: where dot puts each node and edge of a graph model. Graphviz runs
 * in one dedicated worker, started on first use (or by `warmLayoutWorker` at idle) and reused;
 * layouts are cached by their DOT text, so re-running a snippet that builds the same graph costs
 * nothing. Each layout leaves `performance.measure` entries (`graph: dot`, `graph: parse`,
 * `graph: layout`) for DevTools and `npm run bench:graph`.
 */
import type { GraphModel } from '../../engine/viz/make_dot';
import type { Layout } from './dotLayout';
import { planLayout, type Bundle } from './layoutBundles';
import type { LayoutReply, LayoutRequest } from './layoutProtocol';
import LayoutWorker from './layout.worker?worker';
import defaultLayouts from 'virtual:prebuilt-layouts';

export type { Layout, LayoutEdge, LayoutNode } from './dotLayout';
export type { Bundle } from './layoutBundles';

export interface LayoutOptions {
  /** Lay out the saved tensors too (torchviz's `show_saved`); without, they are left out. */
  showSaved: boolean;
}

/** A layout, and the hubs whose many edges were bundled into shared trunks to keep dot fast. */
export interface GraphLayout extends Layout {
  bundles: Bundle[];
}

const CACHE_SIZE = 32;
const cache = new Map<string, Promise<GraphLayout>>();
/** Made at build time (tools/defaultLayouts.ts): the default snippet's graph draws without Graphviz. */
const prebuilt = new Map(defaultLayouts.map(({ dot, layout }) => [dot, layout]));

let worker: Worker | null = null;
let nextId = 0;
interface Pending {
  resolve(layout: Layout): void;
  reject(error: Error): void;
  /** When the page asked (performance.now()). */
  start: number;
  /** A warm-up layout: nobody waits for it, and it leaves no measures. */
  warmUp?: true;
}

const pending = new Map<number, Pending>();

/**
 * Warm-up graphs, laid out one at a time once the worker has started, so that the first real
 * graph meets compiled code: V8 compiles wasm functions lazily with its baseline compiler and
 * re-compiles the hot ones with its optimising compiler only after they have run a while, and a
 * first 1,000-node layout in baseline code costs several times a later one. Both shapes autograd
 * makes are exercised: long chains, and trees of leaves with two-line labels joining a chain.
 * The next one is sent only while no real request waits, so a graph waits for one small layout at most.
 */
function warmUpGraphs(): string[] {
  const head = 'digraph {\nnode [align=left fontname=Courier fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]';
  const tree = (n: number, k: number) => {
    const lines = [head];
    for (let i = 1; i < n; i++) lines.push(`a${i - 1} -> a${i}`, `m${i} -> a${i}`, `g${i} -> m${i}`, `l${i} [label="w${i + k}\n (2, 2)" fillcolor=lightblue]`, `l${i} -> g${i}`);
    return `${lines.join('\n')}\n}`;
  };
  const chain = (n: number) => {
    const lines = [head];
    for (let i = 1; i < n; i++) lines.push(`c${i} [label="MulBackward0"]`, `c${i - 1} -> c${i}`);
    return `${lines.join('\n')}\n}`;
  };
  return [tree(30, 0), chain(150), tree(50, 1), chain(250), tree(60, 2), chain(300)];
}

let warmUp: string[] | null = null;

function post(dot: string, request: Pending): void {
  const id = nextId++;
  pending.set(id, request);
  const message: LayoutRequest = { id, dot };
  layoutWorker().postMessage(message);
}

function warmNext(): void {
  const dot = pending.size === 0 ? warmUp?.shift() : undefined;
  // A failed warm-up ends it; the next request restarts the worker if need be and reports any failure.
  if (dot) post(dot, { resolve: () => undefined, reject: () => (warmUp = []), start: 0, warmUp: true });
}

function layoutWorker(): Worker {
  if (worker) return worker;
  const w = new LayoutWorker();
  w.onmessage = (event: MessageEvent<LayoutReply>) => {
    const reply = event.data;
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if ('error' in reply) request.reject(new Error(reply.error));
    else if (request.warmUp) request.resolve(reply.layout);
    else settle(request, reply);
    warmNext();
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

function settle(request: Pending, reply: { layout: Layout; dotMs: number; parseMs: number }): void {
  // Worker times are durations: they are placed to end where the reply arrived.
  const end = performance.now();
  performance.measure('graph: layout', { start: request.start, end });
  performance.measure('graph: dot', { start: end - reply.dotMs - reply.parseMs, duration: reply.dotMs });
  performance.measure('graph: parse', { start: end - reply.parseMs, duration: reply.parseMs });
  request.resolve(reply.layout);
}

/** Starts the worker, which loads Graphviz's wasm, and warms it up, ahead of the first graph. */
export function warmLayoutWorker(): void {
  if (warmUp) return;
  warmUp = warmUpGraphs();
  warmNext();
}

export function layoutGraph(model: GraphModel, opts: LayoutOptions): Promise<GraphLayout> {
  const start = performance.now();
  const { dot, bundles } = planLayout(model, opts.showSaved);
  const made = prebuilt.get(dot);
  if (made) return Promise.resolve({ ...made, bundles });
  const cached = cache.get(dot);
  if (cached) {
    // Re-insert: Map keeps insertion order, so the oldest entry is the least recently used.
    cache.delete(dot);
    cache.set(dot, cached);
    return cached;
  }
  const result = new Promise<Layout>((resolve, reject) => post(dot, { resolve, reject, start })).then((layout): GraphLayout => ({ ...layout, bundles }));
  cache.set(dot, result);
  result.catch(() => cache.delete(dot));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}
