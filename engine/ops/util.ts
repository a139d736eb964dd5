/** What every op family shares: scalar wrapping, PyTorch's type promotion, method installation. */
import { Tensor } from '../tensor';
import { isFloating, promoteTypes, type DType } from '../dtype';
import { bindMethod, bindPrototype } from '../bind/index';
import type { SignatureKey } from '../bind/signatures';
import { TypeError } from '../errors';

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;

/** A Python number in an op, as PyTorch wraps it: a 0-dim tensor that does not promote dtypes. */
export function wrapScalar(v: Scalar): Tensor {
  if (typeof v === 'boolean') {
    const t = new Tensor(new Uint8Array([v ? 1 : 0]), [], 'bool');
    t._wrapped_number = true;
    return t;
  }
  if (typeof v !== 'number') throw new TypeError(`expected a Tensor or a number, but got ${describe(v)}`);
  const dtype: DType = Number.isInteger(v) ? 'int64' : 'float64';
  const t = new Tensor(new Float64Array([v]), [], dtype);
  t._wrapped_number = true;
  return t;
}

export function describe(v: unknown): string {
  if (v === null) return 'None';
  if (Array.isArray(v)) return 'list';
  return typeof v;
}

export function asTensor(v: TensorOrScalar): Tensor {
  if (v instanceof Tensor) return v;
  return wrapScalar(v);
}

type Category = 0 | 1 | 2; // bool, integral, floating
function category(d: DType): Category {
  return d === 'bool' ? 0 : isFloating(d) ? 2 : 1;
}
function promote(a: DType | null, b: DType): DType {
  return a === null ? b : promoteTypes(a, b);
}

/** PyTorch's `torch.result_type`: dimensioned tensors lead, 0-dim and numbers only lift the category. */
export function resultType(...ts: Tensor[]): DType {
  let dimRes: DType | null = null;
  let zeroRes: DType | null = null;
  let wrappedRes: DType | null = null;
  for (const t of ts) {
    if (t._wrapped_number) wrappedRes = promote(wrappedRes, t.dtype === 'float64' ? 'float32' : t.dtype);
    else if (t.shape.length === 0) zeroRes = promote(zeroRes, t.dtype);
    else dimRes = promote(dimRes, t.dtype);
  }
  return combine(dimRes, combine(zeroRes, wrappedRes)) ?? 'float32';
}

function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (category(higher) >= category(lower)) return higher;
  return promote(higher, lower);
}

/** The default float dtype an integral result turns into (true division, sqrt of ints, ...). */
export function floatType(d: DType): DType {
  return isFloating(d) ? d : 'float32';
}

// Methods are the op functions with the tensor as first argument: `x.add(y)` is `add(x, y)`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OpFunction = (self: Tensor, ...args: any[]) => unknown;

/**
 * Installs ops as Tensor methods (each ops file declares their types by augmentation), each bound
 * by its signature in engine/bind/signatures.ts (`Tensor.<name>`).
 */
export function installMethods(methods: Record<string, OpFunction>): void {
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(Tensor.prototype, name, {
      value: bindMethod(`Tensor.${name}` as SignatureKey, fn),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

// The methods Tensor defines itself, bound by the same signatures as the ops.
bindPrototype(Tensor.prototype, 'Tensor', [
  'size', 'stride', 'dim', 'numel', 'is_contiguous', 'requires_grad_', 'retain_grad', 'register_hook',
  'detach', 'detach_', 'item', 'tolist', 'item_async', 'tolist_async',
]);
