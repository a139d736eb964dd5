/** `torch.optim.SGD`, as PyTorch 1.13's single-tensor `_single_tensor_sgd`. */
import type { Tensor } from '../tensor';
import { pyName } from '../nn/module';
import { Optimizer, type ParamsArg } from './optimizer';

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
  foreach: null;
  differentiable: boolean;
}

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsArg<SGDOptions>, opts: Partial<SGDOptions> & { lr: number }) {
    const defaults: SGDOptions = { momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false, foreach: null, differentiable: false, ...opts };
    if (defaults.lr < 0) throw new Error(`Invalid learning rate: ${defaults.lr}`);
    if (defaults.momentum < 0) throw new Error(`Invalid momentum value: ${defaults.momentum}`);
    if (defaults.weight_decay < 0) throw new Error(`Invalid weight_decay value: ${defaults.weight_decay}`);
    if (defaults.nesterov && (defaults.momentum <= 0 || defaults.dampening !== 0)) {
      throw new Error('Nesterov momentum requires a momentum and zero dampening');
    }
    super(params, defaults);
  }

  protected override update(param: Tensor, grad: Tensor, g: SGDOptions): void {
    let d_p = g.maximize ? grad.neg() : grad;
    if (g.weight_decay !== 0) d_p = d_p.add(param, { alpha: g.weight_decay });
    if (g.momentum !== 0) {
      const state = this._stateOf(param);
      let buf = (state.momentum_buffer as Tensor | undefined) ?? null;
      if (buf === null) {
        buf = d_p.clone().detach();
        state.momentum_buffer = buf;
      } else {
        buf.mul_(g.momentum).add_(d_p, { alpha: 1 - g.dampening });
      }
      d_p = g.nesterov ? d_p.add(buf, { alpha: g.momentum }) : buf;
    }
    param.add_(d_p, { alpha: -g.lr });
  }
}

pyName(SGD, 'SGD');
