"""torch.Tensor: a Python object around one engine tensor.

The engine's methods and properties are installed on the class from the engine's own Tensor
prototype (install_engine_members), each through the bridge's one calling convention. What is
written out here is what Python has and TypeScript lacks: operators, indexing, Python numbers
(`item()`, `tolist()`), torch.Size, dtype and device objects, the conversions to bool/int/float
and format specs.
"""
from pyodide.ffi import JsException, can_run_sync, run_sync

from . import _bridge
from ._bridge import call, call_method, from_engine, py_error, to_engine
from ._types import Size, device_of, dtype_of


def _fail(e):
    return py_error(e)


class Tensor:
    __slots__ = ("_t", "__weakref__")

    def __new__(cls, *args, **kwargs):
        # The legacy constructor: torch.Tensor([1, 2]) (data) or torch.Tensor(2, 3) (sizes), float32.
        E = _bridge.E
        if len(args) == 1 and not isinstance(args[0], int):
            data = args[0]
            if isinstance(data, Tensor):
                return data
            js = call(E.tensor, (data,), {"dtype": "float32"})._t
        else:
            js = call(E.empty, args, {"dtype": "float32"})._t
        return _wrap_as(cls, js)

    @classmethod
    def _to_engine(cls, self):
        return self._t

    def __setattr__(self, name, value):
        try:
            setattr(self._t, name, to_engine(value))
        except JsException as e:
            raise _fail(e) from None
        if name == "requires_grad" and value:
            _bridge.register(self)

    def __getattr__(self, name):
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def requires_grad_(self, requires_grad=True):
        call_method(_REQUIRES_GRAD_, self, (requires_grad,), {})
        return _bridge.register(self) if requires_grad else self

    # ---- what Python prints -------------------------------------------------------------------

    def __repr__(self, *, tensor_contents=None):
        try:
            return _bridge.gpu_text(str(self._t.toString()))
        except JsException as e:
            raise _fail(e) from None

    __str__ = __repr__

    def __format__(self, spec):
        if self.dim() == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    # ---- Python's numbers ---------------------------------------------------------------------

    @property
    def shape(self):
        return Size(self._t.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self._t.shape)
        return call(self._t.size, (dim,), {})

    @property
    def dtype(self):
        return dtype_of(self._t.dtype)

    @property
    def device(self):
        return device_of(self._t.device)

    @property
    def is_cuda(self):
        return str(self._t.device) != "cpu"

    @property
    def is_cpu(self):
        return str(self._t.device) == "cpu"

    def is_floating_point(self):
        return self.dtype.is_floating_point

    def element_size(self):
        return self.dtype.itemsize

    def _read(self, name):
        """item()/tolist()/cpu() as the engine gives them; a GPU tensor's values are waited for
        (the GPU computes asynchronously) where the runtime can block on a promise."""
        try:
            if str(self._t.device) != "cpu" and can_run_sync():
                return run_sync(getattr(self._t, name + "_async")())
            return getattr(self._t, name)()
        except JsException as e:
            raise _fail(e) from None

    def item(self):
        return _py_number(self._read("item"), str(self._t.dtype))

    def cpu(self, memory_format=None):
        return from_engine(self._read("cpu"))

    def tolist(self):
        values = self._read("tolist")
        kind = _NUMBER_TYPES[str(self._t.dtype)]
        if not hasattr(values, "to_py"):
            return kind(values)
        return _nested(values.to_py(), kind)

    def type(self, dtype=None):
        if dtype is None:
            return str(self._t._typeName())
        if isinstance(dtype, str):
            dtype = _LEGACY_TYPES[dtype]
        return self.to(dtype)

    def cuda(self, device=None):
        return call(self._t.to, ("webgpu",), {})

    def numpy(self, *args, **kwargs):
        raise RuntimeError("numpy is not available in Gradlab; use torch tensors (.tolist() or .item() give Python values)")

    def __array__(self, *args, **kwargs):
        self.numpy()

    def new_tensor(self, data, **kwargs):
        kwargs.setdefault("dtype", self.dtype)
        kwargs.setdefault("device", self.device)
        return call(_bridge.E.tensor, (data,), kwargs)

    def _new_filled(self, fn, size, kwargs):
        kwargs.setdefault("dtype", self.dtype)
        kwargs.setdefault("device", self.device)
        return call(fn, tuple(size), kwargs)

    def new_zeros(self, *size, **kwargs):
        return self._new_filled(_bridge.E.zeros, _sizes(size), kwargs)

    def new_ones(self, *size, **kwargs):
        return self._new_filled(_bridge.E.ones, _sizes(size), kwargs)

    def new_empty(self, *size, **kwargs):
        return self._new_filled(_bridge.E.empty, _sizes(size), kwargs)

    def new_full(self, size, fill_value, **kwargs):
        kwargs.setdefault("dtype", self.dtype)
        kwargs.setdefault("device", self.device)
        return call(_bridge.E.full, (tuple(size), fill_value), kwargs)

    def __len__(self):
        shape = self._t.shape
        if len(shape) == 0:
            raise TypeError("len() of a 0-d tensor")
        return shape[0]

    def __iter__(self):
        if len(self._t.shape) == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __bool__(self):
        n = self._t.numel()
        if n != 1:
            raise RuntimeError(
                f"Boolean value of Tensor with {'no values' if n == 0 else 'more than one value'} is ambiguous"
            )
        return bool(self.item())

    def __float__(self):
        return float(self._scalar())

    def __int__(self):
        return int(self._scalar())

    def __index__(self):
        if self.dtype.is_floating_point or self._t.numel() != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def _scalar(self):
        if self._t.numel() != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self.item()

    def __hash__(self):
        return id(self)

    def __contains__(self, element):
        return bool((self == element).any().item())

    def __reversed__(self):
        return self.flip(0)

    def __deepcopy__(self, memo):
        copy = self.detach().clone()
        if self.requires_grad:
            copy.requires_grad_(True)
        return copy

    # ---- operators ------------------------------------------------------------------------------

    def __add__(self, other):
        return _op(_E_ADD, self, other)

    def __radd__(self, other):
        return _op(_E_ADD, self, other)

    def __sub__(self, other):
        return _op(_E_SUB, self, other)

    def __rsub__(self, other):
        return _op(_E_RSUB, self, other)

    def __mul__(self, other):
        return _op(_E_MUL, self, other)

    def __rmul__(self, other):
        return _op(_E_MUL, self, other)

    def __truediv__(self, other):
        return _op(_E_DIV, self, other)

    def __rtruediv__(self, other):
        return _rop(_E_DIV, other, self)

    def __floordiv__(self, other):
        return call(_bridge.E.div, (self, other), {"rounding_mode": "floor"})

    def __rfloordiv__(self, other):
        return call(_bridge.E.div, (_number(other), self), {"rounding_mode": "floor"})

    def __mod__(self, other):
        return self - (self // other) * other

    def __rmod__(self, other):
        return _number(other) - (other // self) * self

    def __pow__(self, other):
        return _op(_E_POW, self, other)

    def __rpow__(self, other):
        return _rop(_E_POW, other, self)

    def __matmul__(self, other):
        return _op(_E_MATMUL, self, other)

    def __rmatmul__(self, other):
        return _rop(_E_MATMUL, other, self)

    def __neg__(self):
        return _unary(_E_NEG, self)

    def __pos__(self):
        return self

    def __abs__(self):
        return _unary(_E_ABS, self)

    def __invert__(self):
        if self.dtype.is_floating_point:
            raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
        if self.dtype is dtype_of("bool"):
            return call(_bridge.E.logical_not, (self,), {})
        # Two's complement: ~n is -n - 1.
        return -self - 1

    def __and__(self, other):
        return _logical(_bridge.E.logical_and, self, other, "&")

    __rand__ = __and__

    def __or__(self, other):
        return _logical(_bridge.E.logical_or, self, other, "|")

    __ror__ = __or__

    def __eq__(self, other):
        if other is None:
            return False
        return _op(_E_EQ, self, other)

    def __ne__(self, other):
        if other is None:
            return True
        return _op(_E_NE, self, other)

    def __lt__(self, other):
        return _op(_E_LT, self, other)

    def __le__(self, other):
        return _op(_E_LE, self, other)

    def __gt__(self, other):
        return _op(_E_GT, self, other)

    def __ge__(self, other):
        return _op(_E_GE, self, other)

    def __iadd__(self, other):
        return _inplace(_E_ADD_, self, other)

    def __isub__(self, other):
        return _inplace(_E_SUB_, self, other)

    def __imul__(self, other):
        return _inplace(_E_MUL_, self, other)

    def __itruediv__(self, other):
        return _inplace(_E_DIV_, self, other)

    def __ipow__(self, other):
        return _inplace(_E_POW_, self, other)

    # ---- x[...] ---------------------------------------------------------------------------------

    def __getitem__(self, key):
        try:
            return _wrap(self._t.index(*_index_specs(key)))
        except JsException as e:
            raise _fail(e) from None

    def __setitem__(self, key, value):
        keys = key if type(key) is tuple else (key,)
        if any(_is_advanced(k) for k in keys):
            _set_advanced(self, keys, value)
            return
        target = self[key]
        if isinstance(value, Tensor):
            target.copy_(value)
        else:
            target.fill_(value)


def _logical(fn, a, b, op):
    """`&` and `|` of bool tensors (masks). Integer bitwise ops are not in the engine yet."""
    bools = a.dtype is dtype_of("bool") and (isinstance(b, bool) or (isinstance(b, Tensor) and b.dtype is dtype_of("bool")))
    if not bools:
        raise NotImplementedError(f"Gradlab supports {op} on bool tensors (masks) only; bitwise {op} of integer tensors is not in its engine yet")
    return call(fn, (a, b), {})


# ---- wrapping ---------------------------------------------------------------------------------

_new = object.__new__
_set_t = Tensor._t.__set__


def _wrap(js):
    t = _new(Tensor)
    _set_t(t, js)
    return t


def _wrap_as(cls, js):
    t = _new(cls)
    _set_t(t, js)
    return t


_bridge.wrappers[_bridge.KIND_TENSOR] = _wrap
_bridge._wrap_tensor = _wrap

_NUMBER_TYPES = {"float32": float, "float64": float, "int64": int, "bool": bool}
_LEGACY_TYPES = {}


def _py_number(v, dtype):
    return _NUMBER_TYPES[dtype](v)


def _nested(values, kind):
    if type(values) is list:
        return [_nested(v, kind) for v in values]
    return kind(values)


def _sizes(size):
    return tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else size


# ---- operators: the engine's function for each, its result a new tensor ------------------------

_E_ADD = _E_SUB = _E_RSUB = _E_MUL = _E_DIV = _E_POW = _E_MATMUL = _E_NEG = _E_ABS = None
_E_EQ = _E_NE = _E_LT = _E_LE = _E_GT = _E_GE = None
_E_ADD_ = _E_SUB_ = _E_MUL_ = _E_DIV_ = _E_POW_ = None
_wrap_number = None
_REQUIRES_GRAD_ = None


def bind_operators():
    global _E_ADD, _E_SUB, _E_RSUB, _E_MUL, _E_DIV, _E_POW, _E_MATMUL, _E_NEG, _E_ABS
    global _E_EQ, _E_NE, _E_LT, _E_LE, _E_GT, _E_GE, _E_ADD_, _E_SUB_, _E_MUL_, _E_DIV_, _E_POW_
    global _wrap_number, _REQUIRES_GRAD_
    E = _bridge.E
    _E_ADD, _E_SUB, _E_RSUB, _E_MUL, _E_DIV = E.add, E.sub, E.rsub, E.mul, E.div
    _E_POW, _E_MATMUL, _E_NEG, _E_ABS = E.pow, E.matmul, E.neg, E.abs
    _E_EQ, _E_NE, _E_LT, _E_LE, _E_GT, _E_GE = E.eq, E.ne, E.lt, E.le, E.gt, E.ge
    _E_ADD_, _E_SUB_, _E_MUL_, _E_DIV_, _E_POW_ = E.add_, E.sub_, E.mul_, E.div_, E.pow_
    _wrap_number = _bridge.host.wrapNumber
    _REQUIRES_GRAD_ = _bridge.host.method("requires_grad_")


def _operand(self, other):
    """The other operand of `self op other` as the engine takes it."""
    t = type(other)
    if t is float:
        # JavaScript has one number type: an integral Python float (2.0) would reach the engine as
        # the int 2, and `int_tensor * 2.0` must give a float tensor as in PyTorch.
        if other.is_integer() and not _is_floating(self._t.dtype):
            return _wrap_number(other, True)
        return other
    if t is int or t is bool:
        return other
    if isinstance(other, Tensor):
        return other._t
    return to_engine(other)


def _is_floating(engine_dtype):
    return engine_dtype == "float32" or engine_dtype == "float64"


def _op(fn, self, other):
    try:
        return _wrap(fn(self._t, _operand(self, other)))
    except JsException as e:
        raise _fail(e) from None


def _rop(fn, other, self):
    """A reflected operator: the engine's function with the number first (`2 / x`, `2 ** x`)."""
    try:
        return _wrap(fn(to_engine(other), self._t))
    except JsException as e:
        raise _fail(e) from None


def _number(v):
    """A Python number as PyTorch wraps it in an op: a 0-dim tensor that does not promote dtypes."""
    if isinstance(v, Tensor):
        return v
    return _wrap(_bridge.host.wrapNumber(v, type(v) is float))


def _unary(fn, self):
    try:
        return _wrap(fn(self._t))
    except JsException as e:
        raise _fail(e) from None


def _inplace(fn, self, other):
    try:
        fn(self._t, _operand(self, other))
    except JsException as e:
        raise _fail(e) from None
    return self


# ---- indexing: Python's index as the engine's x.index(...) arguments ---------------------------

def _index_specs(key):
    keys = key if type(key) is tuple else (key,)
    return [_spec(k) for k in keys]


def _spec(k):
    t = type(k)
    if t is int:
        return k
    if k is None:
        return "newaxis"
    if k is Ellipsis:
        return "..."
    if t is slice:
        return _bridge.E.slice(_slice_part(k.start), _slice_part(k.stop), _slice_part(k.step))
    if isinstance(k, Tensor):
        return k._t
    if t is bool:
        return _bridge.E.tensor(k)
    if t is list or t is tuple:
        return to_engine(list(k))
    if hasattr(k, "__index__"):
        return k.__index__()
    raise IndexError(
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices "
        f"(got {t.__name__})"
    )


def _slice_part(v):
    if v is None:
        return _bridge.to_engine(None)
    if isinstance(v, Tensor):
        return v.__index__()
    if hasattr(v, "__index__"):
        return v.__index__()
    raise TypeError("slice indices must be integers or None or have an __index__ method")


def _is_advanced(k):
    return isinstance(k, Tensor) or type(k) in (list, tuple, bool)


def _set_advanced(self, keys, value):
    """`x[mask] = v`, `x[[0, 2]] = v`: written element by element through basic indexing."""
    if len(keys) == 1 and isinstance(keys[0], Tensor) and keys[0].dtype is dtype_of("bool"):
        mask = keys[0]
        value_t = value if isinstance(value, Tensor) else None
        if value_t is None or value_t.dim() == 0:
            mask = mask.reshape(mask.shape + (1,) * (self.dim() - mask.dim()))
            filled = call(_bridge.E.where, (mask, value if value_t is None else value_t.to(self.dtype), self), {})
            self.copy_(filled)
            return
    positions = _advanced_positions(self, keys)
    values = value if isinstance(value, Tensor) else None
    for n, pos in enumerate(positions):
        target = self[pos]
        if values is None:
            target.fill_(value)
        else:
            target.copy_(values[n] if values.dim() > 0 and values.shape[0] == len(positions) else values)


def _advanced_positions(self, keys):
    """The basic-index tuples an advanced index (one index list, on one dim) stands for."""
    advanced = [i for i, k in enumerate(keys) if _is_advanced(k)]
    if len(advanced) != 1:
        raise NotImplementedError("Gradlab supports assignment through one index list or mask at a time")
    i = advanced[0]
    k = keys[i]
    if isinstance(k, Tensor):
        k = k.tolist()
    if isinstance(k, bool):
        k = [k]
    if all(type(v) is bool for v in k):
        k = [j for j, v in enumerate(k) if v]
    return [tuple(keys[:i]) + (j,) + tuple(keys[i + 1:]) for j in k]


# ---- the engine's own members, installed once ---------------------------------------------------

# Engine members that are JavaScript plumbing, not PyTorch API.
_HIDDEN = {"constructor", "toString", "index", "id", "item_async", "tolist_async", "cpu_async"}
_VISIBLE_PRIVATE = {"_version", "_base"}


def install_engine_members(cls, members):
    """Installs each engine method / property not written out in Python, once, on `cls`."""
    for name, kind in members:
        if name in _HIDDEN or (name.startswith("_") and name not in _VISIBLE_PRIVATE):
            continue
        if any(name in c.__dict__ for c in cls.__mro__ if c is not object):
            continue
        setattr(cls, name, _engine_method(name) if kind == "method" else _engine_property(name))


def _engine_method(name):
    fn = _bridge.host.method(name)
    if name.endswith("_") and not name.endswith("__"):
        # In-place methods return the tensor itself, as the same Python object.
        def method(self, *args, **kwargs):
            call_method(fn, self, args, kwargs)
            return self
    else:
        def method(self, *args, **kwargs):
            return call_method(fn, self, args, kwargs)

    method.__name__ = name
    method.__qualname__ = f"Tensor.{name}"
    return method


def _engine_property(name):
    def get(self):
        try:
            return from_engine(getattr(self._t, name))
        except JsException as e:
            raise _fail(e) from None

    def set(self, value):
        try:
            setattr(self._t, name, to_engine(value))
        except JsException as e:
            raise _fail(e) from None

    return property(get, set)
