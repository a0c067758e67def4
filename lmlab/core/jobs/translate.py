"""The translation jobs: create and prepare a translation run, translate a text, show its attention.

Generator functions like every job (``core.jobs``): the command line prints them (``lmlab translate``),
the app's controllers run them on the job runner, tests call them directly.

* ``new_translation_run(store, cfg, source, name)``: a run of the encoder-decoder kind (``arch``
  "encdec") whose corpus is ``source`` (an embedded task such as ``task:digits->zh``, a TSV or JSONL
  file, or two aligned files); yields ``RunCreated`` and ``PrepareProgress``, returns (run, data).
  The run then trains like any other: ``jobs.train.prepare_and_train`` or the run queue, which also
  prepare a queued translation run themselves (``pipeline.prepare_run`` asks the kind).
* ``scan_pairs(source, data_cfg, block_size)``: the statistics of each side (pairs, characters, tokens,
  length percentiles) and a preview, checked and tokenised as a run would, without creating one.
* ``translate(run_path, text, beam=1, step=None)``: yields ``TranslatedToken`` as they are chosen
  (greedy: one by one; beam search: the best translation's tokens once the search ends), returns a
  ``Translation``.
* ``attention_maps(run_path, text, step=None, target=None)``: the encoder, decoder and cross-attention
  maps of (text, its translation or ``target``), with token labels (``seq2seq.snapshots.PairMaps``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Generator, Sequence
from pathlib import Path

from ..config import DataConfig, ModelConfig, RunConfig, TrainConfig
from ..errors import LmlabError, user_text
from ..events import ModelStage, PrepareProgress, RunCreated
from ..loading import ModelCache, TrainedModel
from ..pipeline import prepare_run
from ..runs import Run, RunStore
from ..seq2seq.data import ParallelData, load_source, prepare_parallel
from ..seq2seq.decode import beam_search, stream_greedy
from ..seq2seq.events import PairScan, TranslatedToken, Translation
from ..seq2seq.snapshots import PairMaps, pair_maps
from ..seq2seq.tasks import task_source
from ..seq2seq.vocab import PairVocabulary, load_vocabulary

ARCH = "encdec"


def translation_config() -> RunConfig:
    """The starting point of a translation run: 2 + 2 layers of width 128, a character vocabulary.

    On the digits -> Chinese numerals task it passes 95 % exact match on held-out numbers within a
    few hundred steps on a laptop CPU (docs/benchmarks.md, bench/bench_translate.py). The context
    (64 tokens per side) fits the embedded tasks' longest sentences; batches are cut to their longest
    pair, so a larger context costs nothing but the position tables.
    """
    return RunConfig(
        corpus=(task_source("digits->zh"),),
        model=ModelConfig(arch=ARCH, n_layer=2, n_head=4, n_embd=128, block_size=64),
        data=DataConfig(tokenizer="char", val_fraction=0.1),
        train=TrainConfig(batch_size=64, max_steps=1000, eval_every=100, log_every=25, learning_rate=2e-3,
                          min_lr=2e-4, warmup_steps=100, weight_decay=0.0, eval_batches=4, checkpoint_every=500),
    )


def new_translation_run(
    store: RunStore, cfg: RunConfig, source: Sequence[str] | str, name: str,
) -> Generator[RunCreated | PrepareProgress, None, tuple[Run, ParallelData]]:
    """Create an encoder-decoder run of ``cfg`` on ``source`` and prepare its data; returns (run, data).

    ``source``: ``"task:digits->zh"`` (``seq2seq.tasks``), or one TSV/JSONL file, or two aligned files.
    A source that cannot be read fails before a run folder exists; one that fails while preparing
    marks the run failed with its sentence.
    """
    sources = (source,) if isinstance(source, str) else tuple(str(s) for s in source)
    cfg = cfg.with_changes(corpus=sources, model={"arch": ARCH})
    load_source(sources, cfg.data.val_fraction, cfg.train.seed)  # a bad file fails before its run folder exists
    run = store.create(cfg, name)
    yield RunCreated(str(run.path))
    try:
        data = yield from prepare_run(run)
    except BaseException as e:
        try:
            run.write_status("failed", message=str(e))
        except LmlabError:
            pass
        raise
    return run, data


def scan_pairs(source: Sequence[str] | str, data: DataConfig = DataConfig(), block_size: int = 64, seed: int = 1337,
               preview: int = 20) -> Generator[PrepareProgress, None, PairScan]:
    """Read, check and tokenise ``source`` as a run would (in a temporary folder), without creating a run:
    the statistics of each side and a preview, for the Corpus panel; a bad file raises its sentence."""
    sources = (source,) if isinstance(source, str) else tuple(str(s) for s in source)
    with tempfile.TemporaryDirectory(prefix="lmlab-pairs-") as tmp:
        prepared = yield from prepare_parallel(sources, tmp, tokenizer=data.tokenizer, vocab_size=data.vocab_size,
                                               val_fraction=data.val_fraction, block_size=block_size, seed=seed,
                                               shared_vocab=data.shared_vocab)
        train, val, label = load_source(sources, data.val_fraction, seed)
        meta = prepared.meta
    return PairScan(label, meta["stats"], meta["vocab_size"], meta["vocabulary"] == "shared",
                    tuple((p.source, p.target) for p in train[:preview]))


_CACHE = ModelCache(capacity=2)  # for callers that bring no cache of their own (the command line)


def _load(run_path: str | Path, step: int | None, cache: ModelCache | None) -> Generator[ModelStage, None, TrainedModel]:
    yield ModelStage(user_text("Loading the model…"))
    tm = (cache or _CACHE).get(run_path, step)
    if tm.config.model.arch != ARCH:
        raise LmlabError("The run {name} is a {arch} model, not a translator; choose an encoder-decoder run.",
                         name=Path(run_path).name, arch=tm.config.model.arch)
    return tm


def _vocabulary(tm: TrainedModel) -> PairVocabulary:
    return load_vocabulary(tm.run.data_dir)


def _source_ids(tm: TrainedModel, vocab: PairVocabulary, text: str) -> list[int]:
    if not text.strip():
        raise LmlabError("The text to translate is empty.")
    unknown = vocab.source.unknown_chars(text)
    if unknown:
        raise LmlabError("The model has never seen {chars!r}; it cannot read this text.", chars="".join(unknown[:5]))
    ids = vocab.source.encode(text)
    block = tm.config.model.block_size
    if len(ids) > block:
        raise LmlabError("The text has {n} tokens, more than the model's context of {block}.", n=len(ids), block=block)
    return ids


def translate(run_path: str | Path, text: str, beam: int = 1, step: int | None = None,
              cache: ModelCache | None = None, length_penalty: float = 1.0,
              ) -> Generator[ModelStage | TranslatedToken, None, Translation]:
    """Translate ``text`` with the run's checkpoint at ``step`` (None: the latest), streaming its tokens."""
    if beam < 1:
        raise LmlabError("The beam width must be at least 1.")
    tm = yield from _load(run_path, step, cache)
    vocab = _vocabulary(tm)
    src = _source_ids(tm, vocab, text)
    model, tok = tm.model, vocab.target
    out: list[TranslatedToken] = []
    if beam == 1:
        steps = stream_greedy(model, src)
    else:
        yield ModelStage(user_text("Searching {beam} beams…", beam=beam))
        best = beam_search(model, src, beam=beam, length_penalty=length_penalty)[0]
        steps = iter(zip(best.ids, best.probs))
    for i, p in steps:
        t = TranslatedToken(int(i), tok.id_to_piece(int(i)), float(p))
        out.append(t)
        yield t
    finished = len(out) < model.cfg.block_size
    return Translation(text, tok.decode([t.id for t in out]), tuple(out), beam, tm.step, finished)


def attention_maps(run_path: str | Path, text: str, step: int | None = None, target: str | None = None,
                   cache: ModelCache | None = None) -> Generator[ModelStage, None, PairMaps]:
    """Encoder, decoder and cross-attention of ``text`` and ``target`` (None: the model's own greedy
    translation), with source and target token labels."""
    tm = yield from _load(run_path, step, cache)
    vocab = _vocabulary(tm)
    src = _source_ids(tm, vocab, text)
    if target is None:
        yield ModelStage("Translating…")
        target = vocab.target.decode([i for i, _ in stream_greedy(tm.model, src)])
    yield ModelStage("Computing attention…")
    return pair_maps(tm.model, vocab, text, target, tm.step)
