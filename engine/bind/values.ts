/**
 * How a JavaScript value looks to Python: its type name (what PyTorch's errors print, `int`,
 * `Tensor`, `list`, ...) and the predicates PyTorch's argument parser applies (THPUtils_checkLong,
 * ...), mapped onto JavaScript's types: an integral number is an int, a bigint an int, a dtype
 * string (`'float32'`) a torch.dtype, an array a list, a plain object a dict, `null` None.
 */
import { Tensor } from '../tensor';

const DTYPES = new Set(['float32', 'float64', 'int64', 'bool']);

export function isDtype(v: unknown): boolean {
  return typeof v === 'string' && DTYPES.has(v);
}

/** A `{...}` literal (or Object.create(null)): the only value taken as keyword arguments. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Python's `type(v).__name__` (`tp_name`) for a JavaScript value. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return isDtype(v) ? 'torch.dtype' : 'str';
    case 'function': {
      const proto = Object.getPrototypeOf(v);
      // Module instances are function objects (so that `model(x)` calls forward).
      return proto !== Function.prototype && typeof proto?.constructor?.name === 'string' && proto.constructor.name ? proto.constructor.name : 'function';
    }
  }
  if (v instanceof Tensor) return (v.constructor as { name?: string }).name === 'Parameter' ? 'Parameter' : 'Tensor';
  const pytype = (v as { _pytype?: unknown })._pytype;
  if (typeof pytype === 'string') return pytype;
  if (Array.isArray(v)) return 'list';
  if (isPlainObject(v)) return 'dict';
  const name = (v as object).constructor?.name;
  return typeof name === 'string' && name ? name : 'object';
}

/** THPUtils_checkLong: an int, not a bool. */
export function isInt(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

/** THPUtils_checkScalar: a Python number (bool, int, float). */
export function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';
}

/** THPUtils_checkIndex: an int (not a bool), or a one-element integer tensor (`__index__`). */
export function isIndex(v: unknown): boolean {
  if (isInt(v)) return true;
  return v instanceof Tensor && v.numel() === 1 && v.dtype === 'int64';
}
