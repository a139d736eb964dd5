/**
 * The files of `assets/pyodide-<version>/` (pyodideAssets.ts puts them there): what the Python
 * worker loads, and what the page has the service worker cache for offline use (runner.ts).
 */

/** The runtime files loadPyodide fetches from its indexURL. */
export const RUNTIME_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
export const SNAPSHOT_FILE = 'snapshot.bin.gz';
/** The snapshot taken in Chromium, for browsers with JSPI (it lets Python wait for the GPU). */
export const JSPI_SNAPSHOT_FILE = 'snapshot-jspi.bin.gz';

/** The service worker's cache of these files (tools/offline.ts), which the page also fills (runner.ts). */
export const PYODIDE_CACHE = 'gradlab-pyodide';

/** Whether this browser has JSPI: then the worker starts from JSPI_SNAPSHOT_FILE. */
export function hasJspi(): boolean {
  return typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function';
}
