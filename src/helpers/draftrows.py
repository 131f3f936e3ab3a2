"""Propose one draft row per number of a document: a fact, or an exclusion with its reason.

A number becomes a fact proposal only when a metric, an entity and every word the report
needs are there (the rules ``validate`` applies); otherwise an exclusion saying what is
missing, with the guessed fields filled in and ``to_switch`` saying how to make it a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from helpers.audit import UNCOUNTED_KINDS
from helpers.draftapply import DRAFT_COLUMNS
from helpers.ledger import APPROX_WORDS
from helpers.narrative import GENERAL_CLASSIFIER
from helpers.proposals import (
    MIN_SCORE,
    Guess,
    Ledger,
    build_quote,
    find_clause,
    find_period,
    format_decimal,
    guess_metrics,
    list_clauses,
    list_tokens,
    rank_entities,
)
from helpers.sentences import find_context

CARRY_CHARS = 300  # how far a tally may run on after the figure that named its metric
NOUN_CHARS = 4  # how far after a number its counted noun is looked for (个大模型)
PARAGRAPH_WEIGHT = 0.8  # metric words found only in the sentences before count for less
TYPE_WEIGHT = 0.15  # an entity of the type a metric's facts use (a region for a regional count)
_AFTER_MARKER = frozenset("，,、:：是")
_OPENERS = frozenset("\n，,；;。:：")
TO_FACT = (
    "to make it a fact: set action to fact and fill metric_id, entity, country, value, unit, "
    "period and a quote copied from the text that holds the number"
)
TO_EXCLUDE = "to leave it out: set action to exclude and write why in reason"
NO_ENTITY = "no entity: no country, region, organisation or model of lexicon.csv in its sentence"
SWITCH = {
    "metric": "to make it a fact: choose metric_id in metrics.csv (or add a metric: "
    "docs/recipes.md), check the other fields, set action to fact",
    "entity": "to make it a fact: write entity as a lexicon.csv name (add a row if it is "
    "missing) with its country, set action to fact",
    "english": "to make it a fact: add name_en to the lexicon.csv row of {0}, then set action "
    "to fact",
    "words": "to make it a fact: add the i18n.csv row {0} with its zh and en words "
    "(docs/recipes.md), then set action to fact",
    "hedge": "to make it a fact: clear approx or write a hedge the schema lists, then set "
    "action to fact",
    "repeat": "to make it a fact: only if it is another figure; change what differs (entity, "
    "metric or period) and set action to fact",
    "validate": "to make it a fact: fix what the reason says, then set action to fact",
    "change": "to make it a fact: only for a metric that counts the change itself (add one: "
    "docs/recipes.md), then choose it as metric_id and set action to fact",
}
# A count or amount right after a verb of change (增加约180个, rose by 180) is a change, not a
# level; the ledger's count and money metrics are levels, so it is proposed as an exclusion.
_CHANGE_BEFORE = re.compile(
    r"(?:增加|增长|减少|下降|提高|降低|上升|回落)了?\s*$"
    r"|\b(?:rose|fell|grew|increased|decreased|declined|dropped|climbed|went up|went down)"
    r"\s+by\s*$",
    re.IGNORECASE,
)
CHANGE_KINDS = ("count", "money")


@dataclass
class Doc:
    """A document as the proposals read it: raw and normalized text, numbers, its date."""

    source: object
    norm: str
    mentions: list
    published: str

    @property
    def dates(self) -> list:
        """Return the year and date mentions (candidate periods)."""
        return [m for m in self.mentions if m.kind in UNCOUNTED_KINDS]


def make_row(m, source) -> dict:
    """Return an empty draft row for mention ``m`` of ``source``."""
    row = dict.fromkeys(DRAFT_COLUMNS, "")
    row.update(start=str(m.start), surface=m.surface, sentence=m.sentence,
               source_id=source.source_id, sha256=source.sha256)  # fmt: skip
    return row


def set_exclude(row: dict, reason: str, confidence: float, basis: str, switch: str = "") -> dict:
    """Mark ``row`` as an exclusion with its reason and how to make it a fact instead."""
    row.update(action="exclude", reason=reason, confidence=f"{confidence:.2f}", basis=basis)
    row["to_switch"] = switch or TO_FACT
    return row


def classify_number(m, doc: Doc, ledger: Ledger) -> tuple[str, float, str] | None:
    """Return (reason, confidence, basis) for a number that is no figure at all, else None."""
    if m.section != "body":
        return "boilerplate (web-page text around the article)", 0.95, "the parser marks it"
    if m.kind == "year":
        return f"year ({m.surface}), not a figure", 0.9, "the parser reads a year"
    if m.kind == "date":
        return f"date ({m.surface}), not a figure", 0.9, "the parser reads a date"
    after = doc.norm[m.end : m.end + 1]
    opens = m.start == 0 or doc.norm[m.start - 1] in _OPENERS
    if m.kind == "rank" and m.surface.startswith("第") and after in _AFTER_MARKER and opens:
        shown = doc.source.text[m.start : m.end + 1]
        return f"list marker ({shown} …)", 0.8, "an ordinal opening its clause"
    if ledger.lexicon.is_after_model(doc.norm, m.start):
        return "part of a model name", 0.8, "it follows a model name of the lexicon"
    return None


@dataclass(frozen=True)
class Place:
    """Where a number stands: its sentence span, clauses, clause and the entities named there."""

    lo: int
    hi: int
    clauses: list
    clause: tuple[int, int]
    entities: list


def locate(m, doc: Doc, ledger: Ledger) -> Place:
    """Return the sentence, clauses and lexicon entities around mention ``m``."""
    lo, hi = find_context(doc.norm, m.start, m.end)
    clauses = list_clauses(doc.norm, lo, hi)
    found = ledger.lexicon.entities_in(doc.norm[lo:hi])
    entities = [(n, t, c, s + lo, e + lo) for n, t, c, s, e in found]
    return Place(lo, hi, clauses, find_clause(clauses, m.start), entities)


def find_metrics(m, doc: Doc, ledger: Ledger, place: Place, previous: dict | None):
    """Return the metric guesses for ``m`` and what was read: its sentence (with the lexicon
    names in it), else also the two sentences before (weighted down), else the metric of the
    fact proposed just before it when its unit fits (a tally such as 北京51款,上海24款)."""
    names = " ".join(e[0] for e in place.entities)
    context = list_tokens(doc.norm[place.lo : place.hi]) | list_tokens(names)
    noun = list_tokens(doc.norm[m.end : m.end + NOUN_CHARS])
    guesses = guess_metrics(ledger, m.kind, m.unit, context, noun)
    if guesses and guesses[0].score >= MIN_SCORE:
        return guesses, "sentence"
    earlier = place.lo
    for _ in range(2):
        earlier = find_context(doc.norm, earlier - 1, earlier - 1)[0] if earlier else 0
    context |= list_tokens(doc.norm[earlier : place.lo])
    wider = guess_metrics(ledger, m.kind, m.unit, context, noun)
    wider = [replace(g, score=round(g.score * PARAGRAPH_WEIGHT, 4)) for g in wider]
    if wider and wider[0].score >= MIN_SCORE:
        return wider, "with the sentences before"
    if previous and m.start - int(previous["start"]) <= CARRY_CHARS:
        carried = [g for g in guesses if g.metric_id == previous["metric_id"]]
        if carried:
            basis = f"{carried[0].basis}; as the figure at offset {previous['start']}"
            return [replace(carried[0], score=MIN_SCORE, basis=basis)] + guesses, "carried over"
    return guesses, "sentence"


def pick_metric(guesses: list[Guess], place: Place, m, doc: Doc, ledger: Ledger):
    """Return (guess, entity) with the best name score, adjusted for the entity's type."""
    best = None
    for guess in guesses:
        if guess.score < MIN_SCORE:
            break
        prefer = ledger.metric_types.get(guess.metric_id, set())
        entity = pick_entity(m, doc, place, prefer)
        adjust = TYPE_WEIGHT * (1 if entity[1] in prefer else -1) if entity and prefer else 0.0
        if best is None or guess.score + adjust > best[0]:
            best = (guess.score + adjust, guess, entity)
    return (best[1], best[2]) if best else None


