/**
 * Python mode's runner: the snippet runner of src/runner/client.ts over Python workers
 * (python.worker.ts). Imported by the page only when a Python snippet first runs. CPU runs start
 * in Python's runner frame (runner-python.html: an opaque origin in a process of its own, as
 * TypeScript's CPU runs); WebGPU runs in the page, for the reason startSnippetWorker gives.
 */
import { version } from 'pyodide';
import pythonWorkerUrl from './python.worker.ts?worker&url';
import { frameUnavailable, spawnFramedWorker } from '../runner/frame';
import { PageWorker, SnippetRunner, type RunCallbacks } from '../runner/client';
import { hasJspi, JSPI_SNAPSHOT_FILE, PYODIDE_CACHE, RUNTIME_FILES, SNAPSHOT_FILE } from './assetFiles';

export function createPythonRunner(callbacks: RunCallbacks): SnippetRunner {
  let cached = false;
  const onReady = () => {
    callbacks.onReady?.();
    if (!cached) setTimeout(() => void cacheForOffline().catch(() => undefined), 1000);
    cached = true;
  };
  return new SnippetRunner({ ...callbacks, onReady }, (device) =>
    device === 'webgpu' || frameUnavailable() ? new PageWorker(pythonWorkerUrl) : spawnFramedWorker(pythonWorkerUrl, 'runner-python.html'),
  );
}

/**
 * Puts Pyodide's files in the service worker's cache (tools/offline.ts), once Python has started
 * and where the app registered one: no service worker sees a framed worker's fetches (an opaque
 * origin), so the page fills the cache itself. Offline, the runner frame cannot load, and Python
 * starts in page workers, whose fetches the service worker answers from that cache.
 */
async function cacheForOffline(): Promise<void> {
  if (typeof caches === 'undefined' || !(await navigator.serviceWorker?.getRegistration())) return;
  const cache = await caches.open(PYODIDE_CACHE);
  // Beside the worker's file, as python.worker.ts finds them.
  const dir = new URL(`pyodide-${version}/`, new URL(pythonWorkerUrl, location.href));
  const keep = async (file: string) => {
    const url = new URL(file, dir).href;
    return (await cache.match(url)) !== undefined || cache.add(url).then(() => true, () => false);
  };
  for (const file of RUNTIME_FILES) await keep(file);
  if (!(hasJspi() && (await keep(JSPI_SNAPSHOT_FILE)))) await keep(SNAPSHOT_FILE);
}
