"""The Playground panel on real tiny runs (char, BPE and Unigram tokenizers): streaming, seeds, Stop,
tooltips, branching, the distribution view, Chinese prompts, compare mode, saving and the prompt history."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import math  # noqa: E402

import pytest  # noqa: E402
import torch  # noqa: E402
from PySide6.QtCore import QEvent, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QHelpEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from lmlab.core import engine  # noqa: E402
from lmlab.core.generate import SamplingOptions, generate  # noqa: E402
from lmlab.core.loading import load_trained  # noqa: E402
from lmlab.core.runs import Run, RunStore  # noqa: E402
from lmlab.core.tokenizers import CharTokenizer, HFTokenizer  # noqa: E402
from lmlab.ui.panels.playground import PlaygroundPanel, install  # noqa: E402
from lmlab.ui.panels.playground_state import (  # noqa: E402
    BranchTree,
    choice_text,
    display_piece,
    parse_stop_sequences,
    stream_job,
)
from lmlab.ui.panels.playground_text import visible  # noqa: E402
from lmlab.ui.jobs import running_workers  # noqa: E402
from tests.conftest import SAMPLE_TEXT, make_prepared_run, tiny_config  # noqa: E402

CHINESE_TEXT = (
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n"
    "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。\n"
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n"
    "The moon is bright before my bed. 你好，世界！\n"
)
TIMEOUT = 30_000



@pytest.fixture(scope="module")
def runs_root(tmp_path_factory):
    """Three real runs trained once for the module: characters (checkpoints at 20 and 40), BPE and Unigram."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("runs")
    try:
        specs = (
            ("char", {}, SAMPLE_TEXT * 60, 40),
            ("bpe 中文", {"tokenizer": "bpe", "vocab_size": 320}, CHINESE_TEXT * 40, 20),
            ("unigram 中文", {"tokenizer": "unigram", "vocab_size": 320}, CHINESE_TEXT * 40, 20),
        )
        for name, data, text, steps in specs:
            cfg = tiny_config(max_steps=steps, checkpoint_every=20, log_every=10, eval_every=20)
            if data:
                cfg = cfg.with_changes(data=data)
            run = make_prepared_run(root, cfg, text=text, name=name)
            for _ev in engine.train(run):
                pass
    finally:
        torch.set_num_threads(threads)
    return root


def run_path(root, name: str) -> str:
    return next(str(r.path) for r in RunStore(root).runs() if r.name == name)


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a real dialog would block the test")

    for cls, names in ((QMessageBox, ("question", "warning", "critical", "information")),
                       (QFileDialog, ("getSaveFileName",))):
        for n in names:
            monkeypatch.setattr(cls, n, refuse)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "lmlab.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def panel(qtbot, runs_root, settings):
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    p = PlaygroundPanel(RunStore(runs_root), settings=settings)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.set_run(run_path(runs_root, "char"))
    qtbot.waitUntil(lambda: p.primary.model() is not None, timeout=TIMEOUT)
    yield p
    p.shutdown()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)
    torch.set_num_threads(threads)


def run_generation(qtbot, panel, prompt: str = "First Citizen:\n", **controls) -> None:
    panel.prompt_edit.setPlainText(prompt)
    set_controls(panel, **controls)
    panes = panel.panes()
    with qtbot.waitSignals([p.generation_finished for p in panes], timeout=TIMEOUT):
        assert panel.generate()
    assert not panel.busy


def set_controls(panel, max_new_tokens=None, seed=None, greedy=None, top_k=None, stop=None) -> None:
    if max_new_tokens is not None:
        panel.max_tokens.setValue(max_new_tokens)
    if seed is not None:
        panel.random_seed.setChecked(False)
        panel.seed_edit.setText(str(seed))
    if greedy is not None:
        panel.greedy.setChecked(greedy)
    if top_k is not None:
        panel.top_k.setValue(top_k)
    if stop is not None:
        panel.stop_edit.setText(stop)


# -- Qt-free helpers ---------------------------------------------------------------------------------------


def test_parse_stop_sequences():
    assert parse_stop_sequences("END, \\n\\n") == ("END", "\n\n")
    assert parse_stop_sequences("a\\,b,,c\nEND\n") == ("a,b", "c", "END")
    assert parse_stop_sequences("  ") == ()
    assert parse_stop_sequences("结束，, 终") == ("结束，", "终")


