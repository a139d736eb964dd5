import type { GraphModel } from '../../engine/viz/make_dot';

/**
 * The first `limit` nodes of a graph, breadth first from its outputs against the arrows (what the
 * student looks at first), with the edges among them: the view drawn when the whole graph cannot
 * be laid out in time.
 */
export function firstNodes(model: GraphModel, limit: number): GraphModel {
  const into = new Map<string, string[]>();
  for (const e of model.edges) {
    const list = into.get(e.to);
    if (list) list.push(e.from);
    else into.set(e.to, [e.from]);
  }
  const kept = new Set<string>();
  const order = model.nodes.filter((n) => n.kind === 'output').map((n) => n.id);
  for (let i = 0; i < order.length && kept.size < limit; i++) {
    const id = order[i];
    if (kept.has(id)) continue;
    kept.add(id);
    for (const from of into.get(id) ?? []) if (!kept.has(from)) order.push(from);
  }
  // A graph without outputs (or with few): the rest in torchviz's order.
  for (const n of model.nodes) if (kept.size < limit) kept.add(n.id);
  return { ...model, nodes: model.nodes.filter((n) => kept.has(n.id)), edges: model.edges.filter((e) => kept.has(e.from) && kept.has(e.to)) };
}
