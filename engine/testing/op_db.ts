/**
 * The op table the tests read (PyTorch's OpInfo, `common_methods_invocations.py`; tinygrad's
 * `helper_test_op`): one entry per op says how to call it on a sample, on which values, with which
 * extra inputs, and which checks it takes. One sample generator (shapes from 0-d up, broadcast
 * partners, contiguous/transposed/expanded/strided layouts, dims in both spellings, keepdim, value
 * domains) drives them all: gradcheck and gradgradcheck (op_db.test.ts) and the fuzzer's choice
 * of ops (engine/fuzz/program.ts).
 */
import fc from 'fast-check';
import torch, { Tensor } from '../index';
import type { IndexSpec } from '../ops/index_ops';

// ---- samples --------------------------------------------------------------------------------------

/** How the op sees its input: the leaf itself, or a non-contiguous view of it. */
export type Layout = 'contiguous' | 'transposed' | 'expanded' | 'strided';

/**
 * Where values come from: randn (seeded), uniform in [-2, 2) (`real`), [0.3, 2) (`positive`),
 * at least 0.3 away from 0 (`nonzero`), or distinct values of distinct magnitudes, none zero
 * (`distinct`: no ties for max/min/norm(inf), no zero for prod).
 */
export type Domain = 'randn' | 'real' | 'positive' | 'nonzero' | 'distinct';

export interface Sample {
  shape: number[];
  layout: Layout;
  /** The leading size an expanded input is broadcast to (its leaf has size 1 there). */
  expandTo: number;
  /** Two dims in [-ndim, ndim) (or [-1, 0] for 0-d). */
  dim: number;
  dim2: number;
  /** A list of distinct dims, each written as d or d - ndim. */
  dims: number[];
  keepdim: boolean;
  /** Random naturals an op turns into its own arguments (indices, sizes, shifts, bits). */
  r: number[];
  seed: number;
}

/** Samples whose shapes have `rank[0]` to `rank[1]` dims. */
export function sampleArb(rank: readonly [number, number] = [0, 3]): fc.Arbitrary<Sample> {
  return fc
    .record({
      shape: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank[0], maxLength: rank[1] }),
      layout: fc.constantFrom<Layout>('contiguous', 'transposed', 'expanded', 'strided'),
      expandTo: fc.integer({ min: 1, max: 3 }),
      keepdim: fc.boolean(),
      r: fc.array(fc.nat({ max: 1000 }), { minLength: 12, maxLength: 12 }),
      seed: fc.nat({ max: 2 ** 30 }),
    })
    .chain((base) => {
      const nd = base.shape.length;
      const span = Math.max(nd, 1);
      return fc
        .record({
          dim: fc.integer({ min: -span, max: span - 1 }),
          dim2: fc.integer({ min: -span, max: span - 1 }),
          dims: fc.subarray(Array.from({ length: nd }, (_, d) => d)).chain((ds) => fc.tuple(...ds.map((d) => fc.constantFrom(d, d - nd)))),
        })
        .map((d) => ({ ...base, ...d }));
    });
}

/** Deterministic values in [lo, hi) from a seed (fast-check shrinks the seed, the values follow). */
function uniform(n: number, seed: number, lo: number, hi: number): number[] {
  let s = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  });
}

/** n values of a domain. */
function valuesOf(n: number, seed: number, domain: Exclude<Domain, 'randn'>): number[] {
  if (domain === 'positive') return uniform(n, seed, 0.3, 2);
  if (domain === 'distinct') {
    // A seeded shuffle of k / 10 + 0.03 for k from -40 up: distinct, nonzero, no two of one magnitude.
    const pool = Array.from({ length: Math.max(81, n) }, (_, k) => (k - 40) / 10 + 0.03);
    const keys = uniform(pool.length, seed, 0, 1);
    return pool.map((v, i) => [keys[i], v] as const).sort((a, b) => a[0] - b[0]).slice(0, n).map(([, v]) => v);
  }
  const v = uniform(n, seed, -2, 2);
  return domain === 'nonzero' ? v.map((x) => (x < 0 ? x - 0.3 : x + 0.3)) : v;
}

