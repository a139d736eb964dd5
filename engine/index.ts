/**
 * The public `torch` namespace (../shared/API.md). No DOM, React or Vite imports: it runs
 * unchanged in Node, a page and a Web Worker.
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
import { no_grad, enable_grad, is_grad_enabled, set_grad_enabled } from './autograd/grad_mode';
import { manual_seed, defaultGenerator } from './random';
import { formatPrintArgs } from './format';
import { webgpu } from './backends/webgpu/index';

export { Tensor, Node };
export { nn, optim };
export const F = nn.functional;
export type { DType } from './dtype';
export type { Device } from './tensor';

const dtypes = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  int64: 'int64',
  long: 'int64',
  bool: 'bool',
} as const;

function is_tensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

export const torch = {
  Tensor,
  ...creation,
  ...elementwise,
  ...reduce,
  ...softmaxOps,
  ...shape,
  ...index_ops,
  ...linalg,
  // After the ops: torch.float, torch.double, torch.long and torch.bool are dtypes, not the casts.
  ...dtypes,
  autograd,
  viz,
  webgpu,
  nn,
  optim,
  no_grad,
  enable_grad,
  is_grad_enabled,
  set_grad_enabled,
  manual_seed,
  initial_seed: () => defaultGenerator.initial_seed(),
  is_tensor,
  /** Python's `print` as the snippet sees it: returns the line (the runner decides where it goes). */
  format: formatPrintArgs,
};

export default torch;
