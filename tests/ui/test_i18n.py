"""The app in Simplified Chinese: no English left, nothing clipped, Chinese glyphs (not boxes), a complete catalogue.

A string added to the UI without a translation fails ``test_the_chinese_window_shows_no_english``
(and ``test_the_catalogue_is_complete_and_compiled``) until ``python -m lmlab.ui.i18n`` has put it
in ``lmlab/ui/i18n/lmlab_zh_CN.ts``, someone has translated it there, and the ``.qm`` is rebuilt.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from i18n_walk import english_words, visible_strings
from PySide6.QtCore import QCoreApplication, QLocale, QPointF
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QRawFont
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QTabWidget

from lmlab.core.config import ConfigError
from lmlab.ui.fonts import FONT_FILE, ensure_cjk_font
from lmlab.ui.i18n import catalog_path, core_text, error_text, install_translators, resolve_language
from lmlab.ui.resources import with_cjk_fallback

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def language(qapp, monkeypatch):
    """Switch the app's language for one test (as ``lmlab app --lang`` does), then back to English."""
    monkeypatch.delenv("LMLAB_LANG", raising=False)
    before = QLocale()
    yield lambda lang: install_translators(qapp, lang)
    install_translators(qapp, "en")
    QLocale.setDefault(before)


def _show_every_tab(window, qtbot) -> None:
    """Select every tab, nested ones too (Attention's Maps / Over training, the corpus's Cleaning...)."""
    for tabs in [window.tabs, *[t for t in window.findChildren(QTabWidget) if t is not window.tabs]]:
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(10)
    window.tabs.setCurrentIndex(0)


def test_the_chinese_window_shows_no_english(make_window, qtbot, language):
    """A Chinese reader: every text, tooltip, menu, accessible name, header and plot label is in Chinese."""
    assert language("zh_CN") == "zh_CN"
    window = make_window(extra_panels=True)
    _show_every_tab(window, qtbot)
    strings = list(visible_strings(window))
    assert len(strings) > 500  # the walk reaches the panels, menus and plots
    left = sorted({f"{where}: {text!r} -> {words}" for where, text in strings
                   if (words := english_words(text, extra_allowed={window.session.corpus_state.label}))})
    assert not left, "English left in the Chinese UI (translate it in lmlab/ui/i18n/lmlab_zh_CN.ts):\n" + "\n".join(left)
    assert window.menuBar().actions()[0].text() == "文件(&F)"


def test_the_walk_finds_english(make_window):
    """The check above can fail: in English, the same walk finds English everywhere."""
    window = make_window(extra_panels=True)
    found = [text for _, text in visible_strings(window) if english_words(text)]
    assert len(found) > 300
    assert english_words("训练 small 于 /tmp/runs/x，用 GPT 与 BPE，`N, D, loss`，4.79 M 词元") == []
    assert english_words("按“训练”: Press Train") == ["Press", "Train"]


def test_a_configuration_error_reads_in_chinese_at_its_field(make_window, qtbot, language):
    """The core's messages are English templates: the field shows the Chinese sentence with the numbers in it."""
    language("zh_CN")
    window = make_window()
    window.session.update(model={"n_head": 5, "n_embd": 96})
    label = window.model_panel.errors["n_embd"]
    qtbot.waitUntil(lambda: label.isVisible())
    assert label.text() == "宽度（96）必须能被注意力头数（5）整除。"
    error = next(e for e in window.session.problems() if e.field == "n_embd")
    assert str(error) == "The width (96) must be divisible by the number of heads (5)."  # the CLI stays English


def test_core_messages_translate_and_fall_back(language):
    language("zh_CN")
    assert error_text(ConfigError("The batch size must be at least 1.", "batch_size")) == "批大小至少为 1。"
    assert error_text(ValueError("plain")) == "plain"
    # a template the catalogue does not know yet: the English sentence, formatted
    assert error_text(ConfigError("New {thing}.", thing="words")) == "New words."
    from lmlab.core.device import available_devices

    assert core_text(available_devices()[-1].name).startswith("CPU（")
    # a sentence read back from a run folder (status.json keeps the English): matched to its template
    assert core_text("Finished 2,000 steps.") == "已完成 2,000 步。"
    assert core_text("Stopped at step 7; resume to continue from here.") == "已在第 7 步停止；继续训练即可从这里接着训练。"
    assert core_text("my_corpus.txt") == "my_corpus.txt"  # a name, not a sentence of the core
    assert QLocale().name() == "zh_CN"  # numbers and dates that Qt formats follow the language


