/**
 * The backward engine, as PyTorch's engine.cpp runs it: count each node's dependencies, then run a
 * node once every gradient flowing into it has arrived and been summed, newest node first. Every
 * run records a trace (what each node received, sent and accumulated) for the viewer.
 */
import type { Tensor } from '../tensor';
import { AccumulateGrad, type GradList, type Node } from './node';
import { OpNode } from './function';
import { is_anomaly_enabled, is_grad_enabled, set_grad_enabled } from './grad_mode';
import { sameShape, isExpandableTo } from '../shape';
import { add, copy_, zerosLike } from '../ops/elementwise';
import { sum_to_size } from '../ops/reduce';
import { TraceRecorder } from './trace';

export interface RunOptions {
  keepGraph: boolean;
  createGraph: boolean;
  /** Restrict the run to these tensors (autograd.grad, backward(inputs=...)). */
  inputs?: readonly Tensor[];
  /** Whether leaves' .grad is written (backward) or the gradients are returned (autograd.grad). */
  accumulate: boolean;
  kind: 'backward' | 'grad';
}

/** Max-heap on sequence number: among ready nodes the newest runs first, AccumulateGrad at once. */
class ReadyQueue {
  private heap: Node[] = [];
  get size(): number {
    return this.heap.length;
  }
  push(n: Node): void {
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]._sequence_nr >= h[i]._sequence_nr) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Node {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]._sequence_nr > h[m]._sequence_nr) m = l;
        if (r < h.length && h[r]._sequence_nr > h[m]._sequence_nr) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Gradients arriving at one node: a slot per output of the forward op, summed as they arrive. */
class InputBuffer {
  readonly grads: GradList;
  constructor(n: number) {
    this.grads = new Array<Tensor | null>(n).fill(null);
  }
  add(slot: number, g: Tensor): void {
    const old = this.grads[slot];
    this.grads[slot] = old === null ? g : add(old, g);
  }
}

/**
 * Runs backward from `roots` seeded with `rootGrads`. Returns, for autograd.grad, the gradient
 * of each of `opts.inputs` (null where unused).
 */
export function runBackward(roots: readonly Tensor[], rootGrads: readonly Tensor[], opts: RunOptions): GradList {
  const rootEdges = roots.map((t, i) => {
    const e = t._gradientEdge();
    if (!e) throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    return e;
  });

  // Where each requested input's gradient is read: the edge into its grad_fn or its AccumulateGrad.
  const captureAt = new Map<Node, Map<number, number[]>>();
  const inputs = opts.inputs;
  if (inputs) {
    inputs.forEach((t, i) => {
      const e = t._gradientEdge();
      if (!e) throw new Error('One of the differentiated Tensors does not require grad');
      let slots = captureAt.get(e[0]);
      if (!slots) captureAt.set(e[0], (slots = new Map()));
      const list = slots.get(e[1]) ?? [];
      list.push(i);
      slots.set(e[1], list);
    });
  }

  // Dependencies: how many edges from reachable nodes point at each node.
  const deps = new Map<Node, number>();
  const order: Node[] = [];
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const [n] of rootEdges) {
    if (!seen.has(n)) {
      seen.add(n);
      stack.push(n);
    }
  }
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (const [next] of n.next_functions) {
      if (!next) continue;
      deps.set(next, (deps.get(next) ?? 0) + 1);
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }

  // Which nodes must run: all of them for a plain backward; with inputs, those leading to one.
  const needed = computeNeeded(order, inputs, captureAt, opts.accumulate);

  const buffers = new Map<Node, InputBuffer>();
  const bufferOf = (n: Node) => {
    let b = buffers.get(n);
    if (!b) buffers.set(n, (b = new InputBuffer(n.num_outputs())));
    return b;
  };
  const trace = new TraceRecorder(opts.kind, roots);
  const queue = new ReadyQueue();
  rootEdges.forEach(([n, nr], i) => {
    bufferOf(n).add(nr, rootGrads[i]);
    trace.arrive(n, nr, null, rootGrads[i]);
  });
  for (const n of new Set(rootEdges.map(([n]) => n))) if (!deps.get(n)) queue.push(n);

  const captured: GradList = inputs ? new Array<Tensor | null>(inputs.length).fill(null) : [];
  const prevGrad = is_grad_enabled();
  set_grad_enabled(opts.createGraph);
  try {
    while (queue.size) {
      const node = queue.pop();
      const buffer = bufferOf(node);
      buffers.delete(node);
      const grads = buffer.grads;
      const step = trace.begin(node, grads);

      runTensorPreHooks(node, grads, step);
      captureRetained(node, grads, step);
      const slots = captureAt.get(node);
      if (slots) for (const [nr, idxs] of slots) for (const i of idxs) captured[i] = grads[nr];

      let outputs: GradList = [];
      if (needed.has(node) && grads.some((g) => g !== null)) {
        for (const hook of node._pre_hooks) {
          const r = hook(grads.slice());
          if (r) r.forEach((g, i) => (grads[i] = g));
          step.hook('pre');
        }
        if (node instanceof AccumulateGrad) {
          accumulateGrad(node, grads[0]!, opts.createGraph);
          step.accumulated(node.variable);
        } else {
          outputs = node.apply(grads);
          for (const hook of node._post_hooks) {
            const r = hook(outputs.slice(), grads.slice());
            if (r) outputs = r;
            step.hook('post');
          }
          outputs = validateOutputs(node, outputs);
          if (is_anomaly_enabled()) checkNan(node, outputs);
        }
        if (!opts.keepGraph) node._release_variables();
      }

      node.next_functions.forEach(([next, nr], i) => {
        // An edge to None is recorded too: the viewer shows that nothing flows there.
        const g = next ? outputs[i] ?? null : null;
        step.send(i, next, nr, g);
        if (!next) return;
        if (g) {
          bufferOf(next).add(nr, g);
          trace.arrive(next, nr, node, g);
        }
        const left = deps.get(next)! - 1;
        deps.set(next, left);
        if (left === 0) queue.push(next);
      });
      trace.end(step);
    }
  } finally {
    set_grad_enabled(prevGrad);
    trace.finish();
  }
  return captured;
}

