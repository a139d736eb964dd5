import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.sigmoid()
c = b.detach()
c.zero_()
print(b)
d = a.data
d.mul_(2)
print(a)
print(a.clone().requires_grad, a.detach().clone().requires_grad)
e = a.clone()
print(e.grad_fn)
