/**
 * The binder: every public function, method and constructor of the engine takes its arguments as
 * Python does, from the signature engine/bind/signatures.ts declares for it. Positional values and
 * one options object, last, for the keyword arguments (API.md's rule), in any mix Python allows;
 * PyTorch's TypeError texts for what Python would refuse.
 *
 * The options object: the last argument is the keyword arguments when it is a plain object
 * (`{...}`), except where it lands on a parameter the signature declares as a dict (`make_dot`'s
 * `params`, `load_state_dict`'s `state_dict`) and not all of its keys name parameters of the
 * function: then it is that dict. (Pass the options object after the dict, even `{}`, to be sure.)
 *
 * Implementations take their parameters positionally, in the order `implArgs` gives (by default
 * the names of the function's longest overload, `self` as `input`, without `out`); a parameter a
 * call leaves at its default arrives as `undefined`. Purely positional calls that fit an
 * overload's positions take a fast path that allocates nothing.
 */
import { Tensor } from '../tensor';
import { NotImplementedError, TypeError } from '../errors';
import { NativeParser, NONE, type Kwargs, type NativeParam, type NativeSignature } from './native';
import { PythonSignature } from './python';
import { isIndex, isPlainObject, pyTypeName } from './values';
import { NOARGS, SIGNATURES, type SignatureKey } from './signatures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Impl = (...args: any[]) => any;

/** What a call hands the binder: positional values (trailing undefined dropped) and keyword pairs. */
interface CallArgs {
  args: unknown[];
  kwargs: Kwargs;
}

/** Writes an op's result into `out=` (as PyTorch resizes and copies into it). Set by the engine. */
let writeOut: (out: Tensor, result: unknown, op: string) => unknown = () => {
  throw new NotImplementedError('out= is not available');
};

export function _set_out_writer(fn: typeof writeOut): void {
  writeOut = fn;
}

function splitCall(raw: ArrayLike<unknown>, dictParams: ReadonlySet<number>, paramNames: ReadonlySet<string>): CallArgs {
  let n = raw.length;
  while (n > 0 && raw[n - 1] === undefined) n--;
  const last = n > 0 ? raw[n - 1] : undefined;
  if (isPlainObject(last) && !(dictParams.has(n - 1) && !Object.keys(last).every((k) => paramNames.has(k)))) {
    const kwargs = Object.entries(last).filter(([, v]) => v !== undefined);
    return { args: Array.prototype.slice.call(raw, 0, n - 1), kwargs };
  }
  return { args: Array.prototype.slice.call(raw, 0, n), kwargs: [] };
}

// ---- native (C++) functions --------------------------------------------------------------------

/** An overload prepared for the binder: where each of its parameters goes in the implementation. */
interface Overload {
  sig: NativeSignature;
  /** impl position of each parameter, -1 for one the implementation does not take. */
  slots: number[];
  /** Positional parameters sit at impl positions base, base+1, ... (fast path possible). */
  direct: boolean;
}

/** Parameters this engine does not implement: a call may pass their default, anything else is refused. */
const UNSUPPORTED = new Set(['out_dtype', 'layout', 'pin_memory', 'memory_format', 'generator', 'sparse_grad', 'copy']);
/** Hints that change nothing here (no asynchronous copies, no implicit-expand tracing): accepted, ignored. */
const IGNORED = new Set(['non_blocking', 'implicit']);

function defaultImplArgs(sigs: readonly NativeSignature[], method: boolean): string[] {
  const names: string[] = [];
  const add = (n: string) => {
    const name = n === 'self' ? 'input' : n;
    if (name !== 'out' && !UNSUPPORTED.has(name) && !IGNORED.has(name) && !names.includes(name)) names.push(name);
  };
  if (method) add('input');
  const visible = sigs.filter((s) => !s.hidden);
  const longest = visible.reduce((a, b) => (b.params.length > a.params.length ? b : a), visible[0] ?? sigs[0]);
  longest.params.forEach((p) => add(p.name));
  for (const s of sigs) s.params.forEach((p) => add(p.name));
  return names;
}