def test_sentences_built_from_other_sentences_read_in_chinese(language, tmp_path):
    """A pair file's error names "file, line n", a roll-back names its problem, "X is a translation model":
    the inner sentence is translated too, live (user_text values) and read back as English from a run."""
    from lmlab.core.errors import CorpusError, LmlabError
    from lmlab.core.guards.monitor import Problem
    from lmlab.core.model_kinds import kind_of
    from lmlab.core.seq2seq.data import read_pairs

    language("zh_CN")
    bad = tmp_path / "pairs.tsv"
    bad.write_text("1\tone\n2\t\n", encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        read_pairs([bad])
    assert error_text(e.value) == f"{bad} 第 2 行：目标端为空。"
    stop = Problem(1200, "non-finite", float("nan"), None, "gradient norm").sentence()
    assert core_text(stop) == "梯度范数在第 1,200 步变为 nan"
    from lmlab.core.errors import user_text

    rolled = user_text("{problem}: rolled back to the checkpoint at step {step:,} and continues with the "
                       "learning rate x{scale:g} (roll-back {count} of at most {most}).",
                       problem=stop, step=1000, scale=0.5, count=1, most=3)
    expected = "梯度范数在第 1,200 步变为 nan：已回滚到第 1,000 步的检查点，以学习率 x0.5 继续训练（第 1 次回滚，最多 3 次）。"
    assert core_text(rolled) == expected
    assert core_text(str(rolled)) == expected  # as metrics.jsonl keeps it
    kind = kind_of("encdec")
    err = LmlabError("{name} is a {kind}; {action} needs a language model (decoder-only GPT). Instead, {instead}.",
                     name="run-1", kind=kind.description, action=user_text("Chat"), instead=kind.instead)
    assert error_text(err).startswith("run-1 是翻译模型（编码器-解码器）；聊天需要语言模型")


def test_a_labelled_file_names_its_line_and_column_in_chinese(language, tmp_path):
    """A classifier's labelled CSV with an empty label: file, line and column and the reason all read in Chinese
    (the location is a sentence inside the sentence); an error wrapped in another is translated too."""
    from lmlab.core.classify.labelled import read_labelled
    from lmlab.core.errors import CorpusError, TokenizerError, user_text

    language("zh_CN")
    bad = tmp_path / "reviews.csv"
    bad.write_text("text,label\ngood film,pos\nbad film,\n", encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        read_labelled(bad)
    assert str(e.value) == f"{bad}, line 3, column 'label': the label is empty."
    assert error_text(e.value) == f"{bad} 第 3 行，列 'label'：标签为空。"
    wrapped = CorpusError("{where}: {e}", where=user_text("text {n}", n=2),
                          e=TokenizerError("Cannot build a character vocabulary from empty text."))
    assert error_text(wrapped) == "第 2 条文本：无法从空文本构建字符词表。"


def test_the_language_is_chosen_remembered_and_applies_at_the_next_start(make_window, qtbot, app_settings,
                                                                          monkeypatch, language):
    monkeypatch.delenv("LMLAB_LANG", raising=False)
    assert resolve_language("zh_CN", "en") == "zh_CN"  # lmlab app --lang wins
    assert resolve_language(None, "zh_CN") == "zh_CN"
    assert resolve_language(None, "en") == "en"
    assert resolve_language("zh-Hans-CN") == "zh_CN" and resolve_language("zh_TW") == "en"
    monkeypatch.setenv("LMLAB_LANG", "zh_CN")
    assert resolve_language(None, "en") == "zh_CN"  # the environment beats the remembered choice
    monkeypatch.delenv("LMLAB_LANG")

    window = make_window()
    menu = window.language_menu
    assert [a.text() for a in menu.actions()] == ["Follow the system", "English", "简体中文"]
    assert menu.actions()[0].isChecked()
    menu.actions()[2].trigger()
    assert app_settings.language() == "zh_CN"
    notice = window.findChild(QMessageBox, "languageRestartNotice")
    qtbot.waitUntil(notice.isVisible)
    assert "简体中文" in notice.text() and "starts again" in notice.text()
    notice.close()


def test_the_cli_passes_the_language_to_the_app(monkeypatch):
    from lmlab import cli

    seen = {}
    monkeypatch.setattr("lmlab.ui.app.main", lambda argv: seen.setdefault("argv", argv) and 0)
    cli.main(["app", "--lang", "zh_CN"])
    assert seen["argv"] == ["--lang", "zh_CN"]


# -- nothing clipped -------------------------------------------------------------------------


def _page_of(tabs: QTabWidget, widget) -> object:
    """The page of ``tabs`` that holds ``widget`` (or ``widget`` itself)."""
    while widget is not None and widget.parentWidget() is not None and tabs.indexOf(widget) < 0:
        widget = widget.parentWidget()
    return widget


def _clipped(window, qtbot) -> tuple[int, list[str]]:
    """Labels, buttons and check boxes whose text needs more room than they got, on every tab (and how many were seen)."""
    out, seen = set(), set()
    pages = [(window.tabs, i) for i in range(window.tabs.count())]
    pages += [(t, j) for t in window.findChildren(QTabWidget) if t is not window.tabs for j in range(t.count())]
    for tabs, i in pages:
        window.tabs.setCurrentIndex(max(0, window.tabs.indexOf(_page_of(window.tabs, tabs))))
        tabs.setCurrentIndex(i)
        qtbot.wait(20)
        for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
            if not w.isVisible() or not w.text().strip() or w.width() <= 0:
                continue
            if isinstance(w, QLabel) and (w.wordWrap() or w.textFormat() != w.textFormat().PlainText and "<" in w.text()):
                continue  # a wrapping label grows in height instead
            seen.add(id(w))
            need = w.sizeHint().width()
            if isinstance(w, QLabel):
                need = QFontMetrics(w.font()).horizontalAdvance(w.text().replace("&", "")) + 2 * w.margin()
            if need > w.width() + 1:
                out.add(f"{type(w).__name__} {w.objectName() or '?'} {w.text()!r}: needs {need} px, has {w.width()}")
        # A layout gives a button or check box its whole text by widening the window: that is clipping at 1280.
        if window.width() > 1280 or window.minimumSizeHint().width() > 1280:
            out.add(f"the window needs {window.minimumSizeHint().width()} px with {tabs.tabText(i)!r} shown")
    return len(seen), sorted(out)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_label_or_button_is_clipped_at_1280x800(make_window, qtbot, language, lang):
    language(lang)
    window = make_window(extra_panels=True)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() <= 1280)
    checked, clipped = _clipped(window, qtbot)
    assert checked > 120
    assert not clipped, "\n".join(clipped)


# -- Chinese glyphs, not boxes ------------------------------------------------------------------


def _render(text: str, font: QFont) -> QImage:
    img = QImage(240, 48, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setFont(font)
    p.setPen(QColor("black"))
    p.drawText(QPointF(4, 36), text)
    p.end()
    return img


def test_chinese_renders_as_glyphs_not_boxes(qapp):
    """The bundled font alone (no fallback to any system font) draws Chinese: a bare machine shows glyphs."""
    family = ensure_cjk_font(force=True)
    assert family == "Noto Sans SC"
    font = QFont(family)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # only this font, as on a machine without CJK fonts
    font.setPixelSize(24)
    chinese = _render("中文词元", font)
    missing = _render("\ue000\ue001\ue002\ue003", font)  # private-use code points: no font has them -> boxes
    assert chinese != missing
    assert chinese != _render("", font)  # something was drawn
    # every character is different from every other (boxes would all look alike)
    singles = [_render(c, font) for c in "中文词元"]
    assert len({bytes(img.constBits()) for img in singles}) == 4


def test_without_a_system_cjk_font_the_app_font_falls_back_to_the_bundled_one(qapp, monkeypatch):
    import lmlab.ui.fonts as fonts

    monkeypatch.setattr(fonts, "system_has_cjk_font", lambda: False)
    assert fonts.ensure_cjk_font() == "Noto Sans SC"
    assert "Noto Sans SC" in with_cjk_fallback(QFont(qapp.font())).families()


def test_every_translated_character_is_in_the_bundled_font():
    raw = QRawFont(str(FONT_FILE), 16)
    assert raw.isValid() and raw.familyName() == "Noto Sans SC"
    text = catalog_path("zh_CN", ".ts").read_text(encoding="utf-8")
    chars = {c for t in re.findall(r"<(?:translation|numerusform)[^>]*>([^<]*)<", text) for c in t if ord(c) > 0x2E7F}
    missing = sorted(c for c in chars if not raw.supportsCharacter(ord(c)))
    assert not missing, f"run tools/subset_cjk_font.py: the font lacks {''.join(missing)}"
    assert FONT_FILE.stat().st_size < 1_500_000  # the size the docs state (about 0.9 MB)


# -- the catalogue -------------------------------------------------------------------------------


def test_the_catalogue_is_complete_and_compiled():
    """Every string of the code is in the .ts, translated, and the committed .qm is built from it."""
    proc = subprocess.run([sys.executable, "-m", "lmlab.ui.i18n", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, (
        "The translation catalogue is out of date. Run `python -m lmlab.ui.i18n`, translate the entries it lists "
        "in lmlab/ui/i18n/lmlab_zh_CN.ts (Qt Linguist or any editor), and run it again:\n" + proc.stdout + proc.stderr)


def test_the_compiled_catalogue_translates(qapp, language):
    assert catalog_path("zh_CN").is_file()
    language("zh_CN")
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("core", "Train for at least 1 step.") == "至少训练 1 步。"


def test_the_sweep_plan_says_what_is_wrong_with_it_in_chinese(qtbot, language):
    from lmlab.ui.panels.scaling.plan import SweepPlanForm

    language("zh_CN")
    form = SweepPlanForm()
    qtbot.addWidget(form)
    form.budgets_edit.setText("1e5, x")  # the core's parser: a template with the item in it
    assert form.message.text() == "“x”不是数字（请写成例如 2e5、200k 或 1.5M）。"
    form.budgets_edit.setText("")  # the form's own sentence
    assert form.message.text() == "请至少给出一个预算。"


def test_sampling_from_a_diverged_model_says_so_in_chinese(language):
    import torch

    from lmlab.core.errors import LmlabError
    from lmlab.core.generate import SamplingOptions, filter_distribution

    language("zh_CN")
    with pytest.raises(LmlabError) as e:
        filter_distribution(torch.full((10,), float("nan")), SamplingOptions())
    assert error_text(e.value) == "模型输出了无效的分数（NaN 或无穷大）；训练可能已经发散。"
