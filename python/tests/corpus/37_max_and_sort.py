import torch

t = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
print(t.max(dim=1))
values, indices = torch.min(t, 0)
print(values, indices)
print(t.argmax(dim=1), t.argmin())
print(torch.max(t, dim=1, keepdim=True).values)
print(t.sum(1, keepdim=True))
print(t.std(), t.var(dim=0))
print(t.prod(dim=1))
print(torch.where(t > 3, t, torch.zeros_like(t)))
print(t.gt(2), t.eq(5.0).any(), t.all())
