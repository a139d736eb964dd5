# reference: PyTorch 2.x
# Build the model: containers, printing, state_dict round trips, hooks.
import torch
import torch.nn as nn

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Flatten(), nn.Linear(4, 3), nn.ReLU())
        self.heads = nn.ModuleList([nn.Linear(3, 2) for _ in range(2)])
        self.extra = nn.ModuleDict({"id": nn.Identity(), "un": nn.Unflatten(1, (1, 2))})
        self.scale = nn.ParameterList([nn.Parameter(torch.ones(2))])

    def forward(self, x):
        h = self.features(x)
        return self.extra["un"](self.heads[0](h) * self.scale[0])


net = Net()
print(net)
print([n for n, _ in net.named_modules()])
print(list(net.state_dict().keys()))
print("trainable:", sum(p.numel() for p in net.parameters() if p.requires_grad))
print(net(torch.ones(2, 2, 2)))
seen = []
net.apply(lambda m: seen.append(type(m).__name__))
print(seen)
print(net.features[1:], net.features[-1], len(net.features))
print(nn.ParameterList([nn.Parameter(torch.ones(2, 3)), nn.Parameter(torch.ones(3))]))

lin = nn.Linear(2, 2)
print(lin.load_state_dict(lin.state_dict()))
print(lin.load_state_dict({"weight": torch.ones(2, 2), "foo": torch.ones(1)}, strict=False))
for bad in [{"weight": torch.ones(2, 2), "foo": torch.ones(1)}, {"weight": torch.ones(3, 2), "bias": torch.ones(2), "x": torch.ones(1)}]:
    try:
        lin.load_state_dict(bad)
    except RuntimeError as e:
        print("RuntimeError:", e)
copy = nn.Linear(2, 2)
copy.load_state_dict(net.heads[1].state_dict() if False else lin.state_dict())
print(torch.equal(copy.weight, lin.weight), copy.weight.requires_grad)
lin.requires_grad_(False)
print([p.requires_grad for p in lin.parameters()])
lin.requires_grad_()

calls = []
handle = lin.register_forward_hook(lambda m, inp, out: calls.append(("forward", tuple(inp[0].shape), tuple(out.shape))))
lin.register_full_backward_hook(lambda m, gi, go: calls.append(("backward", gi, go)))
x = torch.ones(3, 2, requires_grad=True)
y = lin(x)
print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
y.sum().backward()
for c in calls:
    print(c)
handle.remove()
lin(torch.ones(1, 2)).sum().backward()
print(len(calls), calls[-1][1])