def pick_entity(m, doc: Doc, place: Place, prefer: set[str]):
    """Return the entity a number is about: the k-th of ``A和B分别有X和Y`` for the k-th number,
    else the best ranked one (``proposals.rank_entities``); None when the sentence has none."""
    ranked = rank_entities(place.entities, m, place.clause, prefer, doc.norm)
    lo, hi = place.clause
    mark = doc.norm.find("分别", lo, m.start)
    if mark >= 0:
        named = sorted((e for e in ranked if lo <= e[3] and e[4] <= mark), key=lambda e: e[3])
        numbers = [x.start for x in doc.mentions if mark < x.start < hi and x.kind != "date"]
        if len(named) == len(numbers) and m.start in numbers:
            return named[numbers.index(m.start)]
    return ranked[0] if ranked else None


def rate(guess: Guess, guesses: list[Guess], in_clause: bool, dated: bool, where: str) -> float:
    """Return the confidence (0..1) of a fact proposal."""
    runner = next((g.score for g in guesses if g.metric_id != guess.metric_id), 0.0)
    confidence = 0.35 + 0.55 * min(guess.score, 1.0)
    confidence -= 0.1 * (guess.score - runner < 0.1) + 0.1 * (not in_clause)
    confidence -= 0.05 * (not dated) + 0.1 * ("from the metric" in guess.basis)
    confidence -= 0.05 * (where != "sentence")
    return max(0.05, min(0.95, confidence))


