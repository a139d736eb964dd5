/**
 * Fan-out bundling: what keeps dot fast when one node feeds hundreds of others.
 *
 * dot turns every edge that spans k ranks into a chain of k - 1 virtual nodes, and its crossing
 * minimisation and placement work on all of them. A leaf used in every step of a 600-step loop
 * (`s = s.add(x.mul(i))`) has 600 edges spanning 1 to 600 ranks: some 180,000 virtual nodes, and
 * dot runs for minutes. Such a node's long edges are drawn instead as one shared trunk running
 * down beside the graph (a chain of invisible bus points, one per rank its targets sit on) with a
 * short branch into each target: the same connections, a few hundred virtual nodes. Fan-in (one
 * node fed from many ranks above) is bundled the same way, the trunk ending in the node.
 *
 * Pure data: the worker un-bundles what dot returns, and the tests run it without a DOM.
 */
import type { GraphModel, VizEdge } from '../../engine/viz/make_dot';
import { layoutDot, visibleModel, type Layout, type LayoutEdge } from './dotLayout';

/**
 * Up to this many virtual nodes the DOT is left exactly as torchviz writes it. Past it dot slows
 * sharply: a 124-node graph with one 60-fold fan-out (1,770 virtual nodes) takes 0.5-1 s, bundled 0.1 s.
 */
export const VIRTUAL_NODE_BUDGET = 1000;
/** A node is bundled only if that saves at least this many virtual nodes. */
const MIN_GAIN = 200;

export interface Bundle {
  /** The node whose edges share a trunk. */
  hub: string;
  /** 'out': the hub feeds the others (trunk below it); 'in': they feed the hub (trunk above it). */
  direction: 'out' | 'in';
  /** How many of its edges run along the trunk. */
  edges: number;
}

export interface LayoutPlan {
  dot: string;
  bundles: Bundle[];
}

/** Bus points are named `<hub> bus out <k>` (or `in`): model ids (`t12`, `n34`, `n34_saved_self`) have no spaces. */
const BUS = ' bus ';

/**
 * dot's ranks, estimated: the longest path from the sources, then each node moved down as far as
 * its successors allow. That is what dot's network simplex arrives at for the trees and chains
 * autograd makes (a leaf sits just above its first use, not at the top). Null for a cycle.
 */
export function estimateRanks(nodes: readonly string[], edges: readonly Pick<VizEdge, 'from' | 'to'>[]): Map<string, number> | null {
  const out = new Map<string, string[]>(nodes.map((id) => [id, []]));
  const indegree = new Map<string, number>(nodes.map((id) => [id, 0]));
  for (const e of edges) {
    out.get(e.from)!.push(e.to);
    indegree.set(e.to, indegree.get(e.to)! + 1);
  }
  const order = nodes.filter((id) => indegree.get(id) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const next of out.get(order[i])!) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) order.push(next);
    }
  }
  if (order.length !== nodes.length) return null;
  const rank = new Map<string, number>(nodes.map((id) => [id, 0]));
  for (const id of order) for (const next of out.get(id)!) rank.set(next, Math.max(rank.get(next)!, rank.get(id)! + 1));
  for (let i = order.length - 1; i >= 0; i--) {
    const heads = out.get(order[i])!;
    // A loop, not Math.min(...heads): a node may feed tens of thousands of others.
    if (heads.length) rank.set(order[i], heads.reduce((low, h) => Math.min(low, rank.get(h)!), Number.POSITIVE_INFINITY) - 1);
  }
  return rank;
}

/** How many virtual nodes dot would make for these edges at these ranks. */
export function virtualNodes(edges: readonly Pick<VizEdge, 'from' | 'to'>[], rank: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const e of edges) total += Math.max(0, Math.abs(rank.get(e.to)! - rank.get(e.from)!) - 1);
  return total;
}

/**
 * The DOT text to lay out: torchviz's own (via `layoutDot`) unless its long edges would make dot
 * slow, and then with the worst fan-outs and fan-ins bundled.
 */
export function planLayout(model: GraphModel, showSaved: boolean, budget = VIRTUAL_NODE_BUDGET): LayoutPlan {
  const visible = visibleModel(model, showSaved);
  const rank = estimateRanks(
    visible.nodes.map((n) => n.id),
    visible.edges,
  );
  const total = rank ? virtualNodes(visible.edges, rank) : 0;
  if (!rank || total <= budget) return { dot: layoutDot(model, showSaved), bundles: [] };

  const span = (e: VizEdge) => rank.get(e.to)! - rank.get(e.from)!;
  const long = visible.edges.filter((e) => span(e) > 1);
  // Each candidate: a node with its long edges in one direction, and the virtual nodes a trunk saves.
  const candidates: { hub: string; direction: 'out' | 'in'; edges: VizEdge[]; gain: number }[] = [];
  for (const direction of ['out', 'in'] as const) {
    const groups = new Map<string, VizEdge[]>();
    for (const e of long) {
      const hub = direction === 'out' ? e.from : e.to;
      const group = groups.get(hub);
      if (group) group.push(e);
      else groups.set(hub, [e]);
    }
    for (const [hub, edges] of groups) {
      if (edges.length < 2) continue;
      const spans = edges.map(span);
      const gain = spans.reduce((a, b) => a + b - 1, 0) - (spans.reduce((a, b) => Math.max(a, b), 0) - 1);
      if (gain >= MIN_GAIN) candidates.push({ hub, direction, edges, gain });
    }
  }
  candidates.sort((a, b) => b.gain - a.gain);

  let left = total;
  const bundled = new Set<VizEdge>();
  const chosen: { hub: string; direction: 'out' | 'in'; edges: VizEdge[] }[] = [];
  for (const c of candidates) {
    if (left <= budget) break;
    const edges = c.edges.filter((e) => !bundled.has(e));
    if (edges.length < 2) continue;
    for (const e of edges) bundled.add(e);
    chosen.push({ ...c, edges });
    left -= c.gain;
  }
  if (chosen.length === 0) return { dot: layoutDot(model, showSaved), bundles: [] };

  // The rest of the graph is torchviz's DOT as ever; the trunks and branches are appended to it.
  const lines: string[] = [];
  for (const { hub, direction, edges } of chosen) for (const line of trunkLines(hub, direction, edges, rank)) lines.push(line);
  const base = layoutDot({ ...visible, edges: visible.edges.filter((e) => !bundled.has(e)) }, true);
  return {
    dot: `${base.slice(0, base.lastIndexOf('}'))}${lines.map((l) => `\t${l}\n`).join('')}}\n`,
    bundles: chosen.map(({ hub, direction, edges }) => ({ hub, direction, edges: edges.length })),
  };
}

