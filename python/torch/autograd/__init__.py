"""torch.autograd: backward, grad, gradcheck, anomaly mode, custom Functions, grad modes."""
from .. import _bridge
from .._bridge import call
from .._tensor import Tensor
from .function import Function, FunctionCtx, once_differentiable
from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from . import graph


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    call(_bridge.E.autograd.backward, (tensors, grad_tensors), _given(retain_graph=retain_graph, create_graph=create_graph, inputs=inputs))


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=False, **kwargs):
    return tuple(
        call(
            _bridge.E.autograd.grad,
            (outputs, inputs),
            _given(grad_outputs=grad_outputs, retain_graph=retain_graph, create_graph=create_graph, allow_unused=allow_unused, **kwargs),
        )
    )


def gradcheck(func, inputs, **kwargs):
    return call(_bridge.E.autograd.gradcheck, (func, inputs if isinstance(inputs, (tuple, list)) else (inputs,)), kwargs)


def _given(**kwargs):
    return {k: v for k, v in kwargs.items() if v is not None}


class detect_anomaly:
    """`with torch.autograd.detect_anomaly():` turns the engine's anomaly mode on inside the block."""

    def __init__(self, check_nan=True):
        self.check_nan = check_nan

    def __enter__(self):
        self.prev = bool(_bridge.E.autograd.is_anomaly_enabled())
        _bridge.E.autograd.set_detect_anomaly(True)

    def __exit__(self, *exc):
        _bridge.E.autograd.set_detect_anomaly(self.prev)


class set_detect_anomaly(detect_anomaly):
    def __init__(self, mode, check_nan=True):
        self.prev = bool(_bridge.E.autograd.is_anomaly_enabled())
        self.mode = mode
        _bridge.E.autograd.set_detect_anomaly(bool(mode))

    def __enter__(self):
        pass

    def __exit__(self, *exc):
        _bridge.E.autograd.set_detect_anomaly(self.prev)


def Variable(data, requires_grad=False, volatile=False):
    """The pre-0.4 wrapper: today a tensor is its own Variable."""
    if requires_grad:
        data.requires_grad_(True)
    return data


__all__ = ["Function", "FunctionCtx", "Tensor", "backward", "grad", "gradcheck", "detect_anomaly", "no_grad", "enable_grad", "set_grad_enabled", "inference_mode", "is_grad_enabled", "Variable", "once_differentiable", "graph"]
