/**
 * `node bench/run.mjs python` (part of `npm run bench`): what Python mode adds to the engine.
 * The same 10,000-op scalar chain written in Python (through Pyodide and python/torch) and in
 * TypeScript, in one process; the difference per op is the wrapper's overhead (target ≤ 10 µs).
 * Also Pyodide's start-up in Node, plain and from the CLI's memory snapshot (diagnostic: the
 * browser's figures are in `npm run bench:python`).
 */
import { loadPyodide } from 'pyodide';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { torch } from '../engine/index';
import { clearTraces } from '../engine/autograd/trace';
import { readPackage } from '../src/python/cli';
import { startPython } from '../src/python/runtime';

const CHAIN = 10_000;
const REPS = 7;
const WARMUP = 5;

const median = (v: number[]) => [...v].sort((p, q) => p - q)[v.length >> 1];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function tsChain(op: 'mul' | 'add'): number {
  const x = torch.tensor(1.0, { requires_grad: true });
  const t0 = performance.now();
  let y = x;
  for (let i = 0; i < CHAIN; i++) y = op === 'mul' ? y.mul(1.0001) : y.add(x);
  return performance.now() - t0;
}

const root = process.cwd();
log('Pyodide start-up…');
let t0 = performance.now();
const pyodide = await loadPyodide();
const plainStart = performance.now() - t0;
let snapshotStart: number | null = null;
try {
  const snapshot = readFileSync(path.join(root, 'node_modules', '.cache', 'gradlab-python', `pyodide-${pyodide.version}.snapshot`));
  t0 = performance.now();
  await loadPyodide({ _loadSnapshot: snapshot });
  snapshotStart = performance.now() - t0;
} catch {
  snapshotStart = null;
}

const runtime = startPython({
  pyodide,
  engine: torch,
  files: readPackage(path.join(root, 'python')),
  makeDot: (outputs, opts) => torch.viz.make_dot(outputs, opts),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
t0 = performance.now();
const failed = await runtime.run('import torch\n', '<bench>');
const importTorch = performance.now() - t0;
if (failed) throw new Error(failed.traceback);

pyodide.runPython(`
import time, torch
def chain(op):
    x = torch.tensor(1.0, requires_grad=True)
    t0 = time.perf_counter()
    y = x
    if op == 'mul':
        for _ in range(${CHAIN}):
            y = y * 1.0001
    elif op == 'add':
        for _ in range(${CHAIN}):
            y = y + x
    else:
        for _ in range(${CHAIN}):
            y = y.exp()
    return (time.perf_counter() - t0) * 1000
`);
const pyChain = pyodide.globals.get("chain") as (op: string) => number;

function tsExp(): number {
  const x = torch.tensor(1.0, { requires_grad: true });
  const t0 = performance.now();
  let y = x;
  for (let i = 0; i < CHAIN; i++) y = y.exp();
  return performance.now() - t0;
}

interface Row {
  benchmark: string;
  python: number;
  typescript: number;
}
const rows: Row[] = [];
for (const [label, op, ts] of [
  ['`y = y * 1.0001`', 'mul', () => tsChain('mul')],
  ['`y = y + x`', 'add', () => tsChain('add')],
  ['`y = y.exp()` (method)', 'exp', tsExp],
] as const) {
  log(`chain ${op}…`);
  const py: number[] = [];
  const tsTimes: number[] = [];
  for (let r = 0; r < WARMUP + REPS; r++) {
    const p = pyChain(op);
    const t = ts();
    clearTraces();
    if (r >= WARMUP) {
      py.push(p);
      tsTimes.push(t);
    }
  }
  rows.push({ benchmark: `scalar chain forward, ${CHAIN} × ${label}`, python: (median(py) * 1000) / CHAIN, typescript: (median(tsTimes) * 1000) / CHAIN });
}

const f = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
console.log('| benchmark | Python | TypeScript | overhead | target | pass |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const overhead = r.python - r.typescript;
  console.log(`| ${r.benchmark} | ${f(r.python)} µs/op | ${f(r.typescript)} µs/op | ${f(overhead)} µs/op | ≤ 10 µs/op | ${overhead <= 10 ? '✅' : '❌'} |`);
}
console.log(`| Pyodide start in Node (diagnostic) | ${f(plainStart)} ms | — | — | — | |`);
console.log(`| same, from the CLI's snapshot (diagnostic) | ${snapshotStart === null ? 'no snapshot yet (run npm run py once)' : `${f(snapshotStart)} ms`} | — | — | — | |`);
console.log(`| \`import torch\` (diagnostic) | ${f(importTorch)} ms | — | — | — | |`);

