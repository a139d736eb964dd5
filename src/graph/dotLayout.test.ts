import { describe, it, expect } from 'vitest';
import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
import torch from '../../engine';
import type { GraphModel } from '../../engine/viz/make_dot';
import { layoutDot, parseLayout, visibleModel, edgeKeys, type Layout } from './dotLayout';

async function layOut(model: GraphModel, showSaved: boolean): Promise<Layout> {
  const graphviz = await Graphviz.load();
  return parseLayout(graphviz.layout(layoutDot(model, showSaved), 'json0' as Format, 'dot'));
}

/** The first seed article's example, `out = (3 * (x + 2)^2).mean()`, with its saved tensors. */
function seedModel(): GraphModel {
  const x = torch.ones(2, 2, { requires_grad: true });
  const y = x.add(2);
  const out = y.mul(y).mul(3).mean();
  return structuredClone(torch.viz.make_dot(out, { params: { x }, show_saved: true }));
}

const byKind = (model: GraphModel, kind: string) => model.nodes.filter((n) => n.kind === kind).map((n) => n.id);

describe('layoutDot', () => {
  it('leaves the saved tensors and their undirected lines out unless asked', () => {
    const model = seedModel();
    expect(byKind(model, 'saved').length).toBeGreaterThan(0);
    const hidden = visibleModel(model, false);
    expect(byKind(hidden, 'saved')).toEqual([]);
    expect(hidden.edges.some((e) => e.dir === 'none')).toBe(false);
    expect(layoutDot(model, false)).not.toContain('fillcolor=orange');
    expect(layoutDot(model, true)).toContain('fillcolor=orange');
  });

  it('measures with Courier and never hands Graphviz an empty label line', () => {
    const dot = layoutDot(seedModel(), false);
    expect(dot).toContain('fontname=Courier');
    expect(dot).not.toContain('label="\n');
  });
});

describe('parseLayout over dot', () => {
  it('puts the leaf on top and the output at the bottom, with the model ids', async () => {
    const model = seedModel();
    const layout = await layOut(model, false);
    const visible = visibleModel(model, false);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(visible.nodes.map((n) => n.id).sort());
    const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
    const [leaf] = byKind(model, 'leaf');
    const [output] = byKind(model, 'output');
    for (const n of layout.nodes) {
      expect(y.get(leaf)!).toBeLessThanOrEqual(n.y);
      expect(y.get(output)!).toBeGreaterThanOrEqual(n.y);
      // Graphviz writes sizes in inches to five decimals: boxes meet the edge to within that.
      expect(n.x - n.w / 2).toBeGreaterThanOrEqual(-0.01);
      expect(n.y + n.h / 2).toBeLessThanOrEqual(layout.height + 0.01);
    }
  });

  it('routes every edge from its tail downwards to an arrow tip at its head', async () => {
    const model = seedModel();
    const layout = await layOut(model, false);
    const box = new Map(layout.nodes.map((n) => [n.id, n]));
    expect(edgeKeys(layout.edges).sort()).toEqual(edgeKeys(visibleModel(model, false).edges).sort());
    for (const e of layout.edges) {
      expect((e.points.length - 1) % 3).toBe(0);
      const head = box.get(e.to)!;
      expect(e.arrow).toBeDefined();
      expect(Math.abs(e.arrow![1] - (head.y - head.h / 2))).toBeLessThan(1);
      expect(e.points[0][1]).toBeGreaterThan(box.get(e.from)!.y);
    }
  });

  it('keeps undirected saved lines without arrows, and parallel edges apart', async () => {
    const model = seedModel();
    const layout = await layOut(model, true);
    const saved = layout.edges.filter((e) => e.dir === 'none');
    expect(saved.length).toBe(model.edges.filter((e) => e.dir === 'none').length);
    for (const e of saved) expect(e.arrow).toBeUndefined();
    expect(new Set(edgeKeys(layout.edges)).size).toBe(layout.edges.length);
  });

  it('sizes a two-line label for two lines of ten-point text', async () => {
    const model = seedModel();
    const layout = await layOut(model, false);
    const [leaf] = byKind(model, 'leaf');
    const op = model.nodes.find((n) => n.label === 'MulBackward0')!;
    const height = new Map(layout.nodes.map((n) => [n.id, n.h]));
    expect(height.get(leaf)).toBeCloseTo(32, 0);
    expect(height.get(op.id)).toBeCloseTo(20, 0);
  });
});
