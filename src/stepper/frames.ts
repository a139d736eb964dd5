/**
 * The stepper's kernel, data in and data out: from a backward trace, the graph model it is drawn
 * on and the leaves' gradients before that backward, the state of frame k (k steps run). Stepping
 * back is computing frame k - 1 again, so it restores exactly what was shown before; nothing here
 * touches the DOM.
 */
import type { BackwardTrace, GradSnapshot, GraphModel, TraceStep } from '../../engine/viz';
import { edgeKeys } from '../graph/dotLayout';
import { errorText, exactGrad, fullGrad, shortGrad } from './format';
import { hookBadge } from './hooks';

/** A gradient on an edge: it flows from the edge's `to` end back to its `from` end. */
export interface FlowEdge {
  /** The drawn edge's key (`n3->n5#0`, as the renderer keys edges). */
  key: string;
  short: string;
  full: string;
  /** Sent by the step just run: animate it along the edge. */
  fresh: boolean;
  /** It is one of two or more gradients the node now running sums: it merges into the node. */
  merging: boolean;
}

/** A `.grad` shown on a tensor's box. */
export interface FlowGrad {
  /** format.ts's exact form: the `data-grad` contract. */
  exact: string;
  short: string;
  full: string;
  fresh: boolean;
}

/** A note on a node: gradients summed, a sum still waiting for gradients, hooks, retain_grad. */
export interface FlowBadge {
  id: string;
  kind: 'sum' | 'waiting' | 'hook' | 'retained' | 'error';
  text: string;
  title: string;
  fresh: boolean;
}

export interface StepperFrame {
  mode: 'backward' | 'build';
  k: number;
  n: number;
  /** Drawn ids of the node being run (backward) or just created (build). */
  active: string[];
  /** Drawn ids of the nodes already run. */
  done: string[];
  edges: FlowEdge[];
  /** Edge keys along which nothing flows (an input that needs no gradient). */
  faint: string[];
  /** Leaf boxes' `.grad`, by drawn id. */
  grads: Record<string, FlowGrad>;
  /** Drawn non-leaf tensors whose `.grad` retain_grad() kept, by drawn id. */
  retained: Record<string, FlowGrad>;
  badges: FlowBadge[];
  /** The step just run (frame k shows step k - 1), for the chain-rule panel. */
  step: TraceStep | null;
  /** The drawn id of the node that raised, when the frame is at the step of a backward that raised. */
  failed?: string;
  /** Build replay: the drawn ids created so far (all others are hidden); absent: all shown. */
  visible?: string[];
  /** Build replay: the source line that created the newest node. */
  line?: number;
}

/** What the stepper shows for a run without a backward (its build replay still works). */
export const NO_BACKWARD: StepperFrame = { mode: 'backward', k: 0, n: 0, active: [], done: [], edges: [], faint: [], grads: {}, retained: {}, badges: [], step: null };

/** The renderer's edge keys, grouped by `from->to` in drawing order (parallel edges: #0, #1…). */
function edgeIndex(model: GraphModel): Map<string, string[]> {
  const keys = edgeKeys(model.edges);
  const index = new Map<string, string[]>();
  model.edges.forEach((e, i) => {
    const base = `${e.from}->${e.to}`;
    const list = index.get(base);
    if (list) list.push(keys[i]);
    else index.set(base, [keys[i]]);
  });
  return index;
}

function flowGrad(g: GradSnapshot, fresh: boolean): FlowGrad {
  return { exact: exactGrad(g), short: shortGrad(g), full: fullGrad(g), fresh };
}

