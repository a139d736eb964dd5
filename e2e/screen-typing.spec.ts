/**
 * The redraw keeps up with typing: the code is parsed first and code that does not parse starts no
 * run; after a fast run the next edit runs at once (no fixed pause); a run that the next keystroke
 * makes stale is stopped. (How fast: `npm run bench:graph`, not here.)
 */
import { test, expect, type Page } from '@playwright/test';
import { openSnippet } from './helpers';

/** How many snippet workers the page has started and stopped (window.gradlabWorkers). */
const workers = (page: Page) => page.evaluate(() => ({ ...window.gradlabWorkers! }));

const runId = async (page: Page) => Number(await page.getByTestId('console').getAttribute('data-run-id'));

/** One edit that appends `text` (as a paste would: Monaco may split typed text into several edits). */
async function appendEdit(page: Page, text: string): Promise<void> {
  await page.waitForFunction(() => window.gradlabEditor !== undefined);
  await page.evaluate((t) => window.gradlabEditor!.setValue(window.gradlabEditor!.getValue() + t), text);
}

test('code that does not parse starts no run; its syntax error shows once typing pauses', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(2, {requires_grad: true});\nconst y = x.mul(2).sum();');
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  // The run's worker and the spare kept warm.
  await expect.poll(async () => (await workers(page)).started).toBeGreaterThanOrEqual(2);
  const { started } = await workers(page);
  const before = await runId(page);

  await appendEdit(page, '\nconst z = y.mul(');
  await page.waitForTimeout(300);
  expect(await runId(page)).toBe(before);
  await expect(page.getByTestId('console-error')).toHaveCount(0);

  // Left as it is: the parse error shows, with its line, and the graph is marked old.
  await expect(page.getByTestId('console-error')).toContainText('SyntaxError');
  await expect(page.getByTestId('console-error')).toContainText('line 3');
  await expect(page.getByTestId('graph')).toHaveAttribute('data-stale', 'true');
  await expect(page.locator('[data-testid="editor"] .gl-editor-error-line')).toHaveCount(1);
  // No worker was taken for it: the spare is still the one made before.
  expect((await workers(page)).started).toBe(started);

  await appendEdit(page, '3);');
  await expect(page.getByTestId('graph')).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('console-error')).toHaveCount(0);
});

test('after a fast run, an edit runs at once: no timer stands between the keystroke and the run', async ({ page }) => {
  await page.clock.install();
  await openSnippet(page, 'const x = torch.ones(2, {requires_grad: true});\nconst y = x.mul(2).sum();');
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  // The second run, after typing, also comes from an edit (the first came from the link).
  await appendEdit(page, ' ');
  await expect.poll(() => runId(page)).toBeGreaterThan(1);
  await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'done');
  const before = await runId(page);
  // With time stopped, a run that waited for a pause in typing would never start.
  await page.clock.pauseAt(Date.now() + 60_000);
  await appendEdit(page, '\nconst z = y.mul(3);');
  await expect.poll(() => runId(page)).toBeGreaterThan(before);
  await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'done');
  await page.clock.resume();
});

test('a keystroke that makes the code unparseable stops the run still going for the text before it', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(2, {requires_grad: true});\nprint(x.mul(2));');
  await expect(page.getByTestId('console-line')).toHaveText(['tensor([2., 2.], grad_fn=<MulBackward0>)']);
  const before = await runId(page);
  // A run that never ends by itself (the 5 s watchdog would stop it)…
  await appendEdit(page, '\nwhile (true) {}');
  await expect.poll(() => runId(page)).toBeGreaterThan(before);
  await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'running');
  const { stopped } = await workers(page);
  // …is stopped by the next keystroke, which leaves code that does not parse.
  await appendEdit(page, '\nprint(');
  await expect.poll(async () => (await workers(page)).stopped, { timeout: 4000 }).toBeGreaterThan(stopped);
  await expect(page.getByTestId('console-error')).toContainText('SyntaxError');
  await expect(page.getByTestId('console-error')).not.toContainText('Stopped: the snippet ran for more than 5 seconds');
});
