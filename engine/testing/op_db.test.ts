/**
 * gradcheck and gradgradcheck (float64, central differences) of every op in the op table, over
 * the one sample generator: random shapes, broadcast partners, layouts, dims and value domains.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import torch, { type Tensor } from '../index';
import { inputOf, instantiate, op_db, sampleArb, shapeSeen, type OpInfo } from './op_db';

const GRADCHECK = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 };

/** A fixed fast-check seed per op and check, so a failure replays. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function outputsOf(out: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(out) ? out : [out];
}

function property(info: OpInfo, check: (leaves: Tensor[], f: (...leaves: Tensor[]) => Tensor | Tensor[]) => boolean, runs: number, label: string): void {
  fc.assert(
    fc.property(sampleArb(info.rank), (s) => {
      const { leaves, f, valid } = instantiate(info, s);
      fc.pre(valid);
      return check(leaves, f);
    }),
    { numRuns: runs, seed: seedOf(`${label} ${info.name}`) },
  );
}

describe.each(['unary', 'binary', 'reduction', 'softmax', 'shape', 'index'] as const)('op_db: %s ops', (family) => {
  const ops = op_db.filter((o) => o.family === family);

  it.each(ops.filter((o) => o.checks.includes('gradcheck')))('gradcheck: $name', (info) => {
    property(info, (leaves, f) => torch.autograd.gradcheck(f, leaves, GRADCHECK), info.runs ?? 25, 'gradcheck');
  });

  it.each(ops.filter((o) => o.checks.includes('gradgradcheck')))('gradgradcheck: $name', (info) => {
    // The gradient of sum(out ** 2) with create_graph, checked against finite differences of itself;
    // gradcheck evaluates under no_grad, so the inner backward asks for grad mode.
    property(
      info,
      ([x, ...rest], f) => {
        const constants = rest.map((t) => t.detach());
        const gradient = (t: Tensor): Tensor =>
          torch.enable_grad(() => {
            const loss = outputsOf(f(t, ...constants)).map((o) => o.pow(2).sum()).reduce((a, b) => a.add(b));
            return torch.autograd.grad(loss, t, { create_graph: true })[0]!;
          });
        return torch.autograd.gradcheck(gradient, [x], GRADCHECK);
      },
      info.runs ?? 12,
      'gradgradcheck',
    );
  });
});

describe('op_db: the table and its generator', () => {
  it('names every op once, and every entry takes a check', () => {
    const names = op_db.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    for (const o of op_db) expect(o.checks.length).toBeGreaterThan(0);
  });

  it('the generator covers 0-d and non-contiguous inputs, both dim spellings and dim lists', () => {
    const seen = { scalar: false, transposed: false, expanded: false, strided: false, negative: false, list: false };
    fc.assert(
      fc.property(sampleArb([0, 4]), (s) => {
        const { leaf, view } = inputOf(s, 'distinct');
        const v = view(leaf);
        expect(v.shape).toEqual(shapeSeen(s));
        seen.scalar ||= v.dim() === 0;
        if (s.layout === 'transposed' && s.shape.length >= 2 && s.shape[0] > 1 && s.shape[s.shape.length - 1] > 1) seen.transposed ||= !v.is_contiguous();
        if (s.layout === 'expanded' && s.shape.length >= 1 && s.expandTo > 1) seen.expanded ||= v.stride()[0] === 0;
        if (s.layout === 'strided' && s.shape.length >= 1) seen.strided ||= v.stride()[s.shape.length - 1] === 2;
        seen.negative ||= s.dim < 0 || s.dims.some((d) => d < 0);
        seen.list ||= s.dims.length > 1;
        // Distinct values of distinct magnitudes: no ties for max/min, no zero for prod.
        const values = Array.from(leaf._values());
        expect(new Set(values.map(Math.abs)).size).toBe(values.length);
      }),
      { numRuns: 200, seed: 7 },
    );
    expect(seen).toEqual({ scalar: true, transposed: true, expanded: true, strided: true, negative: true, list: true });
  });
});