/** The state after the first `k` steps of `trace` (0: the graph before backward). */
export function backwardFrame(trace: BackwardTrace, model: GraphModel, prior: ReadonlyMap<number, GradSnapshot>, k: number): StepperFrame {
  const n = trace.steps.length;
  k = Math.max(0, Math.min(n, k));
  const drawn = new Map(model.nodes.map((v) => [v.id, v]));
  const edgesByPair = edgeIndex(model);
  const roots = new Set(trace.roots.map((r) => `t${r}`));
  const stepOf = new Map(trace.steps.map((s, i) => [s.node, i]));
  const frame: StepperFrame = { mode: 'backward', k, n, active: [], done: [], edges: [], faint: [], grads: {}, retained: {}, badges: [], step: k > 0 ? trace.steps[k - 1] : null };
  const running = k > 0 ? trace.steps[k - 1].node : null;
  // Which nodes sum two or more gradients in one slot (the node running now merges them).
  const summing = new Set<number>();

  for (const v of model.nodes) {
    const before = v.kind === 'leaf' && v.tensorId !== undefined ? prior.get(v.tensorId) : undefined;
    if (before) frame.grads[v.id] = flowGrad(before, false);
  }

  trace.steps.forEach((step, s) => {
    const id = `n${step.node}`;
    const hasNode = drawn.has(id);
    // A gradient that arrived from several senders in one slot is summed before the node runs.
    const bySlot = new Map<number, GradSnapshot[]>();
    const arrivedBySlot = new Map<number, GradSnapshot[]>();
    for (const a of step.arrivals) {
      const arrived = a.from === null ? k > 0 : (stepOf.get(a.from) ?? n) < k;
      (bySlot.get(a.slot) ?? bySlot.set(a.slot, []).get(a.slot)!).push(a.grad);
      if (arrived) (arrivedBySlot.get(a.slot) ?? arrivedBySlot.set(a.slot, []).get(a.slot)!).push(a.grad);
    }
    for (const [slot, all] of bySlot) {
      if (all.length < 2 || !hasNode) continue;
      if (s === k - 1) summing.add(step.node);
      const arrived = arrivedBySlot.get(slot) ?? [];
      const sum = step.grads[slot];
      const terms = all.map(shortGrad).join(' + ');
      const title = `${all.length} gradients flow into output ${slot} of this node; autograd sums them before running it.`;
      if (s < k && sum) frame.badges.push({ id, kind: 'sum', text: `${terms} = ${shortGrad(sum)}`, title, fresh: s === k - 1 });
      else if (s >= k && arrived.length > 0) {
        const waiting = all.length - arrived.length;
        const text = `${arrived.map(shortGrad).join(' + ')}${waiting > 0 ? ` + … (${waiting} more to come)` : ' (sums next)'}`;
        frame.badges.push({ id, kind: 'waiting', text, title, fresh: false });
      }
    }
    if (s >= k) return;
    const fresh = s === k - 1;
    if (hasNode) (fresh ? frame.active : frame.done).push(id);

    // The gradient given to backward enters through the edge to the output tensor.
    for (const a of step.arrivals) {
      if (a.from !== null) continue;
      const e = model.edges.find((edge) => edge.from === id && roots.has(edge.to));
      const key = e && edgesByPair.get(`${e.from}->${e.to}`)?.[0];
      if (key) frame.edges.push({ key, short: shortGrad(a.grad), full: fullGrad(a.grad), fresh, merging: false });
    }
    // One drawn edge per next_functions entry that is not None, in order: parallel edges by count.
    const seen = new Map<number, number>();
    for (const send of step.sent) {
      if (send.to === null) continue;
      const nth = seen.get(send.to) ?? 0;
      seen.set(send.to, nth + 1);
      const key = edgesByPair.get(`n${send.to}->${id}`)?.[nth];
      if (!key) continue;
      if (send.grad) frame.edges.push({ key, short: shortGrad(send.grad), full: fullGrad(send.grad), fresh, merging: false });
      else frame.faint.push(key);
    }
    if (step.accumulated) {
      const leaf = `t${step.accumulated.tensor}`;
      const incoming = step.grads[0];
      const key = edgesByPair.get(`${leaf}->${id}`)?.[0];
      if (key && incoming) frame.edges.push({ key, short: shortGrad(incoming), full: fullGrad(incoming), fresh, merging: false });
      if (drawn.has(leaf)) frame.grads[leaf] = flowGrad(step.accumulated.grad, fresh);
    }
    for (const r of step.retained) {
      const box = `t${r.tensor}`;
      if (drawn.has(box)) frame.retained[box] = flowGrad(r.grad, fresh);
      else if (hasNode)
        frame.badges.push({ id, kind: 'retained', text: `retain_grad: .grad = ${shortGrad(r.grad)}`, title: `The output of this node called retain_grad(): its .grad is kept.\n${fullGrad(r.grad)}`, fresh });
    }
    // One badge per hook call, saying what it returned.
    if (hasNode) for (const call of step.hookCalls) frame.badges.push({ id, kind: 'hook', ...hookBadge(call), fresh });
  });

  const error = trace.error;
  if (error && error.node !== null && error.node === running && k === n) {
    const id = `n${running}`;
    if (drawn.has(id)) {
      frame.failed = id;
      frame.badges.push({ id, kind: 'error', text: `raised ${error.type === 'Error' ? 'an error' : error.type}`, title: errorText(error), fresh: true });
    }
  }
  if (running !== null && summing.has(running)) {
    // Gradients into the running node travel on the edges drawn from it (edges point forward).
    for (const e of frame.edges) if (e.key.startsWith(`n${running}->`)) e.merging = true;
  }
  return frame;
}

