/**
 * A teacher's story: lessons step through the seed articles (every step runs and prints what
 * PyTorch prints), a share link round-trips, the graph exports as DOT with the nodes on screen,
 * the embed runs and steps inside another site's sandboxed iframe, and the keyboard alone reaches
 * Run, Share and the stepper.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page } from '@playwright/test';
import { seedArticles, type SeedExample } from '../engine/seeds/examples';
import { codeLink, consoleText, graphSignature, maskAddresses, openSnippet, waitForRun, editorReady } from './helpers';

interface Step {
  title: string;
  snippet: string | { seed: string };
  stepper?: { trace?: number; step?: number };
  predict?: { answer: string };
}
interface Lesson {
  id: string;
  title: string;
  steps: Step[];
}

const dataDir = new URL('../src/lessons/data/', import.meta.url);
const lessons: Lesson[] = readdirSync(dataDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dataDir), 'utf8')) as Lesson);
const seeds = new Map<string, SeedExample>(Object.values(seedArticles).flat().map((s) => [s.id, s]));

const SNIPPET = 'const x = torch.ones(2, 2, {requires_grad: true});\nconst y = x.add(2);\nconst out = y.mul(y).mul(3).mean();\nout.backward();\nprint(x.grad);';
const X_GRAD = 'tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])\n';

const runIdOf = async (page: Page) => Number(await page.getByTestId('console').getAttribute('data-run-id'));

for (const lesson of lessons) {
  test(`lesson "${lesson.title}": every step runs and shows its expected output`, async ({ page }) => {
    await page.goto(`/?lesson=${lesson.id}`);
    await waitForRun(page, 0);
    await expect(page.getByTestId('lesson')).toBeVisible();
    for (const [i, step] of lesson.steps.entries()) {
      await expect(page.getByTestId('lesson-step-title')).toHaveText(step.title);
      await expect(page.getByTestId('lesson-progress')).toHaveText(`step ${i + 1} / ${lesson.steps.length}`);
      await expect(page.getByTestId('console')).toHaveAttribute('data-status', /^(done|error)$/);
      if (step.predict) {
        // Predict, then reveal: the value and the notice wait for the guess.
        await expect(page.getByTestId('console-cover')).toBeVisible();
        await expect(page.getByTestId('lesson-notice')).toHaveCount(0);
        await page.getByTestId('lesson-predict-input').fill(step.predict.answer);
        await page.getByTestId('lesson-predict-check').click();
        await expect(page.getByTestId('lesson-predict-result')).toHaveAttribute('data-right', 'true');
        await expect(page.getByTestId('lesson-predict-result')).toContainText(step.predict.answer.split('\n')[0]!);
        await expect(page.getByTestId('console-cover')).toHaveCount(0);
      }
      await expect(page.getByTestId('lesson-notice')).toBeVisible();
      const seed = typeof step.snippet === 'string' ? undefined : seeds.get(step.snippet.seed);
      if (seed) {
        expect(maskAddresses(await consoleText(page)), `${lesson.id} step ${i + 1}`).toBe(maskAddresses(seed.expected));
        if (seed.error) await expect(page.getByTestId('console-error')).toContainText(seed.error);
        else await expect(page.getByTestId('console-error')).toHaveCount(0);
      }
      if (step.stepper) await expect(page.getByTestId('backward-progress')).toHaveText(new RegExp(`^${step.stepper.step ?? 0} / \\d+$`));
      if (i < lesson.steps.length - 1) {
        const before = await runIdOf(page);
        await page.getByTestId('lesson-next').click();
        await waitForRun(page, before);
      }
    }
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
  });
}

test('a wrong prediction is marked wrong and shows the answer with its explanation', async ({ page }) => {
  await page.goto('/?lesson=understanding-autograd&step=4');
  await waitForRun(page, 0);
  await page.getByTestId('lesson-predict-input').fill('3');
  await page.getByTestId('lesson-predict-check').click();
  await expect(page.getByTestId('lesson-predict-result')).toHaveAttribute('data-right', 'false');
  await expect(page.getByTestId('lesson-predict-result')).toContainText('tensor([[4.5000, 4.5000],');
  expect(await consoleText(page)).toBe(X_GRAD);
});

test('the gallery lists the lessons and opens one; a lesson never overwrites the draft', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('gradlab.source', 'print(1);'));
  await page.reload();
  await waitForRun(page, 0);
  await page.getByTestId('lessons').click();
  const cards = page.getByTestId('lesson-card');
  await expect(cards).toHaveCount(lessons.length);
  await expect(cards.first()).toContainText(lessons[0]!.title);
  const before = await runIdOf(page);
  await cards.nth(1).click();
  await waitForRun(page, before);
  await expect(page.getByTestId('lesson-step-title')).toHaveText(lessons[1]!.steps[0]!.title);
  expect(new URL(page.url()).searchParams.get('lesson')).toBe(lessons[1]!.id);
  expect(await page.evaluate(() => localStorage.getItem('gradlab.source'))).toBe('print(1);');
});

test('a lesson file that is not a lesson is refused with its problems listed', async ({ page }) => {
  await page.goto('/');
  await waitForRun(page, 0);
  await page.getByTestId('lessons').click();
  await page.getByTestId('lesson-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "Bad Id", "title": "t", "summary": "s", "steps": []}') });
  const errors = page.getByTestId('lesson-file-errors');
  await expect(errors).toContainText('id: expected lowercase letters, digits and dashes');
  await expect(errors).toContainText('steps: a lesson needs at least one step');
  const good = { id: 'mine', title: 'My lesson', summary: 'Mine.', steps: [{ title: 'One', explanation: 'Text with `code`.', snippet: 'print(torch.ones(2));', notice: 'Two ones, printed.' }] };
  const before = await runIdOf(page);
  await page.getByTestId('lesson-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await waitForRun(page, before);
  await expect(page.getByTestId('lesson-step-title')).toHaveText('One');
  expect(await consoleText(page)).toBe('tensor([1., 1.])\n');
});

test('Share copies a #code/ link that opens the same snippet', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openSnippet(page, SNIPPET);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-status')).toHaveText('Link copied');
  const link = await page.getByTestId('share-link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(link).toBe(new URL(codeLink(SNIPPET), page.url()).href);
  const other = await context.newPage();
  await other.goto(link);
  await waitForRun(other, 0);
  expect(await consoleText(other)).toBe(X_GRAD);
  await editorReady(other);
  expect(await other.evaluate(() => window.gradlabEditor!.getValue())).toBe(SNIPPET);
});

const KIND_OF_FILL: Record<string, string> = { lightblue: 'leaf', darkolivegreen1: 'output', orange: 'saved' };

/** `kind:label` of every node statement of a DOT text (torchviz's make_dot format). */
function dotSignature(dot: string): string[] {
  const value = String.raw`("(?:[^"\\]|\\.)*"|[^\s\]]+)`;
  // A label's quoted string may hold newlines: match whole statements, not lines.
  const statement = new RegExp(String.raw`^\t${value} \[label=${value}(?: fillcolor=${value})?\]$`, 'gm');
  const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\"/g, '"') : s);
  return [...dot.matchAll(statement)].map((m) => `${m[3] ? (KIND_OF_FILL[unquote(m[3])] ?? 'other') : 'op'}:${unquote(m[2]!).replace(/\\n/g, '\n')}`).sort();
}

