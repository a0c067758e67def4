"""Text classification: labelled data, its split, the two model kinds (a head on a pretrained GPT,
an encoder trained from scratch) and their metrics. The use case is ``core.jobs.classify``."""
