"""Errors a person can read.

Every error that lmlab raises on purpose is an ``LmlabError``: its message is one
sentence meant for the user (the CLI prints it without a traceback, the app shows
it in a message box or next to the field that caused it).
"""


class LmlabError(Exception):
    """An error whose message is written for the user."""


class CorpusError(LmlabError):
    """A corpus file or folder cannot be used (names the file and the reason)."""


class ConfigError(LmlabError):
    """A configuration value is impossible; ``field`` names the offending field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class RunStoreError(LmlabError):
    """A run folder cannot be read or written (names the path)."""


class TokenizerError(LmlabError):
    """A tokenizer cannot be built, loaded or cannot encode the given text."""
