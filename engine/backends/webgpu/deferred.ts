/**
 * Deferred printing: inside the playground a `print(x)` of a webgpu tensor cannot wait for the
 * GPU, so its text becomes a token that stands for the repr of x at that moment (a copy of x is
 * enqueued right then), and the runner replaces the tokens once `torch.webgpu.sync()` has brought
 * the copies back. Off by default: elsewhere such a read is an error that says what to await.
 */
import type { StorageArray } from '../../dtype';
import type { Tensor } from '../../tensor';
import { captureValues } from './storage';

let enabled = false;
let next = 0;
const renders = new Map<number, () => string>();
const TOKEN = /\uE000(\d+)\uE001/g;

export function set_deferred_print(on: boolean): void {
  enabled = on;
  if (!on) renders.clear();
}

/** A token for `render(values of t now)`, or null when deferred printing is off. */
export function deferRepr(t: Tensor, render: (values: StorageArray) => string): string | null {
  if (!enabled) return null;
  const values = captureValues(t);
  const k = next++;
  renders.set(k, () => render(values()));
  return `\uE000${k}\uE001`;
}

/** `text` with every token replaced by its repr (call after sync()). */
export function resolve_text(text: string): string {
  if (!text.includes('\uE000')) return text;
  return text.replace(TOKEN, (token, k: string) => renders.get(Number(k))?.() ?? token);
}
