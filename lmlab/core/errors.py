"""Errors a person can read.

Every error that lmlab raises on purpose is an ``LmlabError``: its message is one
sentence meant for the user (the CLI prints it without a traceback, the app shows
it in a message box or next to the field that caused it).

A message is an English template plus its values, so the app can show it in the
user's language while the core stays free of Qt and of translations:

    e = ConfigError("The width ({n_embd}) must be divisible by the number of heads ({n_head}).",
                    "n_embd", n_embd=96, n_head=5)
    str(e)       -> "The width (96) must be divisible by the number of heads (5)."  (the CLI, logs)
    e.template   -> the sentence with its {placeholders}, a key of the translation catalogue
    e.params     -> {"n_embd": 96, "n_head": 5}

The app translates ``e.template`` (context "core") and formats it with ``e.params``
(``lmlab.ui.i18n.error_text``). A message without values is its own template. Write
templates as literal strings at the raise (never f-strings): ``python -m lmlab.ui.i18n``
collects them from the source for the translators.
"""

from __future__ import annotations

from typing import Any


class LmlabError(Exception):
    """An error whose message is written for the user (``template`` formatted with ``params``)."""

    def __init__(self, message: str = "", *args: Any, **params: Any):
        self.template = message
        self.params = params
        super().__init__(message.format(**params) if params else message, *args)


class CorpusError(LmlabError):
    """A corpus file or folder cannot be used (names the file and the reason)."""


class ConfigError(LmlabError):
    """A configuration value is impossible; ``field`` names the offending field."""

    def __init__(self, message: str, field: str | None = None, **params: Any):
        super().__init__(message, **params)
        self.field = field


class RunStoreError(LmlabError):
    """A run folder cannot be read or written (names the path)."""


class TokenizerError(LmlabError):
    """A tokenizer cannot be built, loaded or cannot encode the given text."""


class UserText(str):
    """A sentence the app shows (a label, an explanation) that the UI may translate: the English text,
    with its template and values kept for ``lmlab.ui.i18n.core_text``.

    Example: user_text("CPU ({threads} threads)", threads=8) == "CPU (8 threads)", .template "CPU ({threads} threads)".
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> "UserText":
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template, self.params = template, params
        return self


def user_text(template: str, **params: Any) -> UserText:
    """Mark a shown sentence for the translators (``python -m lmlab.ui.i18n`` collects the literal template)."""
    return UserText(template, **params)
