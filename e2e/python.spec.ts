/**
 * Python mode, as a student meets it: switch the editor to Python, type PyTorch code, see PyTorch's
 * output, the graph named by the program's own variables, and step backward to the leaves; share a
 * `#py/` link and open it; embed a Python snippet; make an error and see its traceback with the
 * line marked in the editor.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { consoleText, editorReady, skipTour, waitForRun } from './helpers';

/** The first Python run loads Pyodide (several seconds on a busy machine). */
const PYTHON_START = 60_000;

const TRAINING = `import torch
w = torch.tensor([1.0, -2.0], requires_grad=True)
b = torch.tensor(0.5, requires_grad=True)
x = torch.tensor([3.0, 4.0])
loss = ((w * x).sum() + b - 1) ** 2
loss.backward()
print(loss)
print(w.grad, b.grad)
`;

const pyLink = (source: string) => `/#py/${LZString.compressToEncodedURIComponent(source)}`;

async function runIdOf(page: Page): Promise<number> {
  return Number((await page.getByTestId('console').getAttribute('data-run-id')) ?? 0);
}

/** Replaces the editor's text as typing would, and waits for the run it starts. */
async function typeSnippet(page: Page, source: string): Promise<void> {
  const before = await runIdOf(page);
  // Monaco loads once the first graph is drawn (or the student reaches for the editor).
  await editorReady(page);
  await page.evaluate((text) => window.gradlabEditor!.setValue(text), source);
  await waitForRun(page, before, PYTHON_START);
}

test('a student switches to Python, types PyTorch code, and sees PyTorch\'s output and the graph with their names', async ({ page }) => {
  await skipTour(page);
  await page.goto('/');
  await waitForRun(page, 0);
  await expect(page.getByTestId('snippet-file')).toHaveText('snippet.ts');

  const before = await runIdOf(page);
  await page.getByTestId('language-python').check();
  // The first switch loads Python, and says so while it does.
  await expect(page.getByTestId('python-loading')).toBeVisible();
  await waitForRun(page, before, PYTHON_START);
  await expect(page.getByTestId('python-loading')).toHaveCount(0);
  await expect(page.getByTestId('snippet-file')).toHaveText('snippet.py');
  // The default Python snippet is the first seed example, as the article writes it.
  await editorReady(page);
  await expect.poll(() => page.evaluate(() => window.gradlabEditor!.getValue())).toContain('x = torch.ones(2, 2, requires_grad=True)');
  expect(await consoleText(page)).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])\n');

  await typeSnippet(page, TRAINING);
  expect(await consoleText(page)).toBe('tensor(30.2500, grad_fn=<PowBackward0>)\ntensor([-33., -44.]) tensor(-11.)\n');
  const labels = await page.getByTestId('graph-node').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-kind')}:${(el.getAttribute('data-label') ?? '').replace(/\s+/g, ' ')}`));
  // Leaves and the output carry the program's variable names.
  expect(labels).toEqual(expect.arrayContaining(['leaf:w (2)', 'leaf:b ()', 'output:loss ()', 'op:PowBackward0', 'op:MulBackward0']));

  // Node <-> Python line: the PowBackward0 node was made on line 5.
  await page.locator('[data-testid="graph-node"][data-label="PowBackward0"]').hover();
  await expect(page.locator('.gl-editor-highlight-line')).toHaveCount(1);
  const highlighted = await page.locator('.view-overlays .gl-editor-highlight-line').evaluate((el) => (el.parentElement as HTMLElement).style.top);
  const line5 = await page.locator('.view-line').nth(4).evaluate((el) => (el as HTMLElement).style.top);
  expect(highlighted).toBe(line5);

  // Step backward to the leaves: each leaf ends with the .grad Python printed.
  const progress = page.getByTestId('backward-progress');
  const total = Number((await progress.textContent())!.split('/')[1]);
  expect(total).toBeGreaterThan(0);
  for (let i = 0; i < total; i++) await page.getByTestId('backward-step').click();
  await expect(progress).toHaveText(`${total} / ${total}`);
  const w = page.locator('[data-testid="graph-node"][data-kind="leaf"][data-label^="w"]');
  const b = page.locator('[data-testid="graph-node"][data-kind="leaf"][data-label^="b"]');
  await expect(w).toHaveAttribute('data-grad', /-33.*-44/);
  await expect(b).toHaveAttribute('data-grad', /-11/);
  await page.screenshot({ path: test.info().outputPath('python-mode.png') });
});

