"""torchviz.make_dot: the engine's graph model with torchviz's rules; in the playground the
graph is also drawn. Returns a Digraph-like object whose `source` is the DOT text."""
import torch
from torch import _bridge


class Digraph:
    def __init__(self, model):
        self._model = model

    @property
    def source(self):
        return str(self._model.toDot())

    def render(self, *args, **kwargs):
        raise PermissionError("files are not available in Gradlab: the graph is drawn beside the code, and Export saves it")

    view = save = render

    def _repr_svg_(self):
        return None

    def __str__(self):
        return self.source

    def __repr__(self):
        return f"<graphviz.graphs.Digraph object at {hex(id(self))}>"


def make_dot(var, params=None, show_attrs=False, show_saved=False, max_attr_chars=50):
    options = {"show_attrs": show_attrs, "show_saved": show_saved, "max_attr_chars": max_attr_chars}
    if params is not None:
        options["params"] = dict(params)
    outputs = list(var) if isinstance(var, (tuple, list)) else var
    model = _bridge.host.makeDot(_bridge.to_engine(outputs), _bridge.options(options))
    return Digraph(model)


def make_dot_from_trace(*args, **kwargs):
    raise NotImplementedError("make_dot_from_trace needs torch.jit, which Gradlab does not have; use make_dot")
