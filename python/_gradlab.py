"""How Gradlab runs a Python program: imports that cannot work here fail at once with a clear
message, and an uncaught exception becomes a traceback of the program's own frames (the
package's frames left out, as PyTorch's C++ frames are never shown) with PyTorch's last line."""
import ast
import builtins
import linecache
import sys
import traceback
import types

LIB_DIR = __file__.rsplit("/", 1)[0] + "/"

_UNAVAILABLE = {
    "numpy": "numpy is not available in Gradlab; use torch tensors",
    "pandas": "pandas is not available in Gradlab; use torch tensors",
    "matplotlib": "matplotlib is not available in Gradlab: the graph, the inspector and the console show the results",
    "scipy": "scipy is not available in Gradlab; use torch",
    "sklearn": "scikit-learn is not available in Gradlab; use torch",
    "torchvision": "torchvision is not available in Gradlab: there are no datasets to download; build tensors in code",
    "torchaudio": "torchaudio is not available in Gradlab",
    "torchtext": "torchtext is not available in Gradlab",
    "micropip": "installing packages is not available in Gradlab",
    "pyodide_http": "network access is not available in Gradlab",
    "pyodide.http": "network access is not available in Gradlab",
    "pyodide_js": "Pyodide's JavaScript API is not available to programs in Gradlab",
    "requests": "network access is not available in Gradlab",
    "urllib3": "network access is not available in Gradlab",
    "urllib.request": "network access is not available in Gradlab",
    "http.client": "network access is not available in Gradlab",
    "socket": "network access is not available in Gradlab",
}


class _Unavailable:
    """A meta path finder that refuses the modules Gradlab cannot offer, with a reason."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        for blocked, why in _UNAVAILABLE.items():
            if name == blocked or name.startswith(blocked + "."):
                raise ModuleNotFoundError(why, name=name)
        return None


# The namespace of the program run last: what the viewer reads its variables from.
last_namespace = {}


def block_unavailable_modules():
    for name in list(sys.modules):
        if any(name == b or name.startswith(b + ".") for b in _UNAVAILABLE):
            del sys.modules[name]
    if not any(f is _Unavailable for f in sys.meta_path):
        sys.meta_path.insert(0, _Unavailable)
    import pyodide

    if hasattr(pyodide, "http"):
        delattr(pyodide, "http")


def playground_globals():
    """The names a playground snippet may use without importing them."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    import torch.optim as optim
    from torchviz import make_dot

    return {"torch": torch, "nn": nn, "F": F, "optim": optim, "make_dot": make_dot}


def run(source, filename, preload=False):
    """Runs a program as __main__. Returns None, or (traceback text, exception line in the
    program or 0, the exception's class name, exit status) for an uncaught exception."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    main = types.ModuleType("__main__")
    main.__file__ = filename
    main.__builtins__ = builtins
    if preload:
        main.__dict__.update(playground_globals())
    previous_main = sys.modules.get("__main__")
    sys.modules["__main__"] = main
    global last_namespace
    last_namespace = main.__dict__
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
        exec(code, main.__dict__)
    except SystemExit as e:
        code = e.code
        if code is None or code == 0:
            return None
        if isinstance(code, int):
            return "", 0, "SystemExit", code
        return f"{code}\n", 0, "SystemExit", 1
    except BaseException as e:  # the program's own error, reported as Python reports it
        return format_exception(e, filename) + (1,)
    finally:
        if previous_main is not None:
            sys.modules["__main__"] = previous_main
        sys.stdout.flush()
        sys.stderr.flush()
    return None


def _user_frames(tb):
    """The traceback without this runner's and the package's frames."""
    frames = []
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if not (name.startswith(LIB_DIR) or name.startswith("<frozen importlib")):
            frames.append(tb)
        tb = tb.tb_next
    rebuilt = None
    for tb in reversed(frames):
        rebuilt = types.TracebackType(rebuilt, tb.tb_frame, tb.tb_lasti, tb.tb_lineno)
    return rebuilt


def format_exception(e, filename):
    tb = _user_frames(e.__traceback__)
    e = e.with_traceback(tb)
    _strip_chain(e)
    text = "".join(traceback.format_exception(type(e), e, tb))
    line = 0
    if isinstance(e, SyntaxError) and e.filename == filename:
        line = e.lineno or 0
    else:
        walk = tb
        while walk is not None:
            if walk.tb_frame.f_code.co_filename == filename:
                line = walk.tb_lineno
            walk = walk.tb_next
    return text, line, type(e).__name__


def _strip_chain(e, seen=None):
    seen = seen or set()
    for linked in (e.__cause__, e.__context__):
        if linked is not None and id(linked) not in seen:
            seen.add(id(linked))
            linked.__traceback__ = _user_frames(linked.__traceback__)
            _strip_chain(linked, seen)


# ---- what the playground's viewer learns from a run ---------------------------------------------

def user_line(filename):
    """The line of the program that is running now: its innermost frame in `filename`, or 0.
    The engine asks when it makes a graph node (the node's source line, for node <-> line links)."""
    f = sys._getframe(1)
    while f is not None:
        if f.f_code.co_filename == filename:
            return f.f_lineno
        f = f.f_back
    return 0


def _assignment_lines(source):
    """The first line where the module's top level assigns each name (`x = ...`, `for x in`,
    `with ... as x`, `def x`, `class x`, `import x`)."""
    lines = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return lines

    def bind(target, line):
        if isinstance(target, ast.Name):
            lines.setdefault(target.id, line)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for t in target.elts:
                bind(t, line)
        elif isinstance(target, ast.Starred):
            bind(target.value, line)

    def visit(body):
        for node in body:
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    bind(t, node.lineno)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
                bind(node.target, node.lineno)
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                bind(node.target, node.lineno)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        bind(item.optional_vars, node.lineno)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                lines.setdefault(node.name, node.lineno)
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list) and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    visit([n for n in inner if isinstance(n, ast.AST)])

    visit(tree.body)
    return lines


def scope_entries(source, namespace=None):
    """The program's top-level tensors for the viewer: (name, engine tensor, line) for each
    variable that holds a tensor, and for each parameter of a module a variable holds (named as
    named_parameters() names it), with the line that first assigns the variable."""
    import torch

    lines = _assignment_lines(source)
    entries = []
    for name, value in list((last_namespace if namespace is None else namespace).items()):
        if name.startswith("__"):
            continue
        line = lines.get(name, 0)
        if isinstance(value, torch.Tensor):
            entries.append((name, value._t, line))
        elif isinstance(value, torch.nn.Module):
            for pname, p in value.named_parameters():
                entries.append((pname, p._t, line))
    return entries
