"""Published CSV cells never run as spreadsheet formulas; numbers stay numbers."""

import csv

import pandas as pd
import pytest

from helpers.csvout import BOM, format_frame, neutralise, publish_csv, publish_rows


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-1e9", "-1e9"),
        ("中国", "中国"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise(cell, shown):
    assert neutralise(cell) == shown


def test_format_frame_writes_integers_as_integers_and_neutralises():
    frame = pd.DataFrame({"entity": ["=1+1", "美国"], "value": [200.0, 1.5], "high": [None, -3.0]})
    assert format_frame(frame) == "entity,value,high\n'=1+1,200,\n美国,1.5,-3\n"


def test_publish_csv_keeps_rows_and_neutralises(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('title,value\n"=cmd|x",-5\n"@evil, with comma",7\n', "utf-8")
    publish_csv(source, tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(BOM.encode("utf-8") + b"title,")  # one byte-order mark, then the header
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["title", "value"], ["'=cmd|x", "-5"], ["'@evil, with comma", "7"]]


def test_publish_rows_starts_with_a_bom_so_spreadsheets_read_chinese(tmp_path):
    target = publish_rows(
        ["entity", "entity_en", "value"], [["中国", "China", 200]], tmp_path / "t"
    )
    raw = target.read_bytes()
    assert raw == "\ufeffentity,entity_en,value\n中国,China,200\n".encode()
    assert raw.count(b"\xef\xbb\xbf") == 1
