"""torch.utils: torch.utils.data (in Python, with the engine's random draws)."""
from . import data  # noqa: F401
