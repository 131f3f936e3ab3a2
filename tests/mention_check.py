"""Shared checks for the extractor's case tests: find one mention by its surface, compare fields."""

from decimal import Decimal

from helpers.numbers import Mention, find_mentions


def find_one(text: str, surface: str, occurrence: int = 0) -> Mention:
    """Return the mention whose surface is ``surface`` at its n-th place in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    found = [m for m in find_mentions(text, "t") if m.start == start]
    assert found, f"no mention at {start} ({surface}) in {find_mentions(text)!r}"
    m = found[0]
    assert (m.end, m.surface) == (start + len(surface), surface)
    assert text[m.start : m.end] == m.surface
    return m


def check(m: Mention, value, kind, unit=None, approx=None, high=None, currency=None) -> None:
    """Assert the value (numerically), high, kind, unit, hedge and currency of ``m``."""
    assert m.value == Decimal(str(value))
    assert m.high == (None if high is None else Decimal(str(high)))
    assert (m.kind, m.unit, m.approx, m.currency) == (kind, unit, approx, currency)
