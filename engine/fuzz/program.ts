/**
 * Random autograd programs for the property suite: 1 to 200 ops over float64 tensors with
 * broadcasting, views, reductions, matmuls and in-place ops, built from a seed. Building runs
 * the program once and records each step as a replayable closure, so finite differences re-run
 * exactly the same graph (every choice, including when to squash a large value with tanh, is
 * fixed at build time and never depends on the perturbed values).
 */
import torch, { Tensor } from '../index';
import { op_db, type Domain, type Sample } from '../testing/op_db';

/** A step reads the pool of values made so far and pushes its result. */
type Step = (pool: Tensor[]) => void;

export interface Program {
  leafShapes: number[][];
  leafValues: Float64Array[];
  steps: Step[];
  /** One fixed random weight tensor per term of the loss: loss = Σ (pool[i] * w).sum(). */
  terms: { index: number; weight: Tensor }[];
  /** Ops in the program, by name (what a failure prints). */
  trace: string[];
}

/** Small, fast, seedable (mulberry32): the program is a pure function of the seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_NUMEL = 96;
/** Values past this are squashed with tanh, so 200 ops neither overflow nor lose precision. */
const SQUASH_ABOVE = 3;

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(Math.max(x, y));
  }
  return out;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A float64 tensor made directly (no reshape): a leaf, whose .grad is its gradient. */
function leaf(values: Float64Array, shape: readonly number[], requiresGrad: boolean): Tensor {
  return new Tensor(values.slice(), [...shape], 'float64').requires_grad_(requiresGrad);
}

function constant(shape: readonly number[], rand: () => number): Tensor {
  return leaf(Float64Array.from({ length: numel(shape) }, () => rand() * 2 - 1), shape, false);
}

/** A value of any sign mapped into an op's domain (x² + 0.5 is positive, hence nonzero). */
function intoDomain(x: Tensor, domain: Domain | undefined): Tensor {
  return domain === 'positive' || domain === 'nonzero' ? x.square().add(0.5) : x;
}

/** Elementwise ops from the op table (engine/testing/op_db.ts) whose every input value is safe after intoDomain. */
const NO_SAMPLE: Sample = { shape: [], layout: 'contiguous', expandTo: 1, dim: 0, dim2: 0, dims: [], keepdim: false, r: new Array<number>(12).fill(0), seed: 0 };
const elementwise = (family: 'unary' | 'binary') => op_db.filter((o) => o.family === family && o.checks.includes('gradcheck') && !o.valid);
const TABLE_UNARY: [string, (x: Tensor) => Tensor][] = elementwise('unary').map((o) => [o.name, (x) => o.op(intoDomain(x, o.domain), NO_SAMPLE, []) as Tensor]);
const TABLE_BINARY: [string, (x: Tensor, y: Tensor) => Tensor][] = elementwise('binary')
  .filter((o) => o.extras?.(NO_SAMPLE).length === 1)
  .map((o) => {
    const yDomain = o.extras!(NO_SAMPLE)[0].domain;
    return [o.name, (x, y) => o.op(intoDomain(x, o.domain), NO_SAMPLE, [intoDomain(y, yDomain)]) as Tensor];
  });

