/**
 * The layout kernel: the Graphviz source laid out for a graph model, and Graphviz's `json0`
 * output read back as plain coordinates. Data in, data out: no DOM, no Graphviz import, so the
 * worker and the tests share it.
 */
import { toDot, type GraphModel, type VizEdge } from '../../engine/viz/make_dot';

/** A node's box in points: (x, y) is its centre, y grows downwards (SVG's way). */
export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An edge as dot routed it: `points` are cubic B-spline control points (1 + 3k of them). */
export interface LayoutEdge {
  from: string;
  to: string;
  points: [number, number][];
  /** Where the arrowhead's tip lies; absent for `dir=none` edges (a node to a tensor it saved). */
  arrow?: [number, number];
  dir?: 'none';
  style?: 'dotted';
}

export interface Layout {
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

/** What is drawn: the model without its saved tensors (and their undirected lines) unless asked. */
export function visibleModel(model: GraphModel, showSaved: boolean): GraphModel {
  if (showSaved) return model;
  const nodes = model.nodes.filter((n) => n.kind !== 'saved');
  const ids = new Set(nodes.map((n) => n.id));
  const edges = model.edges.filter((e) => e.dir !== 'none' && ids.has(e.from) && ids.has(e.to));
  return { nodes, edges, size: model.size };
}

/**
 * The DOT text dot lays out: torchviz's source for the visible model, with two changes that only
 * affect measuring. Graphviz's wasm build has no fonts and estimates text from built-in metrics,
 * of which only Courier's are monospaced, so the boxes fit the monospace text the page draws.
 * And an empty label line (torchviz's `"\n (2, 2)"` for an unnamed tensor) becomes one space: it
 * measures the same, and Graphviz 16's json renderer crashes intermittently on empty lines.
 */
export function layoutDot(model: GraphModel, showSaved: boolean): string {
  const visible = visibleModel(model, showSaved);
  const nodes = visible.nodes.map((n) => ({ ...n, label: n.label.split('\n').map((line) => line || ' ').join('\n') }));
  return toDot({ ...visible, nodes }).replace('fontname=monospace', 'fontname=Courier').replace(/^\tgraph \[(.*)\]$/m, `\tgraph [$1 ranksep=${RANKSEP}]`);
}

/**
 * Ranks are closer than Graphviz's default 0.5 inch: the graph then fits the view at a larger
 * scale, so its labels are readable at a glance (the exported DOT stays torchviz's).
 */
const RANKSEP = 0.25;

interface Json0Object {
  _gvid: number;
  name: string;
  pos?: string;
  width?: string;
  height?: string;
}

interface Json0Edge {
  tail: number;
  head: number;
  pos?: string;
  dir?: string;
  style?: string;
}

interface Json0Graph {
  bb: string;
  objects?: Json0Object[];
  edges?: Json0Edge[];
}

const POINTS_PER_INCH = 72;

/** Graphviz's `json0` output (`graphviz.layout(dot, 'json0', 'dot')`) as a Layout. */
export function parseLayout(json: string): Layout {
  const graph = JSON.parse(json) as Json0Graph;
  const [llx, lly, urx, ury] = graph.bb.split(',').map(Number);
  // Graphviz's y axis points up; flipping it puts the first rank (the leaves) on top.
  const point = (x: number, y: number): [number, number] => [x - llx, ury - y];
  const objects = graph.objects ?? [];
  const names = new Map(objects.map((o) => [o._gvid, o.name]));
  const nodes = objects.map((o): LayoutNode => {
    const [x, y] = point(...parsePair(o.pos ?? '0,0'));
    return { id: o.name, x, y, w: Number(o.width) * POINTS_PER_INCH, h: Number(o.height) * POINTS_PER_INCH };
  });
  const edges = (graph.edges ?? []).map((e): LayoutEdge => {
    const edge: LayoutEdge = { from: names.get(e.tail) ?? '', to: names.get(e.head) ?? '', points: [] };
    for (const token of (e.pos ?? '').split(/\s+/).filter(Boolean)) {
      if (token.startsWith('e,')) edge.arrow = point(...parsePair(token.slice(2)));
      else if (!token.startsWith('s,')) edge.points.push(point(...parsePair(token)));
    }
    if (e.dir === 'none') edge.dir = 'none';
    if (e.style === 'dotted') edge.style = 'dotted';
    return edge;
  });
  return { width: urx - llx, height: ury - lly, nodes, edges };
}

function parsePair(s: string): [number, number] {
  const [x, y] = s.split(',').map(Number);
  return [x, y];
}

/** A stable key per edge, for joins: parallel edges (torchviz draws some twice) get `#1`, `#2`... */
export function edgeKeys(edges: readonly Pick<VizEdge, 'from' | 'to'>[]): string[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const base = `${e.from}->${e.to}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}
