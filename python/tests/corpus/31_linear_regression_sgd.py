import torch
import torch.nn as nn

torch.manual_seed(42)
x = torch.rand(50, 1)
y = 1 + 2 * x + 0.1 * torch.randn(50, 1)

model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(100):
    model.train()
    yhat = model(x)
    loss = loss_fn(yhat, y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    if epoch % 25 == 0:
        print(epoch, f"{loss.item():.4f}")
print(dict(model.state_dict()))
print(model.weight.grad)
