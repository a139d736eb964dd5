/**
 * Graph exports: Graphviz DOT (what torchviz's make_dot writes for the same graph), a standalone
 * SVG of the drawn graph, and a PNG of it.
 *
 * graphToDot writes what make_dot's toDot writes, from the plain GraphView the page holds, with the
 * same function (engine/viz/dot.ts: text only, so the engine's runtime stays in the worker).
 */
import { toDot } from '../../engine/viz/dot';
import type { GraphView } from '../runner/protocol';

export type Theme = 'light' | 'dark';

// ---- DOT -----------------------------------------------------------------------------------------

/** The Graphviz source torchviz's make_dot would write for this graph (same statements, same order). */
export function graphToDot(view: GraphView): string {
  // A truncated graph says so (a DOT comment), rather than passing for the whole one.
  return toDot(view.model, view.truncated ? `Gradlab drew the first ${view.truncated.shown} of ${view.truncated.total} nodes` : undefined);
}

// ---- SVG -----------------------------------------------------------------------------------------

/** The colours the graph is drawn with (styles.css and GraphCanvas.css), as plain values. */
export const GRAPH_COLORS: Record<Theme, { background: string; edge: string; nodeStroke: string; text: string; muted: string }> = {
  light: { background: '#ffffff', edge: '#4b5565', nodeStroke: '#000000', text: '#000000', muted: '#667085' },
  dark: { background: '#161a22', edge: '#aab2c0', nodeStroke: 'rgba(0, 0, 0, 0.55)', text: '#000000', muted: '#9099aa' },
};

/** torchviz's fills, in both themes (text on nodes is always dark). */
export const NODE_FILLS: Record<string, string> = { leaf: '#add8e6', op: '#d3d3d3', output: '#caff70', saved: '#ffa500', viewBase: '#a2cd5a' };

