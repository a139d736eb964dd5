# reference: PyTorch 2.x
# Every loss a beginner meets, each reduction, with its grad_fn.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3, requires_grad=True)
labels = torch.tensor([2, 0, 1, 2])
probs_target = torch.softmax(torch.randn(4, 3), dim=1)
binary = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]])

for reduction in ["none", "mean", "sum"]:
    print("--", reduction)
    losses = {
        "NLLLoss": nn.NLLLoss(reduction=reduction)(F.log_softmax(logits, dim=1), labels),
        "CrossEntropyLoss(label_smoothing)": nn.CrossEntropyLoss(reduction=reduction, label_smoothing=0.1)(logits, labels),
        "CrossEntropyLoss(probs)": nn.CrossEntropyLoss(reduction=reduction)(logits, probs_target),
        "BCELoss": nn.BCELoss(reduction=reduction)(torch.sigmoid(logits), binary),
        "BCEWithLogitsLoss(pos_weight)": nn.BCEWithLogitsLoss(reduction=reduction, pos_weight=torch.tensor([1.0, 2.0, 3.0]))(logits, binary),
        "L1Loss": nn.L1Loss(reduction=reduction)(logits, binary),
        "SmoothL1Loss": nn.SmoothL1Loss(reduction=reduction, beta=0.5)(logits, binary),
        "HuberLoss": nn.HuberLoss(reduction=reduction, delta=0.5)(logits, binary),
        "KLDivLoss": nn.KLDivLoss(reduction=reduction)(F.log_softmax(logits, dim=1), probs_target),
    }
    for name, loss in losses.items():
        print(name, loss)

loss = nn.KLDivLoss(reduction="batchmean", log_target=True)(F.log_softmax(logits, dim=1), probs_target.log())
print(loss)
loss = nn.BCEWithLogitsLoss()(logits, binary)
loss.backward()
print(logits.grad)
print(dict(nn.BCEWithLogitsLoss(pos_weight=torch.ones(3)).state_dict()))
try:
    nn.BCELoss()(logits, binary)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    F.binary_cross_entropy_with_logits(logits, binary[:2])
except ValueError as e:
    print("ValueError:", e)
