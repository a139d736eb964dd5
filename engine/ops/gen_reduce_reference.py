"""Expected values of float reductions, from real PyTorch (2.x), for engine/ops/reduce_reference.test.ts.

    DIR/python engine/ops/gen_reduce_reference.py      (DIR from tools/torch2/setup.py)

Inputs are made from a counter by integer hashing and float32 arithmetic, so the test rebuilds
them bit for bit without PyTorch. Each case reduces one layout (contiguous, strided, transposed,
permuted, sliced) of sizes from 1 to 100,000 over one dim, several or all. sum runs on two vector
widths (ATEN_CPU_CAPABILITY avx2 and avx512, one process each) and several thread counts, since
both change the grouping of a large sum; the other reductions on avx2 with 8 threads, the machine
the engine follows by default. (An AVX512 machine runs the reductions' AVX2 kernels:
REGISTER_DISPATCH registers no AVX512 kernel, so both give the same values.) Values are float32
(or float64) shortest reprs, space-separated.
"""
import json
import os
import subprocess
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reduce_reference.json")

SIZES_1D = [1, 2, 3, 5, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024,
            4097, 10000, 32767, 32768, 32769, 65536, 100000]
SHAPES_2D = [[1, 7], [3, 5], [4, 8], [7, 33], [16, 16], [33, 65], [64, 200], [100, 100], [257, 129], [200, 300],
             [1000, 40], [40, 1000], [3, 20000], [20000, 3], [250, 400], [400, 250], [2000, 1], [1, 2000]]
DEFAULT_THREADS = 8
# Checked to one float32 ulp (all values kept): the norms' compiled tail loop and powf, and log in logsumexp, are not followed to the bit.
APPROXIMATE = {"norm", "norm3", "logsumexp"}
SHAPES_3D = [[2, 3, 4], [3, 1, 5], [5, 7, 9], [8, 16, 8], [17, 9, 33], [20, 30, 40], [10, 100, 35], [40, 50, 50]]


def data(torch, n, seed, prod):
    i = torch.arange(n, dtype=torch.int64)
    k = ((i * 2654435761 + seed * 97531) % (1 << 32)) >> 8
    u = (k.to(torch.float64) / (1 << 24) - 0.5).to(torch.float32)
    if prod:
        return torch.tensor(1.0, dtype=torch.float32) + u * torch.tensor(0.01, dtype=torch.float32)
    return u * torch.tensor(3.7, dtype=torch.float32) + torch.tensor(0.3, dtype=torch.float32)


def layouts(shape):
    """(name, base shape, view) for a tensor of `shape`: the view maps the base to that shape."""
    nd = len(shape)
    out = [("contiguous", shape, lambda b: b)]
    if nd == 1:
        out.append(("step2", [2 * shape[0]], lambda b: b[::2]))
        out.append(("step3-offset1", [3 * shape[0] + 1], lambda b: b[1::3]))
    if nd == 2:
        out.append(("transposed", [shape[1], shape[0]], lambda b: b.t()))
        out.append(("columns-step2", [shape[0], 2 * shape[1]], lambda b: b[:, ::2]))
    if nd == 3:
        out.append(("permuted-201", [shape[1], shape[2], shape[0]], lambda b: b.permute(2, 0, 1)))
        out.append(("rows-offset", [shape[0] + 1, shape[1], shape[2]], lambda b: b[1:]))
    return out


def dim_choices(nd):
    if nd == 1:
        return [None, 0]
    if nd == 2:
        return [None, 0, 1, [0, 1]]
    return [None, 0, 1, 2, [0, 2], [1, 2]]


SHOWN = 16


def fmt(t, every):
    """The first values (`every`: all) as text and a digest of all of them: FNV-1a over their bits in 32-bit words."""
    import numpy as np
    import torch
    flat = np.ascontiguousarray(t.detach().reshape(-1).numpy())
    shown = " ".join(str(np.float32(v)) if t.dtype == torch.float32 else repr(float(v)) for v in (flat if every else flat[:SHOWN]))
    h = 2166136261
    for w in flat.view(np.uint32).tolist():
        h = ((h ^ w) * 16777619) & 0xFFFFFFFF
    return {"values": shown, "count": int(flat.size), "fnv": h}


