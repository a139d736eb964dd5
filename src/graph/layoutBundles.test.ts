import { describe, it, expect } from 'vitest';
import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
import torch from '../../engine';
import type { GraphModel } from '../../engine/viz/make_dot';
import { edgeKeys, layoutDot, parseLayout, visibleModel } from './dotLayout';
import { bundleNote, estimateRanks, planLayout, unbundleLayout, virtualNodes } from './layoutBundles';

/** `s = s.add(x.mul(i))` n times: x's AccumulateGrad feeds n + 1 MulBackward0, n - 1 of them far below it. */
function fanOut(n: number): GraphModel {
  const x = torch.ones(1, { requires_grad: true });
  let s = x.mul(1);
  for (let i = 0; i < n; i++) s = s.add(x.mul(i));
  return structuredClone(torch.viz.make_dot(s, { params: { x } }));
}

/** n running products of x, all stacked: StackBackward0 is fed from n ranks. */
function fanIn(n: number): GraphModel {
  const x = torch.ones(1, { requires_grad: true });
  const parts = [];
  let s = x;
  for (let i = 0; i < n; i++) parts.push((s = s.mul(1.01)));
  return structuredClone(torch.viz.make_dot(torch.stack(parts).sum(), { params: { x } }));
}

function firstExample(): GraphModel {
  const x = torch.ones(2, 2, { requires_grad: true });
  const y = x.add(2);
  return structuredClone(torch.viz.make_dot(y.mul(y).mul(3).mean(), { params: { x } }));
}

async function layOut(dot: string) {
  const graphviz = await Graphviz.load();
  return unbundleLayout(parseLayout(graphviz.layout(dot, 'json0' as Format, 'dot')));
}

describe('planLayout', () => {
  it("leaves an ordinary graph's DOT exactly as layoutDot writes it", () => {
    const model = firstExample();
    expect(planLayout(model, false)).toEqual({ dot: layoutDot(model, false), bundles: [] });
    expect(planLayout(model, true).dot).toBe(layoutDot(model, true));
  });

  it("estimates dot's ranks: a leaf sits just above its first use, the fan-out's edges are long", () => {
    const model = visibleModel(fanOut(100), false);
    const rank = estimateRanks(
      model.nodes.map((n) => n.id),
      model.edges,
    )!;
    expect(virtualNodes(model.edges, rank)).toBe((99 * 100) / 2);
    const chain = visibleModel(firstExample(), false);
    expect(virtualNodes(chain.edges, estimateRanks(chain.nodes.map((n) => n.id), chain.edges)!)).toBe(0);
  });

  it('bundles the one AccumulateGrad that feeds every step, and says so', () => {
    const model = fanOut(600);
    const { bundles } = planLayout(model, false);
    expect(bundles).toHaveLength(1);
    const hub = model.nodes.find((n) => n.id === bundles[0].hub)!;
    expect(hub.label).toBe('AccumulateGrad');
    expect(bundles[0]).toMatchObject({ direction: 'out', edges: 599 });
    expect(bundleNote(model, bundles)).toBe('AccumulateGrad feeds 601 nodes: those edges share one line, so the graph lays out quickly.');
    expect(bundleNote(model, [])).toBeNull();
  });
});

// Graphviz lays these out in well under a second, but the machine may be busy.
describe('a bundled layout', { timeout: 30_000 }, () => {
  it('has every model node, and every model edge once under its own key, plus trunk lines', async () => {
    const model = fanOut(80);
    const plan = planLayout(model, false);
    expect(plan.bundles).toHaveLength(1);
    const layout = await layOut(plan.dot);
    const visible = visibleModel(model, false);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(visible.nodes.map((n) => n.id).sort());
    const hub = plan.bundles[0].hub;
    const trunk = layout.edges.filter((e) => e.from === hub && e.to === hub);
    const drawn = layout.edges.filter((e) => !trunk.includes(e));
    expect(edgeKeys(drawn).sort()).toEqual(edgeKeys(visible.edges).sort());
    expect(trunk.length).toBeGreaterThan(0);
    for (const e of trunk) expect(e.dir).toBe('none');
    // Each branch still ends in an arrow at its target's top.
    const box = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const e of drawn.filter((d) => d.from === hub)) {
      const head = box.get(e.to)!;
      expect(Math.abs(e.arrow![1] - (head.y - head.h / 2))).toBeLessThan(1);
    }
  });

  it('bundles a fan-in into a trunk that ends in the one arrow into its node', async () => {
    const model = fanIn(60);
    const plan = planLayout(model, false);
    expect(plan.bundles).toEqual([expect.objectContaining({ direction: 'in', edges: 59 })]);
    const layout = await layOut(plan.dot);
    const hub = plan.bundles[0].hub;
    const into = layout.edges.filter((e) => e.to === hub && e.from === hub);
    expect(into.filter((e) => e.arrow)).toHaveLength(1);
    expect(layout.nodes).toHaveLength(visibleModel(model, false).nodes.length);
  });

  it('ranks a hub that feeds 300,000 nodes (no spread of a node\'s edges into one call)', () => {
    const nodes = ['hub', ...Array.from({ length: 300_000 }, (_, i) => `n${i}`)];
    const rank = estimateRanks(nodes, nodes.slice(1).map((to) => ({ from: 'hub', to })))!;
    expect(rank.get('hub')).toBe(0);
    expect(rank.get('n299999')).toBe(1);
  });
});
