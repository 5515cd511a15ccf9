"""find_sources: the sources of one draft, from a folder or an index file."""

from __future__ import annotations

import shutil

import pytest

from dedup.errors import IndexError_, InputError
from dedup.index.corpus import iter_articles, sign_articles
from dedup.index.sources import find_source_hits, find_sources
from dedup.index.store import IndexStore
from dedup.ingest import read_article


@pytest.fixture()
def archive(tmp_path, seed_paths):
    folder = tmp_path / "archive"
    folder.mkdir()
    for key in ("source", "other"):
        shutil.copy(seed_paths[key], folder / seed_paths[key].name)
    return folder


def test_seed_copy_finds_its_source_in_a_folder(archive, seed_paths):
    draft = read_article(seed_paths["copy"])
    found = find_sources(draft, archive)
    assert [a.path for a in found] == [str(archive / seed_paths["source"].name)]


def test_same_answer_from_an_index(archive, seed_paths, tmp_path):
    db = tmp_path / "x.db"
    with IndexStore(db, create=True) as st, st.transaction():
        st.add(sign_articles(iter_articles([archive], []), st.scheme))
    draft = read_article(seed_paths["copy"])
    from_db = find_source_hits(draft, db)
    from_folder = find_source_hits(draft, archive)
    assert [h.article.path for h in from_db] == [h.article.path for h in from_folder]
    assert from_db[0].draft_in_source == pytest.approx(from_folder[0].draft_in_source)


def test_draft_is_not_its_own_source(archive, seed_paths):
    shutil.copy(seed_paths["copy"], archive / "draft.txt")
    draft = read_article(seed_paths["copy"])
    assert [a.path for a in find_sources(draft, archive)] == [str(archive / seed_paths["source"].name)]


def test_unrelated_draft_has_no_sources(archive, seed_paths, tmp_path):
    (tmp_path / "d.txt").write_text("A quiet council meeting approved the library budget on Tuesday evening.\n")
    assert find_sources(read_article(tmp_path / "d.txt"), archive) == []


def test_bad_against(tmp_path, seed_paths):
    draft = read_article(seed_paths["copy"])
    with pytest.raises(InputError):
        find_sources(draft, tmp_path / "missing")
    (tmp_path / "bad.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(IndexError_):
        find_sources(draft, tmp_path / "bad.db")


def test_folder_changes_are_seen_between_drafts(tmp_path, seed_paths):
    folder = tmp_path / "a"
    folder.mkdir()
    shutil.copy(seed_paths["other"], folder / "other.txt")
    draft = read_article(seed_paths["copy"])
    assert find_sources(draft, folder) == []
    shutil.copy(seed_paths["source"], folder / "source.txt")  # the folder's articles are cached: this must show
    assert [a.path for a in find_sources(draft, folder)] == [str(folder / "source.txt")]


def test_index_changes_are_seen_between_drafts(tmp_path, seed_paths):
    db = tmp_path / "x.db"
    with IndexStore(db, create=True) as st, st.transaction():
        st.add(sign_articles(iter_articles([seed_paths["other"]], []), st.scheme))
    draft = read_article(seed_paths["copy"])
    assert find_sources(draft, db) == []
    with IndexStore(db) as st, st.transaction():  # the index's signatures are cached: this must show
        st.add(sign_articles(iter_articles([seed_paths["source"]], []), st.scheme))
    assert [a.path for a in find_sources(draft, db)] == [str(seed_paths["source"])]
