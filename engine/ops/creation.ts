/**
 * Factories. JavaScript has one number type, so the rule is: numbers make float32 tensors (the
 * default dtype) unless `dtype` says otherwise, bigints make int64, booleans make bool. `arange`
 * with integer arguments gives int64, as PyTorch's does.
 */
import { Tensor, FLOAT_ONLY_GRAD_MESSAGE, type Device } from '../tensor';
import { allocStorage, castScalar, isFloating, type DType, type StorageArray } from '../dtype';
import { numelOf, sizesFrom } from '../shape';
import { defaultGenerator } from '../random';
import { transfer } from '../backends';

export interface TensorOptions {
  requires_grad?: boolean;
  dtype?: DType;
  device?: Device;
}

export type NestedData = number | bigint | boolean | readonly NestedData[];
type SizeOrOpts = number | readonly number[] | TensorOptions;

/** Splits PyTorch's `(*size, opts)` argument list. */
function splitSizeArgs(args: readonly SizeOrOpts[]): { shape: number[]; opts: TensorOptions } {
  const last = args[args.length - 1];
  const hasOpts = typeof last === 'object' && last !== null && !Array.isArray(last);
  const sizes = (hasOpts ? args.slice(0, -1) : args) as (number | readonly number[])[];
  return { shape: sizesFrom(sizes), opts: hasOpts ? (last as TensorOptions) : {} };
}

/** Applies requires_grad and device, with PyTorch's float-only rule. */
function finish(made: Tensor, opts: TensorOptions): Tensor {
  if (opts.requires_grad && !isFloating(made.dtype)) throw new Error(FLOAT_ONLY_GRAD_MESSAGE);
  // Values are made on the CPU (the same generator, the same numbers on either device) and moved.
  const device = opts.device ?? defaultDevice;
  const t = device === made.device ? made : transfer(made, made.dtype, device);
  if (opts.requires_grad) t._requires_grad = true;
  return t;
}

let defaultDevice: Device = 'cpu';

/** `torch.set_default_device('webgpu')`: factories without a `device` make tensors there. */
export function set_default_device(device: Device): void {
  if (device !== 'cpu' && device !== 'webgpu') throw new Error(`Expected one of cpu, webgpu device type at start of device string: ${String(device)}`);
  defaultDevice = device;
}

export function get_default_device(): Device {
  return defaultDevice;
}

function filled(shape: number[], dtype: DType, value: number): Tensor {
  const data = allocStorage(dtype, numelOf(shape));
  if (value !== 0) data.fill(castScalar(value, dtype));
  return new Tensor(data, shape, dtype);
}

