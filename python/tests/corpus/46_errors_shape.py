import torch

a = torch.ones(2, 3)
b = torch.ones(4, 3)
print(a.shape, b.shape)
c = a @ b
