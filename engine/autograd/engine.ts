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
import { RuntimeError } from '../errors';

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
  clear(): void {
    this.heap.length = 0;
  }
  push(n: Node): void {
    const h = this.heap;
    let i = h.length;
    h.push(n);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]._sequence_nr >= n._sequence_nr) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = n;
  }
  pop(): Node {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    const size = h.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && h[r]._sequence_nr > h[l]._sequence_nr ? r : l;
        if (h[m]._sequence_nr <= last._sequence_nr) break;
        h[i] = h[m];
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

/**
 * Each nesting depth (a hook may call backward during a backward) reuses one queue and one trace
 * recorder. Not for the allocation: V8 keeps the hidden class (map) of a class's instances only
 * while one of them lives, and throws away optimized code that depends on a map that died. Were
 * these made per run, a full garbage collection between two backward calls would send the engine
 * back to the interpreter, about 3× slower per node on the next run.
 */
const queues: ReadyQueue[] = [];
const recorders: TraceRecorder[] = [];

// What a run knows of a node lives on the node (`_run_*`, see Node): edges still to arrive, the
// gradients summed so far per slot, and these flags.
/** The node must run (all do in a plain backward; with inputs=, those leading to one). */
const NEEDED = 1;
/** Two or more gradients were added in one slot (the trace then records their sum). */
const SUMMED = 2;

let nextRunId = 1;
/** Runs in progress: a hook or a custom Function may call backward while a backward runs. */
let activeRuns = 0;

/** A node's state in an enclosing run, saved by a nested run that reuses the node's fields. */
type Displaced = [node: Node, runId: number, deps: number, grads: GradList | null, flags: number];

function hasGrad(grads: GradList): boolean {
  for (let i = 0; i < grads.length; i++) if (grads[i] !== null) return true;
  return false;
}

/** A node joins a run: `deps` edges point at it so far. A nested run keeps the enclosing run's state. */
function enter(n: Node, deps: number, runId: number, displaced: Displaced[] | null): void {
  if (displaced && n._run_id !== 0) displaced.push([n, n._run_id, n._run_deps, n._run_grads, n._run_flags]);
  n._run_id = runId;
  n._run_deps = deps;
  n._run_grads = null;
  n._run_flags = NEEDED;
}

/** A gradient arrives at output `slot` of `to`: the first is kept, later ones are added to it. */
function receive(to: Node, slot: number, g: Tensor): void {
  const grads = to._run_grads;
  if (grads === null) {
    const outputs = to.num_outputs();
    if (outputs === 1) to._run_grads = [g];
    else {
      const fresh = new Array<Tensor | null>(outputs).fill(null);
      fresh[slot] = g;
      to._run_grads = fresh;
    }
  } else if (grads[slot] === null) grads[slot] = g;
  else {
    grads[slot] = add(grads[slot]!, g);
    to._run_flags |= SUMMED;
  }
}

/**
 * Runs backward from `roots` seeded with `rootGrads`. Returns, for autograd.grad, the gradient
 * of each of `opts.inputs` (null where unused).
 */
export function runBackward(roots: readonly Tensor[], rootGrads: readonly Tensor[], opts: RunOptions): GradList {
  const rootEdges = roots.map((t, i) => {
    const e = t._gradientEdge();
    if (!e) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    return e;
  });

  // Where each requested input's gradient is read: the edge into its grad_fn or its AccumulateGrad.
  const captureAt = new Map<Node, Map<number, number[]>>();
  const inputs = opts.inputs;
  if (inputs) {
    inputs.forEach((t, i) => {
      const e = t._gradientEdge();
      if (!e) throw new RuntimeError('One of the differentiated Tensors does not require grad');
      let slots = captureAt.get(e[0]);
      if (!slots) captureAt.set(e[0], (slots = new Map()));
      const list = slots.get(e[1]) ?? [];
      list.push(i);
      slots.set(e[1], list);
    });
  }

  // Dependencies: how many edges from reachable nodes point at each node.
  const runId = nextRunId++;
  const displaced: Displaced[] | null = activeRuns > 0 ? [] : null;
  const order: Node[] = [];
  const stack: Node[] = [];
  for (const [n] of rootEdges) {
    if (n._run_id !== runId) {
      enter(n, 0, runId, displaced);
      stack.push(n);
    }
  }
  let edgeCount = 0;
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    const edges = n.next_functions;
    edgeCount += edges.length;
    for (let i = 0; i < edges.length; i++) {
      const next = edges[i][0];
      if (!next) continue;
      if (next._run_id === runId) next._run_deps++;
      else {
        enter(next, 1, runId, displaced);
        stack.push(next);
      }
    }
  }

  // Which nodes must run: all of them for a plain backward; with inputs, those leading to one.
  if (inputs) {
    const needed = computeNeeded(order, captureAt, opts.accumulate);
    for (const n of order) if (!needed.has(n)) n._run_flags &= ~NEEDED;
  }

  const depth = activeRuns;
  const trace = (recorders[depth] ??= new TraceRecorder());
  trace.start(opts.kind, roots, order.length, edgeCount);
  const queue = (queues[depth] ??= new ReadyQueue());
  rootEdges.forEach(([n, nr], i) => {
    receive(n, nr, rootGrads[i]);
    trace.root(n, nr, rootGrads[i]);
  });
  for (const n of new Set(rootEdges.map(([n]) => n))) if (n._run_deps === 0) queue.push(n);

  const captured: GradList = inputs ? new Array<Tensor | null>(inputs.length).fill(null) : [];
  const prevGrad = is_grad_enabled();
  set_grad_enabled(opts.createGraph);
  activeRuns++;
  let finished = false;
  let current: Node | null = null;
  try {
    while (queue.size) {
      const node = queue.pop();
      current = node;
      const grads = node._run_grads ?? new Array<Tensor | null>(node.num_outputs()).fill(null);
      node._run_grads = null;
      const hooked = runTensorPreHooks(node, grads, trace);
      trace.begin(node, grads, (node._run_flags & SUMMED) !== 0 || hooked > 0);
      captureRetained(node, grads, trace);
      const slots = captureAt.size ? captureAt.get(node) : undefined;
      if (slots) for (const [nr, idxs] of slots) for (const i of idxs) captured[i] = grads[nr];

      let outputs: GradList | null = null;
      if ((node._run_flags & NEEDED) !== 0 && hasGrad(grads)) {
        for (const hook of node._pre_hooks) {
          const r = hook(grads.slice());
          if (r) r.forEach((g, i) => (grads[i] = g));
          trace.hook('pre', r || null);
        }
        if (node instanceof AccumulateGrad) {
          accumulateGrad(node, grads[0]!, opts.createGraph);
          trace.accumulated(node.variable);
        } else {
          outputs = node.apply(grads);
          for (const hook of node._post_hooks) {
            const r = hook(outputs.slice(), grads.slice());
            if (r) outputs = r;
            trace.hook('post', r || null);
          }
          outputs = validateOutputs(node, outputs);
          if (is_anomaly_enabled()) checkNan(node, outputs);
        }
        if (!opts.keepGraph) node._release_variables();
      }

      const edges = node.next_functions;
      for (let i = 0; i < edges.length; i++) {
        const [next, nr] = edges[i];
        // An edge to None is recorded too: the viewer shows that nothing flows there.
        const g = next && outputs ? outputs[i] : null;
        trace.send(i, next, nr, g);
        if (!next) continue;
        if (g) receive(next, nr, g);
        if (--next._run_deps === 0) queue.push(next);
      }
    }
    finished = true;
  } catch (e) {
    trace.fail(current, e);
    throw e;
  } finally {
    activeRuns--;
    // After an error, nodes that never ran would keep their gradients alive.
    if (!finished) {
      for (const n of order) if (n._run_id === runId) n._run_grads = null;
      queue.clear();
    }
    if (displaced) {
      for (let i = displaced.length - 1; i >= 0; i--) {
        const [n, id, deps, grads, flags] = displaced[i];
        n._run_id = id;
        n._run_deps = deps;
        n._run_grads = grads;
        n._run_flags = flags;
      }
    }
    set_grad_enabled(prevGrad);
    trace.finish();
  }
  return captured;
}

