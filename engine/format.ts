/**
 * PyTorch's printing, to the character: a port of PyTorch 1.13's `torch/_tensor_str.py` with its
 * default print options, plus Python's `print()` rendering of the values a snippet prints.
 */
import { type DType, dtypeRepr, isFloating } from './dtype';

/** PyTorch's default PRINT_OPTS; Gradlab has no set_printoptions, so they are constants. */
const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;

export interface FormatInput {
  /** Contiguous row-major values; bool as 0/1. */
  values: ArrayLike<number>;
  shape: readonly number[];
  dtype: DType;
  /** 'cpu' or 'webgpu'. */
  device: string;
}

export interface FormatOptions {
  grad_fn?: string | null;
  requires_grad?: boolean;
  /** What precedes the data; its length is the indent of continuation lines. */
  prefix?: string;
}

// ---------------------------------------------------------------------------------------------
// Python's float formatting ('{:.4f}', '{:.4e}'), which rounds the exact binary value half to
// even. JS's toFixed/toExponential round exact ties away from zero (0.03125 -> '0.0313' where
// Python prints '0.0312'), so digits come from exact BigInt arithmetic instead.

const BIG_10 = 10n;

/** |x| as mantissa * 2^exponent with an integer mantissa, exactly. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** round(|x| * 10^scale), ties to even. */
function scaledDigits(x: number, scale: number): bigint {
  const { mantissa, exponent } = decompose(x);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (scale >= 0) num *= BIG_10 ** BigInt(scale);
  else den *= BIG_10 ** BigInt(-scale);
  const q = num / den;
  const twiceRem = 2n * (num % den);
  if (twiceRem > den || (twiceRem === den && q % 2n === 1n)) return q + 1n;
  return q;
}

/** Python keeps the sign of negative values that round to zero, and of -0.0. */
function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return null;
}

/** Python's `'{:.{digits}f}'.format(x)`. */
function formatFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const s = scaledDigits(x, digits).toString().padStart(digits + 1, '0');
  const intPart = s.slice(0, s.length - digits);
  return signOf(x) + (digits === 0 ? intPart : `${intPart}.${s.slice(s.length - digits)}`);
}

