/**
 * `npm run bench:graph`: the graph view's speed in Chromium. Builds bench/graph.html (the engine,
 * layoutGraph's Graphviz worker and the d3 renderer), serves it, and times layout plus draw up to
 * the next painted frame: 1,000-node graphs (budget 500 ms) and the seed examples re-drawn after
 * an edit (budget 150 ms). The case, a 1,000-node graph as the first graph of a fresh page,
 * is the median of FRESH (default 7) fresh pages per graph. Prints a markdown table.
 */
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import { chromiumPath } from './chromium.mjs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const outDir = join(tmpdir(), 'gradlab-graph-bench');
const BUDGETS = [
  { match: /1000/, ms: 500 },
  { match: /^seed/, ms: 150 },
];

await build({
  configFile: false,
  root: 'bench',
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: 'bench/graph.html' } },
});
const server = await preview({ configFile: false, root: 'bench', logLevel: 'warn', build: { outDir }, preview: { port: 4212 } });
const url = `${server.resolvedUrls.local[0]}graph.html`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });

async function onFreshPage(fn) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof window.graphBench === 'function');
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

const FRESH = Number(process.env.FRESH ?? 7);
const median = (runs) => [...runs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs.length / 2)];

try {
  const firsts = [];
  for (const kind of ['chain', 'tree']) {
    const runs = [];
    for (let i = 0; i < FRESH; i++) {
      runs.push(
        await onFreshPage(async (page) => {
          await page.evaluate(() => window.warmGraphWorker());
          await page.waitForTimeout(1500);
          return page.evaluate((k) => window.graphBenchFirst(k), kind);
        }),
      );
    }
    const m = median(runs);
    firsts.push({ ...m, case: `${m.case} (median of ${FRESH} fresh pages; totals ${runs.map((r) => Math.round(r.totalMs)).join(', ')})` });
  }
  const cold = await onFreshPage((page) => page.evaluate(() => window.graphBenchCold()));
  const warm = await onFreshPage(async (page) => {
    await page.evaluate(() => window.warmGraphWorker());
    await page.waitForTimeout(1500);
    return page.evaluate(() => window.graphBench());
  });
  const ms = (x) => x.toFixed(1);
  console.log('| case | nodes | edges | layout ms (dot, parse in worker) | draw ms | style+layout ms | total ms (to painted frame) | budget |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of [...firsts, ...cold, ...warm]) {
    const budget = r.case.startsWith('cold') ? null : BUDGETS.find((b) => b.match.test(r.case));
    const verdict = budget ? `${budget.ms} ms ${r.totalMs <= budget.ms ? 'pass' : 'FAIL'}` : '';
    console.log(`| ${r.case} | ${r.nodes} | ${r.edges} | ${ms(r.layoutMs)} (${ms(r.dotMs)}, ${ms(r.parseMs)}) | ${ms(r.drawMs)} | ${ms(r.styleMs)} | ${ms(r.totalMs)} | ${verdict} |`);
  }
  console.log(`\nload average (1, 5, 15 min) at the end: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
