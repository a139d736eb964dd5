"""torch.optim.lr_scheduler: each engine scheduler (StepLR, CosineAnnealingLR, ...) as a Python
class over an engine optimizer; the engine object changes the optimizer's groups' `lr`."""
from .. import _bridge


class LRScheduler:
    """A scheduler whose schedule is the engine scheduler `_js_class`'s."""

    _js_class = None

    def __init__(self, optimizer, *args, **kwargs):
        js_optimizer = getattr(optimizer, "_js", None)
        if js_optimizer is None:
            raise TypeError(f"{type(optimizer).__name__} is not an Optimizer")
        self.optimizer = optimizer
        self.__dict__["_js"] = _bridge.construct(type(self)._js_class, (js_optimizer,) + args, kwargs)

    def step(self, *args, **kwargs):
        _bridge.call(self._js.step, args, kwargs)

    def get_last_lr(self):
        return list(_bridge.call(self._js.get_last_lr, (), {}))

    @property
    def last_epoch(self):
        return self._js.last_epoch

    @property
    def base_lrs(self):
        return list(_bridge.from_engine(self._js.base_lrs))

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k not in ("optimizer", "_js")} | {
            "last_epoch": self.last_epoch,
            "_last_lr": self.get_last_lr(),
        }


_LRScheduler = LRScheduler


def __getattr__(name):
    js = getattr(_bridge.E.optim.lr_scheduler, name, None) if not name.startswith("_") else None
    if js is None or name == "LRScheduler":
        raise AttributeError(f"module 'torch.optim.lr_scheduler' has no attribute '{name}'")
    cls = type(name, (LRScheduler,), {"_js_class": js, "__module__": "torch.optim.lr_scheduler", "__qualname__": name})
    globals()[name] = cls
    return cls
