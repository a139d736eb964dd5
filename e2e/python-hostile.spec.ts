/**
 * The hostile suite's Python cases: a Python snippet is contained as a TypeScript one is. The
 * worker is locked down before any Python runs (`import js` sees the blocked APIs), Pyodide's own
 * ways out (pyodide.http, micropip, package loading, its JavaScript API, evaluating JavaScript)
 * are closed, and the 5 s watchdog stops a loop that never ends, after which Python runs again.
 * Like TypeScript's CPU runs, Python's run in a sandboxed, opaque-origin frame of their own
 * (runner-python.html): its process ending stops only the run.
 */
import { test, expect, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { consoleText, editorReady, skipTour, waitForRun } from './helpers';

const PYTHON_START = 60_000;
const pyLink = (source: string) => `/#py/${LZString.compressToEncodedURIComponent(source)}`;

async function runIdOf(page: Page): Promise<number> {
  return Number((await page.getByTestId('console').getAttribute('data-run-id')) ?? 0);
}

async function openPython(page: Page, source: string): Promise<void> {
  await skipTour(page);
  await page.goto(pyLink(source));
  await waitForRun(page, 0, PYTHON_START);
}

async function typeSnippet(page: Page, source: string, timeout = PYTHON_START): Promise<void> {
  const before = await runIdOf(page);
  // Monaco loads once the first graph is drawn (or the student reaches for the editor).
  await editorReady(page);
  await page.evaluate((text) => window.gradlabEditor!.setValue(text), source);
  await waitForRun(page, before, timeout);
}

/** Each attempt prints what happened to it; none may reach the network or the page. */
const ATTEMPTS = `import js
def attempt(label, fn):
    try:
        fn()
        print(label, "REACHED")
    except BaseException as e:
        print(label, "blocked:", type(e).__name__, str(e)[:80])

attempt("fetch", lambda: js.fetch("/"))
attempt("XMLHttpRequest", lambda: js.XMLHttpRequest.new())
attempt("WebSocket", lambda: js.WebSocket.new("ws://127.0.0.1:1"))
attempt("importScripts", lambda: js.importScripts("/x.js"))
attempt("Worker", lambda: js.Worker.new("/x.js"))
attempt("postMessage", lambda: js.postMessage({"type": "done"}))
attempt("indexedDB", lambda: js.indexedDB.open("x"))
attempt("pyodide.http", lambda: __import__("pyodide.http"))
attempt("micropip", lambda: __import__("micropip"))
attempt("pyodide_js", lambda: __import__("pyodide_js"))
import pyodide.code
attempt("run_js", lambda: pyodide.code.run_js("1 + 1"))
`;

test('a Python snippet reaches no network, storage, page or package loading', async ({ page }) => {
  await openPython(page, ATTEMPTS);
  const out = await consoleText(page);
  expect(out).not.toContain('REACHED');
  for (const label of ['fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'Worker', 'postMessage', 'indexedDB']) {
    expect(out).toMatch(new RegExp(`^${label} blocked: JsException PermissionError: ${label} is not available in Gradlab`, 'm'));
  }
  expect(out).toContain('pyodide.http blocked: ModuleNotFoundError network access is not available in Gradlab');
  expect(out).toContain('micropip blocked: ModuleNotFoundError installing packages is not available in Gradlab');
  expect(out).toContain("pyodide_js blocked: ModuleNotFoundError Pyodide's JavaScript API is not available to programs in Gradlab");
  // The worker's policy has no 'unsafe-eval': JavaScript text cannot be run from Python either.
  expect(out).toMatch(/^run_js blocked: JsException EvalError/m);
});

test('the watchdog stops `while True: pass`, and the next Python run works', async ({ page }) => {
  await openPython(page, 'print("ready")\n');
  expect(await consoleText(page)).toBe('ready\n');
  await typeSnippet(page, 'print("before")\nwhile True:\n    pass\n', 30_000);
  await expect(page.getByTestId('console-error')).toContainText('Stopped: the snippet ran for more than 5 seconds');
  expect(await consoleText(page)).toBe('before\n');
  await typeSnippet(page, 'import torch\nprint(torch.ones(2) * 3)\n');
  expect(await consoleText(page)).toBe('tensor([3., 3.])\n');
});

test('Python runs in a sandboxed, opaque-origin frame in a process of its own; its process ending stops only the run', async ({ page }) => {
  await openPython(page, 'import js\nprint(js.self.origin)\n');
  expect(await consoleText(page)).toBe('null\n');
  await expect(page.locator('iframe.runner-frame[src$="/runner-python.html"]')).toHaveAttribute('sandbox', 'allow-scripts');
  // Page.evaluate would wait on a crashed frame: the page is read through its own CDP session.
  const cdp = await page.context().newCDPSession(page);
  const evaluate = async <T>(expression: string): Promise<T> => (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T;
  const until = async (expression: string, timeout: number) => {
    await expect.poll(() => evaluate<boolean>(expression), { timeout }).toBe(true);
  };
  // An out-of-process frame is a CDP target of its own: Chromium gave the runner its own process.
  const { targetInfos } = await cdp.send('Target.getTargets');
  expect(targetInfos.filter((t) => t.type === 'iframe' && t.url.endsWith('/runner-python.html'))).toHaveLength(1);

  await evaluate(`location.hash = ${JSON.stringify(pyLink("print('started')\nwhile True:\n    pass\n").slice(1))}`);
  await until(`document.querySelector('[data-testid="console"]').dataset.status === 'running' && document.querySelectorAll('[data-testid="console-line"]').length === 1`, 20_000);
  // End the runner's process as an out-of-memory ends it.
  const runner = page.frames().find((f) => f.url().endsWith('/runner-python.html'))!;
  await (await page.context().newCDPSession(runner)).send('Page.crash').catch(() => undefined);
  await until(`document.querySelector('[data-testid="console-error"]')?.textContent.includes('Stopped: the snippet ran out of memory') ?? false`, 4000);
  expect(await evaluate<string[]>(`[...document.querySelectorAll('[data-testid="console-line"]')].map((e) => e.textContent)`)).toEqual(['started']);
  // A fresh frame loads Python again and takes the next run.
  await evaluate(`location.hash = ${JSON.stringify(pyLink('import torch\nprint(torch.ones(2) + 1)\n').slice(1))}`);
  await until(`document.querySelector('[data-testid="console"]').dataset.status === 'done' && document.querySelector('[data-testid="console-line"]')?.textContent === 'tensor([2., 2.])'`, PYTHON_START);
});
