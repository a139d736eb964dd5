import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(3, 4)
w = torch.randn(2, 4, requires_grad=True)
b = torch.zeros(2, requires_grad=True)
out = F.linear(x, w, b)
print(out.grad_fn)
target = torch.tensor([0, 1, 1])
loss = F.cross_entropy(out, target)
print(loss.grad_fn)
loss.backward()
print(b.grad)
print(F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([2.0, 4.0])))
print(F.log_softmax(torch.tensor([1.0, 2.0]), dim=0))
print(F.relu(torch.tensor([-1.0, 0.0, 2.0])))