def cases(shapes):
    for shape in shapes:
        for name, base, view in layouts(shape):
            for dim in dim_choices(len(shape)):
                yield shape, name, base, view, dim


def run(ops, threads, shapes_by_op, large_only):
    import torch
    torch.set_num_threads(threads)
    results = []
    for op, shapes in shapes_by_op.items():
        for seed, (shape, name, base, view, dim) in enumerate(cases(shapes)):
            if (op == "prod" and isinstance(dim, list)) or (op == "logsumexp" and dim is None):
                continue
            for dtype in (["float32", "float64"] if op == "sum" and seed % 5 == 0 else ["float32"]):
                n = 1
                for s in base:
                    n *= s
                if large_only and n < 32768:
                    continue
                b = data(torch, n, seed, op == "prod").reshape(base).to(getattr(torch, dtype))
                x = view(b)
                kw = {} if dim is None else {"dim": dim}
                fn = ops[op]
                y = fn(x, kw)
                results.append({"op": op, "dtype": dtype, "shape": shape, "layout": name, "base": base, "seed": seed,
                                "dim": dim, **fmt(y, op in APPROXIMATE)})
    return results


def child(capability, thread_list, which):
    import torch
    ops = {
        "sum": lambda x, kw: x.sum(**kw),
        "mean": lambda x, kw: x.mean(**kw),
        "var": lambda x, kw: x.var(**kw),
        "std": lambda x, kw: x.std(**kw),
        "norm": lambda x, kw: torch.linalg.vector_norm(x, **kw),
        "norm1": lambda x, kw: torch.linalg.vector_norm(x, 1, **kw),
        "norm3": lambda x, kw: torch.linalg.vector_norm(x, 3, **kw),
        "prod": lambda x, kw: x.prod(**kw),
        "logsumexp": lambda x, kw: x.logsumexp(**kw),
    }
    assert torch.backends.cpu.get_cpu_capability() == capability.upper(), torch.backends.cpu.get_cpu_capability()
    shapes_1d = [[n] for n in SIZES_1D]
    all_shapes = shapes_1d + SHAPES_2D + SHAPES_3D
    if which == "sum":
        by_op = {"sum": all_shapes}
    else:
        small = [[n] for n in SIZES_1D if n in (1, 5, 17, 33, 129, 1000, 4097, 32769, 100000)] + SHAPES_2D[::2] + SHAPES_3D[::2]
        by_op = {op: small for op in ops if op != "sum"}
        for op in APPROXIMATE:
            by_op[op] = [s for s in small if len(s) == 1 or max(s) <= 2000]
    out = {}
    for threads in thread_list:
        # Threads only share out reductions of GRAIN_SIZE (32768) elements or more.
        out[str(threads)] = run(ops, threads, by_op, threads != DEFAULT_THREADS)
    json.dump({"version": torch.__version__, "results": out}, sys.stdout)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], [int(t) for t in sys.argv[3].split(",")], sys.argv[4])
        return
    configs = [("avx2", "1,2,4,8", "sum"), ("avx512", "1,8", "sum"), ("avx2", "8", "others")]
    reference = {"generator": "engine/ops/gen_reduce_reference.py", "configs": []}
    for capability, threads, which in configs:
        env = dict(os.environ, ATEN_CPU_CAPABILITY=capability)
        text = subprocess.run([sys.executable, __file__, "--child", capability, threads, which], env=env, check=True,
                              capture_output=True, text=True).stdout
        part = json.loads(text)
        reference["torch"] = part["version"]
        for t, results in part["results"].items():
            reference["configs"].append({"capability": capability, "threads": int(t), "results": results})
    with open(OUT, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")
    print(OUT, sum(len(c["results"]) for c in reference["configs"]), "cases")


if __name__ == "__main__":
    main()
