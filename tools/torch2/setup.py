"""Makes a runnable PyTorch 2.x reference for the generators of expected texts (CPU only).

    /usr/bin/python3 tools/torch2/setup.py DIR

Installs the newest `torch` wheel the package index offers into the virtual environment DIR
(`pip install --no-deps`, then its pure-Python dependencies). Where that wheel is the CUDA build
and the CUDA libraries are not installed (this machine: no GPU, no internet), it builds stand-ins
for them: one shared library per missing CUDA library, with its soname and symbol versions, whose
every function returns an error code (100, cudaErrorNoDevice), so `torch.cuda.is_available()` is
False and everything on the CPU is PyTorch's own code. It writes DIR/python, a launcher that puts
the stand-ins on the library path; the generators are run with it:

    DIR/python engine/bind/gen_binding_errors.py
"""
import collections
import glob
import os
import subprocess
import sys
from pathlib import Path

SYSTEM_LIBS = ["libstdc++.so.6", "libc.so.6", "libm.so.6", "libgcc_s.so.1", "libpthread.so.0", "libdl.so.2", "librt.so.1"]
DEPS = ["filelock", "typing_extensions", "sympy", "networkx", "jinja2", "fsspec", "numpy"]


def dynamic_symbols(path):
    out = subprocess.run(["readelf", "--dyn-syms", "-W", path], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[0].endswith(":"):
            yield fields


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return [line.split("[")[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]


def system_lib(name):
    for d in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64"):
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    return None


def build_stand_ins(torch_dir, out_dir):
    libs = sorted(glob.glob(f"{torch_dir}/lib/*.so*")) + sorted(glob.glob(f"{torch_dir}/*.so"))
    present = {os.path.basename(p) for p in libs}
    missing = sorted({n for lib in libs for n in needed(lib) if n not in present and system_lib(n) is None})
    if not missing:
        return []
    defined = set()
    for path in libs + [p for p in map(system_lib, SYSTEM_LIBS + ["ld-linux-x86-64.so.2"]) if p]:
        defined.update(f[7].split("@")[0] for f in dynamic_symbols(path) if f[6] != "UND")
    # Versioned symbols name their library (or its version node); unversioned ones go in every
    # stand-in, since a library loaded with RTLD_LOCAL only sees its own dependencies.
    by_version, unversioned = collections.defaultdict(set), set()
    for path in libs:
        for f in dynamic_symbols(path):
            name, _, version = f[7].partition("@")
            version = version.lstrip("@")
            if f[6] == "UND" and f[4] != "WEAK" and f[3] == "FUNC" and name not in defined:
                (by_version[version] if version else unversioned).add(name)
    out_dir.mkdir(parents=True, exist_ok=True)
    for lib in missing:
        versions = [v for v in by_version if v == lib or (v not in missing and lib.startswith("lib" + v.lower().split("_")[0]))]
        names = sorted(unversioned.union(*(by_version[v] for v in versions)))
        src = out_dir / f"{lib}.c"
        src.write_text('static const char stand_in[] = "CUDA is not installed";\n' + "".join(
            f"const char *{n}(void) {{ return stand_in; }}\n" if n.endswith(("ErrorString", "GetErrorName", "GetString"))
            else f"long {n}(void) {{ return 100; }}\n" for n in names))
        cmd = ["gcc", "-shared", "-fPIC", "-o", str(out_dir / lib), str(src), f"-Wl,-soname,{lib}"]
        for v in versions:
            script = out_dir / f"{lib}.{v}.map"
            script.write_text(f"{v} {{ global: *; }};\n")
            cmd.append(f"-Wl,--version-script={script}")
        subprocess.run(cmd, check=True)
    return missing


def main():
    venv = Path(sys.argv[1]).resolve()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + ["--no-deps", "torch"], check=True)
    subprocess.run(pip + DEPS, check=True)
    torch_dir = glob.glob(f"{venv}/lib/python3*/site-packages/torch")[0]
    stand_ins = venv / "cuda-stand-ins"
    missing = build_stand_ins(torch_dir, stand_ins)
    launcher = venv / "python"
    launcher.write_text(f'#!/bin/sh\nLD_LIBRARY_PATH="{stand_ins}${{LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}}" exec "{venv}/bin/python" "$@"\n')
    launcher.chmod(0o755)
    version = subprocess.run([str(launcher), "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True, check=True).stdout.strip()
    print(f"torch {version} in {venv}; stand-ins for {len(missing)} CUDA libraries; run {launcher}")


if __name__ == "__main__":
    main()
