/**
 * Draws a laid-out graph model into an SVG with d3, the way torchviz's images look: boxes with
 * monospace labels, arrows from inputs toward the output. Owns zoom and pan; nodes and edges are
 * joined by id, so a new layout of a similar graph morphs instead of being redrawn from scratch.
 */
import { select, zoom, zoomIdentity, zoomTransform, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { GraphModel, VizNode, VizNodeKind } from '../../engine/viz/make_dot';
import { edgeKeys, type Layout, type LayoutEdge } from './dotLayout';
import { FlowOverlay, type FlowEdgePath, type FlowNode } from './flow';
import { drawNoneStubs, type NoneInput } from './noneStubs';
import type { StepperFrame } from '../stepper/frames';

export interface RendererHandlers {
  onSelect(id: string | null): void;
  onHover(id: string | null): void;
}

/** A node's box in graph coordinates: (x, y) is its centre. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface DrawnNode extends Box {
  id: string;
  kind: VizNodeKind;
  /** torchviz's darker green for a view's base tensor, drawn as an output. */
  viewBase: boolean;
  /** A saved tensor that backward freed (drawn from a kept reference, greyed). */
  freed: boolean;
  label: string;
  engineId: string;
}

interface DrawnEdge extends LayoutEdge {
  key: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Graphviz's line height: fontsize 10 times its LINESPACING of 1.2. */
const LINE_HEIGHT = 12;
const MORPH_MS = 250;
/** Past this many nodes a morph costs more frames than it is worth: draw in place. */
const MORPH_MAX_NODES = 400;
const FIT_PADDING = 16;
/** Small graphs stop growing here: torchviz's images are about this size on screen. */
const FIT_MAX_SCALE = 1.6;
/** A new big graph shrinks no further than this (its text stays legible); its output end shows. */
const AUTO_FIT_MIN_SCALE = 0.6;

let markerCount = 0;

export class GraphRenderer {
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly viewport: Selection<SVGGElement, unknown, null, undefined>;
  private readonly edgeLayer: Selection<SVGGElement, unknown, null, undefined>;
  private readonly nodeLayer: Selection<SVGGElement, unknown, null, undefined>;
  private readonly stubLayer: Selection<SVGGElement, unknown, null, undefined>;
  private readonly zoom: ZoomBehavior<SVGSVGElement, unknown>;
  private readonly markerId = `graph-arrow-${++markerCount}`;
  private layout: Layout | null = null;
  private drawnCount = 0;
  private userMoved = false;
  /** Where the zoom buttons' animation is heading (null: none running). */
  private zoomTarget: ZoomTransform | null = null;
  /** The view's size, kept so that fitting never forces a layout of freshly drawn nodes. */
  private viewSize: { width: number; height: number } | null = null;
  private selectedId: string | null = null;
  private highlighted: ReadonlySet<string> = new Set();
  private readonly flow: FlowOverlay;