def test_display_piece_shows_bytes_of_a_split_chinese_character():
    tok = HFTokenizer.train([CHINESE_TEXT * 5], "bpe", 300)
    ids = tok.encode("中")  # a character seen once or never: split into byte tokens
    assert display_piece(tok, tok.encode(" the")[0]).startswith("␣")
    if len(ids) > 1:
        assert display_piece(tok, ids[0]).startswith("‹e4")
    chars = CharTokenizer("ab\n")
    assert display_piece(chars, chars.encode("\n")[0]) == "↵"


def test_control_characters_are_made_visible():
    assert visible("a\rb\n\x00\t") == "a␍b↵\n␀\t"
    assert visible("x\u2028y\n", newline_mark=False) == "x␤y\n"


def test_choice_text_releases_held_back_text():
    tok = CharTokenizer("abc")
    tree = BranchTree()
    from lmlab.core.generate import GeneratedToken
    from lmlab.ui.panels.playground_state import Branch

    toks = [GeneratedToken(0, "a", 1.0, 1.0, [], 0), GeneratedToken(1, "", 1.0, 1.0, [], 1),  # "b" held back
            GeneratedToken(2, "bc", 1.0, 1.0, [(2, "c", 0.6), (0, "a", 0.3)], 2)]
    tree.add(Branch("", [0], None, "x", toks))
    text = choice_text(tok, [0], toks, 2, 0)
    assert text == "ba"  # the held-back "b", then the chosen "a"
    child = tree.fork(0, 2, 0, text, 0.3)
    assert [t.id for t in tree[child].tokens] == [0, 1, 0]
    assert tree[child].forced == {2} and tree[child].parent == 0
    assert "from 1" in tree.label(child)


def test_stream_job_streams_every_token(runs_root):
    tm = load_trained(Run(run_path(runs_root, "char")))
    gen = generate(tm.model, tm.tokenizer, "All:", SamplingOptions(max_new_tokens=12, seed=3))
    batches = list(stream_job(gen, interval=0.0))
    assert [len(b.tokens) for b in batches] == [1] * 12
    assert gen.finish_reason == "max_tokens"


# -- the panel -----------------------------------------------------------------------------------------------


def test_generate_streams_tokens_and_counts_them(qtbot, panel, monkeypatch):
    appended: list[int] = []
    original = panel.primary.view.append_tokens
    monkeypatch.setattr(panel.primary.view, "append_tokens", lambda toks: (appended.append(len(toks)),
                                                                          original(toks)))
    run_generation(qtbot, panel, max_new_tokens=40, seed=7)
    b = panel.primary.current_branch()
    assert len(b.tokens) == 40 and [t.index for t in b.tokens] == list(range(40))
    appended = [n for n in appended if n]
    assert sum(appended) == 40 and appended[0] == 1  # the first token is shown at once, the rest as they come
    assert panel.primary.stats.text().startswith("40 tokens")
    assert "tok/s" in panel.primary.stats.text() and "seed 7" in panel.primary.stats.text()
    assert b.finish_reason == "max_tokens"
    assert panel.primary.view.plain_text() == b.text
    assert b.text.startswith("First Citizen:\n")
    assert panel.generate_button.isEnabled() and not panel.stop_button.isEnabled()


def test_fixed_seed_gives_the_same_text_and_random_seed_is_shown(qtbot, panel):
    run_generation(qtbot, panel, "All:", max_new_tokens=30, seed=1234)
    run_generation(qtbot, panel, "All:", max_new_tokens=30, seed=1234)
    tree = panel.primary.tree
    assert len(tree) == 2 and tree[0].generated_text == tree[1].generated_text
    assert tree[0].seed == tree[1].seed == 1234
    panel.random_seed.setChecked(True)
    run_generation(qtbot, panel, "All:", max_new_tokens=5)
    used = tree[2].seed
    assert panel.seed_edit.text() == str(used) and f"seed {used}" in panel.primary.stats.text()
    assert not panel.seed_edit.isEnabled()


