/**
 * What the inspector shows for the selected graph node, as plain data: the component only lays
 * it out. Everything textual is written here the way PyTorch prints it, so the tests can hold it
 * to PyTorch's output without a DOM.
 */
import type { GraphView } from '../runner/protocol';
import type { NodeSnapshot, SavedSnapshot, TensorSnapshot, VizNode, VizNodeKind } from '../../engine/viz';

export const EMPTY_MESSAGE = 'Click a node in the graph to inspect it.';
export const FREED_NOTE = 'freed after backward (retain_graph=True keeps it)';

/** One `label: value` line; `targetId` makes the value a link to that drawn node. */
export interface InspectorRow {
  label: string;
  value: string;
  targetId?: string | null;
}

/** One entry of `next_functions`: `(<MulBackward0 object at 0x…>, 0)` or `(None, 0)`. */
export interface NextFunctionEntry {
  text: string;
  /** The Python class name, or null for a None entry. */
  name: string | null;
  outputNr: number;
  /** The drawn node it points to, or null (a None entry, or a node the graph does not draw). */
  targetId: string | null;
}

/** One `_saved_*` attribute of a Node. */
export interface SavedEntry {
  /** `_saved_self`. */
  attr: string;
  kind: SavedSnapshot['kind'];
  /** Python's repr of the value; empty when it could not be unpacked. */
  repr: string;
  /** Why there is no value: freed by backward, or PyTorch's error after an in-place change. */
  note: string | null;
  /** The drawn nodes of the saved tensors (show_saved graphs draw them). */
  targetIds: string[];
}

/** A titled monospace block: a tensor's repr, its `.grad`, an AccumulateGrad's variable. */
export interface ReprBlock {
  label: string;
  text: string;
  targetId?: string | null;
}

export interface InspectorView {
  id: string;
  kind: VizNodeKind;
  /** `MulBackward0`, a tensor's variable name, or `Tensor (2, 2)`. */
  title: string;
  /** What sort of thing it is, in words: `grad_fn node`, `leaf tensor`. */
  subtitle: string;
  rows: InspectorRow[];
  /** The whole tuple as `print(fn.next_functions)` writes it; null for tensors. */
  nextFunctionsText: string | null;
  nextFunctions: NextFunctionEntry[];
  saved: SavedEntry[];
  blocks: ReprBlock[];
  notes: string[];
}

/** `describeSelection(graph, selectedId)`: the inspector's content, or null for the empty state. */
export function describeSelection(graph: GraphView | null, selectedId: string | null): InspectorView | null {
  if (!graph || selectedId === null) return null;
  const viz = graph.model.nodes.find((n) => n.id === selectedId);
  if (!viz) return null;
  const ctx = new GraphIndex(graph);
  if (viz.kind === 'op' && viz.nodeId !== undefined) {
    const node = ctx.nodes.get(viz.nodeId);
    if (node) return describeNode(ctx, viz, node);
  }
  return describeTensor(ctx, viz);
}

/** Lookups by engine id, and which engine ids the graph draws. */
class GraphIndex {
  readonly nodes = new Map<number, NodeSnapshot>();
  readonly tensors = new Map<number, TensorSnapshot>();
  private readonly drawn: Set<string>;

  constructor(readonly graph: GraphView) {
    for (const n of graph.snapshot.nodes) this.nodes.set(n.id, n);
    for (const t of graph.snapshot.tensors) this.tensors.set(t.id, t);
    this.drawn = new Set(graph.model.nodes.map((n) => n.id));
  }

  /** The model id `id` if the graph draws it, else null. */
  drawnId(id: string): string | null {
    return this.drawn.has(id) ? id : null;
  }

  nodeRepr(nodeId: number): string {
    const node = this.nodes.get(nodeId);
    return nodeRepr(node ? node.name : 'Node', nodeId);
  }
}

/** Where the fake heap of autograd nodes starts: engine/format.ts's, so the console agrees. */
const FAKE_HEAP_BASE = 0x7f3a00000000;
const FAKE_OBJECT_SIZE = 0x30;

/** `<MulBackward0 object at 0x7f3a000000c0>`, as the engine prints a Node (engine/format.ts). */
export function nodeRepr(name: string, nodeId: number): string {
  return `<${className(name)} object at 0x${(FAKE_HEAP_BASE + nodeId * FAKE_OBJECT_SIZE).toString(16)}>`;
}

/** The Python class name: `name()` without its C++ namespace (`AccumulateGrad`). */
function className(name: string): string {
  return name.replace(/^.*::/, '');
}

