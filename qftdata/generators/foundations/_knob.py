"""The difficulty knob inside one level's band (shared by the retrofitted QFT families; private module).

`base.knob` gives a difficulty d in [0, 1] whose quarters are the four levels. A family changes the *kind*
of problem with the level (the rubric in docs/generators.md) and scales its size inside the level with
d's position in that level's band; the framework has no such helper yet, so it lives here once.
"""

from __future__ import annotations

import random

from qftdata.generators.base import LEVEL_BANDS, scale


def band_position(d: float, level: str) -> float:
    """d's position in `level`'s band, clipped to [0, 1] (a knob value outside the band, set for a family
    that lacks the matching level, saturates at the band's edge)."""
    lo, hi = LEVEL_BANDS[level]
    return min(1.0, max(0.0, (d - lo) / (hi - lo)))


def band_scale(d: float, level: str, lo: int, hi: int) -> int:
    """An integer size in [lo, hi] growing with d inside `level`'s band."""
    return scale(band_position(d, level), lo, hi)


def band_pick(d: float, level: str, rng: random.Random, options, width: int = 1):
    """One of `options` (ordered from easy to hard), drawn with `rng` from the `width` neighbours either side
    of d's position in the band, so the knob shifts the mix continuously instead of fixing one option."""
    centre = band_scale(d, level, 0, len(options) - 1)
    return options[rng.randint(max(0, centre - width), min(len(options) - 1, centre + width))]
