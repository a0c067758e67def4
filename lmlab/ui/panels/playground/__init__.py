"""The Playground area: the panel (a view of ``PlaygroundController``), its panes, text, distribution and controls."""

from .panel import PlaygroundPanel, install

__all__ = ["PlaygroundPanel", "install"]
