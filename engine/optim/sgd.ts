/** `torch.optim.SGD`, as PyTorch 1.13's single-tensor `_single_tensor_sgd`. */
import type { Tensor } from '../tensor';
import { pyName } from '../nn/module';
import { bindPrototype } from '../bind/index';
import { Optimizer, type ParamsArg } from './optimizer';
import { ValueError } from '../errors';
import { add, add_, mul_, neg } from '../ops/elementwise';

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
  foreach: boolean | null;
  differentiable: boolean;
  fused: boolean | null;
}

export class SGD extends Optimizer<SGDOptions> {
  /** PyTorch 2.x's `SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None)`. */
  constructor(params: ParamsArg<SGDOptions>, lr = 1e-3, momentum = 0, dampening = 0, weight_decay = 0, nesterov = false, maximize = false, foreach: boolean | null = null, differentiable = false, fused: boolean | null = null) {
    const defaults: SGDOptions = { lr, momentum, dampening, weight_decay, nesterov, maximize, foreach, differentiable, fused };
    if (lr < 0) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (momentum < 0) throw new ValueError(`Invalid momentum value: ${momentum}`);
    if (weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new ValueError('Nesterov momentum requires a momentum and zero dampening');
    }
    super(params, defaults);
  }

  protected override update(param: Tensor, grad: Tensor, g: SGDOptions): void {
    let d_p = g.maximize ? neg(grad) : grad;
    if (g.weight_decay !== 0) d_p = add(d_p, param, g.weight_decay);
    if (g.momentum !== 0) {
      const state = this._stateOf(param);
      let buf = (state.momentum_buffer as Tensor | undefined) ?? null;
      if (buf === null) {
        buf = d_p.clone().detach();
        state.momentum_buffer = buf;
      } else {
        add_(mul_(buf, g.momentum), d_p, 1 - g.dampening);
      }
      d_p = g.nesterov ? add(d_p, buf, g.momentum) : buf;
    }
    add_(param, d_p, -g.lr);
  }
}

pyName(SGD, 'SGD');
bindPrototype(SGD.prototype, 'SGD', ['step']);
