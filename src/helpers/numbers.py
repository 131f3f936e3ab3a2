"""Find every numeric mention in Chinese, English or mixed text: span, value, unit, kind, hedge.

This module is the public face of the parser; the work is split by job:
``mentions`` (the finder: scan, read, context), ``readers_zh`` / ``readers_quantity`` /
``readers_en`` / ``readers_words`` (one reader per kind), ``nouns_en`` (which English words
name what a number counts), ``patterns_zh`` / ``patterns_en`` (the patterns and unit tables),
``numerals_zh`` / ``numerals_en`` (numeral values) and ``notnumbers`` (names, markers, IDs).
Conventions (see README, "extract"):

* Offsets index the original text, ``text[start:end] == surface``, for every script.
* Money is in base units with its currency (2523亿美元 → 252300000000, USD; "$3bn" → 3e9, unit
  "$"; "380 billion yuan" → 3.8e11, unit "yuan", CNY). Percentages are points (47% → 47;
  百分之四十七 → 47; 九成 → 90). Scale words apply: 2万5000 → 25000; "8 million" → 8000000.
* Ranges keep both ends (2.6万亿至4.4万亿美元, 10-20个, "5 to 10", "between 5 and 10").
  A vague 数/几 counts as 2..9 (数十亿 → 2e9..9e9, approx 数).
* ``approx`` is the hedge as written: a prefix (近, 约, 超过, over, more than …), else an inner
  多/余/数/几, else a suffix (以上, 左右, "or more"). The hedge is inside the span.
* Bounds: 前10, "top 10" → kind rank, approx 前 / top. Ordinals (第五, "5th", "No. 2",
  "ranked third") → rank. Quarters and halves are periods (kind date, unit Q1…Q4 / H1, H2).
* Dates: value holds the written parts as digits and unit says which (20240919 年月日, 202212
  年月, 826 月日, 5 月); a year alone is kind year.
* Not numbers: model and version names (GPT-4o, Qwen2-72B, H100, 5G, Windows 11), URLs,
  e-mail, phone numbers, IDs, citation and list markers ([1], 【注 1】, "1、" at a line start),
  idioms (一带一路, 十四五, "one of the"), and 一 used as an article (一种, 一个).
"""

from helpers.mentions import Mention, find_mentions
from helpers.numerals_zh import parse_numeral
from helpers.reading import KINDS

__all__ = ["KINDS", "Mention", "find_mentions", "parse_numeral"]
