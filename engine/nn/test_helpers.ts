/**
 * Test support: the backward graph as indented text, in the format of a small PyTorch script that
 * walks `grad_fn.next_functions` and lists `_saved_*` attributes (sorted, as Python's dir() sorts).
 * Tests compare it with that script's output, pasted as a literal.
 */
import { Tensor } from '../tensor';
import type { Node } from '../autograd/node';
import { OpNode } from '../autograd/function';

/** PyTorch exposes int64 arguments of a Node as unsigned: -100 reads 18446744073709551516. */
function pyInt(v: number): string {
  return v < 0 ? (2n ** 64n + BigInt(v)).toString() : String(v);
}

function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function savedText(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v instanceof Tensor) return 'T' + pyTuple(v.shape.map(String)) + (v.is_contiguous() ? '' : 'nc');
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? pyInt(v) : String(v);
  if (Array.isArray(v)) return pyTuple(v.map((x) => savedText(x)));
  return String(v);
}

export interface GraphTextOptions {
  /** Nodes whose saved values are left out (where PyTorch's differ by design, e.g. unwrapped dims). */
  hideSavedOf?: readonly string[];
}

export function graphText(root: Tensor | Node | null, opts: GraphTextOptions = {}): string {
  const lines: string[] = [];
  const visit = (node: Node | null, depth: number): void => {
    const pad = '  '.repeat(depth);
    if (node === null) {
      lines.push(pad + 'None');
      return;
    }
    const vals: string[] = [];
    if (node instanceof OpNode && !opts.hideSavedOf?.includes(node.name())) {
      for (const key of [...node._saved_keys()].sort()) vals.push(`_saved_${key}=${savedText(node._unpack(key))}`);
    }
    lines.push(`${pad}${node.name()} ${vals.join(' ')}`);
    for (const [next] of node.next_functions) visit(next, depth + 1);
  };
  visit(root instanceof Tensor ? root.grad_fn : root, 0);
  return lines.join('\n');
}
