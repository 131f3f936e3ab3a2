"""The live workspace (seeds/ and data/ as the curator left them) validates; the pin still holds."""

import hashlib
import subprocess
import sys

from conftest import LIVE_ROOT
from pinned import read_pins

from helpers import paths


def test_the_live_seeds_and_data_validate():
    seeds, data = LIVE_ROOT / "seeds", LIVE_ROOT / "data"
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--seeds", str(seeds), "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def test_the_tests_read_the_pinned_copy_not_the_live_folders():
    assert paths.SEEDS_DIR != (LIVE_ROOT / "seeds").resolve()
    assert paths.DATA_DIR != (LIVE_ROOT / "data").resolve()
    pinned = sorted(p.name for p in paths.SEEDS_DIR.glob("*.txt"))
    assert pinned == sorted(name for name, _ in read_pins().values())


def test_every_pinned_seed_is_listed_unchanged_in_the_live_manifest():
    from helpers.corpus import load_sources

    live = {s.source_id: (s.file, s.sha256) for s in load_sources(LIVE_ROOT / "seeds")}
    for source_id, (name, sha256) in read_pins().items():
        assert live[source_id] == (name, sha256)
        assert hashlib.sha256((LIVE_ROOT / "seeds" / name).read_bytes()).hexdigest() == sha256
