/**
 * `nn.Module`. A Module instance is a function object (so `model(x)` calls `forward`, as Python's
 * `__call__` does) whose prototype chain is the Module subclass's. Submodules and Parameters are
 * whatever the instance holds in its own properties, in assignment order: the same registration
 * PyTorch's `__setattr__` performs, without intercepting assignments.
 */
import type { Device, Tensor } from '../tensor';
import { isFloating, type DType } from '../dtype';
import { Parameter } from './parameter';
import { asPyList } from '../format';
import { bindPrototype } from '../bind/index';
import { NotImplementedError, TypeError } from '../errors';

type NamedModulesKw = { memo?: Set<Module> | null; prefix?: string; remove_duplicate?: boolean };
type NamedParametersKw = { prefix?: string; recurse?: boolean; remove_duplicate?: boolean };
type ToKw = { device?: Device; dtype?: DType; tensor?: Tensor; non_blocking?: boolean };

// The call signature merges into the class: every Module instance is callable.
export interface Module {
  (...inputs: Tensor[]): Tensor;
}

export class Module {
  /** Whether the module is in training mode (`train()` / `eval()`). */
  declare training: boolean;

  constructor() {
    const callable = ((...inputs: Tensor[]) => callable.forward(...inputs)) as Module;
    // A function's own `name` and `length` are read-only: they would block `this.name = ...`.
    Reflect.deleteProperty(callable, 'name');
    Reflect.deleteProperty(callable, 'length');
    Object.setPrototypeOf(callable, new.target.prototype);
    callable.training = true;
    return callable;
  }

  forward(..._inputs: Tensor[]): Tensor {
    throw new NotImplementedError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }

  /** The class name PyTorch prints (`Linear`), also for user subclasses. */
  _get_name(): string {
    return this.constructor.name;
  }

