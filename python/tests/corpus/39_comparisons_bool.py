import torch

x = torch.tensor([1.0, -2.0, 3.0])
mask = x > 0
print(mask, mask.dtype)
print(x[mask])
print((x > 0) & (x < 2))
print((x < 0) | (x > 2))
print(~mask)
print(mask.sum(), mask.float().mean())
if x.sum() > 1:
    print("positive sum")
print(bool(torch.tensor([True])), float(x[0]), int(x[2]))
try:
    bool(x)
except RuntimeError as e:
    print(e)
