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
import { AttributeError, KeyError, NotImplementedError, RuntimeError, TypeError } from '../errors';
import { no_grad, is_grad_enabled } from '../autograd/grad_mode';
import { record } from '../autograd/function';
import { derivatives } from '../autograd/derivatives';
import type { GradList } from '../autograd/node';

type NamedModulesKw = { memo?: Set<Module> | null; prefix?: string; remove_duplicate?: boolean };
type NamedParametersKw = { prefix?: string; recurse?: boolean; remove_duplicate?: boolean };
type ToKw = { device?: Device; dtype?: DType; tensor?: Tensor; non_blocking?: boolean };
type StateDictKw = { destination?: StateDict | null; prefix?: string; keep_vars?: boolean };
type LoadKw = { state_dict?: Record<string, Tensor>; strict?: boolean; assign?: boolean };

/** `hook(module, args)`: may return new args (an array, or one value). */
export type ForwardPreHook = (module: Module, args: unknown[]) => unknown;
/** `hook(module, args, output)`: may return a new output. */
export type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown;
/** `hook(module, grad_input, grad_output)`: may return new gradients for the inputs. */
export type BackwardHook = (module: Module, grad_input: (Tensor | null)[], grad_output: (Tensor | null)[]) => (Tensor | null)[] | null | undefined | void;

/** A module's hooks by handle id; kept off the instance's own enumerable properties (those are its members). */
interface Hooks {
  forwardPre: Map<number, ForwardPreHook>;
  forward: Map<number, ForwardHook>;
  backward: Map<number, BackwardHook>;
}

let nextHandleId = 0;

/** torch.utils.hooks.RemovableHandle: `handle.remove()` unregisters the hook. */
export class RemovableHandle {
  readonly id = nextHandleId++;

  constructor(private readonly hooks: Map<number, unknown>) {}

  remove(): void {
    this.hooks.delete(this.id);
  }
}

/** What `state_dict()` returns: names to tensors, in registration order, printing as Python's OrderedDict. */
export type StateDict = Record<string, Tensor>;

function makeStateDict(): StateDict {
  const sd: StateDict = {};
  Object.defineProperty(sd, '__repr__', {
    value: () => {
      const body = Object.entries(sd).map(([k, v]) => `'${k}': ${String(v)}`);
      return `OrderedDict({${body.join(', ')}})`;
    },
    enumerable: false,
  });
  Object.defineProperty(sd, 'toString', { value: () => (sd as unknown as { __repr__(): string }).__repr__(), enumerable: false });
  return sd;
}

/** load_state_dict's result, PyTorch's `_IncompatibleKeys` named tuple. */
export class IncompatibleKeys {
  constructor(
    readonly missing_keys: string[],
    readonly unexpected_keys: string[],
  ) {
    asPyList(missing_keys);
    asPyList(unexpected_keys);
  }

  toString(): string {
    if (this.missing_keys.length === 0 && this.unexpected_keys.length === 0) return '<All keys matched successfully>';
    const list = (ks: string[]) => `[${ks.map((k) => `'${k}'`).join(', ')}]`;
    return `_IncompatibleKeys(missing_keys=${list(this.missing_keys)}, unexpected_keys=${list(this.unexpected_keys)})`;
  }

  __repr__(): string {
    return this.toString();
  }
}