function prepare(sig: NativeSignature, implArgs: readonly string[], base: number): Overload {
  const slots = sig.params.map((p) => implArgs.indexOf(p.name === 'self' ? 'input' : p.name));
  let direct = true;
  sig.params.forEach((p, i) => {
    if (!p.keywordOnly && slots[i] !== base + i) direct = false;
  });
  return { sig, slots, direct };
}

/**
 * PythonArgs::intlist's conversion: the parse checked only the first element of an int list;
 * every element must be an int (or a 0-dim int tensor), else PyTorch's TypeError.
 */
function checkIntLists(sig: NativeSignature, dst: readonly unknown[]): void {
  sig.params.forEach((p, i) => {
    if ((p.type !== 'IntArrayRef' && p.type !== 'SymIntArrayRef') || !Array.isArray(dst[i])) return;
    (dst[i] as unknown[]).forEach((item, k) => {
      // Past the first element (which the parse checked) a bool is Python's int subclass.
      if (isIndex(item) || typeof item === 'boolean') return;
      throw new TypeError(
        `${sig.name}(): argument '${p.name}' failed to unpack the object at pos ${k + 1} with error "type must be tuple of ints,but got ${pyTypeName(item)}"`,
      );
    });
  });
}

/** Values given for parameters the implementation does not take: their default, or a clear refusal. */
function refuseUnsupported(o: Overload, dst: readonly unknown[], op: string): void {
  o.sig.params.forEach((p, i) => {
    if (o.slots[i] >= 0 || p.name === 'out' || IGNORED.has(p.name) || dst[i] === NONE) return;
    if (p.defaultText !== null && matchesDefault(dst[i], p.defaultText)) return;
    throw new NotImplementedError(`${op}(): Gradlab does not support the argument '${p.name}' yet`);
  });
}

function matchesDefault(v: unknown, text: string): boolean {
  if (text === 'False') return v === false;
  if (text === 'True') return v === true;
  if (text === 'None') return v === null;
  return typeof v === 'number' && v === Number(text);
}

class NativeBinding {
  readonly parser: NativeParser;
  readonly overloads: Overload[];
  readonly implArgs: readonly string[];
  /** Where `self` goes for a method (-1 for a function). */
  readonly selfSlot: number;
  private readonly paramNames: Set<string>;
  private readonly outIndex: Map<NativeSignature, number>;

  constructor(fmts: readonly string[], method: boolean, implArgs: readonly string[] | undefined) {
    this.parser = new NativeParser(fmts);
    this.implArgs = implArgs ?? defaultImplArgs(this.parser.signatures, method);
    this.selfSlot = method ? this.implArgs.indexOf('input') : -1;
    const base = method && this.selfSlot === 0 ? 1 : 0;
    this.overloads = this.parser.signatures.map((s) => prepare(s, this.implArgs, base));
    this.paramNames = new Set(this.parser.signatures.flatMap((s) => s.params.map((p) => p.name)));
    this.outIndex = new Map(this.parser.signatures.map((s) => [s, s.params.findIndex((p) => p.name === 'out')]));
  }

  /**
   * Whether a purely positional call takes an overload whose positions map straight onto the
   * implementation. Overloads are tried in PyTorch's order; an argument the cheap checks cannot
   * decide sends the call down the general path.
   */
  fastOverload(n: number, a0: unknown, a1: unknown, a2: unknown, a3: unknown): boolean {
    for (const o of this.overloads) {
      const sig = o.sig;
      if (n > sig.maxPosArgs) {
        if (sig.allowVarargsIntList) return false;
        continue;
      }
      const ps = sig.params;
      let verdict = YES;
      for (let i = 0; i < ps.length && verdict === YES; i++) {
        const p = ps[i];
        if (i < n) {
          const v = i === 0 ? a0 : i === 1 ? a1 : i === 2 ? a2 : a3;
          verdict = v === null || v === undefined ? MAYBE : fastCheck(p, v);
          if (verdict === NO && i === 0 && sig.allowVarargsIntList) verdict = MAYBE;
        } else if (!p.optional) verdict = NO;
      }
      if (verdict === YES) return o.direct;
      if (verdict === MAYBE) return false;
    }
    return false;
  }