  /** This module's own Parameters (not its submodules'), in registration order. */
  _own_parameters(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  named_children(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    for (const [name, value] of Object.entries(this)) {
      if (!(value instanceof Module) || seen.has(value)) continue;
      seen.add(value);
      out.push([name, value]);
    }
    return out;
  }

  children(): Module[] {
    return this.named_children().map(([, m]) => m);
  }

  /** Every module in the tree, pre-order, each once (unless `remove_duplicate` is false), named by its dotted path ('' for this one). */
  named_modules(memo?: Set<Module> | null | NamedModulesKw, prefix?: string | NamedModulesKw, remove_duplicate?: boolean | NamedModulesKw): [string, Module][];
  named_modules(memoArg?: unknown, prefixArg?: unknown, removeArg?: unknown): [string, Module][] {
    const memo = (memoArg ?? null) as Set<Module> | null;
    const prefix = (prefixArg ?? '') as string;
    const remove_duplicate = (removeArg ?? true) as boolean;
    const out: [string, Module][] = [];
    const seen = memo ?? new Set<Module>();
    const visit = (m: Module, path: string) => {
      if (remove_duplicate && seen.has(m)) return;
      seen.add(m);
      out.push([path, m]);
      for (const [name, child] of m.named_children()) visit(child, path ? `${path}.${name}` : name);
    };
    visit(this, prefix);
    return out;
  }

  modules(remove_duplicate?: boolean | { remove_duplicate?: boolean }): Module[];
  modules(removeArg?: unknown): Module[] {
    return this.named_modules(null, '', (removeArg ?? true) as boolean).map(([, m]) => m);
  }

  /** `[name, parameter]` pairs: each module's own parameters, modules in pre-order, each once. */
  /** An array that prints as the Python list `list(m.named_parameters())`. */
  named_parameters(prefix?: string | NamedParametersKw, recurse?: boolean | NamedParametersKw, remove_duplicate?: boolean | NamedParametersKw): [string, Parameter][];
  named_parameters(prefixArg?: unknown, recurseArg?: unknown, removeArg?: unknown): [string, Parameter][] {
    const prefix = (prefixArg ?? '') as string;
    const recurse = (recurseArg ?? true) as boolean;
    const remove_duplicate = (removeArg ?? true) as boolean;
    const modules: [string, Module][] = recurse ? this.named_modules(null, prefix, remove_duplicate) : [[prefix, this]];
    const seen = new Set<Parameter>();
    const out: [string, Parameter][] = [];
    for (const [path, m] of modules) {
      for (const [name, p] of m._own_parameters()) {
        if (remove_duplicate && seen.has(p)) continue;
        seen.add(p);
        out.push([path ? `${path}.${name}` : name, p]);
      }
    }
    return asPyList(out);
  }

  parameters(recurse?: boolean | { recurse?: boolean }): Parameter[];
  parameters(recurseArg?: unknown): Parameter[] {
    const recurse = (recurseArg ?? true) as boolean;
    return asPyList(this.named_parameters('', recurse).map(([, p]) => p));
  }

  /** PyTorch's `register_parameter` / `add_module`: an own property under `name`. */
  register_parameter(name: string, param: Parameter | null): void {
    Object.defineProperty(this, name, { value: param, writable: true, enumerable: true, configurable: true });
  }

  add_module(name: string, module: Module | null): void {
    Object.defineProperty(this, name, { value: module, writable: true, enumerable: true, configurable: true });
  }

  /** PyTorch 2.x's default drops the grads (set_to_none=True); with false it zeroes them in place. */
  zero_grad(set_to_none?: boolean | { set_to_none?: boolean }): void;
  zero_grad(setToNone?: unknown): void {
    const set_to_none = (setToNone ?? true) as boolean;
    zeroGrads(this.parameters(), set_to_none);
  }

  /**
   * `model.to(device)` / `model.to(dtype)`: moves (or casts; dtype applies to floating parameters
   * only) every parameter and its grad in place, as PyTorch's `param.data = fn(param.data)`: the
   * Parameters stay the same leaf objects, so an optimizer made before or after sees them.
   */
  to(device?: Device | DType | Tensor | ToKw, dtype?: DType | ToKw, kwargs?: ToKw): this;
  to(deviceArg?: unknown, dtypeArg?: unknown, tensorArg?: unknown): this {
    const device = deviceArg as Device | undefined;
    const dtype = dtypeArg as DType | undefined;
    const tensor = tensorArg as Tensor | undefined;
    const wantDevice = device ?? tensor?.device;
    const wantDtype = dtype ?? tensor?.dtype;
    if (wantDtype !== undefined && !isFloating(wantDtype)) {
      throw new TypeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.${wantDtype}`);
    }
    for (const p of this.parameters()) {
      const want = { device: wantDevice ?? p.device, dtype: wantDtype && isFloating(p.dtype) ? wantDtype : p.dtype };
      p.data = p.data.to(want);
      if (p.grad) p.grad = p.grad.to(want);
    }
    return this;
  }

  train(mode?: boolean | { mode?: boolean }): this;
  train(modeArg?: unknown): this {
    const mode = (modeArg ?? true) as boolean;
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** The part of the repr inside the parentheses, before the children (`in_features=3, ...`). */
  extra_repr(): string {
    return '';
  }

  toString(): string {
    const extraLines = this.extra_repr() ? this.extra_repr().split('\n') : [];
    const childLines = this.named_children().map(([key, m]) => `(${key}): ${addIndent(String(m), 2)}`);
    const lines = [...extraLines, ...childLines];
    let main = `${this._get_name()}(`;
    if (lines.length) {
      main += extraLines.length === 1 && childLines.length === 0 ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
    }
    return `${main})`;
  }

  __repr__(): string {
    return this.toString();
  }
}

/** Python's `torch.nn.modules.module._addindent`: indents every line but the first. */
function addIndent(s: string, spaces: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  return [lines[0], ...lines.slice(1).map((l) => ' '.repeat(spaces) + l)].join('\n');
}

/** Shared by Module.zero_grad and Optimizer.zero_grad (PyTorch's bodies are the same). */
export function zeroGrads(params: readonly Tensor[], setToNone: boolean): void {
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    if (setToNone) {
      p.grad = null;
      continue;
    }
    if (g.grad_fn !== null) g.detach_();
    else g.requires_grad_(false);
    g.zero_();
  }
}

/** Keeps PyTorch's class names in reprs even when a bundler renames classes. */
export function pyName<T extends abstract new (...args: never[]) => unknown>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
pyName(Module, 'Module');

bindPrototype(Module.prototype, 'Module', ['parameters', 'named_parameters', 'children', 'named_children', 'modules', 'named_modules', 'zero_grad', 'to', 'train', 'eval', 'register_parameter', 'add_module']);
