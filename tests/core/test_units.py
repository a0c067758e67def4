"""The one set of number formatters: the worked examples of lmlab.core.units."""

import math

import pytest

from lmlab.core.units import clock_time, format_interval, format_number, human_bytes, human_count, human_duration


@pytest.mark.parametrize("n, text", [(1234, "1,234"), (1_234_567, "1.23 M"), (3.2e9, "3.20 G"), (250_000, "250 k"),
                                     (math.nan, "–")])
def test_human_count(n, text):
    assert human_count(n) == text


def test_sizes_durations_and_clock_times():
    assert (human_bytes(1536), human_bytes(512), human_bytes(3 << 30)) == ("1.5 KiB", "512 B", "3.0 GiB")
    assert (human_duration(45), human_duration(200), human_duration(7300)) == ("45 s", "3 min 20 s", "2 h 1 min")
    assert (clock_time(75), clock_time(3725)) == ("1:15", "1:02:05")


def test_compact_numbers_and_intervals():
    assert (format_number(1.2345e18), format_number(86400), format_number(1234567)) == ("1.23e18", "86.4k", "1.23M")
    assert format_interval(1.82, 1.77, 1.88) == "1.82 (1.77–1.88)" and format_interval(1.82) == "1.82"
