/**
 * Edges to None. torchviz (and so make_dot and the DOT export) draws nothing for a `(None, 0)`
 * entry of next_functions; the SVG marks each with a short faint dashed stub ending in "None",
 * leaving the node's left side, so a student sees the input that gets no gradient. A stub is no graph node and no edge: nothing is laid out for it, nothing flows on it.
 */
import type { GraphView } from '../runner/protocol';
import './noneStubs.css';

export interface NoneInput {
  /** The drawn op node (`n7`). */
  node: string;
  /** Its next_functions index that is None, and how many entries there are. */
  index: number;
  count: number;
  /** Which of the node's None entries it is (0: the first): stubs of one node fan out. */
  nth: number;
}

export interface StubBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** How far a stub reaches out, how far it rises (barely into dot's 36pt rank gap), and the fan's step. */
const REACH = 16;
const RISE = 7;
const FAN = 11;

/** The None entries of the next_functions of the graph's drawn nodes. */
export function noneInputs(graph: GraphView): NoneInput[] {
  const drawn = new Set(graph.model.nodes.map((v) => v.id));
  const out: NoneInput[] = [];
  for (const n of graph.snapshot.nodes) {
    const node = `n${n.id}`;
    if (!drawn.has(node)) continue;
    let nth = 0;
    n.next_functions.forEach(([next], index) => {
      if (next === null) out.push({ node, index, count: n.next_functions.length, nth: nth++ });
    });
  }
  return out;
}

/**
 * Where a stub goes: out of the node's left side, up and away. The in-edges arrive at the top,
 * their gradient labels rest right of them, and hook and sum notes sit at the right: the left
 * is what stays free.
 */
export function stubGeometry(input: NoneInput, box: StubBox): { x1: number; y1: number; x2: number; y2: number } {
  const x1 = box.x - box.w / 2;
  const y1 = box.y;
  return { x1, y1, x2: x1 - REACH, y2: y1 - RISE - input.nth * FAN };
}

/** Redraws every stub into `layer` for the nodes' boxes (as laid out). */
export function drawNoneStubs(layer: SVGGElement, inputs: readonly NoneInput[], boxes: readonly StubBox[]): void {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const stubs: SVGGElement[] = [];
  for (const input of inputs) {
    const box = byId.get(input.node);
    if (!box) continue;
    const { x1, y1, x2, y2 } = stubGeometry(input, box);
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', 'none-stub');
    g.setAttribute('data-testid', 'none-stub');
    g.setAttribute('data-node', input.node);
    g.setAttribute('data-index', String(input.index));
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = `next_functions[${input.index}] is (None, 0): this input needs no gradient, so nothing flows back to it.`;
    const line = document.createElementNS(SVG_NS, 'path');
    line.setAttribute('d', `M${x1},${y1}L${x2},${y2}`);
    const dot = document.createElementNS(SVG_NS, 'circle');
    dot.setAttribute('cx', String(x2));
    dot.setAttribute('cy', String(y2));
    dot.setAttribute('r', '1.5');
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(x2 - 3));
    text.setAttribute('y', String(y2));
    text.textContent = 'None';
    g.append(title, line, dot, text);
    stubs.push(g);
  }
  layer.replaceChildren(...stubs);
}
