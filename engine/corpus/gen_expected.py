"""Regenerates the `--- expected` section of every engine/corpus/cases/*.case from real PyTorch 2.x.

Run with a PyTorch 2.x (tools/torch2/setup.py makes one): `DIR/python engine/corpus/gen_expected.py`.
Each case's Python twin runs in a fresh interpreter; what it prints is the expected text, followed,
when it raises, by one line `ExceptionName: message` (what the playground's console shows for a
snippet that throws).
"""
import subprocess
import sys
from pathlib import Path

CASES = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "cases"
RUNNER = r'''
import sys, traceback
source = sys.stdin.read()
try:
    exec(compile(source, "<case>", "exec"), {"__name__": "__main__"})
except Exception as e:
    sys.stdout.flush()
    print(f"{type(e).__name__}: {e}")
'''


def parse(text):
    sections, name = {}, None
    for line in text.split("\n"):
        if line.startswith("--- "):
            name = line[4:].strip()
            sections[name] = []
        elif name is not None:
            sections[name].append(line)
    return {k: "\n".join(v).strip("\n") for k, v in sections.items()}


def main():
    check = subprocess.run([sys.executable, "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True, check=True)
    if not check.stdout.startswith("2."):
        raise SystemExit(f"run with PyTorch 2.x, not {check.stdout.strip()}")
    for path in sorted(CASES.glob("*.case")):
        case = parse(path.read_text())
        run = subprocess.run([sys.executable, "-c", RUNNER], input=case["py"], capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            raise SystemExit(f"{path.name}: {run.stderr}")
        path.write_text(f"--- ts\n{case['ts']}\n--- py\n{case['py']}\n--- expected\n{run.stdout}")
        print(path.name)


if __name__ == "__main__":
    main()
