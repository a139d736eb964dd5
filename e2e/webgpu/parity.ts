/**
 * The WebGPU parity suite, run inside Chromium by e2e/webgpu.spec.ts: each case builds the same
 * computation on 'cpu' and on 'webgpu' from the same seed, runs backward, and the values and the
 * gradients must agree (rtol 1e-4, atol 1e-5). Bundled with esbuild into the page.
 */
import { torch, Tensor } from '../../engine';
import { cases, type ParityCase } from './cases';
import { runSeeds } from './seeds';
import { dispatchCount } from '../../engine/backends/webgpu/queue';
import { _setShadowLimit } from '../../engine/backends';

export interface CaseResult {
  name: string;
  ok: boolean;
  detail: string;
}

const RTOL = 1e-4;
const ATOL = 1e-5;

function mismatch(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    if (!(Math.abs(x - y) <= ATOL + RTOL * Math.abs(x))) return `element ${i}: cpu ${x} vs webgpu ${y}`;
  }
  return null;
}

interface Side {
  outputs: Tensor[];
  grads: (Tensor | null)[];
}

function runSide(c: ParityCase, device: 'cpu' | 'webgpu'): Side {
  torch.manual_seed(0);
  const inputs = c.inputs().map((t) => {
    const moved = t.to(device);
    if (t.requires_grad) {
      const leaf = moved.detach();
      leaf.requires_grad_(true);
      return leaf;
    }
    return moved;
  });
  const out = c.run(inputs, device);
  const outputs = Array.isArray(out) ? out : [out];
  const differentiable = outputs.filter((t) => t.requires_grad);
  if (differentiable.length > 0) {
    // A fixed, non-uniform upstream gradient per output, made on the CPU and moved.
    let loss: Tensor | null = null;
    differentiable.forEach((t, k) => {
      torch.manual_seed(100 + k);
      const w = torch.randn(t.shape).to(device);
      const term = t.mul(w).sum();
      loss = loss ? loss.add(term) : term;
    });
    loss!.backward();
  }
  return { outputs, grads: inputs.map((t) => t.grad) };
}

export async function runParity(only?: string): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    if (only && c.name !== only) continue;
    try {
      const cpu = runSide(c, 'cpu');
      // Small GPU results whose inputs are known on the host get a CPU-computed copy that reads
      // would be served from: off here, so every value compared comes from the GPU's kernels.
      _setShadowLimit(0);
      let gpu: Side;
      try {
        gpu = runSide(c, 'webgpu');
      } finally {
        _setShadowLimit(64);
      }
      const problems: string[] = [];
      for (let k = 0; k < cpu.outputs.length; k++) {
        const a = cpu.outputs[k];
        const b = gpu.outputs[k];
        if (b.device !== 'webgpu') problems.push(`output ${k} is on ${b.device}`);
        if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join()) problems.push(`output ${k}: ${a.dtype}[${a.shape}] vs ${b.dtype}[${b.shape}]`);
        const m = mismatch(a._values(), await b.tolist_async().then(() => b.cpu()._values()));
        if (m) problems.push(`output ${k}: ${m}`);
        const na = a.grad_fn?.name() ?? null;
        const nb = b.grad_fn?.name() ?? null;
        if (na !== nb) problems.push(`output ${k} grad_fn ${na} vs ${nb}`);
      }
      for (let k = 0; k < cpu.grads.length; k++) {
        const a = cpu.grads[k];
        const b = gpu.grads[k];
        if ((a === null) !== (b === null)) {
          problems.push(`grad ${k}: ${a === null ? 'None' : 'tensor'} vs ${b === null ? 'None' : 'tensor'}`);
          continue;
        }
        if (a && b) {
          if (b.device !== 'webgpu') problems.push(`grad ${k} is on ${b.device}`);
          const m = mismatch(a._values(), (await b.cpu_async())._values());
          if (m) problems.push(`grad ${k}: ${m}`);
        }
      }
      await torch.webgpu.synchronize();
      results.push({ name: c.name, ok: problems.length === 0, detail: problems.join('; ') });
    } catch (e) {
      results.push({ name: c.name, ok: false, detail: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }
  return results;
}

/**
 * Kernels recorded for chains of elementwise ops on a 1,000-element GPU tensor, each read back once
 * (the copy for a read-back is not a dispatch).
 */
export async function runFusion(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = async (name: string, f: (x: Tensor) => Tensor) => {
    const x = torch.randn([1000]).to('webgpu');
    await torch.webgpu.synchronize();
    const before = dispatchCount();
    const y = f(x);
    await y.tolist_async();
    counts[name] = dispatchCount() - before;
  };
  await count('six-op chain', (x) => x.mul(2).add(1).tanh().mul(x).sub(0.5).exp());
  await count('diamond', (x) => {
    const y = x.sin();
    return y.mul(y).add(y.cos());
  });
  await count('chain into a sum', (x) => x.mul(x).add(1).sum());
  await count('no grad update', (x) => torch.no_grad(() => x.sub_(x.mul(0.1).add(x.sign().mul(0.01)))));
  return counts;
}

Object.assign(globalThis, { gradlabParity: { runParity, runSeeds, runFusion, init: () => torch.webgpu.init(), names: () => cases.map((c) => c.name), torch } });
