"""The instruments jobs: read what a run recorded, score a typed text, find the hardest tokens.

Each yields a ``ModelStage`` before a stage and returns numpy-only results (events.py), so the
app runs them off the GUI thread (``lmlab.ui.jobs``) and draws without touching torch.
"""

from __future__ import annotations

from collections.abc import Generator

from ..dataset import load_prepared
from ..errors import LmlabError
from ..events import EvalMetrics, HardTokensResult, InstrumentsResult, ModelStage, TextLosses, event_from_dict
from ..instruments.per_token import hardest_tokens, token_losses
from ..instruments.record import load_probe_records
from ..instruments.timeline import load_prompts, load_timeline
from ..loading import ModelCache
from ..runs import Run
from .attention import _text_ids
from .generate import language_model


def vocabulary_pieces(tokenizer) -> list[str]:
    return [tokenizer.id_to_piece(i) for i in range(tokenizer.vocab_size)]


def load_instruments(run_path: str) -> Generator[ModelStage, None, InstrumentsResult]:
    """The run's probe records and sample timeline, with its validation losses by step."""
    yield ModelStage("Reading the recorded instruments…")
    run = Run(run_path)
    try:
        pieces = vocabulary_pieces(load_prepared(run.data_dir).tokenizer())
    except LmlabError:
        return InstrumentsResult(run_path, [], [], (), [], message="This run has no prepared data yet.")
    records = load_probe_records(run_path)
    timeline = load_timeline(run_path).entries
    try:
        metrics = run.read_metrics()
    except LmlabError:
        metrics = []
    val = {}
    for r in metrics:
        ev = event_from_dict(r)
        if isinstance(ev, EvalMetrics):
            val[ev.step] = ev.val_loss
    message = "" if records or timeline else "Nothing recorded yet: training records the instruments at every evaluation."
    return InstrumentsResult(run_path, records, timeline, load_prompts(run_path), pieces, val, message)


def score_text(run_path: str, step: int | None, text: str, cache: ModelCache,
               earlier_step: int | None = None) -> Generator[ModelStage, None, TextLosses]:
    """Per-token losses of ``text`` under the run's checkpoint ``step`` (None: the latest), and under
    checkpoint ``earlier_step`` too when given (for the diff)."""
    yield ModelStage("Loading the model…")
    tm = language_model(cache.get(run_path, step))
    ids, notice = _text_ids(tm, text)
    if len(ids) < 2:
        raise LmlabError("Type at least two tokens: the first one has nothing before it to be predicted from.")
    yield ModelStage("Scoring each token…")
    losses = token_losses(tm.model, ids)
    earlier = None
    if earlier_step is not None:
        yield ModelStage("Scoring each token at the earlier checkpoint…")
        earlier = token_losses(cache.get(run_path, earlier_step).model, ids)
    return TextLosses(run_path, tm.step, losses, vocabulary_pieces(tm.tokenizer), notice, earlier, earlier_step)


def find_hardest(run_path: str, step: int | None, cache: ModelCache) -> Generator[ModelStage, None, HardTokensResult]:
    """The token types the checkpoint predicts worst across (the start of) the validation set."""
    yield ModelStage("Loading the model…")
    tm = language_model(cache.get(run_path, step))
    if tm.run is None:
        raise LmlabError("This model has no validation set to search.")
    yield ModelStage("Scoring the validation set…")
    hard = hardest_tokens(tm.model, load_prepared(tm.run.data_dir).val_tokens())
    return HardTokensResult(run_path, tm.step, hard, vocabulary_pieces(tm.tokenizer))
