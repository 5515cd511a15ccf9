"""Read articles from files: plain text, Markdown, HTML, JSON Lines and CSV archives.

Whatever the format, an ``Article``'s ``text`` is what every span indexes: for
text and Markdown the decoded file (BOM dropped, newlines untouched), for HTML
the text trafilatura extracts, for archives the record's text field. Scraper
residue and site furniture are found here and listed in ``Article.excluded``
rather than deleted, so offsets stay true.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import cast

from dedup.errors import DedupError, InputError
from dedup.furniture import find_excluded, guess_date, guess_title
from dedup.model import Article, Span

__all__ = [
    "ARCHIVE_SUFFIXES",
    "ARTICLE_SUFFIXES",
    "MAX_BYTES",
    "MAX_CHARS",
    "decode",
    "iter_paths",
    "read_article",
    "read_stdin_bytes",
    "read_articles",
    "article_from_text",
]

MAX_BYTES = 32 * 1024 * 1024  # one article file (HTML is mostly markup); archives are streamed record by record
# An article's text. The longest news features run to ~150,000 characters. The pairwise
# stages hold sentence-by-sentence matrices (quadratic in sentences): a compare at this
# size peaks near 550 MB and 2,000,000 characters near 1.9 GB, so the limit stays here.
MAX_CHARS = 1_000_000
_SNIFF = 1024 * 1024  # bytes an archive's encoding is guessed from
# HTML extraction costs about 8 s of CPU and 90 MB per megabyte of tag soup (measured with
# trafilatura 2 on 2-20 MB pages of nested divs); a real article page has a few thousand tags.
MAX_HTML_BYTES = 10 * 1024 * 1024
MAX_HTML_TAGS = 100_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARCHIVE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown"} | HTML_SUFFIXES
META_FIELDS = {
    "title": ("title", "headline"),
    "author": ("author", "byline", "authors"),
    "outlet": ("outlet", "source", "publisher", "sitename", "site"),
    "date": ("date", "published", "date_published", "pubdate", "publish_date"),
    "url": ("url", "link"),
}
_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes as UTF-8, else the declared encoding, else a detected one; say which.

    Refuses empty and binary data with a one-line reason naming ``path``.
    """
    if not data.strip():
        raise InputError(path, "file is empty")
    sample = data[:8192]
    # A few stray NULs occur in scraped text; a binary file has many.
    if sample.count(b"\x00") * 100 > len(sample) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    for enc in filter(None, (declared,)):
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise InputError(path, f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no encoding detected")
    try:
        text = data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError) as err:
        raise InputError(path, f"not UTF-8 and not {best.encoding}: {err}") from None
    if _looks_binary(text):
        raise InputError(path, "binary file, not an article")
    return text, best.encoding


