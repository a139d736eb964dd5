"""The one mechanism that binds this package to Gradlab's TypeScript engine.

Every engine function is called the same way: Python values go over as the engine's API
expects them (tensors as the engine's tensors, None as null, sequences as arrays, dtypes and
devices as their names), keyword arguments as one options object, last (the engine's rule for
every public function), and what comes back is turned into Python (tensors wrapped, arrays as
tuples, autograd nodes wrapped). Engine errors become the Python exception class named by the
error, with the engine's (PyTorch's) message. Nothing here knows any op by name.
"""
import functools
import weakref

from pyodide.ffi import JsArray, JsException, JsProxy, create_proxy, to_js

# Set by attach(): the engine's `torch` namespace and the host's helpers (src/python/host.ts).
E = None
host = None
_from_entries = None
_kind = None
_tensor_proxy_type = None
# What the Python side calls the WebGPU device: 'cuda', as tutorial code writes it.
GPU_NAME = "cuda"

# Wrappers registered by the modules that define them (Tensor, Parameter, Node, ...), by the
# kind number host.kind() gives an engine value.
KIND_TENSOR = 1
KIND_PARAMETER = 2
KIND_NODE = 3
KIND_NAMED_TUPLE = 4
KIND_ARRAY = 5
KIND_FUNCTION = 6
KIND_OBJECT = 7
KIND_SLICE = 8
KIND_MODULE = 9
KIND_CLASS = 10
wrappers = {}

_ERRORS = {
    "RuntimeError": RuntimeError,
    "IndexError": IndexError,
    "ValueError": ValueError,
    "TypeError": TypeError,
    "NotImplementedError": NotImplementedError,
    "KeyError": KeyError,
    "AttributeError": AttributeError,
    "ZeroDivisionError": ZeroDivisionError,
    "PermissionError": PermissionError,
    "RecursionError": RecursionError,
    "MemoryError": MemoryError,
    # An engine error that names no Python class is PyTorch's usual one.
    "Error": RuntimeError,
}


def attach(engine, helpers):
    global E, host, _from_entries, _kind, _tensor_proxy_type
    E = engine
    host = helpers
    _from_entries = helpers.fromEntries
    _kind = helpers.kind
    # The Python class Pyodide gives a proxy of an engine Tensor (by the object's shape: a tensor
    # has a `size`): what host.method's results are checked against.
    _tensor_proxy_type = type(engine.zeros(1))


def gpu_text(text):
    """The engine's name for the GPU device, as Python code knows it (`cuda:0`)."""
    return text.replace("webgpu", GPU_NAME) if "webgpu" in text else text


def py_error(e):
    """The Python exception for an engine error: its class by the error's name."""
    name = getattr(e, "name", "Error")
    message = gpu_text(str(getattr(e, "message", e)))
    if name == "RangeError" and "call stack" in message:
        return RecursionError("maximum recursion depth exceeded")
    return _ERRORS.get(name, RuntimeError)(message)


# ---- Python -> engine ------------------------------------------------------------------------

def _prepare(v):
    """A value as the engine takes it, with sequences still Python lists (to_js converts them)."""
    t = type(v)
    if t is int or t is float or t is bool or t is str:
        if t is str and v.startswith(GPU_NAME) and (v == GPU_NAME or v[len(GPU_NAME)] == ":"):
            return "webgpu"
        return v
    if v is None:
        return _NULL
    to_engine = getattr(t, "_to_engine", None)
    if to_engine is not None:
        return to_engine(v)
    if t is list or t is tuple:
        return [_prepare(x) for x in v]
    if t is dict:
        return {k: _prepare(x) for k, x in v.items()}
    if isinstance(v, JsProxy):
        return v
    if callable(v):
        return _js_callable(v)
    if hasattr(v, "__iter__") and not isinstance(v, (bytes, bytearray)):
        return [_prepare(x) for x in v]
    if hasattr(v, "__index__"):
        return v.__index__()
    if hasattr(v, "__float__"):
        return float(v)
    raise TypeError(f"Gradlab's engine cannot take a value of type {t.__name__}")


def to_engine(v):
    """A Python value converted for the engine (tensors, numbers, sequences, dicts, callables)."""
    t = type(v)
    if t is int or t is float or t is bool:
        return v
    p = _prepare(v)
    if type(p) is list or type(p) is dict:
        return to_js(p, dict_converter=_from_entries)
    return p


def options(kwargs):
    """Keyword arguments as the engine's options object."""
    return to_js({k: _prepare(v) for k, v in kwargs.items()}, dict_converter=_from_entries)


def call(fn, args, kwargs):
    """Calls an engine function with Python arguments; the result converted to Python."""
    jsargs = [to_engine(a) for a in args] if args else []
    if kwargs:
        jsargs.append(options(kwargs))
    try:
        r = fn(*jsargs)
    except JsException as e:
        raise py_error(e) from None
    if kwargs and kwargs.get("requires_grad") is True:
        return register(from_engine(r))
    return from_engine(r)


