"""Shared fixtures: the pinned corpus, copies of it to break, and Hypothesis profiles."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from pinned import PINNED_PREFIX, build_pinned_workspace, remove_stale_pinned

LIVE_ROOT = Path(__file__).resolve().parent.parent
# Before helpers is imported: every default seeds/data folder (here and in the CLI processes the
# tests start) is the pinned copy, so a curator's new document cannot change what tests expect.
_PINNED = Path(tempfile.mkdtemp(prefix=f"{PINNED_PREFIX}{os.getpid()}-"))
atexit.register(shutil.rmtree, _PINNED, ignore_errors=True)
os.environ["CUAR_SEEDS_DIR"] = str(_PINNED / "seeds")
os.environ["CUAR_DATA_DIR"] = str(_PINNED / "data")
remove_stale_pinned(Path(tempfile.gettempdir()))  # left by test runs that were killed
build_pinned_workspace(LIVE_ROOT, _PINNED)

from helpers import paths  # noqa: E402

settings.register_profile(
    "ci", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """Return a writable copy of seeds/ (documents and sources.csv)."""
    target = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a writable copy of data/."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def rewrite_manifest(seeds_dir: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a seeds copy's sources.csv (test helper)."""
    manifest = seeds_dir / paths.MANIFEST_NAME
    text = manifest.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in manifest"
    manifest.write_text(text.replace(old, new, count), encoding="utf-8")


def find_snapshot_mirror() -> Path | None:
    """Return the folder of primary-data snapshot copies (../shared/primary), or None."""
    mirror = Path(os.environ.get("SNAPSHOT_MIRROR") or paths.ROOT.parent / "shared" / "primary")
    return mirror if mirror.is_dir() else None


@pytest.fixture(scope="session")
def snapshot_mirror() -> Path:
    """Return the snapshot mirror; skip outside CI when it is absent, fail under CI."""
    mirror = find_snapshot_mirror()
    if mirror is None:
        reason = "no snapshot mirror (../shared/primary or $SNAPSHOT_MIRROR)"
        if os.environ.get("CI"):
            pytest.fail(reason + ": CI must have it beside the clone")
        pytest.skip(reason)
    return mirror


@pytest.fixture(scope="session")
def snapshots_dir(snapshot_mirror: Path, tmp_path_factory) -> Path:
    """Return a folder holding the real snapshots, fetched once per session from the mirror."""
    from helpers.snapshots import fetch_snapshots

    out = tmp_path_factory.mktemp("snapshots")
    results = fetch_snapshots(paths.DATA_DIR, out, snapshot_mirror)
    assert all(r.ok for r in results), [r.message for r in results]
    return out


@pytest.fixture(scope="module")  # a module's tests share one table, as before
def models(snapshots_dir: Path):
    """Return the tidy models table of the real snapshot."""
    from helpers import primary

    return primary.load_models(snapshots_dir)


@pytest.fixture(scope="module")
def capabilities(snapshots_dir: Path):
    """Return the tidy Capabilities Index table of the real snapshot."""
    from helpers import primary

    return primary.load_capabilities(snapshots_dir)


@pytest.fixture(scope="session", autouse=True)
def project_snapshots() -> None:
    """Fetch the snapshots into build/snapshots as `make test` does, so plain pytest works too."""
    from helpers.snapshots import fetch_snapshots

    mirror = find_snapshot_mirror()
    if mirror is not None:
        fetch_snapshots(paths.DATA_DIR, paths.SNAPSHOTS_DIR, mirror)


def append_source(seeds_dir: Path, **fields: str) -> None:
    """Append a sources.csv row: ``fields`` by column name, other columns empty (test helper)."""
    import csv

    manifest = seeds_dir / paths.MANIFEST_NAME
    with manifest.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with manifest.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([fields.get(c, "") for c in header])


EXAMPLE_ARTICLE = paths.ROOT / "docs" / "examples" / "genai_watch_2025_02.txt"
EXAMPLE_ID = "genai_watch_2025_02"


def fill_english_names(data_dir: Path) -> None:
    """Give every lexicon row of a data copy an English name (a stand-in "EN <name>" where the
    row has none yet), as validate requires of a fact's entity (test helper)."""
    import csv

    path = data_dir / "lexicon.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "name_en": row["name_en"] or f"EN {row['name']}"})


@pytest.fixture
def added(seeds_copy: Path, data_copy: Path) -> tuple[Path, Path]:
    """Return (seeds, data) copies holding the example article, added and not yet curated."""
    from helpers.intake import add_document

    fill_english_names(data_copy)
    add_document(
        EXAMPLE_ARTICLE,
        seeds_copy,
        {"published": "2025-02", "title": "2025年初中美生成式人工智能竞争观察",
         "title_en": "China and the US in generative AI, early 2025"},
    )  # fmt: skip
    return seeds_copy, data_copy


def snapshot_folder(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` by relative path with its bytes (test helper)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
