"""The tokenizer lab: train char / BPE / Unigram candidates on the loaded corpus and compare them.

Each candidate is trained by the Corpus panel's own job (``jobs.tokenizer.train_tokenizer_job``):
on the training part of the corpus for the run's validation share, kept in the runs folder's
tokenizer cache, its tokens counted as preparing a run counts them. So the candidate a person
then chooses is the very file a new run copies (no second training), and the lab's token count
is the run's.

    lab = compare_tokenizers(corpus, cfg.model, [512, 2048], val_fraction=0.1, cache_dir=cache)
    result = drain(lab, print)     # LabProgress while training, a CandidateReport as each is done
    for r in result.reports:
        print(r.label, r.tokens, r.bytes_per_token, r.cjk_single_share, r.embedding_share)
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from pathlib import Path

from ..config import ModelConfig
from ..corpus import Corpus, CorpusStats, iter_scan
from ..errors import ConfigError
from ..tokenizer_lab import (
    KINDS,
    SAMPLE_CHARS,
    CandidateReport,
    LabProgress,
    LabResult,
    at_shape,
    is_cjk,
    plan_candidates,
    sample_passage,
    single_token_chars,
    token_pieces,
)
from .drive import mapped, thinned
from .tokenizer import train_tokenizer_job


def compare_tokenizers(
    corpus: Corpus,
    model: ModelConfig,
    vocab_sizes: Iterable[int],
    *,
    kinds: Iterable[str] = KINDS,
    val_fraction: float = 0.1,
    unk_policy: str = "replace",
    cache_dir: Path | None = None,
    stats: CorpusStats | None = None,
    sample_chars: int = SAMPLE_CHARS,
) -> Generator[LabProgress | CandidateReport, None, LabResult]:
    """Train every candidate (characters once; each subword kind at each size) and measure it.

    Yields ``LabProgress`` while a candidate trains and its ``CandidateReport`` once it is measured;
    returns them all. Closing the generator cancels the candidate in training (the finished ones
    stay in the cache). ``model``: the shape whose parameters the embedding's share is taken of
    (its ``vocab_size`` is replaced by each candidate's).
    """
    plan = plan_candidates(kinds, vocab_sizes)
    if not 0.0 < val_fraction <= 0.5:  # as config.validate: the tokenizers train on the rest
        raise ConfigError("The validation share must be above 0 and at most 0.5.", "val_fraction")
    n = len(plan)
    # 1. The corpus once: its statistics (unless given), its UTF-8 size, its Chinese characters, a sample.
    if stats is None:
        stats = yield from mapped(thinned(iter_scan(corpus)),
                                  lambda f: LabProgress(0, n, plan[0][0], plan[0][1], "reading", f))
    corpus_bytes = sum(len(chunk.encode("utf-8", "surrogatepass")) for _, chunk in corpus.iter_chunks())
    cjk = [c for c in stats.charset if is_cjk(c)]
    sample = sample_passage(corpus.preview(4 * sample_chars), sample_chars)

    # 2. Each candidate: trained (or found in the cache) and counted by the tokenizer job, then measured.
    reports = []
    for i, (kind, vocab) in enumerate(plan):
        job = train_tokenizer_job(corpus, kind, vocab, val_fraction=val_fraction, unk_policy=unk_policy,
                                  cache_dir=cache_dir, stats=stats)
        try:
            result = yield from mapped(job, lambda p, i=i, kind=kind, vocab=vocab:
                                       LabProgress(i, n, kind, vocab, p.stage, p.fraction))
        finally:
            job.close()  # a cancelled lab stops the tokenizer's trainer too
        yield LabProgress(i, n, kind, vocab, "measuring", -1.0)
        report = at_shape(CandidateReport(
            result=result, corpus_bytes=corpus_bytes, characters=stats.characters, cjk_chars=len(cjk),
            cjk_single=single_token_chars(result.tokenizer, cjk), embedding_params=0, total_params=0,
            pieces=token_pieces(result.tokenizer, sample),
        ), model)
        reports.append(report)
        yield report
    return LabResult(tuple(reports), sample)
