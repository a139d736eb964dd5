import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.register_hook(lambda g: print("grad of y:", g))
h = x.register_hook(lambda g: g * 10)
z = (y ** 2).sum()
z.backward()
print(x.grad)
h.remove()
x.grad = None
(x * 1).sum().backward()
print(x.grad)
