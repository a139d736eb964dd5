import { describe, it, expect } from 'vitest';
import { torch } from './index';

// Every message below is PyTorch 1.13's own text, pasted from a run of the same program; each is
// triggered through the public API only.

const FREED =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** The message a call throws (fails the test when it does not throw). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('PyTorch error messages', () => {
  it('backward of a non-scalar without a gradient', () => {
    const x = torch.ones(3, { requires_grad: true });
    expect(messageOf(() => x.mul(2).backward())).toBe('grad can be implicitly created only for scalar outputs');
    expect(messageOf(() => torch.autograd.grad(x.mul(2), x))).toBe('grad can be implicitly created only for scalar outputs');
  });

  it('backward through the graph a second time', () => {
    const x = torch.ones(3, { requires_grad: true });
    const z = x.mul(x).sum();
    z.backward();
    expect(messageOf(() => z.backward())).toBe(FREED);
  });

  it('autograd.grad through the graph a second time', () => {
    const x = torch.ones(3, { requires_grad: true });
    const z = x.mul(x).sum();
    torch.autograd.grad(z, x);
    expect(messageOf(() => torch.autograd.grad(z, x))).toBe(FREED);
  });

  it('reading a saved tensor after backward freed it', () => {
    const x = torch.ones(3, { requires_grad: true });
    const y = x.mul(x);
    y.sum().backward();
    expect(messageOf(() => (y.grad_fn as unknown as { _saved_self: unknown })._saved_self)).toBe(FREED);
  });

  it('retain_graph keeps the graph for a second backward', () => {
    const x = torch.ones(3, { requires_grad: true });
    const z = x.mul(x).sum();
    z.backward(undefined, { retain_graph: true });
    z.backward();
    expect(String(x.grad)).toBe('tensor([4., 4., 4.])');
  });

  it('shapes that do not broadcast', () => {
    expect(messageOf(() => torch.ones(3).add(torch.ones(4)))).toBe('The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0');
    expect(messageOf(() => torch.ones(2, 3).mul(torch.ones(2, 4)))).toBe('The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1');
    expect(messageOf(() => torch.add(torch.ones(4, 3), torch.ones(2, 3)))).toBe('The size of tensor a (4) must match the size of tensor b (2) at non-singleton dimension 0');
  });

  it('an in-place op on a leaf that requires grad', () => {
    const msg = 'a leaf Variable that requires grad is being used in an in-place operation.';
    expect(messageOf(() => torch.ones(2, { requires_grad: true }).add_(1))).toBe(msg);
    expect(messageOf(() => torch.ones(2, { requires_grad: true }).sub_(torch.ones(2)))).toBe(msg);
    expect(messageOf(() => torch.ones(2, { requires_grad: true }).zero_())).toBe(msg);
  });

  it('backward of a tensor outside the graph', () => {
    expect(messageOf(() => torch.ones(2).sum().backward())).toBe('element 0 of tensors does not require grad and does not have a grad_fn');
    expect(messageOf(() => torch.autograd.grad(torch.ones(2).sum(), torch.ones(2, { requires_grad: true })))).toBe(
      'element 0 of tensors does not require grad and does not have a grad_fn',
    );
    const ok = torch.ones(1, { requires_grad: true }).sum();
    expect(messageOf(() => torch.autograd.backward([ok, torch.ones(2).sum()]))).toBe('element 1 of tensors does not require grad and does not have a grad_fn');
  });

  it('requires_grad on an integer or bool tensor', () => {
    const msg = 'Only Tensors of floating point and complex dtype can require gradients';
    expect(messageOf(() => torch.ones(2, { dtype: torch.int64, requires_grad: true }))).toBe(msg);
    expect(messageOf(() => torch.tensor([1n, 2n], { requires_grad: true }))).toBe(msg);
    expect(messageOf(() => torch.zeros(2, { dtype: torch.bool, requires_grad: true }))).toBe(msg);
    expect(messageOf(() => torch.arange(3, { requires_grad: true }))).toBe(msg);
    expect(messageOf(() => torch.full([2], 1, { dtype: torch.long, requires_grad: true }))).toBe(msg);
    expect(messageOf(() => torch.randint(0, 3, [2], { requires_grad: true }))).toBe(msg);
  });

  it('requires_grad_() and the requires_grad setter word it their own way', () => {
    expect(messageOf(() => torch.tensor([1n, 2n]).requires_grad_())).toBe('only Tensors of floating point dtype can require gradients');
    const t = torch.tensor([1n, 2n]);
    expect(messageOf(() => (t.requires_grad = true))).toBe('only Tensors of floating point and complex dtype can require gradients');
  });

  it('changing requires_grad of a non-leaf', () => {
    const y = torch.ones(2, { requires_grad: true }).mul(2);
    expect(messageOf(() => (y.requires_grad = true))).toBe('you can only change requires_grad flags of leaf variables.');
    const long =
      "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().";
    expect(messageOf(() => (y.requires_grad = false))).toBe(long);
    expect(messageOf(() => y.requires_grad_(false))).toBe(long);
    // Asking a non-leaf for what it already has is allowed.
    expect(String(y.requires_grad_(true))).toBe('tensor([2., 2.], grad_fn=<MulBackward0>)');
  });
});
