/**
 * The public `torch` namespace (../shared/API.md). No DOM, React or Vite imports: it runs
 * unchanged in Node, a page and a Web Worker. Every function here takes its arguments as Python
 * does (engine/bind: its signature in engine/bind/signatures.ts, keyword arguments as one options
 * object, last).
 */
import { Tensor } from './tensor';
import { Node } from './autograd/node';
import * as elementwise from './ops/elementwise';
import * as reduce from './ops/reduce';
import * as softmaxOps from './ops/softmax';
import * as shape from './ops/shape';
import * as index_ops from './ops/index_ops';
import * as creation from './ops/creation';
import * as linalg from './ops/linalg';
import * as nn from './nn/index';
import * as optim from './optim/index';
import { autograd } from './autograd/index';
import { viz } from './viz/index';
import { utils, Generator } from './utils/index';
import { no_grad, enable_grad, is_grad_enabled, set_grad_enabled } from './autograd/grad_mode';
import { manual_seed, defaultGenerator } from './random';
import { formatPrintArgs } from './format';
import { webgpu } from './backends/webgpu/index';
import { bindFunction, _set_out_writer } from './bind/index';
import type { SignatureKey } from './bind/signatures';
import { writeOut } from './ops/out';
import { IndexError, NotImplementedError, RuntimeError, TypeError, ValueError } from './errors';
import type { TorchFunctions } from './torch_types';

export { Tensor, Node };
export { nn, optim };
export { RuntimeError, IndexError, ValueError, TypeError, NotImplementedError };
export const F = nn.functional;
export type { DType } from './dtype';
export type { Device } from './tensor';

_set_out_writer(writeOut);

const dtypes = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  int64: 'int64',
  long: 'int64',
  bool: 'bool',
} as const;

function is_tensor(obj: unknown): obj is Tensor {
  return obj instanceof Tensor;
}

/**
 * The implementations of `torch.<name>`, each taking its parameters positionally in the order
 * of its declared signature (those whose order or form differs from the Tensor method say so).
 */
const impls = {
  ...creation,
  ...elementwise,
  ...reduce,
  ...softmaxOps,
  ...shape,
  ...index_ops,
  ...linalg,
  norm: reduce.torchNorm,
  var: reduce.var,
  no_grad,
  enable_grad,
  is_grad_enabled,
  set_grad_enabled,
  manual_seed,
  initial_seed: () => defaultGenerator.initial_seed(),
  is_tensor,
  /** Python's `print` as the snippet sees it: returns the line (the runner decides where it goes). */
  format: (args: unknown[]) => formatPrintArgs(args),
  unflatten: (input: Tensor, dim: number, sizes: readonly number[]) => shape.unflatten(input, dim, sizes),
  split: (tensor: Tensor, split_size_or_sections: number | readonly number[], dim?: number) => index_ops.split(tensor, split_size_or_sections, dim),
} as Record<string, unknown>;

/** Every public torch function, bound by its signature; engine/api.test.ts checks that none is missing one. */
const PUBLIC_FUNCTIONS = [
  'tensor', 'zeros', 'ones', 'empty', 'full', 'eye', 'arange', 'linspace', 'rand', 'randn', 'randint', 'randperm',
  'zeros_like', 'ones_like', 'empty_like', 'rand_like', 'randn_like', 'full_like', 'from_array', 'from_numpy',
  'set_default_device', 'get_default_device', 'manual_seed', 'initial_seed', 'is_tensor', 'no_grad', 'enable_grad',
  'set_grad_enabled', 'is_grad_enabled', 'format',
  'add', 'sub', 'rsub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'gt', 'ge', 'lt', 'le', 'eq', 'ne', 'logical_and',
  'logical_or', 'logical_not', 'isnan', 'equal', 'allclose', 'where', 'clamp', 'clamp_', 'exp', 'log', 'sqrt', 'abs',
  'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'reciprocal', 'log2', 'log1p', 'expm1', 'rsqrt', 'sign', 'square', 'neg',
  'relu', 'relu_', 'add_', 'sub_', 'mul_', 'div_', 'pow_', 'fill_', 'zero_', 'copy_',
  'sum', 'mean', 'prod', 'var', 'std', 'max', 'min', 'amax', 'amin', 'argmax', 'argmin', 'all', 'any', 'logsumexp',
  'norm', 'cumsum', 'sum_to_size', 'softmax', 'log_softmax',
  'reshape', 'view', 'expand', 'expand_as', 'transpose', 't', 'permute', 'squeeze', 'unsqueeze', 'flatten', 'unflatten',
  'clone', 'contiguous', 'to', 'cpu', 'cpu_async', 'swapaxes', 'swapdims', 'view_as', 'reshape_as', 'movedim', 'moveaxis',
  'narrow', 'select', 'split', 'split_with_sizes', 'chunk', 'unbind', 'cat', 'stack', 'index_select', 'gather', 'index',
  'slice', 'masked_fill', 'repeat', 'flip', 'roll', 'tril', 'triu',
  'matmul', 'mm', 'bmm', 'dot', 'mv', 'addmm', 'outer', 'ger',
] as const;

function bindAll(): TorchFunctions {
  const out: Record<string, unknown> = {};
  for (const name of PUBLIC_FUNCTIONS) {
    const impl = impls[name];
    if (typeof impl !== 'function') throw new RuntimeError(`torch.${name} has no implementation`);
    out[name] = bindFunction(`torch.${name}` as SignatureKey, impl as (...args: unknown[]) => unknown);
  }
  return out as unknown as TorchFunctions;
}

export const torch = {
  Tensor,
  Slice: index_ops.Slice,
  ...bindAll(),
  // After the ops: torch.float, torch.double, torch.long and torch.bool are dtypes, not the casts.
  ...dtypes,
  autograd,
  viz,
  webgpu,
  nn,
  optim,
  utils,
  Generator,
  /** The generator `torch.manual_seed` seeds (PyTorch's `torch.default_generator`). */
  default_generator: defaultGenerator,
  RuntimeError,
  IndexError,
  ValueError,
  TypeError,
  NotImplementedError,
};

export default torch;