test('an error is a Python traceback ending in PyTorch\'s message, and the editor marks its line', async ({ page }) => {
  await skipTour(page);
  await page.goto(pyLink('import torch\nx = torch.ones(3)\ny = x * 2\n\ny.backward()\n'));
  // x does not require grad, so neither does y: PyTorch's own error, with its class.
  await waitForRun(page, 0, PYTHON_START);
  const error = page.getByTestId('console-error');
  await expect(error).toContainText('Traceback (most recent call last):');
  await expect(error).toContainText('File "snippet.py", line 5, in <module>');
  await expect(error).toContainText('RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn');
  await expect(error).not.toContainText('.js');
  await expect(page.locator('.gl-editor-error-line')).toHaveCount(1);
  const marked = await page.locator('.view-overlays .gl-editor-error-line').evaluate((el) => (el.parentElement as HTMLElement).style.top);
  const line5 = await page.locator('.view-line').nth(4).evaluate((el) => (el as HTMLElement).style.top);
  expect(marked).toBe(line5);
});

test('a #py/ link round trip: Share gives a #py/ link that opens the same Python snippet', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await skipTour(page);
  await page.goto(pyLink(TRAINING));
  await waitForRun(page, 0, PYTHON_START);
  await expect(page.getByTestId('snippet-file')).toHaveText('snippet.py');
  expect(await consoleText(page)).toBe('tensor(30.2500, grad_fn=<PowBackward0>)\ntensor([-33., -44.]) tensor(-11.)\n');

  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#py\//);
  expect(LZString.decompressFromEncodedURIComponent(link.split('#py/')[1])).toBe(TRAINING);

  const other = await context.newPage();
  await skipTour(other);
  await other.goto(link);
  await waitForRun(other, 0, PYTHON_START);
  await editorReady(other);
  expect(await other.evaluate(() => window.gradlabEditor!.getValue())).toBe(TRAINING);
  expect(await consoleText(other)).toBe('tensor(30.2500, grad_fn=<PowBackward0>)\ntensor([-33., -44.]) tensor(-11.)\n');
});

test('a Python snippet embedded in another site\'s sandboxed iframe runs and draws its graph', async ({ page, baseURL }) => {
  const embed = new URL(`embed.html${pyLink(TRAINING).slice(1)}`, baseURL).href;
  // As in teachers.spec.ts: a parent page on another origin, the iframe's own origin opaque, so
  // the Python worker starts from a blob: script and loads Pyodide by CORS.
  const body = `<!doctype html><iframe id="f" src="${embed}" sandbox="allow-scripts" style="width:1000px;height:760px;border:0"></iframe>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/course.html`);
    const frame = page.frameLocator('#f');
    await expect(frame.getByTestId('console')).toHaveAttribute('data-status', 'done', { timeout: PYTHON_START });
    expect((await frame.getByTestId('console-line').allTextContents()).join('\n')).toBe('tensor(30.2500, grad_fn=<PowBackward0>)\ntensor([-33., -44.]) tensor(-11.)');
    await expect(frame.locator('[data-testid="graph-node"][data-kind="leaf"]')).toHaveCount(2);
    await expect(frame.getByTestId('open-in-gradlab')).toHaveAttribute('href', new URL(`index.html${pyLink(TRAINING).slice(1)}`, baseURL).href);
    await page.screenshot({ path: test.info().outputPath('python-embed.png') });
  } finally {
    server.close();
  }
});

/** Tutorial code for a CUDA machine, unmodified: with the WebGPU switch on, 'cuda' is the GPU. */
const ON_CUDA = `import torch
device = 'cuda' if torch.cuda.is_available() else 'cpu'
print(device, torch.cuda.is_available())
x = torch.ones(2, 2, requires_grad=True, device=device)
out = ((x + 2) * (x + 2) * 3).mean()
print(out)
out.backward()
print(x.grad)
print(x.device, out.item(), x.grad.tolist())
try:
    x + torch.ones(2, 2)
except RuntimeError as e:
    print("RuntimeError:", e)
`;

test('with WebGPU on, CUDA tutorial code runs on the GPU unmodified: cuda:0 in reprs and errors, item() waits for the GPU', async ({ page }) => {
  await skipTour(page);
  await page.addInitScript(() => localStorage.setItem('gradlab.device', 'webgpu'));
  await page.goto(pyLink(ON_CUDA));
  await expect(page.getByTestId('device-webgpu')).toBeChecked({ timeout: 15_000 });
  await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'done', { timeout: PYTHON_START });
  await expect.poll(() => consoleText(page), { timeout: 30_000 }).toBe(
    [
      'cuda True',
      "tensor(27., device='cuda:0', grad_fn=<MeanBackward0>)",
      "tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]], device='cuda:0')",
      'cuda:0 27.0 [[4.5, 4.5], [4.5, 4.5]]',
      'RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!',
      '',
    ].join('\n'),
  );
  // The same program with the switch off is a machine without CUDA.
  const before = await runIdOf(page);
  await page.getByTestId('device-cpu').check({ force: true });
  await waitForRun(page, before, PYTHON_START);
  expect((await consoleText(page)).split('\n')[0]).toBe('cpu False');
});

