"""``lmlab preflight`` and ``lmlab lr-find``: the estimate with its fixes as options, the suggested rate."""

from __future__ import annotations

import json

import pytest

from lmlab.cli import main


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_preflight_prints_the_estimate_and_each_warnings_fix_as_options(capsys, tmp_path):
    args = ["preflight", "--preset", "tiny", "--steps", "300000", "--free-memory", "0.004", "--find-batch",
            "--device", "cpu", "--runs-dir", str(tmp_path / "runs")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Pre-flight of" in out and "tokens/param" in out and "epochs" in out
    assert "warning: Training needs about" in out and "fix: Batch " in out and "--grad-accum" in out
    assert "beyond 10 passes" in out and "--steps " in out
    assert "Largest batch:" in out and "Estimated, not tried" in out
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").glob("*/config.json"))


def test_preflight_json_measures_and_lr_find_suggests_a_rate(capsys, tmp_path):
    assert main(["preflight", "--preset", "tiny", "--steps", "100", "--device", "cpu", "--json"]) == 0
    (est,) = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"preflight"' in line]
    assert est["seconds"] > 0 and est["measurement"]["steps"] >= 3 and est["warnings"] == []
    assert main(["lr-find", "--preset", "tiny", "--test-steps", "60", "--device", "cpu"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Suggested learning rate: ") and "--lr " in out
