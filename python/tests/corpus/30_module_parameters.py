import torch
import torch.nn as nn


class TinyModel(nn.Module):
    def __init__(self):
        super(TinyModel, self).__init__()
        self.linear1 = torch.nn.Linear(4, 6)
        self.activation = torch.nn.ReLU()
        self.linear2 = torch.nn.Linear(6, 2)
        self.scale = nn.Parameter(torch.ones(2))
        self.register_buffer("offset", torch.zeros(2))

    def forward(self, x):
        x = self.linear1(x)
        x = self.activation(x)
        x = self.linear2(x)
        return x * self.scale + self.offset


torch.manual_seed(1)
tinymodel = TinyModel()
print('The model:')
print(tinymodel)
print('\n\nJust one layer:')
print(tinymodel.linear2)
print('\n\nModel params:')
for param in tinymodel.parameters():
    print(param.shape)
print('\n\nLayer params:')
for param in tinymodel.linear2.parameters():
    print(param)
print(sum(p.numel() for p in tinymodel.parameters() if p.requires_grad))
print([name for name, _ in tinymodel.named_parameters()])
print(list(tinymodel.state_dict().keys()))
print(tinymodel.training, tinymodel.eval().training, tinymodel.linear1.training)
