/**
 * PyTorch's argument parser (torch/csrc/utils/python_arg_parser.cpp) for the functions and methods
 * PyTorch implements in C++ (`torch.sum`, `Tensor.view`, ...): the same signature strings, tried
 * in the same order, with the same checks and the same TypeError texts, including the
 * "received an invalid combination of arguments" report of torch/csrc/utils/invalid_arguments.cpp
 * (quirks kept: it counts `*` and `()` as arguments, and lists keywords in the order of a
 * libstdc++ unordered_map).
 */
import { Tensor } from '../tensor';
import { TypeError } from '../errors';
import { isDtype, isIndex, isInt, isNumber, pyTypeName } from './values';

type ParamType =
  | 'Tensor' | 'Scalar' | 'int64_t' | 'SymInt' | 'double' | 'complex' | 'TensorList' | 'IntArrayRef' | 'SymIntArrayRef'
  | 'ArrayRef<double>' | 'Generator' | 'bool' | 'Storage' | 'PyObject*' | 'ScalarType' | 'Layout' | 'MemoryFormat'
  | 'QScheme' | 'Device' | 'Stream' | 'c10::string_view' | 'Dimname' | 'DimnameList' | 'ScalarList';

const TYPE_NAMES: Record<ParamType, string> = {
  Tensor: 'Tensor', Scalar: 'Number', int64_t: 'int', SymInt: 'int', double: 'float', complex: 'complex',
  TensorList: 'tuple of Tensors', IntArrayRef: 'tuple of ints', SymIntArrayRef: 'tuple of ints', 'ArrayRef<double>': 'tuple of floats',
  Generator: 'torch.Generator', bool: 'bool', Storage: 'torch.Storage', 'PyObject*': 'object', ScalarType: 'torch.dtype',
  Layout: 'torch.layout', MemoryFormat: 'torch.memory_format', QScheme: 'torch.qscheme', Device: 'torch.device', Stream: 'torch.Stream',
  'c10::string_view': 'str', Dimname: 'name', DimnameList: 'tuple of names', ScalarList: 'tuple of Scalars',
};

/** The binary ops whose Tensor parameters also take Python numbers (should_allow_numbers_as_tensors). */
const NUMBERS_AS_TENSORS = new Set(['add', 'add_', 'div', 'div_', 'mul', 'mul_', 'sub', 'sub_', 'true_divide', 'true_divide_', 'to', 'copy_', 'floor_divide', 'floor_divide_']);

/** PyTorch's NumPy-compatible spellings a keyword may also use (`x.sum(axis=0)`). */
const NUMPY_NAMES: Record<string, readonly string[]> = { dim: ['axis'], keepdim: ['keepdims'], input: ['x', 'a', 'x1'], other: ['x2'] };

export interface NativeParam {
  readonly type: ParamType;
  readonly name: string;
  readonly optional: boolean;
  readonly allowNone: boolean;
  readonly keywordOnly: boolean;
  /** `IntArrayRef[2]`: a single int stands for that many copies of it. */
  readonly size: number;
  /** The default as the signature string writes it (printed by 2.x's error messages). */
  readonly defaultText: string | null;
  readonly numbersAsTensors: boolean;
}

function parseParam(fmt: string, keywordOnly: boolean, numbersAsTensors: boolean): NativeParam {
  const space = fmt.indexOf(' ');
  if (space < 0) throw new Error(`FunctionParameter(): missing type: ${fmt}`);
  let typeStr = fmt.slice(0, space);
  let allowNone = false;
  if (typeStr.includes('?')) {
    allowNone = true;
    typeStr = typeStr.slice(0, typeStr.indexOf('?'));
  }
  let size = 0;
  const bracket = typeStr.indexOf('[');
  if (bracket >= 0) {
    size = Number.parseInt(typeStr.slice(bracket + 1, -1), 10);
    typeStr = typeStr.slice(0, bracket);
  }
  if (!(typeStr in TYPE_NAMES)) throw new Error(`FunctionParameter(): invalid type string: ${typeStr}`);
  const nameStr = fmt.slice(space + 1);
  const eq = nameStr.indexOf('=');
  const defaultText = eq >= 0 ? nameStr.slice(eq + 1) : null;
  if (defaultText === 'None') allowNone = true;
  return {
    type: typeStr as ParamType,
    name: eq >= 0 ? nameStr.slice(0, eq) : nameStr,
    optional: eq >= 0,
    allowNone,
    keywordOnly,
    size,
    defaultText,
    numbersAsTensors,
  };
}

