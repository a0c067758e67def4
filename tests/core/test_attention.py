"""Attention maps, head scores, snapshots and exports (lmlab.core.attention)."""

from __future__ import annotations

import csv
import doctest
import json
import os

import numpy as np
import pytest
import torch

from lmlab.core import attention as A
from lmlab.core import attention_display as D
from lmlab.core import attention_files as F
from lmlab.core.config import ModelConfig
from lmlab.core.model import GPT


@pytest.fixture(scope="module")
def tiny_model() -> GPT:
    torch.manual_seed(0)
    model = GPT(ModelConfig(n_layer=2, n_head=2, n_embd=32, block_size=32, vocab_size=40))
    # Bigger weights than the GPT-2 init, so attention is far from uniform.
    with torch.no_grad():
        for blk in model.blocks:
            blk.attn.qkv.weight.normal_(0, 0.3)
    return model


@pytest.mark.parametrize("module", [A, D])
def test_doctests(module):
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0


# -- maps ----------------------------------------------------------------------


def test_maps_shape_rows_sum_to_one_and_causal(tiny_model):
    ids = list(range(20))
    maps = A.attention_maps(tiny_model, ids)
    assert maps.shape == (2, 2, 20, 20) and maps.dtype == np.float32
    np.testing.assert_allclose(maps.sum(-1), 1.0, atol=1e-5)
    assert np.all(maps[..., D.future_mask(20)] == 0)  # nothing above the diagonal
    assert maps[..., 0, 0] == pytest.approx(1.0)
    assert maps.std() > 0.05  # not trivially uniform


def test_maps_accept_tensors_and_crop_to_context(tiny_model):
    ids = torch.arange(50) % 40
    maps = A.attention_maps(tiny_model, ids[None])
    assert maps.shape == (2, 2, 32, 32)
    np.testing.assert_allclose(maps, A.attention_maps(tiny_model, ids[-32:].tolist()), atol=1e-6)
    with pytest.raises(ValueError):
        A.attention_maps(tiny_model, [])


def test_training_flag_is_restored_and_no_grad_state_leaks(tiny_model):
    tiny_model.train()
    A.attention_maps(tiny_model, [1, 2, 3])
    assert tiny_model.training
    tiny_model.eval()
    A.head_scores(tiny_model, [1, 2, 3, 4], seq_len=4, n_seqs=2)
    assert not tiny_model.training
    tiny_model.train()


def test_inspect_path_logits_match_fused_path(tiny_model):
    idx = torch.randint(0, 40, (3, 32), generator=torch.Generator().manual_seed(1))
    tiny_model.eval()
    with torch.no_grad():
        fused, _ = tiny_model(idx)
        inspect, _, atts = tiny_model(idx, return_attention=True)
    torch.testing.assert_close(inspect, fused, atol=1e-5, rtol=1e-5)
    assert len(atts) == 2 and atts[0].shape == (3, 2, 32, 32)


def test_average_heads_and_grid():
    maps = np.random.default_rng(0).random((3, 2, 4, 4)).astype(np.float32)
    assert D.average_heads(maps).shape == (3, 4, 4)
    grid = D.layer_head_grid(maps, gap=1)
    assert grid.shape == (3 * 5 - 1, 2 * 5 - 1)
    assert np.isnan(grid[4, 0]) and np.isnan(grid[0, 4])
    for row, col in [(0, 0), (6, 7), (13, 8)]:
        l, h, q, k = D.grid_cell_at(row, col, T=4)
        assert grid[row, col] == maps[l, h, q, k]
    assert D.grid_cell_at(4, 0, T=4) is None


def test_log_color_scale_is_monotone_and_bounded():
    x = np.array([0, 1e-6, 1e-3, 1e-2, 0.5, 1.0])
    y = D.log_color_scale(x, floor=1e-4)
    assert y.min() == 0 and y.max() == 1 and np.all(np.diff(y) >= 0)


# -- head scores on hand-built patterns -------------------------------------------


def _pattern(T: int, kind: str) -> np.ndarray:
    m = np.zeros((T, T))
    m[0, 0] = 1
    for i in range(1, T):
        if kind == "previous":
            m[i, i - 1] = 1
        elif kind == "sink":
            m[i, 0] = 1
        elif kind == "diagonal":
            m[i, i] = 1
    return m


def test_previous_token_pattern():
    m = _pattern(32, "previous")
    assert A.previous_token_score(m) == pytest.approx(1.0)
    assert A.first_token_score(m) == pytest.approx(1 / 31)  # only query 1, whose previous token is token 0


def test_sink_pattern():
    m = _pattern(32, "sink")
    assert A.first_token_score(m) == pytest.approx(1.0)
    assert A.previous_token_score(m) == pytest.approx(1 / 31)


