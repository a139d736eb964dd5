/**
 * The Python worker: Pyodide, our torch package and the engine, away from the page. It loads
 * Pyodide from the app's own files (pyodideAssets.ts: the runtime and a snapshot of the started
 * interpreter), then takes away every way out of the worker (src/runner/sandbox.ts) before any
 * Python runs, so `import js` sees the locked-down globals. Like the snippet worker it runs one
 * program and is thrown away; the page keeps a spare one loaded.
 */
import { loadPyodide, version, type PyodideAPI } from 'pyodide';
import { torch } from '../../engine';
import type { FromWorker, ToWorker } from '../runner/protocol';
import { lockDown } from '../runner/sandbox';
import { startPython } from './runtime';
import { executePython, pythonRunHooks } from './execute';
import { hasJspi, JSPI_SNAPSHOT_FILE, SNAPSHOT_FILE } from './assetFiles';

const postMessage = self.postMessage.bind(self) as (msg: FromWorker) => void;
const setTimer = self.setTimeout.bind(self);

// The package's sources, bundled into this worker as text (the tests and expected outputs stay out).
const files = Object.fromEntries(
  Object.entries(import.meta.glob(['/python/**/*.py', '!/python/tests/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>).map(([path, text]) => [path.replace(/^\/python\//, ''), text]),
);

// Beside this worker's file (assets/). A variable, not a literal: Vite would take
// `new URL(\`...${version}\`, import.meta.url)` for a pattern of its own assets and rewrite it.
const pyodideDir = `./pyodide-${version}/`;
const indexURL = new URL(pyodideDir, import.meta.url).href;

/**
 * The interpreter's snapshot (pyodideAssets.ts), gzipped, or null. A static host may send a `.gz`
 * file as is or with `Content-Encoding: gzip` (then the browser has already unpacked it): gzip's
 * magic bytes tell.
 */
async function fetchSnapshot(): Promise<ArrayBuffer | null> {
  let response = hasJspi() ? await fetch(`${indexURL}${JSPI_SNAPSHOT_FILE}`) : null;
  if (!response?.ok) response = await fetch(`${indexURL}${SNAPSHOT_FILE}`);
  if (!response.ok) return null;
  const bytes = await response.arrayBuffer();
  const head = new Uint8Array(bytes, 0, 2);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return bytes;
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

type Tagged = Extract<FromWorker, { runId: number }>;
type Untagged<T> = T extends Tagged ? Omit<T, 'runId' | 'nonce'> : never;

/**
 * Pyodide from a snapshot, its download overlapping the runtime's (loadPyodide takes the snapshot
 * as a promise); started from scratch (seconds longer) when no snapshot can be used.
 */
async function loadPython(): Promise<PyodideAPI> {
  const snapshot = fetchSnapshot().then((s) => s ?? Promise.reject(new Error('no snapshot')));
  try {
    return await loadPyodide({ indexURL, packages: [], _loadSnapshot: snapshot });
  } catch {
    // No snapshot, or one this browser cannot restore: start afresh below.
  }
  return loadPyodide({ indexURL, packages: [] });
}

async function start(): Promise<void> {
  const pyodide = await loadPython();
  lockDown(self);
  const hooks = pythonRunHooks();
  const runtime = startPython({ pyodide, engine: torch, files, stdout: hooks.stdout, stderr: hooks.stderr, makeDot: hooks.makeDot });
  // The package is imported now, while the worker waits as the spare: a run starts with it loaded.
  await runtime.run('import torch, torchviz\n', '<startup>');

  let started = false;
  self.onmessage = async (e: MessageEvent<ToWorker>) => {
    const msg = e.data;
    if (started || msg?.type !== 'run' || typeof msg.source !== 'string') return;
    started = true;
    const { runId, nonce } = msg;
    const post = (m: Untagged<Tagged>) => postMessage({ ...m, runId, nonce } as Tagged);
    const device = msg.device === 'webgpu' ? 'webgpu' : 'cpu';
    const result = await executePython(runtime, hooks, msg.source, (line) => post({ type: 'print', line }), { device });
    await new Promise((resolve) => setTimer(resolve, 0));
    post({ type: 'done', result });
  };
  postMessage({ type: 'ready' });
}

// A worker that cannot load Python (its files unreachable: offline before Python was ever cached)
// fails as a worker does, so that the page says the runner could not start instead of waiting.
start().catch((e: unknown) => {
  setTimer(() => {
    throw e;
  }, 0);
});
