/**
 * `torch.optim.Optimizer`: parameter groups (each with its options, defaults filled in), per-parameter
 * state, `zero_grad()` and the `step()` each optimizer defines. Steps run under no_grad with
 * in-place ops, as PyTorch's do.
 */
import { Tensor } from '../tensor';
import { asPyList, formatPyValue } from '../format';
import { zeroGrads } from '../nn/module';
import { enable_grad, no_grad } from '../autograd/grad_mode';
import { bindPrototype } from '../bind/index';
import { TypeError, ValueError } from '../errors';

export type ParamGroup<O> = O & { params: Tensor[] };
/** What an optimizer is given: tensors, or groups of tensors with per-group option overrides. */
export type ParamsArg<O> = Iterable<Tensor> | Iterable<Partial<O> & { params: Iterable<Tensor> }>;
export type OptimizerState = Record<string, Tensor | number | null>;
/** What `Optimizer.state_dict()` returns (and `load_state_dict` takes). */
export interface OptimizerStateDict {
  state: Record<number, OptimizerState>;
  param_groups: Record<string, unknown>[];
}

/** The dict as Python prints it: integer keys for the state, lists for `params`. */
function formatOptimizerStateDict(sd: OptimizerStateDict): string {
  const dict = (o: Record<string, unknown>, intKeys = false) =>
    `{${Object.entries(o)
      .map(([k, v]) => `${intKeys ? k : `'${k}'`}: ${formatPyValue(v, 'repr')}`)
      .join(', ')}}`;
  const state = `{${Object.entries(sd.state)
    .map(([k, v]) => `${k}: ${dict(v)}`)
    .join(', ')}}`;
  return `{'state': ${state}, 'param_groups': [${sd.param_groups.map((g) => dict(g)).join(', ')}]}`;
}

export abstract class Optimizer<O extends object> {
  readonly defaults: O;
  readonly param_groups: ParamGroup<O>[] = [];
  /** Per-parameter state (momentum buffers, Adam's moments), keyed by the parameter. */
  readonly state = new Map<Tensor, OptimizerState>();

