/**
 * Hostile input: a student (or a link from a chat) hands Gradlab code that attacks the page, loops
 * forever, eats memory, floods the console or forges the runner's messages, and links that are
 * corrupt, cut short or bombs. Each case ends with a clear message, a working next run and no lost
 * text. The README's "Reliability" figures count these tests.
 */
import { chromium, test, expect, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { readFile } from 'node:fs/promises';
import config from '../playwright.config';
import { codeLink, consoleText, editorReady, followLink, openSnippet, skipTour, waitForRun } from './helpers';

const FIRST_VISIT_LINE = 'tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])';
const GRAPH_SNIPPET = 'const w = torch.ones(2, {requires_grad: true});\nconst loss = w.mul(3).sum();';
/** w, AccumulateGrad, MulBackward0, SumBackward0, loss. */
const GRAPH_NODES = 5;

async function editorText(page: Page): Promise<string> {
  await editorReady(page);
  return page.evaluate(() => window.gradlabEditor!.getValue());
}

/** After a hostile run: the next snippet runs on a fresh worker and prints what it should. */
async function nextRunWorks(page: Page): Promise<void> {
  await followLink(page, 'print(torch.ones(2).add(1));');
  expect(await consoleText(page)).toBe('tensor([2., 2.])\n');
  await expect(page.getByTestId('console-error')).toHaveCount(0);
}

test.describe('the page\'s Content-Security-Policy', () => {
  test('the app, Monaco and Graphviz run under it with no violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy|CSP/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto('/');
    await waitForRun(page, 0);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    await expect(page.getByTestId('console-line').first()).toHaveText(FIRST_VISIT_LINE);
    await expect(page.locator('[data-testid="graph-node"]').first()).toBeVisible();
    await editorReady(page);
    await expect(page.locator('[data-testid="editor"] .monaco-editor')).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe('the snippet is contained', () => {
  test('fetch, XMLHttpRequest, WebSocket, importScripts and indexedDB are not there', async ({ page }) => {
    await openSnippet(page, "print('before');\nfetch('http://127.0.0.1:1/');");
    expect(await consoleText(page)).toBe('before\n');
    const error = page.getByTestId('console-error');
    await expect(error).toContainText('PermissionError: fetch is not available in Gradlab: snippets run without network');
    await expect(error).toContainText('line 2');
    const probe = ['XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel', 'Worker']
      .map((name) => `try { const api: any = (self as any).${name}; new api('http://127.0.0.1:1/'); print('${name}: reachable'); } catch (e) { print('${name}: ' + (e as Error).name); }`)
      .join('\n');
    await followLink(page, probe);
    const lines = await page.getByTestId('console-line').allTextContents();
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(line).toMatch(/: PermissionError$/);
    await nextRunWorks(page);
  });

  test('a message forged by the snippet (postMessage by any alias) never reaches the page', async ({ page }) => {
    await openSnippet(page, 'print(0);');
    const forged = `const runId = 2; const fake = { lines: [{ kind: 'out', text: 'FORGED' }], error: null, graphs: [], traces: [], traceCount: 0, durationMs: 0 };
const msgs = [{ type: 'done', runId, nonce: '', result: fake }, { type: 'print', runId, nonce: '', line: { kind: 'out', text: 'FORGED' } }, { type: 'ready' }];
const ways: [string, () => void][] = [
  ['self.postMessage', () => msgs.forEach((m) => (self as any).postMessage(m))],
  ['postMessage', () => msgs.forEach((m) => (postMessage as any)(m))],
  ['globalThis', () => msgs.forEach((m) => (globalThis as any).postMessage(m))],
  ['prototype', () => msgs.forEach((m) => Object.getPrototypeOf(self).postMessage.call(self, m))],
  ['scope class', () => msgs.forEach((m) => (self as any).DedicatedWorkerGlobalScope.prototype.postMessage.call(self, m))],
  ['close', () => (self as any).close()],
];
for (const [name, post] of ways) {
  try { post(); print(name + ': sent'); } catch (e) { print(name + ': ' + (e as Error).name); }
}
print('still here');`;
    await followLink(page, forged);
    const text = await consoleText(page);
    expect(text).not.toContain('FORGED');
    expect(text).not.toContain(': sent');
    expect(text).toContain('still here');
    await expect(page.getByTestId('console-line')).toHaveCount(7);
    await nextRunWorks(page);
  });
});

test.describe('a runaway snippet is stopped; the next run works and the last graph stays', () => {
  const loops: [string, string][] = [
    ['a plain loop', 'while (true) {}'],
    ['a loop in an async function', 'async function spin() {\n  await null;\n  for (;;) {}\n}\nspin();'],
    ['a generator that never ends', 'function* count() {\n  let i = 0;\n  for (;;) yield i++;\n}\nlet total = 0;\nfor (const v of count()) total += v;'],
    ['a loop inside try/catch', 'try {\n  for (;;) {}\n} catch {}'],
  ];
  for (const [name, source] of loops) {
    test(`${name}`, async ({ page }) => {
      await openSnippet(page, GRAPH_SNIPPET);
      await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
      await followLink(page, `print('started');\n${source}`);
      await expect(page.getByTestId('console-line')).toHaveText(['started']);
      await expect(page.getByTestId('console-error')).toContainText('Stopped: the snippet ran for more than 5 seconds');
      await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
      expect(await editorText(page)).toBe(`print('started');\n${source}`);
      await nextRunWorks(page);
    });
  }

  test('infinite recursion says RecursionError at the student\'s line', async ({ page }) => {
    await openSnippet(page, GRAPH_SNIPPET);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await followLink(page, 'function down(n: number): number {\n  return down(n + 1) + 1;\n}\ndown(0);');
    const error = page.getByTestId('console-error');
    await expect(error).toContainText('RecursionError: maximum recursion depth exceeded');
    await expect(error).toContainText('line 2');
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await nextRunWorks(page);
  });
});

test.describe('memory and output caps', () => {
  test('a huge tensor gets PyTorch\'s allocator error, not a dead tab', async ({ page }) => {
    await openSnippet(page, GRAPH_SNIPPET);
    await followLink(page, "print('ok so far');\nconst big = torch.ones(100000, 100000);");
    expect(await consoleText(page)).toBe('ok so far\n');
    const error = page.getByTestId('console-error');
    await expect(error).toContainText('DefaultCPUAllocator: not enough memory: you tried to allocate 40000000000 bytes');
    await expect(error).toContainText('Gradlab limits a tensor to 50000000 elements');
    await expect(error).toContainText('line 2');
    await followLink(page, 'const r = torch.randn(20000, 20000);');
    await expect(error).toContainText('you tried to allocate 1600000000 bytes');
    await nextRunWorks(page);
  });

  test('a graph of 6,000 nodes is drawn truncated, with a notice', async ({ page }) => {
    await openSnippet(page, 'const x = torch.ones(2, {requires_grad: true});\nlet y = x;\nfor (let i = 0; i < 6000; i++) y = y.mul(1.0001);\nconst loss = y.sum();');
    await expect(page.getByTestId('console-notice')).toContainText('nodes; the viewer shows the first 5,000');
    await expect(page.getByTestId('console-error')).toHaveCount(0);
    await expect.poll(() => page.getByTestId('graph-node').count(), { timeout: 30_000 }).toBeGreaterThan(4000);
    expect(await page.getByTestId('graph-node').count()).toBeLessThanOrEqual(5002);
    await nextRunWorks(page);
  });

  test('a flood of prints is capped with a note', async ({ page }) => {
    await openSnippet(page, 'for (let i = 0; i < 100000; i++) print(i);');
    await expect(page.getByTestId('console-line')).toHaveCount(5000);
    await expect(page.getByTestId('console-notice')).toContainText('Output truncated: the snippet printed more than 5,000 lines');
    await nextRunWorks(page);
  });
});

test.describe('everything from a snippet or a link is text', () => {
  test('an XSS payload in a variable name, a print, an error and a graph title stays text', async ({ page }) => {
    const payload = '<img src=x onerror="window.__xss=1">';
    const source = `const names: any = {};
const w = torch.ones(2, {requires_grad: true});
names['${payload}'] = w;
const loss = w.mul(2).sum();
print('${payload}');
make_dot(loss, {params: names});
const o: any = { '<img src=x>': loss };
make_dot(o['<img src=x>']);
throw new Error('${payload}');`;
    await openSnippet(page, source);
    await expect(page.getByTestId('console-line')).toHaveText([payload]);
    await expect(page.getByTestId('console-error')).toContainText(payload);
    const leaf = page.locator('[data-testid="graph-node"][data-kind="leaf"]');
    await expect(leaf).toHaveAttribute('data-label', `${payload}\n (2)`);
    await leaf.dispatchEvent('click');
    await expect(page.getByTestId('inspector')).toContainText(payload);
    await expect(page.getByTestId('graph-picker').getByRole('tab').nth(1)).toHaveText("make_dot(o['<img src=x>'])");
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await editorText(page)).toBe(source);
    await nextRunWorks(page);
  });
});

test.describe('links that cannot be opened', () => {
  const bad: [string, string, string][] = [
    ['a corrupt link', '#code/' + 'Q'.repeat(3) + '!!**' + 'zz', 'corrupt or cut short'],
    ['a truncated link', codeLink('const x = torch.ones(3);\nprint(x.sum());\n'.repeat(10)).slice(1, -10), 'corrupt or cut short'],
    ['an oversized link (a decompression bomb)', '#code/' + LZString.compressToEncodedURIComponent('a'.repeat(2_000_000)), 'larger than 100,000 characters'],
    ['a link of an unknown version', '#code-v9/' + LZString.compressToEncodedURIComponent('print(1)'), 'format this version of Gradlab does not know'],
  ];
  for (const [name, hash, reason] of bad) {
    test(`${name} opens the default snippet with a notice, and the draft is one click away`, async ({ page }) => {
      await page.goto('/');
      await waitForRun(page, 0);
      await editorReady(page);
      await page.evaluate(() => window.gradlabEditor!.setValue('print("my own draft");'));
      await expect(page.getByTestId('console-line')).toHaveText(['my own draft'], { timeout: 10_000 });
      const before = Number(await page.getByTestId('console').getAttribute('data-run-id'));
      await page.goto(`/${hash}`);
      await waitForRun(page, 0);
      const notice = page.getByTestId('notice');
      await expect(notice).toContainText(reason);
      await expect(notice).toContainText('Your own draft is kept');
      await expect(page.getByTestId('console-line').first()).toHaveText(FIRST_VISIT_LINE);
      await page.getByTestId('notice-restore').click();
      expect(await editorText(page)).toBe('print("my own draft");');
      await expect(notice).toHaveCount(0);
      await expect(page.getByTestId('console-line')).toHaveText(['my own draft']);
      expect(before).toBeGreaterThan(0);
    });
  }

  test('the notice can be dismissed', async ({ page }) => {
    await page.goto('/#code/%%%');
    await waitForRun(page, 0);
    await expect(page.getByTestId('notice')).toBeVisible();
    await page.getByTestId('notice-dismiss').click();
    await expect(page.getByTestId('notice')).toHaveCount(0);
  });
});

test.describe('nothing is lost', () => {
  test('a reload mid-edit keeps every character typed', async ({ page }) => {
    await page.goto('/');
    await waitForRun(page, 0);
    await editorReady(page);
    await page.evaluate(() => window.gradlabEditor!.setValue('print(1);'));
    await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nconst half = 0.');
    await page.reload();
    expect(await editorText(page)).toBe('print(1);\nconst half = 0.');
  });

  test('a link never overwrites the student\'s draft: it opens apart, the draft is restored or replaced only on request', async ({ page, context }) => {
    await page.goto('/');
    await waitForRun(page, 0);
    await editorReady(page);
    await page.evaluate(() => window.gradlabEditor!.setValue('print("draft");'));
    await expect(page.getByTestId('console-line')).toHaveText(['draft'], { timeout: 10_000 });

    await followLink(page, 'print("from a teacher");');
    await expect(page.getByTestId('notice')).toContainText('Your own draft is kept');
    await page.evaluate(() => window.gradlabEditor!.setValue('print("teacher, edited");'));
    // The link's snippet survives a reload of this tab; another tab still opens the draft.
    await page.reload();
    expect(await editorText(page)).toBe('print("teacher, edited");');
    const other = await context.newPage();
    await other.goto('/');
    await waitForRun(other, 0);
    expect(await editorText(other)).toBe('print("draft");');

    await page.getByTestId('notice-keep').click();
    await other.reload();
    expect(await editorText(other)).toBe('print("teacher, edited");');
  });

  test('a crashed or stopped runner keeps the editor\'s text', async ({ page }) => {
    await openSnippet(page, GRAPH_SNIPPET);
    const source = "print('x');\nwhile (true) {}";
    await editorText(page);
    await page.evaluate((s) => window.gradlabEditor!.setValue(s), source);
    await expect(page.getByTestId('console-error')).toContainText('Stopped', { timeout: 10_000 });
    await page.reload();
    expect(await editorText(page)).toBe(source);
  });
});

test.describe('a snippet that tampers with the engine the runner uses', () => {
  const BACKWARD = `${GRAPH_SNIPPET}\nloss.backward();`;

  test('replacing torch.viz.traces changes nothing on the page, and a reload opens it intact', async ({ page }) => {
    await openSnippet(page, `${BACKWARD}\n(torch.viz as any).traces = () => [{}];\nprint('done');`);
    await expect(page.getByTestId('console-line')).toHaveText(['done']);
    await expect(page.getByTestId('console-error')).toHaveCount(0);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await expect(page.getByTestId('backward-progress')).toHaveText('0 / 3');
    await page.reload();
    await waitForRun(page, 0);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await expect(page.getByTestId('panel-error')).toHaveCount(0);
    await nextRunWorks(page);
  });

  test('a forged 30,000-node make_dot never reaches the viewer: the real graph is drawn, later graphs too', async ({ page }) => {
    const forged = `${GRAPH_SNIPPET}
const nodes = Array.from({ length: 30000 }, (_, i) => ({ id: 'x' + i, kind: 'op', label: 'FORGED', fillcolor: 'red', order: i }));
const edges = nodes.slice(1).map((n, i) => ({ from: n.id, to: 'x' + i, order: 30000 + i }));
(torch.viz as any).make_dot = () => ({ nodes, edges, size: '12,12' });
(torch.viz as any).snapshot_graph = () => ({ roots: [], nodes: [], tensors: [] });
make_dot(loss);`;
    await openSnippet(page, forged);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await expect(page.locator('[data-testid="graph-node"][data-label="FORGED"]')).toHaveCount(0);
    await page.locator('[data-testid="graph-node"][data-kind="leaf"]').dispatchEvent('click');
    await expect(page.getByTestId('inspector')).toContainText('tensor([1., 1.], requires_grad=True)');
    await followLink(page, 'const a = torch.ones(3, {requires_grad: true});\nconst b = a.exp().sum();');
    await expect(page.getByTestId('graph-node')).toHaveCount(5);
  });
});

test.describe('a panel that fails shows a message in its place; the rest of the page works', () => {
  test('the graph, the console and the inspector each fail alone, and the next run draws them again', async ({ page }) => {
    await openSnippet(page, GRAPH_SNIPPET);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    // States no snippet can produce (the page checks every message): a panel's own bug.
    await page.evaluate(() => {
      const store = window.gradlabStore!;
      store.setState({ graphs: [{ ...store.getState().graphs[0], model: null as never }], lines: [null as never] });
    });
    const errors = page.getByTestId('panel-error');
    await expect(errors).toHaveCount(2);
    await expect(errors.nth(0)).toContainText('Gradlab could not show the graph:');
    await expect(page.getByRole('alert', { name: 'the console: error' })).toContainText('Your snippet and your draft are safe');
    await expect(page.locator('[data-testid="editor"] .monaco-editor')).toBeVisible();
    await page.evaluate(() => window.gradlabEditor!.setValue('const w = torch.ones(2, {requires_grad: true});\nconst loss = w.mul(5).sum();\nprint("again");'));
    await expect(page.getByTestId('console-line')).toHaveText(['again'], { timeout: 10_000 });
    await expect(errors).toHaveCount(0);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await page.reload();
    expect(await editorText(page)).toContain('print("again");');
  });
});

test.describe('a snippet that stopped the page as it opened', () => {
  test('opens next time loaded but not run, says so, and runs on request', async ({ page, context }) => {
    const source = "print('looping');\nwhile (true) {}";
    await page.goto('/');
    await waitForRun(page, 0);
    await page.evaluate((s) => localStorage.setItem('gradlab.source', s), source);
    await page.reload();
    await expect(page.getByTestId('console')).toHaveAttribute('data-status', 'running');
    // The page stops answering while the saved snippet runs (frozen, as a crashed page is silent
    // too), and the student opens the app in another tab.
    await page.evaluate(() => void setTimeout(() => {
      const end = Date.now() + 6000;
      while (Date.now() < end);
    }));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const next = await context.newPage();
    await next.goto('/');
    await expect(next.getByTestId('notice')).toContainText('This snippet was not run: the page stopped while running it last time');
    expect(await editorText(next)).toBe(source);
    await expect(next.getByTestId('console')).toHaveAttribute('data-run-id', '0');
    await next.getByTestId('run').click();
    await expect(next.getByTestId('console-line')).toHaveText(['looping']);
    await expect(next.getByTestId('console-error')).toContainText('Stopped: the snippet ran for more than 5 seconds', { timeout: 10_000 });
    // It ran to its end this time (the watchdog stopped it, the page lived): the next opening runs it.
    await next.waitForTimeout(1500);
    await next.reload();
    await waitForRun(next, 0);
    await expect(next.getByTestId('notice')).toHaveCount(0);
  });
});

/**
 * Reads the page through a CDP session of its own. When any frame's process ends, Playwright takes
 * the whole page for crashed (every frame session reports to the page) and refuses to evaluate in
 * it, though the page itself lives on: the specs below check that it does.
 */
async function livePage(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  };
  const waitFor = async (expression: string, timeout = 20_000): Promise<void> => {
    const end = Date.now() + timeout;
    while (!(await evaluate<boolean>(expression))) {
      if (Date.now() > end) {
        const shown = await evaluate<string>(`document.querySelector('[data-testid="console"]')?.innerText ?? ''`);
        throw new Error(`timed out waiting for ${expression}; the console shows: ${shown}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const texts = (testId: string) => evaluate<string[]>(`[...document.querySelectorAll('[data-testid="${testId}"]')].map((e) => e.textContent)`);
  const follow = (source: string) => evaluate(`location.hash = ${JSON.stringify(codeLink(source).slice(1))}`);
  return { cdp, evaluate, waitFor, texts, follow };
}

test.describe('memory bombs end only their run', () => {
  const BOMB = 'const a = [];\nfor (;;) a.push(new Array(1e6).fill(1.5));';

  test('the runner is a sandboxed, opaque-origin frame in a process of its own; its process ending stops only the run', async ({ page }) => {
    await openSnippet(page, `${GRAPH_SNIPPET}\nprint(String(self.origin));`);
    await expect(page.getByTestId('console-line')).toHaveText(['null']);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    const frameEl = page.locator('iframe.runner-frame');
    await expect(frameEl).toHaveAttribute('sandbox', 'allow-scripts');
    const live = await livePage(page);
    // An out-of-process frame is a CDP target of its own: Chromium gave the runner its own process.
    const { targetInfos } = await live.cdp.send('Target.getTargets');
    expect(targetInfos.filter((t) => t.type === 'iframe' && t.url.endsWith('/runner.html'))).toHaveLength(1);

    await live.follow("print('started');\nwhile (true) {}");
    await live.waitFor(`document.querySelector('[data-testid="console"]').dataset.status === 'running' && document.querySelectorAll('[data-testid="console-line"]').length === 1`);
    // End the runner's process as an out-of-memory ends it.
    const runner = page.frames().find((f) => f.url().endsWith('/runner.html'))!;
    await (await page.context().newCDPSession(runner)).send('Page.crash').catch(() => undefined);
    await live.waitFor(`document.querySelector('[data-testid="console-error"]')?.textContent.includes('Stopped: the snippet ran out of memory') ?? false`, 4000);
    expect(await live.texts('console-line')).toEqual(['started']);
    expect(await live.evaluate<number>(`document.querySelectorAll('[data-testid="graph-node"]').length`)).toBe(GRAPH_NODES);
    expect(await live.evaluate<string>('window.gradlabEditor.getValue()')).toBe("print('started');\nwhile (true) {}");
    await live.follow('print(torch.ones(2).add(1));');
    await live.waitFor(`document.querySelector('[data-testid="console"]').dataset.status === 'done'`);
    expect(await live.texts('console-line')).toEqual(['tensor([2., 2.])']);
  });

  test("with a 128 MB JavaScript heap (a small device), issue 15's bomb runs out of memory before the watchdog: only its run ends, said so", async ({ baseURL }) => {
    // A browser of its own: V8's heap limit (which workers follow) is a launch flag.
    const launch = config.use!.launchOptions!;
    const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--js-flags=--max-old-space-size=128'] });
    try {
      const page = await (await browser.newContext({ baseURL, serviceWorkers: 'block' })).newPage();
      await openSnippet(page, GRAPH_SNIPPET);
      await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
      const live = await livePage(page);
      await live.follow(BOMB);
      await live.waitFor(`document.querySelector('[data-testid="console-error"]')?.textContent.includes('Stopped: the snippet ran out of memory') ?? false`, 15_000);
      expect(await live.evaluate<number>(`document.querySelectorAll('[data-testid="graph-node"]').length`)).toBe(GRAPH_NODES);
      expect(await live.evaluate<string>('window.gradlabEditor.getValue()')).toBe(BOMB);
      await live.follow('print(torch.ones(2).add(1));');
      await live.waitFor(`document.querySelector('[data-testid="console"]').dataset.status === 'done'`);
      expect(await live.texts('console-line')).toEqual(['tensor([2., 2.])']);
    } finally {
      await browser.close();
    }
  });

  test("issue 15's memory bomb never takes the page down; the next run works", async ({ page }) => {
    await openSnippet(page, GRAPH_SNIPPET);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    const live = await livePage(page);
    await live.follow(BOMB);
    // Out of memory, or the watchdog first: which comes first depends on the machine's speed.
    await live.waitFor(`/ran out of memory|ran for more than 5 seconds/.test(document.querySelector('[data-testid="console-error"]')?.textContent ?? '')`, 30_000);
    expect(await live.evaluate<number>(`document.querySelectorAll('[data-testid="graph-node"]').length`)).toBe(GRAPH_NODES);
    expect(await live.evaluate<string>('window.gradlabEditor.getValue()')).toBe(BOMB);
    await live.follow('print(torch.ones(2).add(1));');
    await live.waitFor(`document.querySelector('[data-testid="console"]').dataset.status === 'done'`);
    expect(await live.texts('console-line')).toEqual(['tensor([2., 2.])']);
  });
});

test.describe('deep graphs', () => {
  test('a chain of 4,900 ops (under the 5,000-node cap) is drawn whole and its backward steps', async ({ page }) => {
    test.setTimeout(120_000);
    await openSnippet(page, 'const x = torch.ones(2, {requires_grad: true});\nlet y = x;\nfor (let i = 0; i < 4900; i++) y = y.mul(1.0001);\nconst loss = y.sum();\nloss.backward();');
    await expect(page.getByTestId('console-error')).toHaveCount(0);
    await expect(page.getByTestId('console-notice')).toHaveCount(0);
    // x, AccumulateGrad, 4,900 MulBackward0, SumBackward0, loss.
    await expect(page.getByTestId('graph-node')).toHaveCount(4904, { timeout: 60_000 });
    await expect(page.getByTestId('backward-progress')).toHaveText('0 / 4902');
    await page.getByTestId('backward-step').click();
    await expect(page.getByTestId('backward-progress')).toHaveText('1 / 4902');
  });
});

test.describe('error texts are capped', () => {
  test('a thrown string of 100,000,000 characters (and a 20,000,000-character error from a timer) is cut to 20,000; the next run works', async ({ page }) => {
    await openSnippet(page, `${GRAPH_SNIPPET}\nthrow 'S'.repeat(1e8);`);
    const error = page.getByTestId('console-error');
    await expect(error).toContainText('more characters not shown)');
    expect((await error.textContent())!.length).toBeLessThan(20_100);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await followLink(page, "setTimeout(() => { throw new Error('E'.repeat(2e7)); });");
    await expect(error).toContainText('more characters not shown)');
    expect((await error.textContent())!.length).toBeLessThan(20_100);
    await nextRunWorks(page);
  });
});

test.describe("the snippet's own callbacks", () => {
  test('an error thrown by its timer or promise is its error, with its line; the run keeps its graph', async ({ page }) => {
    await openSnippet(page, `${GRAPH_SNIPPET}\nprint('before');\nsetTimeout(() => { throw new Error('FORGED'); });`);
    await expect(page.getByTestId('console-line')).toHaveText(['before']);
    const error = page.getByTestId('console-error');
    await expect(error).toHaveText(/^FORGEDline 4, col \d+$/);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await expect(page.getByTestId('graph')).toHaveAttribute('data-stale', 'false');
    await followLink(page, `${GRAPH_SNIPPET}\nPromise.reject(new TypeError('not awaited'));`);
    await expect(error).toHaveText(/^TypeError: not awaitedline 3, col \d+$/);
    await expect(page.getByTestId('graph-node')).toHaveCount(GRAPH_NODES);
    await nextRunWorks(page);
  });
});

test.describe('storage and other tabs are out of reach', () => {
  const apis: [string, string][] = [
    ['navigator.storage.getDirectory', 'await navigator.storage.getDirectory()'],
    ['navigator.storage.estimate', 'await navigator.storage.estimate()'],
    ['navigator.storage.persist', 'await navigator.storage.persist()'],
    ['navigator.storageBuckets.open', "await (navigator as any).storageBuckets.open('x')"],
    ['navigator.locks.request', "await navigator.locks.request('gradlab-probe', async () => undefined)"],
    ['navigator.locks.query', 'await navigator.locks.query()'],
    ['indexedDB.open', "indexedDB.open('x')"],
    ['caches.open', "await caches.open('x')"],
    ['webkitRequestFileSystem', '(self as any).webkitRequestFileSystem(0, 1, () => undefined)'],
  ];
  const probe = apis.map(([name, code]) => `try { ${code}; print('${name}: reachable'); } catch (e) { print('${name}: ' + (e as Error).name); }`).join('\n');

  for (const device of ['cpu', 'webgpu'] as const) {
    test(`each API by name throws PermissionError (${device} runs)`, async ({ page }) => {
      await page.addInitScript((d) => localStorage.setItem('gradlab.device', d), device);
      await openSnippet(page, `print(torch.get_default_device());\n${probe}`);
      const lines = await page.getByTestId('console-line').allTextContents();
      expect(lines[0]).toBe(device === 'webgpu' ? 'webgpu' : 'cpu');
      expect(lines.slice(1)).toEqual(apis.map(([name]) => `${name}: PermissionError`));
    });
  }

  test('the runner frame is an opaque origin, where the browser refuses them too', async ({ page }) => {
    await openSnippet(page, 'print(1);');
    const runner = page.frames().find((f) => f.url().endsWith('/runner.html'))!;
    const refused = await runner.evaluate(async () => {
      const attempt = async (f: () => unknown) => {
        try {
          await f();
          return 'reachable';
        } catch (e) {
          return (e as Error).name;
        }
      };
      return {
        origin: self.origin,
        opfs: await attempt(() => navigator.storage.getDirectory()),
        locks: await attempt(() => navigator.locks.query()),
        indexedDB: await attempt(() => indexedDB.open('x')),
        localStorage: await attempt(() => localStorage.length),
      };
    });
    expect(refused).toEqual({ origin: 'null', opfs: 'SecurityError', locks: 'SecurityError', indexedDB: 'SecurityError', localStorage: 'SecurityError' });
  });
});

test.describe('a full localStorage', () => {
  test('the draft is warned about at once, kept across a reload and for another tab, and offered as a download', async ({ page, context }) => {
    await skipTour(page);
    await page.goto('/');
    await waitForRun(page, 0);
    await editorReady(page);
    // Another app on the same origin (a *.github.io neighbour) fills the storage.
    await page.evaluate(() => {
      for (const size of [512 * 1024, 1024, 1]) {
        try {
          for (let i = 0; ; i++) localStorage.setItem(`other-app-${size}-${i}`, 'x'.repeat(size));
        } catch {
          // Full at this size: go on with smaller ones.
        }
      }
    });
    await page.evaluate(() => window.gradlabEditor!.setValue('print("my work");'));
    const warning = page.getByTestId('draft-warning');
    await expect(warning).toContainText('Your draft could not be saved');
    await expect(warning).toContainText('QuotaExceededError');
    const download = page.waitForEvent('download');
    await page.getByTestId('draft-download').click();
    expect(await readFile(await (await download).path(), 'utf8')).toBe('print("my work");');

    await page.reload();
    expect(await editorText(page)).toBe('print("my work");');
    const other = await context.newPage();
    await other.goto('/');
    await expect.poll(() => editorText(other)).toBe('print("my work");');
    await expect(other.getByTestId('notice')).toContainText('Your latest draft was brought back');
    await expect(other.getByTestId('console-line')).toHaveText(['my work'], { timeout: 10_000 });

    // Room again: the next edit is saved where it belongs, and the warning goes.
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('other-app-')).forEach((k) => localStorage.removeItem(k)));
    await page.evaluate(() => window.gradlabEditor!.setValue('print("saved");'));
    await expect(warning).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('gradlab.source'))).toBe('print("saved");');
  });
});

test.describe('large outputs do not freeze the page', () => {
  /** The page answers a click at once (the theme toggle flips the page's theme). */
  async function answers(page: Page): Promise<void> {
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByTestId('theme-toggle').click({ timeout: 3000 });
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', before!, { timeout: 1000 });
  }

  test('6,000 prints of 20,000 characters stop at 1,000,000 characters with a note', async ({ page }) => {
    await openSnippet(page, "for (let i = 0; i < 6000; i++) print(String(i) + 'p'.repeat(20000));");
    await expect(page.getByTestId('console-notice')).toHaveText('Output truncated: the snippet printed more than 1,000,000 characters; the rest is not shown.');
    const lengths = await page.getByTestId('console-line').evaluateAll((els) => els.map((e) => e.textContent!.length));
    // 50 lines of (capped) 20,000 characters; the 51st would pass the cap.
    expect(lengths.length).toBe(50);
    expect(lengths.reduce((n, l) => n + l, 0)).toBeLessThanOrEqual(1_000_000);
    await answers(page);
    await nextRunWorks(page);
  });

  test('labels of 20,000 characters are drawn cut, and the inspector shows the whole name', async ({ page }) => {
    // Names of exactly 20,000 characters: `7www…`.
    const name = '7'.padEnd(20_000, 'w');
    await openSnippet(page, "const names: any = {};\nlet y = torch.zeros(1, {requires_grad: true});\nfor (let i = 0; i < 300; i++) {\n  const t = torch.ones(1, {requires_grad: true});\n  names[String(i).padEnd(20000, 'w')] = t;\n  y = y.add(t);\n}\nmake_dot(y, {params: names});");
    const leaf = page.locator('[data-testid="graph-node"][data-kind="leaf"][data-label^="7w"]');
    await expect(leaf).toBeVisible({ timeout: 30_000 });
    const label = (await leaf.getAttribute('data-label'))!;
    expect(label.length).toBeLessThanOrEqual(200);
    expect(JSON.stringify(label.slice(-10))).toBe(JSON.stringify('wwww…\n (1)'));
    await leaf.dispatchEvent('click');
    expect(await page.getByTestId('inspector').evaluate((el, full) => el.textContent!.includes(full), name)).toBe(true);
    await answers(page);
  });
});

test.describe('a graph dot cannot lay out in time', () => {
  // 1,600 ops, each joined to two random earlier results: a tangle dot would lay out for minutes.
  const TANGLE = `const x = torch.ones(1, {requires_grad: true});
const v = [x];
let s = 12345;
const r = () => (s = (s * 1103515245 + 12345) % 2147483648) % v.length;
for (let i = 0; i < 800; i++) v.push(v[i].add(v[r()]).mul(v[r()]));
const loss = v[v.length - 1].sum();`;
  const SMALL = 'const a = torch.ones(3, {requires_grad: true});\nconst b = a.exp().sum();';

  test('never blocks the next graph, and is drawn truncated past its time budget', async ({ page }) => {
    test.setTimeout(120_000);
    await openSnippet(page, TANGLE);
    // The student moves on at once: the tangle's layout is given up, the new graph is drawn.
    await followLink(page, SMALL);
    await expect(page.getByTestId('graph-node')).toHaveCount(5, { timeout: 10_000 });

    await followLink(page, TANGLE);
    const note = page.getByTestId('graph-note');
    await expect(note).toContainText(/^Laying out all [\d,]+ nodes took more than \d+ s: the first (1,000|200) \(from the outputs\) are shown\.$/, { timeout: 60_000 });
    const drawn = await page.getByTestId('graph-node').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(1000);
    await followLink(page, SMALL);
    await expect(page.getByTestId('graph-node')).toHaveCount(5, { timeout: 10_000 });
  });
});