def fill_fields(m, doc: Doc, place: Place, guess: Guess | None, entity) -> tuple[dict, object]:
    """Return the fact fields of a number and the date mention its period comes from."""
    dates = [d for d in doc.dates if place.lo <= d.start and d.end <= place.hi]
    dated = find_period(m, dates, place.clause)
    period, date = dated if dated else (doc.published, None)
    spans = [(m.start, m.end)] + [(d.start, d.end) for d in [date] if d]
    spans += [(entity[3], entity[4])] if entity else []
    fields = {
        "metric_id": guess.metric_id if guess else "",
        "entity": entity[0] if entity else "",
        "country": entity[2] if entity else "",
        "value": format_decimal(m.value),
        "high": format_decimal(m.high),
        "unit": guess.unit if guess else (m.unit or ""),
        "approx": m.approx or "",
        "period": period,
        "period_source": "text" if date else "published",
        "quote": build_quote(doc.source.text, place.clauses, spans),
        "status": "draft",
    }
    return fields, date


def find_change_verb(m, doc: Doc) -> str:
    """Return the verb of change a count or amount follows (增加, rose by), else ""."""
    if m.kind not in CHANGE_KINDS:
        return ""
    match = _CHANGE_BEFORE.search(doc.norm[max(0, m.start - 16) : m.start])
    return match.group(0).strip() if match else ""


