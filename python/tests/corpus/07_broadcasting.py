import torch

a = torch.ones(4, 3, 2)
b = a * torch.rand(3, 2)
print(b.shape)
c = a * torch.tensor([[1.], [2.], [3.]])
print(c[0])
d = torch.arange(3).unsqueeze(1) + torch.arange(4)
print(d)
try:
    torch.ones(4, 3) + torch.ones(4)
except RuntimeError as e:
    print("RuntimeError:", e)
