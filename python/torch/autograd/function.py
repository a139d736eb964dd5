"""torch.autograd.Function: custom forward/backward pairs written in Python.

`MyFn.apply(...)` runs `forward` under no_grad and records one engine Node, named
`MyFnBackward` as PyTorch names it, whose backward calls `MyFn.backward` (in Python) with the
output gradients. Tensors given to `ctx.save_for_backward` are saved by the engine, so a second
backward through freed tensors, or after an in-place change, raises PyTorch's errors. The ctx
holds no reference to the node (a Python-JavaScript cycle would never be collected).
"""
from .. import _bridge
from .._tensor import Tensor
from .grad_mode import is_grad_enabled, no_grad


class FunctionCtx:
    def __init__(self):
        self.to_save = ()
        self.non_differentiable = ()
        self.dirty_tensors = ()
        self.materialize_grads = True
        self.needs_input_grad = ()
        self._saved = None

    def save_for_backward(self, *tensors):
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise TypeError("save_for_backward can only save variables, but argument 0 is of type " + type(t).__name__)
        self.to_save = tensors

    def save_for_forward(self, *tensors):
        self.saved_for_forward = tensors

    @property
    def saved_tensors(self):
        # While backward runs: what the engine unpacked (checked for in-place changes and frees).
        return self._saved if self._saved is not None else tuple(self.to_save)

    def mark_dirty(self, *tensors):
        self.dirty_tensors = tensors

    def mark_non_differentiable(self, *tensors):
        self.non_differentiable = tensors

    def set_materialize_grads(self, value):
        self.materialize_grads = bool(value)


class FunctionMeta(type):
    pass


class Function(metaclass=FunctionMeta):
    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD."
        )

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    vjp = backward

    @classmethod
    def apply(cls, *args, **kwargs):
        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        separate_setup = "setup_context" in _overridden(cls)
        with no_grad():
            outputs = cls.forward(*args, **kwargs) if separate_setup else cls.forward(ctx, *args, **kwargs)
        if separate_setup:
            cls.setup_context(ctx, args, outputs)
        inputs = [a for a in args if isinstance(a, Tensor)]
        if not (is_grad_enabled() and any(t.requires_grad for t in inputs)):
            return outputs
        as_tuple = outputs if isinstance(outputs, tuple) else (outputs,)
        # An input returned as it is becomes a new tensor (PyTorch's view of it) that gets the node.
        with no_grad():
            as_tuple = tuple(
                o.view_as(o) if isinstance(o, Tensor) and any(o is t for t in inputs) else o for o in as_tuple
            )
        excluded = {id(t) for t in ctx.non_differentiable}
        recorded = [o for o in as_tuple if isinstance(o, Tensor) and id(o) not in excluded and o.is_floating_point()]
        metas = [(o.shape, o.dtype, o.device) for o in recorded]
        name = cls.__name__ + "Backward"
        tensor_positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]

        def run_backward(grads, saved):
            if ctx.materialize_grads:
                grads = tuple(
                    g if g is not None else _zeros(shape, dtype, device) for g, (shape, dtype, device) in zip(grads, metas)
                )
            ctx._saved = saved
            try:
                result = cls.backward(ctx, *grads)
            finally:
                ctx._saved = None
            result = result if isinstance(result, tuple) else (result,)
            if len(result) != len(args):
                # PyTorch allows extra trailing Nones.
                if len(result) > len(args) and all(r is None for r in result[len(args):]):
                    result = result[: len(args)]
                else:
                    raise RuntimeError(
                        f"function {name} returned an incorrect number of gradients (expected {len(args)}, got {len(result)})"
                    )
            return [result[i] for i in tensor_positions]

        _bridge.call(_bridge.host.recordFunction, (name, inputs, recorded, list(ctx.to_save), run_backward), {})
        return as_tuple if isinstance(outputs, tuple) else as_tuple[0]


def _overridden(cls):
    names = set()
    for c in cls.__mro__:
        if c is Function:
            break
        names.update(c.__dict__)
    return names


def _zeros(shape, dtype, device):
    return _bridge.call(_bridge.E.zeros, (list(shape),), {"dtype": dtype, "device": device})


class once_differentiable:
    """Accepted for PyTorch compatibility: the backward runs as written."""

    def __new__(cls, fn):
        return fn