/** Python's `'{:.{digits}e}'.format(x)`. */
function formatExp(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  let exp10 = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  let n = scaledDigits(x, digits - exp10);
  // log10 can be off by one near powers of ten, and rounding can carry into a new digit.
  const lower = BIG_10 ** BigInt(digits);
  if (x !== 0 && n < lower) n = scaledDigits(x, digits - --exp10);
  if (n >= lower * BIG_10) n = scaledDigits(x, digits - ++exp10);
  const s = n.toString().padStart(digits + 1, '0'); // zero has no leading digit
  const mantissa = digits === 0 ? s : `${s[0]}.${s.slice(1)}`;
  const expSign = exp10 < 0 ? '-' : '+';
  return `${signOf(x)}${mantissa}e${expSign}${String(Math.abs(exp10)).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// _Formatter: one element width and one notation for the whole tensor, chosen from the values
// that will be shown.

interface ElementFormatter {
  width: number;
  format(value: number): string;
}

/** Math.max without spreading: a tensor may hold more values than a call has argument slots. */
function maxOf(values: readonly number[], initial: number): number {
  return values.reduce((a, b) => Math.max(a, b), initial);
}

function padStart(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

function makeFormatter(dtype: DType, shown: readonly number[]): ElementFormatter {
  if (!isFloating(dtype)) {
    const str = dtype === 'bool' ? (v: number) => (v ? 'True' : 'False') : (v: number) => String(v);
    const width = maxOf(shown.map((v) => str(v).length), 1);
    return { width, format: (v) => padStart(str(v), width) };
  }
  return makeFloatFormatter(shown);
}

function makeFloatFormatter(shown: readonly number[]): ElementFormatter {
  const finite = shown.filter((v) => Number.isFinite(v) && v !== 0);
  const abs = finite.map(Math.abs);
  // With no nonzero finite value PyTorch keeps its initial state: integer mode, width 1.
  const intMode = finite.every((v) => v === Math.ceil(v));
  const max = maxOf(abs, 0);
  const min = abs.reduce((a, b) => Math.min(a, b), Infinity);
  const wide = finite.length > 0 && (max / min > 1000 || max > 1e8);
  const sciMode = intMode ? wide : wide || min < 1e-4;

  const render = sciMode
    ? (v: number) => formatExp(v, PRECISION)
    : intMode
      ? // The trailing '.' marks a float; nan and inf need no mark.
        (v: number) => formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '')
      : (v: number) => formatFixed(v, PRECISION);
  const width = maxOf(finite.map((v) => render(v).length), 1);
  return { width, format: (v) => padStart(render(v), width) };
}

// ---------------------------------------------------------------------------------------------
// Layout: the nested bracket text.

/** A contiguous sub-block of the values: the tensor `t[i][j]...`. */
interface Block {
  values: ArrayLike<number>;
  offset: number;
  shape: readonly number[];
}

function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function subBlock(b: Block, i: number): Block {
  const inner = b.shape.slice(1);
  return { values: b.values, offset: b.offset + i * numel(inner), shape: inner };
}

/** The indices along the first dim that get printed; null stands for the ellipsis. */
function shownIndices(size: number, summarize: boolean): (number | null)[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (!summarize || size <= 2 * EDGEITEMS) return all;
  return [...all.slice(0, EDGEITEMS), null, ...all.slice(size - EDGEITEMS)];
}

/** The values that get printed: what PyTorch's get_summarized_data keeps. */
function shownValues(b: Block, summarize: boolean, out: number[]): number[] {
  if (b.shape.length === 0) {
    out.push(b.values[b.offset]);
    return out;
  }
  for (const i of shownIndices(b.shape[0], summarize)) {
    if (i !== null) shownValues(subBlock(b, i), summarize, out);
  }
  return out;
}

function vectorStr(b: Block, indent: number, summarize: boolean, f: ElementFormatter): string {
  const elementLength = f.width + 2;
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / elementLength));
  const data = shownIndices(b.shape[0], summarize).map((i) =>
    i === null ? ' ...' : f.format(b.values[b.offset + i]),
  );
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(b: Block, indent: number, summarize: boolean, f: ElementFormatter): string {
  const dim = b.shape.length;
  if (dim === 0) return f.format(b.values[b.offset]);
  if (dim === 1) return vectorStr(b, indent, summarize, f);
  const slices = shownIndices(b.shape[0], summarize).map((i) =>
    i === null ? '...' : tensorStr(subBlock(b, i), indent + 1, summarize, f),
  );
  // One blank line between slices per dimension beyond the second, as NumPy does.
  return '[' + slices.join(',' + '\n'.repeat(dim - 1) + ' '.repeat(indent + 1)) + ']';
}

// ---------------------------------------------------------------------------------------------
// The repr: `tensor(` + data + suffixes.

function pyTupleOfInts(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** PyTorch's _add_suffixes, including its odd last-line arithmetic (+1 and rfind's -1). */
function addSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  let out = text;
  let lastLineLen = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > LINEWIDTH) {
      out += ',\n' + ' '.repeat(indent) + suffix;
      lastLineLen = indent + suffix.length;
    } else {
      out += ', ' + suffix;
      lastLineLen += suffix.length + 2;
    }
  }
  return out + ')';
}

/** Stored values as the dtype holds them: float32 data may arrive as unrounded doubles. */
function storedValues(t: FormatInput): ArrayLike<number> {
  return t.dtype === 'float32' && !(t.values instanceof Float32Array)
    ? Float32Array.from(t.values)
    : t.values;
}

/** PyTorch's `repr(tensor)` / `str(tensor)`. */
export function formatTensor(t: FormatInput, opts: FormatOptions = {}): string {
  const prefix = opts.prefix ?? 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  // Gradlab's GPU is the one accelerator, printed the way PyTorch prints its first CUDA device.
  if (t.device !== 'cpu') suffixes.push(`device='${t.device}:0'`);

  const size = numel(t.shape);
  let data: string;
  if (size === 0) {
    // NumPy's rule: the shape is shown unless it is (0,); the dtype cannot be guessed from
    // elements, so anything but the default float32 is named.
    if (t.shape.length !== 1) suffixes.push(`size=${pyTupleOfInts(t.shape)}`);
    if (t.dtype !== 'float32') suffixes.push(`dtype=${dtypeRepr(t.dtype)}`);
    data = '[]';
  } else {
    if (t.dtype === 'float64') suffixes.push(`dtype=${dtypeRepr(t.dtype)}`);
    const block: Block = { values: storedValues(t), offset: 0, shape: t.shape };
    const summarize = size > THRESHOLD;
    const formatter = makeFormatter(t.dtype, shownValues(block, summarize, []));
    data = tensorStr(block, indent, summarize, formatter);
  }

  if (opts.grad_fn) suffixes.push(`grad_fn=<${opts.grad_fn}>`);
  else if (opts.requires_grad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + data, suffixes, indent);
}

// ---------------------------------------------------------------------------------------------
// Python values for print().

/** Where the fake heap of autograd nodes starts: the shape of a CPython 64-bit address. */
const FAKE_HEAP_BASE = 0x7f3a00000000;
/** Spacing between fake nodes, about the size of a small CPython object. */
const FAKE_OBJECT_SIZE = 0x30;

/** `<MulBackward0 object at 0x7f3a00000030>`: a stable fake address derived from the id. */
export function formatNodeRepr(name: string, id: number): string {
  return `<${name} object at 0x${(FAKE_HEAP_BASE + id * FAKE_OBJECT_SIZE).toString(16)}>`;
}

/** Arrays that print as Python lists, and whether their numbers are Python floats (`1.0`). */
const pyLists = new WeakMap<readonly unknown[], { floats: boolean }>();
const LIST = { floats: false };
const FLOAT_LIST = { floats: true };

/**
 * Marks an array to print as a Python list `[a, b]` rather than the default tuple `(a, b)`; with
 * `floats`, its numbers print as Python floats (`[1.0, 2.5]`, as a float tensor's tolist() does).
 */
export function asPyList<T extends readonly unknown[]>(items: T, opts?: { floats?: boolean }): T {
  pyLists.set(items, opts?.floats ? FLOAT_LIST : LIST);
  return items;
}

/**
 * A number as Python prints it. JS cannot tell 3 from 3.0, so integral values print as ints;
 * the rest as Python's float repr, from JS's shortest round-trip digits.
 */
function pyNumberRepr(x: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (Number.isInteger(x) && !Object.is(x, -0)) return BigInt(x).toString();
  if (x === 0) return '-0.0';
  const [digits, expPart] = Math.abs(x).toExponential().split('e');
  const exp10 = Number(expPart);
  const sign = x < 0 ? '-' : '';
  // CPython's repr switches to exponent form outside 1e-4 <= |x| < 1e16.
  if (exp10 < -4 || exp10 >= 16) {
    const expSign = exp10 < 0 ? '-' : '+';
    return `${sign}${digits}e${expSign}${String(Math.abs(exp10)).padStart(2, '0')}`;
  }
  return sign + Math.abs(x).toString();
}

/** Python's repr of a float: an integral value keeps its `.0` (`1.0`, `-3.0`). */
function pyFloatRepr(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${Object.is(x, -0) ? '-' : ''}${Math.abs(x)}.0`;
  return pyNumberRepr(x);
}

/** Python's repr of a str: single quotes unless only double quotes avoid escaping. */
function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return quote + out + quote;
}

