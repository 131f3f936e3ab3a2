"""Score the number extractor against hand-annotated gold mentions (any folder of text + JSONL)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from helpers import paths
from helpers.errors import UserError
from helpers.numbers import find_mentions
from helpers.textio import read_text

Key = tuple[int, int, Decimal, str]
DETAIL_FIELDS = ("unit", "approx", "high", "currency")


def _make_key(start: int, end: int, value, kind: str) -> Key:
    """Return the match key of a mention: same span, same value, same kind."""
    return (int(start), int(end), Decimal(str(value)).normalize(), kind)


def load_gold(path: Path) -> list[dict]:
    """Return the gold records of one JSONL file; raise UserError naming file:line on bad rows."""
    records = []
    for line_no, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(
                f"{path.name}:{line_no}: not valid JSON ({exc.msg}); fix the line"
            ) from None
        for field in ("start", "end", "value", "kind"):
            if field not in record:
                raise UserError(f"{path.name}:{line_no}: field {field!r} is missing; add it")
        records.append(record)
    return records


def _divide(num: int, den: int) -> float:
    """Return num/den, or 1.0 when there is nothing to count."""
    return num / den if den else 1.0


def _is_same(field: str, gold, found) -> bool:
    """Return True when a gold field equals the extracted one (numbers compared as numbers)."""
    if field == "high" and gold is not None and found is not None:
        return Decimal(str(gold)) == Decimal(str(found))
    return gold == found


def _score_document(text: str, stem: str, gold_records: list[dict]) -> dict:
    """Return tp/fp/fn, the unmatched keys and field disagreements of one document."""
    gold = {_make_key(r["start"], r["end"], r["value"], r["kind"]): r for r in gold_records}
    found = {}
    for m in find_mentions(text, stem):
        found[_make_key(m.start, m.end, m.value, m.kind)] = m.to_record()
    matched = gold.keys() & found.keys()
    details = {f: 0 for f in DETAIL_FIELDS}
    for key in matched:
        for f in DETAIL_FIELDS:
            if f in gold[key] and not _is_same(f, gold[key][f], found[key][f]):
                details[f] += 1
    tp, fp, fn = len(matched), len(found.keys() - gold.keys()), len(gold.keys() - found.keys())
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": _divide(tp, tp + fp),
        "recall": _divide(tp, tp + fn),
        "field_mismatches": details,
        "missed": sorted(gold.keys() - found.keys()),
        "spurious": sorted(found.keys() - gold.keys()),
    }


def score_gold(gold_dir: Path | str | None = None, seeds_dir: Path | str | None = None) -> dict:
    """Return precision/recall per document and overall (a match: same start, end, value, kind).

    Each ``gold_dir/NAME.jsonl`` is scored against ``seeds_dir/NAME.txt`` (default: the seeds'
    gold in tests/gold against seeds/; for a passages folder with NAME.txt beside NAME.jsonl,
    pass the folder twice). The result is ``{"documents": {stem: stats}, "overall": stats}``:
    tp, fp, fn, precision, recall, ``field_mismatches`` (matched mentions whose unit, approx,
    high or currency differ from the gold) and, per document, the unmatched gold (``missed``)
    and extracted (``spurious``) keys.
    """
    gold_dir = Path(gold_dir) if gold_dir is not None else paths.ROOT / "tests" / "gold"
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else paths.SEEDS_DIR
    files = sorted(gold_dir.glob("*.jsonl"))
    if not files:
        raise UserError(f"{gold_dir}: no gold .jsonl files; annotate at least one document")
    documents: dict[str, dict] = {}
    for gold_path in files:
        text_path = seeds_dir / f"{gold_path.stem}.txt"
        if not text_path.is_file():
            raise UserError(f"{gold_path.name}: no text {text_path}; add it or remove the gold")
        records = load_gold(gold_path)
        documents[gold_path.stem] = _score_document(read_text(text_path), gold_path.stem, records)
    tp, fp, fn = (sum(d[k] for d in documents.values()) for k in ("tp", "fp", "fn"))
    overall = {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": _divide(tp, tp + fp),
        "recall": _divide(tp, tp + fn),
        "field_mismatches": {
            f: sum(d["field_mismatches"][f] for d in documents.values()) for f in DETAIL_FIELDS
        },
    }
    return {"documents": documents, "overall": overall}
