"""Gradlab's `torch`: PyTorch's Python API over Gradlab's TypeScript engine.

Tensors, autograd, nn and optim compute in the engine; this package gives them Python's
syntax and types. Any torch.* name not defined here is the engine's function of that name,
bound on first use through the one calling convention of torch._bridge.
"""
from . import _bridge
from ._types import Size, device, dtype
from ._types import float32, float64, int64, bool_ as _bool_dtype, float16, bfloat16, int32, int16, int8, uint8, complex64
from ._tensor import Tensor, bind_operators as _bind_operators, install_engine_members as _install_members
from ._functions import (
    BoolTensor, DoubleTensor, FloatTensor, LongTensor, arange, as_tensor, asarray, compile, from_numpy, full,
    full_like, get_default_device, get_default_dtype, is_floating_point, is_tensor, load, numel, save,
    scalar_tensor, set_default_dtype, set_printoptions, tensor, typename,
)
from .autograd.grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from . import return_types

_bind_operators()
_install_members(Tensor, _bridge.host.members(_bridge.E.Tensor).to_py())

from . import autograd, nn, optim, cuda, backends, utils  # noqa: E402
from .nn.parameter import Parameter as _Parameter  # noqa: E402,F401

float = float32
double = float64
long = int64
int = int32
half = float16
bool = _bool_dtype
cfloat = complex64

__version__ = "2.5.0+gradlab"

# Engine members that are JavaScript plumbing or have a Python form above.
_NOT_PUBLIC = {"format", "zerosLike", "parseReduceArgs", "Slice", "slice", "index", "viz", "webgpu", "from_array", "cpu_async"}


def __getattr__(name):
    if name.startswith("_") or name in _NOT_PUBLIC:
        raise AttributeError(f"module 'torch' has no attribute '{name}'")
    js = getattr(_bridge.E, name, None)
    if js is None:
        raise AttributeError(f"module 'torch' has no attribute '{name}'")
    value = _bridge.engine_function(js, name) if _bridge.host.isFunction(js) else _bridge.from_engine(js)
    globals()[name] = value
    return value


class Generator:
    """torch.Generator: an engine generator of its own (PyTorch's mt19937), or the default one."""

    def __init__(self, device="cpu", *, _js=None):
        self._js = _js if _js is not None else _bridge.construct(_bridge.E.Generator, (device,), {})

    def _to_engine(self):
        return self._js

    def manual_seed(self, seed):
        if self._js is _bridge.E.default_generator:
            return manual_seed(seed)
        _bridge.call(self._js.manual_seed, (seed,), {})
        return self

    def initial_seed(self):
        return self._js.initial_seed()

    @property
    def device(self):
        return device("cpu")

    def __repr__(self):
        return f"<torch._C.Generator object at {hex(id(self))}>"


default_generator = Generator(_js=_bridge.E.default_generator)


def manual_seed(seed):
    _bridge.call(_bridge.E.manual_seed, (seed,), {})
    return default_generator
