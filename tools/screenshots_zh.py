"""Screenshots of the window and each tab in Simplified Chinese (docs/screenshots/zh-CN/*.png), at 1280x800.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_zh.py CORPUS.txt [OUT_DIR]

Trains a tiny character-level model on CORPUS for a couple of hundred steps in the real window
(so the plots, runs, attention maps and playground have something to show), then selects each
tab in turn and saves the window. A Chinese corpus shows that Chinese text renders everywhere.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from lmlab.core.config import preset
from lmlab.ui.app import create_main_window, make_application
from lmlab.ui.i18n import install_translators
from lmlab.ui.settings import AppSettings

NAMES = ["training", "runs", "attention", "inside", "playground", "scaling"]


def wait(app: QApplication, seconds: float, until=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (until and until()):
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str]) -> int:
    corpus = str(Path(argv[0]).resolve())
    out = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parents[1] / "docs/screenshots/zh-CN")
    out.mkdir(parents=True, exist_ok=True)
    app = make_application(["lmlab"])
    install_translators(app, "zh_CN")
    tmp = Path(tempfile.mkdtemp())
    cfg = preset("tiny").with_changes(train={"max_steps": 300, "eval_every": 50})
    window = create_main_window(runs_dir=tmp / "runs", settings=AppSettings.at(tmp / "s.ini"), config=cfg,
                                corpus=[corpus], extra_panels=True)
    window.resize(1280, 800)
    window.show()
    session = window.session
    wait(app, 60, lambda: session.corpus_state.loaded and not session.corpus_state.scanning)
    session.start()
    wait(app, 600, lambda: session.trainer.state.phase == "running" and session.trainer.state.step >= 120)
    window.grab().save(str(out / "0-training.png"))
    wait(app, 600, lambda: not session.trainer.busy)
    for i in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        wait(app, 3)
        if NAMES[i] == "runs":
            runs = [p for p in sorted((tmp / "runs").iterdir()) if p.is_dir() and not p.name.startswith(".")]
            window.runs_panel.select_paths([str(runs[-1])])
            wait(app, 3)
        if NAMES[i] == "attention":
            attention = window.panel(window.tabs.tabText(i))
            attention.text_edit.setPlainText("子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？")
            attention.compute_button.click()
            wait(app, 20)
        if NAMES[i] == "playground":
            playground = window.panel(window.tabs.tabText(i))
            playground.prompt_edit.setPlainText("子曰：")
            wait(app, 2)
            playground.generate_button.click()
            wait(app, 20)
        window.grab().save(str(out / f"{i}-{NAMES[i]}.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
