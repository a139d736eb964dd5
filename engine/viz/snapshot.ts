/**
 * A plain copy of the backward graph for the playground's inspector: every reachable Node with
 * its next_functions and saved values, every tensor the graph touches with its values and grad.
 * Values are copied (and capped), so the snapshot neither changes with later in-place ops nor
 * keeps the engine's objects alive, and it crosses to the UI by structured clone.
 */
import { backendOf } from '../backends';
import { afterNextSync } from '../backends/webgpu/storage';
import type { Tensor } from '../tensor';
import type { DType } from '../dtype';
import { AccumulateGrad, FREED_MESSAGE, type Node } from '../autograd/node';
import { OpNode } from '../autograd/function';
import { formatPyValue } from '../format';

/** At most this many values per tensor: the inspector shows the repr for the rest. */
export const SNAPSHOT_VALUE_CAP = 1000;

export interface TensorValues {
  tensorId: number;
  shape: number[];
  dtype: DType;
  /** Row-major, the first SNAPSHOT_VALUE_CAP of them. */
  values: number[];
  numel: number;
  truncated: boolean;
  /** PyTorch's repr, `String(t)`. */
  repr: string;
}

export interface SavedSnapshot {
  /** The key without its prefix: `self` for `_saved_self`. */
  key: string;
  /** `unavailable`: unpacking failed (freed after backward, or modified in place). */
  kind: 'tensor' | 'tensors' | 'value' | 'unavailable';
  /** The graph was freed by a backward without retain_graph. */
  freed: boolean;
  tensor?: TensorValues;
  tensors?: (TensorValues | null)[];
  /** Python's repr of the value; for `unavailable`, empty. */
  repr: string;
  /** The error unpacking raised, for `unavailable`. */
  error?: string;
}

export interface NodeSnapshot {
  id: number;
  name: string;
  /** `[nodeId | null, output_nr]` per next_functions entry. */
  next_functions: [number | null, number][];
  saved: SavedSnapshot[];
  /** For AccumulateGrad: the leaf it accumulates into. */
  variable: number | null;
  hooks: { pre: number; post: number; tensor: number };
}

export interface TensorSnapshot {
  id: number;
  shape: number[];
  dtype: DType;
  requires_grad: boolean;
  is_leaf: boolean;
  grad_fn: number | null;
  output_nr: number;
  retains_grad: boolean;
  name: string | null;
  values: TensorValues;
  /** `String(t)`. */
  repr: string;
  /** `String(t.grad)`, or null when there is no grad. */
  grad: string | null;
  gradValues: TensorValues | null;
}

export interface GraphSnapshot {
  roots: number[];
  /** Nodes in torchviz's visiting order (depth first along next_functions). */
  nodes: NodeSnapshot[];
  tensors: TensorSnapshot[];
}

/** `torch.viz.snapshot_graph(roots, names?)`. */
export function snapshotGraph(roots: readonly Tensor[], names: Record<string, Tensor> = {}): GraphSnapshot {
  const nameOf = new Map<Tensor, string>();
  for (const [name, t] of Object.entries(names)) nameOf.set(t, name);
  const tensors = new Map<Tensor, TensorSnapshot>();
  const noteTensor = (t: Tensor) => {
    if (!tensors.has(t)) tensors.set(t, tensorSnapshot(t, nameOf.get(t) ?? t._name));
  };
  roots.forEach(noteTensor);
  Object.values(names).forEach(noteTensor);

  const nodes: NodeSnapshot[] = [];
  const seen = new Set<Node>();
  // Depth first along next_functions, with a stack of its own: a graph of any depth is walked.
  const visit = (root: Node) => {
    const stack: { next: readonly [Node | null, number][]; i: number }[] = [];
    const enter = (fn: Node) => {
      if (seen.has(fn)) return;
      seen.add(fn);
      nodes.push(nodeSnapshot(fn, noteTensor));
      stack.push({ next: fn.next_functions, i: 0 });
    };
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i === top.next.length) stack.pop();
      else {
        const [next] = top.next[top.i++];
        if (next) enter(next);
      }
    }
  };
  for (const t of [...tensors.keys()]) if (t.grad_fn) visit(t.grad_fn);
  return { roots: roots.map((t) => t.id), nodes, tensors: [...tensors.values()] };
}

