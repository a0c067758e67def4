"""A hang must fail, not freeze the suite: ``no_hang`` ends the process (with every thread's
traceback on stderr) if a test runs past its limit. For tests whose failure mode is blocking
forever (a named pipe opened for reading, /dev/zero read to its end)."""

from __future__ import annotations

import faulthandler

import pytest

HANG_LIMIT_S = 120


@pytest.fixture
def no_hang():
    faulthandler.dump_traceback_later(HANG_LIMIT_S, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
