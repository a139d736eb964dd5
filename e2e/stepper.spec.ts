/**
 * A student runs each seed example that calls backward, then steps through it: the stepper counts
 * the engine's steps, every leaf ends with the .grad the engine computed, stepping back and forth
 * shows the same states, and `y * y` shows its two gradients being summed.
 */
import { test, expect, type Page } from '@playwright/test';
import torch from '../engine';
import { seedArticles, type SeedExample } from '../engine/seeds/examples';
import { runSnippet } from '../engine/seeds/run_snippet';
import { exactGrad } from '../src/stepper/format';
import { openSnippet } from './helpers';

interface Expected {
  example: SeedExample;
  steps: number;
  /** The .grad of each leaf AccumulateGrad filled in the newest backward, in data-grad's form. */
  grads: string[];
}

/** What the engine itself computes for the example, run here in Node. */
function expected(example: SeedExample): Expected | null {
  torch.viz.clear_traces();
  runSnippet(example.source);
  const trace = torch.viz.last_trace();
  if (!trace) return null;
  const grads = new Map<number, string>();
  for (const s of trace.steps) if (s.accumulated) grads.set(s.accumulated.tensor, exactGrad(s.accumulated.grad));
  return { example, steps: trace.steps.length, grads: [...grads.values()].sort() };
}

const examples = Object.values(seedArticles)
  .flat()
  .map(expected)
  .filter((e): e is Expected => e !== null);

async function progress(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('backward-progress').textContent()) ?? '';
  const m = /^(\d+) \/ (\d+)$/.exec(text.trim());
  expect(m, `backward-progress reads "k / n", got "${text}"`).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

/** Every node's data-active and data-grad: the state a student sees, in one string. */
async function state(page: Page): Promise<string> {
  return page
    .getByTestId('graph-node')
    .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-node-id')}|${el.getAttribute('data-active') ?? ''}|${el.getAttribute('data-grad') ?? ''}`).sort().join('\n'));
}

async function leafGrads(page: Page): Promise<string[]> {
  return (await page.locator('[data-testid="graph-node"][data-kind="leaf"][data-grad]').evaluateAll((els) => els.map((el) => el.getAttribute('data-grad') ?? ''))).sort();
}

test('the seed examples with a backward are all here', () => {
  expect(examples.map((e) => e.example.id)).toEqual(expect.arrayContaining(['000-4', '000-6', '001-2', '001-6', '002-4', '002-5', '003-2', '004-5']));
});

for (const { example, steps, grads } of examples) {
  test(`${example.id} ${example.title}: step through backward to every leaf's .grad`, async ({ page }) => {
    await openSnippet(page, example.source);
    await expect(page.getByTestId('backward-progress')).toHaveText(`0 / ${steps}`);
    await expect(page.getByTestId('graph-node').first()).toBeVisible();
    await expect(page.locator('[data-active]')).toHaveCount(0);

    const forward: string[] = [await state(page)];
    for (let k = 1; k <= steps; k++) {
      await page.getByTestId('backward-step').click();
      await expect(page.getByTestId('backward-progress')).toHaveText(`${k} / ${steps}`);
      forward.push(await state(page));
    }
    expect(await progress(page)).toEqual([steps, steps]);
    await expect(page.locator('[data-active="true"]')).toHaveCount(1);
    expect(await leafGrads(page)).toEqual(grads);

    // Back to the start, one step at a time: each state as it was on the way forward.
    for (let k = steps - 1; k >= 0; k--) {
      await page.getByTestId('backward-back').click();
      await expect(page.getByTestId('backward-progress')).toHaveText(`${k} / ${steps}`);
      expect(await state(page)).toBe(forward[k]);
    }
    // And forward again with the keyboard.
    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } });
    for (let k = 1; k <= steps; k++) {
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('backward-progress')).toHaveText(`${k} / ${steps}`);
      expect(await state(page)).toBe(forward[k]);
    }
    await page.getByTestId('backward-reset').click();
    await expect(page.getByTestId('backward-progress')).toHaveText(`0 / ${steps}`);
    expect(await state(page)).toBe(forward[0]);
  });
}

