/**
 * `npm run bench:load`: what a first visit costs. Builds the app, serves it with `vite preview`,
 * and opens it in fresh Chromium contexts (no cache, no storage), as a student's first visit:
 *
 * - `/` (the default snippet) and a `#code/` link to another snippet: every file the page and its
 *   workers fetch before the first graph node is on screen, gzipped (level 9, as a static host
 *   serves them), by file; whether Monaco or its TypeScript worker was among them; when Monaco
 *   arrives after that (on idle).
 * - Lighthouse (desktop and mobile presets, the npm package driving the same Chromium):
 *   performance, accessibility, best practices, SEO, and the performance metrics.
 *
 * `node bench/load.mjs [--no-build] [--runs=N] [--no-lighthouse]`. Prints markdown tables.
 * Budget (README): at most 1,000 KB gzipped before the first graph of a `#code/` link, no Monaco
 * before it; Lighthouse performance ≥ 95 desktop, ≥ 90 mobile; the other categories 100.
 */
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import LZString from 'lz-string';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from './chromium.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const runs = Number(flag('runs', '3'));
const outDir = join(tmpdir(), 'gradlab-load-bench');
const PORT = 4352;
const origin = `http://127.0.0.1:${PORT}`;
const BUDGET_KB = 1000;

const LINK_SOURCE = `const w = torch.randn(3, 2, {requires_grad: true});
const x = torch.tensor([[1.0, 2.0, 3.0]]);
const loss = x.matmul(w).relu().sum();
loss.backward();
print(w.grad);`;

if (!args.includes('--no-build')) await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });

/** Every request the server answered: path and when (ms since the epoch). */
const served = [];
const server = await preview({
  logLevel: 'warn',
  build: { outDir },
  preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  plugins: [
    {
      name: 'gradlab-load-bench-log',
      configurePreviewServer(s) {
        s.middlewares.use((req, _res, next) => {
          served.push({ path: decodeURIComponent(new URL(req.url, origin).pathname), at: Date.now() });
          next();
        });
      },
    },
  ],
});

const gzCache = new Map();
function gzipKB(path) {
  const file = join(outDir, path === '/' ? 'index.html' : path);
  if (!gzCache.has(file)) {
    let kb = 0;
    try {
      if (statSync(file).isFile()) kb = gzipSync(readFileSync(file), { level: 9 }).length / 1024;
    } catch {
      kb = 0;
    }
    gzCache.set(file, kb);
  }
  return gzCache.get(file);
}

const isMonaco = (p) => /editor\.api|monaco|ts\.worker|editor\.worker|tsMode|codicon/.test(p);

async function firstVisit(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  // The moment the first graph node is in the document, by the page's own clock (the machine's).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid=graph-node]')) return;
      window.__firstGraphAt = performance.timeOrigin + performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  served.length = 0;
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.__firstGraphAt !== undefined, null, { timeout: 60_000 });
  const drawn = await page.evaluate(() => window.__firstGraphAt);
  const before = served.filter((r) => r.at <= drawn);
  // Monaco is fetched when the student reaches for the editor (and, for a returning student, on idle
  // after the first graph): a first visit that only reads never fetches it.
  let monacoAt = null;
  try {
    await page.waitForFunction(() => window.gradlabEditor !== undefined, null, { timeout: 20_000 });
    monacoAt = Date.now();
  } catch {
    monacoAt = null;
  }
  await context.close();
  const files = [...new Set(before.map((r) => r.path))].map((p) => ({ path: p, kb: gzipKB(p) }));
  return {
    firstGraphMs: drawn - t0,
    kb: files.reduce((s, f) => s + f.kb, 0),
    files,
    monacoBefore: files.some((f) => isMonaco(f.path)),
    monacoMs: monacoAt === null ? null : monacoAt - t0,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const scenarios = [
  ['first visit, `/` (default snippet)', `${origin}/`],
  ['first visit, `#code/` link', `${origin}/#code/${LZString.compressToEncodedURIComponent(LINK_SOURCE)}`],
];
const rows = [];
try {
  for (const [name, url] of scenarios) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await firstVisit(browser, url));
    const last = results.at(-1);
    rows.push({ name, results, last });
  }
} finally {
  await browser.close();
}

console.log('| first visit | fetched before the first graph (gzip) | budget | Monaco before it | first graph | Monaco ready |');
console.log('|---|---|---|---|---|---|');
for (const { name, results, last } of rows) {
  const kb = median(results.map((r) => r.kb));
  const monaco = results.some((r) => r.monacoBefore);
  const ms = Math.round(median(results.map((r) => r.firstGraphMs)));
  const monacoMs = results.every((r) => r.monacoMs !== null) ? `${Math.round(median(results.map((r) => r.monacoMs)))} ms` : 'not loaded (a first visit loads it when the student reaches for the editor)';
  console.log(`| ${name} | ${kb.toFixed(0)} KB (${last.files.length} files) | ≤ ${BUDGET_KB} KB ${kb <= BUDGET_KB ? '✅' : '❌'} | ${monaco ? 'yes ❌' : 'no ✅'} | ${ms} ms | ${monacoMs} |`);
}
for (const { name, last } of rows) {
  console.log(`\n${name}, files before the first graph (KB gzipped):`);
  for (const f of [...last.files].sort((a, b) => b.kb - a.kb)) if (f.kb > 0.5) console.log(`  ${f.kb.toFixed(1).padStart(7)}  ${f.path}`);
}

if (!args.includes('--no-lighthouse')) await lighthouseRows();

await server.close();
console.log(`\nChromium ${chromiumPath ?? "(Playwright's)"}; ${cpus().length} cores, load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}; ${new Date().toISOString().slice(0, 10)}; medians of ${runs} runs.`);

async function lighthouseRows() {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const desktop = (await import('lighthouse/core/config/desktop-config.js')).default;
  const presets = [
    ['desktop', desktop],
    ['mobile', undefined],
  ];
  console.log('\n| Lighthouse | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | SI |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, config] of presets) {
    const reports = [];
    for (let i = 0; i < runs; i++) {
      const chrome = await launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
      try {
        const result = await lighthouse(`${origin}/`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] }, config);
        reports.push(result.lhr);
      } finally {
        chrome.kill();
      }
    }
    // The run with the median performance score stands for the preset.
    reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const lhr = reports[Math.floor((reports.length - 1) / 2)];
    const score = (c) => Math.round(lhr.categories[c].score * 100);
    const metric = (id) => lhr.audits[id].displayValue;
    console.log(
      `| ${name} | ${score('performance')} (runs: ${reports.map((r) => Math.round(r.categories.performance.score * 100)).join(', ')}) | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ${metric('first-contentful-paint')} | ${metric('largest-contentful-paint')} | ${metric('total-blocking-time')} | ${metric('cumulative-layout-shift')} | ${metric('speed-index')} |`,
    );
    for (const c of ['accessibility', 'best-practices', 'seo']) {
      for (const ref of lhr.categories[c].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`  ${name} ${c}: ${audit.id}: ${audit.title}`);
      }
    }
  }
}
