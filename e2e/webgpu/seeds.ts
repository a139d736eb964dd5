/**
 * The seed articles' examples run by the playground's own runner on 'cpu' and on 'webgpu': the
 * printed output must be the same, up to float rounding, and for PyTorch's `device='webgpu:0'`
 * in the reprs of GPU tensors (PyTorch prints `device='cuda:0'` the same way), which also moves
 * line breaks; Node addresses are compared as 0x….
 */
import { executeSnippet } from '../../src/runner/execute';
import { seedArticles } from '../../engine/seeds/examples';
import type { ConsoleLine } from '../../src/runner/protocol';

export interface SeedResult {
  id: string;
  ok: boolean;
  cpu: string;
  webgpu: string;
  detail: string;
}

const NUMBER = /-?\d+\.?\d*(?:e[+-]?\d+)?/g;

function text(lines: readonly ConsoleLine[]): string {
  return lines
    .filter((l) => l.kind !== 'notice')
    .map((l) => l.text)
    .join('\n')
    .replace(/0x[0-9a-f]+/g, '0x…')
    .replace(/\s+/g, ' ')
    .replaceAll(", device='webgpu:0'", '');
}

/** Equal text, with numbers equal up to the last printed digit. */
function sameOutput(a: string, b: string): string | null {
  if (a.replace(NUMBER, '#') !== b.replace(NUMBER, '#')) return 'the text differs';
  const na = a.match(NUMBER) ?? [];
  const nb = b.match(NUMBER) ?? [];
  for (let i = 0; i < na.length; i++) {
    const x = Number(na[i]);
    const y = Number(nb[i]);
    if (x !== y && !(Math.abs(x - y) <= 1e-4 + 1e-3 * Math.abs(x))) return `number ${i}: ${na[i]} vs ${nb[i]}`;
  }
  return null;
}

const ITEM_SYNC = 'item() needs the values of a webgpu tensor now';
const FLOAT64 = "Cannot convert a WebGPU Tensor to float64 dtype as WebGPU doesn't support float64. Please use float32 instead.";

/** The snippet with `v.item()` read through its awaitable form, `(await v.item_async())`. */
function awaitingItems(source: string): string {
  return source.replace(/([A-Za-z_$][\w$]*)\.item\(\)/g, '(await $1.item_async())');
}

/**
 * Every seed on both devices. The CPU runs go first, before WebGPU is initialized (as in the
 * playground's fresh worker, where `torch.webgpu.is_available()` is false on the CPU). Two
 * differences are PyTorch's own behaviour on such a GPU and are checked as such: float64 is refused
 * (as on Apple's MPS), and a synchronous `item()` of a GPU value is an error that points to
 * `item_async()`; the snippet rewritten to await it must then print what the CPU printed.
 */
export async function runSeeds(): Promise<SeedResult[]> {
  const seeds = Object.values(seedArticles).flat();
  const run = async (source: string, device: 'cpu' | 'webgpu') => text((await executeSnippet(source, () => undefined, { device })).lines);
  const cpu = new Map<string, string>();
  for (const seed of seeds) cpu.set(seed.id, await run(seed.source, 'cpu'));
  const results: SeedResult[] = [];
  for (const seed of seeds) {
    const expected = cpu.get(seed.id)!;
    let webgpu = await run(seed.source, 'webgpu');
    let detail = '';
    if (webgpu.includes(FLOAT64)) {
      detail = 'float64 is refused on WebGPU (as on MPS)';
      results.push({ id: seed.id, ok: webgpu.endsWith(FLOAT64), cpu: expected, webgpu, detail });
      continue;
    }
    if (webgpu.includes(ITEM_SYNC)) {
      webgpu = await run(awaitingItems(seed.source), 'webgpu');
      detail = 'item() asked to be awaited; awaited: ';
    }
    const problem = sameOutput(expected, webgpu);
    results.push({ id: seed.id, ok: problem === null, cpu: expected, webgpu, detail: detail + (problem ?? 'same output') });
  }
  return results;
}