def guess_fact(m, doc: Doc, ledger: Ledger, previous: dict | None = None):
    """Return a number's guessed fact fields, a confidence, its basis, (reason, switch) when
    it cannot be a fact yet (empties when it can) and the date its period comes from."""
    place = locate(m, doc, ledger)
    guesses, where = find_metrics(m, doc, ledger, place, previous)
    picked = pick_metric(guesses, place, m, doc, ledger)
    entity = picked[1] if picked else pick_entity(m, doc, place, set())
    fields, date = fill_fields(m, doc, place, picked[0] if picked else None, entity)
    verb = find_change_verb(m, doc)
    if verb:
        level = f" such as {fields['metric_id']}" if fields["metric_id"] else ""
        reason = f"a change ({verb} {m.surface}), not a level{level}"
        return fields, 0.7, "a verb of change before it", (reason, SWITCH["change"]), date
    if not picked:
        top = guesses[0] if guesses else None
        reason = (
            f"no matching metric (closest: {top.basis})" if top
            else f"no matching metric (none in metrics.csv takes {m.unit or 'a ' + m.kind})"
        )  # fmt: skip
        basis = "no metric name fits the sentence" if top else "no metric takes this unit"
        confidence = min(0.95, max(0.3, 1 - top.score)) if top else 0.9
        return fields, confidence, basis, (reason, SWITCH["metric"]), date
    if entity is None:
        return fields, 0.6, f"metric {picked[0].basis}", (NO_ENTITY, SWITCH["entity"]), date
    in_clause = place.clause[0] <= entity[3] and entity[4] <= place.clause[1]
    basis = (
        f"metric {picked[0].basis} ({where}); entity {entity[0]} "
        f"{'in the clause' if in_clause else 'in the sentence'}; period {fields['period']} "
        f"{'from the text' if date else '= the article date, a stand-in'}"
    )
    confidence = rate(picked[0], guesses, in_clause, date is not None, where)
    return fields, confidence, basis, ("", ""), date


def check_rules(fields: dict, ledger: Ledger, catalog: dict) -> tuple[str, str]:
    """Return (reason, switch) for the first rule of validate a fact row breaks, else empties:
    the entity's English name, a listed hedge, words for its unit, country and hedge."""
    entity = fields["entity"]
    if not ledger.english.get(entity):
        return (
            f"entity {entity} has no English name (name_en) in lexicon.csv yet",
            SWITCH["english"].format(entity),
        )
    if fields["approx"] and fields["approx"] not in APPROX_WORDS:
        return f"hedge {fields['approx']!r} is not one the schema lists", SWITCH["hedge"]
    for kind, word in (("unit", fields["unit"]), ("country", fields["country"]),
                       ("approx", fields["approx"])):  # fmt: skip
        key = f"{kind}.{word}"
        texts = catalog.get(key, {})
        worded = kind == "unit" and word == GENERAL_CLASSIFIER  # by its metric's unit_en
        if word and not (texts.get("zh", "").strip() and (texts.get("en", "").strip() or worded)):
            what = "hedge" if kind == "approx" else kind
            reason = f"{what} {word} has no words in i18n.csv yet ({key})"
            return reason, SWITCH["words"].format(key)
    return "", ""


def propose_rows(doc: Doc, ledger: Ledger, catalog: dict) -> list[dict]:
    """Return one draft row per number of ``doc``, in text order."""
    rows, seen, dates, previous = [], {}, {}, None
    for m in doc.mentions:
        row = make_row(m, doc.source)
        rows.append(row)
        plain = classify_number(m, doc, ledger)
        if plain:
            set_exclude(row, *plain)
            continue
        fields, confidence, basis, (reason, switch), date = guess_fact(m, doc, ledger, previous)
        row.update(fields)
        if not reason:
            reason, switch = check_rules(fields, ledger, catalog)
        key = tuple(fields[c] for c in ("metric_id", "entity", "value", "high", "period"))
        if not reason and key in seen:
            reason, switch = f"repeat of the figure at offset {seen[key]}", SWITCH["repeat"]
        if reason:
            set_exclude(row, reason, confidence if not reason.startswith("repeat") else 0.8,
                        basis, switch)  # fmt: skip
            continue
        seen[key] = m.start
        row.update(action="fact", confidence=f"{confidence:.2f}", basis=basis, to_switch=TO_EXCLUDE)
        previous = row
        if date:
            dates.setdefault(str(date.start), m.start)
    for row in rows:
        if row["start"] in dates and row["reason"].startswith(("date", "year")):
            row["reason"] += f"; the period of the figure at offset {dates[row['start']]}"
    return rows
