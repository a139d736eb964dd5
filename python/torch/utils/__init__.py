"""torch.utils: torch.utils.data where the engine has it."""
