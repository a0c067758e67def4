"""Choosing settings before training: the pre-flight estimate, the learning-rate range test and the
batch-size finder. Qt-free; the jobs in ``core.jobs.preflight`` run them, the CLI prints them
(``lmlab preflight``, ``lmlab lr-find``), the Training panel shows them.

* ``measure``: a few real optimizer steps of the engine's own trainer on the chosen device and shape
  (synthetic tokens of the right vocabulary: speed and memory do not depend on the text), cached per
  shape, batch, device, precision, compile and threads.
* ``preflight``: that measurement turned into the time to finish, the peak memory against the free
  memory, tokens per parameter and epochs, with warnings that carry their one-click fixes.
* ``lr_find``: the range test (the learning rate rising exponentially over a short run).
* ``batch_find``: the largest batch that fits the device's memory.
"""
