/**
 * A teacher's lesson, made in the app: the teacher writes a two-step lesson with a prediction
 * (the answer checked against the snippet's real output), shares it by link; a student opens the
 * link in a fresh browser, answers, copies their answers; the lesson embeds in another site's
 * sandboxed iframe. Files round-trip, drafts survive a reload, problems show next to their field,
 * broken and too-long links say what is wrong.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { consoleText, editorReady, skipTour, waitForRun } from './helpers';

const STEP1 = 'const x = torch.tensor(3.0, {requires_grad: true});\nconst y = x.pow(2);\nprint(y);';
const STEP2 = 'const x = torch.tensor(3.0, {requires_grad: true});\nconst y = x.pow(2);\ny.backward();\nprint(x.grad);';

const runIdOf = async (page: Page) => Number(await page.getByTestId('console').getAttribute('data-run-id'));

/** Types a snippet into the code editor (the selected step's snippet) and waits for its run. */
async function setCode(page: Page, code: string): Promise<void> {
  await editorReady(page);
  const before = await runIdOf(page);
  await page.evaluate((c) => window.gradlabEditor!.setValue(c), code);
  await waitForRun(page, before);
}

async function newLesson(page: Page): Promise<void> {
  await skipTour(page);
  await page.goto('/');
  await waitForRun(page, 0);
  await page.getByTestId('lessons').click();
  await page.getByTestId('lesson-new').click();
  await expect(page.getByTestId('lesson-editor')).toBeVisible();
}

/** The teacher's two steps: a forward, then a backward with a prediction. */
async function writeTwoSteps(page: Page): Promise<void> {
  await page.getByTestId('lesson-editor-title').fill('Squares and their slopes');
  await page.getByTestId('lesson-editor-summary').fill('Square a number, then let backward find the slope.');
  await page.getByTestId('lesson-editor-step-title').fill('Forward');
  await page.getByTestId('lesson-editor-explanation').fill('We square a number: $y = x^2$ with **x = 3**.');
  await setCode(page, STEP1);
  await page.getByTestId('lesson-editor-notice').fill('y prints 9 and remembers PowBackward0.');

  await page.getByTestId('lesson-editor-add-step').click();
  await expect(page.getByTestId('lesson-editor-step')).toHaveCount(2);
  await expect(page.getByTestId('lesson-editor-step').nth(1)).toHaveAttribute('data-selected', 'true');
  await page.getByTestId('lesson-editor-step-title').fill('Backward');
  await page.getByTestId('lesson-editor-explanation').fill('The slope of $x^2$ is $\\frac{dy}{dx} = 2x$.');
  await setCode(page, STEP2);
  await page.getByTestId('lesson-editor-notice').fill('x.grad is the slope at 3.');
}

