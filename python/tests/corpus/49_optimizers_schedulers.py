# reference: PyTorch 2.x
# Optimization: RMSprop, Adagrad, AdamW, learning-rate schedulers, saving an optimizer's state.
import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim.lr_scheduler import CosineAnnealingLR, ExponentialLR, LambdaLR, MultiStepLR, ReduceLROnPlateau, StepLR

X = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-0.3, 0.8, 0.1], [1.0, 1.0, 1.0]])
Y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]])

for make in [
    lambda p: optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True),
    lambda p: optim.Adagrad(p, lr=0.1, lr_decay=0.01),
    lambda p: optim.AdamW(p, lr=0.02, amsgrad=True),
]:
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    opt = make(model.parameters())
    sched = StepLR(opt, step_size=2, gamma=0.5)
    for epoch in range(4):
        opt.zero_grad()
        loss = nn.MSELoss()(model(X), Y)
        loss.backward()
        opt.step()
        sched.step()
        print(type(opt).__name__, epoch, f"{loss.item():.6f}", sched.get_last_lr())
    print(model[2].bias)
print(opt)

p = nn.Parameter(torch.ones(1))
for make in [
    lambda o: MultiStepLR(o, milestones=[2, 4], gamma=0.1),
    lambda o: ExponentialLR(o, gamma=0.9),
    lambda o: CosineAnnealingLR(o, T_max=5, eta_min=0.01),
    lambda o: LambdaLR(o, lr_lambda=lambda epoch: 1 / (epoch + 1)),
]:
    opt = optim.SGD([p], lr=0.1)
    sched = make(opt)
    lrs = []
    for _ in range(6):
        opt.step()
        sched.step()
        lrs.append(round(sched.get_last_lr()[0], 8))
    print(type(sched).__name__, lrs)

opt = optim.SGD([p], lr=0.1)
plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1)
for val_loss in [1.0, 0.8, 0.81, 0.82, 0.83, 0.5, 0.6, 0.7]:
    plateau.step(val_loss)
    print(opt.param_groups[0]["lr"], end=" ")
print()

w = nn.Parameter(torch.tensor([1.0, -2.0]))
adam = optim.Adam([w], lr=0.1)
w.grad = torch.tensor([0.5, 0.25])
adam.step()
saved = adam.state_dict()
print(saved)
fresh = optim.Adam([nn.Parameter(w.detach().clone())], lr=0.5)
fresh.load_state_dict(saved)
print(fresh.param_groups[0]["lr"], fresh.state_dict()["state"][0]["exp_avg"])
