"""The attention jobs: where a trained model looks, computed off the GUI thread.

``compute_attention(request, cache)`` loads the run's model at a checkpoint (through the shared
``ModelCache``, so changing the text does not reload it), turns the text, or a slice of the
validation tokens, into token ids, and returns an ``AttentionResult`` holding numpy arrays only:
every layer's and head's map and the head scores. ``load_history(run_path)`` reads the attention
snapshots the engine recorded at each evaluation. Both yield a ``ModelStage`` before each stage,
where a runner can stop them when a newer request supersedes them.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence

import numpy as np

from ..attention import SCORE_NAMES, attention_maps, head_scores
from ..attention_display import display_token
from ..attention_files import load_probe, load_snapshots
from ..dataset import load_prepared
from ..errors import LmlabError, user_text
from ..events import AttentionRequest, AttentionResult, HistoryResult, ModelStage
from ..loading import ModelCache, TrainedModel
from ..tokenizers import CharTokenizer


def _text_ids(tm: TrainedModel, text: str) -> tuple[list[int], str]:
    """Token ids of typed text, cropped to the context, and a sentence about what was changed."""
    tok = tm.tokenizer
    notes = []
    unknown = tok.unknown_chars(text) if isinstance(tok, CharTokenizer) else []  # subword tokenizers know every text
    if unknown:
        shown = " ".join(display_token(c) for c in unknown[:8]) + (" …" if len(unknown) > 8 else "")
        if tok.unk_policy == "replace":
            notes.append(f"Characters this model never saw are shown as �: {shown}")
        else:
            bad = set(unknown)
            text = "".join(c for c in text if c not in bad)
            notes.append(f"Left out characters this model never saw: {shown}")
    ids = list(tok.encode(text))
    T = tm.config.model.block_size
    if len(ids) > T:
        notes.append(f"Only the first {T} of {len(ids)} tokens fit in this model's context.")
        ids = ids[:T]
    return ids, " ".join(notes)


def _validation_ids(tm: TrainedModel, offset: int, length: int) -> tuple[list[int], int]:
    """``length`` validation tokens from ``offset`` (wrapped), and the offset used."""
    if tm.run is None:
        raise LmlabError("This model was opened from a Hugging Face folder and has no validation set; type a text.")
    val = load_prepared(tm.run.data_dir).val_tokens()
    n = len(val)
    if n == 0:
        raise LmlabError("This run has no validation tokens to take a text from; type one instead.")
    length = max(1, min(int(length), tm.config.model.block_size, n))
    start = int(offset) % (n - length + 1)
    return [int(i) for i in val[start : start + length]], start


def analyse(tm: TrainedModel, ids: Sequence[int]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Maps (L, H, T, T) float32 and head scores (L, H) of ``ids`` for a loaded model."""
    maps = attention_maps(tm.model, ids).astype(np.float32, copy=False)
    scores = head_scores(tm.model, maps=maps)
    return maps, {name: np.asarray(scores[name], dtype=np.float32) for name in SCORE_NAMES}


def compute_attention(request: AttentionRequest, cache: ModelCache) -> Generator[ModelStage, None, AttentionResult]:
    """Load, tokenise, compute: yields a sentence before each stage, returns an ``AttentionResult``."""
    yield ModelStage(user_text("Loading the model…"))
    tm = cache.get(request.run_path, request.step).self_attention_model(user_text("This attention view"))
    yield ModelStage(user_text("Reading the text…"))
    offset = 0
    if request.text is None:
        ids, offset = _validation_ids(tm, request.val_offset, request.length)
        notice = ""
    else:
        ids, notice = _text_ids(tm, request.text)
    if not ids:
        raise LmlabError("The text is empty; type something or take a text from the validation set.")
    pieces = [tm.tokenizer.id_to_piece(i) for i in ids]
    text = tm.tokenizer.decode(ids) if request.text is None else request.text
    yield ModelStage(user_text("Computing attention…"))
    maps, scores = analyse(tm, ids)
    if maps.shape[-1] == len(ids) + 1:  # an encoder's [CLS] position comes first (core.classify.models)
        pieces = ["[CLS]", *pieces]
    return AttentionResult(request, tm.step, np.asarray(ids, dtype=np.int64), pieces, text, maps, scores,
                           notice, offset)


def load_history(run_path: str) -> Generator[ModelStage, None, HistoryResult]:
    """The run's snapshots, keeping those of the probe's length (a resumed run may have changed it)."""
    yield ModelStage(user_text("Reading attention snapshots…"))
    snaps = load_snapshots(run_path)
    probe = load_probe(run_path) or {}
    pieces = [str(p) for p in probe.get("tokens") or []]
    if not snaps:
        return HistoryResult(run_path, np.zeros(0, dtype=np.int64), [], {}, pieces,
                             "No attention snapshots yet: training records one at every evaluation.")
    T = len(pieces) if pieces else snaps[-1].maps.shape[-1]
    shape = next((s.maps.shape for s in reversed(snaps) if s.maps.shape[-1] == T), snaps[-1].maps.shape)
    snaps = [s for s in snaps if s.maps.shape == shape]
    if len(pieces) != shape[-1]:
        pieces = [f"#{i}" for i in range(shape[-1])]
    names = [n for n in SCORE_NAMES if all(n in s.scores for s in snaps)]
    scores = {n: np.stack([np.asarray(s.scores[n], dtype=np.float32) for s in snaps]) for n in names}
    steps = np.array([s.step for s in snaps], dtype=np.int64)
    return HistoryResult(run_path, steps, [s.maps for s in snaps], scores, pieces)
