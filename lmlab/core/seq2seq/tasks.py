"""Translation tasks that need no files: numbers in digits, English words and Chinese numerals; dates.

A task is a direction between two writings, e.g. ``digits->zh`` ("20345" -> "二万零三百四十五"):
the alignment is not a diagonal (万 reads the first digit, 千 the second...), which is what the
cross-attention heatmap shows once it has learned. ``dates->iso`` turns human-written dates
("Wednesday, March 3, 2021", "3rd of March 2021") into ``2021-03-03``.

Held-out items (numbers, days) are drawn first and never appear in training: exact match on them
measures the rule, not memory. As a run's corpus a task is named ``task:<direction>`` or
``task:<direction>:<pairs>`` (``task_source``, ``parse_task_source``).

Examples::

    >>> chinese_numeral(20345), english_words(1234)
    ('二万零三百四十五', 'one thousand two hundred thirty-four')
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..errors import CorpusError

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_UNITS = ("千", "百", "十", "")
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_MONTHS = ("January February March April May June July August September October November December").split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

WRITINGS = ("digits", "zh", "en")
DIRECTIONS = tuple(f"{a}->{b}" for a in WRITINGS for b in WRITINGS if a != b) + ("dates->iso",)
DEFAULT_PAIRS = 40_000  # pairs generated for a task (training and held-out together)
MAX_NUMBER = 99_999  # numbers are drawn from 0..MAX_NUMBER
TASK_PREFIX = "task:"


def _zh_section(n: int) -> str:
    """1..9999 in Chinese numerals, one 零 for each run of zeros between digits. 1010 -> 一千零一十."""
    out, gap = "", False
    for unit, d in zip(_ZH_UNITS, f"{n:04d}"):
        if d == "0":
            gap = gap or bool(out)
        else:
            out += ("零" if gap else "") + _ZH_DIGITS[int(d)] + unit
            gap = False
    return out


def chinese_numeral(n: int) -> str:
    """``n`` (0 <= n < 10^8) in Chinese numerals, as a Chinese reader writes it.

    Rules: 零 stands for a run of zeros inside the number (101 一百零一, 1010 一千零一十) and for a
    thousands place left empty after 万 (20345 二万零三百四十五); a leading 一十 is just 十 (10 十,
    11 十一, 100000 十万), elsewhere it stays (110 一百一十, 10010 一万零一十).
    """
    if not 0 <= n < 100_000_000:
        raise ValueError(f"{n} is outside 0..99,999,999")
    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    out = _zh_section(high) + "万" if high else ""
    if low:
        out += ("零" if high and low < 1000 else "") + _zh_section(low)
    return out[1:] if out.startswith("一十") else out


def _en_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        words.append(_TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else ""))
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


def english_words(n: int) -> str:
    """``n`` (0 <= n < 10^6) in English words, American style (no "and"). 1234 -> one thousand two hundred thirty-four."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"{n} is outside 0..999,999")
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [f"{_en_below_thousand(thousands)} thousand"] if thousands else []
    if rest:
        parts.append(_en_below_thousand(rest))
    return " ".join(parts)


WRITERS = {"digits": str, "zh": chinese_numeral, "en": english_words}


def _ordinal(d: int) -> str:
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suffix}"


def human_date(day: dt.date, style: int) -> str:
    """One of six ways people write a date. Example (2021-03-03): "March 3, 2021", "3 March 2021",
    "Mar 3 2021", "Wednesday, March 3, 2021", "3rd of March 2021", "03.03.2021"."""
    m = _MONTHS[day.month - 1]
    return (
        f"{m} {day.day}, {day.year}",
        f"{day.day} {m} {day.year}",
        f"{m[:3]} {day.day} {day.year}",
        f"{_WEEKDAYS[day.weekday()]}, {m} {day.day}, {day.year}",
        f"{_ordinal(day.day)} of {m} {day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
    )[style % 6]


def task_source(direction: str, pairs: int = DEFAULT_PAIRS) -> str:
    """The corpus entry naming a task. Example: ("digits->zh", 40000) -> "task:digits->zh:40000"."""
    return f"{TASK_PREFIX}{direction}:{pairs}"


def parse_task_source(entry: str) -> tuple[str, int] | None:
    """(direction, pairs) of a ``task:`` corpus entry; None for a file path; a sentence when it is wrong."""
    if not entry.startswith(TASK_PREFIX):
        return None
    direction, _, count = entry[len(TASK_PREFIX):].partition(":")
    if direction not in DIRECTIONS:
        raise CorpusError("Unknown translation task {direction!r}; choose one of {choices}.", direction=direction, choices=', '.join(DIRECTIONS))
    if count and not (count.isdigit() and 20 <= int(count) <= 1_000_000):
        raise CorpusError("The task {entry!r} asks for {count!r} pairs; give a number from 20 to 1,000,000.", entry=entry, count=count)
    return direction, int(count) if count else DEFAULT_PAIRS


def task_pairs(direction: str, pairs: int = DEFAULT_PAIRS, val_fraction: float = 0.1,
               seed: int = 0) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(training pairs, held-out pairs) of a task; no number (or day) of the held-out is in training.

    Example: ``task_pairs("digits->zh", 100)[1][0]`` is a (digits, Chinese numeral) pair such as
    ("20345", "二万零三百四十五"); the split depends on ``seed`` only.
    """
    rng = np.random.default_rng(seed)
    if direction == "dates->iso":
        first = dt.date(1950, 1, 1)
        pool = rng.permutation((dt.date(2049, 12, 31) - first).days + 1)
        styles = rng.integers(0, 6, size=len(pool))
        make = lambda k: (human_date(first + dt.timedelta(int(pool[k])), int(styles[k])),  # noqa: E731
                          (first + dt.timedelta(int(pool[k]))).isoformat())
    else:
        src, tgt = direction.split("->")
        pool = rng.permutation(MAX_NUMBER + 1)
        make = lambda k: (WRITERS[src](int(pool[k])), WRITERS[tgt](int(pool[k])))  # noqa: E731
    total = min(pairs, len(pool))
    n_val = max(1, round(total * val_fraction))
    val = [make(k) for k in range(n_val)]
    train = [make(k) for k in range(n_val, total)]
    return train, val