/** Keyword arguments in call order (a Python dict keeps insertion order). */
export type Kwargs = readonly (readonly [string, unknown])[];

/** `dst` slots: a parsed value, or NONE for a parameter left at its default (PyTorch's nullptr). */
export const NONE: unique symbol = Symbol('None');

/** One overload: `sum(Tensor input, IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)`. */
export class NativeSignature {
  readonly name: string;
  readonly params: readonly NativeParam[];
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly maxPosArgs: number;
  readonly hidden: boolean;
  readonly deprecated: boolean;
  /** A single positional int list (`view(*size)`) may also be given as varargs. */
  readonly allowVarargsIntList: boolean;

  constructor(readonly fmt: string) {
    const open = fmt.indexOf('(');
    const close = fmt.lastIndexOf(')');
    if (open < 0 || close < 0) throw new Error(`malformed signature: ${fmt}`);
    this.name = fmt.slice(0, open);
    const numbers = NUMBERS_AS_TENSORS.has(this.name);
    const params: NativeParam[] = [];
    let keywordOnly = false;
    const body = fmt.slice(open + 1, close);
    for (const part of body === '' ? [] : body.split(', ')) {
      if (part === '*') keywordOnly = true;
      else params.push(parseParam(part, keywordOnly, numbers));
    }
    const suffix = fmt.slice(close + 1);
    this.deprecated = suffix === '|deprecated';
    this.hidden = this.deprecated || suffix === '|hidden';
    this.params = params;
    this.maxArgs = params.length;
    this.minArgs = params.filter((p) => !p.optional).length;
    this.maxPosArgs = params.filter((p) => !p.keywordOnly).length;
    this.allowVarargsIntList = this.maxPosArgs === 1 && (params[0].type === 'IntArrayRef' || params[0].type === 'SymIntArrayRef');
  }

  /** As PyTorch 2.x prints it in "expected one of": types, names, and ` = default` for optional ones. */
  toString(): string {
    const parts: string[] = [];
    let keywordShown = false;
    for (const p of this.params) {
      let s = '';
      if (p.keywordOnly && !keywordShown) {
        s += '*, ';
        keywordShown = true;
      }
      s += `${TYPE_NAMES[p.type]} ${p.name}`;
      if (p.optional) s += ` = ${p.defaultText}`;
      parts.push(s);
    }
    return `(${parts.join(', ')})`;
  }

  /**
   * FunctionSignature::parse: fills `dst` (one slot per parameter, NONE for a default) and returns
   * whether the arguments fit; with `raise`, throws the TypeError PyTorch throws instead.
   */
  parse(args: readonly unknown[], kwargs: Kwargs, dst: unknown[], raise: boolean): boolean {
    const nargs = args.length;
    let remainingKwargs = kwargs.length;
    let argPos = 0;
    if (nargs > this.maxPosArgs && !this.allowVarargsIntList) {
      if (raise) this.extraArgs(nargs);
      return false;
    }
    for (let i = 0; i < this.params.length; i++) {
      const param = this.params[i];
      let obj: unknown = undefined;
      let isKwd = false;
      if (argPos < nargs) {
        if (param.keywordOnly) {
          if (raise) this.extraArgs(nargs);
          return false;
        }
        obj = args[argPos];
      } else if (kwargs.length > 0) {
        obj = kwargLookup(kwargs, param.name);
        for (const alias of NUMPY_NAMES[param.name] ?? []) {
          if (obj !== undefined) break;
          obj = kwargLookup(kwargs, alias);
        }
        isKwd = true;
      }
      const failed = { idx: -1 };
      const varargsEligible = this.allowVarargsIntList && argPos === 0 && !isKwd;
      // A positional `undefined` (JavaScript's "nothing here") is None where None is allowed.
      if ((obj === undefined && (param.optional || (!isKwd && param.allowNone))) || (obj === null && param.allowNone)) {
        dst[i] = NONE;
      } else if (obj === undefined) {
        if (raise) this.missingArgs(i);
        return false;
      } else if (checkParam(param, obj, i, failed)) {
        dst[i] = obj;
      } else if (varargsEligible && isIntList(args, param.size)) {
        // permute(1, 2, 3) is permute((1, 2, 3))
        dst[i] = args.slice();
        argPos = nargs;
        continue;
      } else if (raise) {
        const typeName = TYPE_NAMES[param.type];
        if (isKwd) throw new TypeError(`${this.name}(): argument '${param.name}' must be ${typeName}, not ${pyTypeName(obj)}`);
        if (failed.idx !== -1) {
          const seq = Array.isArray(obj) ? obj : args;
          throw new TypeError(`${this.name}(): argument '${param.name}' (position ${argPos + 1}) must be ${typeName}, but found element of type ${pyTypeName(seq[failed.idx])} at pos ${failed.idx}`);
        }
        throw new TypeError(`${this.name}(): argument '${param.name}' (position ${argPos + 1}) must be ${typeName}, not ${pyTypeName(obj)}`);
      } else {
        return false;
      }
      if (!isKwd) argPos++;
      else if (obj !== undefined) remainingKwargs--;
    }
    if (remainingKwargs > 0) {
      if (raise) this.extraKwargs(kwargs, nargs);
      return false;
    }
    return true;
  }

