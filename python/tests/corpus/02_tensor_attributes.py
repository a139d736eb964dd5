import torch

tensor = torch.ones(3, 4)
print(f"Shape of tensor: {tensor.shape}")
print(f"Datatype of tensor: {tensor.dtype}")
print(f"Device tensor is stored on: {tensor.device}")
print(tensor.size(), tensor.size(1), tensor.dim(), tensor.numel())
print(len(tensor), tensor.ndim)
print(torch.Size([2, 3]) == (2, 3))
