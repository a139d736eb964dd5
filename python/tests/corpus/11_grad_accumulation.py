import torch

x = torch.tensor([2.0, 3.0], requires_grad=True)
for i in range(3):
    y = (x ** 2).sum()
    y.backward()
    print(x.grad)
x.grad.zero_()
print(x.grad)
(x * 3).sum().backward()
print(x.grad)