  private extraArgs(nargs: number): never {
    if (this.minArgs !== this.maxPosArgs) {
      throw new TypeError(`${this.name}() takes from ${this.minArgs} to ${this.maxPosArgs} positional arguments but ${nargs} were given`);
    }
    const n = this.maxPosArgs;
    throw new TypeError(`${this.name}() takes ${n} positional argument${n === 1 ? '' : 's'} but ${nargs} ${nargs === 1 ? 'was' : 'were'} given`);
  }

  private missingArgs(idx: number): never {
    const names = this.params.slice(idx).filter((p) => !p.optional).map((p) => `"${p.name}"`);
    // PyTorch's plural is inverted ("1 required positional arguments"), kept as it prints it.
    throw new TypeError(`${this.name}() missing ${names.length} required positional argument${names.length === 1 ? 's' : ''}: ${names.join(', ')}`);
  }

  private extraKwargs(kwargs: Kwargs, numPosArgs: number): never {
    for (const [key] of kwargs) {
      const idx = this.params.findIndex((p) => p.name === key);
      if (idx < 0) throw new TypeError(`${this.name}() got an unexpected keyword argument '${key}'`);
      if (idx < numPosArgs) throw new TypeError(`${this.name}() got multiple values for argument '${key}'`);
    }
    throw new TypeError('invalid keyword arguments');
  }
}

function kwargLookup(kwargs: Kwargs, name: string): unknown {
  for (const [k, v] of kwargs) if (k === name) return v;
  return undefined;
}

/** is_int_or_symint_list: a list whose first element is an int (or, with a size, one int). */
function isIntList(obj: unknown, size: number, failed?: { idx: number }): boolean {
  if (Array.isArray(obj)) {
    if (obj.length === 0 || isIndex(obj[0])) return true;
    if (failed) failed.idx = 0;
    return false;
  }
  return size > 0 && isIndex(obj);
}

/** A float, or a 0-dim tensor that does not require grad (what a `double` parameter takes). */
function isDoubleLike(obj: unknown): boolean {
  if (isNumber(obj)) return true;
  return obj instanceof Tensor && !obj.requires_grad && obj.shape.length === 0;
}

/** FunctionParameter::check. */
function checkParam(param: NativeParam, obj: unknown, argnum: number, failed: { idx: number }): boolean {
  switch (param.type) {
    case 'Tensor':
      return obj instanceof Tensor || (param.numbersAsTensors && isNumber(obj));
    case 'Scalar':
    case 'complex':
    case 'double':
      return isDoubleLike(obj);
    case 'int64_t':
    case 'SymInt':
      if (isInt(obj)) return true;
      return obj instanceof Tensor && obj.dtype === 'int64' && !obj.requires_grad && obj.shape.length === 0;
    case 'Dimname':
      return typeof obj === 'string' && !isDtype(obj);
    case 'DimnameList':
      if (Array.isArray(obj)) return obj.length === 0 || (typeof obj[0] === 'string' && !isDtype(obj[0]));
      return param.size === 1 && typeof obj === 'string' && !isDtype(obj);
    case 'TensorList': {
      if (!Array.isArray(obj)) return false;
      obj.forEach((item, idx) => {
        if (!(item instanceof Tensor)) throw new TypeError(`expected Tensor as element ${idx} in argument ${argnum}, but got ${pyTypeName(item)}`);
      });
      return true;
    }
    case 'ArrayRef<double>':
      return Array.isArray(obj) && (obj.length === 0 || typeof obj[0] === 'number');
    case 'ScalarList':
      return Array.isArray(obj) && obj.every(isNumber);
    case 'bool':
      return typeof obj === 'boolean';
    case 'PyObject*':
      return true;
    case 'ScalarType':
      return isDtype(obj);
    case 'Device':
      return isInt(obj) || (typeof obj === 'string' && !isDtype(obj));
    case 'c10::string_view':
      return typeof obj === 'string';
    case 'IntArrayRef':
    case 'SymIntArrayRef':
      return isIntList(obj, param.size, failed);
    default:
      // Generators, layouts, memory formats, storages, streams, qschemes: nothing in this engine is one.
      return false;
  }
}

