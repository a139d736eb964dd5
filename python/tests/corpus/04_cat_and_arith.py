import torch

tensor = torch.ones(4, 4)
tensor[:, 1] = 0
t1 = torch.cat([tensor, tensor, tensor], dim=1)
print(t1)

y1 = tensor @ tensor.T
y2 = tensor.matmul(tensor.T)
print(y1)
print(torch.equal(y1, y2))

z1 = tensor * tensor
z2 = tensor.mul(tensor)
print(z1)

agg = tensor.sum()
agg_item = agg.item()
print(agg_item, type(agg_item))

tensor.add_(5)
print(tensor)