test('a teacher writes and shares a lesson; a student answers it from the link; it embeds in another site', async ({ page, browser }) => {
  await newLesson(page);
  await writeTwoSteps(page);

  // The prediction: a wrong answer is caught by running the snippet, and the real output offered.
  await page.getByTestId('lesson-editor-predict-toggle').check();
  await page.getByTestId('lesson-editor-predict-prompt').fill('What is x.grad, the slope of $x^2$ at 3?');
  await page.getByTestId('lesson-editor-predict-expression').fill('x.grad');
  await page.getByTestId('lesson-editor-predict-answer').fill('tensor(9.)');
  const check = page.getByTestId('lesson-editor-check');
  await expect(check).toHaveAttribute('data-state', 'mismatch', { timeout: 15_000 });
  await expect(page.getByTestId('lesson-editor-output')).toHaveText('tensor(6.)');
  await page.getByTestId('lesson-editor-use-output').click();
  await expect(page.getByTestId('lesson-editor-predict-answer')).toHaveValue('tensor(6.)');
  await expect(check).toHaveAttribute('data-state', 'match', { timeout: 15_000 });
  await page.locator('[data-path="steps[1].predict.explanation"]').fill('$2 \\cdot 3 = 6$.');
  // The stepper opens where the teacher left it on the graph beside the editor.
  await page.getByTestId('backward-step').click();
  await page.getByTestId('backward-step').click();
  await page.getByTestId('lesson-editor-stepper-toggle').check();
  await expect(page.getByTestId('lesson-editor-stepper-step')).toHaveValue('2');
  await expect(page.getByTestId('lesson-editor-error')).toHaveCount(0);

  await page.getByTestId('lesson-share').click();
  const link = await page.getByTestId('lesson-share-link').inputValue();
  expect(link).toMatch(/\/#lesson\//);
  const iframe = await page.getByTestId('lesson-embed-code').inputValue();
  const embedSrc = /src="([^"]+)"/.exec(iframe)![1]!.replace(/&amp;/g, '&');
  expect(iframe).toContain('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');

  // A student, in a browser of their own.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await skipTour(student);
  await student.goto(link);
  await waitForRun(student, 0);
  await expect(student.getByTestId('lesson-step-title')).toHaveText('Forward');
  await expect(student.getByTestId('lesson-progress')).toHaveText('step 1 / 2');
  // Markdown and math, typeset: no dollar signs or asterisks left.
  await expect(student.locator('.lesson-explanation strong')).toHaveText('x = 3');
  await expect(student.locator('.lesson-explanation .katex')).toHaveCount(1);
  expect(await student.locator('.lesson-explanation').innerText()).not.toContain('$');
  expect(await consoleText(student)).toBe('tensor(9., grad_fn=<PowBackward0>)\n');
  let before = await runIdOf(student);
  await student.getByTestId('lesson-next').click();
  await waitForRun(student, before);
  await expect(student.getByTestId('console-cover')).toBeVisible();
  await expect(student.getByTestId('backward-progress')).toHaveText(/^2 \/ \d+$/);
  await student.getByTestId('lesson-predict-input').fill('6');
  await student.getByTestId('lesson-predict-check').click();
  await expect(student.getByTestId('lesson-predict-result')).toHaveAttribute('data-right', 'true');
  await expect(student.getByTestId('console-cover')).toHaveCount(0);
  expect(await consoleText(student)).toBe('tensor(6.)\n');

  // "Copy my answers": a short text for the teacher.
  await student.getByTestId('lesson-answers').click();
  const answers = await student.getByTestId('lesson-answers-text').inputValue();
  expect(answers.split('\n')).toEqual([
    expect.stringMatching(/^Gradlab lesson “Squares and their slopes” \(squares-and-their-slopes\), \d{4}-\d\d-\d\d$/),
    'Reached step 2 of 2; predictions: 1 right of 1.',
    '2. Backward: 6 (right)',
  ]);
  await student.keyboard.press('Escape');

  // Progress and predictions are kept in the browser: a reload comes back to them.
  await student.reload();
  await expect(student.getByTestId('lesson-step-title')).toHaveText('Backward');
  await expect(student.getByTestId('lesson-predict-result')).toHaveAttribute('data-right', 'true');
  const again = await studentContext.newPage();
  await again.goto(link);
  await expect(again.getByTestId('lesson-step-title')).toHaveText('Backward');
  await studentContext.close();

  // The same lesson in a course page on another origin, in a sandboxed iframe.
  const body = `<!doctype html><title>Course</title><iframe id="f" src="${embedSrc.replace(/&/g, '&amp;')}" sandbox="allow-scripts" style="width:1000px;height:900px;border:0"></iframe>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const parent = `http://localhost:${(server.address() as AddressInfo).port}/course.html`;
    expect(new URL(parent).origin).not.toBe(new URL(embedSrc).origin);
    await page.goto(parent);
    const frame = page.frameLocator('#f');
    await expect(frame.getByTestId('lesson-step-title')).toHaveText('Forward', { timeout: 20_000 });
    await expect(frame.getByTestId('console')).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
    await expect(frame.getByTestId('graph-node').first()).toBeVisible();
    await expect(frame.locator('.lesson-explanation .katex')).toHaveCount(1);
    await frame.getByTestId('lesson-next').click();
    await expect(frame.getByTestId('console-cover')).toBeVisible();
    await expect(frame.getByTestId('backward-progress')).toHaveText(/^2 \/ \d+$/);
    await frame.getByTestId('lesson-predict-input').fill('5');
    await frame.getByTestId('lesson-predict-check').click();
    await expect(frame.getByTestId('lesson-predict-result')).toHaveAttribute('data-right', 'false');
    await expect(frame.getByTestId('lesson-predict-result')).toContainText('tensor(6.)');
    await frame.getByTestId('backward-back').click();
    await expect(frame.getByTestId('backward-progress')).toHaveText(/^1 \/ \d+$/);
    // No storage in the sandbox: the answers are still there to copy, for this visit.
    await frame.getByTestId('lesson-answers').click();
    await expect(frame.getByTestId('lesson-answers-text')).toHaveValue(/2\. Backward: 5 \(wrong\)/);
    await expect(frame.getByTestId('open-in-gradlab')).toHaveAttribute('href', /\/index\.html#lesson\//);
  } finally {
    server.close();
  }
});

