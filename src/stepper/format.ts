/**
 * How the stepper writes gradients. `exactGrad` is the `data-grad` contract (e2e tests compare it
 * with the engine's values): nested lists by shape, each number the shortest decimal that reads
 * back as the same value (for float32, the same float32), so `[[4.5, 4.5], [4.5, 4.5]]`, a 0-d
 * gradient as its bare number (`4.5`), `nan` / `inf` / `-inf` as Python writes them.
 */
import type { GradSnapshot, TraceError } from '../../engine/viz';

/** An error a backward raised, as Python prints it: `RuntimeError: …` (an untyped one: its text). */
export function errorText(error: TraceError): string {
  return error.type && error.type !== 'Error' ? `${error.type}: ${error.message}` : error.message;
}

type Values = GradSnapshot['values'];

function special(v: number): string | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return null;
}

/** The shortest decimal that reads back as `v` in its dtype. */
export function exactNumber(v: number, dtype: string): string {
  const s = special(v);
  if (s !== null) return s;
  if (Object.is(v, -0)) return '-0';
  if (dtype !== 'float32' && dtype !== 'float16' && dtype !== 'bfloat16') return String(v);
  for (let p = 1; p < 9; p++) {
    const candidate = Number(v.toPrecision(p));
    if (Math.fround(candidate) === v) return String(candidate);
  }
  return String(v);
}

/** Four significant digits, trailing zeros dropped: what fits on an edge. */
export function shortNumber(v: number): string {
  const s = special(v);
  if (s !== null) return s;
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  return String(Number(v.toPrecision(4)));
}

function nested(values: Values, shape: readonly number[], write: (v: number) => string): string {
  if (shape.length === 0) return write(values[0]);
  let offset = 0;
  const level = (dim: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < shape[dim]; i++) parts.push(dim === shape.length - 1 ? write(values[offset++]) : level(dim + 1));
    return `[${parts.join(', ')}]`;
  };
  return level(0);
}

/** The `data-grad` form: every value, exact. */
export function exactGrad(g: GradSnapshot): string {
  return nested(g.values, g.shape, (v) => exactNumber(v, g.dtype));
}

const numel = (g: GradSnapshot) => g.shape.reduce((a, b) => a * b, 1);

/** The short form on an edge: `4.5`, `[4.5, 4.5, …]`, or the shape of a big one, `(128, 3)`. */
export function shortGrad(g: GradSnapshot): string {
  const n = numel(g);
  if (g.shape.length === 0) return shortNumber(g.values[0]);
  if (n <= 3) return `[${Array.from(g.values.slice(0, n), shortNumber).join(', ')}]`;
  if (n <= 64) return `[${shortNumber(g.values[0])}, ${shortNumber(g.values[1])}, …]`;
  return `(${g.shape.join(', ')})`;
}

/** Past this many values the hover text stops (the inspector has the rest). */
const FULL_LIMIT = 400;

/** The hover text: shape, then the values (rows of a matrix one per line). */
export function fullGrad(g: GradSnapshot): string {
  const n = numel(g);
  const head = g.shape.length === 0 ? 'scalar' : `shape (${g.shape.join(', ')})`;
  if (n > FULL_LIMIT) return `${head}, ${n} values: ${Array.from(g.values.slice(0, 12), shortNumber).join(', ')}, …`;
  const body = nested(g.values, g.shape, shortNumber).replace(/\], \[/g, '],\n [');
  return `${head}\n${body}`;
}
