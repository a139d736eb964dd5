"""Every layer and loss of the engine as an nn.Module: one Python class per engine class, made on
first use (nn.Linear, nn.MSELoss, ...). The engine object computes; the Python module holds the
same Parameter objects, so parameters(), state_dict(), hooks and printing work as for any Module."""
from ... import _bridge
from ..._tensor import Tensor
from ..parameter import Parameter
from .module import Module


class EngineModule(Module):
    """A Module whose forward is an engine module's (`_js_class`)."""

    _js_class = None

    def __init__(self, *args, **kwargs):
        super().__init__()
        self.__dict__["_js"] = _bridge.construct(type(self)._js_class, args, kwargs)
        self._adopt_engine_members()

    @classmethod
    def _from_engine(cls, js):
        module = cls.__new__(cls)
        Module.__init__(module)
        module.__dict__["_js"] = js
        module._adopt_engine_members()
        return module

    def _adopt_engine_members(self):
        for name, value in _bridge.host.entries(self._js):
            v = _bridge.from_engine(value)
            if isinstance(v, Parameter):
                self._parameters[name] = v
            elif isinstance(v, Module):
                self._modules[name] = v
            elif isinstance(v, Tensor):
                self._buffers[name] = v

    def forward(self, *args, **kwargs):
        return _bridge.call(self._js.forward, args, kwargs)

    def extra_repr(self):
        return str(self._js.extra_repr())

    def __getattr__(self, name):
        try:
            return super().__getattr__(name)
        except AttributeError:
            pass
        js = self.__dict__.get("_js")
        if js is not None and not name.startswith("_") and _bridge.host.has(js, name):
            return _bridge.from_engine(getattr(js, name))
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        js = self.__dict__.get("_js")
        if js is not None and _bridge.host.has(js, name):
            setattr(js, name, _bridge.to_engine(value))

    def _tensors_moved(self):
        for store in (self._parameters, self._buffers):
            for name, t in store.items():
                setattr(self._js, name, _bridge.to_engine(t))


_classes = {}


def engine_module_class(name, js_class):
    """The Python class for the engine's module class `name` (made once)."""
    cls = _classes.get(name)
    if cls is None:
        cls = type(name, (EngineModule,), {"_js_class": js_class, "__module__": "torch.nn.modules", "__qualname__": name})
        _classes[name] = cls
    return cls


def _wrap_module(js):
    name = str(_bridge.host.className(js))
    return engine_module_class(name, getattr(_bridge.E.nn, name))._from_engine(js)


_bridge.wrappers[_bridge.KIND_MODULE] = _wrap_module