/** A Python tuple's repr: `()`, `(a,)`, `(a, b)`. */
function pyTuple(parts: readonly string[]): string {
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** `torch.Size([2, 2])`. */
export function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

function describeNode(ctx: GraphIndex, viz: VizNode, node: NodeSnapshot): InspectorView {
  const nextFunctions = node.next_functions.map(([id, nr]): NextFunctionEntry => {
    if (id === null) return { text: pyTuple(['None', String(nr)]), name: null, outputNr: nr, targetId: null };
    const name = className(ctx.nodes.get(id)?.name ?? 'Node');
    return { text: pyTuple([ctx.nodeRepr(id), String(nr)]), name, outputNr: nr, targetId: ctx.drawnId(`n${id}`) };
  });
  const rows: InspectorRow[] = [
    { label: 'repr', value: nodeRepr(node.name, node.id) },
    { label: 'name()', value: node.name },
  ];
  const { pre, post, tensor } = node.hooks;
  if (pre + post + tensor > 0) rows.push({ label: 'hooks', value: `${pre} pre, ${post} post, ${tensor} tensor` });

  const blocks: ReprBlock[] = [];
  if (node.variable !== null) {
    const variable = ctx.tensors.get(node.variable);
    blocks.push({ label: 'variable', text: variable?.repr ?? '', targetId: ctx.drawnId(`t${node.variable}`) });
  }
  return {
    id: viz.id,
    kind: viz.kind,
    title: className(node.name),
    subtitle: node.variable !== null ? 'grad_fn node: accumulates into a leaf' : 'grad_fn node',
    rows,
    nextFunctionsText: pyTuple(nextFunctions.map((e) => e.text)),
    nextFunctions,
    saved: node.saved.map((s) => savedEntry(ctx, node.id, s)),
    blocks,
    notes: [],
  };
}

function savedEntry(ctx: GraphIndex, nodeId: number, s: SavedSnapshot): SavedEntry {
  // make_dot draws a node's saved own output as its own box (`n7_saved_result`), other saved
  // tensors as the tensor's box (`t3`).
  const target = (tensorId: number, name: string) =>
    ctx.drawnId(`n${nodeId}_saved_${name.replace(/\W/g, '_')}`) ?? ctx.drawnId(`t${tensorId}`);
  const targetIds: string[] = [];
  if (s.tensor) targetIds.push(target(s.tensor.tensorId, s.key) ?? '');
  s.tensors?.forEach((t, i) => t && targetIds.push(target(t.tensorId, `${s.key}[${i}]`) ?? ''));
  return {
    attr: `_saved_${s.key}`,
    kind: s.kind,
    repr: s.repr,
    note: s.kind !== 'unavailable' ? null : s.freed ? FREED_NOTE : (s.error ?? 'unavailable'),
    targetIds: [...new Set(targetIds.filter((id) => id !== ''))],
  };
}

const SUBTITLES: Record<VizNodeKind, string> = {
  leaf: 'leaf tensor',
  output: 'output tensor',
  saved: 'saved tensor',
  op: 'node',
};

function describeTensor(ctx: GraphIndex, viz: VizNode): InspectorView {
  const t = viz.tensorId !== undefined ? ctx.tensors.get(viz.tensorId) : undefined;
  const shape = t?.shape ?? viz.shape ?? [];
  const name = t?.name ?? (viz.kind === 'saved' ? null : viz.name) ?? null;
  const view: InspectorView = {
    id: viz.id,
    kind: viz.kind,
    title: name ?? `Tensor (${shape.join(', ')})`,
    subtitle: SUBTITLES[viz.kind],
    rows: [],
    nextFunctionsText: null,
    nextFunctions: [],
    saved: [],
    blocks: [],
    notes: [],
  };
  const savedBy = viz.kind === 'saved' ? savedByRows(ctx, viz) : { rows: [], freed: false };
  view.rows.push(...savedBy.rows);
  if (savedBy.freed) view.notes.push(`Saved for backward, then ${FREED_NOTE}.`);
  if (!t) {
    view.rows.push({ label: 'shape', value: torchSize(shape) });
    if (!savedBy.freed) view.notes.push('This run recorded no values for this tensor.');
    return view;
  }
  view.rows.push(
    { label: 'shape', value: torchSize(t.shape) },
    { label: 'dtype', value: `torch.${t.dtype}` },
    { label: 'requires_grad', value: pyBool(t.requires_grad) },
    { label: 'is_leaf', value: pyBool(t.is_leaf) },
    { label: 'retains_grad', value: pyBool(t.retains_grad) },
    t.grad_fn === null
      ? { label: 'grad_fn', value: 'None' }
      : { label: 'grad_fn', value: ctx.nodeRepr(t.grad_fn), targetId: ctx.drawnId(`n${t.grad_fn}`) },
  );
  view.blocks.push({ label: 'value', text: t.repr }, { label: '.grad', text: t.grad ?? 'None' });
  return view;
}

/**
 * For a drawn saved tensor, the nodes that saved it (the undirected edges make_dot draws) and
 * under which attributes. After backward freed them, the attribute is the one make_dot drew.
 */
function savedByRows(ctx: GraphIndex, viz: VizNode): { rows: InspectorRow[]; freed: boolean } {
  const savers = new Set(ctx.graph.model.edges.filter((e) => e.dir === 'none' && e.to === viz.id).map((e) => e.from));
  const rows: InspectorRow[] = [];
  let anyFreed = false;
  for (const saverId of savers) {
    const saver = ctx.graph.model.nodes.find((n) => n.id === saverId);
    const node = saver?.nodeId !== undefined ? ctx.nodes.get(saver.nodeId) : undefined;
    if (!node) continue;
    const mine = node.saved.filter(
      (s) => s.tensor?.tensorId === viz.tensorId || s.tensors?.some((x) => x?.tensorId === viz.tensorId),
    );
    const freed = mine.length === 0 && node.saved.some((s) => s.freed);
    anyFreed ||= freed;
    const attrs = mine.length > 0 ? mine.map((s) => `_saved_${s.key}`) : viz.name ? [`_saved_${viz.name}`] : [];
    rows.push({ label: 'saved by', value: `${className(node.name)}.${attrs.join(', ') || '_saved_*'}`, targetId: saverId });
  }
  return { rows, freed: anyFreed };
}
