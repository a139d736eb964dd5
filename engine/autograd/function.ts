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

type Stored = { kind: 'tensor'; v: SavedVariable } | { kind: 'tensors'; v: (SavedVariable | null)[] } | { kind: 'value'; v: SavedValue };

/** The Node made by an op: its name is PyTorch's (`MulBackward0`), its saved values `_saved_<key>`. */
export class OpNode<S extends Saved = Saved> extends Node {
  private readonly stored = new Map<string, Stored>();

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

  _save(key: string, value: SavedValue, outputsOfThisNode: readonly Tensor[]): void {
    const owner = (t: Tensor) => (outputsOfThisNode.includes(t) ? this : null);
    if (isTensor(value)) {
      this.stored.set(key, { kind: 'tensor', v: new SavedVariable(value, owner(value)) });
    } else if (Array.isArray(value) && value.some(isTensor)) {
      const list = (value as readonly (Tensor | null)[]).map((t) => (t ? new SavedVariable(t, owner(t)) : null));
      this.stored.set(key, { kind: 'tensors', v: list });
    } else {
      this.stored.set(key, { kind: 'value', v: value });
    }
    Object.defineProperty(this, `_saved_${key}`, { get: () => this._unpack(key), enumerable: false, configurable: true });
  }

  /** The names of the saved values, as `_saved_<key>` attributes (for the inspector). */
  _saved_keys(): string[] {
    return [...this.stored.keys()];
  }

  _unpack(key: string): SavedValue {
    const s = this.stored.get(key)!;
    if (s.kind === 'tensor') return s.v.unpack();
    if (s.kind === 'tensors') return s.v.map((sv) => (sv ? sv.unpack() : null));
    return s.v;
  }

  apply(grads: GradList): GradList {
    const saved: Saved = {};
    for (const key of this.stored.keys()) saved[key] = this._unpack(key);
    const needs = this.next_functions.map(([fn]) => fn !== null);
    return this.backwardFn(grads, saved as S, needs);
  }

  override _release_variables(): void {
    for (const s of this.stored.values()) {
      if (s.kind === 'tensor') s.v.release();
      else if (s.kind === 'tensors') s.v.forEach((sv) => sv?.release());
    }
  }
}

function isTensor(v: unknown): v is Tensor {
  return typeof v === 'object' && v !== null && '_version' in v && '_data' in v;
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
  const edges: Edge[] = [];
  const meta: (InputMeta | null)[] = [];
  for (const t of inputs) {
    const edge = t && t.requires_grad ? t._gradientEdge() : null;
    edges.push(edge ? [edge[0], edge[1]] : [null, 0]);
    meta.push(t ? { shape: t.shape.slice(), dtype: t.dtype, device: t.device } : null);
  }
  const node = new OpNode<S>(name, edges, meta, backward, outs.length);
  if (is_anomaly_enabled()) node._creation_stack = new Error().stack ?? null;
  outs.forEach((o, i) => {
    o.grad_fn = node;
    o._output_nr = i;
  });
  for (const key of Object.keys(saved)) node._save(key, saved[key], outs);
  return outputs;
}
