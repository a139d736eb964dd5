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
import { RuntimeError, TypeError, ValueError } from '../errors';

export interface TensorOptions {
  requires_grad?: boolean;
  dtype?: DType;
  device?: Device;
}

export type NestedData = number | bigint | boolean | readonly NestedData[];

/** A size as the binder hands it: a list (varargs already packed), entries ints or 0-dim int tensors. */
export type SizeArg = readonly (number | bigint | Tensor)[] | number;

function shapeOf(size: SizeArg): number[] {
  const list = typeof size === 'number' ? [size] : size;
  return sizesFrom([list.map((s) => (s instanceof Tensor ? Number(s.item()) : Number(s)))]);
}

/** Applies requires_grad and device, with PyTorch's float-only rule. */
function finish(made: Tensor, device: Device | undefined, requiresGrad: boolean | undefined): Tensor {
  if (requiresGrad && !isFloating(made.dtype)) throw new RuntimeError(FLOAT_ONLY_GRAD_MESSAGE);
  const where = device ?? defaultDevice;
  const t = where === made.device ? made : transfer(made, made.dtype, where);
  if (requiresGrad) t._requires_grad = true;
  return t;
}

let defaultDevice: Device = 'cpu';

/** `torch.set_default_device('webgpu')`: factories without a `device` make tensors there. */
export function set_default_device(device: Device): void {
  if (device !== 'cpu' && device !== 'webgpu') throw new RuntimeError(`Expected one of cpu, webgpu device type at start of device string: ${String(device)}`);
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

export function tensor(data: NestedData | Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  if (data instanceof Tensor) {
    return finish(new Tensor(data._values().slice(), data.shape, dtype ?? data.dtype), device, requires_grad);
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
      if (Array.isArray(v)) throw new TypeError('must be real number, not list');
      if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') {
        throw new RuntimeError(`Could not infer dtype of ${v === null ? 'NoneType' : typeof v}`);
      }
      flat.push(v as number | bigint | boolean);
      return;
    }
    if (!Array.isArray(v)) throw new TypeError('not a sequence');
    if (v.length !== shape[dim]) throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${v.length})`);
    for (const x of v as readonly NestedData[]) walk(x, dim + 1);
  };
  walk(data, 0);
  const inferred: DType = flat.length && flat.every((v) => typeof v === 'boolean') ? 'bool' : flat.length && flat.every((v) => typeof v === 'bigint') ? 'int64' : 'float32';
  const dt = dtype ?? inferred;
  const store = allocStorage(dt, flat.length);
  flat.forEach((v, i) => (store[i] = castScalar(Number(v), dt)));
  return finish(new Tensor(store, shape, dt), device, requires_grad);
}

export function zeros(size: SizeArg, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return finish(filled(shapeOf(size), dtype ?? 'float32', 0), device, requires_grad);
}

export function ones(size: SizeArg, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return finish(filled(shapeOf(size), dtype ?? 'float32', 1), device, requires_grad);
}

/** `torch.empty`: uninitialised in PyTorch; zeros here, so results never depend on garbage. */
export function empty(size: SizeArg, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return zeros(size, dtype, device, requires_grad);
}

export function full(size: SizeArg, fill_value: number | boolean | Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const value = fill_value instanceof Tensor ? fill_value.item() : fill_value;
  const dt = dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  return finish(filled(shapeOf(size), dt, Number(value)), device, requires_grad);
}

export function eye(n: number, m?: number, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const cols = m ?? n;
  const t = filled(sizesFrom([[n, cols]]), dtype ?? 'float32', 0);
  for (let i = 0; i < Math.min(n, cols); i++) t._array()[i * cols + i] = 1;
  return finish(t, device, requires_grad);
}

/** A Python number or a 0-dim tensor standing for one (PyTorch's Scalar parameters take both). */
function scalarOf(v: number | boolean | Tensor): number {
  return Number(v instanceof Tensor ? v.item() : v);
}

function isIntegral(v: number | boolean | Tensor | undefined): boolean {
  if (v === undefined) return true;
  if (v instanceof Tensor) return !isFloating(v.dtype);
  return typeof v !== 'number' || Number.isInteger(v);
}

/** `arange(end)`, `arange(start, end, step=1)`: int64 when every bound is an int, as in PyTorch. */
export function arange(start: number | Tensor | undefined, end: number | Tensor, step?: number | Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const lo = start === undefined ? 0 : scalarOf(start);
  const hi = scalarOf(end);
  const by = step === undefined ? 1 : scalarOf(step);
  if (by === 0) throw new RuntimeError('step must be nonzero');
  if ((hi - lo) / by < 0) throw new RuntimeError('upper bound and larger bound inconsistent with step sign');
  const dt = dtype ?? (isIntegral(start) && isIntegral(end) && isIntegral(step) ? 'int64' : 'float32');
  const n = Math.ceil((hi - lo) / by);
  const data = allocStorage(dt, n);
  for (let i = 0; i < n; i++) data[i] = castScalar(lo + i * by, dt);
  return finish(new Tensor(data, [n], dt), device, requires_grad);
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
export function linspace(startArg: number | Tensor, endArg: number | Tensor, steps: number, dtypeArg?: DType, device?: Device, requires_grad?: boolean): Tensor {
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  const start = scalarOf(startArg);
  const end = scalarOf(endArg);
  const dtype = dtypeArg ?? 'float32';
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
  return finish(new Tensor(data, [steps], dtype), device, requires_grad);
}

function floatDtype(dtype: DType | undefined): 'float32' | 'float64' {
  const d = dtype ?? 'float32';
  if (d !== 'float32' && d !== 'float64') throw new RuntimeError(`"normal_kernel_cpu" not implemented for '${d === 'int64' ? 'Long' : 'Bool'}'`);
  return d;
}

export function randn(size: SizeArg, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const shape = shapeOf(size);
  const dt = floatDtype(dtype);
  return finish(new Tensor(defaultGenerator.normal(numelOf(shape), dt) as StorageArray, shape, dt), device, requires_grad);
}

export function rand(size: SizeArg, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const shape = shapeOf(size);
  const dt = floatDtype(dtype);
  return finish(new Tensor(defaultGenerator.uniform(numelOf(shape), dt) as StorageArray, shape, dt), device, requires_grad);
}

/** `randint(high, size)` and `randint(low, high, size)`, as PyTorch's overloads. */
export function randint(low: number | undefined, high: number, size: SizeArg, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const lo = low ?? 0;
  if (lo >= high) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${high}`);
  const shape = shapeOf(size);
  const dt = dtype ?? 'int64';
  const vals = defaultGenerator.randint(lo, high, numelOf(shape));
  const data = allocStorage(dt, vals.length);
  data.set(vals);
  return finish(new Tensor(data, shape, dt), device, requires_grad);
}

