import torch

x = torch.randn(2, 2)
print(x.requires_grad)
x.requires_grad_(True)
print(x.requires_grad)
y = x.detach()
print(y.requires_grad)
i = torch.tensor([1, 2])
try:
    i.requires_grad_(True)
except RuntimeError as e:
    print(e)
with torch.set_grad_enabled(False):
    print((x * 2).requires_grad)
print(torch.is_grad_enabled())

@torch.no_grad()
def double(t):
    return t * 2

print(double(x).requires_grad)
