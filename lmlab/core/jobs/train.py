"""Train a run: prepare its data (unless ready), then train it, as one stream of events."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

from ..config import RunConfig
from ..corpus import Corpus, load_corpus
from ..dataset import META_FILE, PreparedData
from ..distributed import DistContext
from ..engine import Control, Event, Finished, train
from ..errors import LmlabError
from ..events import PrepareProgress, RunCreated
from ..follow import Reloaded, RunStatus, follow, launch_processes, metrics_size, train_in_child
from ..pipeline import prepare_run
from ..runs import Run, RunStore
from .drive import stoppable


def prepare_and_train(
    run: Run, control: Control, corpus: Corpus | None = None, resume: bool = True, processes: int = 1,
    *, tokenizer_cache: Path | None = None, own_process: bool = False,
) -> Iterator[PrepareProgress | PreparedData | Event | RunStatus | Reloaded]:
    """``prepare_run`` (unless the run's data is ready) then ``engine.train``, as one stream of events.

    With ``processes`` > 1 the training runs under torchrun in that many processes (one per GPU):
    the data is prepared here first, then the job's events are followed from the run folder
    (``core.follow``), and a stop reaches every rank through the folder's stop request.

    Pause and stop are honoured during preparation too; a problem with the corpus or the
    configuration ends in ``Finished(status="failed")`` with its sentence, like the engine's.
    ``own_process`` (one process): train in a child process of its own (``follow.launch_child``),
    followed the same way, with Pause through the run folder: the app's choice, so that the window
    never shares a process with torch's threads (``docs/benchmarks.md``). A run asked to start afresh
    (``resume=False``) that already has a checkpoint trains here instead, since the child resumes.
    ``tokenizer_cache``: see ``prepare_run`` (default: the run's runs folder's cache).
    """
    if not (run.data_dir / META_FILE).exists():
        try:
            stopped, data = yield from stoppable(prepare_run(run, corpus, tokenizer_cache=tokenizer_cache), control)
            if stopped:
                reason = "Stopped while preparing the data; nothing was trained."
                run.write_status("stopped", step=0, message=reason)
                yield Finished("stopped", reason, 0, None, 0.0)
                return
            yield data  # PreparedData: token counts and vocabulary
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
    if processes == 1 and own_process and (resume or run.latest_checkpoint() is None):
        yield from train_in_child(run, control)  # the run folder tells us how it goes
        return
    if processes > 1:  # torchrun in its own processes; the run folder tells us how it goes
        offset = metrics_size(run)  # before the processes can write: what they write is this attempt's
        try:
            proc = launch_processes(run, processes)
        except LmlabError as e:
            yield Finished("failed", str(e), 0, None, 0.0)
            return
        yield from follow(run, control, process=proc, start_offset=offset)
        return
    yield from train(run, control, resume=resume)


def new_run(
    store: RunStore, cfg: RunConfig, name: str, dist: DistContext | None = None
) -> Generator[RunCreated | PrepareProgress, None, tuple[Run, PreparedData | None]]:
    """Create a run of ``cfg`` and prepare its data; returns (the run, its data).

    Under torchrun (``dist``) rank 0 alone creates and prepares, then tells the other ranks
    where the run is; they yield nothing and return (the run, None). A corpus that fails while
    it streams marks the run failed, with its sentence, before the error goes on.
    """
    dist = dist or DistContext()
    if not dist.is_main:
        path = dist.broadcast_str(None)
        if not path:
            raise LmlabError("Rank 0 could not prepare the run; see its message.")
        return Run(path), None
    run: Run | None = None
    try:
        corpus = load_corpus(cfg.corpus)  # check the files before a run folder exists for them
        run = store.create(cfg, name)
        yield RunCreated(str(run.path))
        data = yield from prepare_run(run, corpus)
    except BaseException as e:
        dist.broadcast_str("")
        if run is not None:  # say so in the run, not "created"
            try:
                run.write_status("failed", message=str(e))
            except LmlabError:
                pass
        raise
    dist.broadcast_str(str(run.path))
    return run, data
