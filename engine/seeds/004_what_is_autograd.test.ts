import { describe, it, expect } from 'vitest';
import { whatIsAutograd } from './examples';
import { maskAddresses, runSnippet } from './run_snippet';

describe('seed article 004: What is Autograd?', () => {
  for (const ex of whatIsAutograd) {
    it(`${ex.id} ${ex.title}`, () => {
      const run = runSnippet(ex.source);
      expect(run.error).toBeNull();
      expect(maskAddresses(run.stdout)).toBe(maskAddresses(ex.expected));
    });
  }

  // The article prints nothing here; what follows is PyTorch's.
  it('004-6 leaves nothing that requires grad', () => {
    const ex = whatIsAutograd.find((e) => e.id === '004-6')!;
    const run = runSnippet(`${ex.source}\nprint(a.requires_grad, b.requires_grad, c.requires_grad);\nprint(c);`);
    expect(run.error).toBeNull();
    expect(run.stdout).toBe(`False False False
tensor([[3., 3., 3.],
        [3., 3., 3.]])
`);
  });
});
