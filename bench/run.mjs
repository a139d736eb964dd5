// Runs a benchmark as the browser would run the engine: bundled by esbuild (no tsx name-keeping
// helpers in the hot paths), in plain node with --expose-gc so benches can collect between runs.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const name = process.argv[2] ?? 'cpu';
const outDir = path.join(root, 'node_modules', '.cache', 'gradlab-bench');
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, `${name}.mjs`);
await build({
  entryPoints: [path.join(root, 'bench', `${name}.bench.ts`)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node20',
  outfile,
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(3)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
