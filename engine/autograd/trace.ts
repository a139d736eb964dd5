/**
 * The backward trace the viewer replays: per node run, in the engine's order, the gradients that
 * arrived (each contribution, then their sum), what was sent along each next_functions edge, what
 * a leaf accumulated, retain_grad captures and hooks fired. Plain, structured-clone-safe data:
 * values are copied when recorded, so later in-place changes (zero_(), a second backward) do not
 * rewrite history.
 *
 * Recording must cost little (a training loop runs backward hundreds of times), so a run is
 * recorded into flat columns, and the step objects the viewer reads are built from them only when
 * asked for (`backwardTraces()`), then kept.
 */
import type { Tensor } from '../tensor';
import type { DType, StorageArray } from '../dtype';
import type { GradList, Node } from './node';
import { backendOf } from '../backends';
import { numelOf, sameShape } from '../shape';
import { derivativeOf, type Derivative } from './derivatives';

export interface GradSnapshot {
  shape: number[];
  dtype: DType;
  /** Row-major values: a plain array for small gradients (cheap to make), a typed copy for large. */
  values: number[] | StorageArray;
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
  /** The kind of each hook that ran at this step, in calling order (`hookCalls` has the details). */
  hooks: ('tensor' | 'pre' | 'post')[];
  /** Each hook that ran at this step, in calling order, with what it returned. */
  hookCalls: TraceHookCall[];
  /** The node's local rule (engine/autograd/derivatives.ts); null for AccumulateGrad and custom Functions. */
  rule: Derivative | null;
}

/**
 * One hook call. `returned` null: the hook returned None, and the gradient went on unchanged.
 * - `tensor` (`t.register_hook`): ran on the gradient of output `slot` of the step's node (for an
 *   AccumulateGrad, of its leaf), before the node ran; `returned` replaced that gradient.
 * - `pre` (`grad_fn.register_prehook`): `returned` replaced the node's grad_outputs, per slot.
 * - `post` (`grad_fn.register_hook`): `returned` replaced the grad_inputs the node sends, one per
 *   next_functions entry.
 */
export type TraceHookCall =
  | {
      kind: 'tensor';
      slot: number;
      /** The tensor that registered the hook (null: not known). */
      tensor: number | null;
      /** The gradient the hook was called with (null: None, its output received no gradient). */
      grad: GradSnapshot | null;
      returned: GradSnapshot | null;
    }
  | { kind: 'pre' | 'post'; returned: (GradSnapshot | null)[] | null };

export interface BackwardTrace {
  id: number;
  kind: 'backward' | 'grad';
  /** Ids of the tensors backward started from. */
  roots: number[];
  steps: TraceStep[];
  /**
   * Set when the run raised. `node`: the Node that raised, whose step is then the last of `steps`
   * (null: it raised before any node ran). `type` is the error's class (`RuntimeError`; `Error`
   * for an untyped one), `message` its text.
   */
  error?: TraceError;
}

export interface TraceError {
  node: number | null;
  type: string;
  message: string;
}

/** Below this many values a gradient's copy goes into the run's shared value pool. */
const SMALL = 64;

export function snapshot(t: Tensor): GradSnapshot {
  const v = t._values();
  return { shape: t.shape.slice(), dtype: t.dtype, values: v.length <= SMALL ? Array.from(v) : v.slice() };
}

/** A recorded gradient's shape (the tensor's own array: shapes are never mutated) and dtype. */
interface GradMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** A hook call as recorded: gradient ids into the run's copies (-1: None), or null for None. */
type RecordedHook =
  | { kind: 'tensor'; slot: number; tensor: number | null; grad: number; returned: number }
  | { kind: 'pre' | 'post'; returned: number[] | null };

/**
 * A growable column of int32 values: recording one is a typed-array store. (JS arrays grown by push
 * cost several times more per value on a 10,000-node run, most of it in the garbage collector.)
 */
class IntColumn {
  data: Int32Array;
  length = 0;

  /** `capacity`: how many values the run is expected to record (it grows past that if need be). */
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, new Int32Array(this.data.length * 2));
    this.data[this.length++] = v;
  }
}

/** IntColumn for float64 values (gradient values; int64 and bool ones are exact in float64). */
class FloatColumn {
  data: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, new Float64Array(this.data.length * 2));
    this.data[this.length++] = v;
  }
}

function grown<A extends Int32Array | Float64Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

