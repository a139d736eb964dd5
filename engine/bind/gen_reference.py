"""Writes engine/bind/reference.json: what PyTorch 2.x itself declares for every name that
engine/bind/signatures.ts declares, so that engine/bind/reference.test.ts can hold the table to it.

Run with a PyTorch 2.x (tools/torch2/setup.py makes one): `DIR/python engine/bind/gen_reference.py`.
For each key of the table it records, from the running PyTorch:

- a C++ function or method (the argument parser's): `listing`, the signatures PyTorch prints in its
  "expected one of" report, in its order (got by a call with more keywords than any signature
  takes), or, where it has a single signature, `single`: its raw parser strings for that name, read
  from libtorch_python.so (a signature string may be stored only as the tail of a longer one, the
  linker merging them). `noargs`: a method that takes no arguments (METH_NOARGS).
- a Python function: `def`, its qualified name and parameters as `inspect` gives them, defaults as
  their repr (annotations left out).
- `null` where PyTorch has no such name (the engine's own additions).
"""
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

HERE = Path(__file__).parent
BOGUS = {f"bogus{i}": 0 for i in range(64)}


def table():
    out = subprocess.run(
        ["npx", "tsx", "-e", "import { SIGNATURES } from './engine/bind/signatures.ts'; console.log(JSON.stringify(SIGNATURES))"],
        cwd=HERE.parent.parent, capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out)


def parser_strings():
    lib = Path(torch.__file__).parent / "lib" / "libtorch_python.so"
    out = subprocess.run(["strings", "-n", "3", str(lib)], capture_output=True, text=True, check=True).stdout
    return [s for s in out.splitlines() if re.match(r"^[A-Za-z_0-9.]*[A-Za-z_0-9]\(.*\)(\|deprecated|\|hidden)?$", s)]


def obj_for(key):
    if key == "Module.to":
        # Python's `def to(self, *args, **kwargs)` binds by this parser.
        return torch._C._nn._parse_to
    space, _, name = key.partition(".")
    roots = {
        "torch": torch, "Tensor": torch.Tensor, "F": F, "nn": torch.nn, "Module": torch.nn.Module,
        "optim": torch.optim, "Optimizer": torch.optim.Optimizer, "autograd": torch.autograd,
        "SGD": torch.optim.SGD, "Adam": torch.optim.Adam, "RMSprop": torch.optim.RMSprop, "Adagrad": torch.optim.Adagrad,
        "lr_scheduler": torch.optim.lr_scheduler, "LRScheduler": torch.optim.lr_scheduler.LRScheduler,
        "ReduceLROnPlateau": torch.optim.lr_scheduler.ReduceLROnPlateau,
        "data": torch.utils.data, "DataLoader": torch.utils.data.DataLoader,
    }
    root = roots.get(space)
    return getattr(root, name, None) if root is not None else None


def def_line(fn, qualname):
    params = []
    star = False
    for p in inspect.signature(fn).parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            params.append(f"*{p.name}")
            star = True
            continue
        if p.kind is p.VAR_KEYWORD:
            params.append(f"**{p.name}")
            continue
        if p.kind is p.KEYWORD_ONLY and not star:
            params.append("*")
            star = True
        params.append(p.name if p.default is p.empty else f"{p.name}={p.default!r}")
    return f"def {qualname}({', '.join(params)})"


def native(fn, name, strings, is_method):
    target = (torch.ones(1),) if is_method else ()
    try:
        fn(*target, **BOGUS)
    except TypeError as e:
        text = str(e)
    if re.search(r"takes no (keyword )?arguments", text):
        return {"noargs": True}
    if "but expected one of:\n" in text:
        return {"listing": [line[3:] for line in text.split("\n") if line.startswith(" * ")]}
    if ", but expected (" in text:
        return {"listing": [text.rsplit(", but expected ", 1)[1]]}
    # Every string that is, or ends with, a signature of this name (the linker's tail merging).
    pattern = re.compile(re.escape(name) + r"\(")
    return {"single": sorted({s[m.start():] for s in strings for m in pattern.finditer(s)})}


def main():
    strings = parser_strings()
    out = {"torch": torch.__version__, "entries": {}}
    for key, spec in table().items():
        fn = obj_for(key)
        if fn is None or not callable(fn):
            out["entries"][key] = None
            continue
        if isinstance(fn, type):
            init = fn.__new__ if fn is torch.nn.Parameter else fn.__init__
            out["entries"][key] = {"def": def_line(init, init.__qualname__)}
        elif inspect.isfunction(fn):
            out["entries"][key] = {"def": def_line(fn, fn.__qualname__)}
        else:
            name = key.split(".", 1)[1]
            out["entries"][key] = native(fn, name, strings, key.startswith("Tensor."))
    (HERE / "reference.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    sys.exit(main())
