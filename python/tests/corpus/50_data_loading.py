# reference: PyTorch 2.x
# Datasets & DataLoaders: a seeded loader gives PyTorch's batches, epoch after epoch.
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset, TensorDataset, random_split

torch.manual_seed(0)
x = torch.arange(10.0).reshape(10, 1)
y = torch.arange(10)
ds = TensorDataset(x, y)
print(len(ds), ds[3])
loader = DataLoader(ds, batch_size=4, shuffle=True)
print(len(loader))
for epoch in range(2):
    print(epoch, [yb.tolist() for _, yb in loader])
print(torch.rand(2))

g = torch.Generator().manual_seed(5)
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=3, shuffle=True, generator=g, drop_last=True)])
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=3)])
print(torch.rand(2))

train, test = random_split(ds, [0.7, 0.3], generator=torch.Generator().manual_seed(42))
print(len(train), len(test), train.indices, test.indices)
a, b = random_split(range(10), [3, 7])
print(list(a), list(b))


class Squares(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"x": torch.tensor([float(i)]), "y": i * i, "name": f"item{i}"}


for batch in DataLoader(Squares(5), batch_size=2):
    print(batch)
print(next(iter(DataLoader([(1, 2.0), (3, 4.0)], batch_size=2))))

torch.manual_seed(1)
model = nn.Linear(1, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for epoch in range(2):
    total = 0.0
    for xb, yb in DataLoader(ds, batch_size=5, shuffle=True):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb).squeeze(1), yb.float())
        loss.backward()
        opt.step()
        total += loss.item()
    print(epoch, round(total, 4))
