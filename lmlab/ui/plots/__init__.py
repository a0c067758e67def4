"""Plots for the app: live curves (``live``); heatmaps come with the attention panel."""

from .live import CurveBuffer, LivePlot

__all__ = ["CurveBuffer", "LivePlot"]
