import { describe, expect, it } from 'vitest';
import { seedArticles } from '../../engine/seeds/examples';
import { runSnippet } from '../../engine/seeds/run_snippet';
import type { DotGraph, GraphModel } from '../../engine/viz/make_dot';
import type { GraphView } from '../runner/protocol';
import { graphToDot, standaloneSvg } from './graph';

const seed = (id: string) => Object.values(seedArticles).flat().find((s) => s.id === id)!.source;

/** A GraphView as the page receives it: the model after a structured clone (no toDot method). */
function view(model: GraphModel, truncated?: GraphView['truncated']): GraphView {
  return { id: 'g1', title: 'make_dot(y)', model: structuredClone(model), snapshot: { roots: [], nodes: [], tensors: [] }, nodeLines: {}, ...(truncated ? { truncated } : {}) } as unknown as GraphView;
}

function dotsOf(source: string): DotGraph[] {
  const run = runSnippet(source);
  expect(run.error).toBeNull();
  return run.dots as DotGraph[];
}

describe('graphToDot', () => {
  const cases: [string, string][] = [
    ['001-7 make_dot(yhat)', seed('001-7')],
    ['001-8 without b', seed('001-8')],
    ['001-9 control flow', seed('001-9')],
    ['000-3 with saved tensors and attributes', `${seed('000-3')}\nmake_dot(out, {show_saved: true, show_attrs: true});`],
    ['003-2 with parameter names', `${seed('003-2')}\nmake_dot(loss, {params: Object.fromEntries(net.named_parameters())});`],
    ['004-3 next to its outputs', `${seed('004-3')}\nmake_dot([out, c]);`],
    ['a view of a leaf (dotted edge)', `const a = torch.ones(3, {requires_grad: true}).mul(2);\nconst v = a.index(torch.slice(0, 2));\nmake_dot(v.sum());`],
    ['labels with quotes', `const w = torch.ones(2, {requires_grad: true});\nmake_dot(w.mul(2).sum(), {params: {'w "quoted"': w}});`],
  ];

  it.each(cases)('%s: the same DOT as torchviz-faithful toDot()', (_name, source) => {
    const dots = dotsOf(source);
    expect(dots.length).toBeGreaterThan(0);
    for (const dot of dots) expect(graphToDot(view(dot))).toBe(dot.toDot());
  });

  it('writes torchviz\'s statements', () => {
    const [dot] = dotsOf(seed('001-7'));
    const text = graphToDot(view(dot!));
    expect(text).toMatch(/^digraph \{\n\tgraph \[size="12,12"\]\n\tnode \[align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled\]\n/);
    expect(text).toContain('[label=AddBackward0]');
    expect(text).toContain('fillcolor=darkolivegreen1]');
    expect(text).toContain('fillcolor=lightblue]');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('says when the drawn graph was truncated', () => {
    const [dot] = dotsOf(seed('001-7'));
    expect(graphToDot(view(dot!, { shown: 3, total: 9 }))).toContain('\t// Gradlab drew the first 3 of 9 nodes\n');
  });
});

/** What GraphCanvas draws (render.ts), serialized, panned and zoomed, with a node selected. */
const DRAWN = `<svg class="graph-canvas-svg" width="800" height="600" style="font-family: var(--mono)"><defs><marker id="arrow-1" viewBox="0 -3.5 10 7"><path class="graph-arrowhead" d="M0,-3.5L10,0L0,3.5Z"></path></marker></defs><g class="graph-viewport" transform="translate(40,12) scale(1.5)"><g class="graph-edges"><path class="graph-edge" data-testid="graph-edge" d="M10,20C10,30 10,40 10,50" data-from="t1" data-to="n2" marker-end="url(#arrow-1)"></path><path class="graph-edge" d="M1,2L3,4" data-from="n2" data-to="t3" stroke-dasharray="1 3"></path></g><g class="graph-nodes"><g class="graph-node is-selected" data-testid="graph-node" tabindex="0" role="button" transform="translate(0,0)" data-kind="leaf" data-label="w\n (1)" data-node-id="t1" aria-label="leaf: w (1)"><rect rx="2" ry="2" width="40" height="20"></rect><text x="20" y="10"><tspan x="20" y="5">w</tspan><tspan x="20" y="15"> (1)</tspan></text></g><g class="graph-node is-highlighted" data-kind="op" tabindex="0" role="button"><rect width="60" height="20" style="stroke: var(--accent)"></rect><text x="30" y="10">MulBackward0</text></g><g class="graph-node" data-kind="output"><rect width="40" height="20"></rect><text>(80, 1)</text></g><g class="graph-node is-view-base" data-kind="leaf"><rect width="40" height="20"></rect><text>x &amp; &lt;y&gt;</text></g><g class="graph-node" data-kind="saved"><rect width="40" height="20"></rect><text>self</text></g></g></g></svg>`;

describe('standaloneSvg', () => {
  const box = { x: -2.5, y: 0, width: 120, height: 90 };

  it('is a standalone SVG document showing the whole graph', () => {
    const svg = standaloneSvg(DRAWN, 'light', box);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="136" height="106" viewBox="-10.5 -8 136 106" font-family="monospace">')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(svg).toContain('<g class="graph-viewport">');
    expect(svg).not.toMatch(/scale\(1\.5\)/);
    expect(svg).toContain('<rect x="-10.5" y="-8" width="136" height="106" fill="#ffffff"/>');
    // Still balanced: every element the drawing opened is closed.
    for (const tag of ['g', 'path', 'rect', 'text', 'tspan']) {
      expect((svg.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length - (svg.match(new RegExp(`<${tag}\\b[^>]*/>`, 'g')) ?? []).length)
        .toBe((svg.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
    }
  });

  it('writes the colours on the elements: torchviz fills, theme edges, dark text', () => {
    const svg = standaloneSvg(DRAWN, 'light', box);
    expect(svg).toContain('data-kind="leaf" data-label="w\n (1)" data-node-id="t1" aria-label="leaf: w (1)"><rect fill="#add8e6" stroke="#000000" stroke-width="1"');
    expect(svg).toMatch(/data-kind="op"><rect fill="#d3d3d3"/);
    expect(svg).toMatch(/data-kind="output"><rect fill="#caff70"/);
    expect(svg).toMatch(/data-kind="saved"><rect fill="#ffa500"/);
    expect(svg).toMatch(/is-view-base" data-kind="leaf"><rect fill="#a2cd5a"/);
    expect(svg).toContain('<path fill="none" stroke="#4b5565" stroke-width="1" class="graph-edge"');
    expect(svg).toContain('<path fill="#4b5565" stroke="none" class="graph-arrowhead"');
    expect(svg).toContain('<text fill="#000000" font-family="monospace" font-size="10"');
    expect(svg).toContain('<style>.graph-edge{fill:none;stroke:#4b5565;stroke-width:1}');
    expect(svg).toContain('x &amp; &lt;y&gt;');
  });

  it('needs no app stylesheet: no CSS variables, app fonts or interaction state', () => {
    const svg = standaloneSvg(DRAWN, 'light', box);
    expect(svg).not.toContain('var(');
    expect(svg).not.toMatch(/tabindex|role=|data-testid|is-selected|is-highlighted|style="/);
    expect(svg).not.toMatch(/JetBrains|--mono/);
  });

  it('uses the dark theme\'s background and edges, keeping the node colours', () => {
    const svg = standaloneSvg(DRAWN, 'dark', box);
    expect(svg).toContain('fill="#161a22"/>');
    expect(svg).toContain('stroke="#aab2c0"');
    expect(svg).toMatch(/data-kind="output"><rect fill="#caff70" stroke="rgba\(0, 0, 0, 0.55\)"/);
  });

  it('refuses what is not an <svg>', () => {
    expect(() => standaloneSvg('<div></div>', 'light', box)).toThrow('not an <svg> element');
  });
});
