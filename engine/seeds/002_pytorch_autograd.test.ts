import { describe, it, expect } from 'vitest';
import { pytorchAutograd } from './examples';
import { maskAddresses, runSnippet } from './run_snippet';

function example(id: string) {
  const ex = pytorchAutograd.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return ex;
}

describe('seed article 002: PyTorch Autograd', () => {
  for (const ex of pytorchAutograd) {
    it(`${ex.id} ${ex.title}`, () => {
      const run = runSnippet(ex.source);
      expect(run.error?.message ?? null).toBe(ex.error ?? null);
      // A Node prints with its address, which differs between runs and from PyTorch's.
      expect(maskAddresses(run.stdout)).toBe(maskAddresses(ex.expected));
    });
  }

  it('002-2 prints the Node with a Python-like address', () => {
    expect(runSnippet(example('002-2').source).stdout).toMatch(/\ngrad_fn: <MulBackward0 object at 0x[0-9a-f]+>\n/);
  });

  // The article prints nothing for these; the values after them are PyTorch's.
  it('002-1 leaves a float64 tensor that requires grad', () => {
    const run = runSnippet(`${example('002-1').source}\nprint(x);`);
    expect(run.error).toBeNull();
    expect(run.stdout).toBe('tensor([1., 2., 3.], dtype=torch.float64, requires_grad=True)\n');
  });

  it('002-5 gives x.grad = y and y.grad = x', () => {
    const run = runSnippet(`${example('002-5').source}\nprint(x.grad, y.grad);`);
    expect(run.error).toBeNull();
    expect(run.stdout).toBe('tensor([5., 1., 7.]) tensor([0., 2., 8.])\n');
  });
});