/**
 * One run as recorded: flat columns, turned into a BackwardTrace on demand. The engine knows how
 * many nodes will run and how many edges they have before the first runs, so the columns are made
 * that size at once (grown columns were copied, and the copies were the garbage collector's work).
 */
class RecordedRun {
  // Gradient copies: shape and dtype (`GradMeta`), and where the values are: from `start` in `pool`
  // (as many as the shape holds) for small ones, or `large[i]` when `start` is -1 - i.
  private readonly gMeta: GradMeta[] = [];
  private readonly gStart: IntColumn;
  private readonly pool: FloatColumn;
  private readonly large: (StorageArray | (() => StorageArray))[] = [];
  /** The shape and dtype recorded last: the next gradient like it shares the object. */
  private lastMeta: GradMeta | null = null;
  // Steps, and per step the [start, end) of its sends.
  readonly stepNode: IntColumn;
  readonly stepName: string[] = [];
  readonly stepSlots: IntColumn;
  readonly stepSendStart: IntColumn;
  // Sends: edge index, target node id (or -1 for None), target slot, gradient id (or -1).
  readonly sendEdge: IntColumn;
  readonly sendTo: IntColumn;
  readonly sendSlot: IntColumn;
  readonly sendGrad: IntColumn;
  // Rare events, by step index.
  readonly summed = new Map<number, number[]>();
  readonly accumulated = new Map<number, [number, number]>();
  readonly retained = new Map<number, [number, number][]>();
  readonly hooks = new Map<number, RecordedHook[]>();
  readonly rootArrivals: { to: number; slot: number; grad: number }[] = [];
  error: TraceError | null = null;
  private built: BackwardTrace | null = null;

  /** `steps`, `sends`: the nodes the run will visit and their next_functions edges, all told. */
  constructor(
    readonly id: number,
    readonly kind: 'backward' | 'grad',
    readonly roots: number[],
    steps: number,
    sends: number,
  ) {
    this.stepNode = new IntColumn(steps);
    this.stepSlots = new IntColumn(steps);
    this.stepSendStart = new IntColumn(steps);
    this.sendEdge = new IntColumn(sends);
    this.sendTo = new IntColumn(sends);
    this.sendSlot = new IntColumn(sends);
    this.sendGrad = new IntColumn(sends);
    // Most gradients on long graphs are scalars: one value per send, plus the roots'.
    this.gStart = new IntColumn(sends + roots.length);
    this.pool = new FloatColumn(sends + roots.length);
  }

  grad(t: Tensor): number {
    const id = this.gMeta.length;
    // Keeping each gradient's own shape array would keep one small array alive per gradient (the
    // garbage collector then copies them all); consecutive gradients mostly share shape and dtype.
    const last = this.lastMeta;
    this.gMeta.push(last !== null && last.dtype === t.dtype && sameShape(last.shape, t.shape) ? last : (this.lastMeta = { shape: t.shape, dtype: t.dtype }));
    if (t.device === 'webgpu') {
      // A copy enqueued now, read when the trace is built (after torch.webgpu.synchronize()).
      this.gStart.push(-1 - this.large.length);
      this.large.push(backendOf(t).capture(t));
      return id;
    }
    const v = t._values();
    if (v.length <= SMALL) {
      this.gStart.push(this.pool.length);
      for (let i = 0; i < v.length; i++) this.pool.push(v[i]);
    } else {
      this.gStart.push(-1 - this.large.length);
      this.large.push(v.slice());
    }
    return id;
  }

  private gradSnapshot(id: number, cache: (GradSnapshot | undefined)[]): GradSnapshot {
    const hit = cache[id];
    if (hit) return hit;
    const start = this.gStart.data[id];
    const held = start >= 0 ? null : this.large[-1 - start];
    const { shape, dtype } = this.gMeta[id];
    const values = held === null ? Array.from(this.pool.data.subarray(start, start + numelOf(shape))) : typeof held === 'function' ? held() : held;
    return (cache[id] = { shape: shape.slice(), dtype, values });
  }

  private hookCall(h: RecordedHook, snap: (id: number) => GradSnapshot): TraceHookCall {
    const maybe = (id: number) => (id >= 0 ? snap(id) : null);
    if (h.kind === 'tensor') return { kind: 'tensor', slot: h.slot, tensor: h.tensor, grad: maybe(h.grad), returned: maybe(h.returned) };
    return { kind: h.kind, returned: h.returned && h.returned.map(maybe) };
  }

