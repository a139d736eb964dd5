/**
 * `torch.optim.lr_scheduler`: PyTorch 2.x's schedulers, which change each parameter group's `lr`
 * (the chainable form: each step scales the group's current lr) and remember the first one as
 * `initial_lr` in the group, as PyTorch does (it shows in the optimizer's repr).
 */
import { Tensor } from '../tensor';
import { bindPrototype } from '../bind/index';
import { pyName } from '../nn/module';
import { asPyList } from '../format';
import { KeyError, TypeError, ValueError } from '../errors';
import { Optimizer } from './optimizer';

type Group = Record<string, unknown> & { lr: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any optimizer, whatever its options
type AnyOptimizer = Optimizer<any>;

function groupsOf(optimizer: AnyOptimizer): Group[] {
  return optimizer.param_groups as unknown as Group[];
}

export abstract class LRScheduler {
  readonly optimizer: AnyOptimizer;
  base_lrs: number[];
  last_epoch: number;
  _step_count = 0;
  protected _last_lr: number[] = [];
  /** True while the constructor's first step runs (PyTorch's `_is_initial`). */
  protected _is_initial = false;

  constructor(optimizer: AnyOptimizer, last_epoch = -1) {
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${(optimizer as object)?.constructor?.name ?? typeof optimizer} is not an Optimizer`);
    this.optimizer = optimizer;
    const groups = groupsOf(optimizer);
    if (last_epoch === -1) {
      for (const g of groups) if (!('initial_lr' in g)) g.initial_lr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (!('initial_lr' in g)) {
          throw new KeyError(
            `param 'initial_lr' is not specified in param_groups[${i}] when resuming scheduler with last_epoch >= 0.\nThis typically happens when:\n1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state\n2. You're using last_epoch >= 0 for a fresh training run (not recommended)`,
          );
        }
      });
    }
    this.base_lrs = groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
  }

  /** PyTorch's `_initial_step`, run by each subclass's constructor once its own fields are set. */
  protected _initial_step(): void {
    this._step_count = 0;
    this._is_initial = true;
    this.step();
    this._is_initial = false;
  }

  /** The learning rates for the epoch `last_epoch`, from the groups' current ones. */
  abstract get_lr(): number[];

  /** The learning rates the last step set, one per parameter group. */
  get_last_lr(): number[] {
    return asPyList(this._last_lr.slice(), { floats: true });
  }

  step(epoch?: number | null): void {
    this._step_count += 1;
    let values: number[];
    if (epoch === undefined || epoch === null) {
      this.last_epoch += 1;
      values = this.get_lr();
    } else {
      this.last_epoch = epoch;
      values = this._get_closed_form_lr?.() ?? this.get_lr();
    }
    groupsOf(this.optimizer).forEach((g, i) => (g.lr = values[i]));
    this._last_lr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  protected _get_closed_form_lr?(): number[];

  protected currentLrs(): number[] {
    return groupsOf(this.optimizer).map((g) => g.lr);
  }

  /** PyTorch's: every attribute but the optimizer. */
  state_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'optimizer') out[k] = v;
    return out;
  }

  load_state_dict(state_dict: Record<string, unknown>): void {
    Object.assign(this, state_dict);
  }
}

export class LambdaLR extends LRScheduler {
  lr_lambdas: ((epoch: number) => number)[];