  constructor(svgElement: SVGSVGElement, handlers: RendererHandlers) {
    this.svg = select(svgElement);
    const marker = this.svg
      .append('defs')
      .append('marker')
      .attr('id', this.markerId)
      .attr('viewBox', '0 -3.5 10 7')
      .attr('refX', 10)
      .attr('refY', 0)
      .attr('markerWidth', 10)
      .attr('markerHeight', 7)
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('orient', 'auto');
    // Graphviz's `normal` arrowhead: 10 points long, 3.5 either side.
    marker.append('path').attr('class', 'graph-arrowhead').attr('d', 'M0,-3.5L10,0L0,3.5Z');
    this.viewport = this.svg.append('g').attr('class', 'graph-viewport');
    this.edgeLayer = this.viewport.append('g').attr('class', 'graph-edges');
    this.stubLayer = this.viewport.append('g').attr('class', 'graph-none-stubs');
    this.nodeLayer = this.viewport.append('g').attr('class', 'graph-nodes');
    this.flow = new FlowOverlay(this.viewport);
    this.zoom = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.005, 8])
      // d3-zoom's default reads the SVG's size on every gesture, forcing a layout of just-drawn nodes.
      .extent(() => {
        const { width, height } = this.viewSize ?? this.measureView();
        return [
          [0, 0],
          [width, height],
        ];
      })
      .clickDistance(4)
      .on('zoom', (event) => {
        this.viewport.attr('transform', event.transform.toString());
        // Only the user's wheel and drags carry a source event; fitting does not.
        if (event.sourceEvent) this.userMoved = true;
      });
    this.svg.call(this.zoom).on('dblclick.zoom', null);
    // One listener each for all nodes (a thousand nodes, one listener): the node is found from
    // the event's target, and a click that meets no node clears the selection.
    this.svg
      .on('click', (event: MouseEvent) => handlers.onSelect(nodeOf(event)?.id ?? null))
      .on('keydown', (event: KeyboardEvent) => {
        const node = nodeOf(event);
        if (!node || (event.key !== 'Enter' && event.key !== ' ')) return;
        event.preventDefault();
        handlers.onSelect(node.id);
      })
      .on('pointerover', (event: PointerEvent) => {
        const node = nodeOf(event);
        if (node && node !== nodeOf({ target: event.relatedTarget })) handlers.onHover(node.id);
      })
      .on('pointerout', (event: PointerEvent) => {
        const node = nodeOf(event);
        if (node && node !== nodeOf({ target: event.relatedTarget })) handlers.onHover(null);
      });
  }

  /** Draws `model` at `layout`'s coordinates, morphing from what was drawn before; `noneInputs`: noneStubs.ts. */
  draw(model: GraphModel, layout: Layout, noneInputs: readonly NoneInput[] = []): void {
    const byId = new Map<string, VizNode>(model.nodes.map((n) => [n.id, n]));
    const nodes: DrawnNode[] = [];
    for (const box of layout.nodes) {
      const n = byId.get(box.id);
      if (n) nodes.push({ ...box, kind: n.kind, viewBase: n.fillcolor === 'darkolivegreen3', freed: n.freed === true, label: n.label, engineId: String(n.nodeId ?? n.tensorId ?? n.id) });
    }
    const keys = edgeKeys(layout.edges);
    const edges: DrawnEdge[] = layout.edges.map((e, i) => ({ ...e, key: keys[i] }));
    const morph = this.drawnCount > 0 && this.drawnCount <= MORPH_MAX_NODES && nodes.length <= MORPH_MAX_NODES;
    const first = this.layout === null;
    this.viewSize ??= this.measureView();
    this.layout = layout;
    this.drawnCount = nodes.length;
    if (this.nodeLayer.node()!.firstChild || this.edgeLayer.node()!.firstChild) {
      this.drawNodes(nodes, morph);
      this.drawEdges(edges, morph);
    } else this.drawFresh(nodes, edges);
    this.applySelection();
    this.applyHighlight();
    drawNoneStubs(this.stubLayer.node()!, noneInputs, layout.nodes);
    this.bindFlow();
    // A view the user chose stays; otherwise the new graph is fitted.
    if (first || !this.userMoved) this.fit(morph, AUTO_FIT_MIN_SCALE);
  }

  clear(): void {
    this.layout = null;
    this.drawnCount = 0;
    this.nodeLayer.selectAll('*').remove();
    this.edgeLayer.selectAll('*').remove();
    this.stubLayer.selectAll('*').remove();
    this.flow.clear();
  }

  /** The stepper's frame (null: none); fresh gradients travel their edges in `durationMs`. */
  setFlow(frame: StepperFrame | null, durationMs: number): void {
    this.flow.apply(frame, durationMs);
  }

  setSelected(id: string | null): void {
    this.selectedId = id;
    this.applySelection();
  }

  setHighlighted(ids: readonly string[]): void {
    this.highlighted = new Set(ids);
    this.applyHighlight();
  }

  /**
   * Scales and centres the graph in the view. With a `minScale` the graph may stay bigger than
   * the view: then its bottom, the output the snippet computed, is what shows.
   */
  fit(animate: boolean, minScale = 0): void {
    if (!this.layout) return;
    const { width, height } = this.viewSize ?? this.measureView();
    if (width === 0 || height === 0) return;
    const { width: w, height: h } = this.layout;
    const fitted = Math.min((width - 2 * FIT_PADDING) / w, (height - 2 * FIT_PADDING) / h);
    const k = Math.max(minScale, Math.min(FIT_MAX_SCALE, fitted));
    // Wider than the view: the output (the lowest node) is centred, not the middle of the graph,
    // which in a long slanting chain may hold nothing at the bottom's height.
    const lowest = w * k > width ? this.layout.nodes.reduce((a, b) => (b.y > a.y ? b : a), this.layout.nodes[0]) : undefined;
    const tx = lowest ? Math.min(FIT_PADDING, Math.max(width - FIT_PADDING - w * k, width / 2 - lowest.x * k)) : (width - w * k) / 2;
    const ty = h * k <= height ? (height - h * k) / 2 : height - FIT_PADDING - h * k;
    const transform = zoomIdentity.translate(tx, ty).scale(k);
    this.zoomTarget = null;
    if (animate) this.svg.transition().duration(MORPH_MS).call(this.zoom.transform, transform);
    else this.svg.call(this.zoom.transform, transform);
    this.userMoved = false;
  }

  /** Zooms about the view's centre (the + and − buttons); the view then stays as the user left it. */
  zoomBy(factor: number): void {
    if (!this.layout) return;
    const { width, height } = this.viewSize ?? this.measureView();
    // From where the previous press is going, not from mid-way: quick presses compound exactly.
    const from = this.zoomTarget ?? zoomTransform(this.svg.node()!);
    const [min, max] = this.zoom.scaleExtent();
    const f = Math.max(min, Math.min(max, from.k * factor)) / from.k;
    const to = zoomIdentity.translate(width / 2 - (width / 2 - from.x) * f, height / 2 - (height / 2 - from.y) * f).scale(from.k * f);
    this.zoomTarget = to;
    this.svg
      .transition()
      .duration(MORPH_MS)
      .call(this.zoom.transform, to)
      .on('end interrupt', () => {
        if (this.zoomTarget === to) this.zoomTarget = null;
      });
    this.userMoved = true;
  }

  /** The view changed size: refit unless the user has zoomed or panned. */
  resized(width: number, height: number): void {
    this.viewSize = { width, height };
    if (!this.userMoved) this.fit(false, AUTO_FIT_MIN_SCALE);
  }

  destroy(): void {
    this.svg.interrupt().on('.zoom', null).on('click', null).on('keydown', null).on('pointerover', null).on('pointerout', null);
    this.svg.selectAll('*').remove();
  }

  private drawNodes(nodes: DrawnNode[], morph: boolean): void {
    const join = this.nodeLayer.selectAll<SVGGElement, DrawnNode>('g.graph-node').data(nodes, (d) => d.id);
    join.exit().remove();
    // A new node is built whole before it joins the document, in plain DOM calls: no style
    // invalidation per attribute, and one call per node rather than one per attribute and node.
    const entered = join.enter().append((d) => createNode(d));
    join.each(function (d) {
      updateNode(this, d);
    });
    if (morph) {
      entered.style('opacity', 0).transition().duration(MORPH_MS).style('opacity', 1);
      join
        .transition()
        .duration(MORPH_MS)
        .tween('place', function (d) {
          const from = placed.get(this) ?? d;
          return (t) => placeNode(this, { x: from.x + (d.x - from.x) * t, y: from.y + (d.y - from.y) * t, w: from.w + (d.w - from.w) * t, h: from.h + (d.h - from.h) * t });
        });
    } else {
      join.interrupt().each(function (d) {
        placeNode(this, d);
      });
    }
  }

  /**
   * Nothing drawn yet (a first graph, or one after `clear`): every element is built in plain
   * loops and inserted at once, with d3's `__data__` set for later joins. The first draw runs
   * before the JIT has warmed up, when d3's generic join costs several times these loops.
   */
  private drawFresh(nodes: DrawnNode[], edges: DrawnEdge[]): void {
    const marker = `url(#${this.markerId})`;
    const edgeFragment = document.createDocumentFragment();
    for (const d of edges) edgeFragment.append(Object.assign(createEdge(d, marker), { __data__: d }));
    const nodeFragment = document.createDocumentFragment();
    for (const d of nodes) nodeFragment.append(Object.assign(createNode(d), { __data__: d }));
    this.edgeLayer.node()!.append(edgeFragment);
    this.nodeLayer.node()!.append(nodeFragment);
  }

  private drawEdges(edges: DrawnEdge[], morph: boolean): void {
    const join = this.edgeLayer.selectAll<SVGPathElement, DrawnEdge>('path.graph-edge').data(edges, (d) => d.key);
    join.exit().remove();
    const marker = `url(#${this.markerId})`;
    const entered = join.enter().append((d) => createEdge(d, marker));
    join.each(function (d) {
      updateEdge(this, d, marker);
    });
    if (morph) {
      entered.style('opacity', 0).transition().duration(MORPH_MS).style('opacity', 1);
      join.transition().duration(MORPH_MS).attr('d', edgePath);
    } else {
      join.interrupt().attr('d', edgePath);
    }
  }

  /** Hands the drawn elements, with their final places (the layout's, not a morph's), to the stepper's overlay. */
  private bindFlow(): void {
    const nodes = new Map<string, FlowNode>();
    for (const el of drawn<SVGGElement, DrawnNode>(this.nodeLayer)) {
      const d = el.__data__;
      nodes.set(d.id, { el, x: d.x, y: d.y, w: d.w, h: d.h });
    }
    const edges = new Map<string, FlowEdgePath>();
    for (const el of drawn<SVGPathElement, DrawnEdge>(this.edgeLayer)) {
      const d = el.__data__;
      edges.set(d.key, { el, from: d.from, to: d.to, points: d.points, arrow: d.arrow });
    }
    this.flow.bind(nodes, edges);
  }

  private measureView(): { width: number; height: number } {
    const element = this.svg.node()!;
    return { width: element.clientWidth, height: element.clientHeight };
  }

  private applySelection(): void {
    for (const el of drawn<SVGGElement, DrawnNode>(this.nodeLayer)) el.classList.toggle('is-selected', el.__data__.id === this.selectedId);
  }

  private applyHighlight(): void {
    for (const el of drawn<SVGGElement, DrawnNode>(this.nodeLayer)) el.classList.toggle('is-highlighted', this.highlighted.has(el.__data__.id));
  }
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** A layer's drawn elements with the data d3 bound to them (exiting ones are already removed). */
function drawn<E extends Element, D>(layer: Selection<SVGGElement, unknown, null, undefined>): (E & { __data__: D })[] {
  return Array.from(layer.node()!.children) as (E & { __data__: D })[];
}

