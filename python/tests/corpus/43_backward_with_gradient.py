import torch

x = torch.tensor([0.0, 2.0, 8.0], requires_grad=True)
y = torch.tensor([5.0, 1.0, 7.0], requires_grad=True)
z = x * y
z.backward(torch.tensor([1.0, 0.5, 0.1]))
print(x.grad, y.grad)
w = torch.randn(3, requires_grad=True)
out = w * 2
out.backward(gradient=torch.ones(3))
print(w.grad)
