import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = a * b
d = c.exp().sum()
fn = d.grad_fn
while fn is not None:
    print(fn.name())
    fn = fn.next_functions[0][0] if fn.next_functions else None
print(c.grad_fn.next_functions[1][0].variable)
print(c.grad_fn._saved_self, c.grad_fn._saved_other)