test('000-4: x.grad is 4.5 everywhere, and y * y shows its two gradients summed', async ({ page }) => {
  const example = seedArticles['000_understanding_autograd'].find((e) => e.id === '000-4')!;
  await openSnippet(page, example.source);
  await expect(page.getByTestId('backward-progress')).toHaveText('0 / 5');
  for (let k = 0; k < 3; k++) await page.getByTestId('backward-step').click();
  // Both of MulBackward0's gradients have reached AddBackward0: it waits to sum them.
  const add = page.locator('[data-testid="graph-node"][data-label="AddBackward0"]');
  await page.getByTestId('backward-step').click();
  await expect(add).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('flow-sum')).toContainText('[2.25, 2.25, …] + [2.25, 2.25, …] = [4.5, 4.5, …]');
  await expect(page.getByTestId('chain-rule')).toContainText('AddBackward0');
  await page.getByTestId('backward-step').click();
  await expect(page.locator('[data-testid="graph-node"][data-kind="leaf"]')).toHaveAttribute('data-grad', '[[4.5, 4.5], [4.5, 4.5]]');
});

test('a second backward grows x.grad from 4.5 to 9, and the picker lists both calls', async ({ page }) => {
  await openSnippet(
    page,
    `const x = torch.ones(2, 2, {requires_grad: true});
const y = x.add(2);
const out = y.mul(y).mul(3).mean();
out.backward(null, {retain_graph: true});
out.backward();`,
  );
  const leaf = page.locator('[data-testid="graph-node"][data-kind="leaf"]');
  await expect(page.getByTestId('backward-trace').locator('option')).toHaveCount(2);
  await expect(leaf).toHaveAttribute('data-grad', '[[4.5, 4.5], [4.5, 4.5]]');
  for (let k = 0; k < 5; k++) await page.getByTestId('backward-step').click();
  await expect(leaf).toHaveAttribute('data-grad', '[[9, 9], [9, 9]]');
});

test('MulBackward0’s chain rule shows grad · other with the numbers', async ({ page }) => {
  const example = seedArticles['000_understanding_autograd'].find((e) => e.id === '000-4')!;
  await openSnippet(page, example.source);
  for (let k = 0; k < 3; k++) await page.getByTestId('backward-step').click();
  const rule = page.getByTestId('chain-rule');
  await expect(rule).toContainText('MulBackward0');
  await expect(rule).toContainText('grad_self = grad · other = [2.25, 2.25, …]');
  await expect(rule).toContainText('other[3, 3, …]');
});

/** `b` and `x` need no gradient: AddBackward0's next_functions[0] and MulBackward0's [1] are (None, 0). */
const NONE_SNIPPET = `const b = torch.randn(1);
const w = torch.randn(1, {requires_grad: true});
const x = torch.ones(3);
const yhat = b.add(w.mul(x));
yhat.sum().backward();`;