  call(impl: Impl, self: Tensor | undefined, raw: ArrayLike<unknown>): unknown {
    const { args, kwargs } = splitCall(raw, NO_DICTS, this.paramNames);
    const dst: unknown[] = [];
    const sig = this.parser.parse(args, kwargs, dst);
    const o = this.overloads.find((x) => x.sig === sig)!;
    const values: unknown[] = new Array(this.implArgs.length).fill(undefined);
    if (self !== undefined) values[this.selfSlot] = self;
    sig.params.forEach((_, i) => {
      if (o.slots[i] >= 0 && dst[i] !== NONE) values[o.slots[i]] = dst[i];
    });
    checkIntLists(sig, dst);
    refuseUnsupported(o, dst, this.parser.name);
    const result = impl(...values);
    const outAt = this.outIndex.get(sig)!;
    return outAt >= 0 && dst[outAt] !== NONE ? writeOut(dst[outAt] as Tensor, result, this.parser.name) : result;
  }
}

const NO_DICTS: ReadonlySet<number> = new Set();

const YES = 0;
const NO = 1;
const MAYBE = 2;

/**
 * PyTorch's FunctionParameter::check where it is cheap: YES and NO are its answers, MAYBE is left
 * to the general path (a 0-dim tensor where a number goes, an unusual type).
 */
function fastCheck(p: NativeParam, v: unknown): number {
  const t = typeof v;
  switch (p.type) {
    case 'Tensor':
      return v instanceof Tensor || (p.numbersAsTensors && (t === 'number' || t === 'boolean' || t === 'bigint')) ? YES : NO;
    case 'Scalar':
    case 'double':
      return t === 'number' || t === 'boolean' || t === 'bigint' ? YES : v instanceof Tensor ? MAYBE : NO;
    case 'int64_t':
    case 'SymInt':
      return (t === 'number' && Number.isInteger(v)) || t === 'bigint' ? YES : v instanceof Tensor ? MAYBE : NO;
    case 'bool':
      return t === 'boolean' ? YES : NO;
    case 'IntArrayRef':
    case 'SymIntArrayRef': {
      // Every element, not only the first as the check does: a bad one must reach the conversion's error.
      if (!Array.isArray(v)) return p.size > 0 && t === 'number' && Number.isInteger(v) ? YES : NO;
      for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isInteger(v[i])) return MAYBE;
      return YES;
    }
    case 'TensorList':
      return Array.isArray(v) ? MAYBE : NO;
    default:
      return MAYBE;
  }
}

// ---- Python-level functions --------------------------------------------------------------------

class PythonBinding {
  readonly sig: PythonSignature;
  private readonly dictParams: Set<number>;
  private readonly paramNames: Set<string>;
  private readonly required: number;

  constructor(def: string, method: boolean) {
    const m = /^def ([\w.]+)\((.*)\)$/s.exec(def);
    if (!m) throw new Error(`malformed def: ${def}`);
    const annotated = m[2];
    // `name: dict=None` marks a dict parameter (the options-object rule); other annotations are dropped.
    const dicts: string[] = [];
    const plain = annotated.replace(/(\*{0,2}\w+)\s*:\s*(\w+)/g, (_all, name: string, type: string) => {
      if (type === 'dict') dicts.push(name);
      return name;
    });
    this.sig = new PythonSignature(m[1], `(${plain})`, method);
    const skip = method ? 1 : 0;
    this.dictParams = new Set(this.sig.positional.map((p, i) => (dicts.includes(p.name) ? i - skip : -1)).filter((i) => i >= 0));
    this.paramNames = new Set(this.sig.names);
    this.required = this.sig.positional.filter((p, i) => !p.hasDefault && i >= skip).length;
  }

