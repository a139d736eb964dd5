/**
 * Pyodide ships with the app, from the app's own origin (no CDN: the app works offline): a Vite
 * plugin that puts its runtime files and memory snapshots of the started interpreter (gzipped: 31
 * MB of mostly empty memory become about 6 MB) in `assets/pyodide-<version>/`, beside the Python
 * worker that loads them (python.worker.ts): one taken in Node (snapshot.ts), for any browser, and
 * one taken in headless Chromium (browserSnapshot.ts), for browsers with JSPI. The dev server
 * serves the same paths. Nothing here is loaded before a student first chooses Python.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { cachedSnapshot, pyodideVersion } from './snapshot';
import { browserSnapshot } from './browserSnapshot';
import { JSPI_SNAPSHOT_FILE, RUNTIME_FILES, SNAPSHOT_FILE } from './assetFiles';

export const PYODIDE_DIR = `pyodide-${pyodideVersion}`;

const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
  '.gz': 'application/octet-stream',
};

export function pyodideAssets(cacheDir: string): Plugin {
  const pyodideDir = path.dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  let snapshot: Promise<Buffer> | null = null;
  let jspiSnapshot: Promise<Buffer | null> | null = null;
  const gzippedSnapshot = () => (snapshot ??= cachedSnapshot(cacheDir).then((s) => gzipSync(s.snapshot)));
  const gzippedJspiSnapshot = () => (jspiSnapshot ??= browserSnapshot(cacheDir, pyodideDir).then((s) => (s ? gzipSync(s) : null)));
  const served = new RegExp(`/${PYODIDE_DIR.replace(/\./g, '\\.')}/([\\w.-]+)$`);
  return {
    name: 'gradlab-pyodide-assets',
    async generateBundle() {
      for (const file of RUNTIME_FILES) {
        this.emitFile({ type: 'asset', fileName: `assets/${PYODIDE_DIR}/${file}`, source: readFileSync(path.join(pyodideDir, file)) });
      }
      this.emitFile({ type: 'asset', fileName: `assets/${PYODIDE_DIR}/${SNAPSHOT_FILE}`, source: await gzippedSnapshot() });
      const jspi = await gzippedJspiSnapshot();
      if (jspi) this.emitFile({ type: 'asset', fileName: `assets/${PYODIDE_DIR}/${JSPI_SNAPSHOT_FILE}`, source: jspi });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = served.exec((req.url ?? '').split('?')[0]);
        if (!m || !(RUNTIME_FILES.includes(m[1]) || m[1] === SNAPSHOT_FILE || m[1] === JSPI_SNAPSHOT_FILE)) return next();
        const send = (body: Buffer) => {
          res.setHeader('Content-Type', TYPES[path.extname(m[1])] ?? 'application/octet-stream');
          res.end(body);
        };
        if (m[1] === SNAPSHOT_FILE) gzippedSnapshot().then(send, next);
        else if (m[1] === JSPI_SNAPSHOT_FILE) gzippedJspiSnapshot().then((s) => (s ? send(s) : next()), next);
        else send(readFileSync(path.join(pyodideDir, m[1])));
      });
    },
  };
}
