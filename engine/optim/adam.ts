/** `torch.optim.Adam`, as PyTorch 1.13's single-tensor `_single_tensor_adam` (not capturable). */
import type { Tensor } from '../tensor';
import { maximum } from '../ops/elementwise';
import { tensor, zeros_like } from '../ops/creation';
import { pyName } from '../nn/module';
import { Optimizer, type ParamsArg } from './optimizer';

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
  foreach: null;
  capturable: boolean;
  differentiable: boolean;
  fused: boolean;
}

export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsArg<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    const defaults: AdamOptions = {
      lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false,
      maximize: false, foreach: null, capturable: false, differentiable: false, fused: false, ...opts,
    };
    if (defaults.lr < 0) throw new Error(`Invalid learning rate: ${defaults.lr}`);
    if (defaults.eps < 0) throw new Error(`Invalid epsilon value: ${defaults.eps}`);
    defaults.betas.forEach((b, i) => {
      if (b < 0 || b >= 1) throw new Error(`Invalid beta parameter at index ${i}: ${b}`);
    });
    if (defaults.weight_decay < 0) throw new Error(`Invalid weight_decay value: ${defaults.weight_decay}`);
    super(params, defaults);
  }

  protected override update(param: Tensor, gradIn: Tensor, g: AdamOptions): void {
    const state = this._stateOf(param);
    if (state.step === undefined) {
      // PyTorch 1.13 keeps the step count as a float32 tensor.
      state.step = tensor(0, { device: 'cpu' });
      state.exp_avg = zeros_like(param);
      state.exp_avg_sq = zeros_like(param);
      if (g.amsgrad) state.max_exp_avg_sq = zeros_like(param);
    }
    const [beta1, beta2] = g.betas;
    const stepT = state.step as Tensor;
    const expAvg = state.exp_avg as Tensor;
    const expAvgSq = state.exp_avg_sq as Tensor;
    stepT.add_(1);
    let grad = g.maximize ? gradIn.neg() : gradIn;
    if (g.weight_decay !== 0) grad = grad.add(param, { alpha: g.weight_decay });

    expAvg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
    expAvgSq.mul_(beta2).add_(grad.mul(grad), { alpha: 1 - beta2 });

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
    const denom = second.sqrt().div(biasCorrection2Sqrt).add_(g.eps);
    param.add_(expAvg.div(denom), { alpha: -stepSize });
  }
}

pyName(Adam, 'Adam');