/**
 * One hub's bus: a point per rank its far ends sit on, chained with `minlen` so each lands on the
 * rank next to its ends, and a branch between each point and its ends. The trunk has no arrows;
 * a fan-out's branches carry them (into each target), a fan-in's last trunk segment does (into the hub).
 */
function trunkLines(hub: string, direction: 'out' | 'in', edges: readonly VizEdge[], rank: ReadonlyMap<string, number>): string[] {
  const down = direction === 'out';
  const far = (e: VizEdge) => (down ? e.to : e.from);
  // The bus point's rank: just above a target, just below a source.
  const busRank = (e: VizEdge) => rank.get(far(e))! + (down ? -1 : 1);
  const ranks = [...new Set(edges.map(busRank))].sort((a, b) => a - b);
  const index = new Map(ranks.map((r, i) => [r, i]));
  const point = (r: number) => quoteId(`${hub}${BUS}${direction} ${index.get(r)}`);
  const lines = ranks.map((r) => `${point(r)} [shape=point width=0 height=0 label="" style=invis]`);
  const hubRank = rank.get(hub)!;
  // Trunk, top to bottom: hub, points (fan-out); points, hub (fan-in).
  const chain = down ? [hubRank, ...ranks] : [...ranks, hubRank];
  const id = (r: number, i: number) => ((down && i === 0) || (!down && i === chain.length - 1) ? quoteId(hub) : point(r));
  for (let i = 0; i + 1 < chain.length; i++) {
    const arrow = !down && i + 2 === chain.length ? '' : ' dir=none';
    lines.push(`${id(chain[i], i)} -> ${id(chain[i + 1], i + 1)} [minlen=${Math.max(1, chain[i + 1] - chain[i])}${arrow}]`);
  }
  for (const e of edges) {
    const style = e.style ? ` style=${e.style}` : '';
    // A fan-in's branches end in the trunk, which carries the one arrow into the hub.
    const dir = e.dir || !down ? ' dir=none' : '';
    lines.push(down ? `${point(busRank(e))} -> ${quoteId(e.to)} [${`${dir}${style}`.trim() || 'minlen=1'}]` : `${quoteId(e.from)} -> ${point(busRank(e))} [${`${dir}${style}`.trim()}]`);
  }
  return lines;
}

function quoteId(id: string): string {
  return `"${id.replace(/"/g, '\\"')}"`;
}

/**
 * dot's layout of a planned DOT, in the model's terms: the bus points go, each branch becomes the
 * edge it stands for (its key and ends are the model edge's), and the trunk's segments become
 * edges from the hub to itself (they stand for no model edge; only the last one of a fan-in
 * carries an arrow).
 */
export function unbundleLayout(layout: Layout): Layout {
  const hubOf = (name: string) => {
    const at = name.indexOf(BUS);
    return at < 0 ? null : name.slice(0, at);
  };
  if (!layout.nodes.some((n) => hubOf(n.id) !== null)) return layout;
  const edges = layout.edges.map((e): LayoutEdge => {
    const fromHub = hubOf(e.from);
    const toHub = hubOf(e.to);
    if (fromHub !== null && toHub === null) {
      // A fan-out's branch, bus point -> target; or a fan-in trunk's last segment, -> hub.
      return { ...e, from: fromHub };
    }
    if (toHub !== null && fromHub === null) {
      // A fan-out trunk's first segment, hub -> point; or a fan-in's branch, source -> point.
      return { ...e, to: toHub };
    }
    if (toHub !== null && fromHub !== null) return { ...e, from: fromHub, to: fromHub };
    return e;
  });
  return { ...layout, nodes: layout.nodes.filter((n) => hubOf(n.id) === null), edges };
}

/** What the graph view says when it bundled edges: plain text, or null when nothing was bundled. */
export function bundleNote(model: GraphModel, bundles: readonly Bundle[]): string | null {
  if (bundles.length === 0) return null;
  const labels = new Map(model.nodes.map((n) => [n.id, n.label.split('\n')[0].trim() || n.label.trim()]));
  if (bundles.length === 1) {
    const [b] = bundles;
    // All its edges that direction, the short ones drawn directly too.
    const degree = model.edges.filter((e) => e.dir !== 'none' && (b.direction === 'out' ? e.from : e.to) === b.hub).length;
    const what = b.direction === 'out' ? `feeds ${degree} nodes` : `is fed by ${degree} nodes`;
    return `${labels.get(b.hub) ?? b.hub} ${what}: those edges share one line, so the graph lays out quickly.`;
  }
  const names = [...new Set(bundles.map((b) => labels.get(b.hub) ?? b.hub))];
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
  return `${bundles.length} nodes with many edges (${shown}): their edges share lines, so the graph lays out quickly.`;
}
