"""Guess a fact for one number: its metric, entity and country, period, and the clause to quote.

The guesses read only the ledger's own words: metric names (zh and en) and units from
``metrics.csv``, which unit pairs and entity types its facts already use, and the lexicon.
A guess comes with a score in 0..1 and a short basis a curator can check.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from helpers.entities import Lexicon, load_lexicon
from helpers.ledger import FACTS_FILE, LEXICON_FILE, METRICS_FILE, read_rows
from helpers.narrative import GENERAL_CLASSIFIER

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_PAREN = re.compile(r"[(（][^)）]*[)）]")
_STOP = frozenset("of the a an by in from per and or to for on with as at its is".split())
# A clause ends at a sentence mark, a line break, or a comma or colon not inside a number.
_CLAUSE_END = re.compile(r"[。!?;\n]|(?<![0-9])[,:]|[,:](?![0-9])|\.(?=\s)")
_LEAD = " \t\u3000-*•·>#"
ENTITY_TYPES = ("country", "region", "org", "model")
RANK_UNIT = "名"


def is_classifier(unit: str) -> bool:
    """Return True for a Chinese measure word of a count (款, 家, 篇), not a rank or a share."""
    return len(unit) == 1 and "\u4e00" <= unit <= "\u9fff" and unit != RANK_UNIT
MIN_SCORE = 0.5
NOUN_BONUS = 0.2  # the thing counted right after the number (个大模型, 款生成式…) is in the name


@dataclass
class Ledger:
    """What the guesses read, loaded once per draft from a data folder."""

    metrics: dict[str, dict]
    lexicon: Lexicon
    english: dict[str, str]  # lexicon name -> name_en
    unit_pairs: set[tuple[str, str]]  # (fact unit, metric unit) already in facts.csv
    metric_types: dict[str, set[str]]  # metric_id -> lexicon types of its facts' entities
    idf: dict[str, float] = field(default_factory=dict)
    tokens: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Guess:
    """A metric guess for one number: the metric, the fact's unit, its score and basis."""

    metric_id: str
    unit: str
    score: float
    basis: str


def list_name_tokens(text: str) -> set[str]:
    """Return the CJK character pairs and lowercase words of a name (asides in brackets cut)."""
    return list_tokens(_PAREN.sub(" ", text))


def list_tokens(text: str) -> set[str]:
    """Return the CJK character pairs (a lone character as itself) and lowercase words."""
    tokens: set[str] = set()
    for run in _CJK_RUN.findall(text):
        tokens |= {run} if len(run) == 1 else {run[i : i + 2] for i in range(len(run) - 1)}
    return tokens | ({w.lower() for w in _WORD.findall(text)} - _STOP)


def load_ledger(data_dir: Path) -> Ledger:
    """Return the metrics, lexicon (with English names) and usage the guesses need."""
    data_dir = Path(data_dir)
    metrics = {row["metric_id"]: row for _line, row in read_rows(data_dir / METRICS_FILE)[1]}
    lexicon = load_lexicon(data_dir / LEXICON_FILE)
    _header, lex_rows = read_rows(data_dir / LEXICON_FILE)
    english = {row["name"].strip(): row.get("name_en", "").strip() for _line, row in lex_rows}
    pairs, types = set(), {m: set() for m in metrics}
    for _line, row in read_rows(data_dir / FACTS_FILE)[1]:
        metric = metrics.get(row["metric_id"])
        if metric is None:
            continue
        pairs.add((row["unit"], metric["unit"]))
        found = resolve_entity(lexicon, row["entity"])
        if found:
            types[row["metric_id"]].add(found[1])
    ledger = Ledger(metrics, lexicon, english, pairs, types)
    for mid, row in metrics.items():
        ledger.tokens[mid] = (list_name_tokens(row["name_zh"]), list_name_tokens(row["name_en"]))
    df = Counter(t for zh, en in ledger.tokens.values() for t in zh | en)
    ledger.idf = {t: 1.0 + math.log(len(metrics) / n) for t, n in df.items()}
    return ledger


def resolve_entity(lexicon: Lexicon, name: str) -> tuple[str, str, str] | None:
    """Return (name, type, country) of the lexicon row whose name or alias is ``name``."""
    row = lexicon.rows.get(name) or lexicon.abbreviations.get(name)
    return (row.name, row.type, row.country) if row else None


def find_fact_unit(ledger: Ledger, kind: str, unit: str | None, metric: dict) -> tuple[str, str]:
    """Return the fact's unit for a number of ``kind``/``unit`` under ``metric`` and how it was
    found; empty when the two do not fit (a share is no count, a rank no score)."""
    wanted = metric["unit"]
    if kind == "rank":
        return (RANK_UNIT, "a rank") if wanted == RANK_UNIT else ("", "")
    if unit == wanted:
        return unit, f"unit {unit}"
    if unit and (unit, wanted) in ledger.unit_pairs:
        return unit, f"unit {unit}, used with {wanted} in facts.csv"
    if unit == GENERAL_CLASSIFIER and kind == "count" and is_classifier(wanted):
        return unit, f"unit {unit}, the general classifier, counting what {wanted} counts"
    if unit is None and kind in ("count", "other") and wanted not in ("%", RANK_UNIT):
        return wanted, f"no unit written; {wanted} from the metric"
    return "", ""


