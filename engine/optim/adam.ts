/** `torch.optim.Adam` and `AdamW`, as PyTorch 2.x's single-tensor `_single_tensor_adam` (not capturable). */
import type { Tensor } from '../tensor';
import { add, add_, div, maximum, mul, mul_, neg, sqrt } from '../ops/elementwise';
import { tensor, zeros_like } from '../ops/creation';
import { pyName } from '../nn/module';
import { bindPrototype } from '../bind/index';
import { Optimizer, lerp_, type ParamsArg } from './optimizer';
import { ValueError } from '../errors';

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
  foreach: boolean | null;
  capturable: boolean;
  differentiable: boolean;
  fused: boolean | null;
  decoupled_weight_decay: boolean;
}

export class Adam extends Optimizer<AdamOptions> {
  /**
   * PyTorch 2.x's `Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
   * foreach=None, maximize=False, capturable=False, differentiable=False, fused=None, decoupled_weight_decay=False)`.
   */
  constructor(
    params: ParamsArg<AdamOptions>,
    lr = 1e-3,
    betas: [number, number] = [0.9, 0.999],
    eps = 1e-8,
    weight_decay = 0,
    amsgrad = false,
    foreach: boolean | null = null,
    maximize = false,
    capturable = false,
    differentiable = false,
    fused: boolean | null = null,
    decoupled_weight_decay = false,
  ) {
    const defaults: AdamOptions = { lr, betas, eps, weight_decay, amsgrad, maximize, foreach, capturable, differentiable, fused, decoupled_weight_decay };
    if (lr < 0) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (eps < 0) throw new ValueError(`Invalid epsilon value: ${eps}`);
    betas.forEach((b, i) => {
      if (b < 0 || b >= 1) throw new ValueError(`Invalid beta parameter at index ${i}: ${b}`);
    });
    if (weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    super(params, defaults);
  }

  protected override update(param: Tensor, gradIn: Tensor, g: AdamOptions): void {
    const state = this._stateOf(param);
    if (state.step === undefined) {
      // PyTorch keeps the step count as a float32 tensor.
      state.step = tensor(0, undefined, 'cpu');
      state.exp_avg = zeros_like(param);
      state.exp_avg_sq = zeros_like(param);
      if (g.amsgrad) state.max_exp_avg_sq = zeros_like(param);
    }
    const [beta1, beta2] = g.betas;
    const stepT = state.step as Tensor;
    const expAvg = state.exp_avg as Tensor;
    const expAvgSq = state.exp_avg_sq as Tensor;
    add_(stepT, 1);
    let grad = g.maximize ? neg(gradIn) : gradIn;
    // AdamW's decoupled decay shrinks the parameter itself; Adam's adds it to the gradient.
    if (g.weight_decay !== 0 && g.decoupled_weight_decay) mul_(param, 1 - g.lr * g.weight_decay);
    else if (g.weight_decay !== 0) grad = add(grad, param, g.weight_decay);

    // 2.x moves the first moment with lerp_ (1.13: mul_ then add_).
    lerp_(expAvg, grad, 1 - beta1);
    add_(mul_(expAvgSq, beta2), mul(grad, grad), 1 - beta2);

    const step = stepT.item() as number;
    const biasCorrection1 = 1 - beta1 ** step;
    const biasCorrection2 = 1 - beta2 ** step;
    const stepSize = g.lr / biasCorrection1;
    const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
    let second = expAvgSq;
    if (g.amsgrad) {
      const maxSq = state.max_exp_avg_sq as Tensor;
      maxSq.copy_(maximum(maxSq, expAvgSq));
      second = maxSq;
    }
    const denom = add_(div(sqrt(second), biasCorrection2Sqrt), g.eps);
    add_(param, div(expAvg, denom), -stepSize);
  }
}

/** `AdamW`: Adam with decoupled weight decay (2.x: a subclass of Adam, weight_decay 0.01 by default). */
export class AdamW extends Adam {
  /** `AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False, *, maximize=False, foreach=None, capturable=False, differentiable=False, fused=None)`. */
  constructor(
    params: ParamsArg<AdamOptions>,
    lr = 1e-3,
    betas: [number, number] = [0.9, 0.999],
    eps = 1e-8,
    weight_decay = 0.01,
    amsgrad = false,
    maximize = false,
    foreach: boolean | null = null,
    capturable = false,
    differentiable = false,
    fused: boolean | null = null,
  ) {
    super(params, lr, betas, eps, weight_decay, amsgrad, foreach, maximize, capturable, differentiable, fused, true);
  }
}

pyName(Adam, 'Adam');
pyName(AdamW, 'AdamW');
bindPrototype(Adam.prototype, 'Adam', ['step']);