test('the exported DOT parses and has the nodes of the drawn graph', async ({ page }) => {
  await openSnippet(page, SNIPPET);
  await expect(page.getByTestId('graph-node')).toHaveCount(7);
  await page.getByTestId('export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dot').click()]);
  expect(download.suggestedFilename()).toBe('gradlab-graph.dot');
  const dot = readFileSync((await download.path())!, 'utf8');
  expect(dot).toMatch(/^digraph \{\n[\s\S]*\}\n$/);
  expect(dotSignature(dot).filter((n) => !n.startsWith('saved:'))).toEqual(await graphSignature(page));

  await page.getByTestId('export').click();
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  expect(readFileSync((await svg.path())!, 'utf8')).toContain('MeanBackward0');
  await page.getByTestId('export').click();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');

  await page.getByTestId('export').click();
  await page.getByTestId('open-pytorch').click();
  await expect(page.getByTestId('python-code')).toContainText('x = torch.ones(2, 2, requires_grad=True)', { timeout: 20_000 });
  await expect(page.getByTestId('python-code')).toContainText('out.backward()');
});

test('the embed runs and steps inside a cross-origin iframe sandboxed to scripts only', async ({ page, baseURL }) => {
  const embed = new URL(`embed.html?theme=dark&step=1${codeLink(SNIPPET).slice(1)}`, baseURL).href;
  // The embedding page lives on another origin, served for real (Chromium keeps pages that do not
  // come from a local address from framing loopback ones); the iframe's own origin is opaque.
  const body = `<!doctype html><iframe id="f" src="${embed.replace(/&/g, '&amp;')}" sandbox="allow-scripts" style="width:900px;height:100px;border:0"></iframe>
<script>window.heights=[];addEventListener('message',e=>{if(e.source===document.getElementById('f').contentWindow&&e.data&&e.data.type==='gradlab:height'){window.heights.push(e.data.height);document.getElementById('f').style.height=e.data.height+'px';}});</script>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const parent = `http://localhost:${(server.address() as AddressInfo).port}/course.html`;
  expect(new URL(parent).origin).not.toBe(new URL(embed).origin);
  try {
    await page.goto(parent);
    const frame = page.frameLocator('#f');
    await expect(frame.getByTestId('console')).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
    expect((await frame.getByTestId('console-line').allTextContents()).map((l) => `${l}\n`).join('')).toBe(X_GRAD);
    await expect(frame.getByTestId('graph-node')).toHaveCount(7);
    await expect(frame.getByTestId('backward-progress')).toHaveText('1 / 5');
    await frame.getByTestId('backward-step').click();
    await expect(frame.getByTestId('backward-progress')).toHaveText('2 / 5');
    await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(frame.getByTestId('open-in-gradlab')).toHaveAttribute('href', new URL(`index.html${codeLink(SNIPPET).slice(1)}`, baseURL).href);
    // The frame sized itself to its content.
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0)).toBeGreaterThan(500);
    expect(await page.locator('#f').evaluate((f) => f.getBoundingClientRect().height)).toBeGreaterThan(500);
  } finally {
    server.close();
  }
});

test('the keyboard alone reaches Run, Share and the stepper, with a visible focus', async ({ page }) => {
  await openSnippet(page, SNIPPET);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const style = el ? getComputedStyle(el) : null;
      return { testId: el?.getAttribute('data-testid') ?? el?.className ?? '', outline: style ? style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 : false };
    });
  const reached = new Map<string, boolean>();
  for (let i = 0; i < 12 && !(reached.has('run') && reached.has('share')); i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    reached.set(f.testId, f.outline);
  }
  // The first stop is the skip link: the editor keeps Tab for indentation, the link jumps past it.
  expect([...reached.keys()][0]).toBe('skip-link');
  expect(reached.get('run')).toBe(true);
  expect(reached.get('share')).toBe(true);

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect((await focused()).testId).toBe('skip-link');
  await page.keyboard.press('Enter');
  let stop = '';
  for (let i = 0; i < 40 && stop !== 'backward-step'; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    stop = f.testId;
    if (stop === 'backward-step') expect(f.outline).toBe(true);
  }
  expect(stop).toBe('backward-step');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('backward-progress')).toHaveText('1 / 5');
});
