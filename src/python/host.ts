/**
 * What the Python package (python/torch) needs from JavaScript besides the engine's public API:
 * a classification of engine values (so the bridge wraps each in its Python class with one call),
 * the members of the engine's Tensor (installed on the Python class once), PyTorch's wrapped
 * numbers, and the one engine primitive a Python `torch.autograd.Function` records its node with.
 * Registered in Pyodide as the module `_gradlab_host`.
 */
import type { torch as Torch } from '../../engine';
import { Node, Tensor } from '../../engine';
import { record } from '../../engine/autograd/function';
import { Module, zeroGrads } from '../../engine/nn/module';
import { Parameter } from '../../engine/nn/parameter';
import { Slice } from '../../engine/ops/index_ops';
import { formatNodeRepr, formatPyValue } from '../../engine/format';
import type { GradList } from '../../engine/autograd/node';

/** The kinds python/torch/_bridge.py wraps, numbered as it numbers them. */
export const KIND = {
  other: 0,
  tensor: 1,
  parameter: 2,
  node: 3,
  namedTuple: 4,
  array: 5,
  function: 6,
  object: 7,
  slice: 8,
  module: 9,
  class: 10,
} as const;

function isClass(v: unknown): boolean {
  return typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
}

function kind(v: unknown): number {
  if (v instanceof Tensor) return v instanceof Parameter ? KIND.parameter : KIND.tensor;
  if (v instanceof Node) return KIND.node;
  if (v instanceof Module) return KIND.module;
  if (Array.isArray(v)) return 'values' in v && 'indices' in v ? KIND.namedTuple : KIND.array;
  if (typeof v === 'function') return isClass(v) ? KIND.class : KIND.function;
  if (v instanceof Slice) return KIND.slice;
  if (typeof v === 'object' && v !== null) return KIND.object;
  return KIND.other;
}

/** Each public member of a class's instances: methods and accessors of the prototype, and the
 * data fields a fresh instance carries (PyTorch names only; `_`-prefixed ones are the engine's). */
function members(cls: new (...args: never[]) => object, sample: object): [string, 'method' | 'property'][] {
  const out: [string, 'method' | 'property'][] = [];
  const seen = new Set<string>();
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      out.push([name, d.get || d.set ? 'property' : typeof d.value === 'function' ? 'method' : 'property']);
    }
  }
  for (const name of Object.keys(sample)) if (!seen.has(name)) out.push([name, 'property']);
  return out;
}

export interface HostOptions {
  /** make_dot as the program calls it: the playground also draws the graph. */
  makeDot: (outputs: Tensor | Tensor[], opts: object) => unknown;
}

export function createHost(engine: typeof Torch, opts: HostOptions) {
  return {
    torch: engine,
    kind,
    isFunction: (v: unknown) => typeof v === 'function' && !isClass(v),
    isModuleClass: (v: unknown) => typeof v === 'function' && (v === Module || v.prototype instanceof Module),
    className: (v: object) => v.constructor.name,
    members: (cls: typeof Tensor) => members(cls, engine.zeros(1)),
    /**
     * `(self, ...args) => self[name](...args)`, one call from Python per method call. A plain Tensor
     * comes back as it is, anything else in a box (`{ value }`): Python tells the two apart by the
     * type Pyodide gives the proxy, without asking JavaScript again (kind()).
     */
    method: (name: string) => (self: Record<string, (...args: unknown[]) => unknown>, ...args: unknown[]) => {
      const r = self[name](...args);
      return r instanceof Tensor && !(r instanceof Parameter) ? r : { value: r };
    },
    fromEntries: (entries: Iterable<[string, unknown]>) => Object.fromEntries(entries),
    entries: (obj: object) => Object.entries(obj),
    keys: (obj: object) => Object.keys(obj),
    has: (obj: object, key: string) => key in obj,
    get: (obj: Record<string, unknown>, key: string) => obj[key],
    set: (obj: Record<string, unknown>, key: string, value: unknown) => {
      obj[key] = value;
    },
    same: (a: unknown, b: unknown) => a === b,
    repr: (v: unknown) => formatPyValue(v, 'repr'),
    /** A Python number in an op, as PyTorch wraps it: a 0-dim tensor that does not promote dtypes. */
    wrapNumber: (v: number | boolean, isFloat: boolean) => {
      const dtype = typeof v === 'boolean' ? 'bool' : isFloat ? 'float64' : 'int64';
      const t = engine.tensor(typeof v === 'boolean' ? v : Number(v), { dtype });
      t._wrapped_number = true;
      return t;
    },
    zeroGrads: (params: Tensor[], setToNone: boolean) => zeroGrads(params, setToNone),
    makeDot: opts.makeDot,
    /**
     * A custom Function's node: `backward(grads, saved)` is the Python class's backward, given the
     * output gradients and the saved tensors the engine unpacked (checked against in-place changes
     * and frees). Printed as PyTorch prints it: `<torch.autograd.function.MyFnBackward object ...>`.
     */
    recordFunction: (name: string, inputs: Tensor[], outputs: Tensor[], saved: (Tensor | null)[], backward: (grads: GradList, saved: (Tensor | null)[]) => GradList) => {
      if (outputs.length === 0) return null;
      record(name, inputs, outputs, { saved_tensors: saved }, (grads, s) => backward(grads, s.saved_tensors as (Tensor | null)[]));
      const node = outputs[0].grad_fn;
      if (node) Object.defineProperty(node, 'toString', { value: () => formatNodeRepr(`torch.autograd.function.${name}`, node.id) });
      return node;
    },
  };
}

export type Host = ReturnType<typeof createHost>;
