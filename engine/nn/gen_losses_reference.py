"""Expected values for engine/nn/losses.test.ts, from real PyTorch 2.x (tools/torch2):

    /tmp/torch2b/python engine/nn/gen_losses_reference.py > engine/nn/losses_reference.json

Each case: the loss as PyTorch prints it and its float32 values, the float64 gradients of input and target,
and the graph's node names depth-first (None for a missing edge)."""
import json
import torch
import torch.nn.functional as F

X = [[0.5, -1.0, 2.0, 0.1], [1.5, 0.25, -0.75, -2.0], [-0.3, 0.8, 0.1, 3.0]]
P = [[0.2, 0.9, 0.5, 0.01], [0.7, 0.33, 0.999, 0.45], [0.1, 0.6, 0.8, 0.25]]
T = [[0.0, 1.0, 0.3, 0.2], [1.0, 0.0, 0.6, 0.1], [0.5, 0.5, 0.0, 1.0]]
W = [0.5, 1.0, 2.0, 1.5]
LABELS = [3, 0, 1]


def names(fn):
    out = []
    stack = [fn]
    while stack:
        f = stack.pop()
        if f is None:
            out.append(None)
            continue
        out.append(f.name())
        stack.extend(reversed([n for n, _ in f.next_functions]))
    return out


CASES = []


def case(name, call, inp, target, target_grad=True, labels=False):
    for reduction in ["none", "mean", "sum"] + (["batchmean"] if name.startswith("kl_div") else []):
        entry = {"name": name, "reduction": reduction}
        x32 = torch.tensor(inp, requires_grad=True)
        t32 = torch.tensor(LABELS) if labels else torch.tensor(target)
        out = call(x32, t32, reduction)
        entry["repr"] = repr(out.detach())
        entry["value32"] = out.detach().tolist()
        x = torch.tensor(inp, dtype=torch.float64, requires_grad=True)
        t = torch.tensor(LABELS) if labels else torch.tensor(target, dtype=torch.float64, requires_grad=target_grad)
        out = call(x, t, reduction)
        entry["graph"] = names(out.grad_fn)
        inputs = [x, t] if target_grad and not labels else [x]
        grads = torch.autograd.grad(out.sum(), inputs)
        entry["grad_input"] = grads[0].tolist()
        if len(grads) > 1:
            entry["grad_target"] = grads[1].tolist()
        CASES.append(entry)


w = lambda x: torch.tensor(W, dtype=x.dtype)
case("binary_cross_entropy", lambda x, t, r: F.binary_cross_entropy(x, t, reduction=r), P, T)
case("binary_cross_entropy weight", lambda x, t, r: F.binary_cross_entropy(x, t, weight=w(x), reduction=r), P, T)
case("binary_cross_entropy_with_logits", lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, reduction=r), X, T)
case("binary_cross_entropy_with_logits pos_weight weight", lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, weight=w(x), pos_weight=w(x) * 2, reduction=r), X, T)
case("l1_loss", lambda x, t, r: F.l1_loss(x, t, reduction=r), X, T)
case("smooth_l1_loss", lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r), X, T)
case("smooth_l1_loss beta=0.5", lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=0.5), X, T)
case("smooth_l1_loss beta=0", lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=0.0), X, T)
case("huber_loss", lambda x, t, r: F.huber_loss(x, t, reduction=r), X, T)
case("huber_loss delta=0.7", lambda x, t, r: F.huber_loss(x, t, reduction=r, delta=0.7), X, T)
case("kl_div", lambda x, t, r: F.kl_div(x, t, reduction=r), X, T, target_grad=False)
case("kl_div log_target", lambda x, t, r: F.kl_div(x, t, reduction=r, log_target=True), X, T)
case("nll_loss", lambda x, t, r: F.nll_loss(x, t, reduction=r), X, None, labels=True)
case("nll_loss weight", lambda x, t, r: F.nll_loss(x, t, weight=w(x), reduction=r), X, None, labels=True)
case("cross_entropy label_smoothing", lambda x, t, r: F.cross_entropy(x, t, reduction=r, label_smoothing=0.1), X, None, labels=True)
case("cross_entropy label_smoothing weight", lambda x, t, r: F.cross_entropy(x, t, weight=w(x), reduction=r, label_smoothing=0.2), X, None, labels=True)
case("cross_entropy probabilities label_smoothing", lambda x, t, r: F.cross_entropy(x, t, reduction=r, label_smoothing=0.1), X, T, target_grad=False)

print(json.dumps({"version": torch.__version__, "X": X, "P": P, "T": T, "W": W, "LABELS": LABELS, "cases": CASES}, indent=1))
