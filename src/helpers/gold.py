"""Score the number extractor against hand-annotated gold mentions (tests/gold/*.jsonl)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from helpers import paths
from helpers.errors import UserError
from helpers.numbers import find_mentions
from helpers.textio import read_text

Key = tuple[int, int, Decimal, str]


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


def score_gold(gold_dir: Path | str | None = None, seeds_dir: Path | str | None = None) -> dict:
    """Return precision/recall per document and overall (a match: same start, end, value, kind).

    The result is ``{"documents": {stem: stats}, "overall": stats}`` where stats holds tp, fp,
    fn, precision, recall, and (per document) the unmatched gold (``missed``) and extracted
    (``spurious``) keys for debugging.
    """
    gold_dir = Path(gold_dir) if gold_dir is not None else paths.ROOT / "tests" / "gold"
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else paths.SEEDS_DIR
    files = sorted(gold_dir.glob("*.jsonl"))
    if not files:
        raise UserError(f"{gold_dir}: no gold .jsonl files; annotate at least one seed document")
    documents: dict[str, dict] = {}
    tp = fp = fn = 0
    for gold_path in files:
        text = read_text(seeds_dir / f"{gold_path.stem}.txt")
        gold = {
            _make_key(r["start"], r["end"], r["value"], r["kind"]) for r in load_gold(gold_path)
        }
        found = {
            _make_key(m.start, m.end, m.value, m.kind) for m in find_mentions(text, gold_path.stem)
        }
        d_tp, d_fp, d_fn = len(gold & found), len(found - gold), len(gold - found)
        documents[gold_path.stem] = {
            "tp": d_tp,
            "fp": d_fp,
            "fn": d_fn,
            "precision": _divide(d_tp, d_tp + d_fp),
            "recall": _divide(d_tp, d_tp + d_fn),
            "missed": sorted(gold - found),
            "spurious": sorted(found - gold),
        }
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
    overall = {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": _divide(tp, tp + fp),
        "recall": _divide(tp, tp + fn),
    }
    return {"documents": documents, "overall": overall}