/** Where each node's box is drawn now (mid-morph: between two layouts). */
const placed = new WeakMap<SVGGElement, Box>();

/** What every node's group starts as; cloning it sets the fixed attributes natively. Made on first use. */
const nodeTemplate = once(() => {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'graph-node');
  g.setAttribute('data-testid', 'graph-node');
  g.setAttribute('tabindex', '0');
  g.setAttribute('role', 'button');
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('rx', '2');
  rect.setAttribute('ry', '2');
  g.append(rect, document.createElementNS(SVG_NS, 'text'));
  return g;
});

/**
 * A new node's group: its box and label, placed. The group has no transform of its own: in
 * Chromium every transformed SVG element is a paint chunk of its own, and a thousand of them make
 * each repaint while stepping cost a layerization of the whole graph.
 */
function createNode(d: DrawnNode): SVGGElement {
  const g = nodeTemplate().cloneNode(true) as SVGGElement;
  updateNode(g, d);
  placeNode(g, d);
  return g;
}

/** What a node shows; its position and size are set (or animated) by the caller. */
function updateNode(g: SVGGElement, d: DrawnNode): void {
  g.setAttribute('data-kind', d.kind);
  g.setAttribute('data-label', d.label);
  g.setAttribute('data-node-id', d.engineId);
  g.setAttribute('aria-label', `${d.kind}: ${d.label.trim().replace(/\s*\n\s*/g, ' ')}${d.freed ? ' (freed by backward; retain_graph=True keeps it)' : ''}`);
  g.classList.toggle('is-view-base', d.viewBase);
  if (d.freed) g.setAttribute('data-freed', 'true');
  else if (g.hasAttribute('data-freed')) g.removeAttribute('data-freed');
  if (writeLabel(g.lastElementChild as SVGTextElement, d.label)) {
    const at = placed.get(g);
    if (at) placeNode(g, at);
  }
}

