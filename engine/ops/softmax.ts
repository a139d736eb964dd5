/**
 * softmax and log_softmax along one dim: numerically stable (shifted by the max; the CPU computes
 * in double and stores the input's dtype). Both save their result, as PyTorch's Nodes do.
 */
import { Tensor } from '../tensor';
import { record } from '../autograd/function';
import { backendOf } from '../backends';
import { isFloating, type DType } from '../dtype';
import { wrapDim } from '../shape';
import { exp, mul, sub } from './elementwise';
import { sum } from './reduce';
import { to } from './shape';
import { installMethods } from './util';
import { RuntimeError } from '../errors';
import { derivatives } from '../autograd/derivatives';


const SCALAR_TYPE: Record<DType, string> = { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' };

/** The input after the optional `dtype` cast, with PyTorch's error for integral inputs. */
function prepare(op: 'softmax' | 'log_softmax', self: Tensor, dim: number, dtype: DType | null | undefined): { input: Tensor; d: number } {
  const d = wrapDim(dim, self.shape.length);
  const input = dtype && dtype !== self.dtype ? to(self, undefined, dtype) : self;
  if (!isFloating(input.dtype)) {
    // PyTorch's CPU kernels name themselves: a lastdim kernel per op, one shared kernel otherwise.
    const lastDim = input.shape.length === 0 || d === input.shape.length - 1;
    const kernel = lastDim ? `${op}_lastdim_kernel_impl` : 'softmax_kernel_impl';
    throw new RuntimeError(`"${kernel}" not implemented for '${SCALAR_TYPE[input.dtype]}'`);
  }
  return { input, d };
}

/** `softmax(dim, {dtype})`: exp(x - max) / sum(exp(x - max)) (SoftmaxBackward0). */
export function softmax(self: Tensor, dim: number, dtype?: DType | null): Tensor {
  const { input, d } = prepare('softmax', self, dim, dtype);
  const out = backendOf(input).softmax(input, d, false);
  return record('SoftmaxBackward0', [input], out, { dim, result: out }, ([g], s) => {
    const y = s.result as Tensor;
    // PyTorch's _softmax_backward_data: y * (g - sum(g * y, dim)).
    return [mul(y, sub(g!, sum(mul(g!, y), d, true)))];
  });
}

/** `log_softmax(dim, {dtype})`: (x - max) - log(sum(exp(x - max))) (LogSoftmaxBackward0). */
export function log_softmax(self: Tensor, dim: number, dtype?: DType | null): Tensor {
  const { input, d } = prepare('log_softmax', self, dim, dtype);
  const out = backendOf(input).softmax(input, d, true);
  return record('LogSoftmaxBackward0', [input], out, { dim, result: out }, ([g], s) => {
    const y = s.result as Tensor;
    // PyTorch's _log_softmax_backward_data: g - exp(y) * sum(g, dim).
    return [sub(g!, mul(exp(y), sum(g!, d, true)))];
  });
}

type SoftmaxKw = { dim?: number; dtype?: DType | null };

declare module '../tensor' {
  interface Tensor {
    softmax(dim: number | SoftmaxKw, dtype?: DType | null | SoftmaxKw, kwargs?: SoftmaxKw): Tensor;
    log_softmax(dim: number | SoftmaxKw, dtype?: DType | null | SoftmaxKw, kwargs?: SoftmaxKw): Tensor;
  }
}

installMethods({ softmax, log_softmax });

// ---- the local rules of the Nodes above (derivatives.yaml, in words) --------------------------------

derivatives({
  SoftmaxBackward0: { inputs: ['self'], grads: ['result · (grad − (grad · result).sum(dim, keepdim=True))'] },
  LogSoftmaxBackward0: { inputs: ['self'], grads: ['grad − exp(result) · grad.sum(dim, keepdim=True)'] },
});