def score_name(
    ledger: Ledger, metric_id: str, context: set[str], noun: set[str] = frozenset()
) -> tuple[float, str]:
    """Return the share (weighted by rarity) of a metric's name words found in ``context``,
    plus a bonus when the ``noun`` counted by the number is in the name, and a basis."""
    best, basis = -1.0, ""
    for lang, tokens in zip(("zh", "en"), ledger.tokens[metric_id], strict=True):
        total = sum(ledger.idf[t] for t in tokens)
        hits = tokens & context
        score = sum(ledger.idf[t] for t in hits) / total if total else 0.0
        counted = bool(tokens & noun)
        score += NOUN_BONUS * counted
        if score > best:
            best = score
            basis = f"{len(hits)} of {len(tokens)} words of its {lang} name" + (
                ", the thing counted among them" if counted else ""
            )
    return max(best, 0.0), basis


def guess_metrics(
    ledger: Ledger, kind: str, unit: str | None, context: set[str], noun: set[str] = frozenset()
) -> list[Guess]:
    """Return the metrics whose unit fits the number, best name match first (ties by id)."""
    guesses = []
    for mid, metric in sorted(ledger.metrics.items()):
        fact_unit, how = find_fact_unit(ledger, kind, unit, metric)
        if not fact_unit:
            continue
        score, basis = score_name(ledger, mid, context, noun)
        guesses.append(Guess(mid, fact_unit, score, f"{mid}: {basis}; {how}"))
    return sorted(guesses, key=lambda g: (-g.score, g.metric_id))


def list_clauses(norm: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Return the clauses of ``norm[lo:hi]`` (a sentence of the normalized text) as spans."""
    spans, start = [], lo
    for match in _CLAUSE_END.finditer(norm, lo, hi):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, hi))
    return [(s, e) for s, e in spans if e > s]


def find_clause(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """Return the clause holding offset ``pos`` (the last one before it if it is a delimiter)."""
    found = clauses[0]
    for span in clauses:
        if span[0] <= pos:
            found = span
    return found


def build_quote(text: str, clauses: list[tuple[int, int]], spans: list[tuple[int, int]]) -> str:
    """Return the shortest run of whole clauses of ``text`` covering every one of ``spans``."""
    first = find_clause(clauses, min(s for s, _e in spans))
    last = find_clause(clauses, max(e for _s, e in spans) - 1)
    lo, hi = first[0], max(last[1], max(e for _s, e in spans))
    while lo < min(s for s, _e in spans) and text[lo] in _LEAD:
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return text[lo:hi]


def convert_period(mention) -> str | None:
    """Return the period (2024, 2024-03, 2024-03-05, 2024H1, 2024Q3) a year or date names."""
    value = int(mention.value)
    if mention.kind == "year":
        return f"{value}" if 1000 <= value <= 2999 else None
    unit = mention.unit or ""
    if unit == "年月日" and 10000000 <= value <= 29991231:
        return f"{value // 10000}-{value // 100 % 100:02d}-{value % 100:02d}"
    if unit == "年月" and 100000 <= value <= 299912:
        return f"{value // 100}-{value % 100:02d}"
    if unit in ("H1", "H2", "Q1", "Q2", "Q3", "Q4") and 1000 <= value <= 2999:
        return f"{value}{unit}"
    return None  # a month or day without its year


def find_period(mention, dates: list, clause: tuple[int, int]) -> tuple[str, object] | None:
    """Return (period, date mention) from the nearest date before the number in its sentence,
    else the nearest after it in its clause; None when the sentence dates nothing."""
    before = [d for d in dates if d.end <= mention.start and convert_period(d)]
    if before:
        date = max(before, key=lambda d: d.end)
        return convert_period(date), date
    after = [d for d in dates if d.start >= mention.end and d.end <= clause[1]]
    after = [d for d in after if convert_period(d)]
    if after:
        date = min(after, key=lambda d: d.start)
        return convert_period(date), date
    return None


def rank_entities(
    entities: list, mention, clause: tuple[int, int], preferred: set[str], text: str = ""
) -> list[tuple[str, str, str, int, int]]:
    """Return the candidate entities of a number, best first.

    Its clause before the number (the first named: Chinese puts the subject first; of
    ``A的B`` the B), then its clause after it, then the rest of its sentence, nearest
    first; within each, a type the metric's facts use first. One-character abbreviations
    (中美) are comparisons, not subjects, and are left out.
    """
    found = []
    usable = [e for e in entities if e[1] in ENTITY_TYPES and e[4] - e[3] >= 2]
    starts = {e[3] for e in usable}
    for entity in usable:
        _name, typ, _country, start, end = entity
        if start < mention.end and end > mention.start:
            continue
        before = end <= mention.start
        in_clause = clause[0] <= start and end <= clause[1]
        owner = text[end : end + 1] == "的" and end + 1 in starts  # A的B: B is the subject
        if in_clause and before:
            group, order = 0, (owner, start)
        else:
            group = 1 if in_clause else 2
            order = (False, mention.start - end if before else start - mention.end)
        key = (group, bool(preferred) and typ not in preferred, order, entity[0])
        found.append((key, entity))
    return [entity for _key, entity in sorted(found)]


def format_decimal(value: Decimal | None) -> str:
    """Return a Decimal as a plain decimal string (1800000000000, 9.7); empty for None."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
