"""torch.nn: Module and the containers in Python; every engine layer and loss (nn.Linear,
nn.MSELoss, ...) as a Module class made on first use; nn.functional."""
from .. import _bridge
from .parameter import Parameter
from .modules import Identity, Module, ModuleDict, ModuleList, ParameterList, Sequential
from .modules.engine import engine_module_class
from . import functional, init


def __getattr__(name):
    js = getattr(_bridge.E.nn, name, None) if not name.startswith("_") else None
    if js is None or not _bridge.host.isModuleClass(js):
        raise AttributeError(f"module 'torch.nn' has no attribute '{name}'")
    cls = engine_module_class(name, js)
    globals()[name] = cls
    return cls
