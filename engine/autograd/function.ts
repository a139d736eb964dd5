/**
 * How an op joins the graph: `record` makes the op's Node (name, edges, saved values, backward
 * formula) and attaches it to the op's outputs. Every op in engine/ops calls it right after its
 * forward, so an op's forward, backward and saved tensors are declared in one place.
 */
import type { Tensor } from '../tensor';
import { Node, SavedVariable, type Edge, type GradList, type InputMeta, type SavedValue } from './node';
import { is_anomaly_enabled, is_grad_enabled } from './grad_mode';

/** The saved values as the backward formula sees them: SavedVariables unpacked to tensors. */
export type Saved = Record<string, SavedValue>;

/**
 * A backward formula: from the gradients of the op's outputs and its saved values to one gradient
 * per input (null where that input needs none). `needs[i]` says whether input i wants a gradient,
 * so formulas skip work PyTorch would skip (`should_compute_output`).
 */
export type BackwardFn<S extends Saved> = (grads: GradList, saved: S, needs: readonly boolean[]) => GradList;

/** A saved list of tensors (`_saved_tensors` of cat, stack, …). */
class SavedVariableList {
  constructor(readonly items: readonly (SavedVariable | null)[]) {}
}

/**
 * A saved value as stored: tensors wrapped, other values as they are (no wrapper object per value:
 * backward reads each one, and on a long graph every extra object is another cache miss).
 */
type Stored = SavedVariable | SavedVariableList | SavedValue;

// The `needs` of one- and two-input nodes, shared: most nodes have one of these four patterns.
const NEEDS_1 = [Object.freeze([false]), Object.freeze([true])];
const NEEDS_2 = [Object.freeze([false, false]), Object.freeze([false, true]), Object.freeze([true, false]), Object.freeze([true, true])];

function needsOf(edges: readonly Edge[]): readonly boolean[] {
  if (edges.length === 1) return NEEDS_1[edges[0][0] ? 1 : 0];
  if (edges.length === 2) return NEEDS_2[(edges[0][0] ? 2 : 0) + (edges[1][0] ? 1 : 0)];
  return edges.map(([fn]) => fn !== null);
}

/** The Node made by an op: its name is PyTorch's (`MulBackward0`), its saved values `_saved_<key>`. */
export class OpNode<S extends Saved = Saved> extends Node {
  // Two parallel arrays of exact length rather than a Map: a node saves two or three values, and a
  // Map per node weighed on long graphs.
  private savedKeys: readonly string[] = [];
  private savedValues: readonly Stored[] = [];
  /**
   * The op's own saved object, which its formula reads: it holds the very tensors the
   * SavedVariables wrap, so after their checks pass backward needs no object of its own.
   */
  private savedObject: Saved | null = null;
  /** Which inputs want a gradient (edges never change, so it is computed once). */
  private needs: readonly boolean[] | null = null;

  constructor(
    private readonly opName: string,
    edges: Edge[],
    meta: (InputMeta | null)[],
    private readonly backwardFn: BackwardFn<S>,
    private readonly outputs: number,
  ) {
    super(edges, meta);
  }

  override name(): string {
    return this.opName;
  }

  override num_outputs(): number {
    return this.outputs;
  }

  /** Saves the op's values (once, right after the forward): tensors as SavedVariables. */
  _save_all(saved: Saved, outputsOfThisNode: readonly Tensor[]): void {
    const owner = (t: Tensor) => (outputsOfThisNode.includes(t) ? this : null);
    const pack = (value: SavedValue): Stored => {
      if (isTensor(value)) return new SavedVariable(value, owner(value));
      if (Array.isArray(value) && value.some(isTensor)) {
        return new SavedVariableList((value as readonly (Tensor | null)[]).map((t) => (t ? new SavedVariable(t, owner(t)) : null)));
      }
      return value;
    };
    this.savedKeys = Object.keys(saved);
    this.savedValues = this.savedKeys.map((key) => pack(saved[key]));
    this.savedObject = saved;
    for (const key of this.savedKeys) installSavedGetter(key);
  }

  _has_saved(key: string): boolean {
    return this.savedKeys.includes(key);
  }

  /** The names of the saved values, as `_saved_<key>` attributes (for the inspector). */
  _saved_keys(): string[] {
    return this.savedKeys.slice();
  }

  /** The saved value itself (the engine's views of the graph read it). */
  _unpack(key: string): SavedValue {
    return this._unpackAt(this.savedKeys.indexOf(key), false);
  }

  /**
   * `node._saved_<key>` as PyTorch's getter gives it: a saved output of this node comes back as a
   * new Tensor object on every access (sharing the output's data, with this node as its grad_fn:
   * `y.grad_fn._saved_result is not y`), a saved input as the very tensor.
   */
  _saved(key: string): SavedValue {
    return this._unpackAt(this.savedKeys.indexOf(key), true);
  }

  private _unpackAt(index: number, asPython: boolean): SavedValue {
    const s = this.savedValues[index];
    const unpack = (sv: SavedVariable) => (asPython && sv.isOutput ? outputAlias(sv.unpack(), this) : sv.unpack());
    if (s instanceof SavedVariable) return unpack(s);
    if (s instanceof SavedVariableList) return s.items.map((sv) => (sv ? unpack(sv) : null));
    return asPython && !SCALAR_SAVED.has(this.savedKeys[index]) ? asStoredInt(s) : s;
  }

