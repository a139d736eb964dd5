/** `out=`: where PyTorch writes an op's result into a tensor the caller gave, resizing it as needed. */
import { Tensor } from '../tensor';
import { is_grad_enabled } from '../autograd/grad_mode';
import { castCopy } from '../backends';
import { isFloating, type DType } from '../dtype';
import { RuntimeError } from '../errors';

const SCALAR_TYPE: Record<DType, string> = { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' };

/** PyTorch's canCast: no floating result into an integral tensor, nothing but bool into bool. */
function canCast(from: DType, to: DType): boolean {
  if (isFloating(from) && !isFloating(to)) return false;
  return !(from !== 'bool' && to === 'bool');
}

function writeOne(out: Tensor, result: Tensor): Tensor {
  if (!canCast(result.dtype, out.dtype)) {
    throw new RuntimeError(`result type ${SCALAR_TYPE[result.dtype]} can't be cast to the desired output type ${SCALAR_TYPE[out.dtype]}`);
  }
  const copy = castCopy(result.device === out.device ? result : result.to(out.device), out.dtype);
  out._data = copy._data;
  out.shape = copy.shape.slice();
  out._strides = copy._strides.slice();
  out._offset = 0;
  out._bumpVersion();
  return out;
}

/** Writes `result` (a tensor, or the tuple of max(dim)) into `out` and returns what PyTorch returns. */
export function writeOut(out: Tensor | readonly Tensor[], result: unknown, op: string): unknown {
  const results = result instanceof Tensor ? [result] : (result as readonly Tensor[]);
  const outs = out instanceof Tensor ? [out] : out;
  if (is_grad_enabled() && (results.some((r) => r.requires_grad) || outs.some((o) => o.requires_grad))) {
    throw new RuntimeError(`${op}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`);
  }
  outs.forEach((o, i) => writeOne(o, results[i]));
  return out instanceof Tensor ? out : result;
}
