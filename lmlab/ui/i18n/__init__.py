"""The app's languages: Qt translators, the locale for numbers and dates, translated core errors.

The catalogue is ``lmlab_<lang>.ts`` in this folder (the source the translators edit, updated from
the code by ``python -m lmlab.ui.i18n``), compiled to the ``.qm`` beside it that the app loads.
Adding a language is adding one ``.ts`` file and a line in ``LANGUAGES``.

Which language: ``lmlab app --lang zh_CN``, else ``LMLAB_LANG``, else View ▸ Language
(remembered in the settings), else the system's. The CLI stays in English (scripts parse it).

    lang = install_translators(app, requested="zh_CN")   # -> "zh_CN"
    error_text(ConfigError("{name} must be at least 1.", "n_layer", name="n_layer"))  # translated
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ...core.errors import LmlabError, UserText

I18N_DIR = Path(__file__).resolve().parent
# code -> the language's own name (shown in View ▸ Language); "" means: follow the system.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SYSTEM = ""
CORE_CONTEXT = "core"  # the translation context of the core's error templates

_installed: list[QTranslator] = []


def catalog_path(lang: str, suffix: str = ".qm") -> Path:
    return I18N_DIR / f"lmlab_{lang}{suffix}"


def resolve_language(requested: str | None = None, setting: str = "") -> str:
    """The language to use: ``requested`` (``--lang``), else ``LMLAB_LANG``, else ``setting``, else the system's.

    Example: nothing asked on a machine whose locale is zh_CN -> "zh_CN"; on de_DE -> "en".
    """
    for choice in (requested or "", os.environ.get("LMLAB_LANG", ""), setting or ""):
        if choice:
            return _supported(choice)
    return _supported(QLocale.system().name())


def _supported(name: str) -> str:
    name = name.replace("-", "_")
    if name in LANGUAGES:
        return name
    if name.split("_")[0] == "zh" and not name.endswith(("TW", "HK", "MO", "Hant")):
        return "zh_CN"
    return "en"


def install_translators(app: QCoreApplication, requested: str | None = None, setting: str = "") -> str:
    """Load the catalogue (and Qt's own, for standard buttons) for the chosen language; returns it.

    Also makes the language's locale the default, so numbers and dates that Qt formats follow it.
    Calling it again replaces the previous translators.
    """
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    lang = resolve_language(requested, setting)
    QLocale.setDefault(QLocale(lang if lang != "en" else "en_US"))
    if lang == "en":
        return lang
    ours = QTranslator(app)
    if ours.load(str(catalog_path(lang))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang


def error_text(error: BaseException) -> str:
    """The sentence to show for ``error``: an ``LmlabError``'s template in the user's language, else str()."""
    if not isinstance(error, LmlabError) or not error.template:
        return str(error)
    return _translated(error.template, error.params, str(error))


def core_text(text: str) -> str:
    """A sentence from the core (``user_text``, a plain label, or one read back from a run folder) in the
    user's language.

    Example: core_text(user_text("CPU ({threads} threads)", threads=8)) -> "CPU（8 个线程）" in Chinese;
    core_text("Finished 2,000 steps.") (from a status.json) -> "已完成 2,000 步。".
    """
    if isinstance(text, UserText):
        return _translated(text.template, text.params, str(text))
    if not text:
        return text
    direct = QCoreApplication.translate(CORE_CONTEXT, text)
    return direct if direct != text else _from_english(text)


def _from_english(text: str) -> str:
    """A formatted core sentence saved as English (a run's status message): matched against the core's
    templates, its values kept as written and set into the translated template."""
    for template, pattern in _template_patterns():
        m = pattern.fullmatch(text)
        if m:
            translated = QCoreApplication.translate(CORE_CONTEXT, template)
            if translated == template:
                return text
            plain = re.sub(r"\{(\w+)(![rsa])?(:[^{}]*)?\}", r"{\1}", translated)  # the values are text already
            try:  # a value may be a core sentence itself ("{problem}: rolled back ...")
                return plain.format(**{k: _from_english(v) if " " in v else v for k, v in m.groupdict().items()})
            except (KeyError, IndexError, ValueError):
                return text
    return text


@functools.cache
def _template_patterns() -> list[tuple[str, re.Pattern]]:
    from .core_messages import CORE_MESSAGES

    out = []
    for template in CORE_MESSAGES:
        parts = re.split(r"(\{\w+(?:![rsa])?(?::[^{}]*)?\})", template)
        if len(parts) == 1:
            continue
        seen: set[str] = set()
        regex = ""
        for part in parts:
            name = re.fullmatch(r"\{(\w+)(?:![rsa])?(?::[^{}]*)?\}", part)
            if name and part.startswith("{"):
                key = name.group(1)
                regex += f"(?P={key})" if key in seen else f"(?P<{key}>.+?)"
                seen.add(key)
            else:
                regex += re.escape(part.replace("{{", "{").replace("}}", "}"))
        out.append((template, re.compile(regex, re.S)))
    # the most specific template first: "{problem}: rolled back ..." before "The loss became {value} at step {step:,}",
    # which would also match the whole sentence with everything after "step" as its {step}
    return sorted(out, key=lambda tp: -len(re.sub(r"\{[^{}]*\}", "", tp[0])))


def _translated(template: str, params: dict, english: str) -> str:
    text = QCoreApplication.translate(CORE_CONTEXT, template)
    # a value that is itself a shown sentence (a kind's description, "file, line 3", a wrapped error) is translated too
    params = {k: core_text(v) if isinstance(v, UserText) else error_text(v) if isinstance(v, LmlabError) else v
              for k, v in params.items()}
    try:
        return text.format(**params) if params else text
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: the English is exact
        return english
