/** What the playground specs share: opening links, waiting for runs, reading the graph. */
import { expect, type Page } from '@playwright/test';
import LZString from 'lz-string';

export function codeLink(source: string): string {
  return `/#code/${LZString.compressToEncodedURIComponent(source)}`;
}

async function runId(page: Page): Promise<number> {
  const id = await page.getByTestId('console').getAttribute('data-run-id');
  return Number(id ?? 0);
}

/** Waits until a run newer than `after` has finished (done or error); `timeout` for slow first loads. */
export async function waitForRun(page: Page, after: number, timeout?: number): Promise<void> {
  const consoleEl = page.getByTestId('console');
  await expect.poll(() => runId(page), { timeout }).toBeGreaterThan(after);
  await expect(consoleEl).toHaveAttribute('data-status', /^(done|error)$/, { timeout: timeout ?? 10_000 });
}

/**
 * Marks the first-visit tour as seen before the page's scripts run, so that a spec meets the
 * page as a returning visitor does (the tour never blocks clicks, but it takes focus on arrival).
 */
export async function skipTour(page: Page): Promise<void> {
  await page.addInitScript(() => {
    try {
      localStorage.setItem('gradlab.tourSeen', '1');
    } catch {
      // An opaque origin (about:blank) has no storage; the app's own pages do.
    }
  });
}

/** Opens the playground on a `#code/` link and waits for its run. */
export async function openSnippet(page: Page, source: string): Promise<void> {
  await skipTour(page);
  await page.goto(codeLink(source));
  await waitForRun(page, 0);
}

/** Follows a `#code/` link from the page already open (hashchange) and waits for its run. */
export async function followLink(page: Page, source: string): Promise<void> {
  const before = await runId(page);
  await page.evaluate((hash) => {
    location.hash = hash;
  }, codeLink(source).slice(1));
  await waitForRun(page, before);
}

/** Each print call's text, in order, as Python's stdout would hold it. */
export async function consoleText(page: Page): Promise<string> {
  const lines = await page.getByTestId('console-line').allTextContents();
  return lines.map((l) => l + '\n').join('');
}

export interface DrawnNode {
  kind: string;
  label: string;
}

export async function graphNodes(page: Page): Promise<DrawnNode[]> {
  return page.getByTestId('graph-node').evaluateAll((els) => els.map((el) => ({ kind: el.getAttribute('data-kind') ?? '', label: el.getAttribute('data-label') ?? '' })));
}

/** `kind:label` of every node, sorted: a graph's identity regardless of layout. */
export async function graphSignature(page: Page): Promise<string[]> {
  return (await graphNodes(page)).map((n) => `${n.kind}:${n.label}`).sort();
}

export function maskAddresses(text: string): string {
  return text.replace(/0x[0-9a-f]+/g, '0x…');
}

/**
 * Monaco loads when the student reaches for the editor (on its own, at idle, only for a returning
 * visitor: src/editor/whenToLoad.ts). Reaches for it, as a pointer pressed on the plain editor
 * would (without moving the focus), and waits until Monaco is ready.
 */
export async function editorReady(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('.gl-editor-fallback')?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })));
  await page.waitForFunction(() => window.gradlabEditor !== undefined);
}
