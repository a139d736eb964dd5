/**
 * `layoutGraph(model, opts)`: where dot puts each node and edge of a graph model. Graphviz runs
 * in one dedicated worker, started on first use (or by `warmLayoutWorker` at idle) and reused,
 * one layout at a time within a time budget (layoutQueue.ts: past it the worker is replaced, so
 * no graph blocks the ones after it); layouts are cached by their DOT text, so re-running a snippet that builds the same graph costs
 * nothing. Each layout leaves `performance.measure` entries (`graph: dot`, `graph: parse`,
 * `graph: layout`) for DevTools and `npm run bench:graph`.
 */
import type { GraphModel } from '../../engine/viz/make_dot';
import type { Layout } from './dotLayout';
import { planLayout, type Bundle } from './layoutBundles';
import { LayoutQueue } from './layoutQueue';
import LayoutWorker from './layout.worker?worker';
import defaultLayouts from 'virtual:prebuilt-layouts';

export type { Layout, LayoutEdge, LayoutNode } from './dotLayout';
export type { Bundle } from './layoutBundles';
export { LayoutOverBudget } from './layoutQueue';
export { firstNodes } from './firstNodes';

export interface LayoutOptions {
  /** Lay out the saved tensors too (torchviz's `show_saved`); without, they are left out. */
  showSaved: boolean;
}

/** A layout, and the hubs whose many edges were bundled into shared trunks to keep dot fast. */
export interface GraphLayout extends Layout {
  bundles: Bundle[];
}

const CACHE_SIZE = 32;
/** Laid-out graphs by their DOT text, least recently used first. */
const cache = new Map<string, GraphLayout>();
/** Made at build time (tools/defaultLayouts.ts): the default snippet's graph draws without Graphviz. */
const prebuilt = new Map(defaultLayouts.map(({ dot, layout }) => [dot, layout]));

/**
 * How long dot may take on a graph: 10 s, plus 2 ms a node (a 5,000-op chain, which dot lays out in
 * a few seconds, keeps a wide margin on a slow machine); a tangled graph of a thousand nodes would
 * take it minutes. Past it the worker is replaced and the caller gets LayoutOverBudget.
 */
export function layoutBudgetMs(model: GraphModel): number {
  return 10_000 + 2 * model.nodes.length;
}
const WARM_UP_BUDGET_MS = 5000;

const queue = new LayoutQueue(() => new LayoutWorker());

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

function warmNext(): void {
  const dot = queue.idle ? warmUp?.shift() : undefined;
  // A failed warm-up ends it; the next layout starts a fresh worker if need be.
  if (dot) queue.submit(dot, WARM_UP_BUDGET_MS).then(warmNext, () => (warmUp = []));
}

/** Starts the worker, which loads Graphviz's wasm, and warms it up, ahead of the first graph. */
export function warmLayoutWorker(): void {
  if (warmUp) return;
  warmUp = warmUpGraphs();
  queue.start();
  warmNext();
}

/**
 * Where dot puts the graph's nodes and edges. Rejects with LayoutOverBudget past `budgetMs` (the
 * graph's own budget unless given), and with an AbortError once `signal` says the caller no longer
 * needs it.
 */
export async function layoutGraph(model: GraphModel, opts: LayoutOptions, signal?: AbortSignal, budgetMs: number = layoutBudgetMs(model)): Promise<GraphLayout> {
  const start = performance.now();
  const { dot, bundles } = planLayout(model, opts.showSaved);
  const made = prebuilt.get(dot);
  if (made) return { ...made, bundles };
  const cached = cache.get(dot);
  if (cached) {
    // Re-insert: Map keeps insertion order, so the oldest entry is the least recently used.
    cache.delete(dot);
    cache.set(dot, cached);
    return cached;
  }
  const reply = await queue.submit(dot, budgetMs, signal);
  // Worker times are durations: they are placed to end where the reply arrived.
  const end = performance.now();
  performance.measure('graph: layout', { start, end });
  performance.measure('graph: dot', { start: end - reply.dotMs - reply.parseMs, duration: reply.dotMs });
  performance.measure('graph: parse', { start: end - reply.parseMs, duration: reply.parseMs });
  const layout: GraphLayout = { ...reply.layout, bundles };
  cache.set(dot, layout);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  warmNext();
  return layout;
}
