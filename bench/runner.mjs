/**
 * `npm run bench:runner`: how long a run takes to start and finish as the student sees it, from
 * the Run button to the console showing the result, for a snippet that does almost nothing (so the
 * time is the runner's: a spare worker that has loaded the engine already, the messages to it and
 * back, the page's check and render). Builds the app, serves it (BENCH_PORT, default 4215), runs
 * RUNS (default 25) runs half a second apart in one page and prints a markdown table.
 */
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
  console.log(`\nload average (1, 5, 15 min) at the end: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
