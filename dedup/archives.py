"""Archives: JSON Lines and CSV files holding many articles, streamed record by record.

A record's text field becomes the ``Article``'s text as it stands (offsets
index it); its metadata fields map to the article's. A bad record is one
error naming its line, and the rest of the archive is still read.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from dedup import ingest  # its MAX_BYTES read at call time: one limit for every reader
from dedup.errors import DedupError, InputError
from dedup.ingest import _SNIFF, META_FIELDS, _name, _open_regular, article_from_text, decode
from dedup.model import Article

__all__ = ["TEXT_FIELDS", "iter_csv", "iter_jsonl"]

TEXT_FIELDS = ("text", "body", "content", "article", "maintext")

_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: str) -> str:
    """JSON can carry lone surrogates ("\\ud800") no file can hold; one U+FFFD each keeps offsets."""
    try:
        value.encode("utf-8")  # fails only on a surrogate, at C speed (a regex scan costs 10x more)
        return value
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)


def _record_article(record: dict, path: str, where: str | None = None) -> Article:
    text = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    if text is None:
        raise InputError(where or path, f"no text field (one of {', '.join(TEXT_FIELDS)})")
    meta: dict[str, str | None] = {}
    for field, names in META_FIELDS.items():
        value = next((record[n] for n in names if record.get(n)), None)
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        meta[field] = _clean(str(value)) if value is not None else None
    rid = record.get("id")
    name = f"{path}#{_clean(str(rid))}" if rid not in (None, "") else path
    return article_from_text(_clean(text), name, **meta)  # type: ignore[arg-type]  # meta keys are META_FIELDS only


def iter_jsonl(path: Path, errors: list[DedupError] | None) -> Iterator[Article]:
    """The articles of a JSON Lines archive, one per line (``errors``: as ``read_articles``)."""
    with _open_regular(path, limit=1 << 50, buffering=_SNIFF) as fh:
        lineno = 0
        while True:
            try:
                raw = fh.readline(ingest.MAX_BYTES + 1)
            except OSError as err:
                raise InputError(_name(path), err.strerror or str(err)) from None
            if not raw:
                return
            lineno += 1
            where = f"{_name(path)}:{lineno}"
            try:
                if len(raw) > ingest.MAX_BYTES and not raw.endswith(b"\n"):
                    while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # skip the rest of an over-long line without holding it
                    raise InputError(where, f"line longer than {ingest.MAX_BYTES / 1e6:.0f} MB")
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw.decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
                    raise InputError(where, f"malformed JSON line ({err})") from None
                if not isinstance(record, dict):
                    raise InputError(where, "a JSON line must be an object")
                record.setdefault("id", lineno)
                yield _record_article(record, _name(path), where)
            except InputError as err:
                if errors is None:
                    raise
                errors.append(err)


def _text_stream(fh: io.BufferedReader, path: Path) -> io.TextIOWrapper:
    """Decode a streamed archive: UTF-8 when its first megabyte is, else the encoding detected there."""
    head = fh.peek(_SNIFF)[:_SNIFF]
    if not head.strip():
        raise InputError(_name(path), "file is empty")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        _, encoding = decode(head, _name(path))
    return io.TextIOWrapper(fh, encoding=encoding, newline="")


def iter_csv(path: Path, errors: list[DedupError] | None) -> Iterator[Article]:
    """The articles of a CSV archive with a header row, one per row (``errors``: as ``read_articles``)."""
    fh = _open_regular(path, limit=1 << 50, buffering=_SNIFF)  # so peek() sees the first megabyte
    with fh:
        stream = _text_stream(fh, path)
        csv.field_size_limit(ingest.MAX_BYTES)
        reader = csv.DictReader(stream, strict=True)
        rowno = 1
        while True:
            try:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as err:
                    # Past a broken quote the rows cannot be told apart: stop this archive here.
                    raise InputError(f"{_name(path)}:{reader.line_num}", f"malformed CSV ({err}); rest of file skipped") from None
                except UnicodeDecodeError as err:
                    raise InputError(f"{_name(path)}:{reader.line_num + 1}", f"cannot decode ({err.reason}); rest of file skipped") from None
                rowno += 1
                if None in row:
                    raise InputError(f"{_name(path)}:{reader.line_num}", "row has more fields than the header")
                if not row.get("id"):
                    row["id"] = str(rowno)
                yield _record_article(row, _name(path), f"{_name(path)}:{reader.line_num}")
            except InputError as err:
                if errors is None:
                    raise
                errors.append(err)
                if "rest of file skipped" in err.problem:
                    return