def test_scores_keep_layer_head_axes():
    maps = np.stack([np.stack([_pattern(8, "previous"), _pattern(8, "sink"), _pattern(8, "diagonal")])] * 2)
    assert maps.shape == (2, 3, 8, 8)
    prev = A.previous_token_score(maps)
    first = A.first_token_score(maps)
    assert prev.shape == first.shape == (2, 3)
    assert prev[:, 0] == pytest.approx([1, 1]) and first[:, 1] == pytest.approx([1, 1])
    assert prev[:, 2] == pytest.approx([0, 0]) and first[:, 2] == pytest.approx([0, 0])


def _induction_pattern(n: int) -> np.ndarray:
    """A head on [r; r] that attends to the token after the previous occurrence in the second copy."""
    T = 2 * n
    m = np.zeros((T, T))
    m[np.arange(n), np.arange(n)] = 1  # first copy: nothing to look back to, attend to self
    m[np.arange(n, T), np.arange(1, n + 1)] = 1
    return m


def test_induction_pattern_scores_one_and_others_zero():
    n = 10
    maps = np.stack([np.stack([_induction_pattern(n), _pattern(2 * n, "previous"), _pattern(2 * n, "sink")])])
    score = A.induction_score_from_maps(maps, n)
    assert score.shape == (1, 3)
    assert score[0] == pytest.approx([1.0, 0.0, 0.0])
    # Leading batch axes are averaged.
    batched = np.stack([maps, maps * 0])
    assert A.induction_score_from_maps(batched, n)[0, 0] == pytest.approx(0.5)
    with pytest.raises(ValueError):
        A.induction_score_from_maps(maps, n + 1)


def test_repeated_random_tokens_have_distinct_tokens_per_copy():
    x = A.repeated_random_tokens(4, 20, 50, seed=3)
    assert x.shape == (4, 40) and (x[:, :20] == x[:, 20:]).all()
    assert all(len(set(row[:20].tolist())) == 20 for row in x)
    np.testing.assert_array_equal(x, A.repeated_random_tokens(4, 20, 50, seed=3))
    y = A.repeated_random_tokens(2, 30, 10, seed=0)  # longer than the vocabulary: repeats allowed
    assert y.max() < 10 and (y[:, :30] == y[:, 30:]).all()


def test_model_scores_shapes_and_ranges(tiny_model):
    scores = A.head_scores(tiny_model, seq_len=8, n_seqs=4)
    assert set(scores) == set(A.SCORE_NAMES) == set(A.SCORE_EXPLANATIONS)
    for name, s in scores.items():
        assert s.shape == (2, 2) and s.dtype == np.float32, name
        assert np.all((s >= 0) & (s <= 1)), name
    ind = A.induction_score(tiny_model, seq_len=8, n_seqs=4, seed=5)
    np.testing.assert_allclose(ind, A.induction_score(tiny_model, seq_len=8, n_seqs=4, seed=5))
    with pytest.raises(ValueError):
        A.induction_score(tiny_model, seq_len=17)
    on_probe = A.head_scores(tiny_model, [3, 1, 4, 1, 5, 9, 2, 6], seq_len=8, n_seqs=2)
    maps = A.attention_maps(tiny_model, [3, 1, 4, 1, 5, 9, 2, 6])
    np.testing.assert_allclose(on_probe["previous_token"], A.previous_token_score(maps), atol=1e-6)


def test_top_heads():
    s = np.array([[0.1, 0.7], [0.9, 0.2]])
    assert A.top_heads(s, k=2) == [(1, 0, 0.9), (0, 1, 0.7)]


def test_explanations_are_short_sentences():
    for text in A.SCORE_EXPLANATIONS.values():
        assert 20 < len(text) < 300 and text.endswith(".")


# -- probe ---------------------------------------------------------------------


class _CharTok:
    """Minimal char tokenizer with the protocol's methods (no dependency on tokenizers.py)."""

    def __init__(self, chars: str):
        self.chars = sorted(set(chars))
        self.stoi = {c: i for i, c in enumerate(self.chars)}

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        return [self.stoi[c] for c in text]

    def unknown_chars(self, text: str) -> list[str]:
        return [c for c in dict.fromkeys(text) if c not in self.stoi]

    def id_to_piece(self, i: int) -> str:
        return self.chars[i]


