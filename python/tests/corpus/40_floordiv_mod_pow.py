import torch

a = torch.tensor([7, -7, 9])
print(a // 2, a % 3, a ** 2)
print(2 ** torch.tensor([1.0, 2.0]), 10 - a, 1 / torch.tensor([2.0, 4.0]))
b = torch.tensor([7.5, -7.5])
print(b // 2, b % 2, -b, abs(b))
x = torch.tensor([2.0], requires_grad=True)
y = 3 / x + 2 ** x - x
print(y, y.grad_fn)
y.backward()
print(x.grad)