def _name(path: str | os.PathLike[str]) -> str:
    """A path as text any output can carry: bytes of a file name that are not UTF-8 (an old
    archive's Latin-1 "caf\\xe9.txt") shown as ``\\xe9`` instead of lone surrogates no JSON,
    terminal or SQLite text can hold."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls > len(sample) * 0.05


def _open_regular(path: Path, limit: int = MAX_BYTES, buffering: int = -1) -> io.BufferedReader:
    """Open a regular file for reading, refusing folders, pipes, devices and sockets.

    Opened non-blocking first, so a named pipe with no writer cannot hang us,
    then checked with ``fstat`` on the very file opened.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(_name(path), "no such file") from None
    except PermissionError:
        raise InputError(_name(path), "permission denied") from None
    except IsADirectoryError:
        raise InputError(_name(path), "is a folder, not a file") from None
    except OSError as err:
        raise InputError(_name(path), err.strerror or str(err)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(_name(path), "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_name(path), "not a regular file (a pipe, device or socket)")
        if st.st_size > limit:
            raise InputError(_name(path), f"too large ({st.st_size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return cast(io.BufferedReader, os.fdopen(fd, "rb", buffering=buffering))
    except BaseException:
        os.close(fd)
        raise


def _read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    with _open_regular(path, limit) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as err:
            raise InputError(_name(path), err.strerror or str(err)) from None
    if len(data) > limit:  # grew while we looked, or a size the file system does not report
        raise InputError(_name(path), f"too large (over {limit / 1e6:.0f} MB)")
    return data


def article_from_text(text: str, path: str, *, encoding: str = "utf-8", **meta: str | None) -> Article:
    """An Article from already-decoded text, with residue found and missing metadata guessed."""
    if not text.strip():
        raise InputError(path, "no article text")
    if len(text) > MAX_CHARS:
        raise InputError(path, f"article text too long ({len(text):,} characters; the limit is {MAX_CHARS:,})")
    extra: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            key, value = key.strip().lower(), value.strip().strip("\"'")
            if sep and value:
                field = next((f for f, names in META_FIELDS.items() if key in names), None)
                if field and not meta.get(field):
                    meta[field] = value
                elif not field:
                    extra[key] = value
    excluded = find_excluded(text)
    if front:  # metadata, not article text: never matched, never a title
        excluded = (Span(0, front.end()), *(e for e in excluded if e.start >= front.end()))
    if not meta.get("date"):
        meta["date"] = guess_date(text)
    if not meta.get("title"):
        meta["title"] = guess_title(text, excluded)
    return Article(
        path=path,
        text=text,
        encoding=encoding,
        excluded=excluded,
        extra=tuple(sorted(extra.items())),
        **{k: (str(v) if v is not None else None) for k, v in meta.items() if k in META_FIELDS},
    )


def _read_html(data: bytes, path: str) -> Article:
    if len(data) > MAX_HTML_BYTES:
        raise InputError(path, f"HTML page too large ({len(data) / 1e6:.0f} MB; the limit is {MAX_HTML_BYTES / 1e6:.0f} MB)")
    if (tags := data.count(b"<")) > MAX_HTML_TAGS:
        raise InputError(path, f"HTML page too complex to extract ({tags:,} tags; the limit is {MAX_HTML_TAGS:,})")
    declared = _META_CHARSET.search(data[:4096])
    text, enc = decode(data, path, declared.group(1).decode("ascii", "ignore") if declared else None)
    try:
        import trafilatura
    except ImportError as err:  # pragma: no cover - a broken install
        raise InputError(path, f"HTML support is not installed ({err})") from None
    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, favor_recall=True, config=_trafilatura_config()
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(path, "no article text found in the HTML")
    meta = {
        "title": getattr(doc, "title", None),
        "author": getattr(doc, "author", None),
        "outlet": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        "date": _stated_date(getattr(doc, "date", None), text),
        "url": getattr(doc, "url", None),
    }
    return article_from_text(body, path, encoding=enc, **meta)


def _stated_date(date: str | None, html: str) -> str | None:
    """trafilatura falls back to today's date; keep a date of today only when the page states it."""
    import datetime

    if date and date == datetime.date.today().isoformat() and date not in html:
        return None
    return date


@lru_cache(maxsize=1)
def _trafilatura_config():
    """Keep short articles (default drops pages under 250 characters) and never time out by signal."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "min_extracted_size", "1")
    config.set("DEFAULT", "min_output_size", "1")
    config.set("DEFAULT", "extraction_timeout", "0")
    return config


def read_articles(path: str | os.PathLike[str], errors: list[DedupError] | None = None) -> Iterator[Article]:
    """Every article in one file: one for an article file, one per record for an archive.

    Archives are streamed record by record. With ``errors`` given, a bad record is
    appended there and skipped (the rest of the archive is still read); without,
    the first bad record raises.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        from dedup.archives import iter_jsonl

        yield from iter_jsonl(p, errors)
    elif suffix == ".csv":
        from dedup.archives import iter_csv

        yield from iter_csv(p, errors)
    else:
        yield read_article(p)


def read_stdin_bytes(name: str) -> bytes:
    """Standard input, at most ``MAX_BYTES`` of it (``cat /dev/zero | dedup lint -`` must not eat the memory)."""
    import sys

    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    data = stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read(MAX_BYTES + 1).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise InputError(name, f"too large (over {MAX_BYTES / 1e6:.0f} MB)")
    return data


def read_article(path: str | os.PathLike[str]) -> Article:
    """One article file (text, Markdown or HTML); ``-`` reads standard input as text."""
    p = Path(path)
    name = _name(path)
    if name == "-":

        text, enc = decode(read_stdin_bytes("<stdin>"), "<stdin>")
        return article_from_text(text, "<stdin>", encoding=enc)
    if p.suffix.lower() in ARCHIVE_SUFFIXES:
        articles = list(islice(read_articles(p), 2))
        if len(articles) != 1:
            raise InputError(name, "archive holds no articles" if not articles else "archive holds several articles; name one file")
        return articles[0]
    data = _read_bytes(p)
    if p.suffix.lower() in HTML_SUFFIXES or data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return _read_html(data, name)
    text, enc = decode(data, name)
    return article_from_text(text, name, encoding=enc)


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named, and the article files under folders named (recursively, sorted, loops skipped)."""
    for path in paths:
        p = Path(path)
        if not p.is_dir():
            yield p
            continue
        seen: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(p, followlinks=True):
            st = os.stat(root)
            if (st.st_dev, st.st_ino) in seen:
                dirs[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                fp = Path(root, f)
                if not f.startswith(".") and fp.suffix.lower() in ARTICLE_SUFFIXES | ARCHIVE_SUFFIXES:
                    yield fp
