"""Reading articles: encodings, formats, residue, and one-line errors for bad input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.errors import InputError
from dedup.furniture import _FURNITURE_RE, _LINE_RE, find_excluded
from dedup.ingest import iter_paths, read_article, read_articles
from dedup.model import Span

from conftest import OTHER, SOURCE


def test_seed_residue_is_excluded_not_deleted():
    art = read_article(SOURCE)
    assert art.text.startswith(" date 2022-10-10 <!–")  # offsets index the file as read
    assert [s.of(art.text) for s in art.excluded] == ["date 2022-10-10 <!–"]
    assert art.date == "2022-10-10"


def test_site_furniture_lines_are_excluded():
    art = read_article(OTHER)
    furniture = {s.of(art.text) for s in art.excluded}
    assert furniture == {"Most read in The Sun", "READ MORE SUN STORIES"}


def _excluded_line_by_line(text: str) -> tuple[Span, ...]:
    """What ``find_excluded`` means, one line at a time (the fast path splits and matches in bulk)."""
    out = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped and len(stripped) <= 200 and _FURNITURE_RE.match(stripped):
            start = m.start() + len(line) - len(line.lstrip())
            out.append(Span(start, start + len(stripped)))
    return tuple(out)


_PIECES = ["Read more", "Most read in The Sun", "Share this", "Comments", "Advertisement", "date 2022-10-10 <!–",
           "The council met.", "x" * 199, "y" * 201, "share ", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\u00a0",
           "\u2003", "\x0b", "\x0c", "\u2028", "© 2024 News", "->", "3 comments"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_furniture_lines_found_in_bulk_equal_a_line_by_line_reading(pieces):
    text = "".join(pieces)
    assert find_excluded(text) == _excluded_line_by_line(text)


def test_bom_is_dropped_and_offsets_follow_the_decoded_text(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffHello “world”.\n".encode())
    art = read_article(p)
    assert art.text == "Hello “world”.\n"
    assert art.encoding == "utf-8"


def test_legacy_encoding_is_detected_and_named(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le café de la gare était fermé. Les élèves sont partis à l'école.\n".encode("cp1252"))
    art = read_article(p)
    assert "café" in art.text
    assert art.encoding != "utf-8"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_article(p)
    assert str(p) in str(err.value)
    assert problem in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_jsonl_archive_reads_records_with_metadata(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps({"id": "x1", "title": "T", "outlet": "Wire", "date": "2024-01-02", "text": "One two three."})
        + "\n\n"
        + json.dumps({"body": "Four five six.", "url": "https://e.com/a"})
        + "\n",
        encoding="utf-8",
    )
    arts = list(read_articles(p))
    assert [a.text for a in arts] == ["One two three.", "Four five six."]
    assert arts[0].path.endswith("#x1") and arts[0].outlet == "Wire" and arts[0].date == "2024-01-02"
    assert arts[1].url == "https://e.com/a"


def test_broken_jsonl_line_names_file_and_line(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text('{"text": "ok"}\n{"text": broken\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.jsonl:2: malformed JSON"):
        list(read_articles(p))


def test_csv_archive_and_bad_quoting(tmp_path):
    good = tmp_path / "g.csv"
    good.write_text('id,title,text\n7,"A, title","Body, with a comma."\n', encoding="utf-8")
    (art,) = list(read_articles(good))
    assert art.title == "A, title" and art.text == "Body, with a comma." and art.path.endswith("#7")
    bad = tmp_path / "b.csv"
    bad.write_text('id,text\n1,"unterminated\n', encoding="utf-8")
    with pytest.raises(InputError, match="b.csv"):
        list(read_articles(bad))


def test_html_article_is_extracted_with_metadata(tmp_path):
    p = tmp_path / "page.html"
    body = " ".join(["The minister said the budget would be balanced by next spring."] * 6)
    p.write_text(
        f"""<!doctype html><html><head><title>Budget row &amp; more</title>
        <meta name="author" content="Jane Doe"><meta property="og:site_name" content="Daily Example">
        <meta property="article:published_time" content="2024-03-05"></head>
        <body><nav>Home | World | Sport</nav><article><h1>Budget row</h1><p>{body}</p>
        <p>A second paragraph with more to say about the budget and its critics.</p></article>
        <footer>Copyright Daily Example</footer></body></html>""",
        encoding="utf-8",
    )
    art = read_article(p)
    assert "balanced by next spring" in art.text
    assert "Home | World" not in art.text
    assert art.author == "Jane Doe"
    assert art.date == "2024-03-05"


def test_malformed_html_without_text_is_an_error(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><div><div><script>x()</script></body>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_article(p)


def test_markdown_front_matter_becomes_metadata(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text("---\ntitle: My story\nauthor: A. Writer\ndate: 2025-01-01\n---\nBody text here.\n", encoding="utf-8")
    art = read_article(p)
    assert (art.title, art.author, art.date) == ("My story", "A. Writer", "2025-01-01")
    assert art.text.startswith("---\n")  # nothing removed from the offsets' text


def test_iter_paths_recurses_sorted_and_survives_symlink_loops(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "ignore.bin").write_bytes(b"\0")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found[:2] == ["a.txt", "b/x.txt"]
    assert "ignore.bin" not in found
    assert len(found) == len(set(found)) <= 4


def test_span_helpers():
    s = Span(2, 5)
    assert len(s) == 3 and s.overlaps(Span(4, 9)) and not s.overlaps(Span(5, 9))
    assert Span(0, 10).contains(s) and s.union(Span(7, 8)) == Span(2, 8)
    with pytest.raises(ValueError):
        Span(5, 2)