  call(impl: Impl, self: unknown, raw: ArrayLike<unknown>, isMethod: boolean): unknown {
    const { args, kwargs } = splitCall(raw, this.dictParams, this.paramNames);
    const values = this.sig.bind(args, kwargs);
    return isMethod ? impl(self, ...values) : impl(...values);
  }

  /** A call of positional values only, each where the implementation takes it: no binding needed. */
  fast(n: number, last: unknown): boolean {
    if (n > 0 && isPlainObject(last)) return false;
    const max = this.sig.positional.length - (this.sig.bound ? 1 : 0);
    return n <= max && !this.sig.varargs && !this.sig.varkw && this.sig.kwOnly.length === 0 && n >= this.required;
  }
}

// ---- public entry points -----------------------------------------------------------------------

function specOf(key: SignatureKey): readonly string[] | string {
  const spec = SIGNATURES[key];
  if (spec === undefined) throw new Error(`no signature declared for ${key}`);
  return spec;
}

/** Options for native ops whose implementation takes its parameters in another order. */
export interface BindOptions {
  implArgs?: readonly string[];
}

/**
 * A C function that takes nothing (CPython's METH_NOARGS): `Tensor.exp(1)` fails with
 * "Tensor.exp() takes no arguments (1 given)", keywords with "... takes no keyword arguments".
 */
