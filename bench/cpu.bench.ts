/**
 * `npm run bench`: Gradlab's CPU engine against TensorFlow.js's pure-JS CPU backend, in one
 * process, on the same input values. Prints a markdown table; ratio = Gradlab speed / tfjs speed
 * (> 1: Gradlab is faster). Each figure is the median of several timed runs after warm-up.
 */
import * as tf from '@tensorflow/tfjs';
import { torch, type Tensor } from '../engine/index';
import { clearTraces, setTraceOptions } from '../engine/autograd/trace';

// Production mode turns off tfjs's console warnings (the "install tfjs-node" hint among them) and
// its debug checks: the configuration one benchmarks tfjs in.
tf.enableProdMode();
await tf.setBackend('cpu');

interface Row {
  benchmark: string;
  gradlab: number;
  tfjs: number | null;
  unit: string;
  /** GFLOP/s: higher is better; ms and µs: lower is better. */
  higherIsBetter: boolean;
  target: string;
  pass: boolean | null;
}

/** A full GC when node runs with --expose-gc (bench/run.mjs starts it so). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median milliseconds of `fn` over `reps` runs after `warmup` runs. */
function time(fn: () => void, warmup: number, reps: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((x, y) => x - y);
  const mid = ms.length >> 1;
  return ms.length % 2 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2;
}

/** Speed ratio, Gradlab over tfjs. */
function ratioOf(r: Row): number | null {
  if (r.tfjs === null) return null;
  return r.higherIsBetter ? r.gradlab / r.tfjs : r.tfjs / r.gradlab;
}

/** A tfjs tensor with a copy of `t`'s values (tfjs may keep the array it is given, and SGD updates ours in place). */
function toTf(t: Tensor): tf.Tensor {
  return tf.tensor(Float32Array.from(t._values()), t.shape, 'float32');
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

// ---- matmul ------------------------------------------------------------------------------------

const MATMUL_REPS: Record<number, [warmup: number, reps: number]> = { 256: [5, 15], 512: [2, 7], 1024: [1, 3] };

function benchMatmul(n: number): Row {
  const [warmup, reps] = MATMUL_REPS[n];
  const a = torch.randn(n, n);
  const b = torch.randn(n, n);
  const ta = toTf(a);
  const tb = toTf(b);
  const ours = torch.matmul(a, b)._values();
  const theirs = tf.matMul(ta, tb).dataSync();
  let maxDiff = 0;
  for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
  if (maxDiff > 1e-3 * Math.sqrt(n)) throw new Error(`matmul ${n}: Gradlab and tfjs disagree by ${maxDiff}`);

  const flops = 2 * n * n * n;
  const msOurs = time(() => void torch.matmul(a, b), warmup, reps);
  const msTheirs = time(() => {
    const c = tf.matMul(ta, tb);
    c.dataSync();
    c.dispose();
  }, Math.min(warmup, 1), reps);
  ta.dispose();
  tb.dispose();
  const gflops = (ms: number) => flops / ms / 1e6;
  const row: Row = { benchmark: `matmul ${n}×${n} float32`, gradlab: gflops(msOurs), tfjs: gflops(msTheirs), unit: 'GFLOP/s', higherIsBetter: true, target: n >= 512 ? '≥ 2× tfjs' : '—', pass: null };
  if (n >= 512) row.pass = ratioOf(row)! >= 2;
  return row;
}

// ---- MLP training step -------------------------------------------------------------------------

const BATCH = 64;
const IN = 784;
const HIDDEN = 128;
const CLASSES = 10;
const LR = 0.1;

interface MlpData {
  x: Tensor;
  target: Tensor;
  oneHot: Tensor;
}

function mlpData(): MlpData {
  torch.manual_seed(0);
  const x = torch.randn(BATCH, IN);
  const labels = Array.from({ length: BATCH }, (_, i) => (i * 7) % CLASSES);
  const target = torch.tensor(labels, { dtype: 'int64' });
  const oneHot = torch.tensor(labels.map((c) => Array.from({ length: CLASSES }, (_, k) => (k === c ? 1 : 0))));
  return { x, target, oneHot };
}

/** Gradlab through the public API: nn.Sequential of Linear/ReLU/Linear, cross-entropy, optim.SGD. */
function gradlabMlp(d: MlpData) {
  const model = new torch.nn.Sequential(new torch.nn.Linear(IN, HIDDEN), new torch.nn.ReLU(), new torch.nn.Linear(HIDDEN, CLASSES));
  const lossFn = new torch.nn.CrossEntropyLoss();
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: LR });
  let last = NaN;
  const step = () => {
    optimizer.zero_grad();
    const loss = lossFn(model(d.x), d.target);
    loss.backward();
    optimizer.step();
    last = loss.item() as number;
  };
  // tfjs starts from the same weights, in its [in, out] layout.
  const weights = Object.fromEntries(model.named_parameters());
  return { step, loss: () => last, weights };
}

