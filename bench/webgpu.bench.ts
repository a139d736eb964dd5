/**
 * The WebGPU half of `npm run bench`: Gradlab's WebGPU backend against
 * `@tensorflow/tfjs-backend-webgpu`, in one Chromium page, on the same input values. Bundled and
 * driven by bench/run.mjs (`node bench/run.mjs webgpu`), which calls `gradlabWebgpuBench.run()`
 * and prints the rows it returns. Each figure is a median of several timed runs after warm-up
 * (at least 3, at most `reps`, fewer past a time budget: SwiftShader is slow).
 *
 * When the work counts as done is the same on both sides: every command recorded so far is
 * submitted and `GPUQueue.onSubmittedWorkDone()` is awaited (no read-back), the very wait tfjs's
 * own `data()` does before it copies. The MLP loop reads back only the last loss, as a training
 * loop that logs once would (`item_async()` against `data()`, 4 bytes each).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { torch, type Tensor } from '../engine/index';
import type { Module } from '../engine/nn/module';
import { gpuDevice } from '../engine/backends/webgpu/context';
import { setTraceOptions } from '../engine/autograd/trace';

export interface BenchRow {
  benchmark: string;
  gradlab: number | null;
  tfjs: number | null;
  unit: string;
  /** GFLOP/s: higher is better; ms: lower is better. */
  higherIsBetter: boolean;
  /** Why Gradlab has no figure (an op it cannot run on the GPU yet). */
  error?: string;
}

export interface BenchReport {
  /** Set when WebGPU (or tfjs's WebGPU backend) is unavailable: nothing was measured. */
  unavailable?: string;
  adapter: string;
  tfjsAdapter: string;
  rows: BenchRow[];
}

