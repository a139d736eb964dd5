// Runs a benchmark as the browser would run the engine: bundled by esbuild (no tsx name-keeping
// helpers in the hot paths). `cpu` runs in plain node with --expose-gc so benches can collect
// between runs; `webgpu` runs in a headless Chromium page (see runWebgpu).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromiumPath } from './chromium.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const benchDir = path.join(root, 'bench');
const name = process.argv[2] ?? 'cpu';
const entry = path.join(benchDir, `${name}.bench.ts`);

// TensorFlow.js (what Gradlab is measured against) is the benchmarks' own dependency, kept out of
// the app's install: bench/package.json, installed here on first use.
if (!existsSync(path.join(benchDir, 'node_modules', '@tensorflow', 'tfjs', 'package.json'))) {
  console.log('Installing the benchmarks\' dependencies (TensorFlow.js) into bench/node_modules, once...');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: benchDir, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
// The benches are type-checked here, with their own dependencies (npm test checks the app's).
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(benchDir, 'tsconfig.json'), '--noEmit'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

if (name === 'webgpu') {
  await runWebgpu(process.argv.slice(3));
} else {
  // Beside bench/node_modules, so that the bundle's external imports (tfjs) resolve there.
  const outDir = path.join(benchDir, 'node_modules', '.cache', 'gradlab-bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
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
}

/**
 * `node bench/run.mjs webgpu [--device=swiftshader|gpu] [--reps=N] [--only=TEXT] [--chromium=PATH]`:
 * bench/webgpu.bench.ts bundled for the browser, served from http://127.0.0.1 (a secure context,
 * which navigator.gpu needs) through Playwright's routing, run in headless Chromium with WebGPU.
 * `--device=gpu` adds the flags Chromium needs to use a real GPU on Linux (Vulkan); the default
 * takes whatever adapter Chromium offers, SwiftShader (WebGPU on the CPU) on a machine without one.
 * When WebGPU is unavailable it says why and exits 0, so `npm run bench` still passes there.
 */
async function runWebgpu(args) {
  const flag = (key, fallback) => args.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3) ?? fallback;
  const device = flag('device', 'swiftshader');
  const reps = Number(flag('reps', '7'));
  const only = flag('only', undefined);
  const executablePath = flag('chromium', chromiumPath);
  if (!['swiftshader', 'gpu'].includes(device) || !(reps >= 1)) {
    console.error('usage: node bench/run.mjs webgpu [--device=swiftshader|gpu] [--reps=N] [--only=TEXT] [--chromium=PATH]');
    process.exit(2);
  }
  const skip = (why) => console.log(`WebGPU benchmark skipped: ${why}`);
  if (executablePath && !existsSync(executablePath)) return skip(`no Chromium at ${executablePath} (pass --chromium=PATH or set CHROMIUM)`);

  const bundle = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'warning' });
  const code = bundle.outputFiles[0].text;

  const { chromium } = await import('@playwright/test');
  const chromeArgs = ['--no-sandbox', '--enable-unsafe-webgpu', '--js-flags=--expose-gc'];
  if (device === 'gpu') chromeArgs.push('--enable-features=Vulkan', '--use-angle=vulkan', '--ignore-gpu-blocklist');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: chromeArgs });
  } catch (e) {
    return skip(`Chromium did not start: ${e.message.split('\n')[0]}`);
  }
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('[bench] ')) process.stderr.write(`${m.text().slice(8)}\n`);
      else if (m.type() === 'error' || m.type() === 'warning') process.stderr.write(`console ${m.type()}: ${m.text().slice(0, 400)}\n`);
    });
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    const origin = 'http://127.0.0.1:4997';
    await page.route(`${origin}/**`, (r) =>
      r.request().url().endsWith('/bench.js')
        ? r.fulfill({ contentType: 'text/javascript', body: code })
        : r.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>' }),
    );
    await page.goto(`${origin}/`);
    const started = performance.now();
    const report = await page.evaluate((opts) => globalThis.gradlabWebgpuBench.run(opts), { reps, only });
    if (report.unavailable) return skip(report.unavailable);
    console.log(table(report.rows));
    console.log(
      `\nAdapter: ${report.adapter || '?'} (tfjs-webgpu: ${report.tfjsAdapter || '?'}), Chromium ${browser.version()}, --device=${device}. ` +
        'ratio = Gradlab speed / tfjs-webgpu speed (> 1: Gradlab faster). matmul: median of timed runs after warm-up, each from the op call until ' +
        'GPUQueue.onSubmittedWorkDone() resolves after both sides submit their recorded commands (no read-back); MLP: ms per step over loops of ' +
        `10 steps that read back only the last loss (item_async / data()). Load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}, ` +
        `${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
    for (const r of report.rows) if (r.error) console.log(`Gradlab ${r.benchmark}: ${r.error}`);
  } finally {
    await browser.close();
  }
}

function fmt(v) {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function table(rows) {
  const lines = ['| benchmark | Gradlab (WebGPU) | tfjs-webgpu | ratio | target | pass |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const ratio = r.gradlab === null || r.tfjs === null ? null : r.higherIsBetter ? r.gradlab / r.tfjs : r.tfjs / r.gradlab;
    const cell = (v) => (v === null ? '—' : `${fmt(v)} ${r.unit}`);
    const mark = ratio === null ? '' : ratio >= 1 ? '✅' : '❌';
    lines.push(`| ${r.benchmark} | ${r.gradlab === null ? 'failed' : cell(r.gradlab)} | ${cell(r.tfjs)} | ${ratio === null ? '—' : `${ratio.toFixed(2)}×`} | ${r.tfjs === null ? '—' : '≥ tfjs-webgpu'} | ${mark} |`);
  }
  return lines.join('\n');
}