interface PyReprable {
  __repr__(): string;
}

function hasPyRepr(v: object): v is PyReprable {
  return typeof (v as Partial<PyReprable>).__repr__ === 'function';
}

function hasOwnToString(v: object): boolean {
  return typeof v.toString === 'function' && v.toString !== Object.prototype.toString;
}

/**
 * Python's rendering of a value: `str()` as print() shows a top-level argument (mode 'str'), or
 * `repr()` as containers show their items (mode 'repr').
 */
export function formatPyValue(v: unknown, mode: 'str' | 'repr' = 'str'): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumberRepr(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return mode === 'str' ? v : pyStrRepr(v);
  // A named tuple (torch.return_types.max) is an array that carries its own repr.
  if (Array.isArray(v)) return hasPyRepr(v) ? v.__repr__() : formatSequence(v);
  if (typeof v === 'object') {
    if (mode === 'repr' && hasPyRepr(v)) return v.__repr__();
    if (hasOwnToString(v)) return String(v);
    if (hasPyRepr(v)) return v.__repr__();
    return formatDict(v);
  }
  return String(v);
}

function formatSequence(items: readonly unknown[]): string {
  const list = pyLists.get(items);
  const parts = items.map((item) => (list?.floats && typeof item === 'number' ? pyFloatRepr(item) : formatPyValue(item, 'repr')));
  if (list) return `[${parts.join(', ')}]`;
  // A one-element tuple keeps its comma, as Python writes it.
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

function formatDict(obj: object): string {
  const entries = Object.entries(obj).map(
    ([key, value]) => `${pyStrRepr(key)}: ${formatPyValue(value, 'repr')}`,
  );
  return `{${entries.join(', ')}}`;
}

/** A snippet's `print(a, b, ...)`: each argument's str(), joined with a space. */
export function formatPrintArgs(args: readonly unknown[]): string {
  return args.map((arg) => formatPyValue(arg)).join(' ');
}
