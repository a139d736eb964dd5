"""no_grad, enable_grad, set_grad_enabled, inference_mode: context managers and decorators over
the engine's one grad-mode switch, as PyTorch's (`@torch.no_grad` with or without parentheses)."""
import functools

from .. import _bridge


def is_grad_enabled():
    return bool(_bridge.E.is_grad_enabled())


def _set(flag):
    _bridge.E.set_grad_enabled(bool(flag))


class _DecoratorContextManager:
    """A context manager that also decorates: the function runs inside a fresh instance."""

    def __call__(self, fn):
        @functools.wraps(fn)
        def decorated(*args, **kwargs):
            with self.clone():
                return fn(*args, **kwargs)
        return decorated

    def clone(self):
        return self.__class__()


class _NoParamDecoratorContextManager(_DecoratorContextManager):
    """PyTorch 2.x lets `@torch.no_grad` be written without the parentheses."""

    def __new__(cls, orig_func=None):
        if orig_func is None or not callable(orig_func):
            return super().__new__(cls)
        return cls()(orig_func)


class no_grad(_NoParamDecoratorContextManager):
    def __init__(self):
        self.prev = False

    def __enter__(self):
        self.prev = is_grad_enabled()
        _set(False)

    def __exit__(self, exc_type, exc_value, traceback):
        _set(self.prev)


class enable_grad(_NoParamDecoratorContextManager):
    def __enter__(self):
        self.prev = is_grad_enabled()
        _set(True)

    def __exit__(self, exc_type, exc_value, traceback):
        _set(self.prev)


class set_grad_enabled(_DecoratorContextManager):
    """Sets the mode at once (as a function call) and restores it on leaving a `with` block."""

    def __init__(self, mode):
        self.prev = is_grad_enabled()
        self.mode = bool(mode)
        _set(self.mode)

    def __call__(self, fn):
        _set(self.prev)
        return super().__call__(fn)

    def __enter__(self):
        _set(self.mode)

    def __exit__(self, exc_type, exc_value, traceback):
        _set(self.prev)

    def clone(self):
        return self.__class__(self.mode)


class inference_mode(_NoParamDecoratorContextManager):
    """Gradlab has no inference tensors: inference_mode() is no_grad()."""

    def __init__(self, mode=True):
        self.mode = mode

    def __enter__(self):
        self.prev = is_grad_enabled()
        if self.mode:
            _set(False)

    def __exit__(self, exc_type, exc_value, traceback):
        _set(self.prev)

    def clone(self):
        return self.__class__(self.mode)
