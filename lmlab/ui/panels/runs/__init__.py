"""The Runs area: the table of runs (``table``), their curves (``curves``) and the panel around them."""

from .panel import RunsPanel

__all__ = ["RunsPanel"]