  toTrace(): BackwardTrace {
    return (this.built ??= this.build());
  }

  /** The trace built from the recording: new objects, none shared with an earlier build. */
  build(): BackwardTrace {
    const cache: (GradSnapshot | undefined)[] = [];
    const snap = (id: number) => this.gradSnapshot(id, cache);
    // Every gradient that arrives at a node was sent to it earlier (or given to backward), and a node
    // runs once per backward: its arrivals are the sends addressed to it, in sending order.
    const arrivals = new Map<number, TraceArrival[]>();
    const addArrival = (to: number, a: TraceArrival) => {
      const list = arrivals.get(to);
      if (list) list.push(a);
      else arrivals.set(to, [a]);
    };
    for (const r of this.rootArrivals) addArrival(r.to, { from: null, slot: r.slot, grad: snap(r.grad) });
    const steps: TraceStep[] = [];
    const stepCount = this.stepNode.length;
    const sendStart = this.stepSendStart.data;
    const [sendEdge, sendTo, sendSlot, sendGrad] = [this.sendEdge.data, this.sendTo.data, this.sendSlot.data, this.sendGrad.data];
    for (let k = 0; k < stepCount; k++) {
      const node = this.stepNode.data[k];
      const sent: TraceSend[] = [];
      for (let i = sendStart[k], end = k + 1 < stepCount ? sendStart[k + 1] : this.sendEdge.length; i < end; i++) {
        const to = sendTo[i];
        const g = sendGrad[i];
        const grad = g >= 0 ? snap(g) : null;
        sent.push({ edge: sendEdge[i], to: to >= 0 ? to : null, toSlot: sendSlot[i], grad });
        if (grad && to >= 0) addArrival(to, { from: node, slot: sendSlot[i], grad });
      }
      const arrived = arrivals.get(node) ?? [];
      const summedIds = this.summed.get(k);
      const grads: (GradSnapshot | null)[] = [];
      for (let slot = 0; slot < this.stepSlots.data[k]; slot++) {
        if (summedIds) grads.push(summedIds[slot] >= 0 ? snap(summedIds[slot]) : null);
        else grads.push(arrived.find((a) => a.slot === slot)?.grad ?? null);
      }
      const acc = this.accumulated.get(k);
      const hooks = this.hooks.get(k) ?? [];
      steps.push({
        node,
        name: this.stepName[k],
        arrivals: arrived,
        grads,
        sent,
        accumulated: acc ? { tensor: acc[0], grad: snap(acc[1]) } : null,
        retained: (this.retained.get(k) ?? []).map(([tensor, g]) => ({ tensor, grad: snap(g) })),
        hooks: hooks.map((h) => h.kind),
        hookCalls: hooks.map((h) => this.hookCall(h, snap)),
        rule: derivativeOf(this.stepName[k]) ?? null,
      });
    }
    const trace: BackwardTrace = { id: this.id, kind: this.kind, roots: this.roots.slice(), steps };
    if (this.error) trace.error = { ...this.error };
    return trace;
  }
}

const runs: RecordedRun[] = [];
const traceSettings = { limit: 50, enabled: true };
let nextTraceId = 1;

/** The recorded traces, oldest first (at most `limit`, the newest kept). */
export function backwardTraces(): readonly BackwardTrace[] {
  return runs.map((r) => r.toTrace());
}

/**
 * The recorded traces built afresh: what `backwardTraces` handed out earlier (a snippet may have
 * changed its copy) shares no object with these. The playground's runner sends these.
 */
export function freshBackwardTraces(): BackwardTrace[] {
  return runs.map((r) => r.build());
}

/** How many traces are kept, without building them. */
export function traceCount(): number {
  return runs.length;
}

export function clearTraces(): void {
  runs.length = 0;
}

export function setTraceOptions(opts: { limit?: number; enabled?: boolean }): void {
  if (opts.limit !== undefined) traceSettings.limit = Math.max(0, Math.floor(opts.limit));
  if (opts.enabled !== undefined) traceSettings.enabled = opts.enabled;
  while (runs.length > traceSettings.limit) runs.shift();
}

/**
 * Records one backward run. The engine calls `begin` for each node it runs, then the step's events
 * (`send`, `hook`, …), which belong to that current step. A disabled recorder does nothing.
 */
