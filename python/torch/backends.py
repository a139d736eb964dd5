"""torch.backends: no MPS or cuDNN here; the flags tutorials set are accepted."""


class _Flags:
    def __init__(self, **flags):
        self.__dict__.update(flags)

    def is_available(self):
        return False


mps = _Flags()
cudnn = _Flags(deterministic=False, benchmark=False, enabled=False)