function noargs(spec: string, key: string, impl: Impl, isMethod: boolean): (this: unknown, ...args: unknown[]) => unknown {
  // A Tensor method is a method of the C type, which PyTorch 2.2 renamed TensorBase.
  const shown = `${spec.slice(NOARGS.length).trim() || key.replace(/^Tensor\./, 'TensorBase.')}()`;
  return named(function (this: unknown) {
    if (arguments.length > 0) {
      const { args, kwargs } = splitCall(arguments, NO_DICTS, NO_NAMES);
      if (kwargs.length > 0) throw new TypeError(`${shown} takes no keyword arguments`);
      if (args.length > 0) throw new TypeError(`${shown} takes no arguments (${args.length} given)`);
    }
    return isMethod ? impl(this) : impl();
  }, impl);
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** `torch.<name>` (or any free function): `impl` takes the bound values positionally. */
export function bindFunction<F extends Impl>(key: SignatureKey, impl: F, opts: BindOptions = {}): F {
  const spec = specOf(key);
  if (typeof spec === 'string' && spec.startsWith(NOARGS)) return noargs(spec, key, impl, false) as unknown as F;
  if (typeof spec === 'string') {
    const b = new PythonBinding(spec, false);
    const fn = function (this: unknown, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown) {
      const n = arguments.length;
      if (n <= 4 && b.fast(n, n === 0 ? undefined : arguments[n - 1])) return impl(a0, a1, a2, a3);
      return b.call(impl, undefined, arguments, false);
    };
    return named(fn, impl) as unknown as F;
  }
  const b = new NativeBinding(spec, false, opts.implArgs);
  const fn = function (a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown) {
    const n = arguments.length;
    if (n <= 4 && (n === 0 || !isPlainObject(arguments[n - 1])) && b.fastOverload(n, a0, a1, a2, a3)) {
      return n === 0 ? impl() : n === 1 ? impl(a0) : n === 2 ? impl(a0, a1) : n === 3 ? impl(a0, a1, a2) : impl(a0, a1, a2, a3);
    }
    return b.call(impl, undefined, arguments);
  };
  return named(fn, impl) as unknown as F;
}

/** `Tensor.<name>` and other methods: `impl(self, ...)` takes the bound values positionally. */
export function bindMethod(key: SignatureKey, impl: Impl, opts: BindOptions = {}): (this: unknown, ...args: unknown[]) => unknown {
  const spec = specOf(key);
  if (typeof spec === 'string' && spec.startsWith(NOARGS)) return noargs(spec, key, impl, true);
  if (typeof spec === 'string') {
    const b = new PythonBinding(spec, true);
    return named(function (this: unknown, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown) {
      const n = arguments.length;
      if (n <= 4 && b.fast(n, n === 0 ? undefined : arguments[n - 1])) return impl(this, a0, a1, a2, a3);
      return b.call(impl, this, arguments, true);
    }, impl);
  }
  const b = new NativeBinding(spec, true, opts.implArgs);
  const selfFirst = b.selfSlot === 0;
  return named(function (this: unknown, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown) {
    const n = arguments.length;
    if (selfFirst && n <= 4 && (n === 0 || !isPlainObject(arguments[n - 1])) && b.fastOverload(n, a0, a1, a2, a3)) {
      return n === 0 ? impl(this) : n === 1 ? impl(this, a0) : n === 2 ? impl(this, a0, a1) : n === 3 ? impl(this, a0, a1, a2) : impl(this, a0, a1, a2, a3);
    }
    return b.call(impl, this as Tensor, arguments);
  }, impl);
}

/** Binds the constructor arguments of a class declared as `def X.__init__(self, ...)`. */
export function bindConstructorArgs(key: SignatureKey): (raw: ArrayLike<unknown>) => unknown[] {
  const spec = specOf(key);
  if (typeof spec !== 'string') throw new Error(`${key}: a constructor is declared with def`);
  const b = new PythonBinding(spec, true);
  return (raw) => b.call((_self: unknown, ...values: unknown[]) => values, null, raw, true) as unknown[];
}

function named<T extends Impl>(fn: T, impl: Impl): T {
  Object.defineProperty(fn, 'name', { value: impl.name, configurable: true });
  return fn;
}

/** The parameter names a declared signature binds, for the table-driven tests and typings. */
export function signatureParams(key: SignatureKey): { kind: 'native' | 'python'; overloads: string[][] } {
  const spec = specOf(key);
  if (typeof spec === 'string') return { kind: 'python', overloads: [new PythonBinding(spec, false).sig.names] };
  return { kind: 'native', overloads: new NativeParser(spec).signatures.map((s) => s.params.map((p) => p.name)) };
}

// ---- classes -------------------------------------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClass = abstract new (...args: any[]) => any;

/**
 * An engine class as PyTorch's: callable with or without `new` (`nn.Linear(2, 3)`), its constructor
 * arguments bound by the class's `__init__` signature (positional values and a trailing options
 * object), and still a class for `instanceof` and `extends`. `Args` is what the public constructor
 * takes; the implementation receives the bound values positionally.
 */
export type PyClass<C extends AnyClass, Args extends unknown[]> = {
  new (...args: Args): InstanceType<C>;
  (...args: Args): InstanceType<C>;
} & Omit<C, never>;

/**
 * One mechanism for every class: a Proxy whose construct trap binds the arguments (for `new X(...)`
 * and for a subclass's `super(...)`) and whose apply trap constructs (for `X(...)` without `new`).
 */
export function pyClass<C extends AnyClass, Args extends unknown[]>(cls: C, key: SignatureKey): PyClass<C, Args> {
  const bindArgs = bindConstructorArgs(key);
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, bindArgs(args), newTarget);
    },
    apply(target, _thisArg, args) {
      return Reflect.construct(target, bindArgs(args));
    },
  }) as unknown as PyClass<C, Args>;
}

/**
 * Binds methods a class defines (Module.parameters, Optimizer.zero_grad, ...) in place on its
 * prototype, each by `${prefix}.${name}`; a subclass that overrides one keeps its own.
 */
export function bindPrototype(proto: object, prefix: string, names: readonly string[]): void {
  const target = proto as Record<string, Impl>;
  for (const name of names) {
    const impl = target[name];
    Object.defineProperty(proto, name, {
      value: bindMethod(`${prefix}.${name}` as SignatureKey, (self: unknown, ...args: unknown[]) => impl.apply(self, args)),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
