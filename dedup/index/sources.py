"""Find the sources of one draft in an archive: what ``dedup lint --against`` runs first.

Against an index file: the draft's band keys are looked up in an in-memory
``BandIndex`` of the stored signatures, and, for archives up to ``BRUTE_MAX``
articles, every stored signature is also compared with the draft's. That second pass
catches the drafts LSH alone misses: a draft that lifted three paragraphs of a
long story has a low Jaccard with it but most of its own text inside it.
Against a folder or files: the articles are signed in memory and compared the
same way. Either way, candidates are then verified on their true shingles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dedup.errors import InputError
from dedup.index.corpus import Failure, iter_articles, sign_articles, sign_one
from dedup.index.lsh import BandIndex
from dedup.index.shingle import shingle_hashes
from dedup.index.signature import Scheme
from dedup.index.store import _SQLITE_MAGIC, IndexStore, SignedArticle
from dedup.index.verify import estimated_overlap, true_overlap
from dedup.ingest import iter_paths
from dedup.model import Article

__all__ = ["BRUTE_MAX", "SourceHit", "find_source_hits", "find_sources", "is_index_file"]

BRUTE_MAX = 250_000  # up to this many articles, every signature is compared (a few ms per 10k)
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class SourceHit:
    """An archive article the draft shares text with: the share of the draft's shingles in it, and of its in the draft."""

    article: Article
    draft_in_source: float
    source_in_draft: float
    jaccard: float

    @property
    def score(self) -> float:
        return max(self.draft_in_source, self.source_in_draft)


def is_index_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a file that starts like SQLite (an index, or a broken one to report)."""
    p = Path(path)
    if not p.is_file():
        return False
    try:
        with p.open("rb") as fh:
            return fh.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def find_sources(
    draft: Article,
    against: str | os.PathLike[str] | list[str | os.PathLike[str]],
    *,
    threshold: float = 0.15,
    failures: list[Failure] | None = None,
) -> list[Article]:
    """The archive articles ``draft`` shares text with, most shared first.

    ``against`` is an index file (``dedup index add``) or a folder / files /
    list of them. ``threshold`` is the least true share of the draft's
    shingles inside an article (or of the article's inside the draft) to
    count. The draft itself (same text) is never its own source. Unreadable
    files under a folder go to ``failures`` when given, else raise
    ``InputError``; a broken index raises ``IndexError_``.
    """
    return [h.article for h in find_source_hits(draft, against, threshold=threshold, failures=failures)]


def find_source_hits(
    draft: Article,
    against: str | os.PathLike[str] | list[str | os.PathLike[str]],
    *,
    threshold: float = 0.15,
    failures: list[Failure] | None = None,
) -> list[SourceHit]:
    """``find_sources`` with the overlap figures of each source."""
    paths = against if isinstance(against, list) else [against]
    if len(paths) == 1 and is_index_file(paths[0]):
        with IndexStore(paths[0]) as store:
            return _from_store(draft, store, threshold)
    for p in paths:
        if not Path(p).exists():
            raise InputError(str(p), "no such file or folder")
    errors: list[Failure] = [] if failures is None else failures
    signed = _signed_folder(paths, errors)
    if failures is None and errors:
        raise InputError(errors[0].path, errors[0].problem)
    return _from_signed(draft, signed, threshold)


_folder_cache: list[tuple[tuple, list[SignedArticle], list[Failure]]] = []


def _signed_folder(paths: list, errors: list[Failure]) -> list[SignedArticle]:
    """The folder's articles, signed; kept while no file changes, so linting many drafts reads it once."""
    key_parts = []
    for p in iter_paths(paths):
        try:
            st = p.stat()
            key_parts.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            key_parts.append((str(p), -1, -1))
    key = (tuple(str(p) for p in paths), tuple(key_parts))
    if _folder_cache and _folder_cache[0][0] == key:
        errors.extend(_folder_cache[0][2])
        return _folder_cache[0][1]
    mine: list[Failure] = []
    signed = list(sign_articles(iter_articles(paths, mine), Scheme()))
    _folder_cache[:] = [(key, signed, mine)]
    errors.extend(mine)
    return signed


def _verify(draft: Article, scheme: Scheme, candidates: list[Article], threshold: float) -> list[SourceHit]:
    mine = shingle_hashes(draft, scheme.shingle)
    hits = []
    for art in candidates:
        if art.text == draft.text:
            continue
        ov = true_overlap(mine, shingle_hashes(art, scheme.shingle))
        if ov.containment >= threshold:
            hits.append(SourceHit(art, ov.a_in_b, ov.b_in_a, ov.jaccard))
    hits.sort(key=lambda h: (-h.score, h.article.path))
    return hits


def _top(est: np.ndarray, threshold: float) -> np.ndarray:
    keep = np.flatnonzero(est >= threshold / 2)
    return keep[np.argsort(-est[keep], kind="stable")][:MAX_CANDIDATES]


def _from_signed(draft: Article, signed: list[SignedArticle], threshold: float) -> list[SourceHit]:
    if not signed:
        return []
    scheme = Scheme()
    me = sign_one(draft, scheme)
    sigs = np.stack([s.signature for s in signed])
    sizes = np.array([s.n_shingles for s in signed])
    rows = _top(estimated_overlap(me.signature, me.n_shingles, sigs, sizes), threshold)
    return _verify(draft, scheme, [signed[i].article for i in rows], threshold)


_store_cache: list[tuple[tuple, object]] = []


def _store_sketches(store: IndexStore):
    """All signatures (up to ``BRUTE_MAX`` articles) or a ``BandIndex``, kept while the index file is unchanged."""
    stamp = []
    for suffix in ("", "-wal"):  # an empty WAL comes and goes with every connection: it changes nothing
        try:
            st = Path(store.path + suffix).stat()
            stamp.append((st.st_mtime_ns, st.st_size, st.st_ino) if st.st_size else None)
        except OSError:
            stamp.append(None)
    key = (str(Path(store.path).resolve()), tuple(stamp))
    if _store_cache and _store_cache[0][0] == key:
        return _store_cache[0][1]
    value = store.signatures() if len(store) <= BRUTE_MAX else store.band_index()
    _store_cache[:] = [(key, value)]
    return value


def _from_store(draft: Article, store: IndexStore, threshold: float) -> list[SourceHit]:
    scheme = store.scheme
    me = sign_one(draft, scheme)
    if not me.n_shingles:
        return []
    loaded = _store_sketches(store)
    if isinstance(loaded, BandIndex):
        ids = {i for i, _ in loaded.query(me.signature)}
    else:  # every signature (a superset of what band keys find): catches drafts that took a small part
        all_ids, sigs, sizes = loaded
        est = estimated_overlap(me.signature, me.n_shingles, sigs, sizes)
        ids = set(all_ids[_top(est, threshold)].tolist())
    if not ids:
        return []
    order = sorted(ids)
    sigs, sizes = store.signature_of(order)
    est = estimated_overlap(me.signature, me.n_shingles, sigs, sizes)
    chosen = [order[i] for i in _top(est, threshold)]
    return _verify(draft, scheme, store.articles(chosen), threshold)
