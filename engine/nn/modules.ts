/** The layers and losses of `torch.nn`: Linear, the activations, Sequential, MSELoss, CrossEntropyLoss. */
import { Tensor, type Device } from '../tensor';
import { transfer } from '../backends';
import { get_default_device } from '../ops/creation';
import { defaultGenerator, kaimingUniformLinear } from '../random';
import { Module, pyName } from './module';
import { Parameter } from './parameter';
import * as F from './functional';
import { asPyList, formatPyValue } from '../format';
import { IndexError, KeyError, NotImplementedError, ValueError } from '../errors';

/** `y = x @ weight.T + bias`, initialised as PyTorch's reset_parameters draws it (kaiming-uniform). */
export class Linear extends Module {
  in_features: number;
  out_features: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(in_features: number, out_features: number, bias = true, deviceArg?: Device | null, dtypeArg?: 'float32' | 'float64' | null) {
    super();
    const dtype = dtypeArg ?? 'float32';
    const init = kaimingUniformLinear(defaultGenerator, in_features, out_features, bias, dtype);
    this.in_features = in_features;
    this.out_features = out_features;
    // Drawn on the CPU (PyTorch's generator), then put where factories put tensors (`device`,
    // else torch.set_default_device's).
    const device = deviceArg ?? get_default_device();
    const place = (t: Tensor) => (device === 'cpu' ? t : transfer(t, dtype, device));
    this.weight = new Parameter(place(new Tensor(init.weight, [out_features, in_features], dtype)));
    this.bias = init.bias ? new Parameter(place(new Tensor(init.bias, [out_features], dtype))) : null;
  }

  override forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }

  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}

export class ReLU extends Module {
  inplace: boolean;

  constructor(inplace = false) {
    super();
    this.inplace = inplace;
  }

  override forward(input: Tensor): Tensor {
    return F.relu(input, this.inplace);
  }

  override extra_repr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor {
    return F.sigmoid(input);
  }
}

export class Tanh extends Module {
  override forward(input: Tensor): Tensor {
    return F.tanh(input);
  }
}

/** Python's slice object (`torch.slice(1, 3)`), recognised by shape so that nn does not depend on the indexing op. */
interface SliceLike {
  start: number | null;
  end: number | null;
  step: number | null;
}

function isSlice(v: unknown): v is SliceLike {
  return typeof v === 'object' && v !== null && 'start' in v && 'end' in v && 'step' in v;
}

