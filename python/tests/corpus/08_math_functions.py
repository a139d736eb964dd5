import torch
import math

x = torch.tensor([0.0, math.pi / 6, math.pi / 2, math.pi])
print(torch.sin(x))
print(torch.cos(x))
print(torch.exp(torch.tensor([0.0, 1.0, 2.0])))
print(torch.log(torch.tensor([1.0, math.e, 10.0])))
print(torch.sqrt(torch.tensor([4.0, 9.0, 2.0])))
print(torch.abs(torch.tensor([-1.5, 2.0])))
print(torch.clamp(torch.tensor([-2.0, 0.5, 3.0]), min=-1.0, max=1.0))
print(torch.sigmoid(torch.tensor([0.0, 2.0])))
print(torch.tanh(torch.tensor([0.5])))
print(torch.relu(torch.tensor([-1.0, 1.0])))
print(torch.softmax(torch.tensor([1.0, 2.0, 3.0]), dim=0))
print(x.pow(2), x ** 0.5)
