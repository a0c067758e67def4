"""The Attention area: the panel (a view of ``AttentionController``), its maps, history and export."""

from .panel import AttentionPanel, install

__all__ = ["AttentionPanel", "install"]
