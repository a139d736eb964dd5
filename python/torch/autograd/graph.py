"""torch.autograd.graph.Node: a grad_fn as Python sees it, around the engine's Node."""
from pyodide.ffi import JsException

from .. import _bridge
from .._bridge import call, from_engine, from_engine_known, py_error


class Node:
    __slots__ = ("_js",)

    def __init__(self, js):
        object.__setattr__(self, "_js", js)

    @classmethod
    def _to_engine(cls, self):
        return self._js

    def name(self):
        return str(self._js.name())

    @property
    def next_functions(self):
        return tuple((from_engine(fn), int(nr)) for fn, nr in self._js.next_functions)

    @property
    def metadata(self):
        return from_engine(self._js.metadata)

    def register_hook(self, fn):
        return call(self._js.register_hook, (fn,), {})

    def register_prehook(self, fn):
        return call(self._js.register_prehook, (fn,), {})

    def __call__(self, *grads):
        return call(self._js.apply, (list(grads),), {})

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            value = getattr(self._js, name)
        except AttributeError:
            value = None
        except JsException as e:
            raise py_error(e) from None
        if value is None and not _bridge.host.has(self._js, name):
            raise AttributeError(f"'{self.name()}' object has no attribute '{name}'")
        return from_engine_known(value)

    def __eq__(self, other):
        return isinstance(other, Node) and bool(_bridge.host.same(self._js, other._js))

    def __hash__(self):
        return hash(int(self._js.id))

    def __repr__(self):
        return str(self._js.toString())


_bridge.wrappers[_bridge.KIND_NODE] = Node
