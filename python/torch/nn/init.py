"""torch.nn.init: the engine's initialisers where it has them; the constant ones in place."""
from .. import _bridge
from ..autograd.grad_mode import no_grad


def constant_(tensor, val):
    with no_grad():
        return tensor.fill_(val)


def zeros_(tensor):
    return constant_(tensor, 0.0)


def ones_(tensor):
    return constant_(tensor, 1.0)


def __getattr__(name):
    engine_init = getattr(_bridge.E.nn, "init", None)
    js = getattr(engine_init, name, None) if engine_init is not None and not name.startswith("_") else None
    if js is None:
        raise AttributeError(f"module 'torch.nn.init' has no attribute '{name}' (Gradlab's engine does not have it yet)")
    fn = _bridge.engine_function(js, name)
    globals()[name] = fn
    return fn
