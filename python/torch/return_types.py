"""torch.return_types.max and its kind: a tuple (values, indices) with named fields."""
from . import _bridge


class _ReturnType(tuple):
    def __new__(cls, js):
        self = super().__new__(cls, (_bridge.from_engine(js.values), _bridge.from_engine(js.indices)))
        self._js = js
        return self

    @property
    def values(self):
        return self[0]

    @property
    def indices(self):
        return self[1]

    def __repr__(self):
        return _bridge.gpu_text(str(self._js.__repr__()))


_bridge.wrappers[_bridge.KIND_NAMED_TUPLE] = _ReturnType
