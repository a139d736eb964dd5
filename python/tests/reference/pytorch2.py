"""Makes PyTorch 1.13 (Debian's python3-torch, the runnable reference) behave as PyTorch 2.x where
they differ in what the corpus touches (README, "What differs"):
- zero_grad() sets gradients to None (set_to_none=True is the default since 2.0)."""
import torch

_optimizer_zero_grad = torch.optim.Optimizer.zero_grad
_module_zero_grad = torch.nn.Module.zero_grad


def _optimizer_zero_grad_2x(self, set_to_none=True):
    return _optimizer_zero_grad(self, set_to_none=set_to_none)


def _module_zero_grad_2x(self, set_to_none=True):
    return _module_zero_grad(self, set_to_none=set_to_none)


torch.optim.Optimizer.zero_grad = _optimizer_zero_grad_2x
torch.nn.Module.zero_grad = _module_zero_grad_2x