  constructor(params: ParamsArg<O>, defaults: O) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${params._typeName()}`);
    }
    const items = [...params];
    if (items.length === 0) throw new ValueError('optimizer got an empty parameter list');
    type GroupArg = Partial<O> & { params: Iterable<Tensor> };
    const groups: GroupArg[] = items[0] instanceof Tensor ? [Object.assign({} as Partial<O>, { params: items as Tensor[] })] : (items as GroupArg[]);
    for (const g of groups) this.add_param_group(g);
  }

  add_param_group(group: Partial<O> & { params: Iterable<Tensor> }): void {
    const params = group.params instanceof Tensor ? [group.params] : [...group.params];
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${formatPyValue(p)}`);
      if (!p.is_leaf) throw new ValueError("can't optimize a non-leaf Tensor");
    }
    const full = { ...this.defaults, ...group, params } as ParamGroup<O>;
    for (const [key, value] of Object.entries(full)) {
      if (value === undefined) throw new ValueError(`parameter group didn't specify a value of required optimization parameter ${key}`);
    }
    const taken = new Set(this.param_groups.flatMap((g) => g.params));
    if (params.some((p) => taken.has(p))) throw new ValueError('some parameters appear in more than one parameter group');
    this.param_groups.push(full);
  }

  /** PyTorch 2.x's default drops the grads (set_to_none=True); with false it zeroes them in place. */
  zero_grad(set_to_none?: boolean | { set_to_none?: boolean }): void;
  zero_grad(setToNone?: unknown): void {
    const set_to_none = (setToNone ?? true) as boolean;
    zeroGrads(this.param_groups.flatMap((g) => g.params), set_to_none);
  }

  /** One update of every parameter that has a gradient; `closure` re-evaluates the loss first. */
  step(closure?: (() => Tensor) | null | { closure?: (() => Tensor) | null }): Tensor | null;
  step(closureArg?: unknown): Tensor | null {
    const closure = closureArg as (() => Tensor) | null | undefined;
    const loss = closure ? enable_grad(closure) : null;
    no_grad(() => {
      for (const group of this.param_groups) {
        for (const param of group.params) {
          if (param.grad !== null) this.update(param, param.grad, group);
        }
      }
    });
    return loss;
  }

  /** This optimizer's rule for one parameter, run under no_grad with in-place ops. */
  protected abstract update(param: Tensor, grad: Tensor, group: ParamGroup<O>): void;

  _stateOf(p: Tensor): OptimizerState {
    let s = this.state.get(p);
    if (!s) this.state.set(p, (s = {}));
    return s;
  }

  /**
   * PyTorch's `state_dict()`: `state` by parameter index (counted over the groups in order, only
   * parameters that have state), and each group's options with `params` as those indices.
   */
  state_dict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    this.param_groups.forEach((g) => g.params.forEach((p) => index.set(p, index.size)));
    const state: Record<number, OptimizerState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = { ...s };
    }
    const param_groups = this.param_groups.map((g) => {
      const { params, ...options } = g;
      return { ...options, params: asPyList(params.map((p) => index.get(p)!)) } as Record<string, unknown>;
    });
    const out = { state, param_groups: asPyList(param_groups) };
    Object.defineProperty(out, '__repr__', { value: () => formatOptimizerStateDict(out), enumerable: false });
    return out;
  }

  /** Loads a `state_dict()` of an optimizer over parameters of the same shapes (PyTorch's checks and errors). */
  load_state_dict(state_dict: OptimizerStateDict): void {
    const saved = state_dict.param_groups;
    if (saved.length !== this.param_groups.length) throw new ValueError('loaded state dict has a different number of parameter groups');
    this.param_groups.forEach((g, i) => {
      if ((saved[i].params as number[]).length !== g.params.length) {
        throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      }
    });
    const byIndex = new Map<number, Tensor>();
    this.param_groups.forEach((g, i) => (saved[i].params as number[]).forEach((id, k) => byIndex.set(id, g.params[k])));
    this.state.clear();
    for (const [key, values] of Object.entries(state_dict.state)) {
      const param = byIndex.get(Number(key));
      if (!param) continue;
      const copy: OptimizerState = {};
      for (const [name, v] of Object.entries(values)) {
        // As PyTorch's _process_value_according_to_param_policy: `step` stays as saved, the rest follow the parameter.
        copy[name] = v instanceof Tensor ? (name === 'step' ? v.clone() : v.to({ dtype: param.dtype, device: param.device }).clone()) : v;
      }
      this.state.set(param, copy);
    }
    this.param_groups.forEach((g, i) => {
      const { params: _ids, ...options } = saved[i];
      Object.assign(g, options, { params: g.params });
    });
  }

  /** Python's repr: each group's options sorted by name. */
  toString(): string {
    const lines = [`${this.constructor.name} (`];
    this.param_groups.forEach((g, i) => {
      // PyTorch's repr leaves an empty line between groups.
      if (i > 0) lines.push('');
      lines.push(`Parameter Group ${i}`);
      for (const key of Object.keys(g).filter((k) => k !== 'params').sort()) {
        lines.push(`    ${key}: ${formatPyValue((g as Record<string, unknown>)[key], 'repr')}`);
      }
    });
    lines.push(')');
    return lines.join('\n');
  }

  __repr__(): string {
    return this.toString();
  }
}

/** `self.lerp_(end, weight)`: PyTorch's two formulas, each exact at its end of the range. */
export function lerp_(self: Tensor, end: Tensor, weight: number): Tensor {
  if (Math.abs(weight) < 0.5) return self.add_(end.sub(self), { alpha: weight });
  return self.copy_(end.sub(end.sub(self).mul(1 - weight)));
}

bindPrototype(Optimizer.prototype, 'Optimizer', ['zero_grad', 'add_param_group', 'state_dict', 'load_state_dict']);
