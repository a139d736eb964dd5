/**
 * `npm run --silent py -- file.py`: runs a Python file in Node through the same Pyodide, package
 * and engine as the playground. stdout is the program's; an uncaught exception prints Python's
 * traceback on stderr and exits with status 1 (SystemExit's code, as Python).
 *
 * Start-up: Pyodide's interpreter start takes seconds, so the first run saves a memory snapshot
 * of the started interpreter (node_modules/.cache/gradlab-python) and later runs restore it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import torch from '../../engine';
import { startPython } from './runtime';
import { startPyodide } from './snapshot';

export const cacheDir = (root: string) => path.join(root, 'node_modules', '.cache', 'gradlab-python');

/** python/ as a map of relative path -> source. */
export function readPackage(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== '__pycache__' && rel !== 'tests') Object.assign(files, readPackage(path.join(dir, entry.name), rel));
    } else if (entry.name.endsWith('.py')) {
      files[rel] = readFileSync(path.join(dir, entry.name), 'utf8');
    }
  }
  return files;
}

const USAGE = `usage: npm run --silent py -- [--playground] path/to/file.py
  --playground  run as the playground runs a snippet: torch, nn, F, optim and make_dot predefined
`;

export async function main(root: string, args: string[]): Promise<number> {
  const playground = args[0] === '--playground';
  const file = playground ? args[1] : args[0];
  if (!file || file.startsWith('-')) {
    process.stderr.write(USAGE);
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    process.stderr.write(`python3: can't open file '${path.resolve(file)}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  const pyodide = await startPyodide(cacheDir(root));
  const runtime = startPython({
    pyodide,
    engine: torch,
    files: readPackage(path.join(root, 'python')),
    makeDot: (outputs, opts) => torch.viz.make_dot(outputs, opts),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  const error = await runtime.run(source, file, { preload: playground });
  if (!error) return 0;
  process.stderr.write(error.traceback);
  return error.exitCode;
}
