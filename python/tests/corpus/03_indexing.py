import torch

tensor = torch.ones(4, 4)
print(f"First row: {tensor[0]}")
print(f"First column: {tensor[:, 0]}")
print(f"Last column: {tensor[..., -1]}")
tensor[:, 1] = 0
print(tensor)

x = torch.arange(12).reshape(3, 4)
print(x)
print(x[1:, ::2])
print(x[-1])
print(x[:, None].shape)
print(x[[0, 2]])
print(x[x > 5])
print(x[1, 2], x[1, 2].item())