/** tfjs: the same network (weights as [in, out], tfjs's layout), optimizer.minimize. */
function tfjsMlp(d: MlpData, weights: Record<string, Tensor>): { step: () => void; loss: () => number; dispose: () => void } {
  const x = toTf(d.x);
  const oneHot = toTf(d.oneHot);
  const w1 = tf.variable(tf.transpose(toTf(weights['0.weight'])));
  const b1 = tf.variable(toTf(weights['0.bias']));
  const w2 = tf.variable(tf.transpose(toTf(weights['2.weight'])));
  const b2 = tf.variable(toTf(weights['2.bias']));
  const optimizer = tf.train.sgd(LR);
  let last = NaN;
  const step = () => {
    const cost = optimizer.minimize(() => {
      const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
      const z = tf.add(tf.matMul(h, w2), b2);
      return tf.losses.softmaxCrossEntropy(oneHot, z) as tf.Scalar;
    }, true)!;
    last = cost.dataSync()[0];
    cost.dispose();
  };
  const dispose = () => [x, oneHot, w1, b1, w2, b2].forEach((t) => t.dispose());
  return { step, loss: () => last, dispose };
}

function benchMlp(): Row {
  const d = mlpData();
  const ours = gradlabMlp(d);
  const theirs = tfjsMlp(d, ours.weights);
  // Same weights, same data: the first step's losses must agree (later ones drift apart by rounding).
  ours.step();
  theirs.step();
  if (Math.abs(ours.loss() - theirs.loss()) > 1e-4 * ours.loss()) throw new Error(`MLP losses disagree: Gradlab ${ours.loss()}, tfjs ${theirs.loss()}`);
  const msOurs = time(ours.step, 10, 31);
  const msTheirs = time(theirs.step, 10, 31);
  theirs.dispose();
  const row: Row = { benchmark: `MLP ${IN}-${HIDDEN}-${CLASSES} train step, batch ${BATCH}`, gradlab: msOurs, tfjs: msTheirs, unit: 'ms', higherIsBetter: false, target: 'faster than tfjs', pass: null };
  row.pass = ratioOf(row)! > 1;
  return row;
}

// ---- scalar chain --------------------------------------------------------------------------------

const CHAIN = 10_000;

function chainForward(): { x: Tensor; y: Tensor } {
  const x = torch.tensor(1.0, { requires_grad: true });
  let y = x;
  for (let i = 0; i < CHAIN; i++) y = y.mul(1.0001);
  return { x, y };
}

/**
 * Runs before the timed ones: the engine's code is compiled by the JIT over the first runs (and
 * re-compiled once the other benchmarks' shapes have passed through it), which takes a few runs of
 * 10,000 nodes on this machine. Steady state is what a training loop of hundreds of steps sees.
 */
const CHAIN_WARMUP = 5;

