"""bench/bench_sample_vs_hf.py on a real tiny run: lmlab's greedy tokens are transformers' on the exported model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests._interop import trained_run

pytest.importorskip("transformers")

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_sample_vs_hf.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_sample_vs_hf", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("tokenizer", ["char", "bpe"])
def test_both_sides_generate_the_same_greedy_tokens_and_a_speed_each(tmp_path, tokenizer, capsys):
    run = trained_run(tmp_path, tokenizer, steps=30)
    out = _bench().main(["--run", str(run.path), "--rounds", "2", "--new-tokens", "16"])
    assert out["same_tokens"] is True  # the comparison is between two computations of the same text
    assert out["new_tokens"] == 16 and out["prompt_tokens"] + 16 <= 32  # no window cut on either side
    assert len(out["ratios"]) == 2 and all(r > 0 for r in out["ratios"])
    assert out["export_max_abs_diff"] is not None and out["export_max_abs_diff"] < 1e-3
    assert '"bench": "sample_vs_hf"' in capsys.readouterr().out