/** A float64 leaf that requires grad, with values of `domain`. */
export function leafOf(shape: readonly number[], seed: number, domain: Domain): Tensor {
  if (domain === 'randn') {
    torch.manual_seed(seed);
    return torch.randn(shape.slice(), { dtype: 'float64', requires_grad: true });
  }
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.from_array(Float64Array.from(valuesOf(n, seed, domain)), shape.slice(), { requires_grad: true });
}

/** The shape the op sees (an expanded input is bigger than its leaf). */
export function shapeSeen(s: Sample): number[] {
  return s.layout === 'expanded' && s.shape.length >= 1 ? [s.expandTo, ...s.shape.slice(1)] : s.shape.slice();
}

/** The leaf that gradcheck perturbs, and the (possibly non-contiguous) view of it the op sees. */
export function inputOf(s: Sample, domain: Domain): { leaf: Tensor; view: (x: Tensor) => Tensor } {
  const nd = s.shape.length;
  if (s.layout === 'transposed' && nd >= 2) {
    const swapped = s.shape.slice();
    [swapped[0], swapped[nd - 1]] = [swapped[nd - 1], swapped[0]];
    return { leaf: leafOf(swapped, s.seed, domain), view: (x) => x.transpose(0, -1) };
  }
  if (s.layout === 'expanded' && nd >= 1) {
    const rest = s.shape.slice(1);
    return { leaf: leafOf([1, ...rest], s.seed, domain), view: (x) => x.expand([s.expandTo, ...rest]) };
  }
  if (s.layout === 'strided' && nd >= 1) {
    const wide = [...s.shape.slice(0, -1), 2 * s.shape[nd - 1] + 1];
    return { leaf: leafOf(wide, s.seed, domain), view: (x) => x.index('...', torch.slice(1, null, 2)) };
  }
  return { leaf: leafOf(s.shape, s.seed, domain), view: (x) => x };
}

/** A shape broadcastable to `shape`: trailing dims kept or set to 1, leading ones dropped. */
export function broadcastPartner(shape: readonly number[], r: readonly number[]): number[] {
  return shape.map((d, i) => ((r[i] >> 1) % 2 ? 1 : d)).slice(r[11] % (shape.length + 1));
}

// ---- the table ------------------------------------------------------------------------------------

export type Family = 'unary' | 'binary' | 'reduction' | 'softmax' | 'shape' | 'index';
export type Check = 'gradcheck' | 'gradgradcheck';

export interface OpInfo {
  name: string;
  family: Family;
  /** The op on the sample's input (a view of the leaf) and the extra leaves `extras` asks for. */
  op: (x: Tensor, s: Sample, extra: Tensor[]) => Tensor | Tensor[];
  /** The values of the input (and of extras that name none); randn by default. */
  domain?: Domain;
  /** How many dims the sample's shape has (default: 0 to 3). */
  rank?: readonly [number, number];
  /** More leaves, each with its shape and domain. */
  extras?: (s: Sample) => { shape: number[]; domain?: Domain }[];
  /** Leaves a sample out (an op with a kink where its inputs meet, as maximum at a == b). */
  valid?: (x: Tensor, extra: Tensor[]) => boolean;
  checks: readonly Check[];
  /** fast-check runs per check (default 25 for gradcheck, 12 for gradgradcheck). */
  runs?: number;
  /** Also compared on WebGPU with the CPU (float32), in the parity suite. */
  parity?: boolean;
}

const both: readonly Check[] = ['gradcheck', 'gradgradcheck'];
const first: readonly Check[] = ['gradcheck'];
const second: readonly Check[] = ['gradgradcheck'];

function wrap(d: number, n: number): number {
  return d < 0 ? d + n : d;
}

/** An index in [-size, size) from a random natural. */
function indexIn(size: number, r: number): number {
  return (r % (2 * size)) - size;
}

const long = (data: number[]) => torch.tensor(data, { dtype: 'int64' });

