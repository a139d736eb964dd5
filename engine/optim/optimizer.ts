/**
 * `torch.optim.Optimizer`: parameter groups (each with its options, defaults filled in), per-parameter
 * state, `zero_grad()` and the `step()` each optimizer defines. Steps run under no_grad with
 * in-place ops, as PyTorch's do.
 */
import { Tensor } from '../tensor';
import { formatPyValue } from '../format';
import { zeroGrads } from '../nn/module';
import { enable_grad, no_grad } from '../autograd/grad_mode';
import { bindPrototype } from '../bind/index';
import { TypeError, ValueError } from '../errors';

export type ParamGroup<O> = O & { params: Tensor[] };
/** What an optimizer is given: tensors, or groups of tensors with per-group option overrides. */
export type ParamsArg<O> = Iterable<Tensor> | Iterable<Partial<O> & { params: Iterable<Tensor> }>;
export type OptimizerState = Record<string, Tensor | number | null>;

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

  /** Python's repr: each group's options sorted by name. */
  toString(): string {
    const lines = [`${this.constructor.name} (`];
    this.param_groups.forEach((g, i) => {
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

bindPrototype(Optimizer.prototype, 'Optimizer', ['zero_grad', 'add_param_group']);
