"""Writes engine/autograd/nodes/expected.json: for each program of cases.py, the backward graph of
its `y` as PyTorch 2.x builds it: every Node (depth first along next_functions, each once), its
name and its `_saved_*` attributes as PyTorch's getters give them (a tensor as `T` and its shape).

Run with a PyTorch 2.x (tools/torch2/setup.py makes one): `DIR/python engine/autograd/nodes/gen_expected.py`.
"""
import json
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

from cases import CASES

SETUP = """
x = torch.tensor([[0.5, -1.5, 2.0], [1.0, 3.0, -0.25]], requires_grad=True)
v = torch.tensor([1.5, -2.0, 0.5], requires_grad=True)
m = torch.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 1.0], [2.0, 0.5, 1.0]], requires_grad=True)
b = torch.arange(12.).reshape(2, 2, 3).requires_grad_()
i = torch.tensor([2, 0])
idx = torch.tensor([[0, 2], [1, 1]])
"""


def fmt(v):
    if torch.is_tensor(v):
        return "T" + str(tuple(v.shape))
    if isinstance(v, tuple):
        return "(" + ", ".join(fmt(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    return repr(v)


def show(t):
    seen, out = set(), []

    def walk(fn):
        if fn is None or fn in seen:
            return
        seen.add(fn)
        attrs = [a for a in dir(fn) if a.startswith("_saved_")]
        out.append(" ".join([type(fn).__name__] + [f"{a[7:]}={fmt(getattr(fn, a))}" for a in attrs]))
        for nxt, _ in fn.next_functions:
            walk(nxt)

    walk(t.grad_fn)
    return out


def main():
    if not torch.__version__.startswith("2."):
        raise SystemExit(f"run with PyTorch 2.x, not {torch.__version__}")
    results = []
    for py, ts in CASES:
        env = {"torch": torch, "F": F}
        exec(SETUP, env)
        exec(py, env)
        results.append({"py": py, "ts": ts, "nodes": show(env["y"])})
    out = {"torch": torch.__version__, "setup": SETUP.strip(), "cases": results}
    (Path(__file__).parent / "expected.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
