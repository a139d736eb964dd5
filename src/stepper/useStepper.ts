import { useMemo } from 'react';
import type { BackwardTrace, TraceStep } from '../../engine/viz';
import type { GraphView } from '../runner/protocol';
import { useStore } from '../store';
import { backwardFrame, buildFrame, buildOrder, priorGrads, type StepperFrame } from './frames';
import { graphForTrace } from './traceGraph';

export interface StepperView {
  /** The graph to draw: the selected one, or the one the selected trace ran on. */
  graph: GraphView | null;
  trace: BackwardTrace | null;
  frame: StepperFrame | null;
}

/**
 * The graph to draw and the selected trace, without subscribing to the step: components that
 * re-render on every step would make playing slow (the editor's shell among them).
 */
export function useStepperGraph(): { graph: GraphView | null; trace: BackwardTrace | null } {
  const graphs = useStore((s) => s.graphs);
  const selectedGraph = useStore((s) => s.selectedGraph);
  const trace = useStore((s) => (s.stepperMode === 'backward' ? (s.traces[s.traceIndex] ?? null) : null));
  const selected = graphs[selectedGraph] ?? null;
  const graph = useMemo(() => (trace ? graphForTrace(trace, graphs, selectedGraph) : selected), [trace, graphs, selectedGraph, selected]);
  return { graph, trace };
}

/** The step just run (for the chain-rule panel), or null. */
export function useActiveStep(): TraceStep | null {
  return useStore((s) => (s.stepperMode === 'backward' && s.stepK > 0 ? (s.traces[s.traceIndex]?.steps[s.stepK - 1] ?? null) : null));
}

/** The stepper's current frame, derived from the store (memoized: a frame is computed once per k). */
export function useStepper(): StepperView {
  const traces = useStore((s) => s.traces);
  const traceIndex = useStore((s) => s.traceIndex);
  const k = useStore((s) => s.stepK);
  const building = useStore((s) => s.stepperMode === 'build');
  const { graph, trace } = useStepperGraph();
  const prior = useMemo(() => (trace ? priorGrads(traces, traceIndex) : null), [trace, traces, traceIndex]);
  // Backward mode on a run without backward() has no frame: the whole graph shows, as drawn.
  const order = useMemo(() => (graph && building ? buildOrder(graph.model, graph.nodeLines) : null), [graph, building]);
  const frame = useMemo(() => {
    if (!graph) return null;
    if (trace && prior) return backwardFrame(trace, graph.model, prior, k);
    return order ? buildFrame(order, graph.nodeLines, k) : null;
  }, [graph, trace, prior, order, k]);
  return { graph, trace, frame };
}

/** The build replay's lit source line (undefined outside the replay); re-renders only while replaying. */
export function useBuildLine(graph: GraphView | null): number | undefined {
  const k = useStore((s) => (s.stepperMode === 'build' ? s.stepK : -1));
  const replaying = k >= 0;
  const order = useMemo(() => (graph && replaying ? buildOrder(graph.model, graph.nodeLines) : null), [graph, replaying]);
  return order && k > 0 ? graph?.nodeLines[order[Math.min(k, order.length) - 1]] : undefined;
}
