/**
 * A newcomer's first visit: three tips walk them through the editor, the graph and the stepper,
 * once; the header's "?" brings them back; the tour never stands in the way of the page.
 */
import { test, expect as baseExpect, type Page } from '@playwright/test';
import { codeLink, skipTour, waitForRun, editorReady } from './helpers';

// Generous: a first visit loads Monaco, the runner and Graphviz, on machines that are often busy.
const expect = baseExpect.configure({ timeout: 20_000 });
const LOAD_MS = 30_000;

const tour = (page: Page) => page.getByTestId('tour');
const focusIsIn = (page: Page, testId: string) => page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), testId);

test('the first visit shows tip 1 of 3; Next, Next and Done walk it; a reload does not show it again', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page, 0, LOAD_MS);
  await expect(tour(page)).toBeVisible();
  await expect(tour(page)).toHaveAttribute('role', 'dialog');
  await expect(tour(page)).toHaveAttribute('aria-label', /tour/i);
  await expect(page.getByTestId('tour-progress')).toHaveText('Tip 1 of 3');
  await expect(tour(page)).toContainText('runs as you type');
  await expect(page.getByTestId('tour-skip')).toBeVisible();
  expect(await focusIsIn(page, 'tour')).toBe(true);

  await page.getByTestId('tour-next').click();
  await expect(page.getByTestId('tour-progress')).toHaveText('Tip 2 of 3');
  await expect(tour(page)).toContainText('make_dot');
  await page.getByTestId('tour-next').click();
  await expect(page.getByTestId('tour-progress')).toHaveText('Tip 3 of 3');
  await expect(tour(page)).toContainText('backward()');
  await expect(page.getByTestId('tour-next')).toHaveCount(0);
  await page.getByTestId('tour-done').click();
  await expect(tour(page)).toHaveCount(0);

  await page.reload();
  await waitForRun(page, 0, LOAD_MS);
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  await expect(tour(page)).toHaveCount(0);
});

test('the header button opens it again; Escape closes it and focus returns to the button', async ({ page }) => {
  await skipTour(page);
  await page.goto('/');
  await waitForRun(page, 0, LOAD_MS);
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  await expect(tour(page)).toHaveCount(0);

  await page.getByTestId('tour-open').click();
  await expect(tour(page)).toBeVisible();
  await expect(page.getByTestId('tour-progress')).toHaveText('Tip 1 of 3');
  await expect(page.getByTestId('tour-open')).toHaveAttribute('aria-expanded', 'true');
  expect(await focusIsIn(page, 'tour')).toBe(true);
  await page.keyboard.press('Escape');
  await expect(tour(page)).toHaveCount(0);
  expect(await focusIsIn(page, 'tour-open')).toBe(true);

  // The keyboard alone walks it: Enter on the focused Next, Next, Done.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tour-progress')).toHaveText('Tip 1 of 3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tour-progress')).toHaveText('Tip 3 of 3');
  await page.keyboard.press('Enter');
  await expect(tour(page)).toHaveCount(0);
});

test('Skip closes it, and it stays closed', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page, 0, LOAD_MS);
  await page.getByTestId('tour-skip').click();
  await expect(tour(page)).toHaveCount(0);
  await page.reload();
  await waitForRun(page, 0, LOAD_MS);
  await expect(tour(page)).toHaveCount(0);
});

test('while it shows, the editor, Run and the graph still answer', async ({ page }) => {
  await page.goto(codeLink('print(1);'));
  await waitForRun(page, 0, LOAD_MS);
  await expect(tour(page)).toBeVisible();
  await editorReady(page);
  // A plain click: Playwright fails it if anything lies over the editor's lines.
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint(2);');
  await expect(page.getByTestId('console-line')).toHaveText(['1', '2']);
  const before = Number(await page.getByTestId('console').getAttribute('data-run-id'));
  await page.getByTestId('run').click();
  await waitForRun(page, before, LOAD_MS);
  await expect(tour(page)).toBeVisible();
});

test('it covers nothing in a lesson link or in the embed', async ({ page }) => {
  await page.goto('/?lesson=understanding-autograd');
  await waitForRun(page, 0, LOAD_MS);
  await expect(page.getByTestId('lesson')).toBeVisible();
  await expect(tour(page)).toHaveCount(0);
  // The lesson guides this visit; the tour waits for a plain one.
  expect(await page.evaluate(() => localStorage.getItem('gradlab.tourSeen'))).toBeNull();

  await page.goto(`/embed.html${codeLink('print(1);').slice(1)}`);
  await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'done', { timeout: LOAD_MS });
  await expect(tour(page)).toHaveCount(0);
});