  constructor(optimizer: AnyOptimizer, lr_lambda: ((epoch: number) => number) | ((epoch: number) => number)[], last_epoch = -1) {
    const n = groupsOf(optimizer).length;
    let lambdas: ((epoch: number) => number)[];
    if (Array.isArray(lr_lambda)) {
      if (lr_lambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${lr_lambda.length}`);
      lambdas = [...lr_lambda];
    } else {
      lambdas = new Array(n).fill(lr_lambda);
    }
    super(optimizer, last_epoch);
    this.lr_lambdas = lambdas;
    this._initial_step();
  }

  get_lr(): number[] {
    return this.base_lrs.map((base, i) => base * this.lr_lambdas[i](this.last_epoch));
  }
}

export class StepLR extends LRScheduler {
  step_size: number;
  gamma: number;

  constructor(optimizer: AnyOptimizer, step_size: number, gamma = 0.1, last_epoch = -1) {
    super(optimizer, last_epoch);
    this.step_size = step_size;
    this.gamma = gamma;
    this._initial_step();
  }

  get_lr(): number[] {
    if (this.last_epoch === 0 || pyMod(this.last_epoch, this.step_size) !== 0) return this.currentLrs();
    return this.currentLrs().map((lr) => lr * this.gamma);
  }

  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((base) => base * this.gamma ** Math.floor(this.last_epoch / this.step_size));
  }
}

export class MultiStepLR extends LRScheduler {
  /** How many times each epoch is a milestone (Python's Counter). */
  milestones: Map<number, number>;
  gamma: number;

  constructor(optimizer: AnyOptimizer, milestones: Iterable<number>, gamma = 0.1, last_epoch = -1) {
    const counts = new Map<number, number>();
    for (const m of milestones) counts.set(m, (counts.get(m) ?? 0) + 1);
    super(optimizer, last_epoch);
    this.milestones = counts;
    this.gamma = gamma;
    this._initial_step();
  }

  get_lr(): number[] {
    const times = this.milestones.get(this.last_epoch);
    if (times === undefined) return this.currentLrs();
    return this.currentLrs().map((lr) => lr * this.gamma ** times);
  }
}

export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: AnyOptimizer, gamma: number, last_epoch = -1) {
    super(optimizer, last_epoch);
    this.gamma = gamma;
    this._initial_step();
  }

  get_lr(): number[] {
    if (this._is_initial) return this.currentLrs();
    return this.currentLrs().map((lr) => lr * this.gamma);
  }

  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((base) => base * this.gamma ** this.last_epoch);
  }
}

export class CosineAnnealingLR extends LRScheduler {
  T_max: number;
  eta_min: number;

  constructor(optimizer: AnyOptimizer, T_max: number, eta_min = 0.0, last_epoch = -1) {
    super(optimizer, last_epoch);
    this.T_max = T_max;
    this.eta_min = eta_min;
    this._initial_step();
  }

  get_lr(): number[] {
    if (this._is_initial) return this.currentLrs();
    const { T_max, eta_min, last_epoch } = this;
    const groups = this.currentLrs();
    if (this._step_count === 1 && last_epoch > 0) {
      return this.base_lrs.map((base) => eta_min + ((base - eta_min) * (1 + Math.cos((last_epoch * Math.PI) / T_max))) / 2);
    }
    if (pyMod(last_epoch - 1 - T_max, 2 * T_max) === 0) {
      return groups.map((lr, i) => lr + ((this.base_lrs[i] - eta_min) * (1 - Math.cos(Math.PI / T_max))) / 2);
    }
    return groups.map((lr) => ((1 + Math.cos((Math.PI * last_epoch) / T_max)) / (1 + Math.cos((Math.PI * (last_epoch - 1)) / T_max))) * (lr - eta_min) + eta_min);
  }

  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((base) => this.eta_min + ((base - this.eta_min) * (1 + Math.cos((Math.PI * this.last_epoch) / this.T_max))) / 2);
  }
}

/** Python's `a % b` (the sign of b). */
function pyMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Lowers the learning rate by `factor` once `metrics` stops improving for `patience` steps. */
export class ReduceLROnPlateau {
  readonly optimizer: AnyOptimizer;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  threshold_mode: 'rel' | 'abs';
  cooldown: number;
  min_lrs: number[];
  default_min_lr: number | null;
  eps: number;
  last_epoch = 0;
  best: number;
  num_bad_epochs = 0;
  cooldown_counter = 0;
  mode_worse: number;
  private _last_lr: number[];

  constructor(
    optimizer: AnyOptimizer,
    mode: 'min' | 'max' = 'min',
    factor = 0.1,
    patience = 10,
    threshold = 1e-4,
    threshold_mode: 'rel' | 'abs' = 'rel',
    cooldown = 0,
    min_lr: number | number[] = 0,
    eps = 1e-8,
  ) {
    if (factor >= 1.0) throw new ValueError('Factor should be < 1.0.');
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${(optimizer as object)?.constructor?.name ?? typeof optimizer} is not an Optimizer`);
    this.factor = factor;
    this.optimizer = optimizer;
    const n = groupsOf(optimizer).length;
    if (Array.isArray(min_lr)) {
      if (min_lr.length !== n) throw new ValueError(`expected ${n} min_lrs, got ${min_lr.length}`);
      this.default_min_lr = null;
      this.min_lrs = [...min_lr];
    } else {
      this.default_min_lr = min_lr;
      this.min_lrs = new Array(n).fill(min_lr);
    }
    this.patience = patience;
    this.cooldown = cooldown;
    this.eps = eps;
    this._last_lr = groupsOf(optimizer).map((g) => g.lr);
    if (mode !== 'min' && mode !== 'max') throw new ValueError(`mode ${mode} is unknown!`);
    if (threshold_mode !== 'rel' && threshold_mode !== 'abs') throw new ValueError(`threshold mode ${threshold_mode} is unknown!`);
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
    this.mode_worse = mode === 'min' ? Infinity : -Infinity;
    this.best = this.mode_worse;
  }

  get in_cooldown(): boolean {
    return this.cooldown_counter > 0;
  }

  private isBetter(a: number, best: number): boolean {
    const rel = this.threshold_mode === 'rel';
    if (this.mode === 'min') return rel ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return rel ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }

  /** One epoch's metric (a number or a one-element tensor, as Python's `float(metrics)`). */
  step(metrics: number | Tensor, epoch?: number | null): void {
    const current = metrics instanceof Tensor ? (metrics.item() as number) : Number(metrics);
    this.last_epoch = epoch ?? this.last_epoch + 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs += 1;
    }
    if (this.in_cooldown) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > this.patience) {
      this.reduceLr();
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  private reduceLr(): void {
    const groups = groupsOf(this.optimizer);
    if (groups.length !== this.min_lrs.length) this.min_lrs = new Array(groups.length).fill(this.default_min_lr ?? 0);
    groups.forEach((g, i) => {
      const old = g.lr;
      const next = Math.max(old * this.factor, this.min_lrs[i]);
      if (old - next > this.eps) g.lr = next;
    });
  }

  get_last_lr(): number[] {
    return asPyList(this._last_lr.slice(), { floats: true });
  }
}

for (const [cls, name] of [
  [LambdaLR, 'LambdaLR'],
  [StepLR, 'StepLR'],
  [MultiStepLR, 'MultiStepLR'],
  [ExponentialLR, 'ExponentialLR'],
  [CosineAnnealingLR, 'CosineAnnealingLR'],
  [ReduceLROnPlateau, 'ReduceLROnPlateau'],
] as const) {
  pyName(cls, name);
}
pyName(LRScheduler, 'LRScheduler');
bindPrototype(LRScheduler.prototype, 'LRScheduler', ['step']);
bindPrototype(ReduceLROnPlateau.prototype, 'ReduceLROnPlateau', ['step']);
