"""Regenerates the corpus's expected outputs from real PyTorch:

    /usr/bin/python3 python/tests/regenerate.py

Each corpus/NAME.py runs as `python3 NAME.py` would run it (as __main__, its own process), with
reference/ first on the path (a torchviz stand-in, and PyTorch 2.x's defaults where 1.13
differs). NAME.out gets its stdout; NAME.err the last line of its traceback when it raises.
Object addresses (`<MulBackward0 object at 0x7f...>`) differ from run to run: they are written
as `0x…`, and the test masks Gradlab's the same way.

A program whose first line is `# reference: PyTorch 2.x` prints what only 2.x prints (a module repr
2.0 changed, the optimizers' 2.x state): it is regenerated only by a 2.x interpreter, as is, with
`DIR/python python/tests/regenerate.py` (tools/torch2/setup.py DIR), and left alone by 1.13."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
REFERENCE = os.path.join(HERE, "reference")
BOOT = "import sys, runpy; sys.path.insert(0, sys.argv.pop(1)); import pytorch2; runpy.run_path(sys.argv[1], run_name='__main__')"


def needs_torch2(program):
    with open(program) as f:
        return f.readline().strip() == "# reference: PyTorch 2.x"


def main():
    import torch

    is_2x = int(torch.__version__.split(".")[0]) >= 2
    names = sorted(f[:-3] for f in os.listdir(CORPUS) if f.endswith(".py"))
    for name in names:
        program = os.path.join(CORPUS, name + ".py")
        if needs_torch2(program) != is_2x:
            continue
        command = [sys.executable, program] if is_2x else [sys.executable, "-c", BOOT, REFERENCE, program]
        run = subprocess.run(command, capture_output=True, text=True, cwd=CORPUS)
        with open(os.path.join(CORPUS, name + ".out"), "w") as f:
            f.write(re.sub(r"0x[0-9a-f]+", "0x…", run.stdout))
        err = os.path.join(CORPUS, name + ".err")
        if run.returncode != 0:
            last = run.stderr.strip().splitlines()[-1]
            with open(err, "w") as f:
                f.write(last + "\n")
        elif os.path.exists(err):
            os.remove(err)
        print(f"{name}: {'raises ' + last if run.returncode else 'ok'}")


if __name__ == "__main__":
    main()
