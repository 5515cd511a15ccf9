"""A hostile-input corpus, built at test time (nothing big is committed).

Newsroom archives hold every kind of broken file; ``build(root)`` writes one of
each into a folder and returns what it wrote, so every command can be run on
every case. Big cases (a 100 MB article, a line of a million characters) are
generated on the fly; a named pipe and a symlink loop stand for the things a
careless reader would hang or spin on.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["HostileFile", "build", "good_text"]

PARAGRAPHS = (
    "The council voted on Tuesday to close the old library on Mill Street, a decision that drew "
    "a crowd of angry residents to the town hall.",
    "\"We will not let this building go without a fight,\" said Maria Lopez, who chairs the Friends "
    "of the Library group. \"It has served three generations.\"",
    "Officials said the repairs would cost more than two million pounds, money the council does not have.",
    "The mayor, Tom Reed, told reporters the decision had been \"painful but necessary\" and promised "
    "a review of other sites in the spring.",
)


def good_text(n: int = 1) -> str:
    """A plain, well-formed article (``n`` repetitions of four paragraphs)."""
    return "\n\n".join(PARAGRAPHS * n) + "\n"


_WORDS = ("council minister harbour strike budget river festival court hospital bridge school vote police "
          "farmers election museum storm factory railway union tenants airport mayor market garden winter "
          "teachers nurses drivers miners bakers village county island valley forest tower castle chapel "
          "orchestra library stadium theatre gallery ferry tunnel canal reservoir quarry mill brewery "
          "pension tariff subsidy lawsuit verdict ballot treaty census drought flood wildfire harvest "
          "copper timber cotton coffee grain salmon cattle wool silver glass cement steel").split()


def other_text(seed: str) -> str:
    """A well-formed article of its own (no passage shared with ``good_text``), fixed by ``seed``."""
    rng = random.Random(seed)
    paras = []
    for _ in range(4):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(18, 30))]
        paras.append(f"The {' '.join(words[:10])} {rng.choice(['rose', 'fell', 'stayed'])}. "
                     f"\"{' '.join(words[10:]).capitalize()},\" said {rng.choice(['Ana Ruiz', 'Li Wei', 'Sam Okafor'])}.")
    return "\n\n".join(paras) + "\n"


@dataclass(frozen=True)
class HostileFile:
    """One case: where it is and what it is."""

    name: str  # a short label for summaries
    path: Path
    kind: str  # "file" (an article file), "archive" (jsonl/csv), "special" (pipe, loop, folder)


def _html_nested(depth: int) -> str:
    return ("<html><head><title>Deep</title></head><body>" + "<div>" * depth + "<p>"
            + PARAGRAPHS[0] + "</p>" + "</div>" * depth + "</body></html>")


def _html_malformed() -> str:
    return ("<html><head><title>Broken <b>title</head><body><p>" + PARAGRAPHS[0]
            + "<div class=\"x><p>" + PARAGRAPHS[2] + "<table><tr><td><p>unclosed <a href='javascript:alert(1)'>link"
            + "</td></span></i><!-- never closed <script>var x = '</p>" + PARAGRAPHS[3] + "</body><body><p>"
            + "after a second body</html></html><p>" + PARAGRAPHS[1])


def build(root: Path, *, huge_mb: int = 100, slow: bool = True) -> list[HostileFile]:
    """Write the corpus under ``root`` (a fresh folder); return its cases in a fixed order.

    Readable cases carry texts of their own, except the oddly named files (one
    story under three names), so a scan of the folder reports a few pairs, not
    every pair. ``slow=False`` leaves out the one case that is read and then
    takes seconds per comparison (a 300,000-character line).
    """
    root.mkdir(parents=True, exist_ok=True)
    out: list[HostileFile] = []

    def put(name: str, data: bytes | str, filename: str | None = None, kind: str = "file") -> None:
        path = root / (filename or name)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        out.append(HostileFile(name, path, kind))

    text = good_text()
    own = other_text
    put("empty.txt", b"")
    put("blank.txt", b"  \n\n\t \r\n")
    put("binary_png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    put("binary_nonul.txt", bytes(b % 255 + 1 for b in os.urandom(4096)))
    put("invalid_utf8.txt", own("u8").encode("utf-8")[:200] + b"\xff\xfe\xc3\x28 broken \xa0\xa1 " + own("u8b").encode())
    put("cp1252.txt", ("The caf\u00e9\u2019s owner said \u201cno comment\u201d \u2013 twice. " + own("1252")).encode("cp1252"))
    put("utf16_bom.txt", ("\ufeff" + own("u16")).encode("utf-16-le"))
    put("shift_jis.txt", ("図書館の閉鎖について、市議会は火曜日に投票した。「戦わずに手放さない」と彼女は言った。\n" * 20).encode("shift_jis"))
    put("bom.txt", b"\xef\xbb\xbf" + own("bom").encode("utf-8"))
    put("nul_early.txt", own("nul").encode("utf-8")[:50] + b"\x00\x00" + own("nul").encode("utf-8"))
    put("nul_many.txt", b"\x00ab\x00cd" * 400 + own("nulm").encode("utf-8"))  # NULs throughout: binary
    put("nul_late.txt", "".join(own(f"nul{i}") for i in range(40)).encode() + b"\x00 late NUL \x00" + own("z").encode())
    put("crlf_tabs.txt", own("crlf").replace("\n", "\r\n").replace(" ", "\t", 5))
    put("million_line.txt", ("word " * 200_000)[:1_000_000] + "\n" + own("ml"))  # over the text limit: refused
    if slow:
        put("long_line.txt", ("word " * 60_000).strip() + " " + own("ll").replace("\n", " "))  # a 300k-char line
    put("million_token.txt", "x" * 1_000_000)
    put("nested.html", _html_nested(10_000))
    put("malformed.html", _html_malformed())
    put("tag_soup.html", "<html><body>" + "<div><span>x</span></div>" * 50_000 + "<p>" + text + "</p></body></html>")
    put("not_really.html", b"\x00\x01\x02<html>" + os.urandom(512))
    put("broken.jsonl", "\n".join([
        json.dumps({"id": "ok-1", "text": own("j1"), "title": "Fine"}),
        '{"id": "cut", "text": "half a rec',
        "[1, 2, 3]",
        json.dumps({"id": "no-text", "title": "nothing"}),
        json.dumps({"id": "num", "text": 42}),
        json.dumps({"id": "ok-2", "text": own("j2"), "url": "javascript:alert(1)"}),
        '{"id": "surrogate", "text": "lone \\ud800 surrogate in an otherwise fine text", "title": "\\udfff"}',
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"id": "../../etc/x", "text": PARAGRAPHS[2]}),
    ]).encode("utf-8") + b"\n\xff\xfe garbage\n")
    put("bad_quoting.csv", 'id,title,text\n1,"Fine","' + own("csv").replace('"', '""') + '"\n'
        '2,"Broken,"unterminated " quote\n3,x,y,extra,fields\n')
    put("with space.txt", text)
    put('with "quotes" and \'apostrophes\'.txt', text)
    put("naïve-日本-ünïcödé.txt", text)
    put("newline\nin name.txt", text)
    latin1 = root / os.fsdecode(b"caf\xe9 latin-1 name.txt")  # not UTF-8: an old archive's file name
    latin1.write_text(text, encoding="utf-8")
    out.append(HostileFile("latin-1 name.txt", latin1, "file"))

    huge = root / "huge.txt"
    line = (PARAGRAPHS[0] + " ").encode("utf-8")
    with huge.open("wb") as fh:
        block = line * (1024 * 1024 // len(line) + 1)
        for _ in range(huge_mb):
            fh.write(block[: 1024 * 1024])
    out.append(HostileFile("huge.txt", huge, "file"))

    folder = root / "folder.txt"
    folder.mkdir()
    (folder / "inside.txt").write_text(own("inside"), encoding="utf-8")
    out.append(HostileFile("folder.txt", folder, "special"))
    fifo = root / "pipe.txt"
    os.mkfifo(fifo)
    out.append(HostileFile("pipe.txt", fifo, "special"))
    loop = root / "self_loop.txt"
    loop.symlink_to(loop.name)
    out.append(HostileFile("self_loop.txt", loop, "special"))
    dangling = root / "dangling.txt"
    dangling.symlink_to("no-such-file.txt")
    out.append(HostileFile("dangling.txt", dangling, "special"))
    (root / "sub").mkdir()
    (root / "sub" / "loop").symlink_to("..", target_is_directory=True)
    (root / "sub" / "again").symlink_to(root.resolve(), target_is_directory=True)
    return out
