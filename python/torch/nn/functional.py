"""torch.nn.functional: the engine's functions, each bound on first use."""
from .. import _bridge


def __getattr__(name):
    js = getattr(_bridge.E.nn.functional, name, None) if not name.startswith("_") else None
    if js is None:
        raise AttributeError(f"module 'torch.nn.functional' has no attribute '{name}'")
    fn = _bridge.engine_function(js, name)
    globals()[name] = fn
    return fn