const CSS_VARS: Record<Theme, Record<string, string>> = {
  light: { '--leaf': NODE_FILLS.leaf!, '--op': NODE_FILLS.op!, '--output': NODE_FILLS.output!, '--saved': NODE_FILLS.saved!, '--edge': GRAPH_COLORS.light.edge, '--graph-node-stroke': GRAPH_COLORS.light.nodeStroke, '--panel': GRAPH_COLORS.light.background, '--text': '#1d2330', '--mono': 'monospace' },
  dark: { '--leaf': NODE_FILLS.leaf!, '--op': NODE_FILLS.op!, '--output': NODE_FILLS.output!, '--saved': NODE_FILLS.saved!, '--edge': GRAPH_COLORS.dark.edge, '--graph-node-stroke': GRAPH_COLORS.dark.nodeStroke, '--panel': GRAPH_COLORS.dark.background, '--text': '#e4e7ee', '--mono': 'monospace' },
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MARGIN = 8;
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Serialized graph markup (the GraphCanvas's `<svg>`) as a standalone SVG file: the whole graph in
 * view (`box`, in graph coordinates, plus a margin) whatever the pan and zoom, the theme's colours
 * written on every element (no CSS variables or app stylesheet needed), a background, and fonts
 * as `monospace`. Interaction attributes (tabindex, roles, selection states) are left out.
 */
export function standaloneSvg(markup: string, theme: Theme, box: Box): string {
  const colors = GRAPH_COLORS[theme];
  const open = /^\s*(?:<\?xml[^>]*>\s*)?<svg\b[^>]*>/.exec(markup);
  const close = markup.lastIndexOf('</svg>');
  if (!open || close < open[0].length) throw new Error('not an <svg> element');
  let inner = markup.slice(open[0].length, close);
  inner = inner
    // The pan/zoom transform of the viewport group: the export shows the whole graph.
    .replace(/(<g\b[^>]*\bclass="graph-viewport"[^>]*?)\s+transform="[^"]*"/g, '$1')
    // The look comes from the theme below, not from the app's inline state styles.
    .replace(/\s(?:tabindex|role|data-testid|data-active|data-grad|style)="[^"]*"/g, '')
    .replace(/\sclass="([^"]*)"/g, (_m, cls: string) => {
      const kept = cls.split(/\s+/).filter((c) => c && !/^is-(selected|highlighted|done|flowing|stepping)$/.test(c));
      return kept.length ? ` class="${kept.join(' ')}"` : '';
    })
    .replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^)]*))?\)/g, (_m, name: string, fallback?: string) => CSS_VARS[theme][name] ?? fallback?.trim() ?? 'currentColor')
    .replace(/\sfilter="[^"]*"/g, '');
  // Presentation attributes, so that viewers that ignore <style> still see the colours.
  inner = inner
    .replace(/(<g\b[^>]*\bdata-kind="(\w+)"[^>]*>\s*<rect\b)/g, (_m, head: string, kind: string) => {
      // A saved tensor that backward freed is greyed, as on screen.
      const fill = head.includes('is-view-base') ? NODE_FILLS.viewBase : head.includes('data-freed="true"') ? NODE_FILLS.op : NODE_FILLS[kind] ?? NODE_FILLS.op;
      return `${head} fill="${fill}" stroke="${colors.nodeStroke}" stroke-width="1"`;
    })
    .replace(/<path\b(?=[^>]*\bclass="graph-edge")/g, `<path fill="none" stroke="${colors.edge}" stroke-width="1"`)
    .replace(/<path\b(?=[^>]*\bclass="graph-arrowhead")/g, `<path fill="${colors.edge}" stroke="none"`)
    // A None stub (noneStubs.css): a faint dashed line and dot, its label ending left of the dot.
    .replace(/<g\b[^>]*\bclass="none-stub"[^>]*>[\s\S]*?<\/g>/g, (stub) =>
      stub
        .replace(/<path\b/, `<path fill="none" stroke="${colors.edge}" stroke-opacity="0.6" stroke-dasharray="2 2.5"`)
        .replace(/<circle\b/, `<circle fill="${colors.edge}" fill-opacity="0.6"`)
        .replace(/<text\b/, `<text class="none-stub-label" fill="${colors.muted}" font-family="monospace" font-size="8.5" font-style="italic" text-anchor="end" dominant-baseline="central"`),
    )
    .replace(/<text\b(?! class="none-stub-label")/g, `<text fill="${colors.text}" font-family="monospace" font-size="10" text-anchor="middle" dominant-baseline="central" xml:space="preserve"`);
  const x = box.x - MARGIN;
  const y = box.y - MARGIN;
  const w = Math.max(1, box.width + 2 * MARGIN);
  const h = Math.max(1, box.height + 2 * MARGIN);
  const num = (n: number) => String(Math.round(n * 100) / 100);
  const style = [
    `.graph-edge{fill:none;stroke:${colors.edge};stroke-width:1}`,
    `.graph-arrowhead{fill:${colors.edge};stroke:none}`,
    `.graph-node rect{stroke:${colors.nodeStroke};stroke-width:1}`,
    ...['leaf', 'op', 'output', 'saved'].map((k) => `.graph-node[data-kind='${k}'] rect{fill:${NODE_FILLS[k]}}`),
    `.graph-node.is-view-base rect{fill:${NODE_FILLS.viewBase}}`,
    `.graph-node[data-freed='true'] rect{fill:${NODE_FILLS.op};stroke-dasharray:3 2}`,
    `text{fill:${colors.text};font-family:monospace;font-size:10px;text-anchor:middle;dominant-baseline:central;white-space:pre}`,
    `.none-stub path{fill:none;stroke:${colors.edge};stroke-opacity:.6;stroke-dasharray:2 2.5}`,
    `.none-stub circle{fill:${colors.edge};fill-opacity:.6}`,
    `.none-stub text{fill:${colors.muted};font-size:8.5px;font-style:italic;text-anchor:end}`,
  ].join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="${SVG_NS}" width="${num(w)}" height="${num(h)}" viewBox="${num(x)} ${num(y)} ${num(w)} ${num(h)}" font-family="monospace">`,
    `<style>${style}</style>`,
    `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${colors.background}"/>`,
    inner,
    '</svg>\n',
  ].join('');
}

/** The drawn graph (GraphCanvas's live `<svg>`) as a standalone SVG file's text. Browser only. */
export function svgToString(svg: SVGSVGElement, theme: Theme): string {
  const viewport = svg.querySelector<SVGGraphicsElement>('.graph-viewport');
  const b = (viewport ?? svg).getBBox();
  const markup = new XMLSerializer().serializeToString(svg);
  return standaloneSvg(markup, theme, { x: b.x, y: b.y, width: b.width, height: b.height });
}

/** Browsers refuse canvases past about 16k pixels a side or 2^28 pixels in all; stay well under. */
const MAX_SIDE = 16_384;
const MAX_AREA = 64 * 1024 * 1024;

/** The drawn graph as a PNG, `scale` device pixels per graph unit (capped to what a canvas holds). Browser only. */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2, theme: Theme = 'light'): Promise<Blob> {
  const text = svgToString(svg, theme);
  const size = /<svg\b[^>]*\bwidth="([\d.]+)" height="([\d.]+)"/.exec(text);
  const width = Number(size?.[1] ?? 1);
  const height = Number(size?.[2] ?? 1);
  const s = Math.max(0.1, Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height))));
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = new OffscreenCanvas(Math.ceil(width * s), Math.ceil(height * s));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.scale(s, s);
  ctx.drawImage(img, 0, 0, width, height);
  return canvas.convertToBlob({ type: 'image/png' });
}
