import torch

torch.manual_seed(42)
w = torch.randn(3, requires_grad=True)
x = torch.tensor([1.0, 2.0, 3.0])
for step in range(5):
    loss = ((w * x).sum() - 1.0) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.01 * w.grad
    w.grad.zero_()
    print(step, round(loss.item(), 4))
print(w)
print(w.requires_grad, w.is_leaf)
