import torch
import torch.nn as nn

layer = nn.Linear(3, 2)
try:
    layer(torch.ones(4, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    layer.weight = torch.ones(2, 3)
except TypeError as e:
    print("TypeError:", e)
print(layer.in_features, layer.out_features)
print(hasattr(layer, "nothing"))
layer.nothing
