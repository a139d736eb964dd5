/**
 * The student's screen is readable at a glance: at 1440×900 a seed example's graph is fitted with
 * labels of at least 12 px (gradients at least 11 px), the panes can be resized (and stay so),
 * zoom has visible controls, and an error marks its line in the editor.
 */
import { test, expect, type Page } from '@playwright/test';
import { seedArticles } from '../engine/seeds/examples';
import { followLink, openSnippet } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

const seeds = Object.values(seedArticles).flat();
const seed = (id: string) => seeds.find((e) => e.id === id)!.source;

/** The smallest on-screen font size, in CSS pixels, of the SVG text elements matched. */
function smallestText(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const sizes = [...document.querySelectorAll<SVGTextElement>(sel)].map((t) => (t.getScreenCTM()?.a ?? 0) * parseFloat(getComputedStyle(t).fontSize));
    return sizes.length ? Math.min(...sizes) : 0;
  }, selector);
}

/** The graph's zoom: the scale of its viewport's transform. */
function scale(page: Page): Promise<number> {
  return page.locator('.graph-viewport').evaluate((g) => (g as SVGGElement).transform.baseVal.consolidate()?.matrix.a ?? 1);
}

// The first article's example, the largest graph of the second article's, and the MLP of the fourth.
for (const id of ['000-4', '001-9', '003-2']) {
  test(`seed example ${id}: at fit, node labels are at least 12 px on screen`, async ({ page }) => {
    await openSnippet(page, seed(id));
    await expect(page.getByTestId('graph-node').first()).toBeVisible();
    await expect.poll(() => smallestText(page, '[data-testid="graph-node"] text')).toBeGreaterThanOrEqual(12);
    // The fit button gives the same view.
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-fit').click();
    await expect.poll(() => smallestText(page, '[data-testid="graph-node"] text')).toBeGreaterThanOrEqual(12);
  });
}

test('the gradients on the edges are at least 11 px at fit while stepping backward', async ({ page }) => {
  await openSnippet(page, seed('000-4'));
  await page.getByTestId('backward-scrubber').fill('5');
  await expect(page.getByTestId('backward-progress')).toHaveText('5 / 5');
  await expect(page.locator('.graph-flow-label').first()).toBeVisible();
  await expect.poll(() => smallestText(page, '.graph-flow-label text, .graph-flow-box text')).toBeGreaterThanOrEqual(11);
});

test('+, − and fit zoom the graph, and fit brings back the fitted view', async ({ page }) => {
  await openSnippet(page, seed('000-4'));
  for (const id of ['zoom-in', 'zoom-out', 'zoom-fit']) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  const fitted = await scale(page);
  await page.getByTestId('zoom-in').click();
  await expect.poll(() => scale(page)).toBeCloseTo(fitted * 1.25, 3);
  await page.getByTestId('zoom-out').click();
  await page.getByTestId('zoom-out').click();
  await expect.poll(() => scale(page)).toBeCloseTo(fitted / 1.25, 3);
  await page.getByTestId('zoom-fit').click();
  await expect.poll(() => scale(page)).toBeCloseTo(fitted, 3);
});

test('the editor, graph and console panes resize by dragging, and keep their sizes after a reload', async ({ page }) => {
  await openSnippet(page, seed('000-4'));
  const graphPanel = page.locator('#graph-panel');
  const editor = page.locator('.editor-panel');
  const height = async () => (await graphPanel.boundingBox())!.height;
  const width = async () => (await editor.boundingBox())!.width;
  const graphBefore = await height();
  const editorBefore = await width();

  const drag = async (testId: string, dx: number, dy: number) => {
    const box = (await page.getByTestId(testId).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx / 2, y + dy / 2);
    await page.mouse.move(x + dx, y + dy);
    await page.mouse.up();
  };
  await drag('splitter-graph', 0, -120);
  await expect.poll(height).toBeLessThan(graphBefore - 100);
  await drag('splitter-editor', -150, 0);
  await expect.poll(width).toBeLessThan(editorBefore - 130);
  const graphAfter = await height();
  const editorAfter = await width();

  // The keyboard moves them too.
  await page.getByTestId('splitter-graph').focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(height).toBeGreaterThan(graphAfter + 5);
  await page.keyboard.press('ArrowUp');
  await expect.poll(height).toBeCloseTo(graphAfter, 0);

  await page.reload();
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  expect(Math.abs((await height()) - graphAfter)).toBeLessThan(2);
  expect(Math.abs((await width()) - editorAfter)).toBeLessThan(2);
});

test('a runtime error names its class in the console and marks its line in the editor', async ({ page }) => {
  await openSnippet(page, 'const a = torch.ones(3);\nconst b = a.add(torch.ones(4));');
  await expect(page.getByTestId('console-error')).toContainText('RuntimeError: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0');
  await followLink(page, 'const t = torch.ones(2);\nt.nope();');
  await expect(page.getByTestId('console-error')).toContainText('TypeError: t.nope is not a function');
  await page.waitForFunction(() => window.gradlabEditor !== undefined);
  const marked = page.locator('[data-testid="editor"] .gl-editor-error-line');
  await expect(marked).toHaveCount(1);
  const line2 = page.locator('[data-testid="editor"] .view-line', { hasText: 't.nope();' });
  const [a, b] = [await marked.boundingBox(), await line2.boundingBox()];
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
});
