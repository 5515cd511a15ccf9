"""Misspellings: the seed articles' errors found, real words and non-words of news left alone."""

from __future__ import annotations

import pytest

from dedup.ingest import read_article
from dedup.lexicon import edit_cost, get_lexicon
from dedup.model import Article, Span
from dedup.spelling import check_misspellings, check_spelling


def art(text: str, **kw) -> Article:
    return Article(path="draft.txt", text=text, **kw)


def flagged(text: str, **kw) -> dict[str, str | None]:
    """misspelled word -> suggestion."""
    a = art(text)
    return {f.span.of(a.text): f.suggestion for f in check_misspellings(a, **kw)}


# --- the seed articles -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_findings(seed_paths):
    out = {}
    for path in seed_paths.values():
        a = read_article(str(path))
        out[path.name] = (a, check_spelling(a))
    return out


def test_seed_errors_found_with_right_suggestions(seed_findings, expectations):
    for name, lint in expectations["lint"].items():
        a, findings = seed_findings[name]
        got = {(f.kind, f.span.of(a.text), f.suggestion) for f in findings}
        for item in lint["misspellings"]:
            assert ("misspelling", item["wrong"], item["right"]) in got, (name, item)
        for item in lint["name_variants"]:
            assert ("name_variant", item["wrong"], item["right"]) in got, (name, item)
            n_wrong = a.text.count(item["wrong"])
            n_flagged = sum(1 for f in findings if f.span.of(a.text) == item["wrong"])
            assert n_flagged == n_wrong  # every occurrence ("Galleotti" twice)


def test_seed_false_alarms_at_most_one(seed_findings, expectations):
    wrong = {i["wrong"] for lint in expectations["lint"].values() for i in lint["misspellings"] + lint["name_variants"]}
    not_errors = {w for lint in expectations["lint"].values() for w in lint["not_errors"]} | {"f**k"}
    false_alarms = []
    for a, findings in seed_findings.values():
        for f in findings:
            word = f.span.of(a.text)
            assert not any(word in ne or ne in word for ne in not_errors), f
            if f.severity != "info" and word not in wrong:
                false_alarms.append((a.path, word))
    assert len(false_alarms) <= 1, false_alarms


def test_seed_errors_are_errors_not_warnings(seed_findings, expectations):
    a, findings = seed_findings["000_3d0b6ed5275008b9.txt"]
    for f in findings:
        if f.span.of(a.text) in ("beleagured", "embarassing", "Galleotti"):
            assert f.severity == "error"
            assert f.code in ("SPL001", "NAM001")


def test_messages_read_well(seed_findings):
    a, findings = seed_findings["000_3d0b6ed5275008b9.txt"]
    msgs = {f.span.of(a.text): f.message for f in findings}
    assert msgs["beleagured"] == '"beleagured" is not a word; did you mean "beleaguered"?'
    assert msgs["Galleotti"].startswith('"Galleotti" is spelled "Galeotti" ')
    assert "times in this article" in msgs["Galleotti"]


# --- common misspellings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("occured", "occurred"),
        ("accomodate", "accommodate"),
        ("seperate", "separate"),
        ("goverment", "government"),
        ("recieve", "receive"),
        ("untill", "until"),
        ("definately", "definitely"),
        ("neccessary", "necessary"),
        ("existance", "existence"),
        ("begining", "beginning"),
        ("adminstration", "administration"),
    ],
)
def test_common_misspellings_found(wrong, right):
    text = f"The minister said the change had {wrong} without warning, and officials agreed."
    assert flagged(text) == {wrong: right}


def test_span_is_the_word_exactly():
    text = "Officials said the talks had “occured” in private.\nThe rest was fine."
    a = art(text)
    (f,) = check_misspellings(a)
    assert text[f.span.start : f.span.end] == "occured"
    assert f.kind == "misspelling"


def test_weighted_edit_cost_prefers_the_usual_slips():
    assert edit_cost("occured", "occurred") < edit_cost("occured", "obscured")
    assert edit_cost("teh", "the") < edit_cost("teh", "ten")
    assert edit_cost("seperate", "separate") < 1.0


