/**
 * The page `bench/graph-layout.mjs` drives: builds graph models with the engine, lays them out
 * with `layoutGraph` (Graphviz in its worker) and draws them with the GraphCanvas renderer,
 * timing each step up to the next painted frame.
 */
import torch, { type Tensor } from '../engine';
import type { GraphModel } from '../engine/viz/make_dot';
import { layoutGraph, warmLayoutWorker } from '../src/graph/layout';
import { GraphRenderer } from '../src/graph/render';
import '../src/graph/GraphCanvas.css';

export interface GraphTiming {
  case: string;
  nodes: number;
  edges: number;
  layoutMs: number;
  /** Parts of layoutMs: Graphviz itself, and reading its output, both in the worker (0 when cached). */
  dotMs: number;
  parseMs: number;
  /** The renderer's JavaScript: the d3 join, attributes, labels. */
  drawMs: number;
  /** The browser's style and layout of what was drawn (forced right after drawing). */
  styleMs: number;
  /** From asking for the layout to the first frame painted after drawing. */
  totalMs: number;
}

const svg = document.getElementById('graph') as unknown as SVGSVGElement;
const renderer = new GraphRenderer(svg, { onSelect() {}, onHover() {} });

function model(out: Tensor, params: Record<string, Tensor> = {}): GraphModel {
  return structuredClone(torch.viz.make_dot(out, { params }));
}

/** y = x * 1.01 * 1.01 ...: a straight chain of MulBackward0 (n nodes in all). */
function chain(n: number): GraphModel {
  const x = torch.ones(2, 2, { requires_grad: true });
  let y = x;
  for (let i = 0; i < n - 3; i++) y = y.mul(1.01);
  return model(y, { x });
}

/** sum of w_i * 2: a leaf, AccumulateGrad, MulBackward0 and AddBackward0 per term (about n nodes). */
function tree(n: number): GraphModel {
  const leaves = Array.from({ length: Math.round(n / 4) }, () => torch.randn(2, 2, { requires_grad: true }));
  let acc = leaves[0].mul(2);
  for (const w of leaves.slice(1)) acc = acc.add(w.mul(2));
  return model(acc.sum());
}

function yhat(): GraphModel {
  const x_train = torch.rand(80, 1);
  const b = torch.randn(1, { requires_grad: true });
  const w = torch.randn(1, { requires_grad: true });
  return model(b.add(w.mul(x_train)), { b, w });
}

function loss(): GraphModel {
  const x_train = torch.rand(80, 1);
  const y_train = torch.mul(2, x_train).add(1);
  const b = torch.randn(1, { requires_grad: true });
  const w = torch.randn(1, { requires_grad: true });
  return model(y_train.sub(b.add(w.mul(x_train))).pow(2).mean(), { b, w });
}

function firstExample(): GraphModel {
  const x = torch.ones(2, 2, { requires_grad: true });
  const y = x.add(2);
  return model(y.mul(y).mul(3).mean(), { x });
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function measure(name: string, m: GraphModel): Promise<GraphTiming> {
  const t0 = performance.now();
  const layout = await layoutGraph(m, { showSaved: false });
  const t1 = performance.now();
  renderer.draw(m, layout);
  const t2 = performance.now();
  svg.getBBox();
  const t3 = performance.now();
  await nextFrame();
  const t4 = performance.now();
  // The worker's own times for this layout, if it was not a cache hit (layout.ts leaves them).
  const since = (entry: string) => performance.getEntriesByName(entry).filter((e) => e.startTime >= t0).reduce((sum, e) => sum + e.duration, 0);
  return { case: name, nodes: layout.nodes.length, edges: layout.edges.length, layoutMs: t1 - t0, dotMs: since('graph: dot'), parseMs: since('graph: parse'), drawMs: t2 - t1, styleMs: t3 - t2, totalMs: t4 - t0 };
}

/** The median run of `reps`, each on a freshly built model (new ids: no cache hit). */
async function median(name: string, make: () => GraphModel, reps: number): Promise<GraphTiming> {
  const runs: GraphTiming[] = [];
  for (let i = 0; i < reps; i++) {
    renderer.clear();
    runs.push(await measure(name, make()));
  }
  runs.sort((a, b) => a.totalMs - b.totalMs);
  return runs[Math.floor(reps / 2)];
}

/** On a fresh page: the worker, Graphviz's wasm and its warm-up all start with this request. */
async function cold(): Promise<GraphTiming[]> {
  return [await measure('cold: chain 1000, worker and wasm started by it', chain(1000))];
}

/**
 * The case: the first graph drawn on a fresh page is a 1,000-node one, arriving after
 * `warmLayoutWorker()` had a moment (GraphCanvas starts the worker when it mounts, before the
 * first run's graph comes back).
 */
async function first(kind: 'chain' | 'tree'): Promise<GraphTiming> {
  return measure(`fresh page, first graph: ${kind} 1000`, kind === 'chain' ? chain(1000) : tree(1000));
}

/** After `warmLayoutWorker()` had a moment, as when GraphCanvas mounts before the first run. */
async function run(): Promise<GraphTiming[]> {
  const results: GraphTiming[] = [];
  results.push(await measure('seed: first graph drawn (yhat)', yhat()));
  renderer.clear();
  results.push(await measure('first chain 1000 after start', chain(1000)));
  renderer.clear();
  results.push(await measure('first tree 1000 after start', tree(1000)));
  results.push(await median('chain 1000 (median of 5)', () => chain(1000), 5));
  results.push(await median('tree 1000 (median of 5)', () => tree(1000), 5));
  const same = chain(1000);
  await layoutGraph(same, { showSaved: false });
  results.push(await measure('chain 1000, cached layout (re-run)', same));
  // Seed examples: an edit gives a new graph (new ids), drawn over the previous one (a morph).
  for (const [name, make] of [['seed: yhat = b + w * x_train', yhat], ['seed: loss = ((y - yhat) ** 2).mean()', loss], ['seed: out = (3 * (x + 2) ** 2).mean()', firstExample]] as const) {
    renderer.draw(make(), await layoutGraph(make(), { showSaved: false }));
    const runs: GraphTiming[] = [];
    for (let i = 0; i < 7; i++) runs.push(await measure(name, make()));
    runs.sort((a, b) => a.totalMs - b.totalMs);
    results.push({ ...runs[3], case: `${name} (median of 7)` });
  }
  return results;
}

declare global {
  interface Window {
    graphBenchCold(): Promise<GraphTiming[]>;
    graphBench(): Promise<GraphTiming[]>;
    graphBenchFirst(kind: 'chain' | 'tree'): Promise<GraphTiming>;
    warmGraphWorker(): void;
  }
}

window.graphBenchCold = cold;
window.graphBench = run;
window.graphBenchFirst = first;
window.warmGraphWorker = warmLayoutWorker;
