"""What a failing ``lmlab`` command must print: one ``error:`` line, last, and no traceback."""

from __future__ import annotations


def assert_one_error_line(err: str, words: str) -> None:
    """``err`` (stderr) ends in exactly one line starting ``error:`` that holds ``words``.

    Progress lines before it are fine (``lmlab prepare`` prints them to stderr).
    """
    lines = err.strip().splitlines()
    assert "Traceback" not in err, err
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1 and lines[-1] == errors[0], err
    assert words in errors[0], err
