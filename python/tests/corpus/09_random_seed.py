import torch

torch.manual_seed(0)
print(torch.rand(2, 3))
print(torch.randn(3))
torch.manual_seed(0)
print(torch.rand(2, 3))
print(torch.randint(0, 10, (5,)))
print(torch.randn(2, 2, dtype=torch.float64))