function nodeSnapshot(fn: Node, noteTensor: (t: Tensor) => void): NodeSnapshot {
  if (fn instanceof AccumulateGrad) noteTensor(fn.variable);
  for (const t of fn._retains_grad.values()) noteTensor(t);
  const tensorHooks = fn._has_tensor_pre_hooks() ? fn._tensor_pre_hooks.length : 0;
  return {
    id: fn.id,
    name: fn.name(),
    next_functions: fn.next_functions.map(([next, nr]) => [next ? next.id : null, nr]),
    saved: fn instanceof OpNode ? fn._saved_keys().map((key) => savedSnapshot(fn, key, noteTensor)) : [],
    variable: fn instanceof AccumulateGrad ? fn.variable.id : null,
    hooks: { pre: fn._pre_hooks.length, post: fn._post_hooks.length, tensor: tensorHooks },
  };
}

function savedSnapshot(fn: OpNode, key: string, noteTensor: (t: Tensor) => void): SavedSnapshot {
  let val: unknown;
  try {
    val = fn._unpack(key);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { key, kind: 'unavailable', freed: error === FREED_MESSAGE, repr: '', error };
  }
  if (isTensor(val)) {
    noteTensor(val);
    return { key, kind: 'tensor', freed: false, tensor: tensorValues(val), repr: String(val) };
  }
  if (Array.isArray(val) && val.some(isTensor)) {
    const list = val as (Tensor | null)[];
    list.forEach((t) => t && noteTensor(t));
    return { key, kind: 'tensors', freed: false, tensors: list.map((t) => (t ? tensorValues(t) : null)), repr: formatPyValue(list, 'repr') };
  }
  return { key, kind: 'value', freed: false, repr: formatPyValue(val, 'repr') };
}

function tensorSnapshot(t: Tensor, name: string | null): TensorSnapshot {
  const g = t.grad;
  const values = tensorValues(t);
  return {
    id: t.id,
    shape: t.shape.slice(),
    dtype: t.dtype,
    requires_grad: t.requires_grad,
    is_leaf: t.is_leaf,
    grad_fn: t.grad_fn ? t.grad_fn.id : null,
    output_nr: t._output_nr,
    retains_grad: t.retains_grad,
    name,
    values,
    repr: values.repr,
    grad: g ? String(g) : null,
    gradValues: g ? tensorValues(g) : null,
  };
}

export function tensorValues(t: Tensor): TensorValues {
  if (t.device === 'webgpu') return gpuTensorValues(t);
  const all = t._values();
  const n = Math.min(all.length, SNAPSHOT_VALUE_CAP);
  return {
    tensorId: t.id,
    shape: t.shape.slice(),
    dtype: t.dtype,
    values: Array.from(all.subarray(0, n)),
    numel: all.length,
    truncated: all.length > n,
    repr: String(t),
  };
}

/**
 * A webgpu tensor's values arrive after the run: a copy is enqueued now and the arrays are filled
 * in place at the next torch.webgpu.synchronize() (the runner waits for it before posting).
 */
function gpuTensorValues(t: Tensor): TensorValues {
  const numel = t.numel();
  const n = Math.min(numel, SNAPSHOT_VALUE_CAP);
  const read = backendOf(t).capture(t);
  const out: TensorValues = { tensorId: t.id, shape: t.shape.slice(), dtype: t.dtype, values: [], numel, truncated: numel > n, repr: String(t) };
  afterNextSync(() => {
    const all = read();
    for (let i = 0; i < n; i++) out.values.push(all[i]);
  });
  return out;
}

function isTensor(v: unknown): v is Tensor {
  return typeof v === 'object' && v !== null && '_version' in v && '_data' in v;
}
