"""What an encoder-decoder run measures at each evaluation, besides the losses (``core.model_kinds``).

``evaluate`` translates the fixed validation sample (``data/val_sample.jsonl``) greedily and returns
BLEU and chrF (``sacrebleu``; ``bleu_tokenizer`` picks "zh", "char" or "13a") and the
exact-match share; the engine records them in ``EvalMetrics.extra`` so they reach ``metrics.jsonl``
and the live plots. The translations themselves go to ``translations.jsonl`` in the run folder (one
line per evaluation), and the probe pair's attention to ``attention/seq2seq/`` (``snapshots``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from ..runs import atomic_write_bytes
from .decode import greedy_batch
from .snapshots import record_seq2seq_snapshot
from .vocab import PairVocabulary

TRANSLATIONS_FILE = "translations.jsonl"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CHUNK = 100  # sources decoded together


def bleu_tokenizer(references: Sequence[str]) -> str:
    """sacrebleu's tokenizer for these references: "zh" for Chinese; "char" when no reference has a space
    (digits, ISO dates: one word each, where word 4-grams would not exist); else "13a" (its default)."""
    if any(_CJK.search(r) for r in references):
        return "zh"
    return "13a" if any(" " in r for r in references) else "char"


def translation_scores(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """{"bleu", "chrf", "exact"} of hypotheses against one reference each (BLEU and chrF in 0..100,
    exact in 0..1). Example: (["一百零一"], ["一百零一"]) -> bleu 100.0, chrf 100.0, exact 1.0."""
    import sacrebleu

    refs = [list(references)]
    bleu = sacrebleu.corpus_bleu(list(hypotheses), refs, tokenize=bleu_tokenizer(references))
    chrf = sacrebleu.corpus_chrf(list(hypotheses), refs)
    exact = sum(h == r for h, r in zip(hypotheses, references)) / max(1, len(references))
    return {"bleu": float(bleu.score), "chrf": float(chrf.score), "exact": float(exact)}


def translate_texts(model, vocab: PairVocabulary, sources: Sequence[str]) -> list[str]:
    """Greedy translations of ``sources`` (texts), decoded ``_CHUNK`` at a time."""
    out: list[str] = []
    for i in range(0, len(sources), _CHUNK):
        ids = [vocab.source.encode(s)[: model.cfg.block_size] for s in sources[i:i + _CHUNK]]
        out.extend(vocab.target.decode(h) for h in greedy_batch(model, ids))
    return out


def write_translations(run_path: str | Path, step: int, scores: dict, items: list[dict]) -> None:
    """Replace the line of ``step`` and any later one (a resumed run) in ``translations.jsonl``, atomically."""
    path = Path(run_path) / TRANSLATIONS_FILE
    kept = [line for line in read_translations(run_path) if line["step"] < step]
    kept.append({"step": step, **scores, "items": items})
    atomic_write_bytes(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept).encode("utf-8"))


def read_translations(run_path: str | Path) -> list[dict]:
    """Every evaluation's decoded sample: [{"step", "bleu", "chrf", "exact", "items": [{source, reference,
    output}]}], oldest first; [] when there is none yet (a damaged line is skipped)."""
    try:
        lines = (Path(run_path) / TRANSLATIONS_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict) and isinstance(rec.get("step"), int):
            out.append(rec)
    return out


def evaluate(model, data, cfg, run_path, step) -> dict[str, float]:
    """The engine's evaluation hook for "encdec" runs: scores of the validation sample's translations."""
    vocab = data.vocabulary()
    sample = data.val_sample()
    sources = [s for s, _ in sample]
    references = [r for _, r in sample]
    outputs = translate_texts(model, vocab, sources)
    scores = translation_scores(outputs, references)
    items = [{"source": s, "reference": r, "output": o} for s, r, o in zip(sources, references, outputs)]
    write_translations(run_path, step, scores, items)
    if cfg.train.attention_snapshots and sample:
        record_seq2seq_snapshot(model, vocab, sample[0][0], sample[0][1], run_path, step)
    return scores
