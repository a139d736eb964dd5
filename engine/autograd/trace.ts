/**
 * The backward trace the viewer replays: per node run, in the engine's order, the gradients that
 * arrived (each contribution, then their sum), what was sent along each next_functions edge, what
 * a leaf accumulated, retain_grad captures and hooks fired. Plain, structured-clone-safe data:
 * values are copied when recorded, so later in-place changes (zero_(), a second backward) do not
 * rewrite history.
 */
import type { Tensor } from '../tensor';
import type { DType, StorageArray } from '../dtype';
import type { GradList, Node } from './node';
import { AccumulateGrad } from './node';

export interface GradSnapshot {
  shape: number[];
  dtype: DType;
  values: StorageArray;
}

export interface TraceArrival {
  /** The node that sent it (null: the gradient given to backward). */
  from: number | null;
  slot: number;
  grad: GradSnapshot;
}

export interface TraceSend {
  edge: number;
  /** next_functions[edge]: the node it goes to (null: None) and which of its outputs it is for. */
  to: number | null;
  toSlot: number;
  /** null: nothing flows (the input needs no gradient, or the formula gave none). */
  grad: GradSnapshot | null;
}

export interface TraceStep {
  /** The Node run at this step. */
  node: number;
  name: string;
  /** Each gradient that arrived, in arrival order; two or more in a slot are summed. */
  arrivals: TraceArrival[];
  /** The summed gradient per output slot of the node, as the node received it. */
  grads: (GradSnapshot | null)[];
  sent: TraceSend[];
  /** For AccumulateGrad: the leaf and its .grad after accumulation. */
  accumulated: { tensor: number; grad: GradSnapshot } | null;
  /** Non-leaf tensors with retain_grad() whose .grad was set at this step. */
  retained: { tensor: number; grad: GradSnapshot }[];
  hooks: ('tensor' | 'pre' | 'post')[];
}

export interface BackwardTrace {
  id: number;
  kind: 'backward' | 'grad';
  /** Ids of the tensors backward started from. */
  roots: number[];
  steps: TraceStep[];
}

export function snapshot(t: Tensor): GradSnapshot {
  return { shape: t.shape.slice(), dtype: t.dtype, values: t._values().slice() };
}

const traces: BackwardTrace[] = [];
const traceSettings = { limit: 50, enabled: true };
let nextTraceId = 1;

/** The recorded traces, oldest first (at most `limit`, the newest kept). */
export function backwardTraces(): readonly BackwardTrace[] {
  return traces;
}

export function clearTraces(): void {
  traces.length = 0;
}

export function setTraceOptions(opts: { limit?: number; enabled?: boolean }): void {
  if (opts.limit !== undefined) traceSettings.limit = Math.max(0, Math.floor(opts.limit));
  if (opts.enabled !== undefined) traceSettings.enabled = opts.enabled;
  while (traces.length > traceSettings.limit) traces.shift();
}

export interface StepRecorder {
  hook(kind: 'tensor' | 'pre' | 'post'): void;
  retained(t: Tensor): void;
  accumulated(t: Tensor): void;
  send(edge: number, to: Node | null, toSlot: number, g: Tensor | null): void;
}

const NOOP_STEP: StepRecorder & { readonly step: null } = { step: null, hook() {}, retained() {}, accumulated() {}, send() {} };

export class TraceRecorder {
  private readonly trace: BackwardTrace | null;
  private readonly pending = new Map<Node, TraceArrival[]>();
  // The engine sends a gradient along an edge and then has it arrive at the edge's end: one copy of
  // its values serves both records (half the snapshots, which dominated a long backward's garbage).
  private lastSent: Tensor | null = null;
  private lastSentSnapshot: GradSnapshot | null = null;

  constructor(kind: 'backward' | 'grad', roots: readonly Tensor[]) {
    this.trace = traceSettings.enabled && traceSettings.limit > 0 ? { id: nextTraceId++, kind, roots: roots.map((t) => t.id), steps: [] } : null;
  }

  arrive(to: Node, slot: number, from: Node | null, g: Tensor): void {
    if (!this.trace) return;
    let list = this.pending.get(to);
    if (!list) this.pending.set(to, (list = []));
    const grad = g === this.lastSent && this.lastSentSnapshot ? this.lastSentSnapshot : snapshot(g);
    list.push({ from: from ? from.id : null, slot, grad });
  }

  begin(node: Node, grads: GradList): StepRecorder & { readonly step: TraceStep | null } {
    if (!this.trace) return NOOP_STEP;
    // Exact-length copies: the pushed-to lists reserve 17 slots, and a trace holds every step.
    const arrivals = (this.pending.get(node) ?? []).slice();
    this.pending.delete(node);
    const step: TraceStep = {
      node: node.id,
      name: node.name(),
      arrivals,
      grads: grads.map((g, slot) => (g ? (arrivals.filter((a) => a.slot === slot).length === 1 ? arrivals.find((a) => a.slot === slot)!.grad : snapshot(g)) : null)),
      sent: [],
      accumulated: null,
      retained: [],
      hooks: [],
    };
    return {
      step,
      hook: (kind) => step.hooks.push(kind),
      retained: (t) => step.retained.push({ tensor: t.id, grad: snapshot(t._grad!) }),
      accumulated: (t) => {
        step.accumulated = { tensor: t.id, grad: snapshot(t._grad!) };
      },
      send: (edge, to, toSlot, g) => {
        const grad = g ? snapshot(g) : null;
        this.lastSent = g;
        this.lastSentSnapshot = grad;
        step.sent.push({ edge, to: to ? to.id : null, toSlot, grad });
      },
    };
  }

  end(rec: { readonly step: TraceStep | null }): void {
    if (!this.trace || !rec.step) return;
    rec.step.sent = rec.step.sent.slice();
    this.trace.steps.push(rec.step);
  }

  finish(): void {
    if (!this.trace) return;
    traces.push(this.trace);
    while (traces.length > traceSettings.limit) traces.shift();
  }
}

export function isAccumulateGrad(n: Node): n is AccumulateGrad {
  return n instanceof AccumulateGrad;
}
