"""Regenerates the expected texts of engine/bind/binding_errors.json from real PyTorch.

Run with Debian's PyTorch 1.13 (`/usr/bin/python3 engine/bind/gen_binding_errors.py`). Each case's
Python twin is run and its exception recorded as `Class: message`. Where PyTorch 2.x prints the same
thing differently, the 1.13 text is rewritten by 2.x's own rules (read in its source), and only those:

- `_TensorBase.` is `TensorBase.` (torch._C._TensorBase was renamed in 2.2, PR #109940).
- A SymInt list is a `tuple of ints` in every message (2.x's FunctionParameter::type_name).
- "received an invalid combination of arguments": 2.x's FunctionSignature::toString prints each
  optional parameter's default (`bool keepdim = False`) and calls SymInt lists `tuple of ints`.
  The defaults are those of the same parser strings in 1.13's libtorch_python.so. The report's
  "didn't match" lines are then recomputed as invalid_arguments.cpp does on those strings: it
  splits each at ", " and takes the word after the last space as the name, which for
  `torch.dtype dtype = None` is `None`.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
CASES = HERE / "binding_errors.json"
LIB = "/usr/lib/python3/dist-packages/torch/lib/libtorch_python.so"

TYPE_NAMES = {
    "Tensor": "Tensor", "Scalar": "Number", "int64_t": "int", "SymInt": "SymInt", "double": "float",
    "TensorList": "tuple of Tensors", "IntArrayRef": "tuple of ints", "SymIntArrayRef": "tuple of SymInts",
    "Generator": "torch.Generator", "bool": "bool", "ScalarType": "torch.dtype", "Layout": "torch.layout",
    "MemoryFormat": "torch.memory_format", "Device": "torch.device", "c10::string_view": "str",
    "Dimname": "name", "DimnameList": "tuple of names", "PyObject*": "object",
}


def parser_strings():
    out = subprocess.run(["strings", "-n", "4", LIB], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if re.match(r"^[A-Za-z_0-9]+\(.*\)(\|deprecated|\|hidden)?$", line)]


def params_of(raw):
    body = raw[raw.index("(") + 1 : raw.rindex(")")]
    params, kw = [], False
    for part in ([] if body == "" else body.split(", ")):
        if part == "*":
            kw = True
            continue
        typ, rest = part.split(" ", 1)
        typ = re.sub(r"\?|\[\d*\]", "", typ)
        name, _, default = rest.partition("=")
        params.append((kw, typ, name, default if "=" in rest else None))
    return params


def printed(params, with_defaults, symint_as_int):
    parts, shown = [], False
    for kw, typ, name, default in params:
        t = TYPE_NAMES.get(typ, typ)
        if symint_as_int:
            t = t.replace("SymInts", "ints").replace("SymInt", "int")
        s = ("*, " if kw and not shown else "") + f"{t} {name}"
        shown = shown or kw
        if with_defaults and default is not None:
            s += f" = {default}"
        parts.append(s)
    return "(" + ", ".join(parts) + ")"


def option_names(option):
    """invalid_arguments.cpp's _parseOption: name = text after the last space of each ", " part."""
    body = option[1:-1]
    out = []
    for arg in body.split(", "):
        end = arg.rfind(" ")
        name = arg[end + 1 :]
        typ = arg[: end if end >= 0 else len(arg)]
        out.append((name, typ))
    return out


def matches(typ, value_type):
    if typ == "float":
        return value_type in ("float", "int", "long")
    if typ == "int":
        return value_type in ("int", "long")
    return typ == value_type


def find_raw(name, option, raws):
    # The linker merges string tails: `max(Tensor other)` may only exist inside `fmax(Tensor other)`.
    exact = [r for r in raws if r.startswith(name + "(") and "|" not in r]
    merged = [r[r.index("(") - len(name) :] for r in raws if "|" not in r and r[: r.index("(")].endswith(name)]
    match = next((r for r in exact + merged if printed(params_of(r), False, False) == option), None)
    if match is None:
        raise SystemExit(f"no parser string for {name}{option}")
    return printed(params_of(match), True, True)


def rewrite_invalid_combination(message, raws):
    head, _, rest = message.partition(", but expected one of:\n")
    name = message.split(": ", 1)[1].split("(")[0]
    if not rest:
        # One visible signature: "got (...), but expected (...)".
        single, _, option = message.rpartition(", but expected ")
        return f"{single}, but expected {find_raw(name, option, raws)}"
    got = head[head.index(" - got (") + len(" - got (") : -1]
    items = [g for g in got.split(", ") if g]
    args = [g for g in items if "=" not in g]
    kwargs = [tuple(g.split("=", 1)) for g in items if "=" in g]
    lines = [line[3:] for line in rest.split("\n") if line.startswith(" * ")]
    new_options = [find_raw(name, option, raws) for option in lines]
    out = head + ", but expected one of:\n"
    for option in new_options:
        out += f" * {option}\n"
        names = option_names(option)
        if len(args) + len(kwargs) != len(names):
            continue
        start = max(0, len(names) - len(kwargs))
        tail = [n for n, _ in names[start:]]
        unmatched = [k for k, _ in kwargs if k not in tail]
        if unmatched:
            out += "      didn't match because some of the keywords were incorrect: " + ", ".join(unmatched) + "\n"
            continue
        desc = "("
        kw = dict(kwargs)
        for i in range(len(args) + len(kwargs)):
            is_kw = i >= len(args)
            n, t = names[i]
            value_type = kw[n] if is_kw else args[i]
            mark = "" if matches(t, value_type) else "!"
            desc += mark + (f"{n}=" if is_kw else "") + value_type + mark + ", "
        if args:
            desc = desc[:-2]
        out += "      didn't match because some of the arguments have invalid types: " + desc + ")\n"
    return out


def main():
    data = json.loads(CASES.read_text())
    raws = parser_strings()
    env = {}
    exec(data["setup"]["py"], env)
    for case in data["cases"]:
        try:
            eval(case["py"], env)
            raise SystemExit(f"no error from {case['py']}")
        except SystemExit:
            raise
        except Exception as e:  # noqa: BLE001 - every exception is what the case records
            text = f"{type(e).__name__}: {e}".replace("_TensorBase.", "TensorBase.")
            if "received an invalid combination of arguments" in text:
                text = rewrite_invalid_combination(text, raws)
            text = text.replace("tuple of SymInts", "tuple of ints")
            case["expected"] = text
    CASES.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
