"""Running core generators off the GUI thread.

``GeneratorWorker`` wraps any generator function (the shape of superqt's
``GeneratorWorker``): the generator runs in the worker's own thread, every yielded
value crosses to the GUI thread through a queued signal, and the return value or
the exception arrives the same way. Nothing here touches a widget.

    worker = GeneratorWorker(scan_corpus, ["book.txt"])
    worker.yielded.connect(session.on_progress, Qt.QueuedConnection)   # each yielded value
    worker.returned.connect(session.on_result, Qt.QueuedConnection)    # the generator's return value
    worker.errored.connect(session.on_error, Qt.QueuedConnection)      # an exception it raised
    worker.start()
    ...
    worker.abort()          # ask it to stop at its next yield (the generator is closed there)
    worker.wait()           # QThread.wait: block until the thread has ended

Python's garbage collector must not free Qt objects from a worker thread: the app runs
it on the GUI thread (``GuiGarbageCollector``), and the session collects once more just
before it starts a training thread.

A started worker keeps itself alive until its thread has finished (the module
holds a reference), so dropping the last Python reference can never destroy a
running QThread. ``running_workers()`` lists those still running: tests fail if
one outlives them, and the main window waits for them before it closes.

The jobs below (``scan_corpus``, ``tokenizer_job``, ``prepare_and_train``) are
plain Qt-free generators built on ``lmlab.core``; the session runs them in workers.
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass

from .jobs import GeneratorWorker, GuiGarbageCollector, running_workers  # noqa: F401 - moving to core.jobs

from ..core.corpus import Corpus, CorpusStats, iter_scan, load_corpus
from ..core.dataset import META_FILE, PreparedData, PrepareProgress
from ..core.engine import Control, Event, Finished, train
from ..core.errors import LmlabError
from ..core.follow import Reloaded, RunStatus, follow, launch_processes, metrics_size
from ..core.pipeline import prepare_run
from ..core.runs import Run
from ..core.tokenizers import Tokenizer, train_tokenizer

log = logging.getLogger(__name__)


# -- jobs: plain generators over lmlab.core ---------------------------------------------------


@dataclass(frozen=True)
class ScanResult:
    corpus: Corpus
    stats: CorpusStats
    preview: str


def scan_corpus(paths: list[str], preview_chars: int = 6000) -> Generator[float, None, ScanResult]:
    """Load and read a corpus (empty ``paths``: the default corpus); yields the fraction read."""
    corpus = load_corpus(paths)
    scanning = iter_scan(corpus)
    last = -1.0
    while True:
        try:
            frac = next(scanning)
        except StopIteration as stop:
            stats = stop.value
            break
        if frac - last >= 0.01:
            last = frac
            yield frac
    return ScanResult(corpus, stats, corpus.preview(preview_chars))


@dataclass(frozen=True)
class TokenizerProgress:
    stage: str  # "training" | "merging" | "counting"
    fraction: float  # 0..1, or -1 when unknown


@dataclass(frozen=True)
class TokenizerResult:
    kind: str
    target_vocab: int  # what was asked for
    vocab_size: int  # what the tokenizer has
    tokens: int  # tokens in the whole corpus
    tokenizer: Tokenizer


def _pieces(text: str, size: int = 1 << 16) -> Iterator[str]:
    """Split ``text`` into pieces of about ``size`` characters, at line ends where possible.

    Example: "a\\nb\\nc" with size 2 -> "a\\n", "b\\n", "c".
    """
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            nl = text.rfind("\n", start, end)
            if nl > start:
                end = nl + 1
        yield text[start:end]
        start = end


def tokenizer_job(corpus: Corpus, kind: str, vocab_size: int, total_chars: int) -> Generator[
    TokenizerProgress, None, TokenizerResult
]:
    """Train a tokenizer on ``corpus`` and count its tokens, yielding progress; closing it cancels.

    Hugging Face's trainer cannot be interrupted mid-call, so it runs in a helper thread
    fed from an iterator that checks a cancel flag; progress is the share of characters fed.
    """
    total = max(1, total_chars)
    cancel = threading.Event()
    progress: queue.Queue = queue.Queue()
    out: dict = {}

    def feed() -> Iterator[str]:
        done = 0
        for _, chunk in corpus.iter_chunks():
            for piece in _pieces(chunk):
                if cancel.is_set():
                    return
                yield piece
                done += len(piece)
                progress.put(TokenizerProgress("training", min(1.0, done / total)))
        progress.put(TokenizerProgress("merging", -1.0))

    def work() -> None:
        try:
            out["tok"] = train_tokenizer(kind, feed(), vocab_size)
        except BaseException as e:  # noqa: BLE001 - re-raised in the generator below
            out["error"] = e
        finally:
            progress.put(None)

    helper = threading.Thread(target=work, name="lmlab-tokenizer", daemon=True)
    helper.start()
    try:
        while (item := progress.get()) is not None:
            yield item
    finally:
        cancel.set()  # also when the generator is closed (cancelled)
        helper.join()
    if "error" in out:
        raise out["error"]
    tok: Tokenizer = out["tok"]

    # Count the tokens of the whole corpus (what training will see).
    tokens = done = 0
    yield TokenizerProgress("counting", 0.0)
    for _, chunk in corpus.iter_chunks():
        for piece in _pieces(chunk, 1 << 18):
            tokens += len(tok.encode(piece))
            done += len(piece)
            yield TokenizerProgress("counting", min(1.0, done / total))
    return TokenizerResult(kind, vocab_size, tok.vocab_size, tokens, tok)


def prepare_and_train(
    run: Run, control: Control, corpus: Corpus | None = None, resume: bool = True, processes: int = 1
) -> Iterator[PrepareProgress | PreparedData | Event | RunStatus | Reloaded]:
    """``prepare_run`` (unless the run's data is ready) then ``engine.train``, as one stream of events.

    With ``processes`` > 1 the training runs under torchrun in that many processes (one per GPU):
    the data is prepared here first, then the job's events are followed from the run folder
    (``core.follow``), and a stop reaches every rank through the folder's stop request.

    Pause and stop are honoured during preparation too; a problem with the corpus or the
    configuration ends in ``Finished(status="failed")`` with its sentence, like the engine's.
    """
    if not (run.data_dir / META_FILE).exists():
        gen = prepare_run(run, corpus)
        try:
            while True:
                control.wait_if_paused()
                if control.stop_requested:
                    gen.close()
                    reason = "Stopped while preparing the data; nothing was trained."
                    run.write_status("stopped", step=0, message=reason)
                    yield Finished("stopped", reason, 0, None, 0.0)
                    return
                try:
                    ev = next(gen)
                except StopIteration as stop:
                    yield stop.value  # PreparedData: token counts and vocabulary
                    break
                yield ev
        except LmlabError as e:
            try:
                run.write_status("failed", step=0, message=str(e))
            except LmlabError:
                pass
            yield Finished("failed", str(e), 0, None, 0.0)
            return
    if control.stop_requested:
        yield Finished("stopped", "Stopped before training began.", 0, None, 0.0)
        return
    if processes > 1:  # torchrun in its own processes; the run folder tells us how it goes
        try:
            proc = launch_processes(run, processes)
        except LmlabError as e:
            yield Finished("failed", str(e), 0, None, 0.0)
            return
        yield from follow(run, control, process=proc, start_offset=metrics_size(run))
        return
    yield from train(run, control, resume=resume)
