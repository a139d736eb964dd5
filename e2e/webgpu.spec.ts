/**
 * The WebGPU backend in Chromium (launched with --enable-unsafe-webgpu: without a GPU, headless
 * Chromium serves SwiftShader's software adapter). Every op, forward and backward, on 'webgpu'
 * against the CPU; the seed articles' output on both devices; and the playground's device switch.
 */
import { test, expect, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { codeLink, skipTour, waitForRun } from './helpers';

let bundle: string | null = null;

/** The parity suite (e2e/webgpu/parity.ts and the seeds) bundled for the page. */
async function parityBundle(): Promise<string> {
  if (!bundle) {
    const out = await build({ entryPoints: ['e2e/webgpu/parity.ts'], bundle: true, write: false, format: 'iife', target: 'es2022', logLevel: 'silent' });
    bundle = out.outputFiles[0].text;
  }
  return bundle;
}

/** A page on the preview server's origin (a secure context: WebGPU needs one) running the bundle. */
async function parityPage(page: Page): Promise<void> {
  const code = await parityBundle();
  await page.route('**/__webgpu_parity.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><script>${code.replace(/<\/script/gi, '<\\/script')}</script>` }),
  );
  await page.goto('/__webgpu_parity.html');
}

test.describe('WebGPU', () => {
  test('Chromium offers a WebGPU adapter', async ({ page }) => {
    await parityPage(page);
    const ok = await page.evaluate(() => (globalThis as unknown as { gradlabParity: { init(): Promise<boolean> } }).gradlabParity.init());
    expect(ok).toBe(true);
  });

  test('every op, forward and backward, on webgpu matches the CPU', async ({ page }) => {
    test.setTimeout(240_000);
    await parityPage(page);
    const results = await page.evaluate(async () => {
      const p = (globalThis as unknown as { gradlabParity: { init(): Promise<boolean>; runParity(): Promise<{ name: string; ok: boolean; detail: string }[]> } }).gradlabParity;
      await p.init();
      return p.runParity();
    });
    expect(results.length).toBeGreaterThan(30);
    const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail.split('\n')[0]}`);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  test('chains of elementwise ops run as one kernel', async ({ page }) => {
    await parityPage(page);
    const counts = await page.evaluate(async () => {
      const p = (globalThis as unknown as { gradlabParity: { init(): Promise<boolean>; runFusion(): Promise<Record<string, number>> } }).gradlabParity;
      await p.init();
      return p.runFusion();
    });
    expect(counts).toEqual({
      // mul, add, tanh, mul, sub, exp: one kernel.
      'six-op chain': 1,
      // y = sin(x) used three times, folded in each time: one kernel.
      diamond: 1,
      // The elementwise part fused, then the reduction.
      'chain into a sum': 2,
      // x.mul(0.1) + x.sign() * 0.01 and x - that, written into x: one kernel.
      'no grad update': 1,
    });
  });

  test("the seed articles' examples print the same on both devices", async ({ page }) => {
    test.setTimeout(240_000);
    await parityPage(page);
    const results = await page.evaluate(() =>
      (globalThis as unknown as { gradlabParity: { runSeeds(): Promise<{ id: string; ok: boolean; detail: string; webgpu: string }[]> } }).gradlabParity.runSeeds(),
    );
    expect(results.length).toBe(30);
    const failures = results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.detail}\n${r.webgpu.slice(0, 300)}`);
    expect(failures, failures.join('\n')).toEqual([]);
    // The one seed that reads a GPU loss in an `if` runs once item() is awaited.
    expect(results.find((r) => r.id === '001-9')?.detail).toBe('item() asked to be awaited; awaited: same output');
  });

  test('student switches to WebGPU, runs the first article and steps through backward', async ({ page }) => {
    await skipTour(page);
    const source = `const device = torch.webgpu.is_available() ? 'webgpu' : 'cpu';
const x = torch.ones(2, 2, {requires_grad: true, device: device});
const y = x.add(2);
const z = y.mul(y).mul(3);
const out = z.mean();
out.backward();
print(device);
print(out);
print(x.grad);`;
    await page.goto(codeLink(source));
    await waitForRun(page, 0, 30_000);
    const webgpu = page.getByTestId('device-webgpu');
    await expect(webgpu).toBeEnabled({ timeout: 15_000 });
    const before = Number(await page.getByTestId('console').getAttribute('data-run-id'));
    await webgpu.check({ force: true });
    await waitForRun(page, before, 30_000);
    const lines = page.getByTestId('console-line');
    await expect(lines.nth(0)).toHaveText('webgpu');
    await expect(lines.nth(1)).toHaveText("tensor(27., device='webgpu:0', grad_fn=<MeanBackward0>)");
    await expect(lines.nth(2)).toHaveText("tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]], device='webgpu:0')");
    const progress = page.getByTestId('backward-progress');
    const total = Number((await progress.textContent())!.split('/')[1]);
    for (let k = 0; k < total; k++) await page.getByTestId('backward-step').click();
    await expect(progress).toHaveText(`${total} / ${total}`);
    await expect(page.locator('[data-testid="graph-node"][data-kind="leaf"]')).toHaveAttribute('data-grad', '[[4.5, 4.5], [4.5, 4.5]]');
    // The choice is remembered; CPU again gives the same numbers without the device suffix.
    const again = Number(await page.getByTestId('console').getAttribute('data-run-id'));
    await page.getByTestId('device-cpu').check({ force: true });
    await waitForRun(page, again, 30_000);
    await expect(lines.nth(1)).toHaveText('tensor(27., grad_fn=<MeanBackward0>)');
  });

  test('a sync item() of a GPU value says to await it, with the line', async ({ page }) => {
    await skipTour(page);
    await page.addInitScript(() => localStorage.setItem('gradlab.device', 'webgpu'));
    const source = `const x = torch.randn(100, {device: 'webgpu'});
const loss = x.pow(2).mean();
if (loss.item() > 0) print('positive');`;
    await page.goto(codeLink(source));
    await expect(page.getByTestId('console-error')).toContainText('await x.item_async()', { timeout: 30_000 });
    await expect(page.getByTestId('console-error')).toContainText('line 3');
  });

  test('without an adapter the WebGPU choice is greyed out and says why', async ({ page }) => {
    await skipTour(page);
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
    await page.goto('/');
    const webgpu = page.getByTestId('device-webgpu');
    await expect(webgpu).toBeDisabled();
    await expect(page.locator('.device-option--off')).toHaveAttribute('title', /WebGPU is not available: this browser does not offer WebGPU/);
  });
});
