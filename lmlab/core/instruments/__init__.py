"""Instruments that show what a model has learned: per-token loss, the logit lens, a sample timeline.

``per_token``: the loss of each token of a text, its probability and the top alternatives, and the
tokens the model finds hardest across the validation set. ``logit_lens``: the top next-token
prediction read out after each layer. ``timeline``: fixed prompts sampled with a fixed seed at every
evaluation. ``record``: what the training engine stores at each evaluation (``instruments/`` in
the run folder) and reads back. Qt-free, like all of ``lmlab.core``.
"""
