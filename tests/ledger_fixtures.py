"""A small ledger on a stand-in document, for the ledger, audit and draft tests."""

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.ledger import EXCLUDED_COLUMNS, FACT_COLUMNS, METRIC_COLUMNS


@dataclass(frozen=True)
class StandIn:
    """A minimal source with the interface of helpers.corpus.Source."""

    source_id: str
    file: str
    text: str


TEXT = (
    "目前已有117款服务通过备案。其中北京51款,上海24款。"
    "此外,中国移动备案了一款模型。去年8月首批8项完成备案。"
)
METRIC = {
    "metric_id": "registered",
    "dimension": "policy",
    "name_zh": "备案数",
    "name_en": "Filings",
    "unit": "款",
    "unit_en": "services",
    "higher_is_better": "",
    "comparison": "ratio",
    "caveat_zh": "说明",
    "caveat_en": "Caveat",
}


def fact(**fields) -> dict:
    """Return a valid fact row on TEXT, with ``fields`` replaced."""
    row = {
        "fact_id": "doc-001",
        "metric_id": "registered",
        "entity": "中国",
        "country": "CN",
        "value": "117",
        "high": "",
        "unit": "款",
        "approx": "",
        "period": "2024-03",
        "period_source": "text",
        "source_id": "doc",
        "quote": "目前已有117款服务通过备案",
        "quote_en": "117 services have been registered so far",
        "status": "reviewed",
        "note": "",
    }
    row.update(fields)
    return row


def write_csv(path: Path, columns, rows) -> None:
    """Write ``rows`` (dicts) under a header of ``columns``."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_ledger(tmp_path: Path, facts=None, excluded=None, metrics=None) -> Path:
    """Write a small ledger into ``tmp_path`` (with the project's word catalog and lexicon, which
    names every entity in English); return it."""
    shutil.copyfile(paths.DATA_DIR / "i18n.csv", tmp_path / "i18n.csv")
    shutil.copyfile(paths.DATA_DIR / "lexicon.csv", tmp_path / "lexicon.csv")
    write_csv(tmp_path / "metrics.csv", METRIC_COLUMNS, metrics or [METRIC])
    write_csv(
        tmp_path / "facts.csv",
        FACT_COLUMNS,
        facts
        if facts is not None
        else [
            fact(),
            fact(fact_id="doc-002", value="51", entity="北京", quote="其中北京51款"),
            fact(fact_id="doc-003", value="24", entity="上海", quote="上海24款"),
            fact(fact_id="doc-004", value="1", entity="国资委", quote="中国移动备案了一款模型"),
            fact(
                fact_id="doc-005", value="8", unit="项", period="2023-08", quote="首批8项完成备案"
            ),
        ],
    )
    write_csv(
        tmp_path / "excluded.csv",
        EXCLUDED_COLUMNS,
        excluded
        if excluded is not None
        else [
            {
                "source_id": "doc",
                "start": str(TEXT.index("8月")),
                "surface": "8月",
                "reason": "date",
            },
        ],
    )
    return tmp_path
