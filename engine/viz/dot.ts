/**
 * The graph model make_dot builds (engine/viz/make_dot.ts) and the Graphviz source torchviz writes
 * for it. Pure data and text, without the engine: the page writes its DOT export with this same
 * function (src/export/graph.ts) without loading the engine's runtime.
 */
export type VizNodeKind = 'leaf' | 'op' | 'output' | 'saved';

export interface VizNode {
  /** `t<Tensor.id>`, `n<Node.id>`, or `n<Node.id>_saved_<key>` for a node's saved own output. */
  id: string;
  kind: VizNodeKind;
  label: string;
  /** Graphviz's fill for `style=filled` nodes without a colour is lightgrey: torchviz's op boxes. */
  fillcolor: string;
  tensorId?: number;
  nodeId?: number;
  /** The params name of a tensor, or the saved attribute (`self`, `tensors[0]`) of a saved one. */
  name?: string;
  shape?: number[];
  /** A saved tensor that a backward has freed, drawn from a reference kept before (`makeDotKeepingFreed`). */
  freed?: true;
  /** Position of this node's first statement in torchviz's DOT body (Graphviz lays out by it). */
  order: number;
  /**
   * Every statement torchviz writes for this node, where it writes more than one (a saved leaf is
   * written orange as saved, then light blue as the leaf): `toDot` writes each where torchviz does.
   * The node's own fields are what Graphviz makes of them (each attribute from the last statement).
   */
  statements?: NodeStatement[];
}

export interface NodeStatement {
  order: number;
  kind: VizNodeKind;
  label: string;
  fillcolor: string;
}

export interface VizEdge {
  from: string;
  to: string;
  /** `none`: the undirected line from an op to a tensor it saved. */
  dir?: 'none';
  /** `dotted`: from a view's base tensor to the view. */
  style?: 'dotted';
  order: number;
}

export interface GraphModel {
  nodes: VizNode[];
  edges: VizEdge[];
  /** The `size` graph attribute torchviz's resize_graph sets: "12,12" for small graphs. */
  size: string;
}

export interface DotGraph extends GraphModel {
  toDot(): string;
}

const NODE_ATTR = 'align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled';

/** The model's Graphviz source, as the `graphviz` package renders torchviz's Digraph. */
export function toDot(model: GraphModel, comment?: string): string {
  const rows: { order: number; line: string }[] = [
    ...model.nodes.flatMap((n) => (n.statements ?? [n]).map((st) => ({ order: st.order, line: nodeLine(n.id, st) }))),
    ...model.edges.map((e) => ({ order: e.order, line: edgeLine(e) })),
  ];
  rows.sort((a, b) => a.order - b.order);
  const body = rows.map((r) => `\t${r.line}\n`).join('');
  const note = comment ? `\t// ${comment}\n` : '';
  return `digraph {\n${note}\tgraph [size=${quote(model.size)}]\n\tnode [${NODE_ATTR}]\n${body}}\n`;
}

function nodeLine(id: string, n: Omit<NodeStatement, 'order'>): string {
  const fill = n.kind === 'op' ? '' : ` fillcolor=${quote(n.fillcolor)}`;
  return `${quote(id)} [label=${quote(n.label)}${fill}]`;
}

function edgeLine(e: VizEdge): string {
  const attrs = [e.dir ? `dir=${e.dir}` : null, e.style ? `style=${e.style}` : null].filter((a) => a !== null);
  return `${quote(e.from)} -> ${quote(e.to)}${attrs.length ? ` [${attrs.join(' ')}]` : ''}`;
}

const DOT_ID = /^([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$/;
const DOT_KEYWORDS = new Set(['node', 'edge', 'graph', 'digraph', 'subgraph', 'strict']);

/** The graphviz package's quoting: plain IDs bare, anything else in double quotes. */
function quote(s: string): string {
  if (DOT_ID.test(s) && !DOT_KEYWORDS.has(s.toLowerCase())) return s;
  return `"${s.replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"')}"`;
}

