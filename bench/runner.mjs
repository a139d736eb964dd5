/**
 * `npm run bench:runner`: how long a run takes to start and finish as the student sees it, from
 * the Run button to the console showing the result, for a snippet that does almost nothing (so the
 * time is the runner's: a spare worker that has loaded the engine already, the messages to it and
 * back, the page's check and render). Builds the app, serves it (BENCH_PORT, default 4215), runs
 * RUNS (default 25) runs half a second apart in one page and prints a markdown table. Then, for
 * hostile outputs (print floods, huge names), the page's longest task (a long-task observer) from
 * the run's start until the page has shown it: how long the page stopped answering.
 */
import LZString from 'lz-string';
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const outDir = join(tmpdir(), 'gradlab-runner-bench');
const RUNS = Number(process.env.RUNS ?? 25);

await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: Number(process.env.BENCH_PORT ?? 4215), strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

/** Clicks Run and waits for the console to show the run's result; milliseconds. */
function timeOneRun() {
  return new Promise((resolve) => {
    const consoleEl = document.querySelector('[data-testid="console"]');
    const before = consoleEl.getAttribute('data-run-id');
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (consoleEl.getAttribute('data-run-id') !== before && consoleEl.getAttribute('data-status') === 'done') {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(consoleEl, { attributes: true, childList: true, subtree: true });
    document.querySelector('[data-testid="run"]').click();
  });
}

try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    localStorage.setItem('gradlab.tourSeen', '1');
    localStorage.setItem('gradlab.source', 'print(1);');
    localStorage.setItem('gradlab.autoRun', 'false');
  });
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForSelector('[data-testid="console"][data-status="done"]');
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await page.waitForTimeout(500);
    times.push(await page.evaluate(timeOneRun));
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log('| runs | min ms | median ms | p90 ms | max ms |');
  console.log('|---:|---:|---:|---:|---:|');
  console.log(`| ${RUNS} | ${at(0)} | ${at(0.5)} | ${at(0.9)} | ${at(1)} |`);

  const hostile = [
    ['6,000 prints of 20,000 characters', "for (let i = 0; i < 6000; i++) print(String(i) + 'p'.repeat(20000));"],
    ['100,000 short prints', 'for (let i = 0; i < 100000; i++) print(i);'],
    ['300 leaves named with 20,000 characters', "const names: any = {};\nlet y = torch.zeros(1, {requires_grad: true});\nfor (let i = 0; i < 300; i++) {\n  const t = torch.ones(1, {requires_grad: true});\n  names[String(i).padEnd(20000, 'w')] = t;\n  y = y.add(t);\n}\nmake_dot(y, {params: names});"],
  ];
  console.log('\n| hostile output | longest task ms | long tasks (over 50 ms) |');
  console.log('|---|---:|---:|');
  for (const [name, source] of hostile) {
    await page.evaluate(() => {
      window.__longTasks = [];
      window.__longObserver?.disconnect();
      window.__longObserver = new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)));
      window.__longObserver.observe({ type: 'longtask' });
    });
    const before = await page.getAttribute('[data-testid="console"]', 'data-run-id');
    await page.evaluate((hash) => (location.hash = hash), `#code/${LZString.compressToEncodedURIComponent(source)}`);
    await page.waitForFunction((id) => {
      const c = document.querySelector('[data-testid="console"]');
      return c.getAttribute('data-run-id') !== id && c.getAttribute('data-status') !== 'running';
    }, before, { timeout: 60_000 });
    await page.waitForTimeout(5000);
    const tasks = await page.evaluate(() => window.__longTasks);
    console.log(`| ${name} | ${Math.round(Math.max(0, ...tasks))} | ${tasks.length} |`);
  }
  console.log(`\nload average (1, 5, 15 min) at the end: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
