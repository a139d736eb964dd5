/**
 * What the runner learns while a snippet runs, through the engine's node-created hook: where each
 * autograd Node was created and which results no later op consumed (the candidates for "the
 * snippet's outputs"). Where a node was made is the language's business (`Where`): a TypeScript
 * snippet's place is a captured stack (V8 formats it only when read, so an op costs little),
 * a Python program's is its running line.
 */
import type { Node, Tensor } from '../../engine';
import { snippetLocation } from './location';

/** How a runner notes where the code is when a node is made, and reads the line from that note. */
export interface Where<Place = unknown> {
  capture(): Place;
  line(place: Place): number | null;
}

/** A TypeScript snippet's place: the stack, read for its first `snippet.ts` frame. */
export function stackWhere(lineOffset: number): Where<Error> {
  return { capture: () => new Error(), line: (err) => snippetLocation(err.stack, lineOffset)?.line ?? null };
}

interface Produced {
  ref: WeakRef<Tensor>;
  /** Set while these are the newest node's results. */
  held?: Tensor;
  node: Node;
  seq: number;
}

export class NodeTracker {
  private readonly places = new WeakMap<Node, unknown>();
  /** Results by the id of their grad_fn, until an op consumes that node. */
  private readonly unconsumed = new Map<number, Produced[]>();
  private seq = 0;
  /**
   * The newest node's results, held strongly: the snippet's last result is drawn even when nothing
   * holds it (`y.sum().backward()`), which a weak reference alone leaves to the collector's timing.
   */
  private newest: Produced[] = [];

  constructor(private readonly where: Where) {}

  readonly hook = (node: Node, outputs: readonly Tensor[]): void => {
    this.places.set(node, this.where.capture());
    for (const [next] of node.next_functions) if (next) this.unconsumed.delete(next.id);
    for (const p of this.newest) p.held = undefined;
    this.newest = outputs.map((t) => ({ ref: new WeakRef(t), held: t, node, seq: this.seq++ }));
    this.unconsumed.set(node.id, this.newest);
  };

  /** The student's 1-based line whose code created `node`, or null (made outside the snippet). */
  lineOf(node: Node): number | null {
    const place = this.places.get(node);
    return place === undefined ? null : this.where.line(place);
  }

  /** The results nothing consumed, still alive and still the product of their node, oldest first. */
  unconsumedTensors(): Tensor[] {
    const out: { t: Tensor; seq: number }[] = [];
    for (const list of this.unconsumed.values()) {
      for (const p of list) {
        const t = p.held ?? p.ref.deref();
        if (t && t.grad_fn === p.node) out.push({ t, seq: p.seq });
      }
    }
    return out.sort((a, b) => a.seq - b.seq).map((o) => o.t);
  }
}
