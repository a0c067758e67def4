"""The memorisation check: the longest verbatim copy, against a brute force, and on a real run's text."""

from __future__ import annotations

import random

import numpy as np
import pytest

from lmlab.core.guards.memorise import CopyIndex, copy_index, suffix_array, training_text
from lmlab.core.jobs.drive import drain
from lmlab.core.jobs.memorise import copied_span
from tests.conftest import make_prepared_run


def brute_longest(text: str, sample: str) -> int:
    best = 0
    for i in range(len(sample)):
        for j in range(i + best + 1, len(sample) + 1):
            if sample[i:j] in text:
                best = j - i
            else:
                break
    return best


def codes(s: str) -> np.ndarray:
    return np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32)


@pytest.mark.parametrize("text", ["banana", "aaaaaaa", "mississippi", "床前明月光，疑是地上霜。床前", "x"])
def test_suffix_array_sorts_every_suffix(text):
    assert [text[i:] for i in suffix_array(codes(text))] == sorted(text[i:] for i in range(len(text)))


@pytest.mark.parametrize("seed", range(6))
def test_longest_copy_matches_a_brute_force(seed):
    rng = random.Random(seed)
    alphabet = "ab c" if seed % 2 else "abcdefgh "
    text = "".join(rng.choice(alphabet) for _ in range(400))
    index = CopyIndex(text)
    assert [text[i:] for i in index.sa] == sorted(text[i:] for i in range(len(text)))
    for _ in range(5):
        sample = "".join(rng.choice(alphabet + "z") for _ in range(rng.randint(0, 60)))
        span = index.longest_copy(sample)
        expected = brute_longest(text, sample)
        assert (span.length if span else 0) == expected
        if span:
            copied = sample[span.start : span.end]
            assert text[span.source : span.source + span.length] == copied


def test_a_sample_spliced_from_the_training_text_is_found_on_a_real_run(tmp_path):
    run = make_prepared_run(tmp_path)
    text = training_text(run)
    assert "Before we proceed any further" in text  # the char tokenizer decodes to the text itself
    quote = "You are all resolved rather to die than to famish?"
    sample = "ROMEO: zq " + quote + " qz"
    span = drain(copied_span(run.path, sample))
    assert sample[span.start : span.end].strip() == quote.strip() and span.length >= len(quote)
    assert copy_index(run) is copy_index(run)  # built once per prepared data
    assert drain(copied_span(run.path, "qqqq")) is None  # no q in the text at all


def test_a_training_text_too_long_to_index_is_a_sentence(tmp_path, monkeypatch):
    from lmlab.core.errors import LmlabError
    from lmlab.core.guards import memorise

    run = make_prepared_run(tmp_path)
    monkeypatch.setattr(memorise, "MAX_CHARS", 100)
    with pytest.raises(LmlabError, match="too long for the copy check"):
        drain(copied_span(run.path, "anything"))
