/**
 * Which graph a trace is drawn on: a graph of the run that draws its nodes, or, for a backward of
 * an earlier loop iteration whose graph no longer exists, one rebuilt from the trace itself (the
 * nodes that ran and the edges gradients took, in torchviz's colours and labels).
 */
import type { BackwardTrace, GraphModel, NodeSnapshot, VizEdge, VizNode } from '../../engine/viz';
import type { GraphView } from '../runner/protocol';

/** The graph among `graphs` that draws the trace's first node, preferring `preferred`. */
export function graphForTrace(trace: BackwardTrace, graphs: readonly GraphView[], preferred: number): GraphView {
  const first = trace.steps[0];
  const draws = (g: GraphView | undefined) => !!g && !!first && g.model.nodes.some((v) => v.id === `n${first.node}`);
  if (draws(graphs[preferred])) return graphs[preferred];
  return graphs.find(draws) ?? traceGraph(trace, graphs);
}

const className = (name: string) => name.replace(/^.*::/, '');

export function traceGraph(trace: BackwardTrace, graphs: readonly GraphView[]): GraphView {
  // Tensors keep their ids across iterations (a loop's parameters): borrow their labels.
  const known = new Map<string, VizNode>();
  for (const g of graphs) for (const v of g.model.nodes) if (v.tensorId !== undefined) known.set(v.id, v);
  const nodes = new Map<string, VizNode>();
  const edges: VizEdge[] = [];
  let order = 0;
  const addNode = (v: Omit<VizNode, 'order'>) => {
    if (!nodes.has(v.id)) nodes.set(v.id, { ...v, order: order++ });
  };
  const addEdge = (from: string, to: string) => edges.push({ from, to, order: order++ });
  const ran = new Set(trace.steps.map((s) => s.node));
  const snapshots: NodeSnapshot[] = [];

  for (const step of trace.steps) {
    const id = `n${step.node}`;
    addNode({ id, kind: 'op', label: className(step.name), fillcolor: 'lightgrey', nodeId: step.node });
    for (const a of step.arrivals) {
      if (a.from !== null) continue;
      const root = trace.roots[0];
      const label = known.get(`t${root}`)?.label ?? `\n (${a.grad.shape.join(', ')})`;
      addNode({ id: `t${root}`, kind: 'output', label, fillcolor: 'darkolivegreen1', tensorId: root, shape: a.grad.shape });
      addEdge(id, `t${root}`);
    }
    for (const send of step.sent) if (send.to !== null && ran.has(send.to)) addEdge(`n${send.to}`, id);
    if (step.accumulated) {
      const leaf = `t${step.accumulated.tensor}`;
      const shape = step.accumulated.grad.shape;
      addNode({ id: leaf, kind: 'leaf', label: known.get(leaf)?.label ?? `\n (${shape.join(', ')})`, fillcolor: 'lightblue', tensorId: step.accumulated.tensor, shape });
      addEdge(leaf, id);
    }
    snapshots.push({
      id: step.node,
      name: step.name,
      next_functions: step.sent.map((send) => [send.to, send.toSlot]),
      saved: [],
      variable: step.accumulated?.tensor ?? null,
      hooks: { pre: 0, post: 0, tensor: 0 },
    });
  }
  const model: GraphModel = { nodes: [...nodes.values()], edges, size: '12,12' };
  return {
    id: `trace-${trace.id}`,
    title: `backward #${trace.id} (rebuilt from its trace)`,
    model,
    snapshot: { roots: trace.roots, nodes: snapshots, tensors: [] },
    nodeLines: {},
  };
}
