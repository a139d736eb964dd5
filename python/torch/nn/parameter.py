"""nn.Parameter: the engine's Parameter (a leaf that prints as `Parameter containing:`)."""
from .. import _bridge
from .._tensor import Tensor, _wrap_as


class Parameter(Tensor):
    __slots__ = ()

    def __new__(cls, data=None, requires_grad=True):
        E = _bridge.E
        if data is None:
            data = _bridge.call(E.empty, (0,), {})
        js = _bridge.construct(E.nn.Parameter, (data, requires_grad), {})
        return _bridge.register(_wrap_as(cls, js))

    def __init__(self, data=None, requires_grad=True):
        pass

    def __deepcopy__(self, memo):
        return Parameter(self.detach().clone(), self.requires_grad)


def _parameter(js):
    """A Parameter is one Python object for its whole life: modules and optimizers hold it."""
    known = _bridge.known(js)
    return known if known is not None else _bridge.register(_wrap_as(Parameter, js))


_bridge.wrappers[_bridge.KIND_PARAMETER] = _parameter
