/**
 * Binding for what PyTorch writes in Python (`Tensor.backward`, `F.softmax`, `nn.Linear.__init__`,
 * `optim.SGD.__init__`, torchviz's `make_dot`): CPython's rules and its TypeError texts
 * (ceval.c's initialize_locals), for a `def` written as its signature string:
 * `backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None)`,
 * with `/`, `*`, `*args` and `**kwargs` as Python has them.
 */
import { TypeError } from '../errors';
import type { Kwargs } from './native';

interface PyParam {
  name: string;
  hasDefault: boolean;
  /** The default's Python text, for documentation (the implementation applies the value). */
  defaultText: string | null;
}

export class PythonSignature {
  /** `Linear.__init__`, `Tensor.backward`, `softmax`: what CPython 3.10+ names in its errors. */
  readonly qualname: string;
  readonly positional: readonly PyParam[];
  readonly posOnlyCount: number;
  readonly varargs: string | null;
  readonly kwOnly: readonly PyParam[];
  readonly varkw: string | null;
  /** Whether the first positional parameter is the bound receiver (`self`), counted in errors. */
  readonly bound: boolean;

  constructor(qualname: string, fmt: string, bound: boolean) {
    this.qualname = qualname;
    this.bound = bound;
    const body = fmt.slice(fmt.indexOf('(') + 1, fmt.lastIndexOf(')'));
    const positional: PyParam[] = [];
    const kwOnly: PyParam[] = [];
    let posOnly = 0;
    let varargs: string | null = null;
    let varkw: string | null = null;
    let afterStar = false;
    for (const raw of splitTopLevel(body)) {
      const part = raw.trim();
      if (part === '') continue;
      if (part === '/') {
        posOnly = positional.length;
        continue;
      }
      if (part === '*') {
        afterStar = true;
        continue;
      }
      if (part.startsWith('**')) {
        varkw = part.slice(2);
        continue;
      }
      if (part.startsWith('*')) {
        varargs = part.slice(1);
        afterStar = true;
        continue;
      }
      const eq = part.indexOf('=');
      const param = { name: eq < 0 ? part : part.slice(0, eq), hasDefault: eq >= 0, defaultText: eq < 0 ? null : part.slice(eq + 1) };
      (afterStar ? kwOnly : positional).push(param);
    }
    this.positional = positional;
    this.posOnlyCount = posOnly;
    this.varargs = varargs;
    this.kwOnly = kwOnly;
    this.varkw = varkw;
  }

  /** Every parameter name in order (positional, *args, keyword-only, **kwargs): the implementation's argument order. */
  get names(): string[] {
    return [...this.positional.map((p) => p.name), ...(this.varargs ? [this.varargs] : []), ...this.kwOnly.map((p) => p.name), ...(this.varkw ? [this.varkw] : [])];
  }

  /**
   * Binds `args` (without the receiver) and `kwargs` as CPython does. Returns one value per name in
   * `names` (undefined for a default, an array for *args, an object for **kwargs).
   */
  bind(args: readonly unknown[], kwargs: Kwargs): unknown[] {
    const self = this.bound ? 1 : 0;
    const coArgcount = this.positional.length;
    const argcount = args.length + self;
    const slots: unknown[] = new Array(coArgcount + this.kwOnly.length).fill(undefined);
    const filled: boolean[] = new Array(slots.length).fill(false);
    const n = Math.min(argcount, coArgcount);
    for (let j = self; j < n; j++) {
      slots[j] = args[j - self];
      filled[j] = args[j - self] !== undefined;
    }
    if (self) filled[0] = true;
    const extra = this.varargs ? args.slice(Math.max(0, coArgcount - self)) : [];
    const extraKw: Record<string, unknown> = {};
    const posOnlyAsKw: string[] = [];
    for (const [key, value] of kwargs) {
      const j = this.indexOfKeyword(key);
      if (j < 0) {
        if (this.varkw) {
          extraKw[key] = value;
          continue;
        }
        if (this.positional.slice(0, this.posOnlyCount).some((p) => p.name === key)) {
          posOnlyAsKw.push(key);
          continue;
        }
        throw new TypeError(`${this.qualname}() got an unexpected keyword argument '${key}'`);
      }
      if (filled[j]) throw new TypeError(`${this.qualname}() got multiple values for argument '${key}'`);
      slots[j] = value;
      filled[j] = true;
    }
    if (posOnlyAsKw.length > 0) {
      throw new TypeError(`${this.qualname}() got some positional-only arguments passed as keyword arguments: '${posOnlyAsKw.join(', ')}'`);
    }
    if (argcount > coArgcount && !this.varargs) this.tooManyPositional(argcount, filled);
    const missing = this.positional.filter((p, i) => !p.hasDefault && !filled[i] && i >= self).map((p) => p.name);
    if (missing.length > 0) throw new TypeError(`${this.qualname}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${nameList(missing)}`);
    const missingKw = this.kwOnly.filter((p, i) => !p.hasDefault && !filled[coArgcount + i]).map((p) => p.name);
    if (missingKw.length > 0) throw new TypeError(`${this.qualname}() missing ${missingKw.length} required keyword-only argument${missingKw.length === 1 ? '' : 's'}: ${nameList(missingKw)}`);
    const out = slots.slice(self, coArgcount);
    if (this.varargs) out.push(extra);
    out.push(...slots.slice(coArgcount));
    if (this.varkw) out.push(extraKw);
    return out;
  }

  private indexOfKeyword(key: string): number {
    for (let i = this.posOnlyCount; i < this.positional.length; i++) if (this.positional[i].name === key) return i;
    const k = this.kwOnly.findIndex((p) => p.name === key);
    return k < 0 ? -1 : this.positional.length + k;
  }

  private tooManyPositional(given: number, filled: readonly boolean[]): never {
    const coArgcount = this.positional.length;
    const kwonlyGiven = filled.slice(coArgcount).filter(Boolean).length;
    const defcount = this.positional.filter((p) => p.hasDefault).length;
    const sig = defcount ? `from ${coArgcount - defcount} to ${coArgcount}` : `${coArgcount}`;
    const plural = defcount ? true : coArgcount !== 1;
    const kwonlySig = kwonlyGiven ? ` positional argument${given !== 1 ? 's' : ''} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? 's' : ''})` : '';
    throw new TypeError(`${this.qualname}() takes ${sig} positional argument${plural ? 's' : ''} but ${given}${kwonlySig} ${given === 1 && !kwonlyGiven ? 'was' : 'were'} given`);
  }
}

/** `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: CPython's format_missing. */
function nameList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/** Splits a parameter list at top-level commas (defaults may hold tuples: `betas=(0.9, 0.999)`). */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}