/** Python's `range(n)[slice]`: the indices a slice picks from a sequence of length n. */
function sliceIndices(s: SliceLike, n: number): number[] {
  const step = s.step ?? 1;
  if (step === 0) throw new ValueError('slice step cannot be zero');
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const norm = (v: number | null, dflt: number, lo: number, hi: number) => (v === null ? dflt : clamp(v < 0 ? v + n : v, lo, hi));
  const start = step > 0 ? norm(s.start, 0, 0, n) : norm(s.start, n - 1, -1, n - 1);
  const end = step > 0 ? norm(s.end, n, 0, n) : norm(s.end, -1, -1, n - 1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
  return out;
}

/** Modules registered as `0`, `1`, ...: indexing (negative too), slicing, `len()`, iteration, append. */
abstract class IndexedModules extends Module {
  [index: number]: Module;

  protected _entries(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  protected _items(): Module[] {
    return this._entries().map(([, m]) => m);
  }

  /** The container of the same class over some of these modules (a slice), given with their names. */
  protected abstract _remake(entries: [string, Module][]): this;

  __len__(): number {
    return this._items().length;
  }

  override get length(): number {
    return this.__len__();
  }

  [Symbol.iterator](): Iterator<Module> {
    return this._items()[Symbol.iterator]();
  }

  /** Python's `seq[i]` (negative counts from the end) or `seq[a:b]` with `torch.slice(a, b)`. */
  __getitem__(idx: number | SliceLike): Module {
    const entries = this._entries();
    const items = entries.map(([, m]) => m);
    if (isSlice(idx)) return this._remake(sliceIndices(idx, items.length).map((i) => entries[i]));
    if (!(idx >= -items.length && idx < items.length)) throw new IndexError(`index ${idx} is out of range`);
    return items[idx < 0 ? idx + items.length : idx];
  }

  /** `seq.at(-1)`: JavaScript's spelling of `seq[-1]`. */
  at(idx: number): Module {
    return this.__getitem__(idx);
  }

  /** `seq.slice(0, 2)`: JavaScript's spelling of `seq[0:2]`, a new container of the same modules. */
  slice(start?: number, end?: number): this {
    return this.__getitem__({ start: start ?? null, end: end ?? null, step: null }) as this;
  }

  append(module: Module): this {
    this.add_module(String(this.__len__()), module);
    return this;
  }

  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
}

/** Runs its modules in order; they are registered as `0`, `1`, ... (so `seq[0]` works). */
export class Sequential extends IndexedModules {
  constructor(modules: readonly Module[] = []) {
    super();
    modules.forEach((m, i) => this.add_module(String(i), m));
  }

  /** PyTorch's `Sequential(OrderedDict(...))`: a slice keeps the modules' names (`(1)`, `(2)`). */
  protected _remake(entries: [string, Module][]): this {
    const out = new (this.constructor as new (m: Module[]) => this)([]);
    for (const [name, m] of entries) out.add_module(name, m);
    return out;
  }

  override forward(input: Tensor): Tensor {
    let x = input;
    for (const m of this.children()) x = m(x);
    return x;
  }
}

/** A list of modules, registered (so their parameters count), with no forward of its own. */
export class ModuleList extends IndexedModules {
  constructor(modules?: Iterable<Module> | null) {
    super();
    if (modules) this.extend(modules);
  }

  protected _remake(entries: [string, Module][]): this {
    return new (this.constructor as new (m: Module[]) => this)(entries.map(([, m]) => m));
  }

  /** PyTorch 2.x's repr: a run of identical modules prints once, as `(0-2): 3 x Linear(...)`. */
  override toString(): string {
    const reprs = this._items().map(String);
    if (reprs.length === 0) return `${this._get_name()}()`;
    const blocks: { start: number; end: number; repr: string }[] = [];
    reprs.forEach((r, i) => {
      const last = blocks[blocks.length - 1];
      if (last && last.repr === r) last.end = i;
      else blocks.push({ start: i, end: i, repr: r });
    });
    const lines = blocks.map(({ start, end, repr }) => indentAfterFirst(start === end ? `(${start}): ${repr}` : `(${start}-${end}): ${end - start + 1} x ${repr}`, 2));
    return `${this._get_name()}(\n  ${lines.join('\n  ')}\n)`;
  }
}

function indentAfterFirst(s: string, spaces: number): string {
  const [first, ...rest] = s.split('\n');
  return [first, ...rest.map((l) => ' '.repeat(spaces) + l)].join('\n');
}

/** Modules by name (insertion order), registered as submodules. */
export class ModuleDict extends Module {
  [key: string]: unknown;

  constructor(modules?: Record<string, Module> | Iterable<[string, Module]> | null) {
    super();
    if (modules) this.update(modules);
  }

  update(modules: Record<string, Module> | Iterable<[string, Module]>): void {
    const entries = Symbol.iterator in modules ? [...(modules as Iterable<[string, Module]>)] : Object.entries(modules);
    for (const [key, m] of entries) this.add_module(key, m);
  }

  __getitem__(key: string): Module {
    const m = (this as Record<string, unknown>)[key];
    if (!(m instanceof Module)) throw new KeyError(`'${key}'`);
    return m;
  }

  __len__(): number {
    return this.keys().length;
  }

  keys(): string[] {
    return asPyList(Object.entries(this).filter(([, v]) => v instanceof Module).map(([k]) => k));
  }

  values(): Module[] {
    return asPyList(this.keys().map((k) => this.__getitem__(k)));
  }

  items(): [string, Module][] {
    return asPyList(this.keys().map((k) => [k, this.__getitem__(k)] as [string, Module]));
  }

  override forward(): Tensor {
    throw new NotImplementedError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }
}

/** Parameters registered as `0`, `1`, ...; prints each as `Parameter containing: [torch.float32 of size 2x3]`. */
export class ParameterList extends Module {
  [index: number]: Parameter;

  constructor(values?: Iterable<Tensor> | null) {
    super();
    if (values) for (const v of values) this.append(v);
  }

  __len__(): number {
    return this._own_parameters().length;
  }

  override get length(): number {
    return this.__len__();
  }

  [Symbol.iterator](): Iterator<Parameter> {
    return this._own_parameters().map(([, p]) => p)[Symbol.iterator]();
  }

  __getitem__(idx: number): Parameter {
    const n = this.__len__();
    if (!(idx >= -n && idx < n)) throw new IndexError(`index ${idx} is out of range`);
    return this[idx < 0 ? idx + n : idx];
  }

  append(value: Tensor): this {
    this.register_parameter(String(this.__len__()), value instanceof Parameter ? value : new Parameter(value));
    return this;
  }

  extend(values: Iterable<Tensor>): this {
    for (const v of values) this.append(v);
    return this;
  }

  override extra_repr(): string {
    return this._own_parameters()
      .map(([k, p]) => {
        const device = p.device === 'cpu' ? '' : ` (${p.device}:0)`;
        return `  (${k}): Parameter containing: [torch.${p.dtype} of size ${p.shape.join('x')}${device}]`;
      })
      .join('\n');
  }
}

/** Returns its input (a placeholder layer); takes and ignores any arguments. */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }

  override forward(input: Tensor): Tensor {
    return input;
  }
}

