"""Expected values for engine/optim/optim2.test.ts, from real PyTorch 2.x (tools/torch2):

    /tmp/torch2b/python engine/optim/gen_optim_reference.py > engine/optim/optim_reference.json

Optimizers: the loss and every parameter after each of 3 steps of a seeded two-layer model.
Schedulers: get_last_lr() after each of 12 epochs, two parameter groups."""
import json
import math

import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim import lr_scheduler as S

X = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-0.3, 0.8, 0.1], [1.0, 1.0, 1.0]])
Y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]])


def run(make, act):
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(3, 4), act(), nn.Linear(4, 2))
    opt = make(model.parameters())
    steps = []
    for _ in range(3):
        opt.zero_grad()
        loss = nn.MSELoss()(model(X), Y)
        loss.backward()
        opt.step()
        steps.append({"loss": loss.item(), "params": {n: p.detach().flatten().tolist() for n, p in model.named_parameters()}})
    return steps


OPTIMIZERS = {
    "Adam": (lambda p: optim.Adam(p, lr=0.01), nn.Tanh),
    "AdamW amsgrad": (lambda p: optim.AdamW(p, lr=0.02, weight_decay=0.1, amsgrad=True), nn.Tanh),
    "AdamW maximize": (lambda p: optim.AdamW(p, lr=0.01, betas=(0.3, 0.9), maximize=True), nn.Sigmoid),
    "RMSprop": (lambda p: optim.RMSprop(p, lr=0.01), nn.Tanh),
    "RMSprop centered momentum weight_decay": (lambda p: optim.RMSprop(p, lr=0.005, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.1), nn.Sigmoid),
    "RMSprop maximize": (lambda p: optim.RMSprop(p, lr=0.003, maximize=True, centered=True), nn.ReLU),
    "Adagrad": (lambda p: optim.Adagrad(p, lr=0.1), nn.Tanh),
    "Adagrad lr_decay weight_decay initial_accumulator_value": (lambda p: optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.05, initial_accumulator_value=0.1), nn.Tanh),
    "Adagrad maximize": (lambda p: optim.Adagrad(p, lr=0.05, maximize=True), nn.ReLU),
    "SGD nesterov": (lambda p: optim.SGD(p, lr=0.05, momentum=0.5, nesterov=True, weight_decay=0.01), nn.Sigmoid),
}


def schedule(make, metrics=None):
    a, b = nn.Parameter(torch.ones(1)), nn.Parameter(torch.ones(1))
    opt = optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.01}], lr=0.1)
    sched = make(opt)
    lrs = [sched.get_last_lr()]
    for epoch in range(12):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[epoch])
        lrs.append(sched.get_last_lr())
    return {"lrs": lrs, "repr": repr(opt)}


METRICS = [1.0, 0.9, 0.95, 0.95, 0.96, 0.97, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6]
SCHEDULERS = {
    "StepLR": schedule(lambda o: S.StepLR(o, 3, gamma=0.5)),
    "MultiStepLR": schedule(lambda o: S.MultiStepLR(o, [2, 5, 5, 9], gamma=0.3)),
    "ExponentialLR": schedule(lambda o: S.ExponentialLR(o, 0.9)),
    "CosineAnnealingLR": schedule(lambda o: S.CosineAnnealingLR(o, T_max=4, eta_min=0.001)),
    "LambdaLR": schedule(lambda o: S.LambdaLR(o, lambda e: 0.95**e)),
    "LambdaLR list": schedule(lambda o: S.LambdaLR(o, [lambda e: 1 / (e + 1), lambda e: math.cos(e)])),
    "ReduceLROnPlateau": schedule(lambda o: S.ReduceLROnPlateau(o, patience=1, factor=0.5), METRICS),
    "ReduceLROnPlateau max abs cooldown": schedule(lambda o: S.ReduceLROnPlateau(o, mode="max", threshold_mode="abs", threshold=0.05, patience=0, cooldown=2, min_lr=0.004), METRICS),
}

p = nn.Parameter(torch.tensor([1.0, -2.0]))
adam = optim.Adam([p], lr=0.1)
p.grad = torch.tensor([0.5, 0.25])
adam.step()
print(json.dumps({"version": torch.__version__, "optimizers": {k: run(*v) for k, v in OPTIMIZERS.items()}, "schedulers": SCHEDULERS, "adam_state_dict": repr(adam.state_dict())}, indent=1))