/**
 * Each leaf's `.grad` before trace `index` ran: the value an earlier trace left, when adding this
 * trace's gradient to it gives what AccumulateGrad stored (no zero_() in between); otherwise the
 * difference, or nothing when the leaf had no gradient (or a zeroed one) before.
 */
export function priorGrads(traces: readonly BackwardTrace[], index: number): Map<number, GradSnapshot> {
  const prior = new Map<number, GradSnapshot>();
  const last = new Map<number, GradSnapshot>();
  for (let i = 0; i < index; i++) for (const s of traces[i].steps) if (s.accumulated) last.set(s.accumulated.tensor, s.accumulated.grad);
  for (const s of traces[index]?.steps ?? []) {
    const acc = s.accumulated;
    const incoming = s.grads[0];
    if (!acc || !incoming || incoming.values.length !== acc.grad.values.length) continue;
    const round = acc.grad.dtype === 'float32' ? Math.fround : (v: number) => v;
    const after = acc.grad.values;
    const earlier = last.get(acc.tensor);
    if (earlier && earlier.values.length === after.length && Array.from(after).every((v, j) => round(earlier.values[j] + incoming.values[j]) === v)) {
      prior.set(acc.tensor, earlier);
      continue;
    }
    if (Array.from(after).every((v, j) => v === incoming.values[j])) continue;
    prior.set(acc.tensor, { shape: acc.grad.shape, dtype: acc.grad.dtype, values: Array.from(after, (v, j) => round(v - incoming.values[j])) });
  }
  return prior;
}

const KIND_RANK = { leaf: 0, op: 1, saved: 2, output: 3 } as const;

/**
 * The order a build replay adds the drawn nodes: by the source line that created them, and on one
 * line tensors the op read, then its Nodes in creation order (ascending ids), then its results.
 */
export function buildOrder(model: GraphModel, nodeLines: Readonly<Record<string, number>>): string[] {
  const rank = (v: GraphModel['nodes'][number]) => [nodeLines[v.id] ?? 0, KIND_RANK[v.kind], v.nodeId ?? v.tensorId ?? 0] as const;
  return model.nodes
    .slice()
    .sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
    })
    .map((v) => v.id);
}

/** Build replay frame k: the first k nodes of `order` exist; the newest one and its line are lit. */
export function buildFrame(order: readonly string[], nodeLines: Readonly<Record<string, number>>, k: number): StepperFrame {
  const n = order.length;
  k = Math.max(0, Math.min(n, k));
  const visible = order.slice(0, k);
  const newest = visible.at(-1);
  const frame: StepperFrame = { mode: 'build', k, n, active: newest ? [newest] : [], done: visible.slice(0, -1), edges: [], faint: [], grads: {}, retained: {}, badges: [], step: null, visible };
  const line = newest !== undefined ? nodeLines[newest] : undefined;
  if (line !== undefined) frame.line = line;
  return frame;
}