export interface BenchOptions {
  /** Timed runs per figure (medians of these); small values make a quick smoke run. */
  reps?: number;
  /** Run only the rows whose name contains this. */
  only?: string;
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

/** A full GC between timed runs when Chromium runs with --js-flags=--expose-gc: GPU buffers of dropped tensors are freed by finalizers. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(v: number[]): number {
  const s = [...v].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Timed runs stop after this much time once MIN_REPS are done: SwiftShader runs a 2048 matmul in minutes on a busy CPU. */
const BUDGET_MS = 60_000;
const MIN_REPS = 3;

type Run = () => Promise<void>;

/**
 * Median milliseconds of each runnable side (a run resolves once its GPU work is done) over up to
 * `reps` runs after `warmup` runs; null for a side that is null (Gradlab cannot run it). The sides
 * take turns, starting with a different one each round, so that all see the same machine load.
 */
async function timeSides(sides: (Run | null)[], warmup: number, reps: number): Promise<(number | null)[]> {
  const runs = sides.filter((r): r is Run => r !== null);
  for (let i = 0; i < warmup; i++) {
    for (const run of runs) {
      await run();
      collectGarbage();
    }
  }
  const ms: number[][] = runs.map(() => []);
  const start = performance.now();
  for (let round = 0; round < reps && (round < MIN_REPS || performance.now() - start < BUDGET_MS); round++) {
    for (let k = 0; k < runs.length; k++) {
      const s = (k + round) % runs.length;
      const t0 = performance.now();
      await runs[s]();
      ms[s].push(performance.now() - t0);
      collectGarbage();
    }
  }
  let next = 0;
  return sides.map((r) => (r === null ? null : median(ms[next++])));
}

/** Gradlab: submit what is recorded, wait until the GPU has run it. */
async function oursIdle(): Promise<void> {
  await torch.webgpu.synchronize();
  await gpuDevice().queue.onSubmittedWorkDone();
}

function tfBackend(): WebGPUBackend {
  return tf.backend() as WebGPUBackend;
}

/** tfjs: the same wait, done as its own `getBufferData` submits before a read. */
async function tfjsIdle(): Promise<void> {
  const b = tfBackend();
  b.ensureCommandEncoderReady();
  b.endComputePassEncoder();
  b.submitQueue();
  await b.device.queue.onSubmittedWorkDone();
}

/** A tfjs tensor with a copy of the CPU tensor `t`'s values. */
function toTf(t: Tensor): tf.Tensor {
  return tf.tensor(Float32Array.from(t._values()), t.shape, 'float32');
}

/** The error's message for the table; its stack (where Gradlab left the GPU) goes to the log. */
function message(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  log(`Gradlab failed: ${e.stack?.split('\n').slice(0, 8).join('\n    ') ?? e.message}`);
  return e.message;
}

// ---- matmul ------------------------------------------------------------------------------------

async function benchMatmul(n: number, reps: number): Promise<BenchRow[]> {
  const row: BenchRow = { benchmark: `matmul ${n}×${n} float32`, gradlab: null, tfjs: null, unit: 'GFLOP/s', higherIsBetter: true };
  torch.manual_seed(0);
  const a = torch.randn(n, n);
  const b = torch.randn(n, n);
  const ta = toTf(a);
  const tb = toTf(b);
  const theirs = tf.matMul(ta, tb);
  const expected = (await theirs.data()) as Float32Array;
  theirs.dispose();

  let ours: Run | null = null;
  try {
    const ga = a.to('webgpu');
    const gb = b.to('webgpu');
    const values = (await torch.matmul(ga, gb).cpu_async())._values();
    let maxDiff = 0;
    for (let i = 0; i < values.length; i++) maxDiff = Math.max(maxDiff, Math.abs(values[i] - expected[i]));
    if (!(maxDiff <= 1e-3 * Math.sqrt(n))) throw new Error(`Gradlab and tfjs disagree by ${maxDiff}`);
    ours = async () => {
      torch.matmul(ga, gb);
      await oursIdle();
    };
  } catch (e) {
    row.error = message(e);
  }
  // The checked products were the warm-up: both sides' pipelines are compiled.
  const [msTheirs, msOurs] = await timeSides(
    [
      async () => {
        const c = tf.matMul(ta, tb);
        await tfjsIdle();
        c.dispose();
      },
      ours,
    ],
    0,
    reps,
  );
  ta.dispose();
  tb.dispose();
  const gflops = (t: number) => (2 * n * n * n) / t / 1e6;
  row.tfjs = gflops(msTheirs!);
  row.gradlab = msOurs === null ? null : gflops(msOurs);
  return [row];
}

// ---- MLP training step: bench/cpu.bench.ts's, on the GPU -----------------------------------------

const BATCH = 64;
const IN = 784;
const HIDDEN = 128;
const CLASSES = 10;
const LR = 0.1;
/** Steps per timed run; only the last one's loss is read back. */
const STEPS = 10;

interface MlpSide {
  step: () => void;
  /** Waits for the last step's loss and returns it. */
  loss: () => Promise<number>;
  dispose?: () => void;
}

/** `model.to('webgpu')`: each parameter replaced, in place in its module, by a copy on the GPU. */
function moveToGpu(model: Module): void {
  for (const m of model.modules()) {
    for (const [name, p] of m._own_parameters()) m.register_parameter(name, new torch.nn.Parameter(p.detach().to('webgpu')));
  }
}

/** Gradlab through the public API, as cpu.bench.ts: nn.Sequential, CrossEntropyLoss, optim.SGD. */
function gradlabMlp(x: Tensor, target: Tensor, model: Module): MlpSide {
  moveToGpu(model);
  const gx = x.to('webgpu');
  const gtarget = target.to('webgpu');
  const lossFn = new torch.nn.CrossEntropyLoss();
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: LR });
  let last: Tensor | null = null;
  const step = () => {
    optimizer.zero_grad();
    const loss = lossFn(model(gx), gtarget);
    loss.backward();
    optimizer.step();
    last = loss;
  };
  return { step, loss: () => last!.item_async() };
}

/** tfjs: the network of cpu.bench.ts (weights as [in, out], tfjs's layout), optimizer.minimize. */
function tfjsMlp(x: Tensor, oneHot: Tensor, weights: Record<string, Tensor>): MlpSide {
  const tx = toTf(x);
  const toh = toTf(oneHot);
  const w1 = tf.variable(tf.transpose(toTf(weights['0.weight'])));
  const b1 = tf.variable(toTf(weights['0.bias']));
  const w2 = tf.variable(tf.transpose(toTf(weights['2.weight'])));
  const b2 = tf.variable(toTf(weights['2.bias']));
  const optimizer = tf.train.sgd(LR);
  let last: tf.Tensor | null = null;
  const step = () => {
    const cost = optimizer.minimize(() => {
      const h = tf.relu(tf.add(tf.matMul(tx, w1), b1));
      const z = tf.add(tf.matMul(h, w2), b2);
      return tf.losses.softmaxCrossEntropy(toh, z) as tf.Scalar;
    }, true)!;
    last?.dispose();
    last = cost;
  };
  const loss = async () => ((await last!.data()) as Float32Array)[0];
  const dispose = () => [tx, toh, w1, b1, w2, b2, last].forEach((t) => t?.dispose());
  return { step, loss, dispose };
}

