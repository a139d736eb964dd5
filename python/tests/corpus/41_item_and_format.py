import torch

loss = torch.tensor(0.123456789)
print(loss.item())
print(f"loss: {loss.item():.4f}")
print(f"{loss:.3f}")
print("{:.2e}".format(loss.item()))
n = torch.tensor(5)
print(n.item(), type(n.item()).__name__)
print(torch.tensor(True).item())
print(round(torch.tensor(2.71828).item(), 2))
print(torch.tensor([1.0, 2.0]).sum().item() / 2)
print(str(torch.tensor([1, 2])), repr(torch.tensor(1.5)))
