"""The word-count cache: same words as pyspellchecker's own list, and a broken cache is ignored."""

from __future__ import annotations

from dedup import lexicon


def test_cache_is_written_then_read_back_identically(tmp_path, monkeypatch):
    monkeypatch.setenv("DEDUP_CACHE_DIR", str(tmp_path))
    fresh = lexicon._word_counts()
    (cache,) = tmp_path.iterdir()
    assert cache.name.endswith(".marshal")
    assert lexicon._word_counts() == fresh
    assert fresh["the"] > fresh["beleaguered"] > 0 and "beleagured" not in fresh


def test_corrupt_or_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("DEDUP_CACHE_DIR", str(tmp_path))
    reference = lexicon._word_counts()
    (cache,) = tmp_path.iterdir()
    cache.write_bytes(b"\x00garbage")
    assert lexicon._word_counts() == reference
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DEDUP_CACHE_DIR", str(blocker / "sub"))
    assert lexicon._word_counts() == reference


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DEDUP_CACHE_DIR", "off")
    assert lexicon._cache_file() is None
    assert lexicon._word_counts()
