import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
b.retain_grad()
c = b.sum()
c.backward()
print(a.grad, b.grad)
print(a.is_leaf, b.is_leaf, c.is_leaf)
print(b.grad_fn.next_functions)
print(c.grad_fn.next_functions[0][0].next_functions[0][0].variable is a)