def test_default_probe_ids():
    tok = _CharTok(A.DEFAULT_PROBE_TEXT)
    ids = A.default_probe_ids(tok)
    assert len(ids) == 64 and "".join(tok.chars[i] for i in ids) == A.DEFAULT_PROBE_TEXT[:64]
    assert A.default_probe_ids(tok, text="the cat", length=64) == tok.encode("the cat")
    assert len(A.default_probe_ids(tok, length=10)) == 10
    # Characters the tokenizer never saw are left out; nothing usable at all -> first ids.
    zh = _CharTok("天地玄黄")
    assert A.default_probe_ids(zh, text="天地 hello 玄黄") == zh.encode("天地玄黄")
    assert A.default_probe_ids(zh) == [0, 1, 2, 3]


# -- snapshots -------------------------------------------------------------------


def test_record_and_load_snapshots_in_order(tiny_model, tmp_path):
    probe = list(range(16))
    F.save_probe(tmp_path, probe, [f"t{i}" for i in probe])
    tiny_model.train()
    for step in (500, 0, 250):
        snap = A.record_snapshot(tiny_model, probe, tmp_path, step)
        assert snap.step == step and snap.maps.shape == (2, 2, 16, 16)
    assert tiny_model.training
    snaps = F.load_snapshots(tmp_path)
    assert [s.step for s in snaps] == [0, 250, 500]
    s = snaps[0]
    assert s.maps.dtype == np.float16 and s.maps.shape == (2, 2, 16, 16)
    assert set(s.scores) == set(A.SCORE_NAMES) and s.scores["induction"].shape == (2, 2)
    np.testing.assert_allclose(s.maps.astype(np.float32).sum(-1), 1.0, atol=1e-2)
    probe_json = F.load_probe(tmp_path)
    assert probe_json["ids"] == probe and probe_json["tokens"][3] == "t3"
    steps, hist = F.score_history(snaps, "induction")
    assert steps.tolist() == [0, 250, 500] and hist.shape == (3, 2, 2)
    assert not [n for n in os.listdir(tmp_path / "attention") if ".tmp" in n]


def test_record_snapshot_writes_probe_when_missing(tiny_model, tmp_path):
    A.record_snapshot(tiny_model, [5, 6, 7], tmp_path, 1, tokens=["你", "好", ","])
    data = json.loads((tmp_path / "attention" / "probe.json").read_text(encoding="utf-8"))
    assert data["ids"] == [5, 6, 7] and data["text"] == "你好,"


def test_corrupt_and_foreign_files_are_skipped(tmp_path):
    maps = np.full((1, 1, 3, 3), 1 / 3, dtype=np.float32)
    scores = {"induction": np.zeros((1, 1))}
    for step in (10, 20, 30):
        F.save_snapshot(tmp_path, step, maps, scores)
    d = tmp_path / "attention"
    raw = (d / "step_000000020.npz").read_bytes()
    (d / "step_000000020.npz").write_bytes(raw[: len(raw) // 2])  # torn write
    (d / "step_000000040.npz").write_bytes(b"not a zip file")
    (d / "step_000000050.npz").write_bytes(b"")
    np.savez(d / "step_000000060.npz", other=np.zeros(2))  # a zip without our arrays
    np.savez(d / "step_000000070.npz", step=np.array(70), maps=np.array([{"a": 1}], dtype=object))  # pickled
    (d / "notes.txt").write_text("hello")
    assert [s.step for s in F.load_snapshots(tmp_path)] == [10, 30]
    assert F.load_snapshots(tmp_path / "missing") == []


def test_load_probe_missing_or_corrupt(tmp_path):
    assert F.load_probe(tmp_path) is None
    (tmp_path / "attention").mkdir()
    (tmp_path / "attention" / "probe.json").write_text("{oops", encoding="utf-8")
    assert F.load_probe(tmp_path) is None


# -- exports ---------------------------------------------------------------------


def test_save_map_npy_roundtrip(tmp_path):
    arr = np.random.default_rng(0).random((2, 3, 5, 5)).astype(np.float32)
    path = F.save_map_npy(tmp_path / "maps.npy", arr)
    np.testing.assert_array_equal(np.load(path, allow_pickle=False), arr)


def test_save_map_csv_quotes_any_label(tmp_path):
    labels = ["你", 'say "hi"', "a,b", "\n"]
    arr = np.tril(np.ones((4, 4))) / np.arange(1, 5)[:, None]
    path = F.save_map_csv(tmp_path / "map.csv", arr, labels, labels)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # plain UTF-8, no BOM
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][1:] == labels and [r[0] for r in rows[1:]] == labels
    np.testing.assert_allclose(np.array([[float(v) for v in r[1:]] for r in rows[1:]]), arr, rtol=1e-5)
    with pytest.raises(ValueError):
        F.save_map_csv(tmp_path / "bad.csv", arr, labels[:3], labels)
    with pytest.raises(ValueError):
        F.save_map_csv(tmp_path / "bad.csv", arr[None], labels, labels)