test('in Python mode the built-in lessons show the articles\' own Python, step by step', async ({ page }) => {
  await skipTour(page);
  await page.addInitScript(() => localStorage.setItem('gradlab.language', 'python'));
  await page.goto('/');
  await waitForRun(page, 0, PYTHON_START);
  await page.getByTestId('lessons').click();
  let before = await runIdOf(page);
  await page.getByTestId('lesson-card').first().click();
  await waitForRun(page, before, PYTHON_START);
  await expect(page.getByTestId('snippet-file')).toHaveText('snippet.py');
  await editorReady(page);
  expect(await page.evaluate(() => window.gradlabEditor!.getValue())).toBe('import torch\nx = torch.ones(2, 2, requires_grad=True)\nprint(x)');
  expect(await consoleText(page)).toBe('tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)\n');
  before = await runIdOf(page);
  await page.getByTestId('lesson-next').click();
  await waitForRun(page, before, PYTHON_START);
  expect(await page.evaluate(() => window.gradlabEditor!.getValue())).toContain('y = x + 2');
  expect(await consoleText(page)).toBe('tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)\n');
  await expect(page.getByTestId('lesson-step-title')).toContainText('Python');
  // The switch shows the same step in TypeScript, and the lesson stays where it was.
  before = await runIdOf(page);
  await page.getByTestId('language-typescript').check();
  await waitForRun(page, before, PYTHON_START);
  await expect(page.getByTestId('snippet-file')).toHaveText('snippet.ts');
  await expect(page.getByTestId('lesson-progress')).toContainText('step 2 /');
  await expect(page.getByTestId('lesson-step-title')).not.toContainText('Python');
  await expect.poll(() => page.evaluate(() => window.gradlabEditor!.getValue())).toContain('x.add(2)');
  expect(await consoleText(page)).toBe('tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)\n');
});

test('a teacher\'s Python step: the lesson editor checks the predicted answer by running the step as Python', async ({ page }) => {
  await skipTour(page);
  await page.goto('/');
  await waitForRun(page, 0);
  await page.getByTestId('lessons').click();
  await page.getByTestId('lesson-new').click();
  let before = await runIdOf(page);
  await page.getByTestId('lesson-editor-language').selectOption('python');
  await waitForRun(page, before, PYTHON_START);
  await expect(page.getByTestId('snippet-file')).toHaveText('snippet.py');
  // The last line is indented: the check's print still runs after the snippet, at the top level.
  await typeSnippet(page, 'import torch\nx = torch.tensor(3.0, requires_grad=True)\ny = x ** 2\ny.backward()\nfor i in range(2):\n    z = x * i\n');
  await page.getByTestId('lesson-editor-predict-toggle').check();
  await page.getByTestId('lesson-editor-predict-prompt').fill('What is x.grad?');
  await page.getByTestId('lesson-editor-predict-expression').fill('x.grad');
  await page.getByTestId('lesson-editor-predict-answer').fill('tensor(9.)');
  const check = page.getByTestId('lesson-editor-check');
  await expect(check).toHaveAttribute('data-state', 'mismatch', { timeout: PYTHON_START });
  await expect(page.getByTestId('lesson-editor-output')).toHaveText('tensor(6.)');
  await page.getByTestId('lesson-editor-use-output').click();
  await expect(check).toHaveAttribute('data-state', 'match', { timeout: 15_000 });
  // An expression only Python can print, checked as Python.
  await page.getByTestId('lesson-editor-predict-expression').fill('f"{x.grad.item():.2f}"');
  await page.getByTestId('lesson-editor-predict-answer').fill('6.00');
  await expect(check).toHaveAttribute('data-state', 'match', { timeout: 15_000 });
  await page.getByTestId('lesson-editor-predict-expression').fill('x.grad.numpy()');
  await expect(check).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
  await expect(check).toContainText('numpy is not available in Gradlab');
  await page.getByTestId('lesson-editor-preview').click();
  await expect(page.getByTestId('lesson-step-title')).toContainText('Python');
});