/** A function's overloads, tried in order (deprecated ones last), as PythonArgParser. */
export class NativeParser {
  readonly signatures: readonly NativeSignature[];
  readonly name: string;

  constructor(fmts: readonly string[]) {
    const sigs = fmts.map((f) => new NativeSignature(f));
    this.name = sigs[0].name;
    this.signatures = [...sigs.filter((s) => !s.deprecated), ...sigs.filter((s) => s.deprecated)];
  }

  /** The overload that takes these arguments, with its parsed values in `dst`; throws PyTorch's TypeError. */
  parse(args: readonly unknown[], kwargs: Kwargs, dst: unknown[]): NativeSignature {
    if (this.signatures.length === 1) {
      this.signatures[0].parse(args, kwargs, dst, true);
      return this.signatures[0];
    }
    for (const sig of this.signatures) if (sig.parse(args, kwargs, dst, false)) return sig;
    return this.printError(args, kwargs, dst);
  }

  private printError(args: readonly unknown[], kwargs: Kwargs, dst: unknown[]): never {
    const numArgs = args.length + kwargs.length;
    const plausible = this.signatures.filter((s) => numArgs >= s.minArgs && numArgs <= s.maxArgs && !s.hidden);
    if (plausible.length === 1) plausible[0].parse(args, kwargs, dst, true);
    const options = this.signatures.filter((s) => !s.hidden).map((s) => s.toString());
    throw new TypeError(formatInvalidArgs(args, kwargs, `${this.name}()`, options));
  }
}

// ---- invalid_arguments.cpp ---------------------------------------------------------------------

interface OptionArg {
  name: string;
  matches: (v: unknown) => boolean;
}

function buildType(typeName: string): (v: unknown) => boolean {
  if (typeName === 'float') return (v) => ['float', 'int', 'long'].includes(pyTypeName(v));
  if (typeName === 'int') return (v) => ['int', 'long'].includes(pyTypeName(v));
  return (v) => pyTypeName(v) === typeName;
}

/**
 * _parseOption on a printed signature: split at ", ", the name after the last space. On 2.x's
 * `torch.dtype dtype = None` that name is `None` (and `*` and the empty `()` count as arguments):
 * the report's keyword checks follow from that, as they do in PyTorch.
 */
function parseOption(option: string): OptionArg[] {
  const body = option.slice(1, -1);
  return splitString(body, ', ').map((arg) => {
    const typeEnd = arg.lastIndexOf(' ');
    const name = arg.slice(typeEnd + 1);
    let end = typeEnd < 0 ? arg.length : typeEnd;
    if (arg.includes('...')) end -= 4;
    return { name, matches: buildType(arg.slice(0, end)) };
  });
}

function splitString(s: string, delim: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  let end: number;
  while ((end = s.indexOf(delim, start)) !== -1) {
    tokens.push(s.slice(start, end));
    start = end + delim.length;
  }
  tokens.push(s.slice(start));
  return tokens;
}

function argcountMatch(option: OptionArg[], args: readonly unknown[], kwargs: Kwargs): boolean {
  return args.length + kwargs.length === option.length;
}

function describeValue(arg: unknown): string {
  if (Array.isArray(arg)) return `${pyTypeName(arg)} of [${arg.map(pyTypeName).join(', ')}]`;
  return pyTypeName(arg);
}

function formattedArgDesc(option: OptionArg[], args: readonly unknown[], kwargs: Map<string, unknown>): string {
  const numArgs = args.length + kwargs.size;
  let result = '(';
  for (let i = 0; i < numArgs; i++) {
    const isKwarg = i >= args.length;
    const arg = isKwarg ? kwargs.get(option[i].name) : args[i];
    const matching = i < option.length && option[i].matches(arg);
    const mark = matching ? '' : '!';
    result += mark + (isKwarg ? `${option[i].name}=` : '') + describeValue(arg) + mark + ', ';
  }
  if (args.length > 0) result = result.slice(0, -2);
  return `${result})`;
}

