"""The use-case layer: one generator function per user action.

Each job yields typed progress events (all defined in ``lmlab.core.events``) and returns a typed
result. The CLI prints them (``lmlab.cli``), the app runs them on its one job runner
(``lmlab.ui.jobs.create_worker``) from a controller, and tests call them directly.
"""
