/**
 * The stepper's overlay on a drawn graph: which node runs (`data-active`), which leaves hold a
 * `.grad` (`data-grad`), gradient labels on the edges (the fresh ones travel along their edge with
 * a d3 transition), sums, hooks and retain_grad notes, and the build replay's not-yet-created
 * nodes. It draws into the renderer's SVG (a layer above the nodes) and touches only what changed
 * from one frame to the next, so stepping a 500-node graph stays within a frame's budget.
 */
import { easeCubicInOut, type Selection } from 'd3';
import type { StepperFrame, FlowBadge, FlowEdge, FlowGrad } from '../stepper/frames';

export interface FlowNode {
  el: SVGGElement;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FlowEdgePath {
  el: SVGPathElement;
  from: string;
  to: string;
  /** dot's cubic B-spline control points and arrow tip (as drawn): sampled here, not read back from the DOM. */
  points: [number, number][];
  arrow?: [number, number];
}

/** An edge as a polyline with cumulative lengths: points along it cost no layout. */
interface Sampled {
  xs: number[];
  ys: number[];
  at: number[];
}

const SAMPLES_PER_CURVE = 12;

function sample(edge: FlowEdgePath): Sampled {
  const [start, ...rest] = edge.points;
  const xs = [start?.[0] ?? 0];
  const ys = [start?.[1] ?? 0];
  for (let i = 0; i + 2 < rest.length; i += 3) {
    const [p0, p1, p2, p3] = [[xs.at(-1)!, ys.at(-1)!], rest[i], rest[i + 1], rest[i + 2]];
    for (let j = 1; j <= SAMPLES_PER_CURVE; j++) {
      const t = j / SAMPLES_PER_CURVE;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      xs.push(a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0]);
      ys.push(a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]);
    }
  }
  if (edge.arrow) {
    xs.push(edge.arrow[0]);
    ys.push(edge.arrow[1]);
  }
  const at = [0];
  for (let i = 1; i < xs.length; i++) at.push(at[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]));
  return { xs, ys, at };
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Monospace at 10px (the node labels' size): about this wide per character (measuring text would force layouts). */
const CHAR_W = 6.05;
const LABEL_H = 15;
const BADGE_H = 17;

interface LabelDatum extends FlowEdge {
  /** How far along the edge (from its start) the label rests. */
  at: number;
  /** Sideways offset, so the label sits beside its edge (parallel edges: one each side). */
  dx: number;
}

interface TextBox {
  key: string;
  w: number;
  text: string;
  title: string;
  x: number;
  y: number;
  kind: string;
  fresh: boolean;
}

export class FlowOverlay {
  private readonly layer: Selection<SVGGElement, unknown, null, undefined>;
  private nodes = new Map<string, FlowNode>();
  private edges = new Map<string, FlowEdgePath>();
  private sampled = new Map<string, Sampled>();
  /** Where each label was last put at rest (its transform), so unchanged labels are not touched. */
  private placed = new Map<string, string>();
  // What the previous frame set, so that the next one only touches the difference.
  private shown = { active: new Set<string>(), done: new Set<string>(), hidden: new Set<string>(), grads: new Map<string, string>(), flowing: new Set<string>(), faint: new Set<string>(), building: false, failed: null as string | null };
  private frame: StepperFrame | null = null;

  constructor(parent: Selection<SVGGElement, unknown, null, undefined>) {
    this.layer = parent.append('g').attr('class', 'graph-flow');
  }

  /** A new drawing: its elements, then the current frame again, in place. */
  bind(nodes: Map<string, FlowNode>, edges: Map<string, FlowEdgePath>): void {
    this.nodes = nodes;
    this.edges = edges;
    this.sampled.clear();
    this.placed.clear();
    this.shown = { active: new Set(), done: new Set(), hidden: new Set(), grads: new Map(), flowing: new Set(), faint: new Set(), building: false, failed: null };
    this.layer.selectAll('*').remove();
    this.apply(this.frame, 0);
  }

  clear(): void {
    this.nodes = new Map();
    this.edges = new Map();
    this.layer.selectAll('*').remove();
  }

  apply(frame: StepperFrame | null, durationMs: number): void {
    this.frame = frame;
    const svg = this.layer.node()!.ownerSVGElement;
    svg?.classList.toggle('is-stepping', !!frame && (frame.mode === 'build' || frame.k > 0));
    svg?.classList.toggle('is-building', frame?.mode === 'build');
    const visible = frame?.visible ? new Set(frame.visible) : null;
    this.syncNodes(new Set(frame?.active), new Set(frame?.done), visible, new Map(Object.entries(frame?.grads ?? {}).map(([id, g]) => [id, g.exact])));
    this.syncEdges(frame, visible);
    this.syncFailed(frame?.failed ?? null);
    this.drawLabels(frame?.edges ?? [], durationMs);
    this.drawBoxes(frame, durationMs);
  }

  private syncNodes(active: Set<string>, done: Set<string>, visible: Set<string> | null, grads: Map<string, string>): void {
    const { shown } = this;
    const hidden = new Set<string>();
    if (visible) for (const id of this.nodes.keys()) if (!visible.has(id)) hidden.add(id);
    toggleDiff(shown.active, active, (id, on) => {
      const el = this.nodes.get(id)?.el;
      if (!el) return;
      if (on) el.setAttribute('data-active', 'true');
      else el.removeAttribute('data-active');
    });
    toggleDiff(shown.done, done, (id, on) => this.nodes.get(id)?.el.classList.toggle('is-done', on));
    toggleDiff(shown.hidden, hidden, (id, on) => {
      const el = this.nodes.get(id)?.el;
      el?.classList.toggle('is-unbuilt', on);
      // A node's edges to None (noneStubs.ts) exist when it does.
      for (const stub of el?.ownerSVGElement?.querySelectorAll(`.none-stub[data-node="${id}"]`) ?? []) stub.classList.toggle('is-unbuilt', on);
    });
    for (const [id, text] of grads) {
      if (shown.grads.get(id) === text) continue;
      this.nodes.get(id)?.el.setAttribute('data-grad', text);
    }
    for (const id of shown.grads.keys()) if (!grads.has(id)) this.nodes.get(id)?.el.removeAttribute('data-grad');
    shown.active = active;
    shown.done = done;
    shown.hidden = hidden;
    shown.grads = grads;
  }

  /** The node that raised, at the last step of a backward that failed. */
  private syncFailed(failed: string | null): void {
    if (this.shown.failed === failed) return;
    if (this.shown.failed) this.nodes.get(this.shown.failed)?.el.removeAttribute('data-failed');
    if (failed) this.nodes.get(failed)?.el.setAttribute('data-failed', 'true');
    this.shown.failed = failed;
  }

  private syncEdges(frame: StepperFrame | null, visible: Set<string> | null): void {
    const flowing = new Set(frame?.edges.map((e) => e.key));
    const faint = new Set(frame?.faint);
    toggleDiff(this.shown.flowing, flowing, (key, on) => this.edges.get(key)?.el.classList.toggle('is-flowing', on));
    toggleDiff(this.shown.faint, faint, (key, on) => this.edges.get(key)?.el.classList.toggle('is-faint', on));
    this.shown.flowing = flowing;
    this.shown.faint = faint;
    // Build replay: an edge exists once both its ends do.
    if (!visible && !this.shown.building) return;
    for (const e of this.edges.values()) e.el.classList.toggle('is-unbuilt', !!visible && !(visible.has(e.from) && visible.has(e.to)));
    this.shown.building = !!visible;
  }

  /** The point a fraction `t` of the way along edge `key`. */
  private pointAt(key: string, t: number): [number, number] {
    let line = this.sampled.get(key);
    if (!line) {
      const edge = this.edges.get(key);
      if (!edge) return [0, 0];
      line = sample(edge);
      this.sampled.set(key, line);
    }
    const { xs, ys, at } = line;
    const target = Math.max(0, Math.min(1, t)) * at[at.length - 1];
    let i = 1;
    while (i < at.length - 1 && at[i] < target) i++;
    const span = at[i] - at[i - 1] || 1;
    const f = Math.max(0, Math.min(1, (target - at[i - 1]) / span));
    return [xs[i - 1] + (xs[i] - xs[i - 1]) * f, ys[i - 1] + (ys[i] - ys[i - 1]) * f];
  }

  /** Gradient labels: fresh ones travel from the sender's end of the edge to where they rest. */
  private drawLabels(edges: readonly FlowEdge[], durationMs: number): void {
    const data: LabelDatum[] = edges.filter((e) => this.edges.has(e.key)).map((e) => {
      const hash = e.key.lastIndexOf('#');
      const nth = Number(e.key.slice(hash + 1));
      const parallel = this.edges.has(`${e.key.slice(0, hash)}#1`);
      const w = boxWidth(e.short);
      return { ...e, at: parallel ? 0.4 + 0.2 * (nth % 2) : 0.5, dx: (parallel && nth % 2 === 0 ? -1 : 1) * (w / 2 + 4) };
    });
    const join = this.layer.selectAll<SVGGElement, LabelDatum>('g.graph-flow-label').data(data, (d) => d.key);
    join.exit().remove();
    const entered = join.enter().append((d) => createBox('graph-flow-label', d.short, d.full, LABEL_H));
    const all = entered.merge(join);
    all.each(function (d) {
      updateBox(this, d.short, d.full, LABEL_H);
      this.setAttribute('data-edge', d.key);
      this.classList.toggle('is-fresh', d.fresh);
      this.classList.toggle('is-merging', d.merging);
    });
    const place = (d: LabelDatum, t: number) => {
      const [x, y] = this.pointAt(d.key, t);
      return `translate(${x + d.dx},${y})`;
    };
    const rest = (d: LabelDatum) => {
      const key = `${d.key}@${d.at}`;
      let at = this.placed.get(key);
      if (at === undefined) {
        at = place(d, d.at);
        this.placed.set(key, at);
      }
      return at;
    };
    const animated = (d: LabelDatum) => durationMs > 0 && (d.fresh || d.merging);
    // Only labels that moved (or were animating) are placed again: a 500-edge graph stays cheap.
    all
      .filter(function (d) {
        return !animated(d) && (this.getAttribute('transform') !== rest(d) || this.style.opacity !== '');
      })
      .interrupt()
      .attr('transform', rest)
      .style('opacity', null);
    if (durationMs <= 0) return;
    // Gradients flow against the drawn arrows: from the edge's end (the node that sent them) back.
    all
      .filter((d) => d.fresh)
      .interrupt()
      .attr('transform', (d) => place(d, 1))
      .transition()
      .duration(durationMs * 0.6)
      .ease(easeCubicInOut)
      .attrTween('transform', (d) => (t) => place(d, 1 - (1 - d.at) * t));
    // Two or more gradients into one slot: they travel on into the node and merge into the sum.
    all
      .filter((d) => d.merging && !d.fresh)
      .interrupt()
      .attr('transform', rest)
      .style('opacity', null)
      .transition()
      .duration(durationMs * 0.6)
      .ease(easeCubicInOut)
      .attrTween('transform', (d) => (t) => place(d, d.at * (1 - t)))
      .style('opacity', 0.3);
    for (const d of data.filter((e) => e.fresh)) this.pulse(d.key, durationMs);
  }

  /** A dot runs the whole edge, sender to receiver, ahead of the label. */
  private pulse(key: string, durationMs: number): void {
    const dot = this.layer.insert('circle', ':first-child').attr('class', 'graph-flow-dot').attr('r', 3.5);
    dot
      .transition()
      .duration(durationMs)
      .ease(easeCubicInOut)
      .attrTween('transform', () => (t) => `translate(${this.pointAt(key, 1 - t).join(',')})`)
      .remove();
  }

  /** `.grad` under leaf (and retained) boxes; sums, hooks and retain_grad notes above nodes. */
  private drawBoxes(frame: StepperFrame | null, durationMs: number): void {
    const boxes: TextBox[] = [];
    const under = (grads: Record<string, FlowGrad>, kind: string) => {
      for (const [id, g] of Object.entries(grads)) {
        const n = this.nodes.get(id);
        const text = `.grad ${g.short}`;
        const w = boxWidth(text);
        if (n) boxes.push({ key: `${kind}:${id}`, w, text, title: `.grad\n${g.full}`, x: n.x - n.w / 2 - 6 - w / 2, y: n.y, kind, fresh: g.fresh });
      }
    };
    under(frame?.grads ?? {}, 'grad');
    under(frame?.retained ?? {}, 'retained');
    const above = new Map<string, number>();
    for (const b of frame?.badges ?? ([] as FlowBadge[])) {
      const n = this.nodes.get(b.id);
      if (!n) continue;
      const i = above.get(b.id) ?? 0;
      above.set(b.id, i + 1);
      const text = b.kind === 'sum' ? `Σ ${b.text}` : b.text;
      const w = boxWidth(text);
      boxes.push({ key: `${b.kind}:${b.id}:${i}`, w, text, title: b.title, x: n.x + n.w / 2 + 8 + w / 2, y: n.y + i * (BADGE_H + 3), kind: b.kind, fresh: b.fresh });
    }
    const join = this.layer.selectAll<SVGGElement, TextBox>('g.graph-flow-box').data(boxes, (d) => d.key);
    join.exit().remove();
    const entered = join.enter().append((d) => createBox('graph-flow-box', d.text, d.title, BADGE_H));
    const all = entered.merge(join);
    all.each(function (d) {
      updateBox(this, d.text, d.title, BADGE_H);
      this.setAttribute('data-kind', d.kind);
      const at = `translate(${d.x},${d.y})`;
      if (this.getAttribute('transform') !== at) this.setAttribute('transform', at);
      this.classList.toggle('is-fresh', d.fresh);
      if (d.kind === 'sum' || d.kind === 'hook' || d.kind === 'error') this.setAttribute('data-testid', `flow-${d.kind}`);
    });
    if (durationMs > 0) {
      all
        .filter((d) => d.fresh)
        .interrupt()
        .style('opacity', 0)
        .transition()
        .delay(durationMs * 0.5)
        .duration(durationMs * 0.4)
        .style('opacity', 1);
    } else all.filter(function () {
      return this.style.opacity !== '';
    }).interrupt().style('opacity', null);
  }
}

function boxWidth(text: string): number {
  return Math.ceil(text.length * CHAR_W) + 10;
}

function toggleDiff(before: ReadonlySet<string>, after: ReadonlySet<string>, set: (id: string, on: boolean) => void): void {
  for (const id of before) if (!after.has(id)) set(id, false);
  for (const id of after) if (!before.has(id)) set(id, true);
}

/** A rounded box centred on (0, 0) with one line of text and a hover title; text only. */
function createBox(className: string, text: string, title: string, h: number): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', className);
  g.append(document.createElementNS(SVG_NS, 'title'), document.createElementNS(SVG_NS, 'rect'), document.createElementNS(SVG_NS, 'text'));
  updateBox(g, text, title, h);
  return g;
}

function updateBox(g: SVGGElement, text: string, title: string, h: number): void {
  const [titleEl, rect, textEl] = g.children as unknown as [SVGTitleElement, SVGRectElement, SVGTextElement];
  if (textEl.textContent === text && titleEl.textContent === title) return;
  titleEl.textContent = title;
  textEl.textContent = text;
  const w = boxWidth(text);
  rect.setAttribute('x', String(-w / 2));
  rect.setAttribute('y', String(-h / 2));
  rect.setAttribute('width', String(w));
  rect.setAttribute('height', String(h));
  rect.setAttribute('rx', String(h / 2));
}

