/**
 * An accessibility audit with axe-core: every state a student or a teacher meets (the playground
 * after its first run, a node inspected, backward stepped, the lessons, the lesson editor with its
 * problems, preview and Share dialog, "My answers", the Share / Embed / Export dialogs, the
 * embeddable view of a snippet and of a lesson, the first-visit tour), in both themes, has no
 * "serious" or "critical" violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect as baseExpect, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { codeLink, skipTour, waitForRun, editorReady } from './helpers';

const require = createRequire(import.meta.url);
// Generous: Monaco, the runner and Graphviz's WebAssembly all load on a first visit, and the
// machines these run on are often busy.
const expect = baseExpect.configure({ timeout: 20_000 });
const LOAD_MS = 30_000;
const AXE_PATH = require.resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

declare global {
  interface Window {
    axe: {
      run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
    };
  }
}

const SNIPPET = 'const x = torch.ones(2, 2, {requires_grad: true});\nconst y = x.add(2);\nconst out = y.mul(y).mul(3).mean();\nout.backward();\nprint(x.grad);';

/** Runs axe on the page as it is now; returns its serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(
      // Monaco draws its own text layers and hidden textarea (its internals, not ours to label);
      // the editor's container keeps its name through the panel around it.
      document,
      { resultTypes: ['violations'] },
    );
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  // Let transitions (graph fades, dialog openings) settle: colour contrast is measured as drawn.
  await page.waitForTimeout(700);
  const found = await seriousViolations(page);
  const report = found.map((v) => `  ${v.impact} ${v.id} (${v.help}):\n${v.targets.map((t) => `    ${t}`).join('\n')}`).join('\n');
  expect.soft(found.length, `${state}: axe found serious or critical violations:\n${report}`).toBe(0);
}

async function openPlayground(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await waitForRun(page, 0, LOAD_MS);
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  await editorReady(page);
}

// axe's script is injected inline: the page's Content-Security-Policy would refuse it.
test.use({ bypassCSP: true });
test.describe.configure({ timeout: 150_000 });

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await skipTour(page);
      await page.addInitScript((t) => localStorage.setItem('gradlab.theme', t), theme);
    });

    test('the playground after its first run, a node inspected, backward stepped', async ({ page }) => {
      await openPlayground(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectAccessible(page, 'the playground');

      await page.locator('[data-testid="graph-node"][data-kind="leaf"]').click();
      await expect(page.getByTestId('inspector')).toBeVisible();
      await expectAccessible(page, 'a node selected');

      await page.getByTestId('backward-step').click();
      await page.getByTestId('backward-step').click();
      await expect(page.getByTestId('backward-progress')).toHaveText(/^2 \/ \d+$/);
      await expectAccessible(page, 'the stepper after two steps');
    });

    test('the lessons gallery and an open lesson', async ({ page }) => {
      await openPlayground(page);
      await page.getByTestId('lessons').click();
      await expect(page.getByTestId('lesson-card').first()).toBeVisible();
      await expectAccessible(page, 'the lessons gallery');

      await page.getByTestId('lesson-card').first().click();
      await expect(page.getByTestId('lesson')).toBeVisible();
      await expect(page.getByTestId('console')).toHaveAttribute('data-status', /^(done|error)$/);
      await expectAccessible(page, 'a lesson open');
    });

    test('the lesson editor: fields, problems, Share, preview; "My answers"', async ({ page }) => {
      await openPlayground(page, '/?lesson=understanding-autograd&step=2');
      await expect(page.getByTestId('lesson')).toBeVisible();
      await page.getByTestId('lesson-answers').click();
      await expect(page.getByTestId('lesson-answers-text')).toBeVisible();
      await expectAccessible(page, 'the My answers dialog');
      await page.keyboard.press('Escape');

      await page.getByTestId('lesson-edit').click();
      await expect(page.getByTestId('lesson-editor')).toBeVisible();
      await expect(page.getByTestId('lesson-editor-check')).toHaveAttribute('data-state', 'match');
      await expectAccessible(page, 'the lesson editor');
      await page.getByTestId('lesson-editor-step-title').fill('');
      await page.getByTestId('lesson-editor-id').fill('Not An Id');
      await expect(page.getByTestId('lesson-editor-error')).toHaveCount(2);
      await expectAccessible(page, 'the lesson editor with problems');
      await page.getByTestId('lesson-editor-step-title').fill('An operation leaves a record');
      await page.getByTestId('lesson-editor-id').fill('understanding-autograd');

      await page.getByTestId('lesson-share').click();
      await expect(page.getByTestId('lesson-share-link')).toBeVisible();
      await expectAccessible(page, 'the lesson Share dialog');
      await page.keyboard.press('Escape');
      await page.getByTestId('lesson-editor-preview').click();
      await expect(page.getByTestId('lesson-editor-back')).toBeVisible();
      await expectAccessible(page, 'the lesson preview');
    });

    test('the Share, Embed and Export dialogs', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await openPlayground(page, codeLink(SNIPPET));
      await page.getByTestId('share').click();
      await expect(page.getByTestId('share-popover')).toBeVisible();
      await expectAccessible(page, 'the Share popover');
      await page.keyboard.press('Escape');

      await page.getByTestId('embed').click();
      await expect(page.getByTestId('embed-dialog')).toBeVisible();
      await expectAccessible(page, 'the Embed dialog');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('embed-dialog')).toBeHidden();

      await page.getByTestId('export').click();
      await expect(page.getByTestId('export-dot')).toBeVisible();
      await expectAccessible(page, 'the Export menu');
      await page.getByTestId('open-pytorch').click();
      await expect(page.getByTestId('python-code')).toBeVisible({ timeout: 20_000 });
      await expectAccessible(page, 'the Open in PyTorch dialog');
    });

    test('the embeddable view of a lesson', async ({ page }) => {
      const lesson = readFileSync(new URL('../src/lessons/data/01-understanding-autograd.json', import.meta.url), 'utf8');
      await page.goto(`/embed.html?theme=${theme}#lesson/${LZString.compressToEncodedURIComponent(JSON.stringify(JSON.parse(lesson)))}`);
      await expect(page.getByTestId('lesson-step-title')).toBeVisible({ timeout: LOAD_MS });
      await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'done', { timeout: LOAD_MS });
      await expectAccessible(page, 'a lesson embed');
      await page.getByTestId('lesson-next').click();
      await expect(page.getByTestId('lesson-predict')).toBeVisible();
      await expect(page.getByTestId('graph-node').first()).toBeVisible();
      await expectAccessible(page, 'a lesson embed, predict step');
    });

    test('the embeddable view', async ({ page }) => {
      await page.goto(`/embed.html?theme=${theme}${codeLink(SNIPPET).slice(1)}`);
      await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'done', { timeout: LOAD_MS });
      await expect(page.getByTestId('graph-node').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectAccessible(page, 'the embed');
      await page.getByTestId('backward-step').click();
      await expectAccessible(page, 'the embed, stepped');
    });
  });

  test(`the first-visit tour (${theme} theme)`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('gradlab.theme', t), theme);
    await openPlayground(page);
    await expect(page.getByTestId('tour')).toBeVisible();
    await expectAccessible(page, 'tour tip 1');
    await page.getByTestId('tour-next').click();
    await page.getByTestId('tour-next').click();
    await expect(page.getByTestId('tour-done')).toBeVisible();
    await expectAccessible(page, 'tour tip 3');
  });
}