  apply(grads: GradList): GradList {
    // Unpacking raises PyTorch's errors (graph freed, saved tensor changed in place), in key order.
    const values = this.savedValues;
    for (let i = 0; i < values.length; i++) {
      const s = values[i];
      if (s instanceof SavedVariable) s.unpack();
      else if (s instanceof SavedVariableList) for (const sv of s.items) sv?.unpack();
    }
    const needs = this.needs ?? (this.needs = needsOf(this.next_functions));
    return this.backwardFn(grads, this.savedObject as S, needs);
  }

  override _release_variables(): void {
    const values = this.savedValues;
    for (let i = 0; i < values.length; i++) {
      const s = values[i];
      if (s instanceof SavedVariable) s.release();
      else if (s instanceof SavedVariableList) s.items.forEach((sv) => sv?.release());
      else continue;
      // The saved object must not keep a freed tensor alive either.
      this.savedObject![this.savedKeys[i]] = null;
    }
  }
}

/**
 * `_saved_<key>` getters live on OpNode's prototype, one per key name: an accessor defined on each
 * node gave every node its own hidden class and a dictionary of properties (kilobytes per node),
 * which made long graphs slow to build and to collect. A node that saved no such key reads undefined.
 */
const savedGetterKeys = new Set<string>();
function installSavedGetter(key: string): void {
  if (savedGetterKeys.has(key)) return;
  savedGetterKeys.add(key);
  Object.defineProperty(OpNode.prototype, `_saved_${key}`, {
    get(this: OpNode) {
      return this._has_saved(key) ? this._saved(key) : undefined;
    },
    enumerable: false,
    configurable: true,
  });
}

/**
 * The saved values that are PyTorch Scalars (`alpha`, `min`, `exponent`, ...), read back as they
 * were given. Every other saved number is an integer of PyTorch's (a dim, an index, a size: int64_t,
 * SymInt and their lists), which its `_saved_*` getters read as unsigned 64-bit: -1 reads
 * 18446744073709551615, as torchviz's show_attrs prints it.
 */
const SCALAR_SAVED = new Set(['alpha', 'beta', 'exponent', 'min', 'max', 'correction', 'ord', 'value', 'other', 'self']);

function asStoredInt(v: SavedValue): SavedValue {
  const unsigned = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x < 0 ? BigInt.asUintN(64, BigInt(x)) : x);
  return (Array.isArray(v) ? v.map(unsigned) : unsigned(v)) as SavedValue;
}

/**
 * Makes `t` output `nr` of `node`. For a tensor that already had a grad_fn (an in-place op), a
 * retain_grad() moves along to the new node (PyTorch 2.x), so `.grad` is the gradient of the
 * tensor's latest value; hooks registered before stay on the old node, as PyTorch's do.
 */
export function setHistory(t: Tensor, node: Node, nr: number): void {
  if (t._retains_grad && t.grad_fn) t.grad_fn._retains_grad.delete(t._output_nr);
  t.grad_fn = node;
  t._output_nr = nr;
  if (t._retains_grad) node._retains_grad.set(nr, t);
}

/** A node's output unpacked from its SavedVariable: a new tensor over the same data, of this node. */
function outputAlias(t: Tensor, node: Node): Tensor {
  const alias = t._viewOf(t.shape, t._strides.slice(), t._offset, false);
  alias.grad_fn = node;
  alias._output_nr = t._output_nr;
  return alias;
}

function isTensor(v: unknown): v is Tensor {
  return typeof v === 'object' && v !== null && '_version' in v && '_data' in v;
}

/**
 * Called with every Node `record` creates and the tensors it produced, or null (the default). The
 * playground's runner sets it while a snippet runs, to learn which source line created each node
 * and which results no later op consumed; nothing else uses it.
 */
export type NodeCreatedHook = (node: Node, outputs: readonly Tensor[]) => void;
let nodeCreatedHook: NodeCreatedHook | null = null;

/** `torch.autograd._set_node_created_hook(fn | null)`: the runner's hook (see nodeCreatedHook). */
export function _set_node_created_hook(fn: NodeCreatedHook | null): void {
  nodeCreatedHook = fn;
}

/** Whether an op over these inputs must record a graph node. */
export function needsGrad(inputs: readonly (Tensor | null | undefined)[]): boolean {
  if (!is_grad_enabled()) return false;
  for (const t of inputs) if (t && t.requires_grad) return true;
  return false;
}

/**
 * Records `outputs` as produced by op `name` from `inputs` (the op's differentiable inputs, in
 * PyTorch's next_functions order). Returns `outputs` for chaining. Does nothing in no_grad mode or
 * when no input requires grad.
 */
export function record<S extends Saved, T extends Tensor | Tensor[]>(
  name: string,
  inputs: readonly (Tensor | null)[],
  outputs: T,
  saved: S,
  backward: BackwardFn<S>,
): T {
  if (!needsGrad(inputs)) return outputs;
  const outs: Tensor[] = Array.isArray(outputs) ? outputs : [outputs as Tensor];
  // Built with map (exact length: a pushed-to array reserves 17 slots) from _gradientEdge's fresh
  // pairs; validate_outputs reads an input's meta only behind an edge.
  const edges: Edge[] = inputs.map((t) => (t && t.requires_grad ? t._gradientEdge() : null) ?? [null, 0]);
  const meta: (InputMeta | null)[] = inputs.map((t, i) => (t && edges[i][0] ? { shape: t.shape.slice(), dtype: t.dtype, device: t.device } : null));
  const node = new OpNode<S>(name, edges, meta, backward, outs.length);
  if (is_anomaly_enabled()) node._creation_stack = new Error().stack ?? null;
  outs.forEach((o, i) => setHistory(o, node, i));
  node._save_all(saved, outs);
  if (nodeCreatedHook) nodeCreatedHook(node, outs);
  return outputs;
}
