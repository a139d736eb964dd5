/** `torch.viz`: make_dot, the inspector's graph snapshot, and the recorded backward traces. */
import { make_dot } from './make_dot';
import { snapshotGraph } from './snapshot';
import { backwardTraces, clearTraces, setTraceOptions, type BackwardTrace } from '../autograd/trace';

export type { DotGraph, GraphModel, VizNode, VizEdge, VizNodeKind, MakeDotOptions } from './make_dot';
export type { GraphSnapshot, NodeSnapshot, TensorSnapshot, SavedSnapshot, TensorValues } from './snapshot';
export type { BackwardTrace, TraceStep, TraceArrival, TraceSend, TraceHookCall, TraceError, GradSnapshot } from '../autograd/trace';

export const viz = {
  make_dot,
  snapshot_graph: snapshotGraph,
  /** Every recorded trace, oldest first (plain data, built from the recording on first request). */
  traces: (): BackwardTrace[] => backwardTraces().slice(),
  /** The newest trace, or null when none was recorded. */
  last_trace: (): BackwardTrace | null => backwardTraces().at(-1) ?? null,
  clear_traces: clearTraces,
  set_trace_options: setTraceOptions,
};
