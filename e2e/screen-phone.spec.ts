/**
 * On a phone (390×844) every control is reachable and at least 44×44 px to the touch, the panes
 * stack (editor, graph, stepper, console) and a run brings the graph first on screen; from the
 * keyboard, Tab indents in the editor and the way out (Esc then Tab, or Ctrl+M) is said there and
 * in the shortcuts dialog.
 */
import { test, expect, type Page } from '@playwright/test';
import { openSnippet, waitForRun } from './helpers';

const SEED = 'const x = torch.ones(2, 2, {requires_grad: true});\nconst y = x.add(2);\nconst out = y.mul(y).mul(3).mean();\nout.backward();\nprint(x.grad);';

interface Target {
  name: string;
  w: number;
  h: number;
  /** What a tap at its centre meets is the control itself (or part of it). */
  reachable: boolean;
}

/**
 * Every visible control outside the graph's drawing and the editor's text: buttons, links, form
 * fields, tabs, dividers. A visually hidden checkbox or radio counts by its label, which is what a
 * finger meets. Each is scrolled into view and hit-tested at its centre.
 */
async function touchTargets(page: Page): Promise<Target[]> {
  const handles = await page.locator('button, a[href], input, select, textarea, [role="tab"], [role="separator"]').elementHandles();
  const targets: Target[] = [];
  for (const handle of handles) {
    const t = await handle.evaluate((node): Target | null => {
      const el = node as Element;
      if (el.closest('.monaco-editor, [data-testid="graph"], .skip-link') || el.classList.contains('skip-link')) return null;
      const style = getComputedStyle(el);
      if (el.getClientRects().length === 0 || style.visibility === 'hidden') return null;
      const own = el.getBoundingClientRect();
      const box = (own.width <= 2 || own.height <= 2) && el.closest('label') ? el.closest('label')! : el;
      box.scrollIntoView({ block: 'center', inline: 'center' });
      const r = box.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const name = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? (el.textContent ?? el.tagName).trim().slice(0, 40);
      return { name, w: Math.round(r.width), h: Math.round(r.height), reachable: !!hit && (box.contains(hit) || hit.contains(box)) };
    });
    if (t) targets.push(t);
  }
  return targets;
}

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('every control is reachable and at least 44×44 px, and the page does not scroll sideways', async ({ page }) => {
    await openSnippet(page, SEED);
    await expect(page.getByTestId('graph-node').first()).toBeVisible();
    const targets = await touchTargets(page);
    expect(targets.length).toBeGreaterThan(20);
    for (const name of ['run', 'stepper-mode-backward', 'stepper-mode-build', 'backward-reset', 'backward-step', 'zoom-in', 'export', 'shortcuts-open', 'auto-run', 'show-saved']) {
      expect(targets.map((t) => t.name)).toContain(name);
    }
    expect(targets.filter((t) => t.w < 44 || t.h < 44)).toEqual([]);
    expect(targets.filter((t) => !t.reachable)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The Backward/Build switch answers a tap (it used to be clipped under Reset).
    await page.getByTestId('stepper-mode-build').tap();
    await expect(page.getByTestId('stepper-mode-build')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('stepper-mode-backward').tap();
    await expect(page.getByTestId('stepper-mode-backward')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('backward-progress')).toHaveText('0 / 5');
  });

  test('the panes stack editor, graph, stepper, console, and a run brings the graph first on screen', async ({ page }) => {
    await openSnippet(page, SEED);
    // Read at once (the page may be scrolling): each pane's top in the document.
    const [editor, graph, stepper, consoleTop] = await page.evaluate(() =>
      ['.editor-panel', '#graph-panel', '[data-testid="stepper"]', '.output-panels'].map((sel) => document.querySelector(sel)!.getBoundingClientRect().top + scrollY),
    );
    expect(editor).toBeLessThan(graph);
    expect(graph).toBeLessThan(stepper);
    expect(stepper).toBeLessThan(consoleTop);
    // The link's run put the graph first.
    await expect.poll(async () => (await page.locator('#graph-panel').boundingBox())!.y).toBeLessThan(4);
    await expect.poll(async () => (await page.locator('#graph-panel').boundingBox())!.y).toBeGreaterThan(-4);

    // Back up to the code, then Run: the graph comes first again.
    await page.evaluate(() => scrollTo(0, 0));
    const before = Number(await page.getByTestId('console').getAttribute('data-run-id'));
    await page.getByTestId('run').tap();
    await waitForRun(page, before);
    await expect.poll(async () => Math.abs((await page.locator('#graph-panel').boundingBox())!.y)).toBeLessThan(4);
  });
});

test.describe('the keyboard in the editor', () => {
  test('Tab indents; Esc then Tab leaves the editor, as its status line says', async ({ page }) => {
    await openSnippet(page, 'print(1);');
    await page.waitForFunction(() => window.gradlabEditor !== undefined);
    await expect(page.getByTestId('editor-status')).toHaveText(/Tab indents · Esc then Tab \(or Ctrl\+M\) leaves the editor/);
    await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => window.gradlabEditor!.getValue())).toBe('print(1);\n  ');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('editor-status')).toContainText('Tab moves focus out of the editor');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="editor"]'))).toBe(false);
    expect(await page.evaluate(() => window.gradlabEditor!.getValue())).toBe('print(1);\n  ');
    // Back in the editor, Tab indents again.
    await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
    await expect(page.getByTestId('editor-status')).toContainText('Tab indents');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => window.gradlabEditor!.getValue())).toBe('print(1);\n    ');
  });

  test('Ctrl+M makes Tab move focus until pressed again', async ({ page }) => {
    await openSnippet(page, 'print(1);');
    await page.waitForFunction(() => window.gradlabEditor !== undefined);
    await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+m');
    await expect(page.getByTestId('editor-status')).toContainText('Tab moves focus out of the editor');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="editor"]'))).toBe(false);
    await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+m');
    await expect(page.getByTestId('editor-status')).toContainText('Tab indents');
  });

  test('the shortcuts dialog lists the editor\'s, the stepper\'s and the way out of the editor', async ({ page }) => {
    await openSnippet(page, 'print(1);');
    await page.getByTestId('shortcuts-open').click();
    const dialog = page.getByTestId('shortcuts-dialog');
    await expect(dialog).toBeVisible();
    for (const text of ['Ctrl+Enter', 'Run the snippet', 'Esc then Tab', 'Leave the editor', 'Ctrl+M', 'Play / pause']) await expect(dialog).toContainText(text);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
