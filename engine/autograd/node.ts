/**
 * The backward graph's vertices, as PyTorch's `torch::autograd::Node`: a name, edges to the next
 * functions, hooks, and the saved values a backward formula needs.
 */
import type { Tensor } from '../tensor';
import type { DType } from '../dtype';
import { formatNodeRepr } from '../format';
import { is_anomaly_enabled } from './grad_mode';
import { RuntimeError } from '../errors';

export type Edge = [Node | null, number];

/** A value an op saves for its backward: tensors are wrapped in SavedVariable, the rest kept as is. */
export type SavedValue = Tensor | number | bigint | boolean | string | null | readonly number[] | readonly (Tensor | null)[];

export type GradList = (Tensor | null)[];
/** `node.register_hook(fn)`: called with (grad_inputs, grad_outputs) after the node ran. */
export type NodePostHook = (gradInputs: GradList, gradOutputs: GradList) => GradList | void | undefined | null;
/** `node.register_prehook(fn)`: called with grad_outputs before the node runs. */
export type NodePreHook = (gradOutputs: GradList) => GradList | void | undefined | null;
/** `tensor.register_hook(fn)`: called with the gradient of that tensor (null: it got none). */
export type TensorHook = (grad: Tensor) => Tensor | void | undefined | null;
/** A tensor hook on output `nr` of a node. */
export interface TensorPreHook {
  nr: number;
  fn: TensorHook;
}

export interface RemovableHandle {
  remove(): void;
}

/** What the engine needs of an edge's target to validate the gradient sent along it. */
export interface InputMeta {
  shape: readonly number[];
  dtype: DType;
  device: string;
}

const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

let nextNodeId = 1;
/** Who registered each tensor hook, kept off the Node: few nodes ever have one. */
const tensorHookOwners = new WeakMap<Node, Map<TensorHook, number>>();
let nextSequenceNr = 0;

/** Ids shared by Tensors and Nodes would confuse the viewer, so each kind counts on its own. */
export function resetNodeIdsForTests(): void {
  nextNodeId = 1;
}

const NO_HOOKS: unknown[] = Object.freeze([]) as unknown as unknown[];

export abstract class Node {
  readonly id = nextNodeId++;
  /** PyTorch's sequence number: the engine runs ready nodes newest first. */
  readonly _sequence_nr: number;
  next_functions: Edge[];
  /** Shape/dtype of the tensor at the other end of each edge, for validate_outputs. */
  _input_meta: (InputMeta | null)[];
  // Until a hook is registered these are one shared, frozen empty list: most nodes never get a
  // hook, and an empty array of its own per node was two more objects for backward to visit.
  _pre_hooks: NodePreHook[] = NO_HOOKS as NodePreHook[];
  _post_hooks: NodePostHook[] = NO_HOOKS as NodePostHook[];
  // Created on first use: most nodes never get a tensor hook or a retain_grad, and two Maps per
  // node were a fifth of a long graph's memory (and of its garbage-collection time).
  private _tensorPreHooks: TensorPreHook[] | null = null;
  private _retainsGrad: Map<number, Tensor> | null = null;
  /** Anomaly mode: the stack of the forward call that created this node. */
  _creation_stack: string | null = null;
  metadata: Record<string, unknown> = {};
  // The engine's bookkeeping for the backward run in progress, kept on the node rather than in a
  // per-run Map (on a long chain the Map cost more than running the nodes). Valid only while
  // `_run_id` is that run's id; engine.ts owns these fields.
  /** @internal */
  _run_id = 0;
  /** Edges from reachable nodes not yet run. @internal */
  _run_deps = 0;
  /** The gradients received so far, per output slot. @internal */
  _run_grads: GradList | null = null;
  /** engine.ts's NEEDED | SUMMED bits. @internal */
  _run_flags = 0;

  constructor(nextFunctions: Edge[], inputMeta: (InputMeta | null)[], sequenceNr?: number) {
    this.next_functions = nextFunctions;
    this._input_meta = inputMeta;
    this._sequence_nr = sequenceNr ?? nextSequenceNr++;
  }

  /**
   * Hooks registered on this node's outputs by `tensor.register_hook`, in registration order (as
   * PyTorch's tensor_pre_hooks: each sees what the earlier ones of its output returned).
   */
  get _tensor_pre_hooks(): TensorPreHook[] {
    return (this._tensorPreHooks ??= []);
  }

  /** `retain_grad()` capture slots: output_nr -> tensor, filled after the tensor hooks ran. */
  get _retains_grad(): Map<number, Tensor> {
    return (this._retainsGrad ??= new Map());
  }