/** Puts a node's box (centred at x, y) and its label lines in graph coordinates. */
function placeNode(g: SVGGElement, b: Box): void {
  placed.set(g, { x: b.x, y: b.y, w: b.w, h: b.h });
  const rect = g.firstElementChild as SVGRectElement;
  rect.setAttribute('x', String(b.x - b.w / 2));
  rect.setAttribute('y', String(b.y - b.h / 2));
  rect.setAttribute('width', String(b.w));
  rect.setAttribute('height', String(b.h));
  const text = g.lastElementChild as SVGTextElement;
  text.setAttribute('x', String(b.x));
  text.setAttribute('y', String(b.y));
  const lines = text.children;
  for (let i = 0; i < lines.length; i++) {
    lines[i].setAttribute('x', String(b.x));
    lines[i].setAttribute('y', String(b.y + (i - (lines.length - 1) / 2) * LINE_HEIGHT));
  }
}

const edgeTemplate = once(() => {
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('class', 'graph-edge');
  path.setAttribute('data-testid', 'graph-edge');
  return path;
});

function createEdge(d: DrawnEdge, marker: string): SVGPathElement {
  const path = edgeTemplate().cloneNode() as SVGPathElement;
  path.setAttribute('d', edgePath(d));
  updateEdge(path, d, marker);
  return path;
}

