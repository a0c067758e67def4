"""lmlab: a desktop lab for training small Transformer language models."""

__version__ = "0.1.0"
