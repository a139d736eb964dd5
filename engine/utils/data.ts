/**
 * `torch.utils.data`: Dataset, TensorDataset, Subset, random_split and a single-process DataLoader
 * that draws its randomness as PyTorch 2.x's does, so that a seeded program sees PyTorch's batches
 * (and the default generator is left where PyTorch leaves it): each `iter(loader)` draws a base seed
 * (one int64 `random_()`, from the loader's generator or the default one); a shuffling loader
 * without a generator then draws another int64 from the default generator, seeds a fresh
 * Generator with it and takes `randperm(n)` from that; with a generator, `randperm` comes from it.
 */
import { Tensor } from '../tensor';
import { Generator, defaultGenerator } from '../random';
import { stack } from '../ops/index_ops';
import { tensor } from '../ops/creation';
import { asPyList } from '../format';
import { IndexError, NotImplementedError, RuntimeError, TypeError, ValueError } from '../errors';

/** `torch.Generator(device='cpu')`: a random generator of its own, seeded with PyTorch's default seed. */
export class TorchGenerator extends Generator {
  readonly device = 'cpu';

  constructor(device: string | null = 'cpu') {
    if (device !== null && device !== 'cpu') throw new ValueError(`Gradlab's generators live on the CPU; got device='${device}'`);
    super();
  }
}

/** Python's `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: a draw in [0, 2^63). */
export function randomInt64(g: Generator): bigint {
  const hi = BigInt(g.random());
  const lo = BigInt(g.random());
  return ((hi << 32n) | lo) % (1n << 63n);
}

/** A map-style dataset: `__getitem__(index)` and `__len__()`. Subclass it, as in PyTorch. */
export abstract class Dataset<T = unknown> {
  abstract __getitem__(index: number): T;

  __len__(): number {
    throw new TypeError(`object of type '${this.constructor.name}' has no len()`);
  }

  get length(): number {
    return this.__len__();
  }
}

/** Samples are the i-th rows of each tensor: `[x[i], y[i]]`. */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];

  /** `TensorDataset(*tensors)`: the binder passes Python's `*tensors` as one array. */
  constructor(tensors: Tensor[]) {
    super();
    // PyTorch asserts this (AssertionError, a Python built-in): the message is its.
    if (!tensors.every((t) => t.shape[0] === tensors[0].shape[0])) throw new ValueError('Size mismatch between tensors');
    this.tensors = tensors;
  }

  __getitem__(index: number): Tensor[] {
    return this.tensors.map((t) => t.index(index));
  }

  override __len__(): number {
    return this.tensors[0].shape[0];
  }
}

/** The samples of `dataset` at `indices`, in that order. */
export class Subset<T = unknown> extends Dataset<T> {
  constructor(
    readonly dataset: DatasetLike<T>,
    readonly indices: number[],
  ) {
    super();
    asPyList(indices);
  }

  __getitem__(index: number): T {
    return getItem(this.dataset, this.indices[index]);
  }

  override __len__(): number {
    return this.indices.length;
  }
}

/** What a DataLoader takes: a Dataset, or any array (PyTorch takes any sequence). */
export type DatasetLike<T = unknown> = Dataset<T> | readonly T[];

function lengthOf(ds: DatasetLike): number {
  return Array.isArray(ds) ? ds.length : (ds as Dataset).__len__();
}

function getItem<T>(ds: DatasetLike<T>, i: number): T {
  if (Array.isArray(ds)) {
    if (i < 0 || i >= ds.length) throw new IndexError('list index out of range');
    return ds[i];
  }
  return (ds as Dataset<T>).__getitem__(i);
}

/**
 * PyTorch's default_collate: tensors are stacked along a new first dimension, numbers become a
 * tensor (int64 for integers given as bigints, float64 for numbers), sequences are collated
 * position by position (a list), objects key by key.
 */
export function default_collate(batch: unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  // JavaScript has one number type: integers collate as Python ints do (int64), others as floats (float64).
  if (typeof elem === 'number') return tensor(batch as number[], (batch as number[]).every(Number.isInteger) ? 'int64' : 'float64');
  if (typeof elem === 'bigint' || typeof elem === 'boolean') return tensor(batch as bigint[]);
  if (typeof elem === 'string') return asPyList(batch.slice());
  if (Array.isArray(elem)) {
    const size = elem.length;
    if (!batch.every((b) => (b as unknown[]).length === size)) throw new RuntimeError('each element in list of batch should be of equal size');
    return asPyList(elem.map((_, i) => default_collate(batch.map((b) => (b as unknown[])[i]))));
  }
  if (elem !== null && typeof elem === 'object') {
    return Object.fromEntries(Object.keys(elem).map((k) => [k, default_collate(batch.map((b) => (b as Record<string, unknown>)[k]))]));
  }
  throw new TypeError(`default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${typeof elem}`);
}