  /** Whether `_tensor_pre_hooks` / `_retains_grad` hold anything, without creating them. */
  _has_tensor_pre_hooks(): boolean {
    return this._tensorPreHooks !== null && this._tensorPreHooks.length > 0;
  }

  _has_retains_grad(): boolean {
    return this._retainsGrad !== null && this._retainsGrad.size > 0;
  }

  abstract name(): string;

  /** Number of outputs of the forward op (= gradients this node receives). */
  num_outputs(): number {
    return 1;
  }

  /** Computes the gradients for next_functions from the gradients of this node's outputs. */
  abstract apply(gradOutputs: GradList): GradList;

  /** Frees saved tensors (called after backward without retain_graph). */
  _release_variables(): void {}

  register_hook(fn: NodePostHook): RemovableHandle {
    if (this._post_hooks === NO_HOOKS) this._post_hooks = [];
    this._post_hooks.push(fn);
    return removable(this._post_hooks, fn);
  }

  register_prehook(fn: NodePreHook): RemovableHandle {
    if (this._pre_hooks === NO_HOOKS) this._pre_hooks = [];
    this._pre_hooks.push(fn);
    return removable(this._pre_hooks, fn);
  }

  /** `tensorId`: the tensor that registers it, which the backward trace names. */
  _register_tensor_hook(outputNr: number, fn: TensorHook, tensorId?: number): RemovableHandle {
    const entry: TensorPreHook = { nr: outputNr, fn };
    this._tensor_pre_hooks.push(entry);
    if (tensorId !== undefined) {
      let owners = tensorHookOwners.get(this);
      if (!owners) tensorHookOwners.set(this, (owners = new Map()));
      owners.set(fn, tensorId);
    }
    return removable(this._tensor_pre_hooks, entry);
  }

  /** The id of the tensor that registered tensor hook `fn` on this node, when known. */
  _tensor_hook_owner(fn: TensorHook): number | null {
    return tensorHookOwners.get(this)?.get(fn) ?? null;
  }

  /** The Python class name in the repr: `name()` without a C++ namespace (`AccumulateGrad`). */
  toString(): string {
    return formatNodeRepr(this.name().replace(/^.*::/, ''), this.id);
  }

  __repr__(): string {
    return this.toString();
  }
}

function removable<T>(list: T[], item: T): RemovableHandle {
  return {
    remove() {
      const i = list.indexOf(item);
      if (i >= 0) list.splice(i, 1);
    },
  };
}

/**
 * A tensor saved for backward, with the version it had when saved: unpacking it after an in-place
 * change, or after the graph was freed, fails with PyTorch's messages.
 */
export class SavedVariable {
  private tensor: Tensor | null;
  private readonly savedVersion: number;
  /** For an op's own output: that op, named in the error (other tensors name their grad_fn then). */
  private readonly savedGradFnName: string | null;
  private freed = false;

  constructor(tensor: Tensor, owner: Node | null) {
    this.tensor = tensor;
    this.savedVersion = tensor._version;
    this.savedGradFnName = owner ? owner.name() : null;
  }

  /** Whether the saved tensor is an output of the node that saved it (PyTorch's `is_output`). */
  get isOutput(): boolean {
    return this.savedGradFnName !== null;
  }

  unpack(): Tensor {
    if (this.freed || this.tensor === null) throw new RuntimeError(FREED_MESSAGE);
    const t = this.tensor;
    if (t._version !== this.savedVersion) {
      // As PyTorch: a saved input names its grad_fn as it is now (an in-place op replaced it).
      const gradFnName = this.savedGradFnName ?? (t.grad_fn ? t.grad_fn.name() : null);
      const which = gradFnName ? `, which is output ${t._output_nr} of ${gradFnName},` : '';
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${t._typeName()} [${t.shape.join(', ')}]]${which} is at version ${t._version}; ` +
          `expected version ${this.savedVersion} instead. ` +
          (is_anomaly_enabled()
            ? 'Hint: the backtrace further above shows the operation that failed to compute its gradient. The variable in question was changed in there or anywhere later. Good luck!'
            : 'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).'),
      );
    }
    return t;
  }

  release(): void {
    this.freed = true;
    this.tensor = null;
  }
}

export { FREED_MESSAGE };

/** The leaf end of the graph: adds the incoming gradient into `variable.grad`. */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Tensor) {
    // Runs as soon as it is ready, as PyTorch gives it the highest sequence number.
    super([], [{ shape: variable.shape, dtype: variable.dtype, device: variable.device }], Number.MAX_SAFE_INTEGER);
  }

  name(): string {
    return 'torch::autograd::AccumulateGrad';
  }

  apply(): GradList {
    throw new RuntimeError('AccumulateGrad is run by the engine, which accumulates into variable.grad');
  }
}
