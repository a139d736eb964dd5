"""Regenerates the expected texts of engine/bind/binding_errors.json from real PyTorch 2.x.

Run with a PyTorch 2.x (tools/torch2/setup.py makes one): `DIR/python engine/bind/gen_binding_errors.py`.
Each case's Python twin is run and its exception recorded as `Class: message`, as PyTorch prints it.
"""
import json
import sys
from pathlib import Path

import torch

HERE = Path(__file__).parent
CASES = HERE / "binding_errors.json"


def main():
    if not torch.__version__.startswith("2."):
        raise SystemExit(f"run with PyTorch 2.x, not {torch.__version__}")
    data = json.loads(CASES.read_text())
    env = {}
    exec(data["setup"]["py"], env)
    for case in data["cases"]:
        try:
            eval(case["py"], env)
            raise SystemExit(f"no error from {case['py']}")
        except SystemExit:
            raise
        except Exception as e:  # noqa: BLE001 - every exception is what the case records
            case["expected"] = f"{type(e).__name__}: {e}"
    data["torch"] = torch.__version__
    CASES.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
