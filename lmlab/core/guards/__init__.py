"""Guards during training: the health monitor (loss spikes, non-finite values, roll back or stop),
the overfitting alert with the best checkpoint kept apart, the epochs counter, and the memorisation
check (the longest span of a sample copied from the training text).

``events`` holds their typed events (written to ``metrics.jsonl`` like the engine's own);
``monitor`` and ``overfit`` are driven by ``core.engine`` through a few hook lines; ``memorise``
is used by the Playground.
"""
