// Runs every seed example's "Open in PyTorch" program in real PyTorch and checks what it prints
// against the seed's `expected` (PyTorch 1.13's own output; node addresses masked), and, where the
// seed raises, that Python raises the same message. By hand, not in CI (it needs /usr/bin/python3
// with torch):
//
//   npx tsx src/export/check-python.mjs [seed-id ...]
//
// torchviz is not installed there: a stub `torchviz` package on PYTHONPATH stands in for make_dot.
// Record the seeds this verifies in VERIFIED_IN_PYTORCH (python.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedArticles } from '../../engine/seeds/examples.ts';
import { maskAddresses } from '../../engine/seeds/run_snippet.ts';
import { toPython as translate } from './python.ts';
import { monacoTypescript } from './monacoTypescript.ts';

const toPython = (source) => translate(source, monacoTypescript);

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const only = new Set(process.argv.slice(2));
const dir = mkdtempSync(join(tmpdir(), 'gradlab-py-'));
mkdirSync(join(dir, 'torchviz'));
writeFileSync(join(dir, 'torchviz', '__init__.py'), 'def make_dot(*args, **kwargs):\n    return None\n');

const passed = [];
const failed = [];
try {
  for (const ex of Object.values(seedArticles).flat()) {
    if (only.size && !only.has(ex.id)) continue;
    const { code, notes } = toPython(ex.source);
    const file = join(dir, `seed_${ex.id.replace('-', '_')}.py`);
    writeFileSync(file, code);
    let stdout = '';
    let stderr = '';
    let status = 0;
    try {
      stdout = execFileSync(PYTHON, [file], { env: { ...process.env, PYTHONPATH: dir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      stdout = e.stdout ?? '';
      stderr = e.stderr ?? '';
      status = e.status ?? 1;
    }
    const problems = [];
    if (maskAddresses(stdout) !== maskAddresses(ex.expected)) problems.push(`stdout differs:\n--- got\n${stdout}--- expected\n${ex.expected}`);
    if (ex.error) {
      if (status === 0) problems.push(`expected it to raise: ${ex.error}`);
      else if (!stderr.includes(ex.error)) problems.push(`raised something else:\n${stderr}`);
    } else if (status !== 0) problems.push(`raised:\n${stderr}`);
    const todos = notes.filter((n) => n.includes("TODO") || n.includes("syntax error"));
    if (todos.length) problems.push(`notes: ${todos.join("; ")}`);
    (problems.length ? failed : passed).push(ex.id);
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${ex.id} ${ex.title}`);
    for (const p of problems) console.log(`    ${p.replace(/\n/g, '\n    ')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${passed.length} passed: ${passed.join(', ')}`);
if (failed.length) {
  console.log(`${failed.length} failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