/** Median µs per node of the chain's forward and of its backward. */
function gradlabChain(reps: number): { forward: number; backward: number } {
  const fwd: number[] = [];
  const bwd: number[] = [];
  for (let r = 0; r < reps + CHAIN_WARMUP; r++) {
    let t0 = performance.now();
    const { y } = chainForward();
    const f = performance.now() - t0;
    // The forward's garbage is collected before the clock starts, so `b` is backward's own cost.
    collectGarbage();
    t0 = performance.now();
    y.backward();
    const b = performance.now() - t0;
    // The trace was recorded (its cost is in `b`); the engine keeps the last 50 for the viewer,
    // and 50 traces of 10,000 steps would only measure this loop's memory, so they are let go.
    clearTraces();
    if (r >= CHAIN_WARMUP) {
      fwd.push(f);
      bwd.push(b);
    }
  }
  const median = (v: number[]) => v.sort((p, q) => p - q)[v.length >> 1];
  return { forward: (median(fwd) * 1000) / CHAIN, backward: (median(bwd) * 1000) / CHAIN };
}

/** tfjs: forward alone, and forward + backward under tf.grad; backward is their difference. */
function tfjsChain(reps: number): { forward: number; backward: number } {
  const x = tf.scalar(1.0);
  const chain = (v: tf.Tensor) => {
    let y = v;
    for (let i = 0; i < CHAIN; i++) y = tf.mul(y, 1.0001);
    return y;
  };
  const gradFn = tf.grad(chain);
  const forward = time(() => tf.tidy(() => void chain(x).dataSync()), CHAIN_WARMUP, reps);
  const both = time(() => tf.tidy(() => void gradFn(x).dataSync()), CHAIN_WARMUP, reps);
  x.dispose();
  return { forward: (forward * 1000) / CHAIN, backward: (Math.max(0, both - forward) * 1000) / CHAIN };
}

function benchChain(): Row[] {
  const ours = gradlabChain(7);
  setTraceOptions({ enabled: false });
  const untraced = gradlabChain(7);
  setTraceOptions({ enabled: true });
  const theirs = tfjsChain(5);
  const rows: Row[] = [
    { benchmark: `scalar chain forward (${CHAIN} mul)`, gradlab: ours.forward, tfjs: theirs.forward, unit: 'µs/node', higherIsBetter: false, target: '—', pass: null },
    { benchmark: `scalar chain backward (${CHAIN} nodes)`, gradlab: ours.backward, tfjs: theirs.backward, unit: 'µs/node', higherIsBetter: false, target: '< 2 µs/node', pass: ours.backward < 2 },
    { benchmark: 'scalar chain backward, trace off (diagnostic)', gradlab: untraced.backward, tfjs: null, unit: 'µs/node', higherIsBetter: false, target: '—', pass: null },
  ];
  return rows;
}

// ---- report --------------------------------------------------------------------------------------

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function table(rows: Row[]): string {
  const lines = ['| benchmark | Gradlab | tfjs-cpu | ratio | target | pass |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const ratio = ratioOf(r);
    const mark = r.pass === null ? '' : r.pass ? '✅' : '❌';
    lines.push(`| ${r.benchmark} | ${fmt(r.gradlab)} ${r.unit} | ${r.tfjs === null ? '—' : `${fmt(r.tfjs)} ${r.unit}`} | ${ratio === null ? '—' : `${ratio.toFixed(2)}×`} | ${r.target} | ${mark} |`);
  }
  return lines.join('\n');
}

const started = performance.now();
const rows: Row[] = [];
for (const n of [256, 512, 1024]) {
  log(`matmul ${n}…`);
  rows.push(benchMatmul(n));
}
log('MLP step…');
rows.push(benchMlp());
log('scalar chain…');
rows.push(...benchChain());
console.log(table(rows));
console.log(`\nratio = Gradlab speed / tfjs-cpu speed (> 1: Gradlab faster); tfjs-cpu chain backward = tf.grad − forward. Node ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s.`);
