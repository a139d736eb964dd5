/**
 * A classroom with bad wifi: after one visit the playground reloads and runs snippets with the
 * network off, and a new deployment waits for the student's "Reload" instead of half-updating.
 * Each test serves its own copy of the build (so the second test can deploy a new version) and
 * lets the service worker run (playwright.config.ts blocks it elsewhere).
 */
import { test, expect, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import LZString from 'lz-string';
import { codeLink, skipTour, waitForRun } from './helpers';

test.use({ serviceWorkers: 'allow' });

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain',
};

/**
 * A copy of dist/ served by a plain static server, as a static host would serve it; `cors`: with
 * `Access-Control-Allow-Origin: *` for assets/, as README "Embedding" asks (the runner frames start).
 */
async function serveCopy(cors = false): Promise<{ root: string; origin: string; server: Server }> {
  const root = mkdtempSync(path.join(tmpdir(), 'gradlab-offline-'));
  cpSync('dist', root, { recursive: true });
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    try {
      const body = readFileSync(file);
      const cross = cors && pathname.includes('/assets/') ? { 'Access-Control-Allow-Origin': '*' } : {};
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', ...cross }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { root, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Waits until the service worker has installed (precached everything) and is active. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), { timeout: 60_000 })
    .toBe('activated');
}

test('after one visit, the page reloads and runs snippets with the network off', async ({ page, context }) => {
  const { root, origin, server } = await serveCopy();
  try {
    await skipTour(page);
    await page.goto(`${origin}/`);
    await expect(page.getByTestId('graph-node').first()).toBeVisible({ timeout: 30_000 });
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('graph-node').first()).toBeVisible({ timeout: 30_000 });
    // A link to a snippet the page has never run: the runner, the layout worker and Graphviz come from the cache.
    const before = Number((await page.getByTestId('console').getAttribute('data-run-id')) ?? 0);
    await page.goto(`${origin}/${codeLink('const a = torch.tensor([1.0, 2.0], {requires_grad: true});\nconst b = a.mul(a).sum();\nb.backward();\nprint(a.grad);').slice(1)}`);
    await waitForRun(page, before, 30_000);
    await expect(page.getByTestId('console-line')).toHaveText(['tensor([2., 4.])']);
    await expect(page.getByTestId('graph-node')).not.toHaveCount(0);
    // The editor (Monaco and its TypeScript worker) loads offline too.
    await page.getByTestId('editor').click();
    await page.waitForFunction(() => window.gradlabEditor !== undefined, null, { timeout: 30_000 });
  } finally {
    await context.setOffline(false);
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a new deployment waits for the student to reload, then the page runs the new version', async ({ page }) => {
  const { root, origin, server } = await serveCopy();
  try {
    await skipTour(page);
    await page.goto(`${origin}/`);
    await waitForServiceWorker(page);
    await page.reload();
    await expect(page.getByTestId('graph-node').first()).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // Deploy a new version: a changed page, and the service worker that lists it.
    const index = path.join(root, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name="gradlab-version" content="2" />\n    <title>'));
    const sw = path.join(root, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/(url:"index\.html",revision:")[0-9a-f]+"/, '$1new-deployment"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    // The page says so and keeps running the version it started with until the student chooses.
    await expect(page.getByTestId('update-notice')).toBeVisible({ timeout: 30_000 });
    expect(await page.locator('meta[name=gradlab-version]').count()).toBe(0);
    await page.getByTestId('update-reload').click();
    await expect(page.locator('meta[name=gradlab-version]')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId('graph-node').first()).toBeVisible({ timeout: 30_000 });
  } finally {
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('Python, once used, runs offline too (its runner frame\'s files kept by the page for the service worker)', async ({ page, context }) => {
  const { root, origin, server } = await serveCopy(true);
  try {
    await skipTour(page);
    await page.goto(`${origin}/#py/${LZString.compressToEncodedURIComponent('import torch\nprint(torch.ones(2) + 1)\n')}`);
    await waitForRun(page, 0, 60_000);
    await expect(page.getByTestId('console-line')).toHaveText(['tensor([2., 2.])']);
    // Online, Python ran in its runner frame, whose fetches no service worker sees.
    expect(page.frames().some((f) => f.url().endsWith('/runner-python.html'))).toBe(true);
    await waitForServiceWorker(page);
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('gradlab-pyodide')).keys()).length), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);

    await context.setOffline(true);
    await page.reload();
    await waitForRun(page, 0, 60_000);
    await expect(page.getByTestId('console-line')).toHaveText(['tensor([2., 2.])']);
  } finally {
    await context.setOffline(false);
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
