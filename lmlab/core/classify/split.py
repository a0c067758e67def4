"""A stratified validation split: each label keeps its share on both sides.

    >>> stratified_split(["a"] * 8 + ["b"] * 2, 0.25, seed=0)[1]    # doctest: +SKIP
    [3, 6, 9]         # two "a"s and one "b" held out (at least one per label)

With ``groups`` (the embedded default's plays) whole groups are held out, so no group is on both
sides: the validation texts come from plays the model never read.
"""

from __future__ import annotations

import random


def stratified_split(labels: list[str], val_fraction: float, seed: int,
                     groups: list[str] | None = None) -> tuple[list[int], list[int]]:
    """(train indices, validation indices), each sorted. Per label ``round(n * val_fraction)`` examples
    (or groups) are held out, at least one and never all of them."""
    rng = random.Random(seed)
    val: list[int] = []
    for label in sorted(set(labels)):
        members = [i for i, y in enumerate(labels) if y == label]
        if groups is None:
            units = [[i] for i in members]
        else:
            by_group: dict[str, list[int]] = {}
            for i in members:
                by_group.setdefault(groups[i], []).append(i)
            units = [by_group[g] for g in sorted(by_group)]
        n_val = min(len(units) - 1, max(1, round(len(units) * val_fraction)))
        for unit in rng.sample(units, n_val):
            val.extend(unit)
    held = set(val)
    return [i for i in range(len(labels)) if i not in held], sorted(val)