def test_ctrl_enter_generates(qtbot, panel):
    panel.prompt_edit.setPlainText("All:")
    set_controls(panel, max_new_tokens=5, seed=1)
    panel.prompt_edit.setFocus()
    with qtbot.waitSignal(panel.primary.generation_finished, timeout=TIMEOUT):
        qtbot.keyClick(panel.prompt_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.prompt_edit.toPlainText() == "All:"  # no newline typed
    assert len(panel.primary.current_branch().tokens) == 5


def test_stop_ends_generation_within_a_token(qtbot, panel):
    panel.prompt_edit.setPlainText("All:")
    set_controls(panel, max_new_tokens=1_000_000, seed=2)
    assert panel.generate()
    assert panel.stop_button.isEnabled() and not panel.generate_button.isEnabled()
    pane = panel.primary
    qtbot.waitUntil(lambda: pane.current_branch() is not None and len(pane.current_branch().tokens) >= 5,
                    timeout=TIMEOUT)
    with qtbot.waitSignal(pane.generation_finished, timeout=TIMEOUT):
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    b = pane.current_branch()
    assert b.finish_reason == "stopped" and 5 <= len(b.tokens) < 1_000_000
    assert "stopped" in pane.stats.text()
    assert not pane.workers() and panel.generate_button.isEnabled()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")  # offscreen: tooltips cannot raise
def test_tooltip_lists_the_alternatives(qtbot, panel):
    run_generation(qtbot, panel, max_new_tokens=20, seed=5)
    view = panel.primary.view
    tok = panel.primary.model().tokenizer
    i = next(i for i, t in enumerate(view.tokens) if t.text.strip())
    t = view.tokens[i]
    tip = view.token_tooltip(i)
    assert len(t.alternatives) == 8
    for alt_id, _piece, p in t.alternatives[:3]:
        assert display_piece(tok, alt_id) in tip.replace("&lt;", "<").replace("&gt;", ">")
        assert f"{100 * p:.1f}%" in tip
    assert f"{100 * t.raw_prob:.1f}%" in tip
    # Hovering the token shows the same text.
    pos = view.token_rect_center(i)
    assert view.token_at(pos) == i
    ev = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    view.viewportEvent(ev)
    assert QToolTip.text() == tip
    QToolTip.hideText()


def test_branching_continues_and_keeps_the_first_branch(qtbot, panel):
    run_generation(qtbot, panel, max_new_tokens=20, seed=11, greedy=True)
    pane = panel.primary
    first = pane.current_branch()
    first_text, first_ids = first.text, list(first.ids)
    k = 6
    alt_id = next(a for a, _p, _q in first.tokens[k].alternatives if a != first.tokens[k].id)
    menu = pane.view.branch_menu(k)  # what right-clicking token k opens
    action = next(a for a in menu.actions() if a.data() == alt_id)
    with qtbot.waitSignal(pane.generation_finished, timeout=TIMEOUT):
        action.trigger()
    menu.deleteLater()
    tree = pane.tree
    assert len(tree) == 2 and pane.shown_index == 1
    second = tree[1]
    assert [t.id for t in second.tokens[:k]] == [t.id for t in first.tokens[:k]]
    assert second.tokens[k].id == alt_id and k in second.forced
    assert len(second.tokens) == k + 1 + 20 and second.generated == 20
    assert second.ids[:len(first.root_ids) + k] == first_ids[:len(first.root_ids) + k]
    assert pane.view.plain_text() == second.text
    assert pane.branch_combo.isEnabled() and pane.branch_combo.count() == 2
    # The first branch is still there, unchanged.
    pane.branch_combo.setCurrentIndex(0)
    assert pane.shown_index == 0 and pane.view.plain_text() == first_text == tree[0].text
    assert tree[0].ids == first_ids


def test_branching_from_the_alternatives_list(qtbot, panel):
    run_generation(qtbot, panel, max_new_tokens=10, seed=3)
    pane = panel.primary
    view = pane.view
    i = next(i for i, t in enumerate(view.tokens) if t.text.strip())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.token_rect_center(i))
    assert view.selected == i
    qtbot.waitUntil(lambda: panel.alt_list.topLevelItemCount() == 20
                    and panel.dist_view.caption.text().startswith(f"At token {i + 1}"), timeout=TIMEOUT)
    chosen = view.tokens[i].id
    row = next(r for r in range(20)
               if panel.alt_list.topLevelItem(r).data(0, Qt.ItemDataRole.UserRole)[0] != chosen)
    item = panel.alt_list.topLevelItem(row)
    panel.alt_list.setCurrentItem(item)
    assert panel.branch_button.isEnabled()
    with qtbot.waitSignal(pane.generation_finished, timeout=TIMEOUT):
        qtbot.mouseClick(panel.branch_button, Qt.MouseButton.LeftButton)
    child = pane.current_branch()
    assert child.parent == 0 and child.tokens[i].id == item.data(0, Qt.ItemDataRole.UserRole)[0]
    assert math.isclose(child.tokens[i].raw_prob, item.data(0, Qt.ItemDataRole.UserRole)[1])


