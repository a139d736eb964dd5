/**
 * torchviz's `make_dot` (torchviz/dot.py, 0.0.2): the backward graph as boxes and arrows, built
 * by the same walk, in the same order and with the same colours and labels, so that `toDot()`
 * writes the Graphviz source torchviz writes. The model is plain data (it crosses to the UI by
 * structured clone); `toDot` rides along as a non-enumerable method, which a clone drops.
 */
import type { Tensor } from '../tensor';
import { AccumulateGrad, type Node } from '../autograd/node';
import { OpNode } from '../autograd/function';
import { formatPyValue } from '../format';
import { toDot, type DotGraph, type GraphModel, type NodeStatement, type VizEdge, type VizNode, type VizNodeKind } from './dot';

export { toDot };
export type { DotGraph, GraphModel, NodeStatement, VizEdge, VizNode, VizNodeKind };

export interface MakeDotOptions {
  params?: Record<string, Tensor> | null;
  show_attrs?: boolean;
  show_saved?: boolean;
  max_attr_chars?: number;
}

const SAVED_PREFIX = '_saved_';
const OUTPUT_COLOR = 'darkolivegreen1';
const VIEW_BASE_COLOR = 'darkolivegreen3';

/** torchviz's `make_dot(var, params=None, show_attrs=False, show_saved=False, max_attr_chars=50)`. */
export function make_dot(outputs: Tensor | readonly Tensor[], params?: Record<string, Tensor> | null, show_attrs = false, show_saved = false, max_attr_chars = 50): DotGraph {
  return makeDotKeepingFreed(outputs, { params, show_attrs, show_saved, max_attr_chars }, null);
}

/**
 * A node's saved values as they were before a backward freed them (key, value: a tensor or a list
 * of tensors), or null when not known.
 */
export type KeptSaved = (fn: Node) => readonly (readonly [string, unknown])[] | null;

/**
 * make_dot, except that with `show_saved` a node whose saved tensors a backward freed draws them
 * from `kept` (marked `freed`) where torchviz raises. The viewer uses it to show what backward
 * used; a snippet's own make_dot call stays torchviz's.
 */
export function makeDotKeepingFreed(outputs: Tensor | readonly Tensor[], opts: MakeDotOptions, kept: KeptSaved | null): DotGraph {
  const paramMap = new Map<Tensor, string>();
  for (const [name, t] of Object.entries(opts.params ?? {})) {
    paramMap.set(t, name);
    t._name = name;
  }
  const walk = new DotWalk(paramMap, opts.show_attrs ?? false, opts.show_saved ?? false, opts.max_attr_chars ?? 50, kept);
  for (const t of isTensorList(outputs) ? outputs : [outputs]) walk.addBaseTensor(t, OUTPUT_COLOR);
  const model: GraphModel = { nodes: [...walk.nodes.values()], edges: walk.edges, size: resizeGraph(walk.rows) };
  return withToDot(model);
}

function isTensorList(v: Tensor | readonly Tensor[]): v is readonly Tensor[] {
  return Array.isArray(v);
}

/** Attaches `toDot()` without making it part of what a structured clone copies. */
export function withToDot(model: GraphModel): DotGraph {
  Object.defineProperty(model, 'toDot', { value: () => toDot(model), enumerable: false, configurable: true });
  return model as DotGraph;
}

/** torchviz's resize_graph: 0.15 inch per body row, at least 12; the number as Python's str writes it. */
function resizeGraph(rows: number): string {
  const content = rows * 0.15;
  const size = content > 12 ? (Number.isInteger(content) ? content.toFixed(1) : String(content)) : '12';
  return `${size},${size}`;
}

/** `'(2, 2)'`, as torchviz's size_to_str writes a size. */
export function sizeToStr(shape: readonly number[]): string {
  return `(${shape.join(', ')})`;
}

function isTensor(v: unknown): v is Tensor {
  return typeof v === 'object' && v !== null && '_version' in v && '_data' in v;
}

/** The Python class name torchviz prints: `name()` without a C++ namespace (`AccumulateGrad`). */
function className(fn: Node): string {
  return fn.name().replace(/^.*::/, '');
}

/**
 * A node's `_saved_*` attributes in `dir()` order (sorted), without the prefix, unpacked: after
 * the graph was freed this throws PyTorch's error, as torchviz's getattr does.
 */
function savedAttrs(fn: Node): [string, unknown][] {
  if (!(fn instanceof OpNode)) return [];
  return fn._saved_keys().slice().sort().map((key) => [key, fn._unpack(key)]);
}

type SeenKey = Tensor | Node;

/** One make_dot call: the statements torchviz emits, with Graphviz's later-attributes-win merging. */
class DotWalk {
  readonly nodes = new Map<string, VizNode>();
  readonly edges: VizEdge[] = [];
  rows = 0;
  private readonly seen = new Set<SeenKey>();

  constructor(
    private readonly paramMap: ReadonlyMap<Tensor, string>,
    private readonly showAttrs: boolean,
    private readonly showSaved: boolean,
    private readonly maxAttrChars: number,
    private readonly kept: KeptSaved | null,
  ) {}

  addBaseTensor(v: Tensor, color: string): void {
    if (this.seen.has(v)) return;
    this.seen.add(v);
    this.tensorNode(tensorId(v), v, 'output', color);
    if (v.grad_fn) {
      this.addNodes(v.grad_fn);
      this.edge(nodeId(v.grad_fn), tensorId(v));
    }
    if (v._base) {
      this.addBaseTensor(v._base, VIEW_BASE_COLOR);
      this.edge(tensorId(v._base), tensorId(v), { style: 'dotted' });
    }
  }

