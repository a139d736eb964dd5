/**
 * Big graphs draw: a 1,000-node chain, and a leaf feeding 601 ops (dot alone would run for
 * minutes on it; layoutBundles.ts draws its edges as one trunk and says so). No timings here:
 * `npm run bench:graph` measures speed.
 */
import { test, expect, type Page } from '@playwright/test';
import { codeLink, skipTour, waitForRun } from './helpers';

/** Like helpers' openSnippet, with room for a long run (the 600-step loop's backward) on a busy machine. */
async function openBig(page: Page, source: string): Promise<void> {
  await skipTour(page);
  await page.goto(codeLink(source));
  await waitForRun(page, 0, 60_000);
}

test.slow();

test('a leaf that feeds 601 ops is drawn whole, with a note about its shared edge line', async ({ page }) => {
  await openBig(page, 'const x = torch.ones(1, { requires_grad: true });\nlet s = x.mul(1);\nfor (let i = 0; i < 600; i++) s = s.add(x.mul(i));\ns.backward();');
  const nodes = page.getByTestId('graph-node');
  // x, its AccumulateGrad, 601 MulBackward0, 600 AddBackward0, and the output s.
  await expect(nodes).toHaveCount(1204, { timeout: 30_000 });
  await expect(page.locator('[data-testid="graph-node"][data-label="MulBackward0"]')).toHaveCount(601);
  await expect(page.locator('[data-testid="graph-node"][data-label="AddBackward0"]')).toHaveCount(600);
  await expect(page.locator('[data-testid="graph-node"][data-kind="leaf"]')).toHaveCount(1);
  // Every one of the AccumulateGrad's 601 edges is there, under its own ends.
  const acc = await page.locator('[data-testid="graph-node"][data-label="AccumulateGrad"]').getAttribute('data-node-id');
  const hub = `n${acc}`;
  const ends = await page.locator(`[data-testid="graph-edge"][data-from="${hub}"]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-to')));
  // The trunk's segments run from the hub to itself; the branches end in the 601 ops.
  expect(new Set(ends.filter((to) => to !== hub)).size).toBe(601);
  await expect(page.getByTestId('graph-note')).toHaveText('AccumulateGrad feeds 601 nodes: those edges share one line, so the graph lays out quickly.');
  await expect(page.locator('.graph-canvas-error')).toHaveCount(0);
});

test('a 1,000-node chain is drawn whole, with no note', async ({ page }) => {
  await openBig(page, 'const x = torch.ones(2, 2, { requires_grad: true });\nlet y = x;\nfor (let i = 0; i < 997; i++) y = y.mul(1.01);\ny.sum().backward();');
  // x, its AccumulateGrad, 997 MulBackward0, SumBackward0 and the output.
  await expect(page.getByTestId('graph-node')).toHaveCount(1001, { timeout: 30_000 });
  await expect(page.getByTestId('graph-edge')).toHaveCount(1000);
  await expect(page.getByTestId('graph-note')).toHaveCount(0);
});