function argDesc(args: readonly unknown[], kwargs: Map<string, unknown>): string {
  let result = '(';
  for (const arg of args) result += `${pyTypeName(arg)}, `;
  for (const [k, v] of kwargs) result += `${k}=${pyTypeName(v)}, `;
  if (args.length > 0) result = result.slice(0, -2);
  return `${result})`;
}

function tryMatchKwargs(option: OptionArg[], kwargs: Map<string, unknown>): string[] {
  const start = Math.max(0, option.length - kwargs.size);
  const names = option.slice(start).map((a) => a.name);
  return [...kwargs.keys()].filter((k) => !names.includes(k));
}

export function formatInvalidArgs(args: readonly unknown[], kwargsList: Kwargs, functionName: string, options: readonly string[]): string {
  const kwargs = unorderedMap(kwargsList);
  let msg = `${functionName} received an invalid combination of arguments - `;
  if (options.length === 1) {
    const option = parseOption(options[0]);
    const unmatched = kwargs.size > 0 ? tryMatchKwargs(option, kwargs) : [];
    if (unmatched.length > 0) return `${msg}got unrecognized keyword arguments: ${unmatched.join(', ')}`;
    const got = argcountMatch(option, args, kwargsList) ? formattedArgDesc(option, args, kwargs) : argDesc(args, kwargs);
    return `${msg}got ${got}, but expected ${options[0]}`;
  }
  msg += `got ${argDesc(args, kwargs)}, but expected one of:\n`;
  for (const optionStr of options) {
    const option = parseOption(optionStr);
    msg += ` * ${optionStr}\n`;
    if (!argcountMatch(option, args, kwargsList)) continue;
    const unmatched = kwargs.size > 0 ? tryMatchKwargs(option, kwargs) : [];
    msg += unmatched.length > 0
      ? `      didn't match because some of the keywords were incorrect: ${unmatched.join(', ')}\n`
      : `      didn't match because some of the arguments have invalid types: ${formattedArgDesc(option, args, kwargs)}\n`;
  }
  return msg;
}

// ---- libstdc++'s std::unordered_map<std::string, ...> iteration order ---------------------------

const MASK64 = (1n << 64n) - 1n;
const MURMUR_MUL = (0xc6a4a793n << 32n) + 0x5bd1e995n;

function shiftMix(v: bigint): bigint {
  return v ^ (v >> 47n);
}

function loadLittleEndian(bytes: Uint8Array, start: number, n: number): bigint {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[start + i]);
  return v;
}

/** std::hash<std::string>: libstdc++'s _Hash_bytes (64-bit MurmurHash2 variant, seed 0xc70f6907). */
export function stdHash(s: string): bigint {
  const bytes = new TextEncoder().encode(s);
  const aligned = bytes.length & ~7;
  let hash = (0xc70f6907n ^ ((BigInt(bytes.length) * MURMUR_MUL) & MASK64)) & MASK64;
  for (let p = 0; p < aligned; p += 8) {
    const data = (shiftMix((loadLittleEndian(bytes, p, 8) * MURMUR_MUL) & MASK64) * MURMUR_MUL) & MASK64;
    hash ^= data;
    hash = (hash * MURMUR_MUL) & MASK64;
  }
  if (bytes.length & 7) {
    hash ^= loadLittleEndian(bytes, aligned, bytes.length & 7);
    hash = (hash * MURMUR_MUL) & MASK64;
  }
  hash = (shiftMix(hash) * MURMUR_MUL) & MASK64;
  return shiftMix(hash);
}

/**
 * The order a default-constructed unordered_map iterates after these insertions: 13 buckets from
 * the first insert (up to 13 keys), each new key placed at the front of its bucket's run, or at
 * the front of the list when its bucket was empty.
 */
function unorderedMap(entries: Kwargs): Map<string, unknown> {
  const buckets = 13;
  const list: { key: string; value: unknown; bucket: number }[] = [];
  for (const [key, value] of entries) {
    if (list.some((n) => n.key === key)) continue;
    const bucket = Number(stdHash(key) % BigInt(buckets));
    const at = list.findIndex((n) => n.bucket === bucket);
    list.splice(at < 0 ? 0 : at, 0, { key, value, bucket });
  }
  return new Map(list.map((n) => [n.key, n.value]));
}