function computeNeeded(order: readonly Node[], inputs: readonly Tensor[] | undefined, captureAt: Map<Node, unknown>, accumulate: boolean): Set<Node> {
  if (!inputs) return new Set(order);
  const targets = new Set<Node>();
  for (const n of captureAt.keys()) if (n instanceof AccumulateGrad && accumulate) targets.add(n);
  const needed = new Set<Node>();
  // `order` is a DFS preorder: a node reached again by a later path can precede one of its
  // predecessors, so the backwards walk repeats until nothing new is marked.
  const leadsToCapture = new Set<Node>();
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      if (leadsToCapture.has(n)) continue;
      let leads = targets.has(n);
      for (const [next] of n.next_functions) if (next && (leadsToCapture.has(next) || captureAt.has(next))) leads = true;
      if (leads) {
        leadsToCapture.add(n);
        needed.add(n);
        changed = true;
      }
    }
  }
  return needed;
}

/**
 * AccumulateGrad: the first gradient is stored as a copy (no aliasing), later ones are added, as
 * PyTorch does. Under create_graph the copy is `new_empty_strided(...).copy_(grad)`, so `.grad`
 * prints `grad_fn=<CopyBackwards>` as it does in PyTorch.
 */
function accumulateGrad(node: AccumulateGrad, g: Tensor, createGraph: boolean): void {
  const v = node.variable;
  const old = v._grad;
  if (old === null) {
    v._grad = createGraph ? copy_(zerosLike(v), g) : g.detach().clone();
  } else if (!createGraph) {
    old.add_(g);
  } else {
    v._grad = old.add(g);
  }
}

function runTensorPreHooks(node: Node, grads: GradList, step: { hook(kind: 'tensor'): void }): void {
  if (!node._has_tensor_pre_hooks()) return;
  for (const [nr, hooks] of node._tensor_pre_hooks) {
    for (const hook of hooks) {
      const g = grads[nr];
      if (!g) continue;
      const r = hook(g);
      if (r) grads[nr] = r;
      step.hook('tensor');
    }
  }
}

/** retain_grad(): the non-leaf's .grad is set (then summed) from the gradient entering its grad_fn. */
function captureRetained(node: Node, grads: GradList, step: { retained(t: Tensor): void }): void {
  if (!node._has_retains_grad()) return;
  for (const [nr, t] of node._retains_grad) {
    const g = grads[nr];
    if (!g) continue;
    t._grad = t._grad === null ? g.detach().clone() : t._grad.add(g).detach();
    step.retained(t);
  }
}

function validateOutputs(node: Node, outputs: GradList): GradList {
  const edges = node.next_functions;
  if (outputs.length !== edges.length) {
    throw new Error(`function ${node.name()} returned an incorrect number of gradients (expected ${edges.length}, got ${outputs.length})`);
  }
  return outputs.map((g, i) => {
    const meta = node._input_meta[i];
    if (!g || !edges[i][0] || !meta) return edges[i][0] ? g : null;
    let out = g;
    if (!sameShape(out.shape, meta.shape)) {
      if (!isExpandableTo(meta.shape, out.shape)) {
        throw new Error(`Function ${node.name()} returned an invalid gradient at index ${i} - got [${out.shape.join(', ')}] but expected shape compatible with [${meta.shape.join(', ')}]`);
      }
      out = sum_to_size(out, meta.shape);
    }
    if (out.dtype !== meta.dtype) out = out.to(meta.dtype);
    return out;
  });
}

function checkNan(node: Node, outputs: GradList): void {
  outputs.forEach((g, i) => {
    if (!g) return;
    const v = g._values();
    for (let k = 0; k < v.length; k++) {
      if (Number.isNaN(v[k])) {
        // PyTorch warns with the forward traceback and raises the bare message.
        if (node instanceof OpNode && node._creation_stack) {
          console.warn(`Error detected in ${node.name()}. Traceback of forward call that caused the error:\n${node._creation_stack}`);
        }
        throw new Error(`Function '${node.name()}' returned nan values in its ${i}th output.`);
      }
    }
  });
}