test('edges to None: a faint stub per (None, 0) entry, no graph node, and no gradient ever on it', async ({ page }) => {
  await openSnippet(page, NONE_SNIPPET);
  // PyTorch 1.13: yhat.grad_fn.next_functions -> ((None, 0), (<MulBackward0 ...>, 0)).
  const addId = await page.locator('[data-testid="graph-node"][data-label="AddBackward0"]').getAttribute('data-node-id');
  const mulId = await page.locator('[data-testid="graph-node"][data-label="MulBackward0"]').getAttribute('data-node-id');
  await expect(page.getByTestId('none-stub')).toHaveCount(2);
  await expect(page.locator(`[data-testid="none-stub"][data-node="n${addId}"]`)).toHaveAttribute('data-index', '0');
  await expect(page.locator(`[data-testid="none-stub"][data-node="n${mulId}"]`)).toHaveAttribute('data-index', '1');
  await expect(page.getByTestId('none-stub').first()).toContainText('None');
  // torchviz draws nothing for None: w, AccumulateGrad, MulBackward0, AddBackward0, SumBackward0, the output.
  await expect(page.getByTestId('graph-node')).toHaveCount(6);
  await expect(page.locator('[data-testid="graph-node"] [data-testid="none-stub"]')).toHaveCount(0);

  const [, steps] = await progress(page);
  expect(steps).toBe(4);
  for (let k = 1; k <= steps; k++) {
    await page.getByTestId('backward-step').click();
    await expect(page.getByTestId('backward-progress')).toHaveText(`${k} / ${steps}`);
    await page.waitForTimeout(700); // the step's labels travel to where they rest
    const check = await page.evaluate(() => {
      const drawn = new Set(Array.from(document.querySelectorAll('[data-testid="graph-edge"]'), (e) => `${e.getAttribute('data-from')}->${e.getAttribute('data-to')}`));
      const labels = Array.from(document.querySelectorAll('.graph-flow-label'));
      const stubs = Array.from(document.querySelectorAll('[data-testid="none-stub"]'), (s) => s.getBoundingClientRect());
      const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return {
        labels: labels.length,
        // Every gradient label rides a real edge…
        offEdges: labels.filter((l) => !drawn.has((l.getAttribute('data-edge') ?? '').replace(/#\d+$/, ''))).length,
        // …and none sits on a stub.
        onStubs: labels.filter((l) => stubs.some((s) => overlaps(l.getBoundingClientRect(), s))).length,
      };
    });
    expect(check.labels).toBeGreaterThan(0);
    expect(check).toMatchObject({ offEdges: 0, onStubs: 0 });
  }
  // AddBackward0's rule says grad_self is None: nothing went to b.
  await page.getByTestId('backward-reset').click();
  for (let k = 0; k < 2; k++) await page.getByTestId('backward-step').click();
  await expect(page.getByTestId('chain-rule')).toContainText('grad_self = grad = None');
});

test('a tensor hook shows at its step that it fired and what it returned, and x.grad has its gradient', async ({ page }) => {
  // PyTorch 1.13: x = torch.tensor([1., 2.], requires_grad=True); y = x * 2; y.register_hook(lambda g: g * 10)
  // y.sum().backward(); x.grad -> tensor([20., 20.])
  await openSnippet(
    page,
    `const x = torch.tensor([1, 2], {requires_grad: true});
const y = x.mul(2);
y.register_hook(g => g.mul(10));
y.sum().backward();`,
  );
  await expect(page.getByTestId('backward-progress')).toHaveText('0 / 3');
  const mul = page.locator('[data-testid="graph-node"][data-label="MulBackward0"]');
  const leaf = page.locator('[data-testid="graph-node"][data-kind="leaf"]');
  await page.getByTestId('backward-step').click();
  await expect(page.getByTestId('chain-rule')).toContainText('SumBackward0');
  await expect(page.getByTestId('chain-rule-hook')).toHaveCount(0);
  await expect(page.getByTestId('flow-hook')).toHaveCount(0);

  await page.getByTestId('backward-step').click();
  await expect(mul).toHaveAttribute('data-active', 'true');
  const hook = page.getByTestId('chain-rule-hook');
  await expect(hook).toHaveCount(1);
  await expect(hook).toContainText('hook on y fired: returned tensor([10., 10.]) — replaced the gradient');
  await expect(hook).toHaveAttribute('data-replaced', 'true');
  await expect(page.getByTestId('flow-hook')).toContainText('hook fired → [10, 10]');
  // The rule ran on the hook's gradient, and sent 10 · 2 on to x.
  await expect(page.getByTestId('chain-rule')).toContainText('grad[10, 10]');
  await expect(page.getByTestId('chain-rule')).toContainText('grad_self = grad · other = [20, 20]');

  await page.getByTestId('backward-step').click();
  await expect(leaf).toHaveAttribute('data-grad', '[20, 20]');
  await expect(page.getByTestId('chain-rule-hook')).toHaveCount(0);
});

test('a hook that returns nothing shows None: the gradient went on unchanged', async ({ page }) => {
  // PyTorch 1.13: ... y.register_hook(lambda g: None) ... x.grad -> tensor([2., 2.])
  await openSnippet(
    page,
    `const x = torch.tensor([1, 2], {requires_grad: true});
const y = x.mul(2);
y.register_hook(g => { print(g); });
y.sum().backward();`,
  );
  for (let k = 0; k < 2; k++) await page.getByTestId('backward-step').click();
  const hook = page.getByTestId('chain-rule-hook');
  await expect(hook).toContainText('hook on y fired: returned None — gradient unchanged');
  await expect(hook).toHaveAttribute('data-replaced', 'false');
  await expect(page.getByTestId('flow-hook')).toContainText('hook fired → None');
  await page.getByTestId('backward-step').click();
  await expect(page.locator('[data-testid="graph-node"][data-kind="leaf"]')).toHaveAttribute('data-grad', '[2, 2]');
});
