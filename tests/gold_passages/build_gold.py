"""Build the passage gold set (NN_name.txt + NN_name.jsonl) from hand-annotated sources.

Each file in annotated/ is a passage with every mention written inline as
``⟦surface§value§kind§unit§approx⟧`` or ``⟦surface§value§kind§unit§approx§currency⟧``:
value is ``low`` or ``low~high``; ``-`` stands for null in unit and approx; the currency of a
money mention comes from its unit (table below) unless given as the sixth field. Offsets are
computed here from the markup, never counted by hand.

    python tests/gold_passages/build_gold.py           # write the .txt and .jsonl files
    python tests/gold_passages/build_gold.py --check   # exit 1 if they are out of date
    python tests/gold_passages/build_gold.py --review  # list numerals left unannotated

--review is a reading aid: it lists every run of digits, Chinese numerals and English number
words outside an annotated span, so each can be confirmed as a deliberate non-number.
"""

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANNOTATED = HERE / "annotated"
KINDS = (
    "percent",
    "count",
    "money",
    "multiple",
    "score",
    "rank",
    "year",
    "date",
    "duration",
    "other",
)
CURRENCY_OF_UNIT = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "美元": "USD",
    "dollars": "USD",
    "元": "CNY",
    "yuan": "CNY",
    "RMB": "CNY",
    "renminbi": "CNY",
    "€": "EUR",
    "euros": "EUR",
    "欧元": "EUR",
    "歐元": "EUR",
    "£": "GBP",
    "pounds": "GBP",
    "英镑": "GBP",
    "日元": "JPY",
    "yen": "JPY",
    "港元": "HKD",
    "HK$": "HKD",
    "NT$": "TWD",
}
MARK = re.compile(r"⟦([^⟧]*)⟧")
FIELDS = (
    "start",
    "end",
    "surface",
    "value",
    "high",
    "kind",
    "unit",
    "currency",
    "approx",
    "section",
)
NUMERALS = re.compile(
    r"[0-9０-９][0-9０-９.,:/\-]*|[〇零一二两兩三四五六七八九十百千万萬亿億]+|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million|billion|trillion|first|second|third|fourth|fifth|"
    r"twice|dozen|half|quarter)\b",
    re.IGNORECASE,
)


def convert_number(text: str) -> int | float:
    """Return an int for an integral decimal string, else a float rounded to 4 places."""
    number = Decimal(text)
    if number == number.to_integral_value():
        return int(number)
    return round(float(number), 4)


def parse_mark(body: str, where: str) -> dict:
    """Return the record fields (without offsets) of one ⟦…⟧ annotation."""
    parts = body.split("§")
    if len(parts) not in (5, 6):
        raise ValueError(f"{where}: expected 5 or 6 §-fields in ⟦{body}⟧")
    surface, value, kind, unit, approx = parts[:5]
    if kind not in KINDS:
        raise ValueError(f"{where}: kind {kind!r} not in {KINDS}")
    low, _, high = value.partition("~")
    currency = parts[5] if len(parts) == 6 else CURRENCY_OF_UNIT.get(unit)
    if kind != "money":
        if len(parts) == 6:
            raise ValueError(f"{where}: currency given for a {kind} in ⟦{body}⟧")
        currency = None
    elif currency is None:
        raise ValueError(f"{where}: money without a currency in ⟦{body}⟧")
    return {
        "surface": surface,
        "value": convert_number(low),
        "high": convert_number(high) if high else None,
        "kind": kind,
        "unit": None if unit == "-" else unit,
        "currency": currency,
        "approx": None if approx == "-" else approx,
        "section": "body",
    }


def build_passage(annotated: str, where: str) -> tuple[str, list[dict]]:
    """Return the plain text and its records, offsets taken from the markup."""
    pieces, records, cursor, length = [], [], 0, 0
    for match in MARK.finditer(annotated):
        before = annotated[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        fields = parse_mark(match.group(1), where)
        surface = fields["surface"]
        record = {"start": length, "end": length + len(surface), **fields}
        records.append({key: record[key] for key in FIELDS})
        pieces.append(surface)
        length += len(surface)
        cursor = match.end()
    pieces.append(annotated[cursor:])
    text = "".join(pieces)
    if "⟦" in text or "⟧" in text or "§" in text:
        raise ValueError(f"{where}: unbalanced annotation markup")
    return text, records


def render_jsonl(records: list[dict]) -> str:
    """Return the records as JSON Lines, one record a line, non-ASCII kept."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def build_all() -> dict[str, tuple[str, str]]:
    """Return {passage stem: (text, jsonl)} for every annotated source."""
    built = {}
    for source in sorted(ANNOTATED.glob("*.txt")):
        text, records = build_passage(source.read_text(encoding="utf-8"), source.name)
        built[source.stem] = (text, render_jsonl(records))
    return built


def review(stem: str, text: str, jsonl: str) -> None:
    """Print each numeral-looking run of the text outside every annotated span."""
    spans = [(r["start"], r["end"]) for r in map(json.loads, jsonl.splitlines())]
    for match in NUMERALS.finditer(text):
        if any(s <= match.start() < e for s, e in spans):
            continue
        context = text[max(0, match.start() - 12) : match.end() + 12].replace("\n", " ")
        print(f"{stem}:{match.start()}: {match.group()!r}  …{context}…")


def main(argv: list[str]) -> int:
    """Write, check or review the passage gold set; return the exit code."""
    stale = []
    for stem, (text, jsonl) in build_all().items():
        if "--review" in argv:
            review(stem, text, jsonl)
            continue
        for path, content in ((HERE / f"{stem}.txt", text), (HERE / f"{stem}.jsonl", jsonl)):
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == content:
                continue
            if "--check" in argv:
                stale.append(path.name)
            else:
                path.write_text(content, encoding="utf-8")
    for name in stale:
        print(f"{name}: out of date with annotated/; run build_gold.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
