"""Property tests: the manifest loader raises only UserError, and loaded texts match their bytes."""

import codecs
import hashlib
import tempfile
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from helpers.corpus import COLUMNS, LANGUAGES, load_sources, read_manifest
from helpers.errors import UserError

NAMES = ["a.txt", "b.txt", "c.TXT", "d.md", "sources.txt", "x y.txt", "文档.txt"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "latin-1"]
DECLARED = [*ENCODINGS, "", "rot13", "hex", "zlib", "undefined", "punycode", "idna", "nope"]
SAMPLE = "中国发布的论文数量为12450篇，约占全球的47%。\r\nGPT-4o 于2024年5月发布\r"

texts = st.one_of(st.text(max_size=40), st.just(SAMPLE), st.sampled_from(["", "\ufeff", "\x00"]))


@st.composite
def documents(draw) -> bytes:
    """Return document bytes: random, or text in some encoding, maybe with a byte-order mark."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.binary(max_size=60))
    text = draw(texts)
    encoding = draw(st.sampled_from(ENCODINGS))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if draw(st.booleans()) and encoding in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    return data


@st.composite
def field_values(draw, good: str, extra: list[str]) -> str:
    """Return one manifest field: mostly ``good``, else a plausible mistake or random text."""
    roll = draw(st.integers(0, 59))
    if roll == 0 and len(extra) != 1:
        return draw(st.text(max_size=12))
    if roll <= 2 and extra:
        return draw(st.sampled_from(extra))
    return good


@st.composite
def seeds(draw, hostile: bool = True) -> tuple[bytes, dict[str, bytes | None]]:
    """Return (manifest bytes, {name: bytes, or None for a folder}); tidy unless ``hostile``."""
    files = draw(
        st.dictionaries(
            st.one_of(st.sampled_from(NAMES), st.from_regex(r"[a-z.]{1,8}", fullmatch=True)),
            st.one_of(documents(), st.none()),
            min_size=1,
            max_size=4,
        )
    )
    files.pop("sources.csv", None)
    files = {k: v for k, v in files.items() if k not in ("", ".", "..")}
    header = list(COLUMNS)
    if draw(st.booleans()):
        header.append("encoding")
    if hostile and draw(st.integers(0, 7)) == 0:
        header.remove(draw(st.sampled_from(header)))
    if hostile and draw(st.integers(0, 4)) == 0:
        header.append(draw(st.sampled_from(["extra", "source_id", "", "file"])))
    header = draw(st.permutations(header))
    rows = []
    if not hostile:
        files = {k: v for k, v in files.items() if v is not None and k.endswith(".txt")}
    listed = sorted((k, v) for k, v in files.items() if v is not None or draw(st.booleans()))
    for index, (name, data) in enumerate(listed):
        digest = hashlib.sha256(data or b"").hexdigest()
        good = {
            "source_id": f"doc{index}",
            "file": name,
            "sha256": digest,
            "title": "标题",
            "published": "2024-08",
            "language": "zh-Hans",
            "encoding": "",
        }
        extra = {
            "source_id": ["doc0", "Doc", "a b"],
            "file": ["../../etc/passwd", "/etc/passwd", "missing.txt", *NAMES],
            "sha256": [digest.upper(), "0" * 64, digest[:-1]],
            "published": ["2024-02-30", "2024", "2024-13", "24-08", "٢٠٢٤", "2024-02-29"],
            "language": ["zh-CN", *LANGUAGES],
            "encoding": DECLARED,
        }
        if not hostile:
            extra = {"encoding": DECLARED}
        rows.append([draw(field_values(good.get(c, "x"), extra.get(c, []))) for c in header])
    if hostile and draw(st.integers(0, 5)) == 0:
        rows.append(draw(st.lists(st.text(max_size=6), max_size=4)))
    manifest = "\n".join(",".join(_quote(v) for v in row) for row in [header, *rows]) + "\n"
    if hostile and draw(st.integers(0, 11)) == 0:
        manifest = draw(st.text(max_size=80))
    data = manifest.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])), "replace")
    if hostile and draw(st.integers(0, 19)) == 0:
        data = draw(st.binary(max_size=80))
    return data, files


def _quote(value: str) -> str:
    """Return ``value`` as a CSV field, quoted only sometimes (quoting mistakes are wanted too)."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def expected_text(data: bytes, encoding: str) -> str:
    """Return what ``data`` should decode to: declared encoding, else BOM, else UTF-8."""
    if encoding:
        return data.decode(encoding)
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le")
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be")
    return data.decode("utf-8")


@given(seeds())
def test_load_sources_raises_only_user_error_and_texts_round_trip(example):
    check_seeds(*example)


@given(seeds(hostile=False))
def test_tidy_manifests_load_and_decode_per_bom_or_declared_encoding(example):
    check_seeds(*example)


def check_seeds(manifest: bytes, files: dict[str, bytes | None]) -> None:
    """Load a seeds dir made of ``files`` and ``manifest``: UserError, or texts that round-trip."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "seeds"
        root.mkdir()
        for name, data in files.items():
            if data is None:
                (root / name).mkdir()
            else:
                (root / name).write_bytes(data)
        (root / "sources.csv").write_bytes(manifest)
        try:
            sources = load_sources(root)
        except UserError as exc:
            event("refused")
            assert "\n" not in str(exc) and str(exc).strip()
            return
        event(f"loaded {len(sources)} source(s)")
        declared = {row["source_id"]: row.get("encoding", "") for _, row in read_manifest(root)}
        for source in sources:
            data = (root / source.file).read_bytes()
            assert source.path.parent == root and source.path.is_file()
            assert hashlib.sha256(data).hexdigest() == source.sha256
            assert source.text == expected_text(data, declared[source.source_id])
        assert {s.file for s in sources} >= {p.name for p in root.glob("*.txt") if p.is_file()}
