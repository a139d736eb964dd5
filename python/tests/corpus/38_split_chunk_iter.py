import torch

x = torch.arange(10.0)
print(x.split(3))
print(x.chunk(2))
for row in torch.arange(6).reshape(3, 2):
    print(row)
a, b = torch.tensor([1, 2])
print(a, b, int(a) + int(b))
print(list(torch.tensor([1.5, 2.5])))
print(torch.tensor([[1, 2], [3, 4]]).unbind(1))
print(len(x), 3 in torch.tensor([1, 2, 3]))