export function buildProgram(seed: number, nOps: number): Program {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

  const base = Array.from({ length: int(0, 3) }, () => int(1, 4));
  const leafShapes = Array.from({ length: int(1, 3) }, () => {
    const drop = int(0, base.length);
    return base.slice(drop).map((d) => (rand() < 0.3 ? 1 : d));
  });
  const leafValues = leafShapes.map((s) => Float64Array.from({ length: numel(s) }, () => rand() * 2 - 1));
  const pool: Tensor[] = leafValues.map((v, i) => leaf(v, leafShapes[i], true));
  const steps: Step[] = [];
  const trace: string[] = [];

  /**
   * Records a step and runs it now: its result decides the next step's choices. A result that is
   * large (or has many elements) is squashed (or summed) inside the same step, so the raw value never
   * reaches the pool: no later op can blow it up to inf.
   */
  const add = (name: string, fn: (a: Tensor, pool: Tensor[]) => Tensor, ai: number) => {
    const probe = fn(pool[ai], pool);
    const largest = Array.from(probe._values()).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const tooMany = numel(probe.shape) > MAX_NUMEL;
    const finish = tooMany ? (t: Tensor) => t.sum(0).tanh() : largest > SQUASH_ABOVE ? (t: Tensor) => t.tanh() : (t: Tensor) => t;
    const step: Step = (p) => {
      p.push(finish(fn(p[ai], p)));
    };
    step(pool);
    steps.push(step);
    trace.push(`${name}(#${ai} ${JSON.stringify(pool[ai].shape)}) -> ${JSON.stringify(pool.at(-1)!.shape)}${tooMany ? ' sum(0).tanh' : largest > SQUASH_ABOVE ? ' tanh' : ''}`);
  };

  /** Operands lean to recent values, so graphs get deep as well as wide. */
  const operand = () => Math.max(0, pool.length - 1 - Math.floor(Math.abs(rand() - rand()) * pool.length));
  const partner = (shape: readonly number[], fits: (b: readonly number[]) => boolean): number | null => {
    const ok = pool.map((t, i) => (fits(t.shape) ? i : -1)).filter((i) => i >= 0);
    return ok.length ? pick(ok) : null;
  };

  for (let k = 0; k < nOps; k++) {
    const ai = operand();
    const a = pool[ai];
    const s = a.shape;
    const rank = s.length;
    const dim = rank ? int(0, rank - 1) : 0;
    const r = rand();
    if (r < 0.3) {
      const c = Math.round((rand() * 4 - 2) * 100) / 100 || 0.5;
      const unary: [string, (x: Tensor) => Tensor][] = [
        ...TABLE_UNARY,
        ['mul_scalar', (x) => x.mul(c)],
        ['add_scalar', (x) => x.add(c)],
        ['div_scalar', (x) => x.div(c)],
      ];
      const [name, fn] = pick(unary);
      add(name, fn, ai);
    } else if (r < 0.55) {
      const bi = partner(s, (b) => {
        const out = broadcastShape(s, b);
        return out !== null && numel(out) <= MAX_NUMEL;
      });
      if (bi === null) {
        add('tanh', (x) => x.tanh(), ai);
        continue;
      }
      const binary: [string, (x: Tensor, y: Tensor) => Tensor][] = [...TABLE_BINARY, ['torch.add', (x, y) => torch.add(y, x)]];
      const [name, fn] = pick(binary);
      add(`${name}[#${bi}]`, (x, p) => fn(x, p[bi]), ai);
    } else if (r < 0.68) {
      const keep = rand() < 0.5;
      const reductions: [string, (x: Tensor) => Tensor][] = [['sum', (x) => x.sum()], ['mean', (x) => x.mean()]];
      if (rank) {
        reductions.push(
          [`sum(${dim},${keep})`, (x) => x.sum(dim, keep)],
          [`mean(${dim},${keep})`, (x) => x.mean(dim, keep)],
          [`logsumexp(${dim},${keep})`, (x) => x.logsumexp(dim, keep)],
          [`softmax(${dim})`, (x) => x.softmax(dim)],
          [`log_softmax(${dim})`, (x) => x.log_softmax(dim)],
          [`cumsum(${dim})`, (x) => x.cumsum(dim)],
          [`prod(${dim},${keep})`, (x) => x.prod(dim, keep)],
        );
      }
      const [name, fn] = pick(reductions);
      add(name, fn, ai);
    } else if (r < 0.86) {
      const views: [string, (x: Tensor) => Tensor][] = [['reshape(-1)', (x) => x.reshape(-1)], ['clone', (x) => x.clone()]];
      if (rank < 4) views.push([`unsqueeze(${dim})`, (x) => x.unsqueeze(dim)]);
      if (rank >= 2) {
        const d2 = int(0, rank - 1);
        views.push([`transpose(${dim},${d2})`, (x) => x.transpose(dim, d2)]);
        const perm = [...Array(rank).keys()].sort(() => rand() - 0.5);
        views.push([`permute(${perm})`, (x) => x.permute(...perm)]);
        views.push(['flatten', (x) => x.flatten()]);
        views.push([`transpose_contiguous(${dim},${d2})`, (x) => x.transpose(dim, d2).contiguous()]);
      }
      if (rank >= 1) {
        const start = int(0, s[dim] - 1);
        const len = int(1, s[dim] - start);
        views.push([`narrow(${dim},${start},${len})`, (x) => x.narrow(dim, start, len)]);
        views.push([`select(${dim},${start})`, (x) => x.select(dim, start)]);
        const idx = torch.tensor(Array.from({ length: int(1, 3) }, () => BigInt(int(0, s[dim] - 1))));
        views.push([`index_select(${dim})`, (x) => x.index_select(dim, idx)]);
        views.push([`flip(${dim})`, (x) => x.flip(dim)]);
      }
      if (s.includes(1)) {
        const one = s.indexOf(1);
        views.push([`squeeze(${one})`, (x) => x.squeeze(one)]);
        const to = s.map((d, i) => (i === one ? int(2, 3) : d));
        if (numel(to) <= MAX_NUMEL) views.push([`expand(${to})`, (x) => x.expand(...to)]);
      }
      if (rank < 3 && numel(s) * 2 <= MAX_NUMEL) views.push(['expand_new', (x) => x.expand(2, ...s)]);
      if (rank >= 1 && numel(s) * 2 <= MAX_NUMEL) {
        views.push([`cat(${dim})`, (x) => torch.cat([x, x.mul(0.5)], dim)]);
        views.push([`stack(${dim})`, (x) => torch.stack([x, x.sin()], dim)]);
      }
      const [name, fn] = pick(views);
      add(name, fn, ai);
    } else if (r < 0.92) {
      if (rank === 1) {
        const bi = partner(s, (b) => sameShape(b, s));
        add(`dot[#${bi}]`, (x, p) => x.dot(p[bi!]), ai);
      } else if (rank >= 2 && s[rank - 2] * s[rank - 2] * numel(s.slice(0, -2)) <= MAX_NUMEL) {
        add('matmul_aat', (x) => x.matmul(x.transpose(-1, -2)), ai);
      } else if (rank >= 2) {
        const w = constant([s[rank - 1], 2], rand);
        add('matmul_w', (x) => x.matmul(w), ai);
      } else {
        add('mul_self', (x) => x.mul(x), ai);
      }
    } else {
      // In place: on a fresh clone (allowed on a non-leaf), or through a view of a constant.
      const bi = partner(s, (b) => {
        const out = broadcastShape(s, b);
        return out !== null && sameShape(out, s);
      });
      const kind = int(0, 4);
      if (kind === 4 && rank >= 1) {
        const start = int(0, s[dim] - 1);
        const mask = constant(s, rand);
        add(`mul[const.narrow(${dim},${start},1).mul_(3)]`, (x) => {
          const m = mask.clone();
          m.narrow(dim, start, 1).mul_(3);
          return x.mul(m);
        }, ai);
      } else if (bi === null) {
        add('clone.mul_(2)', (x) => x.clone().mul_(2), ai);
      } else {
        const inplace: [string, (c: Tensor, y: Tensor) => Tensor][] = [
          ['add_', (c, y) => c.add_(y)],
          ['sub_', (c, y) => c.sub_(y)],
          ['mul_', (c, y) => c.mul_(y)],
          ['div_', (c, y) => c.div_(y.square().add(1))],
        ];
        const [name, fn] = pick(inplace);
        add(`clone.${name}[#${bi}]`, (x, p) => {
          const c = x.mul(1);
          fn(c, p[bi]);
          return c;
        }, ai);
      }
    }
  }

  const n = Math.min(3, pool.length);
  const terms = pool.slice(-n).map((t, j) => ({ index: pool.length - n + j, weight: constant(t.shape, rand) }));
  return { leafShapes, leafValues, steps, terms, trace };
}

/** Runs the program on these leaf values; returns the leaves and the scalar loss. */
export function runProgram(p: Program, values: readonly Float64Array[], requiresGrad: boolean): { leaves: Tensor[]; loss: Tensor } {
  const leaves = values.map((v, i) => leaf(v, p.leafShapes[i], requiresGrad));
  const pool = leaves.slice();
  for (const step of p.steps) step(pool);
  let loss = pool[p.terms[0].index].mul(p.terms[0].weight).sum();
  for (const term of p.terms.slice(1)) loss = loss.add(pool[term.index].mul(term.weight).sum());
  return { leaves, loss };
}
