"""torch.cuda: Gradlab's GPU is WebGPU, named 'cuda' so that tutorial code runs on it unmodified.
is_available() is true when the playground's WebGPU switch is on."""
from . import _bridge


def is_available():
    return bool(_bridge.E.webgpu.is_available())


def device_count():
    return 1 if is_available() else 0


def current_device():
    return 0


def get_device_name(device=None):
    return "WebGPU"


def manual_seed(seed):
    _bridge.E.manual_seed(seed)


manual_seed_all = manual_seed


def synchronize(device=None):
    """The GPU's work is waited for when values are read; nothing to do here."""


def empty_cache():
    """Buffers are freed with their tensors."""


def is_initialized():
    return is_available()