export function tensor(data: NestedData | Tensor, opts: TensorOptions = {}): Tensor {
  if (data instanceof Tensor) {
    return finish(new Tensor(data._values().slice(), data.shape, opts.dtype ?? data.dtype), opts);
  }
  const shape: number[] = [];
  let probe: NestedData = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe.length ? (probe as readonly NestedData[])[0] : 0;
  }
  const flat: (number | bigint | boolean)[] = [];
  const walk = (v: NestedData, dim: number): void => {
    if (dim === shape.length) {
      // A list where the first element set a number: PyTorch fails converting it to a scalar.
      if (Array.isArray(v)) throw new TypeError('must be real number, not list');
      if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') {
        throw new TypeError(`Could not infer dtype of ${v === null ? 'NoneType' : typeof v}`);
      }
      flat.push(v as number | bigint | boolean);
      return;
    }
    if (!Array.isArray(v)) throw new TypeError('not a sequence');
    if (v.length !== shape[dim]) throw new Error(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${v.length})`);
    for (const x of v as readonly NestedData[]) walk(x, dim + 1);
  };
  walk(data, 0);
  const inferred: DType = flat.length && flat.every((v) => typeof v === 'boolean') ? 'bool' : flat.length && flat.every((v) => typeof v === 'bigint') ? 'int64' : 'float32';
  const dtype = opts.dtype ?? inferred;
  const store = allocStorage(dtype, flat.length);
  flat.forEach((v, i) => (store[i] = castScalar(Number(v), dtype)));
  return finish(new Tensor(store, shape, dtype), opts);
}

export function zeros(...args: SizeOrOpts[]): Tensor {
  const { shape, opts } = splitSizeArgs(args);
  return finish(filled(shape, opts.dtype ?? 'float32', 0), opts);
}

export function ones(...args: SizeOrOpts[]): Tensor {
  const { shape, opts } = splitSizeArgs(args);
  return finish(filled(shape, opts.dtype ?? 'float32', 1), opts);
}

/** `torch.empty`: uninitialised in PyTorch; zeros here, so results never depend on garbage. */
export function empty(...args: SizeOrOpts[]): Tensor {
  return zeros(...args);
}

export function full(size: number | readonly number[], value: number | boolean, opts: TensorOptions = {}): Tensor {
  const shape = sizesFrom([size]);
  const dtype = opts.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  return finish(filled(shape, dtype, Number(value)), opts);
}

export function eye(n: number, m?: number | TensorOptions, maybeOpts?: TensorOptions): Tensor {
  const cols = typeof m === 'number' ? m : n;
  const opts = (typeof m === 'object' ? m : maybeOpts) ?? {};
  const t = filled(sizesFrom([[n, cols]]), opts.dtype ?? 'float32', 0);
  for (let i = 0; i < Math.min(n, cols); i++) t._data[i * cols + i] = 1;
  return finish(t, opts);
}

export function arange(...args: (number | TensorOptions)[]): Tensor {
  const last = args[args.length - 1];
  const opts = typeof last === 'object' ? (last as TensorOptions) : {};
  const nums = args.filter((a): a is number => typeof a === 'number');
  const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (step === 0) throw new Error('step must be nonzero');
  if ((end - start) / step < 0) throw new Error('upper bound and larger bound inconsistent with step sign');
  const dtype = opts.dtype ?? (nums.every(Number.isInteger) ? 'int64' : 'float32');
  const n = Math.ceil((end - start) / step);
  const data = allocStorage(dtype, n);
  for (let i = 0; i < n; i++) data[i] = castScalar(start + i * step, dtype);
  return finish(new Tensor(data, [n], dtype), opts);
}

/** a * b + c rounded once, as the C++ compiler's fused multiply-add gives it (Dekker's error terms). */
function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const split = (x: number): [number, number] => {
    const t = 134217729 * x; // 2^27 + 1
    const hi = t - (t - x);
    return [hi, x - hi];
  };
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const productError = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const v = s - p;
  const sumError = p - (s - v) + (c - v);
  return s + (productError + sumError);
}

/**
 * torch.linspace, value for value as PyTorch's CPU kernel (AVX2 build) computes it: the first half
 * from `start` and the second from `end`, each a fused multiply-add in the dtype; runs of two
 * 32-byte vectors (16 float32 / 8 float64 values) instead step from such a value by additions
 * (Vectorized::arange), and what is left after the last full run takes the scalar formula.
 */
export function linspace(start: number, end: number, steps: number, opts: TensorOptions = {}): Tensor {
  if (steps < 0) throw new Error('number of steps must be non-negative');
  const dtype = opts.dtype ?? 'float32';
  const data = allocStorage(dtype, steps);
  if (steps === 1) data[0] = castScalar(start, dtype);
  else if (steps > 1) {
    const round = dtype === 'float32' ? Math.fround : (x: number) => x;
    const lo = round(start);
    const hi = round(end);
    const step = isFloating(dtype) ? round(round(hi - lo) / (steps - 1)) : (hi - lo) / (steps - 1);
    const half = Math.floor(steps / 2);
    const scalarAt = (i: number) => (i < half ? round(fusedMultiplyAdd(step, i, lo)) : round(fusedMultiplyAdd(-step, steps - i - 1, hi)));
    const vectorSize = dtype === 'float32' ? 8 : 4;
    let i = 0;
    if (isFloating(dtype)) {
      for (; i + 2 * vectorSize <= steps; i += 2 * vectorSize) {
        for (let v = i; v < i + 2 * vectorSize; v += vectorSize) {
          const base = scalarAt(v);
          for (let k = 0; k < vectorSize; k++) data[v + k] = round(base + round(k * step));
        }
      }
    }
    for (; i < steps; i++) data[i] = castScalar(scalarAt(i), dtype);
  }
  return finish(new Tensor(data, [steps], dtype), opts);
}

function floatDtype(opts: TensorOptions): 'float32' | 'float64' {
  const d = opts.dtype ?? 'float32';
  if (d !== 'float32' && d !== 'float64') throw new Error(`"normal_kernel_cpu" not implemented for '${d === 'int64' ? 'Long' : 'Bool'}'`);
  return d;
}

export function randn(...args: SizeOrOpts[]): Tensor {
  const { shape, opts } = splitSizeArgs(args);
  const dtype = floatDtype(opts);
  return finish(new Tensor(defaultGenerator.normal(numelOf(shape), dtype) as StorageArray, shape, dtype), opts);
}

export function rand(...args: SizeOrOpts[]): Tensor {
  const { shape, opts } = splitSizeArgs(args);
  const dtype = floatDtype(opts);
  return finish(new Tensor(defaultGenerator.uniform(numelOf(shape), dtype) as StorageArray, shape, dtype), opts);
}

export function randint(low: number, high: number | readonly number[], size?: readonly number[] | TensorOptions, maybeOpts?: TensorOptions): Tensor {
  // randint(high, size) and randint(low, high, size), as PyTorch's overloads.
  const [lo, hi, shapeArg, opts] = Array.isArray(high) ? [0, low, high as readonly number[], (size as TensorOptions) ?? {}] : [low, high as number, size as readonly number[], maybeOpts ?? {}];
  if (lo >= hi) throw new Error(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
  const shape = sizesFrom([shapeArg]);
  const dtype = opts.dtype ?? 'int64';
  const vals = defaultGenerator.randint(lo, hi, numelOf(shape));
  const data = allocStorage(dtype, vals.length);
  data.set(vals);
  return finish(new Tensor(data, shape, dtype), opts);
}

export function randperm(n: number, opts: TensorOptions = {}): Tensor {
  const dtype = opts.dtype ?? 'int64';
  const data = allocStorage(dtype, n);
  data.set(defaultGenerator.randperm(n));
  return finish(new Tensor(data, [n], dtype), opts);
}

function likeOpts(t: Tensor, opts: TensorOptions): TensorOptions {
  return { dtype: t.dtype, device: t.device, ...opts };
}
export function zeros_like(t: Tensor, opts: TensorOptions = {}): Tensor {
  return zeros(t.shape, likeOpts(t, opts));
}
export function ones_like(t: Tensor, opts: TensorOptions = {}): Tensor {
  return ones(t.shape, likeOpts(t, opts));
}
export function full_like(t: Tensor, value: number, opts: TensorOptions = {}): Tensor {
  return full(t.shape, value, likeOpts(t, opts));
}
export function empty_like(t: Tensor, opts: TensorOptions = {}): Tensor {
  return zeros_like(t, opts);
}
export function randn_like(t: Tensor, opts: TensorOptions = {}): Tensor {
  return randn(t.shape, likeOpts(t, opts));
}
export function rand_like(t: Tensor, opts: TensorOptions = {}): Tensor {
  return rand(t.shape, likeOpts(t, opts));
}

/** Wraps a TypedArray (copied) as a tensor: Float32Array → float32, Float64Array → float64, ... */
export function from_array(data: Float32Array | Float64Array | Int32Array | Uint8Array | number[], shape?: readonly number[], opts: TensorOptions = {}): Tensor {
  const dtype: DType = opts.dtype ?? (data instanceof Float64Array ? 'float64' : data instanceof Int32Array ? 'int64' : data instanceof Uint8Array ? 'bool' : 'float32');
  const sh = shape ? sizesFrom([shape]) : [data.length];
  if (numelOf(sh) !== data.length) throw new Error(`shape '[${sh.join(', ')}]' is invalid for input of size ${data.length}`);
  const store = allocStorage(dtype, data.length);
  for (let i = 0; i < data.length; i++) store[i] = castScalar(data[i], dtype);
  return finish(new Tensor(store, sh, dtype), opts);
}

/** torch.from_numpy's counterpart: same as from_array. */
export const from_numpy = from_array;