/** Whether every broadcast pair of values differs by more than the finite-difference step needs. */
function apart(a: Tensor, b: Tensor): boolean {
  return torch.no_grad(() => a.sub(b).abs().le(1e-3).sum().item()) === 0;
}

/** Clamp bounds and kinks (relu, abs) are kept away from by the domains; clamp needs its own check. */
function awayFrom(kinks: readonly number[]): (x: Tensor) => boolean {
  return (x) => Array.from(x._values()).every((v) => kinks.every((k) => Math.abs(v - k) > 1e-3));
}

function unary(name: string, f: (x: Tensor) => Tensor, domain: Domain, more: Partial<OpInfo> = {}): OpInfo {
  return { name, family: 'unary', op: (x) => f(x), domain, checks: first, runs: 12, parity: true, ...more };
}

/** A binary op: the second leaf's shape is a broadcast partner of the first's. */
function binary(name: string, f: (a: Tensor, b: Tensor) => Tensor, domains: [Domain, Domain], needApart = false): OpInfo {
  return {
    name,
    family: 'binary',
    op: (x, _s, [y]) => f(x, y),
    domain: domains[0],
    extras: (s) => [{ shape: broadcastPartner(shapeSeen(s), s.r), domain: domains[1] }],
    valid: needApart ? (x, [y]) => apart(x, y) : undefined,
    checks: first,
    runs: 12,
    parity: true,
  };
}

function reduction(name: string, f: (x: Tensor, s: Sample) => Tensor, checks: readonly Check[] = first, runs?: number): OpInfo {
  return { name, family: 'reduction', op: (x, s) => f(x, s), domain: 'distinct', rank: [0, 4], checks, runs, parity: true };
}

function shapeOp(name: string, f: (x: Tensor, s: Sample) => Tensor | Tensor[], checks: readonly Check[] = first): OpInfo {
  return { name, family: 'shape', op: (x, s) => f(x, s), rank: [1, 4], checks, runs: checks === second ? 10 : 25 };
}

function indexOp(name: string, f: (x: Tensor, s: Sample, extra: Tensor[]) => Tensor | Tensor[], more: Partial<OpInfo> = {}): OpInfo {
  return { name, family: 'index', op: f, rank: [1, 3], checks: first, ...more };
}

/** How many elements a list of dims reduces. */
function reducedCount(shape: number[], dims: number[]): number {
  const nd = shape.length;
  return dims.reduce((n, d) => n * shape[(d + nd) % nd], 1);
}

/** A random permutation of the dims, each written as d or d - ndim. */
function permutation(n: number, r: number[]): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = r[i] % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.map((d, i) => (r[i] % 2 ? d - n : d));
}

/** A random factorisation of `size` into two sizes, one of them maybe written as -1. */
function split2(size: number, r: number): number[] {
  const divisors = Array.from({ length: size }, (_, i) => i + 1).filter((d) => size % d === 0);
  const a = divisors[r % divisors.length];
  return r % 3 === 0 ? [a, -1] : [a, size / a];
}

/** A random basic index (numbers, `:`, slices, '...', 'newaxis'): one dim-consuming entry per dim at most. */
function basicSpecs(shape: number[], r: number[]): IndexSpec[] {
  const specs: IndexSpec[] = [];
  let ellipsis = false;
  shape.forEach((size, k) => {
    const kind = r[k] % 5;
    if (kind === 0) specs.push(indexIn(size, r[k + 4]));
    else if (kind === 1) specs.push(null);
    else if (kind === 2) specs.push(torch.slice(indexIn(size + 1, r[k + 4]), indexIn(size + 1, r[k + 7]) + size, 1 + (r[k + 8] % 2)));
    else if (kind === 3 && !ellipsis) {
      ellipsis = true;
      specs.push('...');
    } else specs.push('newaxis', null);
  });
  return specs;
}