export function randperm(n: number, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const dt = dtype ?? 'int64';
  const data = allocStorage(dt, n);
  data.set(defaultGenerator.randperm(n));
  return finish(new Tensor(data, [n], dt), device, requires_grad);
}

export function zeros_like(input: Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return zeros(input.shape, dtype ?? input.dtype, device ?? input.device, requires_grad);
}
export function ones_like(input: Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return ones(input.shape, dtype ?? input.dtype, device ?? input.device, requires_grad);
}
export function full_like(input: Tensor, fill_value: number | boolean | Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return full(input.shape, fill_value, dtype ?? input.dtype, device ?? input.device, requires_grad);
}
export function empty_like(input: Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return zeros_like(input, dtype, device, requires_grad);
}
export function randn_like(input: Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return randn(input.shape, dtype ?? input.dtype, device ?? input.device, requires_grad);
}
export function rand_like(input: Tensor, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  return rand(input.shape, dtype ?? input.dtype, device ?? input.device, requires_grad);
}

/** Wraps a TypedArray (copied) as a tensor: Float32Array → float32, Float64Array → float64, ... */
export function from_array(data: Float32Array | Float64Array | Int32Array | Uint8Array | readonly number[], shape?: readonly number[] | null, dtype?: DType, device?: Device, requires_grad?: boolean): Tensor {
  const dt: DType = dtype ?? (data instanceof Float64Array ? 'float64' : data instanceof Int32Array ? 'int64' : data instanceof Uint8Array ? 'bool' : 'float32');
  const sh = shape ? sizesFrom([shape]) : [data.length];
  if (numelOf(sh) !== data.length) throw new RuntimeError(`shape '[${sh.join(', ')}]' is invalid for input of size ${data.length}`);
  const store = allocStorage(dt, data.length);
  for (let i = 0; i < data.length; i++) store[i] = castScalar(data[i], dt);
  return finish(new Tensor(store, sh, dt), device, requires_grad);
}

/** torch.from_numpy's counterpart: same as from_array. */
export const from_numpy = from_array;
