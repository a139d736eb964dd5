/**
 * The backward graph of each program in cases.py is PyTorch 2.x's: the same Nodes in the same
 * places, each with PyTorch's name and its `_saved_*` attributes as PyTorch's getters give them
 * (integers as the unsigned 64-bit values PyTorch stores, a saved output as a new tensor).
 * expected.json comes from a running PyTorch 2.x (gen_expected.py).
 */
import { describe, it, expect } from 'vitest';
import torch, { F, Tensor } from '../../index';
import type { Node } from '../node';
import { OpNode } from '../function';
import { formatPyValue } from '../../format';
import expected from './expected.json';

/** Programs whose graph differs, and why (README, "What differs"). */
const KNOWN: Record<string, string> = {};

function fmt(v: unknown): string {
  if (v instanceof Tensor) return `T(${v.shape.join(', ')}${v.shape.length === 1 ? ',' : ''})`;
  if (Array.isArray(v) && v.some((t) => t instanceof Tensor)) return `(${v.map(fmt).join(', ')}${v.length === 1 ? ',' : ''})`;
  return formatPyValue(v, 'repr');
}

/** Every Node, depth first along next_functions, each once: its class name and saved attributes. */
export function showGraph(t: Tensor): string[] {
  const seen = new Set<Node>();
  const out: string[] = [];
  const walk = (fn: Node | null) => {
    if (fn === null || seen.has(fn)) return;
    seen.add(fn);
    const attrs = fn instanceof OpNode ? fn._saved_keys().slice().sort() : [];
    const values = attrs.map((k) => `${k}=${fmt((fn as unknown as Record<string, unknown>)[`_saved_${k}`])}`);
    out.push([fn.name().replace(/^.*::/, ''), ...values].join(' '));
    for (const [next] of fn.next_functions) walk(next);
  };
  walk(t.grad_fn);
  return out;
}

function run(ts: string): Tensor {
  const setup = `
    const x = torch.tensor([[0.5, -1.5, 2.0], [1.0, 3.0, -0.25]], { requires_grad: true });
    const v = torch.tensor([1.5, -2.0, 0.5], { requires_grad: true });
    const m = torch.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0], [2.0, 0.5, 1.0]], { requires_grad: true });
    const b = torch.arange(12).float().reshape(2, 2, 3).requires_grad_();
    const i = torch.tensor([2n, 0n]);
    const idx = torch.tensor([[0n, 2n], [1n, 1n]]);`;
  return new Function('torch', 'F', `${setup}\n${ts}\nreturn y;`)(torch, F) as Tensor;
}

describe(`backward graphs are PyTorch ${expected.torch}'s: Node names and saved attributes`, () => {
  for (const c of expected.cases) {
    it(c.py, () => {
      const got = showGraph(run(c.ts));
      if (c.py in KNOWN) expect(got, 'now matches: take it off KNOWN').not.toEqual(c.nodes);
      else expect(got).toEqual(c.nodes);
    });
  }
});
