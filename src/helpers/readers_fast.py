"""Read the common complete mention that one pattern matched whole: Arabic digits and a Chinese
unit between ideographs (117款, 超过400个, 47%, 2.5亿元 is not one: 亿 is a scale).

``patterns_zh.CORE_DIGIT`` matches it (group ``fz``) only where the full reader,
``readers_quantity.read_quantity``, could do nothing else but read the number and its unit; so
this reader does the little that is left: the value, the unit's kind and currency, a hedge
written before (超过, 约) and the model names whose version tags are not numbers.
"""

from __future__ import annotations

import re

from helpers.numerals_zh import make_decimal
from helpers.patterns_zh import CURRENCY, UNIT_KIND, YUAN_OF
from helpers.readers_zh import HEDGE_OR_CURRENCY_LAST, take_prefix_hedge
from helpers.reading import Reading


def read_fast(t: str, m: re.Match[str], lexicon) -> Reading | None:
    """Return the reading of a ``fz`` match of ``patterns_zh.CORE_DIGIT`` (None after a model)."""
    start = m.start()
    if lexicon is not None and lexicon.is_after_model(t, start):
        return None  # 文心一言4个 …: the version tag of a model name
    unit = m.group("fzu")
    kind = UNIT_KIND[unit]
    currency = CURRENCY.get(unit)
    if unit == "元":
        for prefix, code in YUAN_OF.items():
            if t.endswith(prefix, max(0, start - len(prefix) - 1), start):
                currency = code
    hedge = None
    if start and t[start - 1] in HEDGE_OR_CURRENCY_LAST:
        start, hedge = take_prefix_hedge(t, start, kind)
    return Reading(start, m.end(), make_decimal(m.group("fzn")), None, unit, currency, kind, hedge)
