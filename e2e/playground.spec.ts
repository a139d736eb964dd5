/** A student's session in the playground: running, mistakes, a runaway loop, IntelliSense, reloads. */
import { test, expect } from '@playwright/test';
import { codeLink, consoleText, followLink, openSnippet, waitForRun, editorReady } from './helpers';

test('the first visit shows the first article\'s example, run, with its graph', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page, 0);
  await expect(page.getByTestId('console-line').first()).toHaveText('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
  await expect(page.locator('[data-testid="graph-node"][data-kind="output"]')).toHaveAttribute('data-label', 'out\n ()');
  await expect(page.locator('[data-testid="graph-node"][data-kind="leaf"]')).toHaveAttribute('data-label', 'x\n (2, 2)');
});

test('an infinite loop is stopped after 5 s, earlier prints stay, and the next run works', async ({ page }) => {
  await openSnippet(page, 'print(1);');
  const before = Number(await page.getByTestId('console').getAttribute('data-run-id'));
  await page.evaluate((hash) => (location.hash = hash), codeLink("print('before the loop');\nwhile (true) {}").slice(1));
  await expect(page.getByTestId('console-line')).toHaveText(['before the loop']);
  await expect(page.getByTestId('console-error')).toHaveText(/Stopped: the snippet ran for more than 5 seconds \(an infinite loop\?\)\. The runner was restarted\./, { timeout: 8000 });
  await waitForRun(page, before);
  // The page never froze: a button still answers, and the fresh runner runs the next snippet.
  await followLink(page, 'print(torch.ones(2).add(1));');
  expect(await consoleText(page)).toBe('tensor([2., 2.])\n');
  await expect(page.getByTestId('console-error')).toHaveCount(0);
});

test('a syntax error says what and where', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(3);\nconst y = x.add(;\nprint(y);');
  const error = page.getByTestId('console-error');
  await expect(error).toContainText('SyntaxError: Unexpected token');
  await expect(error).toContainText('line 2, col 17');
});

test('a shape mismatch shows PyTorch\'s message and the line it came from', async ({ page }) => {
  await openSnippet(page, "print('start');\nconst a = torch.ones(3);\nconst b = a.add(torch.ones(4));");
  expect(await consoleText(page)).toBe('start\n');
  const error = page.getByTestId('console-error');
  await expect(error).toContainText('The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0');
  await expect(error).toContainText('line 3, col 13');
  await followLink(page, 'torch.ones(3).add(torch.ones(4))');
  await expect(error).toContainText('The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0');
  await expect(error).toContainText('line 1');
});

test('several make_dot calls give a graph picker', async ({ page }) => {
  await openSnippet(page, 'const a = torch.ones(2, {requires_grad: true});\nconst b = a.mul(2);\nmake_dot(b);\nconst c = b.sum();\nmake_dot(c);');
  const tabs = page.getByTestId('graph-picker').getByRole('tab');
  await expect(tabs).toHaveText(['make_dot(b)', 'make_dot(c)']);
  await expect(page.locator('[data-testid="graph-node"][data-label="MulBackward0"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="graph-node"][data-label="SumBackward0"]')).toHaveCount(0);
  await tabs.nth(1).click();
  await expect(page.locator('[data-testid="graph-node"][data-label="SumBackward0"]')).toHaveCount(1);
});

test('IntelliSense offers backward after x.', async ({ page }) => {
  await openSnippet(page, 'const x = torch.ones(2, {requires_grad: true});\n');
  await editorReady(page);
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('x.back');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible({ timeout: 20_000 });
  await expect(suggest.locator('.monaco-list-row').filter({ hasText: 'backward' }).first()).toBeVisible();
});

test('typing runs the snippet, Ctrl+Enter and the Run button run it, and the code survives a reload', async ({ page }) => {
  await openSnippet(page, 'print(1);');
  await editorReady(page);
  const consoleEl = page.getByTestId('console');
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint(2);');
  await expect(page.getByTestId('console-line')).toHaveText(['1', '2']);

  let id = Number(await consoleEl.getAttribute('data-run-id'));
  await page.keyboard.press('Control+Enter');
  await waitForRun(page, id);
  id = Number(await consoleEl.getAttribute('data-run-id'));
  await page.getByTestId('run').click();
  await waitForRun(page, id);

  await page.reload();
  await waitForRun(page, 0);
  await editorReady(page);
  expect(await page.evaluate(() => window.gradlabEditor!.getValue())).toBe('print(1);\nprint(2);');
  await expect(page.getByTestId('console-line')).toHaveText(['1', '2']);
});