function sizeRepr(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

// The call signature merges into the class: every Module instance is callable.
export interface Module {
  (...inputs: Tensor[]): Tensor;
}

export class Module {
  /** Whether the module is in training mode (`train()` / `eval()`). */
  declare training: boolean;

  constructor() {
    const callable = ((...inputs: Tensor[]) => callable._call_impl(inputs)) as Module;
    // A function's own `name` and `length` are read-only: they would block `this.name = ...`.
    Reflect.deleteProperty(callable, 'name');
    Reflect.deleteProperty(callable, 'length');
    Object.setPrototypeOf(callable, new.target.prototype);
    callable.training = true;
    return callable;
  }

  /** `module(*args)`: forward pre-hooks, `forward`, forward hooks, and the full backward hooks' nodes around it. */
  _call_impl(inputs: unknown[]): Tensor {
    const hooks = (this as unknown as { _hooks?: Hooks })._hooks;
    if (hooks === undefined) return (this.forward as (...a: unknown[]) => Tensor)(...inputs);
    let args = inputs;
    for (const hook of [...hooks.forwardPre.values()]) {
      const result = hook(this, args);
      if (result !== null && result !== undefined) args = Array.isArray(result) ? result : [result];
    }
    const backward = hooks.backward.size > 0 && is_grad_enabled() ? new BackwardHookState(this, hooks.backward) : null;
    if (backward) args = backward.wrapInputs(args);
    let output: unknown = (this.forward as (...a: unknown[]) => unknown)(...args);
    for (const hook of [...hooks.forward.values()]) {
      const result = hook(this, args, output);
      if (result !== null && result !== undefined) output = result;
    }
    if (backward) output = backward.wrapOutputs(output);
    return output as Tensor;
  }

  private _hookMaps(): Hooks {
    const self = this as unknown as { _hooks?: Hooks };
    if (!self._hooks) {
      Object.defineProperty(this, '_hooks', { value: { forwardPre: new Map(), forward: new Map(), backward: new Map() }, enumerable: false });
    }
    return self._hooks!;
  }

  register_forward_pre_hook(hook: ForwardPreHook): RemovableHandle {
    const map = this._hookMaps().forwardPre;
    const handle = new RemovableHandle(map);
    map.set(handle.id, hook);
    return handle;
  }

  register_forward_hook(hook: ForwardHook): RemovableHandle {
    const map = this._hookMaps().forward;
    const handle = new RemovableHandle(map);
    map.set(handle.id, hook);
    return handle;
  }

  /**
   * `hook(module, grad_input, grad_output)` once the gradients w.r.t. the module's tensor inputs are
   * computed; as PyTorch, the inputs and outputs pass through `BackwardHookFunctionBackward` nodes.
   */
  register_full_backward_hook(hook: BackwardHook): RemovableHandle {
    const map = this._hookMaps().backward;
    const handle = new RemovableHandle(map);
    map.set(handle.id, hook);
    return handle;
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

  /** The names registered with `register_buffer`, each with whether it is persistent (in `state_dict()`). */
  private _bufferNames(): Map<string, boolean> {
    const self = this as unknown as { _buffer_names?: Map<string, boolean> };
    if (!self._buffer_names) Object.defineProperty(this, '_buffer_names', { value: new Map(), enumerable: false });
    return self._buffer_names!;
  }

  /** A tensor that belongs to the module's state but is not a parameter (running statistics, a loss's `weight`). */
  register_buffer(name: string, tensor: Tensor | null, persistent = true): void {
    if (name.includes('.')) throw new KeyError('buffer name can\'t contain "."');
    if (name === '') throw new KeyError('buffer name can\'t be empty string ""');
    this._bufferNames().set(name, persistent);
    Object.defineProperty(this, name, { value: tensor, writable: true, enumerable: true, configurable: true });
  }

  /** This module's own buffers (not its submodules'), with whether each is persistent. */
  _own_buffers(): [string, Tensor, boolean][] {
    const names = (this as unknown as { _buffer_names?: Map<string, boolean> })._buffer_names;
    if (!names) return [];
    const self = this as unknown as Record<string, Tensor | null>;
    return [...names].filter(([name]) => self[name] !== null && self[name] !== undefined).map(([name, persistent]) => [name, self[name]!, persistent]);
  }

  named_buffers(prefix?: string | NamedParametersKw, recurse?: boolean | NamedParametersKw, remove_duplicate?: boolean | NamedParametersKw): [string, Tensor][];
  named_buffers(prefixArg?: unknown, recurseArg?: unknown, removeArg?: unknown): [string, Tensor][] {
    const prefix = (prefixArg ?? '') as string;
    const recurse = (recurseArg ?? true) as boolean;
    const remove_duplicate = (removeArg ?? true) as boolean;
    const modules: [string, Module][] = recurse ? this.named_modules(null, prefix, remove_duplicate) : [[prefix, this]];
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [path, m] of modules) {
      for (const [name, b] of m._own_buffers()) {
        if (remove_duplicate && seen.has(b)) continue;
        seen.add(b);
        out.push([path ? `${path}.${name}` : name, b]);
      }
    }
    return asPyList(out);
  }

  buffers(recurse?: boolean | { recurse?: boolean }): Tensor[];
  buffers(recurseArg?: unknown): Tensor[] {
    return asPyList(this.named_buffers('', (recurseArg ?? true) as boolean).map(([, b]) => b));
  }

  /** `fn` on every submodule (children first, as PyTorch), then on this one; returns this. */
  apply(fn: (module: Module) => unknown): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  requires_grad_(requires_grad?: boolean | { requires_grad?: boolean }): this;
  requires_grad_(flag?: unknown): this {
    const requires_grad = (flag ?? true) as boolean;
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }

  /** The submodule at a dotted path (`'features.0'`), PyTorch's errors when a step is missing. */
  get_submodule(target: string): Module {
    if (target === '') return this;
    let mod: Module = this;
    for (const item of target.split('.')) {
      const next = (mod as unknown as Record<string, unknown>)[item];
      if (next === undefined) throw new AttributeError(`${mod._get_name()} has no attribute \`${item}\``);
      if (!(next instanceof Module)) throw new AttributeError(`\`${item}\` is not an nn.Module`);
      mod = next;
    }
    return mod;
  }

  /** Parameters and persistent buffers by dotted name (detached unless `keep_vars`), PyTorch's order. */
  state_dict(kwargs?: StateDictKw): StateDict;
  state_dict(_args?: unknown, destinationArg?: unknown, prefixArg?: unknown, keepVarsArg?: unknown): StateDict {
    const prefix = (prefixArg ?? '') as string;
    const keep_vars = (keepVarsArg ?? false) as boolean;
    const out = (destinationArg ?? makeStateDict()) as StateDict;
    const visit = (m: Module, pre: string) => {
      for (const [name, p] of m._own_parameters()) out[pre + name] = keep_vars ? p : p.detach();
      for (const [name, b, persistent] of m._own_buffers()) if (persistent) out[pre + name] = keep_vars ? b : b.detach();
      for (const [name, child] of Object.entries(m)) if (child instanceof Module) visit(child, `${pre}${name}.`);
    };
    visit(this, prefix);
    return out;
  }

  /**
   * Copies `state_dict`'s tensors into this module's parameters and buffers (in place, under
   * no_grad). With `strict`, missing or unexpected keys raise PyTorch's error; a shape mismatch
   * always does.
   */
  load_state_dict(state_dict: Record<string, Tensor> | LoadKw, strict?: boolean | LoadKw, assign?: boolean | LoadKw): IncompatibleKeys;
  load_state_dict(stateArg: unknown, strictArg?: unknown, _assign?: unknown): IncompatibleKeys {
    const state = stateArg as Record<string, Tensor>;
    const strict = (strictArg ?? true) as boolean;
    const missing: string[] = [];
    const unexpected: string[] = [];
    const errors: string[] = [];
    const keys = Object.keys(state);
    const visit = (m: Module, prefix: string) => {
      const local = new Map<string, Tensor>();
      for (const [name, p] of m._own_parameters()) local.set(name, p);
      for (const [name, b, persistent] of m._own_buffers()) if (persistent) local.set(name, b);
      for (const [name, param] of local) {
        const key = prefix + name;
        if (!(key in state)) {
          missing.push(key);
          continue;
        }
        const input = state[key];
        if (!(input instanceof Object) || !('shape' in input)) {
          errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${typeof input}`);
          continue;
        }
        if (input.shape.join() !== param.shape.join()) {
          errors.push(`size mismatch for ${key}: copying a param with shape ${sizeRepr(input.shape)} from checkpoint, the shape in current model is ${sizeRepr(param.shape)}.`);
          continue;
        }
        no_grad(() => param.copy_(input));
      }
      const children = new Set(Object.entries(m).filter(([, v]) => v instanceof Module).map(([k]) => k));
      for (const key of keys) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const dot = rest.indexOf('.');
        if (dot >= 0 ? !children.has(rest.slice(0, dot)) : !local.has(rest)) unexpected.push(key);
      }
      for (const [name, child] of Object.entries(m)) if (child instanceof Module) visit(child, `${prefix}${name}.`);
    };
    visit(this, '');
    if (strict) {
      if (unexpected.length) errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
      if (missing.length) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
    }
    if (errors.length) throw new RuntimeError(`Error(s) in loading state_dict for ${this._get_name()}:\n\t${errors.join('\n\t')}`);
    return new IncompatibleKeys(missing, unexpected);
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

/**
 * One call's full backward hooks: PyTorch's BackwardHook. The module's outputs pass through an
 * identity node that keeps the gradient w.r.t. them; its tensor inputs through one that, when their
 * gradients arrive, calls the hooks with both (a hook may replace the inputs' gradients). When no
 * input needs a gradient, the hooks run at the outputs' node with `grad_input` all None.
 */
class BackwardHookState {
  private gradOutputs: (Tensor | null)[] = [];
  private nTensorInputs = 0;
  private inputsNeedGrad = false;

  constructor(
    private readonly module: Module,
    private readonly hooks: Map<number, BackwardHook>,
  ) {}

  private runHooks(gradInputs: (Tensor | null)[]): (Tensor | null)[] {
    let grads = gradInputs;
    for (const hook of [...this.hooks.values()]) {
      const result = hook(this.module, asTuple(grads), asTuple(this.gradOutputs));
      if (result !== null && result !== undefined) {
        if (result.length !== grads.length) throw new RuntimeError(`Backward hook returned an invalid number of grad_input, got ${result.length}, but expected ${grads.length}`);
        grads = [...result];
      }
    }
    return grads;
  }

  wrapInputs(args: unknown[]): unknown[] {
    const tensorAt = args.map((a, i) => (isTensorLike(a) ? i : -1)).filter((i) => i >= 0);
    this.nTensorInputs = tensorAt.length;
    const tensors = tensorAt.map((i) => args[i] as Tensor);
    this.inputsNeedGrad = tensors.some((t) => t.requires_grad);
    if (!this.inputsNeedGrad) return args;
    const aliases = identityNode(tensors, (grads) => this.runHooks(grads));
    const out = args.slice();
    tensorAt.forEach((i, k) => (out[i] = aliases[k]));
    return out;
  }

  wrapOutputs(output: unknown): unknown {
    const list = Array.isArray(output) ? output : [output];
    const tensorAt = list.map((a, i) => (isTensorLike(a) && (a as Tensor).requires_grad ? i : -1)).filter((i) => i >= 0);
    if (tensorAt.length === 0) return output;
    const aliases = identityNode(
      tensorAt.map((i) => list[i] as Tensor),
      (grads) => {
        this.gradOutputs = grads;
        if (!this.inputsNeedGrad) this.runHooks(new Array(this.nTensorInputs).fill(null));
        return grads;
      },
    );
    const out = list.slice();
    tensorAt.forEach((i, k) => (out[i] = aliases[k]));
    return Array.isArray(output) ? out : out[0];
  }
}

/** BackwardHookFunction: the same tensors, through one node whose backward is `onGrads`. */
function identityNode(tensors: Tensor[], onGrads: (grads: (Tensor | null)[]) => (Tensor | null)[]): Tensor[] {
  const aliases = tensors.map((t) => t.detach());
  record('BackwardHookFunctionBackward', tensors, aliases, {}, (grads: GradList) => onGrads([...grads]) as GradList);
  return aliases;
}

function isTensorLike(v: unknown): v is Tensor {
  return typeof v === 'object' && v !== null && '_data' in v && 'shape' in v;
}

/** Hooks receive Python tuples: arrays print as `(a,)`. */
function asTuple<T>(items: T[]): T[] {
  return items.slice();
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

bindPrototype(Module.prototype, 'Module', [
  'parameters',
  'named_parameters',
  'buffers',
  'named_buffers',
  'children',
  'named_children',
  'modules',
  'named_modules',
  'zero_grad',
  'requires_grad_',
  'to',
  'train',
  'eval',
  'register_parameter',
  'register_buffer',
  'add_module',
  'state_dict',
  'load_state_dict',
]);

// The identity Node a full backward hook is attached through (its rule, for the chain-rule panel).
derivatives({
  BackwardHookFunctionBackward: { inputs: ['tensors'], grads: ['grad, as the module’s full backward hook sees (and may replace) it'], variadic: true },
});
