/** Shape arithmetic shared by every op: sizes, strides, broadcasting and dim wrapping. */
import { IndexError, RuntimeError } from './errors';

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** PyTorch's `torch.Size` repr: `torch.Size([2, 3])`. */
export function sizeRepr(shape: Shape): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/** The broadcast shape of two shapes, with PyTorch's message when they do not broadcast. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  if (sameShape(a, b)) return a.slice();
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
    const db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RuntimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Whether `from` can be expanded to `to` (the rule `expand` and gradient reduction rely on). */
export function isExpandableTo(from: Shape, to: Shape): boolean {
  if (from.length > to.length) return false;
  for (let i = 1; i <= from.length; i++) {
    const f = from[from.length - i];
    const t = to[to.length - i];
    if (f !== t && f !== 1) return false;
  }
  return true;
}

/** Wraps a possibly negative dim, with PyTorch's IndexError text. */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Normalises a `dim` argument (number, array or undefined = all dims) to sorted unique dims. */
export function normDims(dim: number | readonly number[] | undefined | null, ndim: number): number[] {
  if (dim === undefined || dim === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dim === 'number' ? [dim] : dim;
  const seen = new Set<number>();
  for (const d of list) {
    const w = wrapDim(d, ndim);
    if (seen.has(w)) throw new RuntimeError(`dim ${w} appears multiple times in the list of dims`);
    seen.add(w);
  }
  return [...seen].sort((x, y) => x - y);
}

/** Sizes given variadically or as one array, as PyTorch's factories accept both. */
export function sizesFrom(args: readonly (number | readonly number[])[]): number[] {
  const sizes = args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
  for (const s of sizes) {
    if (typeof s !== 'number' || !Number.isInteger(s)) {
      throw new RuntimeError(`size must be a sequence of ints, but got ${String(s)}`);
    }
    if (s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${sizes.join(', ')}]`);
  }
  return sizes.slice();
}
