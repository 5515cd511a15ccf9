"""The persistent index: one SQLite file (WAL) of articles, signatures and LSH band keys.

Tables: ``meta`` (application id, schema version, signature scheme),
``articles`` (text, metadata, content hash) and ``sketches`` (shingle count,
signature and its LSH band keys, little-endian blobs), apart so that loading
every signature reads 700 bytes per article, not the texts too. Band keys are not a table of
their own: 64 B-tree rows per article made ``index add`` seven times slower,
while loading the key blobs into a ``BandIndex`` (sorted numpy arrays) takes
a fraction of a second per 100,000 articles and answers a query in
microseconds. Every batch is one transaction: an interrupted
``index add`` leaves the file as it was. A file that is not SQLite, an SQLite
file of another application, or an index of a newer schema is refused with an
``IndexError_``; nothing is ever rebuilt silently.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dedup.errors import IndexError_
from dedup.index.lsh import BandIndex, band_keys
from dedup.index.signature import Scheme
from dedup.model import Article, Span

__all__ = ["APP_ID", "SCHEMA_VERSION", "IndexStats", "IndexStore", "SignedArticle"]

APP_ID = "dedup-index"
SCHEMA_VERSION = 2  # 2: signatures and band keys in their own `sketches` table
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    title TEXT, author TEXT, outlet TEXT, date TEXT, url TEXT,
    encoding TEXT NOT NULL DEFAULT 'utf-8',
    excluded TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL
);
CREATE TABLE sketches (
    id INTEGER PRIMARY KEY,
    n_shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    bands BLOB NOT NULL
);
CREATE INDEX articles_path ON articles(path);
"""


@dataclass(frozen=True)
class SignedArticle:
    """An article with its content hash, MinHash signature and number of distinct shingles."""

    article: Article
    content_hash: str
    signature: np.ndarray
    n_shingles: int
    shingles: np.ndarray | None = None  # the sorted shingle hashes, when the caller asked to keep them


@dataclass(frozen=True)
class IndexStats:
    """What ``dedup index stats`` shows."""

    path: str
    articles: int
    band_keys: int
    outlets: int
    first_date: str | None
    last_date: str | None
    file_bytes: int
    scheme: Scheme
    schema_version: int


