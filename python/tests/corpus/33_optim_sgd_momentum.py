import torch

torch.manual_seed(3)
w = torch.nn.Parameter(torch.randn(4))
opt = torch.optim.SGD([w], lr=0.05, momentum=0.9)
target = torch.tensor([1.0, -1.0, 0.5, 2.0])
for i in range(20):
    opt.zero_grad()
    loss = ((w - target) ** 2).sum()
    loss.backward()
    opt.step()
    if i % 5 == 4:
        print(i, f"{loss.item():.5f}")
print(w)
print(opt.param_groups[0]['lr'], opt.param_groups[0]['momentum'])
opt.param_groups[0]['lr'] = 0.01
print(opt.param_groups[0]['lr'])
