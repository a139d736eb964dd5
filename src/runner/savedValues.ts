/**
 * The values each Node saved for backward, captured when the Node is made. A backward without
 * retain_graph frees them, and the graphs are described after the snippet ran, so without this the
 * stepper's chain-rule panel would have no `self` / `other` to show. Only references are kept here
 * (cheap per op); values are copied when a graph is described, if the tensor was not changed in place.
 */
import type { Tensor, Node } from '../../engine';
import { isOpNode, isTensor } from './engineRefs';
import { tensorValues } from '../../engine/viz/snapshot';
import type { TensorValues } from '../../engine/viz';

interface Kept {
  key: string;
  /** A saved tensor, or a saved list of tensors (cat's `tensors`). */
  value: Tensor | readonly (Tensor | null)[];
  version: number;
}

export class SavedValues {
  private readonly kept = new WeakMap<Node, Kept[]>();

  readonly hook = (node: Node): void => {
    if (!isOpNode(node)) return;
    const list: Kept[] = [];
    for (const key of node._saved_keys()) {
      const v = node._unpack(key);
      if (isTensor(v)) list.push({ key, value: v, version: v._version });
      else if (Array.isArray(v) && v.some(isTensor)) list.push({ key, value: v as (Tensor | null)[], version: 0 });
    }
    if (list.length > 0) this.kept.set(node, list);
  };

  /** What `node` saved, as it was saved (make_dot draws a freed graph's saved tensors from it). */
  readonly savedOf = (node: Node): [string, unknown][] | null => {
    const list = this.kept.get(node);
    return list ? list.map((k) => [k.key, k.value]) : null;
  };

  /** Node id -> saved key -> values, for the given Nodes (those a graph draws). */
  describe(nodes: Iterable<Node>): Record<number, Record<string, TensorValues>> {
    const out: Record<number, Record<string, TensorValues>> = {};
    for (const node of nodes) {
      const list = this.kept.get(node);
      if (!list) continue;
      const entry: Record<string, TensorValues> = {};
      for (const k of list) if (isTensor(k.value) && k.value._version === k.version) entry[k.key] = tensorValues(k.value);
      out[node.id] = entry;
    }
    return out;
  }
}