# --- things that are not misspellings ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The partial mobilisation was a failure of defence planning, analysts said.",  # British spellings
        "He met Galeotti and Zaporizhzhia officials in Kherson yesterday.",  # names inside sentences
        "Read more at https://example.com/news/artcle-pge or write to edtor@example.org today.",
        "The @realDonaldTrump account and the #feelthebern tag trended.",
        "Prigozhin said troops were doing f**k all to stop the drones.",
        "It was a self-design of the once-macho man, a sci-fi fan among the media pooh-bahs.",  # compounds
        "A poll of 18-to-34-year-olds and the topsy-turvy, lickety-split campaign.",
        "Officials counted 24 drones at 8am and 105 injured in 2022s worst night.",
        "The caucusgoers and superdelegates watched the cyberwar unfold on smartphones.",  # news words
        "Putin's army and the Kremlin's plan were discussed at Putin’s dacha.",
        "He sat down, sotto voce, and said it was a fait accompli.",  # foreign phrases
        "“I’m goin’ home,” he said, “and I ain’t comin’ back.”",
        "The huuuuge crowd said sooo much.",
    ],
)
def test_not_misspellings(text):
    assert flagged(text) == {}


def test_clear_slip_inside_a_hyphenated_compound_is_a_warning():
    a = art("The so-called expert praised the well-travelled, information-obssessed staff.")
    found = {f.span.of(a.text): (f.suggestion, f.severity) for f in check_misspellings(a)}
    assert found == {"obssessed": ("obsessed", "warning")}


def test_sentence_initial_unknown_word_is_a_name_not_a_misspelling():
    assert flagged("Galeotti said so. Kasich agreed with him.") == {}


def test_sentence_initial_slip_of_a_common_word_is_found():
    assert flagged("The council met. Seperately, the mayor resigned.") == {"Seperately": "Separately"}
    assert flagged("The council met. Galeotti resigned, and Galeotti left.") == {}


def test_excluded_spans_are_skipped():
    text = "Most read in The Sun: the goverment fell.\nThe government fell."
    a = art(text, excluded=(Span(0, text.index("\n")),))
    assert check_misspellings(a) == ()
    assert flagged(text) == {"goverment": "government"}


def test_extra_words_are_accepted():
    text = "The newsroom uses the word flibbertigibbetish in every story about speeches."
    assert "flibbertigibbetish" not in flagged(text, extra_words=["flibbertigibbetish"])


def test_non_english_text_is_not_judged():
    text = (
        "El gobierno anunció hoy que las nuevas medidas económicas entrarán en vigor la próxima semana, "
        "según fuentes oficiales consultadas por este periódico. Los sindicatos rechazaron la propuesta "
        "y convocaron una huelga general para el mes que viene en todas las ciudades del país, mientras "
        "la oposición pidió la comparecencia urgente del ministro de hacienda ante el parlamento nacional."
    )
    assert flagged(text) == {}


def test_run_together_words_get_a_split_suggestion():
    assert flagged("The board would consistof longtime party hands.") == {"consistof": "consist of"}


def test_confident_corrections_are_errors_others_warnings():
    a = art("The results were embarassing for the party, and the mood was glum.")
    (f,) = check_misspellings(a)
    assert f.severity == "error"
    a = art("The results were quite gorp for the party.")
    assert all(f.severity == "warning" for f in check_misspellings(a))


def test_lexicon_knows_british_and_contractions():
    lex = get_lexicon()
    assert lex.known("mobilisation") and lex.known("wouldn't") and lex.known("they’ve")
    assert not lex.known("beleagured")
    assert lex.derivation("cyberwar") is not None
    assert lex.derivation("beleagured") is None


def test_batched_two_edit_search_matches_a_brute_force_reference():
    """The cdist fast path finds exactly the words a plain OSA loop over the same pool finds."""
    from rapidfuzz.distance import OSA

    lex = get_lexicon().with_words(["zzyzzyva"])  # a fresh cache, same pools
    words = ["simultaneousely", "feminisists", "superdelegtes", "qwxzrtplk", "negotations", "acommodtion"]
    lex.prepare(words)
    brute_force_found = 0
    for w in words:
        got = {c.word for c in lex.candidates(w, limit=10_000)}
        near1 = {c.word for c in lex.candidates(w, limit=10_000) if OSA.distance(w, c.word) == 1}
        if near1:  # one-edit words exist: two-edit ones are not sought
            assert got == near1
            continue
        pool = lex._pool(len(w)) if 5 <= len(w) <= 16 else []
        assert got == {p for p in pool if OSA.distance(w, p) <= 2}
        brute_force_found += bool(got)
    assert brute_force_found >= 2  # "feminisists", "acommodtion" took the two-edit path


def test_noisy_text_is_judged_up_to_a_budget():
    import random
    import string

    rng = random.Random(5)
    junk = ["".join(rng.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(300)]
    words = ("the council said that the budget would pass " * 600).split()
    for i, w in enumerate(junk):  # 300 unknown words in 5,100: under the not-English share
        words.insert(i * 17, w)
    found = check_misspellings(art(" ".join(words)))
    assert len({f.span.of(" ".join(words)) for f in found}) <= 100 + len(words) // 100
