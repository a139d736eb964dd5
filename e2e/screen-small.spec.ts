/**
 * Small things a student sees: the exported PNG draws a None stub's label clear of its dot, every
 * page has a favicon (no 404), the read-only embed's code is coloured as the editor colours it and
 * has no resize grip, and in a lesson long code and console lines wrap instead of being cut off.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { codeLink, openSnippet, skipTour, waitForRun } from './helpers';

/** What a page asked for and got a 404 for. */
function notFound(page: Page): string[] {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  return missing;
}

test('the exported PNG draws a None stub\'s label clear of its dot', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(2, 2, {requires_grad: true});\nconst out = x.add(2).mul(3).mean();');
  await expect(page.getByTestId('none-stub').first()).toBeVisible();
  await page.getByTestId('export').click();
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  const svg = readFileSync((await svgFile.path())!, 'utf8');
  await page.getByTestId('export').click();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');

  // The PNG is this SVG rasterized: drawn on its own, each "None" ends left of its dot.
  const viewer = await page.context().newPage();
  await viewer.setContent(svg.replace(/^<\?xml[^>]*>\s*/, ''));
  const stubs = await viewer.locator('.none-stub').evaluateAll((gs) =>
    gs.map((g) => {
      const text = g.querySelector('text')!.getBBox();
      const dot = g.querySelector('circle')!.getBBox();
      return { label: g.querySelector('text')!.textContent, textRight: text.x + text.width, dotLeft: dot.x };
    }),
  );
  expect(stubs.length).toBeGreaterThan(0);
  for (const s of stubs) {
    expect(s.label).toBe('None');
    expect(s.textRight).toBeLessThanOrEqual(s.dotLeft);
  }
  await viewer.close();
});

test('the playground and the embed have a favicon: no 404 on either page', async ({ page }) => {
  const missing = notFound(page);
  await skipTour(page);
  await page.goto(codeLink('print(1);'));
  await waitForRun(page, 0);
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  await page.goto(`/embed.html${codeLink('print(1);').slice(1)}`);
  await expect(page.getByTestId('console-line')).toHaveText(['1']);
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  await page.waitForTimeout(500);
  expect(missing).toEqual([]);
});

test('the read-only embed colours its code as the editor does, with no resize grip', async ({ page }) => {
  await page.goto(`/embed.html?readonly=1${codeLink('const x = torch.ones(2, {requires_grad: true}); // a leaf\nprint("x", x.mul(2));').slice(1)}`);
  const code = page.getByTestId('embed-code');
  await expect(code).toHaveAttribute('data-colored', 'true');
  await expect(code).toHaveText('const x = torch.ones(2, {requires_grad: true}); // a leaf\nprint("x", x.mul(2));');
  const color = (text: string) => code.locator('span span', { hasText: text }).first().evaluate((el) => getComputedStyle(el).color);
  expect(await color('const')).toBe('rgb(0, 0, 255)');
  expect(await color('"x"')).toBe('rgb(163, 21, 21)');
  expect(await color('// a leaf')).toBe('rgb(0, 128, 0)');
  expect(await code.evaluate((el) => getComputedStyle(el).resize)).toBe('none');
});

test('in a lesson, long code and console lines wrap instead of being cut off', async ({ page }) => {
  await skipTour(page);
  await page.goto('/?lesson=understanding-autograd');
  await waitForRun(page, 0);
  await page.waitForFunction(() => window.gradlabEditor !== undefined);
  // The first line, longer than the editor beside the lesson is wide, shows whole: wrapped.
  const first = (await page.evaluate(() => window.gradlabEditor!.getValue())).split('\n')[0];
  const shown = page.locator('[data-testid="editor"] .view-lines');
  await expect.poll(async () => (await shown.innerText()).replace(/\s+/g, '')).toContain(first.replace(/\s+/g, ''));
  expect(await page.locator('[data-testid="editor"] .view-line').count()).toBeGreaterThan(first.length > 40 ? 2 : 1);
  // A console line wider than the console wraps inside it.
  const before = Number(await page.getByTestId('console').getAttribute('data-run-id'));
  await page.evaluate((hash) => (location.hash = hash), codeLink(`print('${'wide '.repeat(40)}end');`).slice(1));
  await waitForRun(page, before);
  const line = page.getByTestId('console-line').first();
  const fits = await line.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().height > 30);
  expect(fits).toBe(true);
});