/** What an edge shows; its route is set (or animated) by the caller. */
function updateEdge(path: SVGPathElement, d: DrawnEdge, marker: string): void {
  path.setAttribute('data-from', d.from);
  path.setAttribute('data-to', d.to);
  if (d.style === 'dotted') path.setAttribute('stroke-dasharray', '1 3');
  else if (path.hasAttribute('stroke-dasharray')) path.removeAttribute('stroke-dasharray');
  if (d.arrow) path.setAttribute('marker-end', marker);
  else if (path.hasAttribute('marker-end')) path.removeAttribute('marker-end');
}

/** The drawn node an event happened in, if any. */
function nodeOf(event: { target: EventTarget | null }): DrawnNode | undefined {
  const element = event.target instanceof Element ? event.target.closest<SVGGElement>('g.graph-node') : null;
  return element ? select<SVGGElement, DrawnNode>(element).datum() : undefined;
}

/** dot's B-spline as SVG cubic segments, then a straight run to the arrow's tip (under the head). */
function edgePath(d: DrawnEdge): string {
  const [start, ...rest] = d.points;
  if (!start) return '';
  let path = `M${start[0]},${start[1]}`;
  for (let i = 0; i + 2 < rest.length; i += 3) path += `C${rest[i]} ${rest[i + 1]} ${rest[i + 2]}`;
  if (d.arrow) path += `L${d.arrow[0]},${d.arrow[1]}`;
  return path;
}

/**
 * One line per label line, as Graphviz sets `\n`-separated labels (placeNode centres them); text
 * only. Returns whether the lines were rebuilt (they then need placing).
 */
function writeLabel(text: SVGTextElement, label: string): boolean {
  const lines = label.split('\n');
  // Most boxes are one op name: plain text, a thousand fewer elements in a big graph.
  if (lines.length === 1) {
    if (text.childElementCount > 0 || text.textContent !== label) text.textContent = label;
    return false;
  }
  if (text.childElementCount === lines.length && Array.from(text.children, (span) => span.textContent).join('\n') === label) return false;
  text.replaceChildren(
    ...lines.map((line) => {
      const span = document.createElementNS(SVG_NS, 'tspan');
      span.textContent = line;
      return span;
    }),
  );
  return true;
}
