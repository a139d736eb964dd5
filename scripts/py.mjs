// `npm run --silent py -- file.py`: runs a Python file through Pyodide, our torch package and the
// engine (src/python/cli.ts). The engine is TypeScript: it is bundled with esbuild into
// node_modules/.cache/gradlab-python when a source is newer than the bundle, so a run starts
// with plain node.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'node_modules', '.cache', 'gradlab-python', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

const sources = Math.max(newestSource(path.join(root, 'engine')), newestSource(path.join(root, 'src', 'python')), mtime(path.join(root, 'package-lock.json')));
if (mtime(bundle) < sources) {
  const result = await build({
    entryPoints: [path.join(root, 'src', 'python', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  // Written whole and renamed: runs started at the same time never import a half-written file.
  mkdirSync(path.dirname(bundle), { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, bundle);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(root, process.argv.slice(2));