test('Download .json and Open lesson file… round-trip a lesson exactly', async ({ page }) => {
  await skipTour(page);
  await page.goto('/?lesson=understanding-autograd');
  await waitForRun(page, 0);
  await page.getByTestId('lesson-edit').click();
  await expect(page.getByTestId('lesson-editor')).toBeVisible();
  const original = JSON.parse(readFileSync(new URL('../src/lessons/data/01-understanding-autograd.json', import.meta.url), 'utf8'));

  const download = async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lesson-download').click()]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
  };
  const first = await download();
  expect(first.name).toBe('understanding-autograd.json');
  expect(JSON.parse(first.text)).toEqual(original);
  expect(first.text).toBe(`${JSON.stringify(original, null, 2)}\n`);

  await page.getByTestId('lesson-editor-title').fill('Understanding autograd, my way');
  await expect(page.getByTestId('lesson-editor-id')).toHaveValue('understanding-autograd-my-way');
  const edited = await download();
  expect(edited.name).toBe('understanding-autograd-my-way.json');

  // A fresh editor, then the file back in: the same lesson, written back byte for byte.
  await page.getByTestId('lesson-editor-file').setInputFiles({ name: edited.name, mimeType: 'application/json', buffer: Buffer.from(edited.text) });
  await expect(page.getByTestId('lesson-editor-status')).toHaveText(`Opened ${edited.name}.`);
  await expect(page.getByTestId('lesson-editor-title')).toHaveValue('Understanding autograd, my way');
  await expect(page.getByTestId('lesson-editor-step')).toHaveCount(original.steps.length);
  expect((await download()).text).toBe(edited.text);

  // A file that is not a lesson is refused with its problems, and the draft stays as it was.
  await page.getByTestId('lesson-editor-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x", "title": 1, "summary": "", "steps": {}}') });
  await expect(page.getByTestId('lesson-file-errors')).toContainText('title: expected a string, got number 1');
  await expect(page.getByTestId('lesson-file-errors')).toContainText('steps: expected an array of steps, got an object');
  await expect(page.getByTestId('lesson-editor-title')).toHaveValue('Understanding autograd, my way');

  // Students open the downloaded file from the gallery.
  await page.getByTestId('lesson-editor-close').click();
  await page.getByTestId('lessons').click();
  const before = await runIdOf(page);
  await page.getByTestId('lesson-file').setInputFiles({ name: edited.name, mimeType: 'application/json', buffer: Buffer.from(edited.text) });
  await waitForRun(page, before);
  await expect(page.getByTestId('lesson')).toHaveAttribute('aria-label', 'Lesson: Understanding autograd, my way');
});

test('a draft is kept over a reload, and listed in the gallery', async ({ page }) => {
  await newLesson(page);
  await page.getByTestId('lesson-editor-title').fill('Kept over a reload');
  await page.getByTestId('lesson-editor-explanation').fill('Half-written…');
  await setCode(page, STEP1);
  await page.getByTestId('lesson-editor-add-step').click();
  await page.getByTestId('lesson-editor-step-title').fill('Second');
  await page.reload();
  await expect(page.getByTestId('lesson-editor')).toBeVisible();
  await expect(page.getByTestId('lesson-editor-title')).toHaveValue('Kept over a reload');
  await expect(page.getByTestId('lesson-editor-step')).toHaveCount(2);
  await expect(page.getByTestId('lesson-editor-step').nth(1)).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('lesson-editor-step-title')).toHaveValue('Second');
  await page.getByTestId('lesson-editor-step-select').first().click();
  await expect(page.getByTestId('lesson-editor-explanation')).toHaveValue('Half-written…');
  await editorReady(page);
  expect(await page.evaluate(() => window.gradlabEditor!.getValue())).toBe(STEP1);

  await page.getByTestId('lesson-editor-close').click();
  await expect(page.getByTestId('lesson-editor')).toHaveCount(0);
  await page.getByTestId('lessons').click();
  await expect(page.getByTestId('lesson-draft').first()).toContainText('Kept over a reload');
  await page.getByTestId('lesson-draft').first().click();
  await expect(page.getByTestId('lesson-editor-title')).toHaveValue('Kept over a reload');
});

