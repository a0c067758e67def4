"""How lmlab writes numbers for people: the one place for counts, sizes, durations and estimates.

The CLI, the reports and every panel format through these, so one quantity reads the same
everywhere. Qt-free.
"""

from __future__ import annotations

import math


# -- counts and sizes -----------------------------------------------------------------------------


def human_count(n: float, unit: str = "") -> str:
    """1234 -> '1,234'; 1_234_567 -> '1.23 M'; 3.2e9 -> '3.20 G' (SI prefixes above 100,000)."""
    if n is None or not math.isfinite(n):
        return "–"
    a = abs(n)
    for factor, prefix in ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M")):
        if a >= factor:
            return _fmt(n / factor, prefix, unit)
    if a >= 100_000:
        return _fmt(n / 1e3, "k", unit)
    return f"{n:,.0f}{(' ' + unit) if unit else ''}"


def _fmt(v: float, prefix: str, unit: str) -> str:
    s = f"{v:.3g}" if abs(v) >= 100 else f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"
    return f"{s} {prefix}{unit}"


def human_bytes(n: float) -> str:
    """Binary units: 1536 -> '1.5 KiB'."""
    if n is None or not math.isfinite(n):
        return "–"
    for factor, name in ((1 << 40, "TiB"), (1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if n >= factor:
            v = n / factor
            return f"{v:.1f} {name}" if v < 100 else f"{v:.0f} {name}"
    return f"{n:.0f} B"


def human_duration(seconds: float) -> str:
    """45 -> '45 s'; 200 -> '3 min 20 s'; 7300 -> '2 h 1 min'."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "–"
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {(s % 3600) // 60} min"


# -- compact numbers for tables and fits ----------------------------------------------------------


def format_number(x: float | None, digits: int = 3) -> str:
    """Compact: 1.2345e18 -> '1.23e18'; 86400 -> '86.4k'; 1234567 -> '1.23M'; None -> '–'."""
    if x is None or not math.isfinite(x):
        return "–"
    a = abs(x)
    if a >= 1e13 or (0 < a < 1e-3):
        mant, exp = f"{x:.{digits - 1}e}".split("e")
        return f"{mant}e{int(exp)}"
    for div, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if a >= div:
            return f"{x / div:.{digits}g}{unit}"
    return f"{x:.{digits}g}"


def format_interval(est: float | None, low: float | None = None, high: float | None = None) -> str:
    """'1.82 (1.77–1.88)', or just the estimate when there is no interval."""
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return format_number(est)
    return f"{format_number(est)} ({format_number(low)}–{format_number(high)})"


# -- clock time ------------------------------------------------------------------------------------


def clock_time(s: float) -> str:
    """Example: 75 -> "1:15", 3725 -> "1:02:05"."""
    s = max(0, int(s))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