  /**
   * torchviz's recursive add_nodes, walked with a stack of its own so that a graph of any depth
   * (a loop of thousands of ops) is drawn: the statements come in the recursion's order.
   */
  private addNodes(root: Node): void {
    const stack: { fn: Node; next: readonly [Node | null, number][]; i: number }[] = [];
    const enter = (fn: Node) => {
      if (this.seen.has(fn)) return;
      this.seen.add(fn);
      if (this.showSaved) this.addSaved(fn);
      if (fn instanceof AccumulateGrad) {
        const v = fn.variable;
        this.seen.add(v);
        this.tensorNode(tensorId(v), v, 'leaf', 'lightblue');
        this.edge(tensorId(v), nodeId(fn));
      }
      this.node({ id: nodeId(fn), kind: 'op', label: this.fnLabel(fn), fillcolor: 'lightgrey', nodeId: fn.id });
      stack.push({ fn, next: fn.next_functions, i: 0 });
    };
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i === top.next.length) {
        stack.pop();
        continue;
      }
      const [next] = top.next[top.i++];
      if (next === null) continue;
      this.edge(nodeId(next), nodeId(top.fn));
      enter(next);
    }
  }

  private addSaved(fn: Node): void {
    let attrs: readonly (readonly [string, unknown])[];
    let freed = false;
    try {
      attrs = savedAttrs(fn);
    } catch (e) {
      const kept = this.kept?.(fn);
      if (!kept) throw e;
      attrs = kept.slice().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      freed = true;
    }
    for (const [key, val] of attrs) {
      const draw = (t: Tensor, name: string) => {
        // PyTorch unpacks a node's saved own output as a new tensor object on every access.
        const id = t.grad_fn === fn ? `${nodeId(fn)}${SAVED_PREFIX}${name.replace(/\W/g, '_')}` : tensorId(t);
        if (t.grad_fn !== fn) this.seen.add(t);
        this.edge(nodeId(fn), id, { dir: 'none' });
        this.tensorNode(id, t, 'saved', 'orange', name, freed);
      };
      if (isTensor(val)) draw(val, key);
      else if (Array.isArray(val)) val.forEach((t: unknown, i) => isTensor(t) && draw(t, `${key}[${i}]`));
    }
  }

  /** torchviz's get_fn_name: the class name, with show_attrs a table of the saved attributes. */
  private fnLabel(fn: Node): string {
    const name = className(fn);
    if (!this.showAttrs) return name;
    const attrs = savedAttrs(fn).map(([key, val]): [string, string] => [key, savedAttrStr(val)]);
    if (attrs.length === 0) return name;
    const maxChars = Math.max(this.maxAttrChars, 3);
    const col1 = Math.max(...attrs.map(([k]) => pyLen(k)));
    const col2 = Math.min(Math.max(...attrs.map(([, v]) => pyLen(v))), maxChars);
    const sep = '-'.repeat(Math.max(col1 + col2 + 2, pyLen(name)));
    const truncate = (s: string) => (pyLen(s) > col2 ? [...s].slice(0, Math.max(col2 - 3, 0)).join('') + '...' : s);
    const rows = attrs.map(([k, v]) => `${padEnd(k, col1)}: ${padStart(truncate(v), col2)}`);
    return `${name}\n${sep}\n${rows.join('\n')}`;
  }

  private tensorNode(id: string, t: Tensor, kind: VizNodeKind, fillcolor: string, savedName?: string, freed = false): void {
    const name = savedName || this.paramMap.get(t) || '';
    const node: Omit<VizNode, 'order'> = { id, kind, label: `${name}\n ${sizeToStr(t.shape)}`, fillcolor, tensorId: t.id, shape: t.shape.slice() };
    if (name) node.name = name;
    if (freed) node.freed = true;
    this.node(node);
  }

  private node(n: Omit<VizNode, 'order' | 'statements'>): void {
    const first = this.nodes.get(n.id);
    const statement: NodeStatement = { order: this.rows++, kind: n.kind, label: n.label, fillcolor: n.fillcolor };
    if (!first) {
      this.nodes.set(n.id, { ...n, order: statement.order });
      return;
    }
    const statements = first.statements ?? [{ order: first.order, kind: first.kind, label: first.label, fillcolor: first.fillcolor }];
    this.nodes.set(n.id, { ...n, order: first.order, statements: [...statements, statement] });
  }

  private edge(from: string, to: string, attrs: { dir?: 'none'; style?: 'dotted' } = {}): void {
    this.edges.push({ from, to, ...attrs, order: this.rows++ });
  }
}

function tensorId(t: Tensor): string {
  return `t${t.id}`;
}

function nodeId(n: Node): string {
  return `n${n.id}`;
}

/** torchviz's rendering of one saved attribute in the show_attrs table (Python's str()). */
function savedAttrStr(val: unknown): string {
  if (isTensor(val)) return '[saved tensor]';
  if (Array.isArray(val) && val.some(isTensor)) return '[saved tensors]';
  return formatPyValue(val, 'str');
}

/** Python's len(): code points, not UTF-16 units. */
function pyLen(s: string): number {
  return [...s].length;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - pyLen(s)));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - pyLen(s))) + s;
}