def call_method(fn, self, args, kwargs):
    """Calls an engine method (`fn` takes the tensor first: host.method) with Python arguments.
    A tensor result comes back as it is, anything else boxed (host.method)."""
    try:
        if kwargs:
            r = fn(self._t, *[to_engine(a) for a in args], options(kwargs))
        elif args:
            r = fn(self._t, *[to_engine(a) for a in args])
        else:
            r = fn(self._t)
    except JsException as e:
        raise py_error(e) from None
    if type(r) is _tensor_proxy_type:
        return _wrap_tensor(r)
    return from_engine(r.value)


def construct(cls, args, kwargs):
    """`new cls(...)` with Python arguments: the engine object itself (a JsProxy)."""
    jsargs = [to_engine(a) for a in args]
    if kwargs:
        jsargs.append(options(kwargs))
    try:
        return cls.new(*jsargs)
    except JsException as e:
        raise py_error(e) from None


def guard(fn):
    """Decorates a function that calls the engine directly: engine errors become Python's."""
    @functools.wraps(fn)
    def guarded(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except JsException as e:
            raise py_error(e) from None
    return guarded


def _js_callable(fn):
    """A Python callable the engine can call back (hooks, closures, backward functions)."""
    def adapter(*args):
        return to_engine(fn(*[from_engine(a) for a in args]))
    return create_proxy(adapter)


# ---- engine -> Python ------------------------------------------------------------------------

# What Pyodide already gives as Python values. (isinstance(v, JsProxy) is slow: an instance check
# through Pyodide's metaclass costs more than the rest of an op's wrapping.)
_PLAIN = {int, float, bool, str, type(None)}


def from_engine(v):
    """An engine value as Python sees it."""
    if type(v) in _PLAIN:
        return v
    if v is _NULL:
        return None
    kind = _kind(v)
    w = wrappers.get(kind)
    if w is not None:
        return w(v)
    if kind == KIND_ARRAY:
        return tuple(from_engine(x) for x in v)
    if kind == KIND_FUNCTION:
        return _py_callable(v)
    return v


# Engine tensor id -> its Python wrapper, while that is alive, for the leaves a program makes
# (parameters, tensors that require grad): a graph walk that reaches one again
# (`grad_fn.next_functions[0][0].variable`) gives back the very object the program holds, as in
# PyTorch. Op results are not entered: looking them up would cost every op a crossing.
_live = {}


def register(obj):
    key = obj._t.id
    _live[key] = weakref.ref(obj, lambda r, key=key: _live.get(key) is r and _live.pop(key))
    return obj


def known(js):
    """The registered Python object of an engine tensor, or None."""
    ref = _live.get(js.id)
    return ref() if ref is not None else None


def from_engine_known(v):
    """from_engine, giving a registered tensor back as the program's own object."""
    if type(v) not in _PLAIN and v is not _NULL:
        kind = _kind(v)
        if kind == KIND_TENSOR or kind == KIND_PARAMETER:
            ref = _live.get(v.id)
            obj = ref() if ref is not None else None
            if obj is not None:
                return obj
        elif kind == KIND_ARRAY:
            return tuple(from_engine_known(x) for x in v)
    return from_engine(v)


def _py_callable(fn):
    @functools.wraps(lambda *a, **k: None)
    def call_engine(*args, **kwargs):
        return call(fn, args, kwargs)
    return call_engine


def seq(v):
    """An engine array as a Python list of Python values."""
    return [from_engine(x) for x in v]


class EngineObject:
    """A plain engine object seen from Python: attributes and items read and write through."""

    __slots__ = ("_js",)

    def __init__(self, js):
        object.__setattr__(self, "_js", js)

    @classmethod
    def _to_engine(cls, self):
        return self._js

    def __getattr__(self, name):
        try:
            return from_engine(getattr(self._js, name))
        except AttributeError:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'") from None

    def __setattr__(self, name, value):
        setattr(self._js, name, to_engine(value))

    def __getitem__(self, key):
        if key not in self:
            raise KeyError(key)
        return from_engine_known(host.get(self._js, key))

    def __setitem__(self, key, value):
        host.set(self._js, key, to_engine(value))

    def __contains__(self, key):
        return bool(host.has(self._js, key))

    def keys(self):
        return list(host.keys(self._js))

    def items(self):
        return [(k, self[k]) for k in self.keys()]

    def values(self):
        return [self[k] for k in self.keys()]

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self.keys())

    def __repr__(self):
        return gpu_text(str(host.repr(self._js)))


wrappers[KIND_OBJECT] = EngineObject


def _wrap_tensor(js):
    """Replaced by torch._tensor with its wrapping function (set when that module loads)."""
    return wrappers[KIND_TENSOR](js)

_NULL = None
_NULL_TYPE = None


def _init_null():
    global _NULL, _NULL_TYPE
    try:
        from pyodide.ffi import jsnull
    except ImportError:  # older Pyodide converted null to None
        return
    _NULL = jsnull
    _NULL_TYPE = type(jsnull)


_init_null()

import _gradlab_host  # noqa: E402  (registered by src/python/runtime.ts before the package loads)

attach(_gradlab_host.torch, _gradlab_host)


def engine_function(fn, name):
    """A Python function for the engine function `fn` (torch.relu, F.mse_loss, ...)."""
    def engine_fn(*args, **kwargs):
        return call(fn, args, kwargs)

    engine_fn.__name__ = engine_fn.__qualname__ = name
    return engine_fn
