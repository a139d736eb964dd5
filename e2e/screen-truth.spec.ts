/**
 * A student's screen never shows an old graph as current: a run that fails keeps the last graph,
 * dimmed and said to be old; a backward that raised is shown as failed; the saved tensors stay
 * visible (greyed) after backward freed them.
 */
import { test, expect } from '@playwright/test';
import { followLink, openSnippet } from './helpers';

const GOOD = 'const x = torch.ones(2, {requires_grad: true});\nconst y = x.mul(3).sum();';

test('a failed run keeps the last graph, dimmed and marked old, until a run draws again', async ({ page }) => {
  await openSnippet(page, GOOD);
  const graph = page.getByTestId('graph');
  await expect(graph).toHaveAttribute('data-stale', 'false');
  await expect(page.locator('[data-testid="graph-node"][data-label="MulBackward0"]')).toHaveCount(1);
  await expect(page.getByTestId('graph-stale-note')).toHaveCount(0);

  // A syntax error: nothing runs, the old graph stays, dimmed, and the graph says why.
  await followLink(page, 'const x = torch.ones(2, {requires_grad: true});\nconst y = x.mul(;');
  await expect(graph).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('graph-stale-note')).toHaveText('graph of the last run that drew one, 1 edit ago');
  await expect(page.getByTestId('graph-problem')).toHaveText('The code does not parse at line 2, so nothing ran: no new graph.');
  expect(await graph.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(0.6);
  await expect(page.locator('[data-testid="graph-node"][data-label="MulBackward0"]')).toHaveCount(1);

  // requires_grad on an integer tensor fails before any graph: two edits ago now.
  await followLink(page, 'const x = torch.ones(2, {dtype: torch.int64, requires_grad: true});\nconst y = x.mul(3).sum();');
  await expect(page.getByTestId('console-error')).toContainText('Only Tensors of floating point');
  await expect(graph).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('graph-stale-note')).toHaveText('graph of the last run that drew one, 2 edits ago');
  await expect(page.getByTestId('graph-problem')).toHaveText('The run stopped at line 1 before it built a graph: no new graph.');

  await followLink(page, GOOD.replace('mul(3)', 'add(1)'));
  await expect(graph).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('graph-stale-note')).toHaveCount(0);
  await expect(page.getByTestId('graph-problem')).toHaveCount(0);
  await expect(page.locator('[data-testid="graph-node"][data-label="AddBackward0"]')).toHaveCount(1);
  expect(await graph.evaluate((el) => Number(getComputedStyle(el).opacity))).toBe(1);
});

test('a run that fails before any graph, with none before it, says so where the graph is', async ({ page }) => {
  await openSnippet(page, "throw new Error('before any tensor');");
  await expect(page.getByTestId('graph')).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('graph-problem')).toHaveText('The run stopped at line 1 before it built a graph: no new graph.');
  await expect(page.getByTestId('graph-node')).toHaveCount(0);
});

test('a second backward is shown as failed, stopping at the node that raised, with its error', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(2, 2, {requires_grad: true});\nconst y = x.add(2).mul(3).mean();\ny.backward();\ny.backward();');
  await expect(page.getByTestId('console-error')).toContainText('Trying to backward through the graph a second time');
  const picker = page.getByTestId('backward-trace');
  const options = picker.locator('option');
  await expect(options).toHaveCount(2);
  // Newest first: the second call failed, the first did not.
  await expect(options.nth(0)).toHaveAttribute('data-failed', 'true');
  await expect(options.nth(0)).toContainText('backward #2 · failed at MulBackward0 (2 steps)');
  await expect(options.nth(1)).not.toHaveAttribute('data-failed', /.*/);
  await expect(page.getByTestId('backward-failed')).toHaveCount(0);

  await expect(page.getByTestId('backward-progress')).toHaveText('0 / 2');
  await page.getByTestId('backward-step').click();
  await expect(page.locator('[data-testid="graph-node"][data-failed="true"]')).toHaveCount(0);
  await page.getByTestId('backward-step').click();
  await expect(page.getByTestId('backward-progress')).toHaveText('2 / 2');
  await expect(page.getByTestId('backward-step')).toBeDisabled();
  const failed = page.locator('[data-testid="graph-node"][data-failed="true"]');
  await expect(failed).toHaveAttribute('data-label', 'MulBackward0');
  await expect(page.getByTestId('flow-error')).toHaveCount(1);
  await expect(page.getByTestId('stepper-caption')).toHaveText(/^MulBackward0 raised RuntimeError: Trying to backward through the graph a second time/);
  const rule = page.getByTestId('chain-rule');
  await expect(rule).toHaveAttribute('data-failed', 'true');
  await expect(rule).toContainText('Trying to backward through the graph a second time');

  // The first backward, picked, runs to its end with no failure.
  await picker.selectOption({ index: 1 });
  await page.getByTestId('backward-scrubber').fill('4');
  await expect(page.getByTestId('backward-progress')).toHaveText('4 / 4');
  await expect(page.locator('[data-testid="graph-node"][data-failed="true"]')).toHaveCount(0);
});

test('a single backward that raised says so beside the stepper, and its last step is the node that raised', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(2, {requires_grad: true});\nconst y = x.exp();\ny.add_(1);\ny.sum().backward();');
  await expect(page.getByTestId('console-error')).toContainText('one of the variables needed for gradient computation has been modified by an inplace operation');
  await expect(page.getByTestId('backward-trace')).toHaveCount(0);
  await expect(page.getByTestId('backward-failed')).toHaveText('this backward raised RuntimeError at ExpBackward0 (step 3)');
  await page.getByTestId('backward-scrubber').fill('3');
  await expect(page.getByTestId('backward-progress')).toHaveText('3 / 3');
  await expect(page.locator('[data-testid="graph-node"][data-failed="true"]')).toHaveAttribute('data-label', 'ExpBackward0');
  await expect(page.getByTestId('chain-rule')).toContainText('has been modified by an inplace operation');
});

test('saved tensors show after backward freed them, greyed, and say what would keep them', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(2, 2, {requires_grad: true});\nconst y = x.add(2);\nconst out = y.mul(y).mul(3).mean();\nout.backward();');
  await page.locator('label', { has: page.getByTestId('show-saved') }).click();
  await expect(page.getByTestId('show-saved')).toBeChecked();
  const saved = page.locator('[data-testid="graph-node"][data-kind="saved"]');
  await expect(saved.first()).toBeVisible();
  expect(await saved.count()).toBeGreaterThanOrEqual(2);
  await expect(page.locator('[data-testid="graph-node"][data-kind="saved"]:not([data-freed="true"])')).toHaveCount(0);
  await expect(page.getByTestId('graph-freed-note')).toHaveText('saved tensor freed by backward; retain_graph=True keeps it');
  const fill = await saved.first().locator('rect').evaluate((el) => getComputedStyle(el).fill);
  expect(fill).toBe('rgb(211, 211, 211)');

  // With retain_graph=True nothing is freed: orange, as torchviz draws them.
  await followLink(page, 'const x = torch.ones(2, 2, {requires_grad: true});\nconst y = x.add(2);\nconst out = y.mul(y).mul(3).mean();\nout.backward({retain_graph: true});');
  await expect(saved.first()).toBeVisible();
  await expect(page.locator('[data-testid="graph-node"][data-freed="true"]')).toHaveCount(0);
  await expect(page.getByTestId('graph-freed-note')).toHaveCount(0);
  expect(await saved.first().locator('rect').evaluate((el) => getComputedStyle(el).fill)).toBe('rgb(255, 165, 0)');
});
