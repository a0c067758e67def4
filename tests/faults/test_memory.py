"""Preparing a large corpus keeps memory bounded (text streams through in chunks).

The real 1 GB case is ``bench/bench_prepare_memory.py`` (figures in docs/reliability.md);
here the same script prepares 200 MB in a child process, whose peak RSS is its own.
An out-of-memory error inside the training engine is covered by
``tests/core/test_engine.py::test_out_of_memory_becomes_a_message``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

resource = pytest.importorskip("resource")  # POSIX only


def test_preparing_200_mb_grows_peak_memory_far_less_than_the_file(tmp_path):
    out = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_prepare_memory.py"), "--mb", "200", "--json",
         "--dir", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert r["file_mb"] >= 200 and r["tokens"] > 150_000_000
    # Holding the text whole would take 4 bytes per character (it is not all ASCII): ~800 MB.
    assert r["growth_mb"] < 300, r