export class DataLoader<T = unknown> {
  readonly dataset: DatasetLike<T>;
  readonly batch_size: number | null;
  readonly shuffle: boolean;
  readonly drop_last: boolean;
  readonly generator: Generator | null;
  readonly collate_fn: (batch: T[]) => unknown;

  /**
   * PyTorch's `DataLoader(dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None,
   * num_workers=0, collate_fn=None, ..., drop_last=False, ..., generator=None, ...)`: one process,
   * so `num_workers` other than 0 is refused, as are samplers.
   */
  constructor(
    dataset: DatasetLike<T>,
    batch_size: number | null = 1,
    shuffle: boolean | null = null,
    sampler: unknown = null,
    batch_sampler: unknown = null,
    num_workers = 0,
    collate_fn: ((batch: T[]) => unknown) | null = null,
    _pin_memory = false,
    drop_last = false,
    _timeout = 0,
    _worker_init_fn: unknown = null,
    _multiprocessing_context: unknown = null,
    generator: Generator | null = null,
    _prefetch_factor: number | null = null,
    _persistent_workers = false,
    _pin_memory_device = '',
    _in_order = true,
  ) {
    if (num_workers !== 0) throw new NotImplementedError('num_workers: Gradlab loads data in one process (num_workers=0)');
    if (sampler !== null || batch_sampler !== null) throw new NotImplementedError('sampler and batch_sampler are not supported in Gradlab yet');
    this.dataset = dataset;
    this.batch_size = batch_size;
    this.shuffle = shuffle ?? false;
    this.drop_last = drop_last;
    this.generator = generator;
    this.collate_fn = collate_fn ?? ((b: T[]) => default_collate(b));
  }

  /** The number of batches (`len(loader)`). */
  __len__(): number {
    const n = lengthOf(this.dataset);
    if (this.batch_size === null) return n;
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }

  get length(): number {
    return this.__len__();
  }

  *[Symbol.iterator](): Generator_<unknown> {
    _base_seed(this.generator);
    const indices = this.shuffle ? _shuffled(lengthOf(this.dataset), this.generator) : Array.from({ length: lengthOf(this.dataset) }, (_, i) => i);
    if (this.batch_size === null) {
      for (const i of indices) yield getItem(this.dataset, i);
      return;
    }
    let batch: T[] = [];
    for (const i of indices) {
      batch.push(getItem(this.dataset, i));
      if (batch.length === this.batch_size) {
        yield this.collate_fn(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !this.drop_last) yield this.collate_fn(batch);
  }
}

type Generator_<T> = globalThis.Generator<T, void, unknown>;

/** _BaseDataLoaderIter's base seed: drawn even in one process, so the generators move as PyTorch's. */
export function _base_seed(generator: Generator | null): bigint {
  return randomInt64(generator ?? defaultGenerator);
}

/** RandomSampler's order: from `generator`, or from a fresh Generator seeded by the default one. */
export function _shuffled(n: number, generator: Generator | null): number[] {
  const g = generator ?? new Generator(Number(randomInt64(defaultGenerator) & 0xffffffffn));
  return Array.from(g.randperm(n));
}

/**
 * Splits `dataset` into Subsets of the given lengths (or fractions summing to 1, the remainder
 * dealt round-robin) over `randperm(total, generator=generator)`, as PyTorch's.
 */
export function random_split<T>(dataset: DatasetLike<T>, lengths: number[], generatorArg?: Generator | null): Subset<T>[] {
  const generator = generatorArg ?? defaultGenerator;
  const n = lengthOf(dataset);
  let sizes = lengths;
  const total = lengths.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) <= 1e-9 && total <= 1) {
    sizes = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length] += 1;
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n) throw new ValueError('Sum of input lengths does not equal the length of the input dataset!');
  const perm = Array.from(generator.randperm(n));
  let offset = 0;
  return asPyList(
    sizes.map((len) => {
      const s = new Subset(dataset, perm.slice(offset, offset + len));
      offset += len;
      return s;
    }),
  );
}
