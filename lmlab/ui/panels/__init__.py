"""One file per panel: corpus, model, training, runs (and later attention, playground, scaling).

Each panel is a ``QWidget`` that takes the ``Session`` (or, for the Runs panel, the
``RunStore``), renders what it is told through signals, and keeps no domain state.
"""
