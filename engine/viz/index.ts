/** `torch.viz`: make_dot, the inspector's graph snapshot, and the recorded backward traces. */
import { make_dot, type DotGraph } from './make_dot';
import { bindFunction } from '../bind/index';
import type { Tensor } from '../tensor';
import { snapshotGraph } from './snapshot';
import { backwardTraces, clearTraces, setTraceOptions, type BackwardTrace } from '../autograd/trace';

export type { DotGraph, GraphModel, VizNode, VizEdge, VizNodeKind, MakeDotOptions } from './make_dot';
export type { GraphSnapshot, NodeSnapshot, TensorSnapshot, SavedSnapshot, TensorValues } from './snapshot';
export type { BackwardTrace, TraceStep, TraceArrival, TraceSend, TraceHookCall, TraceError, GradSnapshot } from '../autograd/trace';

type Kw<T> = { [K in keyof T]?: T[K] };
type MakeDotKw = Kw<{ params: Record<string, Tensor> | null; show_attrs: boolean; show_saved: boolean; max_attr_chars: number }>;
type MakeDotImpl = (outputs: Tensor | readonly Tensor[], params?: Record<string, Tensor> | null, show_attrs?: boolean, show_saved?: boolean, max_attr_chars?: number) => DotGraph;

export const viz = {
  /** torchviz's `make_dot(var, params=None, show_attrs=False, show_saved=False, max_attr_chars=50)`. */
  make_dot: bindFunction('viz.make_dot', make_dot) as (outputs: Tensor | readonly Tensor[], params?: Record<string, Tensor> | null | MakeDotKw, kwargs?: MakeDotKw) => DotGraph,
  /** Binds a make_dot of the runner's own (which also records the graph) by torchviz's signature. */
  _bind_make_dot: (impl: MakeDotImpl) => bindFunction('viz.make_dot', impl) as (outputs: Tensor | readonly Tensor[], params?: Record<string, Tensor> | null | MakeDotKw, kwargs?: MakeDotKw) => DotGraph,
  snapshot_graph: snapshotGraph,
  /** Every recorded trace, oldest first (plain data, built from the recording on first request). */
  traces: (): BackwardTrace[] => backwardTraces().slice(),
  /** The newest trace, or null when none was recorded. */
  last_trace: (): BackwardTrace | null => backwardTraces().at(-1) ?? null,
  clear_traces: clearTraces,
  set_trace_options: setTraceOptions,
};