def test_distribution_follows_top_k_and_greedy(qtbot, panel):
    run_generation(qtbot, panel, max_new_tokens=10, seed=4)
    dv = panel.dist_view
    qtbot.waitUntil(lambda: dv.has_data and dv.caption.text().startswith("After branch 1"), timeout=TIMEOUT)
    vocab = panel.primary.model().tokenizer.vocab_size
    assert len(dv.raw_heights()) == 20 and (dv.raw_heights() > 0).all()
    assert dv.kept == vocab
    panel.top_k.setValue(3)
    assert (dv.filtered_heights() > 0).sum() == 3 and dv.kept == 3
    assert math.isclose(dv.filtered_heights().sum(), 1.0, rel_tol=1e-9)
    assert "3 of" in dv.caption.text()
    panel.top_k.setValue(0)
    panel.top_p.setValue(0.5)
    assert 1 <= (dv.filtered_heights() > 0).sum() < 20
    panel.greedy.setChecked(True)
    assert (dv.filtered_heights() > 0).sum() == 1 and not panel.temperature.isEnabled()
    # The alternatives list shows the same numbers.
    col = [panel.alt_list.topLevelItem(r).text(2) for r in range(panel.alt_list.topLevelItemCount())]
    assert col[0] == "100.0%" and set(col[1:]) == {"–"}


def test_distribution_after_the_prompt_before_generating(qtbot, panel):
    panel.prompt_edit.setPlainText("Spea")
    qtbot.waitUntil(lambda: panel.dist_view.has_data and "Spea" in panel.dist_view.caption.text(),
                    timeout=TIMEOUT)
    assert panel.dist_view.caption.text().startswith("After the prompt")


def test_unknown_character_shows_the_tokenizer_message(qtbot, panel):
    panel.prompt_edit.setPlainText("Hello 你好 ☃")
    assert not panel.generate()
    msg = panel.primary.message
    assert msg.isVisible() and "vocabulary does not have" in msg.text()
    assert "'你'" in msg.text() and "U+2603" in msg.text()
    assert len(panel.primary.tree) == 0 and not panel.busy
    # The distribution view says the same instead of a chart.
    qtbot.waitUntil(lambda: "vocabulary does not have" in panel.dist_view.caption.text(), timeout=TIMEOUT)
    # A good prompt afterwards clears the message.
    run_generation(qtbot, panel, "All:", max_new_tokens=3, seed=1)
    assert not msg.isVisible()


@pytest.mark.parametrize("name", ["bpe 中文", "unigram 中文"])
def test_chinese_prompt_with_subword_tokenizers(qtbot, panel, runs_root, name):
    panel.set_run(run_path(runs_root, name))
    qtbot.waitUntil(lambda: panel.primary.model() is not None, timeout=TIMEOUT)
    assert panel.primary.model().tokenizer.kind == name.split()[0]
    run_generation(qtbot, panel, "床前明月光，", max_new_tokens=25, seed=9)
    b = panel.primary.current_branch()
    assert len(b.tokens) == 25 and b.text.startswith("床前明月光，")
    # Shown as generated; control characters an undertrained byte-level model writes are made visible.
    assert panel.primary.view.toPlainText() == b.prompt + visible(b.generated_text)
    tips = [panel.primary.view.token_tooltip(i) for i in range(len(b.tokens))]
    assert all("%" in t for t in tips)
    # Branching inside byte-level text keeps the text consistent with the ids.
    k = 3
    alt = next(a for a, _p, _q in b.tokens[k].alternatives if a != b.tokens[k].id)
    with qtbot.waitSignal(panel.primary.generation_finished, timeout=TIMEOUT):
        assert panel.branch(panel.primary, k, alt)
    child = panel.primary.current_branch()
    assert child.tokens[k].id == alt and len(child.tokens) == k + 1 + 25
    # The shown text is what the ids say (an undertrained model also writes invalid UTF-8, whose U+FFFD
    # count depends on where the bytes are cut; those are left out of the comparison).
    assert child.model.tokenizer.decode(child.ids).replace("\ufffd", "") == child.text.replace("\ufffd", "")
    assert panel.primary.view.toPlainText() == child.prompt + visible(child.generated_text)


def test_compare_generates_in_both_panes_with_the_same_seed(qtbot, panel):
    panel.compare_check.setChecked(True)
    assert panel.compare.isVisible()
    assert panel.compare.run_path() == panel.primary.run_path()
    assert panel.compare.step() == 20 and panel.primary.step() == 40  # an earlier checkpoint of the same run
    qtbot.waitUntil(lambda: panel.compare.model() is not None, timeout=TIMEOUT)
    run_generation(qtbot, panel, "All:", max_new_tokens=15, seed=21)
    a, b = panel.primary.current_branch(), panel.compare.current_branch()
    assert len(a.tokens) == len(b.tokens) == 15 and a.seed == b.seed == 21
    assert "step 40" in a.source and "step 20" in b.source
    # Same checkpoint on both sides: the same text.
    panel.compare.select_run(panel.primary.run_path(), 40)
    qtbot.waitUntil(lambda: panel.compare.model() is not None, timeout=TIMEOUT)
    run_generation(qtbot, panel, "All:", max_new_tokens=15, seed=21)
    assert panel.primary.current_branch().generated_text == panel.compare.current_branch().generated_text
    panel.compare_check.setChecked(False)
    assert not panel.compare.isVisible() and panel.panes() == [panel.primary]


