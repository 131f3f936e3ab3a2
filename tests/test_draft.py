"""Tests for helpers.draft: proposed exclusions for the numbers no fact uses."""

from helpers import paths
from helpers.corpus import load_sources
from helpers.draft import draft_excluded
from helpers.ledger import load_excluded


def test_draft_excluded_of_real_data_is_what_is_listed():
    real_sources = load_sources(paths.SEEDS_DIR)
    draft = draft_excluded(paths.DATA_DIR, real_sources)
    listed = load_excluded(paths.DATA_DIR)
    assert list(zip(draft["source_id"], draft["start"], draft["surface"], strict=True)) == list(
        zip(listed["source_id"], listed["start"], listed["surface"], strict=True)
    )
    assert (listed["reason"].str.len() > 0).all()