export class Flatten extends Module {
  start_dim: number;
  end_dim: number;

  constructor(start_dim = 1, end_dim = -1) {
    super();
    this.start_dim = start_dim;
    this.end_dim = end_dim;
  }

  override forward(input: Tensor): Tensor {
    return input.flatten(this.start_dim, this.end_dim);
  }

  override extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}

export class Unflatten extends Module {
  dim: number;
  unflattened_size: number[];

  constructor(dim: number, unflattened_size: number[]) {
    super();
    this.dim = dim;
    this.unflattened_size = unflattened_size;
  }

  override forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattened_size);
  }

  override extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=${formatPyValue(this.unflattened_size, 'repr')}`;
  }
}

export class MSELoss extends Module {
  reduction: F.Reduction;

  constructor(size_average?: boolean | null, reduce?: boolean | null, reduction: F.Reduction = 'mean') {
    super();
    this.reduction = F.legacyReduction(size_average, reduce, reduction) as F.Reduction;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, null, null, this.reduction);
  }
}

export class CrossEntropyLoss extends Module {
  weight: Tensor | null;
  ignore_index: number;
  reduction: F.Reduction;
  label_smoothing: number;

  constructor(weight?: Tensor | null, size_average?: boolean | null, ignore_index = -100, reduce?: boolean | null, reduction: F.Reduction = 'mean', label_smoothing = 0) {
    super();
    this.weight = weight ?? null;
    this.ignore_index = ignore_index;
    this.reduction = F.legacyReduction(size_average, reduce, reduction) as F.Reduction;
    this.label_smoothing = label_smoothing;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, this.weight, null, this.ignore_index, null, this.reduction, this.label_smoothing);
  }
}

pyName(Linear, 'Linear');
pyName(ReLU, 'ReLU');
pyName(Sigmoid, 'Sigmoid');
pyName(Tanh, 'Tanh');
pyName(Sequential, 'Sequential');
pyName(ModuleList, 'ModuleList');
pyName(ModuleDict, 'ModuleDict');
pyName(ParameterList, 'ParameterList');
pyName(Identity, 'Identity');
pyName(Flatten, 'Flatten');
pyName(Unflatten, 'Unflatten');
pyName(MSELoss, 'MSELoss');
pyName(CrossEntropyLoss, 'CrossEntropyLoss');