/** A timed run of the MLP: STEPS steps, then the last loss read back. */
function loop(side: MlpSide): Run {
  return async () => {
    for (let i = 0; i < STEPS; i++) side.step();
    await side.loss();
  };
}

async function benchMlp(reps: number): Promise<BenchRow[]> {
  const row: BenchRow = { benchmark: `MLP ${IN}-${HIDDEN}-${CLASSES} train step, batch ${BATCH}`, gradlab: null, tfjs: null, unit: 'ms', higherIsBetter: false };
  torch.manual_seed(0);
  const x = torch.randn(BATCH, IN);
  const labels = Array.from({ length: BATCH }, (_, i) => (i * 7) % CLASSES);
  const target = torch.tensor(labels, { dtype: 'int64' });
  const oneHot = torch.tensor(labels.map((c) => Array.from({ length: CLASSES }, (_, k) => (k === c ? 1 : 0))));
  const model = new torch.nn.Sequential(new torch.nn.Linear(IN, HIDDEN), new torch.nn.ReLU(), new torch.nn.Linear(HIDDEN, CLASSES));
  // tfjs starts from the same weights, copied before the model moves to the GPU.
  const weights = Object.fromEntries(model.named_parameters().map(([k, p]) => [k, p.detach().clone()]));

  const theirs = tfjsMlp(x, oneHot, weights);
  theirs.step();
  const firstTheirs = await theirs.loss();
  let ours: MlpSide | null = null;
  try {
    const side = gradlabMlp(x, target, model);
    side.step();
    const firstOurs = await side.loss();
    // Same weights, same data: the first step's losses must agree (later ones drift apart by rounding).
    if (!(Math.abs(firstOurs - firstTheirs) <= 1e-4 * Math.abs(firstTheirs))) throw new Error(`MLP losses disagree: Gradlab ${firstOurs}, tfjs ${firstTheirs}`);
    ours = side;
  } catch (e) {
    row.error = message(e);
  }
  // The engine records every backward for the viewer by default, which on the GPU means a copy
  // back of each gradient; the same loop with recording off shows what that costs.
  const untraced = ours && withoutTrace(loop(ours));
  const [msTheirs, msOurs, msUntraced] = await timeSides([loop(theirs), ours && loop(ours), untraced], 1, reps);
  theirs.dispose?.();
  row.tfjs = msTheirs! / STEPS;
  row.gradlab = msOurs === null ? null : msOurs / STEPS;
  const diagnostic: BenchRow = { benchmark: 'same MLP step, backward trace off (diagnostic)', gradlab: msUntraced === null ? null : msUntraced / STEPS, tfjs: null, unit: 'ms', higherIsBetter: false };
  return ours ? [row, diagnostic] : [row];
}

function withoutTrace(run: Run): Run {
  return async () => {
    setTraceOptions({ enabled: false });
    try {
      await run();
    } finally {
      setTraceOptions({ enabled: true });
    }
  };
}

// ---- entry ---------------------------------------------------------------------------------------

async function run(opts: BenchOptions = {}): Promise<BenchReport> {
  const reps = opts.reps ?? 7;
  const report: BenchReport = { adapter: '', tfjsAdapter: '', rows: [] };
  if (!(await torch.webgpu.init())) return { ...report, unavailable: torch.webgpu.unavailable_reason() };
  report.adapter = torch.webgpu.adapter_name();
  tf.enableProdMode();
  if (!(await tf.setBackend('webgpu'))) return { ...report, unavailable: "tfjs's WebGPU backend did not initialize" };
  await tf.ready();
  const info = tfBackend().adapterInfo as unknown as { vendor?: string; architecture?: string };
  report.tfjsAdapter = [info.vendor, info.architecture].filter(Boolean).join(' ');

  const benches: [string, () => Promise<BenchRow[]>][] = [
    ['matmul 1024', () => benchMatmul(1024, reps)],
    ['matmul 2048', () => benchMatmul(2048, reps)],
    ['MLP step', () => benchMlp(reps)],
  ];
  for (const [name, bench] of benches) {
    if (opts.only && !name.includes(opts.only)) continue;
    log(`${name}…`);
    try {
      report.rows.push(...(await bench()));
    } catch (e) {
      report.rows.push({ benchmark: name, gradlab: null, tfjs: null, unit: '', higherIsBetter: true, error: message(e) });
    }
  }
  return report;
}

(globalThis as { gradlabWebgpuBench?: unknown }).gradlabWebgpuBench = { run };
