/**
 * Graphs too big for the viewer: a loop that builds tens of thousands of nodes would take the
 * layout minutes, and the page's memory a lot. Past MAX_GRAPH_NODES the runner draws the first
 * nodes (breadth first from the outputs: what the student is looking at) with the same boxes, and
 * says so.
 */
import type { Node, Tensor } from '../../engine';
import { isAccumulateGrad } from './engineRefs';
import { sizeToStr, toDot, type DotGraph, type GraphModel, type VizEdge, type VizNode } from '../../engine/viz/make_dot';

export const MAX_GRAPH_NODES = 5000;

/** How many autograd nodes the roots reach, counting (iteratively) no further than `limit + 1`. */
export function countGraphNodes(roots: readonly Tensor[], limit: number = MAX_GRAPH_NODES): number {
  const seen = new Set<Node>();
  const stack = roots.flatMap((t) => (t.grad_fn ? [t.grad_fn] : []));
  while (stack.length && seen.size <= limit) {
    const fn = stack.pop()!;
    if (seen.has(fn)) continue;
    seen.add(fn);
    for (const [next] of fn.next_functions) if (next && !seen.has(next)) stack.push(next);
  }
  return seen.size;
}

/** How many autograd nodes the roots reach in all (iterative: safe on any depth). */
export function totalGraphNodes(roots: readonly Tensor[]): number {
  return countGraphNodes(roots, Number.POSITIVE_INFINITY);
}

/** torchviz's boxes and colours for the first `limit` nodes, breadth first from the outputs. */
export function truncatedModel(roots: readonly Tensor[], names: Record<string, Tensor>, limit: number = MAX_GRAPH_NODES): DotGraph {
  const nameOf = new Map(Object.entries(names).map(([k, t]) => [t, k]));
  const nodes = new Map<string, VizNode>();
  const edges: VizEdge[] = [];
  let order = 0;
  const tensorNode = (t: Tensor, kind: 'leaf' | 'output', fillcolor: string) => {
    const id = `t${t.id}`;
    if (nodes.has(id)) return id;
    const name = nameOf.get(t) ?? '';
    const node: VizNode = { id, kind, label: `${name}\n ${sizeToStr(t.shape)}`, fillcolor, tensorId: t.id, shape: t.shape.slice(), order: order++ };
    if (name) node.name = name;
    nodes.set(id, node);
    return id;
  };
  const queue: Node[] = [];
  for (const t of roots) {
    const id = tensorNode(t, 'output', 'darkolivegreen1');
    if (t.grad_fn) {
      queue.push(t.grad_fn);
      edges.push({ from: `n${t.grad_fn.id}`, to: id, order: order++ });
    }
  }
  const queued = new Set<Node>(queue);
  for (let i = 0; i < queue.length && nodes.size < limit; i++) {
    const fn = queue[i];
    const id = `n${fn.id}`;
    nodes.set(id, { id, kind: 'op', label: fn.name().replace(/^.*::/, ''), fillcolor: 'lightgrey', nodeId: fn.id, order: order++ });
    if (isAccumulateGrad(fn)) edges.push({ from: tensorNode(fn.variable, 'leaf', 'lightblue'), to: id, order: order++ });
    for (const [next] of fn.next_functions) {
      if (!next) continue;
      edges.push({ from: `n${next.id}`, to: id, order: order++ });
      if (!queued.has(next)) {
        queued.add(next);
        queue.push(next);
      }
    }
  }
  const model: GraphModel = { nodes: [...nodes.values()], edges: edges.filter((e) => nodes.has(e.from) && nodes.has(e.to)), size: '12,12' };
  return Object.defineProperty(model, 'toDot', { value: () => toDot(model), enumerable: false }) as DotGraph;
}
