"""Tests for helpers.nouns_en: which English word after a number names what it counts."""

import pytest

from helpers.nouns_en import is_counted_noun, match_hyphen_noun


@pytest.mark.parametrize("word", ["GPUs", "households", "EFLOPS", "terawatt-hours", "papers"])
def test_counted_nouns(word):
    assert is_counted_noun(word)


@pytest.mark.parametrize("word", ["this", "famous", "analysis", "physics", "as", "sub-2s"])
def test_words_that_count_nothing(word):
    assert not is_counted_noun(word)


def test_a_hyphen_compound_counts_its_noun():
    text = "a 12-item scale"
    assert match_hyphen_noun(text, text.index("-")).group(1) == "item"


@pytest.mark.parametrize("text", ["a 5-shot setting", "a 40-odd page", "a 30-year-old man"])
def test_hyphen_words_that_are_no_count(text):
    assert match_hyphen_noun(text, text.index("-")) is None
