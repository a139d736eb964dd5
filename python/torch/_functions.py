"""The torch.* functions that need Python's view of their arguments: factories that infer a
dtype from Python's number types, and what Gradlab cannot do (files, NumPy). Every other
torch.* function is the engine's own, bound on first use (torch.__getattr__)."""
from . import _bridge
from ._bridge import call
from ._tensor import Tensor
from ._types import bool_, device, float32, float64, int64


def _infer_dtype(data):
    """PyTorch's dtype for Python data: bool if all bools, int64 if all ints, else float32."""
    kinds = set()

    def walk(v):
        if isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, Tensor):
            kinds.add(v.dtype)
        else:
            kinds.add(type(v))

    walk(data)
    if not kinds:
        return float32
    if kinds <= {bool, bool_}:
        return bool_
    if kinds <= {bool, int, bool_, int64}:
        return int64
    return float32


def _plain(data):
    """Python data with tensors in it (`torch.tensor([t1, t2])`) as numbers."""
    if isinstance(data, Tensor):
        return data.tolist()
    if isinstance(data, (list, tuple)):
        return [_plain(x) for x in data]
    return data


def tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False):
    kwargs = {"requires_grad": requires_grad}
    if device is not None:
        kwargs["device"] = device
    if isinstance(data, Tensor):
        kwargs["dtype"] = dtype if dtype is not None else data.dtype
        return call(_bridge.E.tensor, (data,), kwargs)
    if hasattr(data, "__array__") and not isinstance(data, (list, tuple)):
        raise TypeError("numpy is not available in Gradlab; use Python lists or torch tensors")
    kwargs["dtype"] = dtype if dtype is not None else _infer_dtype(data)
    return call(_bridge.E.tensor, (_plain(data),), kwargs)


def as_tensor(data, dtype=None, device=None):
    if isinstance(data, Tensor):
        if dtype is None and device is None:
            return data
        target = {}
        if dtype is not None:
            target["dtype"] = dtype
        if device is not None:
            target["device"] = device
        return data.to(**target)
    return tensor(data, dtype=dtype, device=device)


asarray = as_tensor


def scalar_tensor(s, dtype=None, device=None, requires_grad=False):
    return tensor(float(s), dtype=dtype or float32, device=device, requires_grad=requires_grad)


def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False, out=None):
    args = (start,) if end is None else (start, end, step)
    if dtype is None:
        dtype = float32 if any(isinstance(a, float) for a in args) else int64
    kwargs = {"dtype": dtype, "requires_grad": requires_grad}
    if device is not None:
        kwargs["device"] = device
    return call(_bridge.E.arange, tuple(_number(a) for a in args), kwargs)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False, out=None):
    if dtype is None:
        dtype = bool_ if isinstance(fill_value, bool) else int64 if isinstance(fill_value, int) else float32
    kwargs = {"dtype": dtype, "requires_grad": requires_grad}
    if device is not None:
        kwargs["device"] = device
    return call(_bridge.E.full, (list(size) if not isinstance(size, int) else [size], _number(fill_value)), kwargs)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False):
    kwargs = {"requires_grad": requires_grad}
    if dtype is not None:
        kwargs["dtype"] = dtype
    if device is not None:
        kwargs["device"] = device
    return call(_bridge.E.full_like, (input, _number(fill_value)), kwargs)


def _number(v):
    return v.item() if isinstance(v, Tensor) else v


def is_tensor(obj):
    return isinstance(obj, Tensor)


def is_floating_point(input):
    return input.is_floating_point()


def numel(input):
    return input.numel()


def get_default_dtype():
    return float32


def set_default_dtype(d):
    if d is not float32:
        raise NotImplementedError("Gradlab's default dtype is torch.float32; pass dtype=... to each factory instead")


def get_default_device():
    return device(str(_bridge.E.get_default_device()))


def typename(obj):
    if isinstance(obj, Tensor):
        return obj.type()
    return type(obj).__qualname__


def from_numpy(ndarray):
    raise TypeError("numpy is not available in Gradlab; use torch.tensor(...) with Python lists")


def load(*args, **kwargs):
    raise PermissionError("torch.load is not available in Gradlab: there are no files to load; build the tensors or the model in code")


def save(*args, **kwargs):
    raise PermissionError("torch.save is not available in Gradlab: there are no files to save to")


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None):
    raise NotImplementedError("torch.set_printoptions is not supported by Gradlab: tensors print with PyTorch's default options")


def compile(model=None, **kwargs):
    """Accepted for PyTorch 2.x code: Gradlab runs the model as it is."""
    return model if model is not None else (lambda m: m)


def _legacy_constructor(dt):
    def constructor(*args):
        if len(args) == 1 and not isinstance(args[0], int):
            return tensor(args[0], dtype=dt)
        return call(_bridge.E.zeros, args, {"dtype": dt})

    return constructor


FloatTensor = _legacy_constructor(float32)
LongTensor = _legacy_constructor(int64)
DoubleTensor = _legacy_constructor(float64)
BoolTensor = _legacy_constructor(bool_)
