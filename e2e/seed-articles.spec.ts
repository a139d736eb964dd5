/**
 * A student opens each seed article's examples through `#code/` links: the console prints what
 * PyTorch printed, the graph shows the article's nodes in torchviz's colours, and clicking a node
 * shows its next_functions in the inspector.
 */
import { test, expect, type Page } from '@playwright/test';
import { seedArticles, type SeedExample } from '../engine/seeds/examples';
import { consoleText, followLink, graphSignature, maskAddresses, openSnippet } from './helpers';

interface GraphExpectation {
  example: string;
  /** `kind:label` of every drawn node (labels as torchviz writes them). */
  nodes: string[];
  /** A node to click (by label) and the grad_fn names its next_functions list, in order. */
  click: string;
  next: string[];
}

const graphs: Record<keyof typeof seedArticles, GraphExpectation> = {
  '000_understanding_autograd': {
    example: '000-3',
    nodes: ['leaf:x\n (2, 2)', 'op:AccumulateGrad', 'op:AddBackward0', 'op:MulBackward0', 'op:MulBackward0', 'op:MeanBackward0', 'output:out\n ()'],
    click: 'AddBackward0',
    next: ['AccumulateGrad', 'None'],
  },
  '001_automatic_differentiation': {
    example: '001-7',
    nodes: ['output:\n (80, 1)', 'op:AddBackward0', 'op:AccumulateGrad', 'op:AccumulateGrad', 'op:MulBackward0', 'leaf:\n (1)', 'leaf:\n (1)'],
    click: 'AddBackward0',
    next: ['AccumulateGrad', 'MulBackward0'],
  },
  '002_pytorch_autograd': {
    example: '002-5',
    nodes: ['output:z\n (3)', 'op:MulBackward0', 'op:AccumulateGrad', 'op:AccumulateGrad', 'leaf:x\n (3)', 'leaf:y\n (3)'],
    click: 'MulBackward0',
    next: ['AccumulateGrad', 'AccumulateGrad'],
  },
  '003_introspecting_backward': {
    example: '003-2',
    nodes: [
      'output:loss\n ()', 'op:MseLossBackward0', 'op:AddmmBackward0', 'op:AddmmBackward0', 'op:ReluBackward0', 'op:TBackward0', 'op:TBackward0',
      'op:AccumulateGrad', 'op:AccumulateGrad', 'op:AccumulateGrad', 'op:AccumulateGrad',
      'leaf:fc1.weight\n (128, 3)', 'leaf:fc1.bias\n (128)', 'leaf:fc2.weight\n (10, 128)', 'leaf:fc2.bias\n (10)',
    ],
    click: 'ReluBackward0',
    next: ['AddmmBackward0'],
  },
  '004_what_is_autograd': {
    example: '004-3',
    nodes: ['output:out\n ()', 'op:SumBackward0', 'op:AddBackward0', 'op:MulBackward0', 'op:SinBackward0', 'op:AccumulateGrad', 'leaf:StartingVector\n (25)'],
    click: 'MulBackward0',
    next: ['SinBackward0', 'None'],
  },
};

async function expectPrinted(page: Page, ex: SeedExample): Promise<void> {
  expect(maskAddresses(await consoleText(page)), `${ex.id}: ${ex.title}`).toBe(maskAddresses(ex.expected));
  const errors = page.getByTestId('console-error');
  if (ex.error) await expect(errors, ex.id).toContainText(ex.error);
  else await expect(errors, ex.id).toHaveCount(0);
}

for (const [article, examples] of Object.entries(seedArticles) as [keyof typeof seedArticles, readonly SeedExample[]][]) {
  test(`article ${article}: every example prints PyTorch's output, and its graph is drawn and inspectable`, async ({ page }) => {
    await openSnippet(page, examples[0].source);
    await expectPrinted(page, examples[0]);
    for (const ex of examples.slice(1)) {
      await followLink(page, ex.source);
      await expectPrinted(page, ex);
    }

    const want = graphs[article];
    const ex = examples.find((e) => e.id === want.example)!;
    await followLink(page, ex.source);
    await expect.poll(() => graphSignature(page), { timeout: 15_000 }).toEqual([...want.nodes].sort());
    for (const kind of ['leaf', 'op', 'output']) {
      const fill = await page.locator(`[data-testid="graph-node"][data-kind="${kind}"]`).count();
      expect(fill, `${kind} nodes`).toBe(want.nodes.filter((n) => n.startsWith(kind + ':')).length);
    }

    await page.locator(`[data-testid="graph-node"][data-label="${want.click}"]`).first().click();
    const next = page.getByTestId('inspector').getByTestId('next-function');
    await expect(next).toHaveCount(want.next.length);
    const names = (await next.allTextContents()).map((t) => /^\(<?(\w+)/.exec(t)?.[1] ?? t);
    expect(names).toEqual(want.next);
  });
}
