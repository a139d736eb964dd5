"""torch.optim: Optimizer in Python (for subclasses written in a snippet) and every engine
optimizer (SGD, Adam, ...) as an Optimizer class made on first use."""
from collections import defaultdict

from .. import _bridge
from .._tensor import Tensor


class Optimizer:
    """PyTorch's base class, in Python: param_groups of dicts, per-parameter state."""

    def __init__(self, params, defaults):
        self.defaults = defaults
        self.state = defaultdict(dict)
        self.param_groups = []
        if isinstance(params, Tensor):
            raise TypeError(f"params argument given to the optimizer should be an iterable of Tensors or dicts, but got {params.type()}")
        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for group in param_groups:
            self.add_param_group(group)

    def add_param_group(self, param_group):
        params = param_group["params"]
        param_group["params"] = [params] if isinstance(params, Tensor) else list(params)
        for name, default in self.defaults.items():
            param_group.setdefault(name, default)
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none=True):
        params = [p for g in self.param_groups for p in g["params"]]
        _bridge.call(_bridge.host.zeroGrads, (params, set_to_none), {})

    def step(self, closure=None):
        raise NotImplementedError

    def __repr__(self):
        format_string = self.__class__.__name__ + " ("
        for i, group in enumerate(self.param_groups):
            format_string += "\n"
            format_string += f"Parameter Group {i}\n"
            for key in sorted(group.keys()):
                if key != "params":
                    format_string += f"    {key}: {group[key]}\n"
        return format_string + ")"


class EngineOptimizer(Optimizer):
    """An Optimizer whose step is the engine optimizer `_js_class`'s."""

    _js_class = None

    def __init__(self, params, *args, **kwargs):
        if isinstance(params, Tensor):
            params = [params]
        self._js = _bridge.construct(type(self)._js_class, (list(params),) + args, kwargs)

    @property
    def param_groups(self):
        return [_bridge.EngineObject(g) for g in self._js.param_groups]

    @property
    def defaults(self):
        return _bridge.EngineObject(self._js.defaults)

    def add_param_group(self, param_group):
        _bridge.call(self._js.add_param_group, (param_group,), {})

    def zero_grad(self, set_to_none=True):
        _bridge.call(self._js.zero_grad, (set_to_none,), {})

    def step(self, closure=None):
        if closure is None:
            return _bridge.call(self._js.step, (), {})
        return _bridge.call(self._js.step, (closure,), {})

    def __repr__(self):
        return str(self._js.toString())

    def state_dict(self):
        """PyTorch's dict: `state` by parameter index, the groups with `params` as indices."""
        js = _bridge.guard(self._js.state_dict)()
        state = {int(k): {name: _bridge.from_engine(v) for name, v in _bridge.host.entries(s)} for k, s in _bridge.host.entries(js.state)}
        groups = []
        for g in js.param_groups:
            group = {k: _bridge.from_engine(v) for k, v in _bridge.host.entries(g)}
            group["params"] = list(group["params"])
            groups.append(group)
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        _bridge.call(self._js.load_state_dict, ({"state": {str(k): v for k, v in state_dict["state"].items()}, "param_groups": state_dict["param_groups"]},), {})


def __getattr__(name):
    js = getattr(_bridge.E.optim, name, None) if not name.startswith("_") else None
    if js is None or name == "Optimizer":
        raise AttributeError(f"module 'torch.optim' has no attribute '{name}'")
    cls = type(name, (EngineOptimizer,), {"_js_class": js, "__module__": "torch.optim", "__qualname__": name})
    globals()[name] = cls
    return cls


from . import lr_scheduler  # noqa: E402  (after Optimizer: it is a submodule of this package)
