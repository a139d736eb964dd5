import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    a += 1
except RuntimeError as e:
    print("RuntimeError:", e)
b = a.sigmoid()
c = b * 2
b.mul_(3)
c.sum().backward()
