/**
 * The interpreter snapshot for browsers with JavaScript Promise Integration (JSPI: Chromium), made
 * in headless Chromium at build time. A snapshot records how Pyodide bound its stack switching when
 * it was taken: Node's (no JSPI) leaves `pyodide.ffi.run_sync` refusing to wait, so the Python
 * worker could not wait for a GPU value in `x.item()`; one taken in Chromium can, and only runs
 * where JSPI exists (the worker picks the snapshot by `WebAssembly.Suspending`).
 *
 * Made once per Pyodide version and module list, kept beside the Node snapshot in the cache.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRELOADED_MODULES, snapshotFile } from './snapshot';

const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.zip': 'application/zip', '.json': 'application/json', '.html': 'text/html' };

const PAGE = `<!doctype html><script type="module">
const worker = new Worker('./maker.mjs', { type: 'module' });
worker.onmessage = async (e) => {
  if (typeof e.data === 'string') { window.failed = e.data; return; }
  const r = await fetch('./snapshot', { method: 'POST', body: e.data });
  window.made = r.ok;
};
worker.onerror = (e) => { window.failed = e.message; };
</script>`;

const MAKER = `import { loadPyodide } from './pyodide.mjs';
try {
  const py = await loadPyodide({ indexURL: new URL('./', import.meta.url).href, _makeSnapshot: true });
  py.runPython(${JSON.stringify(PRELOADED_MODULES.map((m) => `import ${m}`).join('\n'))});
  const snapshot = py.makeMemorySnapshot();
  postMessage(snapshot, [snapshot.buffer]);
} catch (e) {
  postMessage(String(e));
}`;

export function browserSnapshotFile(cacheDir: string): string {
  return snapshotFile(cacheDir).replace(/\.snapshot$/, '.jspi.snapshot');
}

/** The JSPI snapshot, made in headless Chromium when not cached; null where Chromium cannot run. */
export async function browserSnapshot(cacheDir: string, pyodideDir: string): Promise<Buffer | null> {
  const file = browserSnapshotFile(cacheDir);
  if (existsSync(file)) return readFileSync(file);
  let received: Buffer | null = null;
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0].slice(1);
    if (req.method === 'POST' && name === 'snapshot') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received = Buffer.concat(chunks);
        res.end();
      });
      return;
    }
    const body = name === '' ? PAGE : name === 'maker.mjs' ? MAKER : existsSync(path.join(pyodideDir, name)) && !name.includes('/') ? readFileSync(path.join(pyodideDir, name)) : null;
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': name === '' ? 'text/html' : (TYPES[path.extname(name)] ?? 'application/octet-stream') }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { chromium } = await import('@playwright/test');
    const executablePath = process.env.CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => (window as { made?: boolean; failed?: string }).made || (window as { failed?: string }).failed, null, { timeout: 180_000 });
      const failed = await page.evaluate(() => (window as { failed?: string }).failed);
      if (failed) throw new Error(failed);
    } finally {
      await browser.close();
    }
  } catch (e) {
    console.warn(`Python mode: no JSPI snapshot (headless Chromium could not make one: ${e instanceof Error ? e.message : String(e)}); browsers use the Node-made one, where x.item() of a GPU tensor cannot wait for the GPU.`);
    return null;
  } finally {
    server.close();
  }
  if (!received) return null;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, received);
  renameSync(tmp, file);
  return received;
}