test('problems show next to their field; Share asks for them to be fixed first', async ({ page }) => {
  await newLesson(page);
  // Nothing is marked on a fresh form until asked.
  await expect(page.getByTestId('lesson-editor-error')).toHaveCount(0);
  await page.getByTestId('lesson-editor-id').fill('My Lesson!');
  const idError = page.locator('[data-testid=lesson-editor-error][data-path="id"]');
  await expect(idError).toHaveText('expected lowercase letters, digits and dashes, got "My Lesson!"');
  // Beside its own field: in the same field block as the input.
  await expect(page.locator('.lesson-editor-field', { has: page.getByTestId('lesson-editor-id') }).locator('[data-testid=lesson-editor-error]')).toHaveCount(1);
  await expect(page.getByTestId('lesson-editor-id')).toHaveAttribute('aria-invalid', 'true');

  await page.getByTestId('lesson-share').click();
  await expect(page.getByTestId('lesson-editor-status')).toContainText('before sharing');
  await expect(page.getByTestId('lesson-share-dialog')).toHaveCount(0);
  for (const path of ['title', 'summary', 'steps[0].title', 'steps[0].explanation', 'steps[0].notice']) {
    await expect(page.locator(`[data-testid=lesson-editor-error][data-path="${path}"]`)).toHaveText('must not be empty');
  }
  await page.getByTestId('lesson-editor-id').fill('my-lesson');
  await expect(idError).toHaveCount(0);
});

test('steps reorder, delete with undo, and preview as students see them', async ({ page }) => {
  await newLesson(page);
  await writeTwoSteps(page);
  await page.getByTestId('lesson-editor-step-up').nth(1).click();
  await expect(page.getByTestId('lesson-editor-step').first()).toContainText('Backward');
  await expect(page.getByTestId('lesson-editor-step').first()).toHaveAttribute('data-selected', 'true');

  await page.getByTestId('lesson-editor-preview').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Backward');
  await expect(page.getByTestId('lesson-progress')).toHaveText('step 1 / 2');
  let before = await runIdOf(page);
  await page.getByTestId('lesson-next').click();
  await waitForRun(page, before);
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Forward');
  expect(await consoleText(page)).toBe('tensor(9., grad_fn=<PowBackward0>)\n');
  await page.getByTestId('lesson-editor-back').click();
  await expect(page.getByTestId('lesson-editor')).toBeVisible();

  await page.getByTestId('lesson-editor-step-delete').first().click();
  await expect(page.getByTestId('lesson-editor-step')).toHaveCount(1);
  await page.getByTestId('lesson-editor-undo').click();
  await expect(page.getByTestId('lesson-editor-step')).toHaveCount(2);
  await expect(page.getByTestId('lesson-editor-step').first()).toContainText('Backward');
  before = await runIdOf(page);
  await page.getByTestId('lesson-editor-step-select').nth(1).click();
  await waitForRun(page, before);
  await editorReady(page);
  expect(await page.evaluate(() => window.gradlabEditor!.getValue())).toBe(STEP1);
});

test('a broken lesson link opens the gallery saying why; a lesson too long for a link offers its file', async ({ page }) => {
  await skipTour(page);
  const broken = { id: 'x', title: 'Broken', summary: 's', steps: [{ title: 't', explanation: 'e', snippet: 42, notice: 'n' }] };
  await page.goto(`/#lesson/${LZString.compressToEncodedURIComponent(JSON.stringify(broken))}`);
  await expect(page.getByTestId('lesson-gallery')).toBeVisible();
  await expect(page.getByTestId('lesson-link-error')).toContainText('steps[0].snippet: expected a string or {"seed": "<id>"}, got number 42');
  await expect(page.getByTestId('lesson-card').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await waitForRun(page, 0);

  await page.goto(`/#lesson/${LZString.compressToEncodedURIComponent(JSON.stringify(broken)).slice(0, 40)}`);
  await expect(page.getByTestId('lesson-link-error')).toContainText('corrupt or cut short');

  // A lesson whose link would pass 8,000 characters: the file instead.
  await page.goto('/');
  await page.getByTestId('lessons').click();
  await page.getByTestId('lesson-new').click();
  await page.getByTestId('lesson-editor-title').fill('Long');
  await page.getByTestId('lesson-editor-summary').fill('Long.');
  await page.getByTestId('lesson-editor-step-title').fill('Long');
  // Text that does not compress: a link would be longer than the text.
  const noise = Array.from({ length: 9000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
  await page.getByTestId('lesson-editor-explanation').fill(noise);
  await page.getByTestId('lesson-editor-notice').fill('n');
  await page.getByTestId('lesson-share').click();
  await expect(page.getByTestId('lesson-share-too-long')).toContainText('too long for a link');
  await expect(page.getByTestId('lesson-share-link')).toHaveCount(0);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lesson-share-download').click()]);
  expect(file.suggestedFilename()).toBe('long.json');
  expect(JSON.parse(readFileSync((await file.path())!, 'utf8')).steps[0].explanation).toBe(noise);
});