export const op_db: readonly OpInfo[] = [
  // ---- elementwise, one input ----
  unary('neg', (x) => x.neg(), 'real'),
  unary('exp', (x) => x.exp(), 'real', { checks: both }),
  unary('log', (x) => x.log(), 'positive', { checks: both }),
  unary('sqrt', (x) => x.sqrt(), 'positive', { checks: both }),
  unary('abs', (x) => x.abs(), 'nonzero'),
  unary('sin', (x) => x.sin(), 'real', { checks: both }),
  unary('cos', (x) => x.cos(), 'real'),
  unary('tan', (x) => x.mul(0.5).tan(), 'real'),
  unary('tanh', (x) => x.tanh(), 'real', { checks: both }),
  unary('sigmoid', (x) => x.sigmoid(), 'real', { checks: both }),
  unary('relu', (x) => x.relu(), 'nonzero'),
  unary('reciprocal', (x) => x.reciprocal(), 'nonzero'),
  unary('log2', (x) => x.log2(), 'positive'),
  unary('log1p', (x) => x.log1p(), 'positive'),
  unary('expm1', (x) => x.expm1(), 'real'),
  unary('rsqrt', (x) => x.rsqrt(), 'positive'),
  unary('sign', (x) => x.sign(), 'nonzero'),
  unary('square', (x) => x.square(), 'real'),
  unary('pow(0)', (x) => x.pow(0), 'real'),
  unary('pow(3)', (x) => x.pow(3), 'real'),
  unary('pow(-2)', (x) => x.pow(-2), 'nonzero'),
  unary('pow(0.5)', (x) => x.pow(0.5), 'positive'),
  unary('pow(-1.5)', (x) => x.pow(-1.5), 'positive'),
  unary('pow(2.5)', (x) => x.pow(2.5), 'positive', { checks: second }),
  unary('2 ** x', (x) => torch.pow(2, x), 'real'),
  unary('x ** x', (x) => x.pow(x), 'positive', { checks: second }),
  unary('x * x * x', (x) => x.mul(x).mul(x), 'real', { checks: second }),
  unary('clamp(-0.5, 0.5)', (x) => x.clamp(-0.5, 0.5), 'real', { valid: awayFrom([-0.5, 0.5]) }),
  unary('clamp(min=0.1)', (x) => x.clamp(0.1), 'real', { valid: awayFrom([0.1]) }),
  unary('x + 2', (x) => x.add(2), 'real'),
  unary('2 - x', (x) => torch.sub(2, x), 'real'),
  unary('3 / x', (x) => torch.div(3, x), 'nonzero', { checks: both }),
  unary('x * 2.5', (x) => torch.mul(2.5, x), 'real'),

  // ---- elementwise, two inputs (the second broadcast) ----
  binary('add', (a, b) => a.add(b), ['real', 'real']),
  binary('add alpha=2.5', (a, b) => torch.add(a, b, { alpha: 2.5 }), ['real', 'real']),
  binary('sub', (a, b) => a.sub(b), ['real', 'real']),
  binary('sub alpha=-3', (a, b) => torch.sub(a, b, { alpha: -3 }), ['real', 'real']),
  binary('mul', (a, b) => a.mul(b), ['real', 'real']),
  binary('div', (a, b) => a.div(b), ['real', 'nonzero']),
  binary('pow', (a, b) => a.pow(b), ['positive', 'real']),
  binary('maximum', (a, b) => torch.maximum(a, b), ['real', 'real'], true),
  binary('minimum', (a, b) => torch.minimum(a, b), ['real', 'real'], true),
  binary('where', (a, b) => torch.where(a.detach().gt(0), a, b), ['nonzero', 'real']),
  binary('clamp(min=b)', (a, b) => a.clamp(b), ['real', 'real'], true),
  binary('clamp(max=b)', (a, b) => a.clamp(null, b), ['real', 'real'], true),
  {
    name: 'clamp(min=b, max=c)',
    family: 'binary',
    op: (x, _s, [lo, hi]) => x.clamp(lo, hi),
    domain: 'real',
    extras: (s) => {
      const shape = broadcastPartner(shapeSeen(s), s.r);
      return [{ shape, domain: 'real' }, { shape, domain: 'real' }];
    },
    valid: (x, [lo, hi]) => apart(x, lo) && apart(x, hi) && apart(lo, hi),
    checks: first,
    runs: 12,
  },

  // ---- reductions ----
  reduction('sum(dims, keepdim)', (x, s) => x.sum(s.dims, s.keepdim)),
  reduction('mean(dims, keepdim)', (x, s) => x.mean(s.dims, s.keepdim)),
  reduction('max()', (x) => x.max()),
  reduction('min()', (x) => x.min()),
  reduction('max(dim, keepdim).values', (x, s) => x.max(s.dim, s.keepdim).values, both),
  reduction('min(dim, keepdim).values', (x, s) => x.min(s.dim, s.keepdim).values),
  reduction('amax(dims, keepdim)', (x, s) => x.amax(s.dims, s.keepdim), both),
  reduction('amin(dim, keepdim)', (x, s) => x.amin(s.dim, s.keepdim)),
  reduction('prod()', (x) => x.prod(), both),
  reduction('prod(dim, keepdim)', (x, s) => x.prod(s.dim, s.keepdim), both),
  reduction('var(dims, correction, keepdim)', (x, s) => x.var(s.dims, { correction: reducedCount(x.shape, s.dims) > 1 ? s.seed % 2 : 0, keepdim: s.keepdim })),
  reduction('var(dims, keepdim), correction 0', (x, s) => x.var(s.dims, { correction: 0, keepdim: s.keepdim }), second),
  reduction('std(dims, unbiased, keepdim)', (x, s) => x.std(s.dims, reducedCount(x.shape, s.dims) > 1 && s.seed % 2 === 1, s.keepdim)),
  reduction('std(dims, keepdim), biased', (x, s) => x.std(s.dims, false, s.keepdim), second),
  reduction('logsumexp(dims, keepdim)', (x, s) => x.logsumexp(s.dims, s.keepdim), both),
  reduction('norm(p, dims, keepdim)', (x, s) => x.norm([1, 2, 3, 1.5, Infinity][s.seed % 5], s.dims, s.keepdim)),
  reduction('norm(p > 1, dims, keepdim)', (x, s) => x.norm([2, 3, 1.5][s.seed % 3], s.dims, s.keepdim), second),
  reduction('norm() (frobenius, all dims)', (x) => x.norm()),
  reduction('cumsum(dim)', (x, s) => x.cumsum(s.dim), both),

  // ---- softmax ----
  { name: 'softmax(dim)', family: 'softmax', op: (x, s) => x.softmax(s.dim), domain: 'real', rank: [0, 4], checks: both, runs: 30, parity: true },
  { name: 'log_softmax(dim)', family: 'softmax', op: (x, s) => x.log_softmax(s.dim), domain: 'real', rank: [0, 4], checks: both, runs: 30, parity: true },

  // ---- views and reshapes ----
  shapeOp('reshape with an inferred dim', (x) => x.reshape(-1, ...x.shape.slice(1).reverse())),
  shapeOp('view of a contiguous copy', (x) => x.contiguous().view(x.numel())),
  shapeOp('expand with a new leading dim', (x, s) => x.expand(1 + (s.r[0] % 3), ...x.shape.map((n, i) => (s.r[i + 1] % 2 ? -1 : n)))),
  shapeOp('transpose', (x, s) => x.transpose(s.dim, s.dim2)),
  shapeOp('swapaxes', (x, s) => x.swapaxes(s.dim2, s.dim)),
  shapeOp('permute', (x, s) => x.permute(permutation(x.dim(), s.r)), both),
  shapeOp('movedim', (x, s) => x.movedim(s.dim, s.dim2)),
  shapeOp('movedim with lists', (x, s) => {
    const src = permutation(x.dim(), s.r).slice(0, 1 + (s.r[0] % x.dim()));
    return x.movedim(src, permutation(x.dim(), s.r.slice().reverse()).slice(0, src.length));
  }),
  shapeOp('unsqueeze', (x, s) => x.unsqueeze((s.r[0] % (2 * x.dim() + 2)) - x.dim() - 1)),
  shapeOp('squeeze all / one dim', (x, s) => (s.r[0] % 2 ? x.squeeze() : x.squeeze(s.dim))),
  shapeOp('flatten', (x, s) => x.flatten(Math.min(wrap(s.dim, x.dim()), wrap(s.dim2, x.dim())), Math.max(wrap(s.dim, x.dim()), wrap(s.dim2, x.dim())))),
  shapeOp('unflatten', (x, s) => x.unflatten(s.dim, split2(x.shape[wrap(s.dim, x.dim())], s.r[0]))),
  shapeOp('view_as / reshape_as', (x, s) => (s.r[0] % 2 ? x.contiguous().view_as(torch.zeros(x.numel())) : x.reshape_as(torch.zeros(x.numel(), 1)))),
  shapeOp('t / T / mT', (x, s) => {
    const m = x.dim() >= 2 ? x : x.unsqueeze(0);
    return [m.mT, x.T, x.dim() <= 2 ? x.t() : m.mT][s.r[0] % 3];
  }),
  shapeOp('clone', (x) => x.clone()),
  shapeOp('expand', (x, s) => x.expand(1 + (s.r[0] % 3), ...x.shape), second),
  shapeOp('reshape(-1)', (x) => x.reshape(-1), second),
  shapeOp('squeeze / unsqueeze', (x, s) => x.unsqueeze(0).squeeze(s.dim), second),

  // ---- picking and indexing ----
  indexOp('narrow', (x, s) => {
    const d = wrap(s.dim, x.dim());
    const size = x.shape[d];
    const start = s.r[0] % size;
    return x.narrow(s.dim, s.r[1] % 2 ? start - size : start, s.r[2] % (size - start + 1));
  }),
  indexOp('narrow(dim, 0, 1)', (x, s) => x.narrow(s.dim, 0, 1), { checks: second, runs: 12 }),
  indexOp('select', (x, s) => x.select(s.dim, indexIn(x.shape[wrap(s.dim, x.dim())], s.r[0]))),
  indexOp('select(dim, -1)', (x, s) => x.select(s.dim, -1), { checks: second, runs: 12 }),
  indexOp('basic index (numbers, slices, ..., newaxis)', (x, s) => x.index(...basicSpecs(x.shape, s.r)), { checks: both, runs: 25 }),
  indexOp('advanced index with repeated and negative int indices', (x, s) => {
    const d = wrap(s.dim, x.dim());
    const idx = s.r.slice(0, 1 + (s.r[11] % 4)).map((r) => indexIn(x.shape[d], r));
    return x.index(...new Array<null>(d).fill(null), idx);
  }),
  indexOp('advanced index [0, 0, -1]', (x) => x.index([0, 0, -1]), { checks: second, runs: 12 }),
  indexOp('advanced index with two non-adjacent index tensors', (x, s) => {
    const n = x.dim();
    if (n < 2) return x.index([0, -1]);
    const a = s.r.slice(0, 2).map((r) => indexIn(x.shape[0], r));
    const b = s.r.slice(2, 4).map((r) => indexIn(x.shape[n - 1], r));
    return x.index(a, ...new Array<null>(n - 2).fill(null), b);
  }),
  indexOp('bool mask index', (x, s) => {
    const k = 1 + (s.r[11] % x.dim());
    const maskShape = x.shape.slice(0, k);
    const bits = Array.from({ length: maskShape.reduce((a, b) => a * b, 1) }, (_, i) => (s.r[i % 12] >> (i % 5)) % 2 === 1);
    return x.index(torch.tensor(bits).view(maskShape));
  }),
  indexOp('split', (x, s) => x.split(1 + (s.r[0] % x.shape[wrap(s.dim, x.dim())]), s.dim)),
  indexOp('split with sizes', (x, s) => {
    const size = x.shape[wrap(s.dim, x.dim())];
    const f = s.r[0] % (size + 1);
    return x.split([f, size - f], s.dim);
  }),
  indexOp('chunk', (x, s) => x.chunk(1 + (s.r[0] % 4), s.dim)),
  indexOp('unbind', (x, s) => x.unbind(s.dim)),
  indexOp('split and unbind', (x, s) => [...x.split(1, s.dim).slice(0, 1), ...x.unbind(s.dim).slice(-1)], { checks: second, runs: 12 }),
  indexOp('cat with a second leaf', (x, s, [y]) => torch.cat(s.r[0] % 2 ? [x, y] : [y, x, y], s.dim), {
    extras: (s) => {
      const shape = shapeSeen(s);
      shape[wrap(s.dim, shape.length)] = 1 + (s.r[1] % 3);
      return [{ shape }];
    },
  }),
  indexOp('stack with a second leaf', (x, s, [y]) => torch.stack([x, y], (s.r[0] % (x.dim() + 1)) - (s.r[1] % 2 ? x.dim() + 1 : 0)), { extras: (s) => [{ shape: shapeSeen(s) }] }),
  indexOp('cat and stack', (x, s) => [torch.cat([x, x.mul(2)], s.dim), torch.stack([x, x], s.dim)], { checks: second, runs: 12 }),
  indexOp('index_select', (x, s) => {
    const size = x.shape[wrap(s.dim, x.dim())];
    return x.index_select(s.dim, long(s.r.slice(0, 1 + (s.r[11] % 4)).map((r) => r % size)));
  }),
  indexOp('index_select [0, 0]', (x, s) => x.index_select(s.dim, long([0, 0])), { checks: second, runs: 12 }),
  indexOp('gather', (x, s) => {
    const d = wrap(s.dim, x.dim());
    const shape = x.shape.map((n, k) => (k === d ? 1 + (s.r[k] % 4) : 1 + (s.r[k] % n)));
    const count = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: count }, (_, i) => s.r[(i + 3) % 12] % x.shape[d]);
    return x.gather(s.dim, long(values).view(shape));
  }),
  indexOp('gather zeros', (x, s) => x.gather(s.dim, torch.zeros(x.shape.map((n, k) => (k === wrap(s.dim, x.dim()) ? 2 : n)), { dtype: 'int64' })), { checks: second, runs: 12 }),
  indexOp('masked_fill with a number', (x, s) => {
    const last = x.shape[x.dim() - 1];
    return x.masked_fill(torch.tensor(Array.from({ length: last }, (_, i) => s.r[i] % 2 === 0)), 0.5);
  }),
  indexOp(
    'masked_fill with a tensor value',
    (x, s, [v]) => x.masked_fill(torch.tensor(Array.from({ length: x.shape[0] }, (_, i) => s.r[i] % 2 === 0)).view([x.shape[0], ...new Array<number>(x.dim() - 1).fill(1)]), v),
    { extras: () => [{ shape: [] }] },
  ),
  indexOp('repeat', (x, s) => x.repeat(...Array.from({ length: x.dim() + (s.r[0] % 2) }, (_, i) => 1 + (s.r[i + 1] % 2)))),
  indexOp('flip', (x, s) => x.flip(...[s.dim, ...(s.r[0] % 2 && x.dim() > 1 ? [wrap(s.dim, x.dim()) === 0 ? 1 : 0] : [])])),
  indexOp('roll over dims', (x, s) => x.roll([(s.r[0] % 7) - 3], [s.dim])),
  indexOp('roll flattened', (x, s) => x.roll((s.r[0] % 9) - 4)),
  indexOp('tril / triu', (x, s) => {
    const m = x.dim() >= 2 ? x : x.unsqueeze(0);
    const diagonal = (s.r[0] % 5) - 2;
    return s.r[1] % 2 ? m.tril(diagonal) : m.triu(diagonal);
  }),
];

/** The sample's leaves (input, then extras) and the op as a function of them, for gradcheck. */
export function instantiate(info: OpInfo, s: Sample): { leaves: Tensor[]; f: (...leaves: Tensor[]) => Tensor | Tensor[]; valid: boolean } {
  const domain = info.domain ?? 'randn';
  const { leaf, view } = inputOf(s, domain);
  const more = (info.extras?.(s) ?? []).map((e, i) => leafOf(e.shape, s.seed + 1 + i, e.domain ?? domain));
  return {
    leaves: [leaf, ...more],
    f: (x, ...rest) => info.op(view(x), s, rest),
    valid: !info.valid || info.valid(view(leaf), more),
  };
}
