"""torch.dtype, torch.device and torch.Size: the small value types PyTorch prints in its own way."""
from . import _bridge


class dtype:
    """A tensor element type; prints as `torch.float32`."""

    __slots__ = ("_name", "is_floating_point", "is_signed", "itemsize", "_supported")

    def __init__(self, name, is_floating_point, is_signed, itemsize, supported=True):
        self._name = name
        self.is_floating_point = is_floating_point
        self.is_signed = is_signed
        self.itemsize = itemsize
        self._supported = supported

    @classmethod
    def _to_engine(cls, self):
        if not self._supported:
            raise TypeError(f"Gradlab does not support {self!r} yet: use torch.float32, torch.float64, torch.int64 or torch.bool")
        return self._name

    @property
    def is_complex(self):
        return False

    def __repr__(self):
        return f"torch.{self._name}"

    def __reduce__(self):
        return self._name


float32 = dtype("float32", True, True, 4)
float64 = dtype("float64", True, True, 8)
int64 = dtype("int64", False, True, 8)
bool_ = dtype("bool", False, False, 1)
# PyTorch's other dtypes print and compare, but the engine computes only in the four above.
float16 = dtype("float16", True, True, 2, False)
bfloat16 = dtype("bfloat16", True, True, 2, False)
int32 = dtype("int32", False, True, 4, False)
int16 = dtype("int16", False, True, 2, False)
int8 = dtype("int8", False, True, 1, False)
uint8 = dtype("uint8", False, False, 1, False)
complex64 = dtype("complex64", False, True, 8, False)

_BY_ENGINE_NAME = {"float32": float32, "float64": float64, "int64": int64, "bool": bool_}


def dtype_of(name):
    return _BY_ENGINE_NAME[str(name)]


class device:
    """`torch.device('cuda')`: the WebGPU device as PyTorch code names it, or the CPU."""

    __slots__ = ("type", "index")

    def __init__(self, type, index=None):
        if isinstance(type, device):
            type, index = type.type, type.index
        elif isinstance(type, str) and ":" in type:
            type, _, idx = type.partition(":")
            index = int(idx)
        if type == "webgpu":
            type = _bridge.GPU_NAME
        if type not in ("cpu", _bridge.GPU_NAME):
            raise RuntimeError(
                f"Expected one of cpu, cuda device type at start of device string: {type}"
            )
        self.type = type
        self.index = index

    @classmethod
    def _to_engine(cls, self):
        return "cpu" if self.type == "cpu" else "webgpu"

    def __eq__(self, other):
        if isinstance(other, str):
            other = device(other)
        return isinstance(other, device) and self.type == other.type and self.index == other.index

    def __hash__(self):
        return hash((self.type, self.index))

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __repr__(self):
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"


def device_of(engine_device):
    return device("cpu") if str(engine_device) == "cpu" else device(_bridge.GPU_NAME, 0)


class Size(tuple):
    """A tensor's shape: a tuple of ints that prints as `torch.Size([2, 3])`."""

    def __new__(cls, sizes=()):
        return super().__new__(cls, (int(s) for s in sizes))

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n

    def __getitem__(self, key):
        r = super().__getitem__(key)
        return Size(r) if isinstance(key, slice) else r

    def __add__(self, other):
        return Size(tuple(self) + tuple(other))

    def __repr__(self):
        return f"torch.Size([{', '.join(str(s) for s in self)}])"

    __str__ = __repr__
