from .module import Module
from .container import Identity, ModuleDict, ModuleList, ParameterList, Sequential
from .engine import EngineModule, engine_module_class
