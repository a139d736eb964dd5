/** `torch.optim.RMSprop`, as PyTorch 2.x's single-tensor `_single_tensor_rmsprop`. */
import type { Tensor } from '../tensor';
import { tensor, zeros_like } from '../ops/creation';
import { pyName } from '../nn/module';
import { bindPrototype } from '../bind/index';
import { Optimizer, lerp_, type ParamsArg } from './optimizer';
import { ValueError } from '../errors';

export interface RMSpropOptions {
  lr: number;
  momentum: number;
  alpha: number;
  eps: number;
  centered: boolean;
  weight_decay: number;
  capturable: boolean;
  foreach: boolean | null;
  maximize: boolean;
  differentiable: boolean;
}

export class RMSprop extends Optimizer<RMSpropOptions> {
  /** `RMSprop(params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False, capturable=False, foreach=None, maximize=False, differentiable=False)`. */
  constructor(params: ParamsArg<RMSpropOptions>, lr = 0.01, alpha = 0.99, eps = 1e-8, weight_decay = 0, momentum = 0, centered = false, capturable = false, foreach: boolean | null = null, maximize = false, differentiable = false) {
    if (lr < 0) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (eps < 0) throw new ValueError(`Invalid epsilon value: ${eps}`);
    if (momentum < 0) throw new ValueError(`Invalid momentum value: ${momentum}`);
    if (weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    if (alpha < 0) throw new ValueError(`Invalid alpha value: ${alpha}`);
    // The defaults in PyTorch's dict order (its state_dict lists a group's keys so).
    super(params, { lr, momentum, alpha, eps, centered, weight_decay, capturable, foreach, maximize, differentiable });
  }

  protected override update(param: Tensor, gradIn: Tensor, g: RMSpropOptions): void {
    const state = this._stateOf(param);
    if (state.step === undefined) {
      state.step = tensor(0, undefined, 'cpu');
      state.square_avg = zeros_like(param);
      if (g.momentum > 0) state.momentum_buffer = zeros_like(param);
      if (g.centered) state.grad_avg = zeros_like(param);
    }
    (state.step as Tensor).add_(1);
    let grad = g.maximize ? gradIn.neg() : gradIn;
    if (g.weight_decay !== 0) grad = grad.add(param, { alpha: g.weight_decay });
    const squareAvg = state.square_avg as Tensor;
    squareAvg.mul_(g.alpha).add_(grad.mul(grad), { alpha: 1 - g.alpha });
    let avg: Tensor;
    if (g.centered) {
      const gradAvg = state.grad_avg as Tensor;
      lerp_(gradAvg, grad, 1 - g.alpha);
      avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt();
    } else {
      avg = squareAvg.sqrt();
    }
    avg = avg.add_(g.eps);
    if (g.momentum > 0) {
      const buf = state.momentum_buffer as Tensor;
      buf.mul_(g.momentum).add_(grad.div(avg));
      param.add_(buf, { alpha: -g.lr });
    } else {
      param.add_(grad.div(avg), { alpha: -g.lr });
    }
  }
}

pyName(RMSprop, 'RMSprop');
bindPrototype(RMSprop.prototype, 'RMSprop', ['step']);
