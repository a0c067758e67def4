"""``lmlab bench --gui``: train in the real window and measure what the GUI costs.

Opens the main window (offscreen when there is no display), trains the given shape
for ``warmup + steps`` steps (as the headless bench: ``warmup`` untimed, then ``steps``)
with the live plots updating, and measures

* throughput: the median ``tokens_per_s`` of the ``StepMetrics`` after the warmup
  (each covers one logging interval, evaluation and checkpoints excluded);
* the event loop's lateness: a 10 ms ``QTimer`` notes how late each tick fires
  while the run trains (p50, p99 and max in milliseconds). A loop that stays near
  0 ms means the window stays responsive while training.

    result = run_gui_bench(preset("tiny"), steps=200, warmup=20, runs_dir=tmp)
    print(json.dumps(result))

The window trains as the app does: in a child process of its own (its threads torch's default,
``core.speed_choice.child_threads``), followed through the run folder; ``own_process=False``
(``--in-process``) trains in a worker thread of the window's process instead, at the app's own
thread count there (``core.speed_choice.app_threads``). ``--threads`` sets both.

``baseline=True`` pairs every GUI run with headless runs of the same engine loop in this process
with the window idle (``lmlab bench --gui --baseline --repeat 3``), one per thread count from 1 to
the number of cores (or only ``--threads`` when given), and reports the ratio of the GUI run to the
best of them.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from ..core.config import RunConfig
from ..core.engine import Finished, Started, StepMetrics
from ..core.speed_choice import child_threads

TICK_MS = 10


def _ensure_app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .app import make_application

        app = make_application(["lmlab-bench"])
    return app


def _percentile(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


def run_gui_bench(cfg: RunConfig, steps: int, warmup: int, runs_dir, *, baseline: bool = False,
                  repeat: int = 1, own_process: bool = True) -> dict:
    """Train ``cfg`` for ``warmup + steps`` steps in the real window; returns one JSON-able dict.

    With ``baseline``, each GUI run is paired with a headless run of the engine loop (the
    same shape, data and process, just before it) and the result adds ``headless_tokens_per_s``
    and ``ratio`` (the median of the pairs' GUI/headless ratios): on a noisy machine only a
    ratio measured side by side means anything. ``repeat`` pairs (or GUI runs) alternate.
    """
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from ..core.bench import measure_engine_throughput
    from ..core.corpus import load_corpus
    from .app import create_main_window, qt_binding_problem
    from .settings import AppSettings

    problem = qt_binding_problem()
    if problem:
        return {"mode": "gui", "error": problem}
    _ensure_app()
    settings_dir = Path(tempfile.mkdtemp(prefix="lmlab-bench-gui-"))
    cfg = cfg.with_changes(train={"max_steps": int(warmup) + int(steps), "token_budget": 0})
    settings = AppSettings.at(settings_dir / "settings.ini")
    settings.set_own_process(own_process)
    window = create_main_window(runs_dir, settings, config=cfg, corpus=list(cfg.corpus))
    window.resize(1280, 800)
    window.show()
    session = window.session

    tokens_per_s: list[float] = []
    lateness: list[float] = []
    gui_cpu: list[tuple[float, float]] = []  # (GUI thread CPU seconds, wall seconds) of each run
    state: dict = {"finished": None, "started": None, "last": None, "measuring": False}

    def on_event(ev) -> None:
        if isinstance(ev, Started):
            state["started"] = ev
            state["measuring"] = True
            state["last"] = time.perf_counter()
            state["cpu0"], state["wall0"], state["proc0"] = time.thread_time(), state["last"], time.process_time()
        elif isinstance(ev, StepMetrics) and ev.step > warmup:
            tokens_per_s.append(ev.tokens_per_s)
        elif isinstance(ev, Finished):
            state["finished"] = ev
            state["measuring"] = False
            gui_cpu.append((time.thread_time() - state["cpu0"], time.perf_counter() - state["wall0"],
                            time.process_time() - state["proc0"]))

    def tick() -> None:
        now = time.perf_counter()
        if state["measuring"] and state["last"] is not None:
            lateness.append(max(0.0, (now - state["last"]) * 1000.0 - TICK_MS))
        state["last"] = now

    session.trainingEvent.connect(on_event)
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)

    def run_until(pred, timeout_s: float, every_ms: int = 20) -> None:
        loop = QEventLoop()
        check = QTimer()
        end = time.monotonic() + timeout_s
        check.timeout.connect(lambda: loop.quit() if pred() or time.monotonic() > end else None)
        check.start(every_ms)
        loop.exec()
        check.stop()

    gui_medians: list[float] = []
    headless_medians: list[float] = []
    headless_by_threads: dict[int, list[float]] = {}
    # the app's own choice unless --threads: torch's default in the child, the app's count in its process
    gui_threads = cfg.train.threads or (child_threads()[0] if own_process else torch.get_num_threads())
    headless_threads = [cfg.train.threads] if cfg.train.threads else list(range(1, (os.cpu_count() or 1) + 1))[:8]
    t0 = time.perf_counter()
    try:
        run_until(lambda: session.corpus_state.loaded and not session.corpus_state.scanning, 600)
        if not session.corpus_state.loaded:
            return {"mode": "gui", "error": session.corpus_state.error or "The corpus could not be read."}
        problems = session.problems()
        if problems:
            return {"mode": "gui", "error": str(problems[0])}
        corpus = load_corpus(cfg.corpus) if baseline else None
        for _ in range(max(1, int(repeat))):
            if baseline:  # headless first, in this process, with the window idle, at each thread count
                rates = {n: measure_engine_throughput(cfg.with_changes(train={"threads": n}), corpus, steps=steps,
                                                      warmup=warmup)["tokens_per_s"] for n in headless_threads}
                for n, rate in rates.items():
                    headless_by_threads.setdefault(n, []).append(rate)
                if all(rates.values()):
                    headless_medians.append(max(rates.values()))  # the best headless configuration of the moment
            torch.set_num_threads(gui_threads)
            del tokens_per_s[:]
            state["finished"] = None
            ticker.start()
            session.start()
            run_until(lambda: not session.training.busy, 24 * 3600, every_ms=200)  # light: it is not the app
            ticker.stop()
            if tokens_per_s:
                gui_medians.append(statistics.median(tokens_per_s))
            if state["finished"] is None or state["finished"].status != "finished":
                break
    finally:
        ticker.stop()
        session.shutdown()
        window.close()
    finished: Finished | None = state["finished"]
    started: Started | None = state["started"]
    panel = window.training_panel
    plots = (panel.loss_plot, panel.lr_plot, panel.grad_plot, panel.speed_plot)
    redraws = panel.loss_plot.redraws
    frames = sum(p.redraws for p in plots)
    paint_ms = 1000 * sum(p.paint_seconds for p in plots) / frames if frames else None
    median = statistics.median(gui_medians) if gui_medians else None
    result = {
        "mode": "gui",
        "steps": steps,
        "warmup": warmup,
        "status": finished.status if finished else "unknown",
        "reason": finished.reason if finished else "",
        "device": started.device if started else "",
        "device_name": started.device_name if started else "",
        "precision": started.precision if started else "",
        "params": started.params if started else None,
        "tokens_per_step": cfg.tokens_per_step,
        "tokens_per_s": median,
        "ms_per_step": 1000 * cfg.tokens_per_step / median if median else None,
        "tokens_per_s_samples": len(tokens_per_s),
        "loop_lateness_ms": {
            "p50": _percentile(lateness, 50),
            "p99": _percentile(lateness, 99),
            "max": max(lateness) if lateness else None,
            "ticks": len(lateness),
        },
        "plot_redraws": redraws,
        "plot_paint_ms_per_frame": paint_ms,
        # The GUI thread's own CPU time while runs trained, as a share of their wall time: PySide
        # holds the GIL through slots and paint events, so this is what the GUI can take from the worker.
        "gui_thread_cpu_share": sum(c for c, _, _ in gui_cpu) / sum(w for _, w, _ in gui_cpu) if gui_cpu else None,
        # The whole window process's CPU time (all its threads: the follower, torch's when training here)
        "app_process_cpu_share": sum(p for _, _, p in gui_cpu) / sum(w for _, w, _ in gui_cpu) if gui_cpu else None,
        "runs": len(gui_medians),
        "wall_s": round(time.perf_counter() - t0, 3),
    }
    if baseline:
        pairs = list(zip(gui_medians, headless_medians))
        result["headless_tokens_per_s"] = statistics.median(headless_medians) if headless_medians else None
        result["ratio"] = statistics.median(g / h for g, h in pairs) if pairs else None
        result["pairs"] = [{"gui": round(g, 1), "headless": round(h, 1), "ratio": round(g / h, 4)} for g, h in pairs]
        result["headless_by_threads"] = {n: [round(x, 1) for x in v] for n, v in headless_by_threads.items()}
    result["gui_threads"] = gui_threads
    result["own_process"] = own_process
    return result