function computeNeeded(order: readonly Node[], captureAt: Map<Node, unknown>, accumulate: boolean): Set<Node> {
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

/**
 * Runs `tensor.register_hook` hooks on the gradients entering `node`, in registration order; returns
 * how many ran. As PyTorch's, a hook on an output that received no gradient is called with None.
 */
function runTensorPreHooks(node: Node, grads: GradList, trace: TraceRecorder): number {
  if (!node._has_tensor_pre_hooks()) return 0;
  const hooks = node._tensor_pre_hooks.slice();
  for (const { nr, fn } of hooks) {
    const g = grads[nr];
    const r = fn(g as Tensor);
    if (r) grads[nr] = r;
    trace.tensorHook(nr, node._tensor_hook_owner(fn) ?? (node instanceof AccumulateGrad ? node.variable.id : null), g, r || null);
  }
  return hooks.length;
}

/** retain_grad(): the non-leaf's .grad is set (then summed) from the gradient entering its grad_fn. */
function captureRetained(node: Node, grads: GradList, trace: TraceRecorder): void {
  if (!node._has_retains_grad()) return;
  for (const [nr, t] of node._retains_grad) {
    const g = grads[nr];
    if (!g) continue;
    t._grad = t._grad === null ? g.detach().clone() : t._grad.add(g).detach();
    trace.retained(t);
  }
}

function validateOutputs(node: Node, outputs: GradList): GradList {
  const edges = node.next_functions;
  if (outputs.length !== edges.length) {
    throw new RuntimeError(`function ${node.name()} returned an incorrect number of gradients (expected ${edges.length}, got ${outputs.length})`);
  }
  // Copied only when a gradient changes: most are already right, and the engine only reads them.
  let out: GradList | null = null;
  for (let i = 0; i < outputs.length; i++) {
    const g = outputs[i];
    const meta = node._input_meta[i];
    let v = g;
    if (!edges[i][0]) v = null;
    else if (g && meta) {
      if (!sameShape(g.shape, meta.shape)) {
        if (!isExpandableTo(meta.shape, g.shape)) {
          throw new RuntimeError(`Function ${node.name()} returned an invalid gradient at index ${i} - got [${g.shape.join(', ')}] but expected shape compatible with [${meta.shape.join(', ')}]`);
        }
        v = sum_to_size(g, meta.shape);
      }
      if (v!.dtype !== meta.dtype) v = v!.to(meta.dtype);
    }
    if (v !== g) (out ??= outputs.slice())[i] = v;
  }
  return out ?? outputs;
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
        throw new RuntimeError(`Function '${node.name()}' returned nan values in its ${i}th output.`);
      }
    }
  });
}