export class TraceRecorder {
  private run: RecordedRun | null = null;
  /**
   * Never recorded into: it keeps the hidden classes of RecordedRun and its columns alive when no
   * trace is kept (see the engine's note on reused recorders), so recording stays optimized.
   */
  readonly shapeKeeper = new RecordedRun(0, 'backward', [], 0, 0);
  private step = -1;
  /** Tensor hook calls made for the step about to begin. */
  private pending: RecordedHook[] | null = null;

  /**
   * Starts recording a run that will visit `steps` nodes with `sends` edges between them (the
   * engine reuses one recorder per nesting depth).
   */
  start(kind: 'backward' | 'grad', roots: readonly Tensor[], steps: number, sends: number): void {
    this.run = traceSettings.enabled && traceSettings.limit > 0 ? new RecordedRun(nextTraceId++, kind, roots.map((t) => t.id), steps, sends) : null;
    this.step = -1;
    this.pending = null;
  }

  /** The gradient given to backward for one root. */
  root(to: Node, slot: number, g: Tensor): void {
    if (this.run) this.run.rootArrivals.push({ to: to.id, slot, grad: this.run.grad(g) });
  }

  /**
   * Starts the step of `node`. `summed`: whether its gradients are not simply the single gradient
   * that arrived per slot (two or more were added, or a hook replaced one): then they are copied.
   */
  begin(node: Node, grads: GradList, summed: boolean): void {
    const run = this.run;
    if (!run) return;
    this.step = run.stepNode.length;
    run.stepNode.push(node.id);
    run.stepName.push(node.name());
    run.stepSlots.push(grads.length);
    run.stepSendStart.push(run.sendEdge.length);
    if (summed) run.summed.set(this.step, grads.map((g) => (g ? run.grad(g) : -1)));
    if (this.pending) {
      run.hooks.set(this.step, this.pending);
      this.pending = null;
    }
  }

  /**
   * A `tensor.register_hook` hook ran on the gradient `g` of output `slot` and returned `returned`.
   * Tensor hooks run before the node's step begins: their calls wait for `begin`.
   */
  tensorHook(slot: number, tensor: number | null, g: Tensor | null, returned: Tensor | null): void {
    const run = this.run;
    if (!run) return;
    const call: RecordedHook = { kind: 'tensor', slot, tensor, grad: g ? run.grad(g) : -1, returned: returned ? run.grad(returned) : -1 };
    (this.pending ??= []).push(call);
  }

  /** A node pre- or post-hook ran and returned `returned` (null: None). */
  hook(kind: 'pre' | 'post', returned: GradList | null): void {
    const run = this.run;
    if (!run) return;
    const call: RecordedHook = { kind, returned: returned && returned.map((g) => (g ? run.grad(g) : -1)) };
    const list = run.hooks.get(this.step);
    if (list) list.push(call);
    else run.hooks.set(this.step, [call]);
  }

  retained(t: Tensor): void {
    if (!this.run) return;
    const entry: [number, number] = [t.id, this.run.grad(t._grad!)];
    const list = this.run.retained.get(this.step);
    if (list) list.push(entry);
    else this.run.retained.set(this.step, [entry]);
  }

  accumulated(t: Tensor): void {
    if (this.run) this.run.accumulated.set(this.step, [t.id, this.run.grad(t._grad!)]);
  }

  send(edge: number, to: Node | null, toSlot: number, g: Tensor | null): void {
    const run = this.run;
    if (!run) return;
    run.sendEdge.push(edge);
    run.sendTo.push(to ? to.id : -1);
    run.sendSlot.push(toSlot);
    run.sendGrad.push(g ? run.grad(g) : -1);
  }

  /**
   * The run raised while `node` ran (null: before any node did). The node's step is begun if the
   * error came before it was (a tensor hook raised), so that the step that raised is the last one.
   */
  fail(node: Node | null, error: unknown): void {
    const run = this.run;
    if (!run) return;
    if (node && (this.step < 0 || run.stepNode.data[this.step] !== node.id)) this.begin(node, [], false);
    const err = error instanceof Error ? error : null;
    run.error = { node: node ? node.id : null, type: err ? err.name || 'Error' : 'Error', message: err ? err.message : String(error) };
  }

  finish(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    this.pending = null;
    runs.push(run);
    while (runs.length > traceSettings.limit) runs.shift();
  }
}
