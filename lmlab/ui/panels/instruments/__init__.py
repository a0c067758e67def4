"""The Inside area: per-token loss, the logit lens and the sample timeline of the current run, live."""

from .panel import InsidePanel, install

__all__ = ["InsidePanel", "install"]