def test_save_writes_utf8_and_copy(qtbot, panel, runs_root, tmp_path, monkeypatch):
    panel.set_run(run_path(runs_root, "bpe 中文"))
    qtbot.waitUntil(lambda: panel.primary.model() is not None, timeout=TIMEOUT)
    run_generation(qtbot, panel, "举头望明月，", max_new_tokens=10, seed=2)
    out = tmp_path / "输出.txt"
    monkeypatch.setattr(panel.primary, "_ask_save_path", lambda: str(out))
    qtbot.mouseClick(panel.primary.save_button, Qt.MouseButton.LeftButton)
    b = panel.primary.current_branch()
    assert out.read_bytes() == b.text.encode("utf-8")
    assert out.read_text(encoding="utf-8").startswith("举头望明月，")
    qtbot.mouseClick(panel.primary.copy_button, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == b.text


def test_prompt_history_is_remembered(qtbot, panel, runs_root, settings):
    run_generation(qtbot, panel, "All:", max_new_tokens=2, seed=1)
    run_generation(qtbot, panel, "First Citizen:\n", max_new_tokens=2, seed=1)
    run_generation(qtbot, panel, "All:", max_new_tokens=2, seed=1)
    assert panel.history() == ["All:", "First Citizen:\n"]
    assert panel.history_combo.count() == 2
    # A new panel on the same settings has it too.
    other = PlaygroundPanel(RunStore(runs_root), settings=settings)
    qtbot.addWidget(other)
    assert other.history() == ["All:", "First Citizen:\n"]
    other.history_combo.activated.emit(1)
    assert other.prompt_edit.toPlainText() == "First Citizen:\n"
    qtbot.waitUntil(lambda: other.primary.model() is not None, timeout=TIMEOUT)  # it loaded the newest run
    other.shutdown()


def test_every_control_is_named(panel):
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit,
             QAbstractItemView)
    missing = []

    def inside_a_control(w) -> bool:  # combo pop-ups, spin box editors, headers of views
        p = w.parent()
        while p is not None and p is not panel:
            if isinstance(p, kinds):
                return True
            p = p.parent()
        return False

    for w in panel.findChildren(QWidget):
        if not isinstance(w, kinds) or inside_a_control(w):
            continue
        if type(w).__module__.startswith("pyqtgraph") or w.objectName().startswith("qt_"):
            continue
        if not w.objectName() or not w.accessibleName():
            missing.append((type(w).__name__, w.objectName(), w.accessibleName()))
    assert not missing


def test_invalid_seed_is_refused(panel):
    panel.random_seed.setChecked(False)
    panel.seed_edit.setText("")
    assert panel.seed_edit.property("invalid")
    assert not panel.generate()
    assert "seed" in panel.message.text()


def test_set_run_without_checkpoint_says_so(panel, runs_root):
    store = RunStore(runs_root)
    fresh = store.create(tiny_config(), "fresh")
    try:
        panel.set_run(str(fresh.path))
        assert "no checkpoint" in panel.message.text()
        assert panel.primary.run_path() != str(fresh.path)
    finally:
        store.delete(fresh)


def test_install_adds_the_tab_and_follows_the_runs_panel(qtbot, runs_root, tmp_path):
    from lmlab.core.config import preset
    from lmlab.ui.main_window import MainWindow
    from lmlab.ui.session import Session
    from lmlab.ui.settings import AppSettings

    session = Session(runs_root, preset("tiny"))
    window = MainWindow(session, AppSettings.at(tmp_path / "s.ini"))
    session.setParent(window)
    qtbot.addWidget(window)
    panel = install(window)
    assert window.panel("Playground") is panel and panel.store is session.store
    bpe = run_path(runs_root, "bpe 中文")
    if window.runs_panel is not None:
        window.runs_panel.run_selected.emit(bpe)
        assert panel.primary.run_path() == bpe
    qtbot.waitUntil(lambda: panel.primary.model() is not None, timeout=TIMEOUT)
    window.close()
    assert not panel.workers()
    qtbot.waitUntil(lambda: not running_workers(), timeout=TIMEOUT)
