"""One controller per area: a QObject with state and commands and no widgets.

Panels are views of a controller: they render its state and call its commands. Controllers run
core jobs on the one job runner (``lmlab.ui.jobs``) and are tested without building a window.
"""
