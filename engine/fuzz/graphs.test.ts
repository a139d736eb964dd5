/**
 * The engine under stress: random graphs of 1 to 200 ops (broadcasting, views, in-place ops),
 * every leaf's gradient checked against float64 central differences; and the two errors that
 * must fire: an in-place change of a saved tensor (the version counter) and a second backward
 * through a freed graph. `npm test` runs a slice (500 graphs); `npm run fuzz` sets FUZZ_RUNS
 * (10,000 by default there). A failure prints the seed and the program's ops.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import torch, { Tensor } from '../index';
import { no_grad } from '../autograd/grad_mode';
import { FREED_MESSAGE } from '../autograd/node';
import { buildProgram, rng, runProgram, type Program } from './program';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
/** The error properties are cheap and need fewer cases to cover every consumer. */
const ERROR_RUNS = Math.max(50, Math.round(RUNS / 5));
const TIMEOUT_MS = Math.max(120_000, RUNS * 100);
const EPS = 1e-6;
const VERSION_MESSAGE = 'one of the variables needed for gradient computation has been modified by an inplace operation';

/** Mostly small graphs (the slice stays fast), with a tail up to 200 ops. */
const opCount = fc.oneof(
  { weight: 16, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 4, arbitrary: fc.integer({ min: 13, max: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 61, max: 200 }) },
);
const programArb = fc.record({ seed: fc.integer(), nOps: opCount });

function numericalGrad(p: Program, leaf: number): Float64Array {
  const values = p.leafValues.map((v) => v.slice());
  const x = values[leaf];
  const out = new Float64Array(x.length);
  const lossAt = () => no_grad(() => runProgram(p, values, false).loss.item());
  for (let j = 0; j < x.length; j++) {
    const orig = x[j];
    x[j] = orig + EPS;
    const plus = lossAt();
    x[j] = orig - EPS;
    const minus = lossAt();
    x[j] = orig;
    out[j] = (plus - minus) / (2 * EPS);
  }
  return out;
}

function describeProgram(seed: number, nOps: number, p: Program): string {
  return `seed ${seed}, ${nOps} ops, leaves ${JSON.stringify(p.leafShapes)}:\n  ${p.trace.join('\n  ')}`;
}

describe('random graphs', () => {
  it(`every gradient matches float64 central differences (${RUNS} graphs)`, () => {
    fc.assert(
      fc.property(programArb, ({ seed, nOps }) => {
        const p = buildProgram(seed, nOps);
        const { leaves, loss } = runProgram(p, p.leafValues, true);
        loss.backward();
        p.leafValues.forEach((_, i) => {
          const numerical = numericalGrad(p, i);
          const g = leaves[i].grad;
          const analytical = g ? g._values() : new Float64Array(numerical.length);
          expect(g === null || g.shape.join() === leaves[i].shape.join(), `grad shape of leaf ${i}; ${describeProgram(seed, nOps, p)}`).toBe(true);
          for (let j = 0; j < numerical.length; j++) {
            const ok = Math.abs(analytical[j] - numerical[j]) <= 1e-5 + 1e-4 * Math.abs(numerical[j]);
            if (!ok) expect.fail(`leaf ${i}[${j}]: autograd ${analytical[j]} vs numerical ${numerical[j]}; ${describeProgram(seed, nOps, p)}`);
          }
        });
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  it('a second backward through a freed graph raises PyTorch\'s error; retain_graph accumulates', () => {
    fc.assert(
      fc.property(programArb, ({ seed, nOps }) => {
        const p = buildProgram(seed, Math.min(nOps, 30));
        const once = runProgram(p, p.leafValues, true);
        once.loss.backward();
        // The loss multiplies by fixed weights: MulBackward0 saved them, so they are freed now.
        expect(() => once.loss.backward()).toThrow(FREED_MESSAGE);

        const twice = runProgram(p, p.leafValues, true);
        twice.loss.backward(null, { retain_graph: true });
        twice.loss.backward();
        twice.leaves.forEach((leaf, i) => {
          const a = once.leaves[i].grad?._values() ?? [];
          const b = leaf.grad?._values() ?? [];
          for (let j = 0; j < a.length; j++) expect(b[j]).toBeCloseTo(2 * a[j], 9);
        });
      }),
      { numRuns: ERROR_RUNS },
    );
  }, TIMEOUT_MS);
});

/**
 * Consumers of an intermediate `a`, with whether their backward reads `a` itself (PyTorch's
 * derivatives.yaml: mul saves the other operand, sin saves self, exp/tanh/sigmoid save the result).
 */
const CONSUMERS: { name: string; savesInput: boolean; savesResult: boolean; op(a: Tensor, c: Tensor): Tensor }[] = [
  { name: 'mul', savesInput: true, savesResult: false, op: (a, c) => c.mul(a) },
  { name: 'sin', savesInput: true, savesResult: false, op: (a) => a.sin() },
  { name: 'pow', savesInput: true, savesResult: false, op: (a) => a.pow(2) },
  { name: 'div', savesInput: true, savesResult: false, op: (a, c) => a.div(c.square().add(1)) },
  { name: 'exp', savesInput: false, savesResult: true, op: (a) => a.exp() },
  { name: 'tanh', savesInput: false, savesResult: true, op: (a) => a.tanh() },
  { name: 'sigmoid', savesInput: false, savesResult: true, op: (a) => a.sigmoid() },
  { name: 'add', savesInput: false, savesResult: false, op: (a, c) => a.add(c) },
  { name: 'sum', savesInput: false, savesResult: false, op: (a) => a.sum(0, true) },
  { name: 'neg', savesInput: false, savesResult: false, op: (a) => a.neg() },
];

describe('the version counter', () => {
  it('fires exactly when a tensor a backward needs was changed in place (also through a view)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...CONSUMERS),
        fc.constantFrom('input', 'result', 'view-of-input'),
        (seed, consumer, target) => {
          const rand = rng(seed);
          const n = 1 + Math.floor(rand() * 4);
          const values = Array.from({ length: n * 2 }, () => rand() * 2 - 1);
          const x = torch.tensor(values, { dtype: 'float64', requires_grad: true }).reshape(2, n);
          const c = torch.tensor(values.map((v) => v / 2), { dtype: 'float64', requires_grad: true }).reshape(2, n);
          const a = x.mul(2);
          const y = consumer.op(a, c);
          const before = a._version;
          if (target === 'input') a.add_(1);
          else if (target === 'view-of-input') no_grad(() => a.detach().narrow(1, 0, 1).mul_(3));
          else y.mul_(1.5);
          expect(target === 'result' || a._version > before).toBe(true);
          const mustFire = target === 'result' ? consumer.savesResult : consumer.savesInput;
          const loss = y.sum();
          if (mustFire) expect(() => loss.backward()).toThrow(VERSION_MESSAGE);
          else expect(() => loss.backward()).not.toThrow();
        },
      ),
      { numRuns: ERROR_RUNS },
    );
  });
});
