"""The Scaling area: plan a sweep (plan.py), run it on the run queue (run.py), open, save and import
results (files.py), fit them on the Scaling controller and show fits and the recommendation
(results.py); panel.py puts them together."""

from .panel import SweepPanel, install, sweeps_root_for

__all__ = ["SweepPanel", "install", "sweeps_root_for"]