class IndexStore:
    """An open index file. Use as a context manager; ``create=True`` makes a new file if none exists."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False, scheme: Scheme | None = None) -> None:
        self.path = str(path)
        p = Path(path)
        fresh = not p.exists() or p.stat().st_size == 0
        if fresh and not create:
            raise IndexError_(self.path, "no such index (create one with 'dedup index add')")
        if not fresh:
            _check_magic(p)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise IndexError_(self.path, f"cannot open index ({err})") from None
        try:
            if fresh:
                self.scheme = scheme or Scheme()
                self._create()
            else:
                self.scheme = self._check_meta()
                if scheme is not None and scheme != self.scheme:
                    raise IndexError_(self.path, f"index was built with {self.scheme}, not {scheme}")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as err:
            self.db.close()
            raise IndexError_(self.path, f"corrupt index ({err})") from None
        except BaseException:
            self.db.close()
            raise

    # -- opening -------------------------------------------------------------------------------

    def _create(self) -> None:
        with self.transaction():
            for statement in filter(str.strip, _SCHEMA.split(";")):
                self.db.execute(statement)
            rows = [("application", APP_ID), ("schema_version", str(SCHEMA_VERSION))]
            rows += [(f"scheme.{k}", str(v)) for k, v in self.scheme.as_dict().items()]
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", rows)

    def _check_meta(self) -> Scheme:
        try:
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError:
            raise IndexError_(self.path, "an SQLite file, but not a dedup index (no meta table)") from None
        if meta.get("application") != APP_ID:
            raise IndexError_(self.path, "an SQLite file, but not a dedup index")
        version = int(meta.get("schema_version", "0") or 0)
        if version > SCHEMA_VERSION:
            raise IndexError_(self.path, f"index schema {version} is newer than this dedup ({SCHEMA_VERSION}); upgrade dedup")
        if version < 1:
            raise IndexError_(self.path, f"unknown index schema version {version!r}")
        if version < SCHEMA_VERSION:
            raise IndexError_(self.path, f"index schema {version} is older than this dedup ({SCHEMA_VERSION}); "
                                         "build a new index with 'dedup index add'")
        try:
            return Scheme.from_dict({k[7:]: v for k, v in meta.items() if k.startswith("scheme.")})
        except (TypeError, ValueError) as err:
            raise IndexError_(self.path, f"index records an unusable signature scheme ({err})") from None

    def __enter__(self) -> IndexStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing -------------------------------------------------------------------------------

    class _Txn:
        def __init__(self, store: IndexStore) -> None:
            self.store = store

        def __enter__(self) -> None:
            self.store.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
            self.store.db.execute("COMMIT" if exc_type is None else "ROLLBACK")

    def transaction(self) -> IndexStore._Txn:
        """All writes inside commit together or not at all (also on Ctrl-C)."""
        return IndexStore._Txn(self)

    def content_hashes(self) -> set[str]:
        return {h for (h,) in self._query("SELECT content_hash FROM articles")}

    def add(self, items: Iterable[SignedArticle]) -> int:
        """Insert articles not yet present (by content hash); return how many were new.

        Call inside ``transaction()`` to make a whole batch atomic.
        """
        added = 0
        try:
            for chunk in _chunks(items, 2048):
                sigs = np.stack([s.signature for s in chunk]).astype(np.uint32)
                keys = band_keys(sigs, self.scheme).astype("<u8")
                before = self.db.total_changes
                self.db.executemany(
                    "INSERT OR IGNORE INTO articles (content_hash, path, title, author, outlet, date, url,"
                    " encoding, excluded, extra, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (item.content_hash, a.path, a.title, a.author, a.outlet, a.date, a.url, a.encoding,
                         json.dumps([[s.start, s.end] for s in a.excluded]), json.dumps([list(e) for e in a.extra]),
                         a.text)
                        for item in chunk
                        for a in (item.article,)
                    ],
                )
                added += self.db.total_changes - before
                self.db.executemany(
                    "INSERT OR IGNORE INTO sketches (id, n_shingles, signature, bands)"
                    " SELECT id, ?, ?, ? FROM articles WHERE content_hash = ?",
                    [
                        (item.n_shingles, sig.astype("<u4").tobytes(), kk.tobytes() if item.n_shingles else b"",
                         item.content_hash)
                        for item, sig, kk in zip(chunk, sigs, keys, strict=True)
                    ],
                )
        except sqlite3.DatabaseError as err:
            raise IndexError_(self.path, f"cannot write to index ({err})") from None
        return added

    def remove(self, *, hashes: Sequence[str] = (), paths: Sequence[str] = (), prefixes: Sequence[str] = ()) -> int:
        """Delete articles by content hash, stored path (records of an archive too) or folder; return how many went."""
        ids: set[int] = set()
        for h in hashes:
            ids.update(i for (i,) in self._query("SELECT id FROM articles WHERE content_hash = ?", (h,)))
        for p in paths:
            ids.update(i for (i,) in self._query("SELECT id FROM articles WHERE path = ? OR path LIKE ? ESCAPE '\\'",
                                                  (p, _like_prefix(p) + "#%")))
        for p in prefixes:
            folder = str(Path(p)).rstrip("/\\") + "/"
            ids.update(i for (i,) in self._query("SELECT id FROM articles WHERE path LIKE ? ESCAPE '\\'",
                                                  (_like_prefix(folder) + "%",)))
        try:
            self.db.executemany("DELETE FROM sketches WHERE id = ?", ((i,) for i in sorted(ids)))
            self.db.executemany("DELETE FROM articles WHERE id = ?", ((i,) for i in sorted(ids)))
        except sqlite3.DatabaseError as err:
            raise IndexError_(self.path, f"cannot write to index ({err})") from None
        return len(ids)

    # -- reading -------------------------------------------------------------------------------

    def _query(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as err:
            raise IndexError_(self.path, f"corrupt index ({err})") from None

    def __len__(self) -> int:
        return self._query("SELECT count(*) FROM articles")[0][0]

    def signatures(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(ids, signatures, n_shingles)`` of every article, for an in-memory index."""
        rows = self._query("SELECT id, n_shingles, signature FROM sketches ORDER BY id")
        n, p = len(rows), self.scheme.num_perm
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
        sizes = np.fromiter((r[1] for r in rows), dtype=np.int64, count=n)
        sigs = np.frombuffer(b"".join(r[2] for r in rows), dtype="<u4").astype(np.uint32) if n else np.empty(0, np.uint32)
        if sigs.size != n * p:
            raise IndexError_(self.path, "corrupt index (signature of the wrong length)")
        return ids, sigs.reshape(n, p), sizes

    def band_index(self) -> BandIndex:
        """An in-memory LSH index of every article with words (ids are article ids)."""
        rows = self._query("SELECT id, signature, bands FROM sketches WHERE n_shingles > 0 ORDER BY id")
        n, p, b = len(rows), self.scheme.num_perm, self.scheme.bands
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
        sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype="<u4")
        keys = np.frombuffer(b"".join(r[2] for r in rows), dtype="<u8")
        if sigs.size != n * p or keys.size != n * b:
            raise IndexError_(self.path, "corrupt index (signature or band keys of the wrong length)")
        return BandIndex(sigs.reshape(n, p), self.scheme, ids, keys.reshape(n, b))

    def signature_of(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Signatures and shingle counts of some articles, in the order given."""
        out = np.empty((len(ids), self.scheme.num_perm), dtype=np.uint32)
        sizes = np.empty(len(ids), dtype=np.int64)
        for n, i in enumerate(ids):
            row = self._query("SELECT n_shingles, signature FROM sketches WHERE id = ?", (int(i),))
            if not row:
                raise KeyError(i)
            sizes[n] = row[0][0]
            out[n] = np.frombuffer(row[0][1], dtype="<u4")
        return out, sizes

    def articles(self, ids: Sequence[int]) -> list[Article]:
        """The stored articles, in the order given."""
        return [self.article(i) for i in ids]

    def article(self, i: int) -> Article:
        rows = self._query(
            "SELECT path, text, title, author, outlet, date, url, encoding, excluded, extra FROM articles WHERE id = ?",
            (int(i),),
        )
        if not rows:
            raise KeyError(i)
        path, text, title, author, outlet, date, url, encoding, excluded, extra = rows[0]
        try:
            spans = tuple(Span(int(s), int(e)) for s, e in json.loads(excluded))
            extras = tuple((str(k), str(v)) for k, v in json.loads(extra))
        except (ValueError, TypeError) as err:
            raise IndexError_(self.path, f"corrupt index (article {i}: {err})") from None
        return Article(path=path, text=text, title=title, author=author, outlet=outlet, date=date, url=url,
                       encoding=encoding, excluded=spans, extra=extras)

    def iter_ids(self) -> Iterator[int]:
        for (i,) in self._query("SELECT id FROM articles ORDER BY id"):
            yield i

    def stats(self) -> IndexStats:
        n, outlets, first, last = self._query(
            "SELECT count(*), count(DISTINCT outlet), min(date), max(date) FROM articles")[0]
        keys = self._query("SELECT count(*) FROM sketches WHERE n_shingles > 0")[0][0] * self.scheme.bands
        size = sum(Path(self.path + s).stat().st_size for s in ("", "-wal") if Path(self.path + s).exists())
        return IndexStats(self.path, n, keys, outlets, first, last, size, self.scheme, SCHEMA_VERSION)


def _check_magic(p: Path) -> None:
    try:
        with p.open("rb") as fh:
            head = fh.read(16)
    except IsADirectoryError:
        raise IndexError_(str(p), "is a folder, not an index file") from None
    except OSError as err:
        raise IndexError_(str(p), f"cannot read index ({err.strerror or err})") from None
    if head != _SQLITE_MAGIC:
        raise IndexError_(str(p), "not a dedup index (not an SQLite file)")


def _like_prefix(p: str) -> str:
    return p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _chunks(items: Iterable[SignedArticle], size: int) -> Iterator[list[SignedArticle]]:
    chunk: list[SignedArticle] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
