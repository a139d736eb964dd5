/** `torch.optim.Adagrad`, as PyTorch 2.x's single-tensor `_single_tensor_adagrad`. */
import type { Tensor } from '../tensor';
import { full_like, tensor } from '../ops/creation';
import { pyName } from '../nn/module';
import { bindPrototype } from '../bind/index';
import { Optimizer, type ParamsArg } from './optimizer';
import { ValueError } from '../errors';

export interface AdagradOptions {
  lr: number;
  lr_decay: number;
  eps: number;
  weight_decay: number;
  initial_accumulator_value: number;
  foreach: boolean | null;
  maximize: boolean;
  differentiable: boolean;
  fused: boolean | null;
}

export class Adagrad extends Optimizer<AdagradOptions> {
  /** `Adagrad(params, lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None)`. */
  constructor(params: ParamsArg<AdagradOptions>, lr = 0.01, lr_decay = 0, weight_decay = 0, initial_accumulator_value = 0, eps = 1e-10, foreach: boolean | null = null, maximize = false, differentiable = false, fused: boolean | null = null) {
    if (lr < 0) throw new ValueError(`Invalid learning rate: ${lr}`);
    if (lr_decay < 0) throw new ValueError(`Invalid lr_decay value: ${lr_decay}`);
    if (weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${weight_decay}`);
    if (initial_accumulator_value < 0) throw new ValueError(`Invalid initial_accumulator_value value: ${initial_accumulator_value}`);
    if (eps < 0) throw new ValueError(`Invalid epsilon value: ${eps}`);
    super(params, { lr, lr_decay, eps, weight_decay, initial_accumulator_value, foreach, maximize, differentiable, fused });
    // Adagrad's state exists from the start (its state_dict lists every parameter before any step).
    for (const group of this.param_groups) for (const p of group.params) this._initState(p, group.initial_accumulator_value);
  }

  private _initState(p: Tensor, initial: number): void {
    const state = this._stateOf(p);
    state.step = tensor(0, undefined, 'cpu');
    state.sum = full_like(p, initial);
  }

  protected override update(param: Tensor, gradIn: Tensor, g: AdagradOptions): void {
    if (this._stateOf(param).step === undefined) this._initState(param, g.initial_accumulator_value);
    const state = this._stateOf(param);
    const stepT = state.step as Tensor;
    stepT.add_(1);
    const step = stepT.item() as number;
    let grad = g.maximize ? gradIn.neg() : gradIn;
    if (g.weight_decay !== 0) grad = grad.add(param, { alpha: g.weight_decay });
    const clr = g.lr / (1 + (step - 1) * g.lr_decay);
    const sum = state.sum as Tensor;
    sum.add_(grad.mul(grad));
    const std = sum.sqrt().add_(g.eps);
    param.add_(grad.div(std), { alpha: -clr });
  }
}

pyName(Adagrad, 'Adagrad');
bindPrototype(Adagrad.prototype, 'Adagrad', ['step']);
