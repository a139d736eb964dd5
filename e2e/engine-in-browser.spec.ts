import { test, expect } from '@playwright/test';

test('the engine runs in the browser and prints what PyTorch prints', async ({ page }) => {
  await page.goto('/');
  const lines = page.getByTestId('console-line');
  await expect(lines).toHaveCount(4);
  expect(await lines.nth(2).innerText()).toBe('tensor(27., grad_fn=<MeanBackward0>)');
  expect(await lines.nth(3).innerText()).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
});
