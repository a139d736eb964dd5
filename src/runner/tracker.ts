/**
 * What the runner learns while a snippet runs, through the engine's node-created hook: where each
 * autograd Node was created (a captured stack; V8 formats it only when read, so an op costs little)
 * and which results no later op consumed (the candidates for "the snippet's outputs").
 */
import type { Node, Tensor } from '../../engine';
import { snippetLocation } from './location';

interface Produced {
  ref: WeakRef<Tensor>;
  node: Node;
  seq: number;
}

export class NodeTracker {
  private readonly stacks = new WeakMap<Node, Error>();
  /** Results by the id of their grad_fn, until an op consumes that node. */
  private readonly unconsumed = new Map<number, Produced[]>();
  private seq = 0;

  constructor(private readonly lineOffset: number) {}

  readonly hook = (node: Node, outputs: readonly Tensor[]): void => {
    this.stacks.set(node, new Error());
    for (const [next] of node.next_functions) if (next) this.unconsumed.delete(next.id);
    this.unconsumed.set(
      node.id,
      outputs.map((t) => ({ ref: new WeakRef(t), node, seq: this.seq++ })),
    );
  };

  /** The student's 1-based line whose code created `node`, or null (made outside the snippet). */
  lineOf(node: Node): number | null {
    const err = this.stacks.get(node);
    return err ? (snippetLocation(err.stack, this.lineOffset)?.line ?? null) : null;
  }

  /** The results nothing consumed, still alive and still the product of their node, oldest first. */
  unconsumedTensors(): Tensor[] {
    const out: { t: Tensor; seq: number }[] = [];
    for (const list of this.unconsumed.values()) {
      for (const p of list) {
        const t = p.ref.deref();
        if (t && t.grad_fn === p.node) out.push({ t, seq: p.seq });
      }
    }
    return out.sort((a, b) => a.seq - b.seq).map((o) => o.t);
  }
}
