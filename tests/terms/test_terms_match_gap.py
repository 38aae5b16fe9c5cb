"""English glossary forms with a gap ("expectations … in five areas"): their parts match
in order within one sentence, with at most GAP_WORDS words between (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.formats.glossary import read_glossary, write_glossary
from align.terms.en_gap import GAP_WORDS
from align.terms.match import find_gapped, find_terms
from align.types import Glossary, Term

WUXING = Term("五性", "five expectations", variants=("expectations … in five areas",))
G = Glossary((
    WUXING,
    Term("美好生活", "better life"),
    Term("五方面工作", "five areas of work and life"),
    # an approved and a deprecated form with a gap, written with "..."
    Term("人民至上", "put ... people first", deprecated=("people ... above everything",)),
))
FILLER = "one two three four five six seven eight nine".split()


def hits(text: str, glossary: Glossary = G) -> list[tuple[str, str, str, str]]:
    return [(h.term.zh, h.kind, h.form, text[h.start:h.end])
            for h in find_terms(text, "en", glossary)]


def test_gap_words_is_eight() -> None:
    assert GAP_WORDS == 8  # the tests below count words against it


@pytest.mark.parametrize("between", [0, 3, 8])
def test_found_with_up_to_eight_words_between(between: int) -> None:
    gap = " ".join(FILLER[:between])
    found = f"expectations {gap} in five areas".replace("  ", " ")
    text = f"We meet people's {found}."
    [h] = find_terms(text, "en", G)
    assert (h.term, h.kind, h.form) == (WUXING, "variant", "expectations … in five areas")
    assert (h.start, h.end) == (17, 17 + len(found))
    assert text[h.start:h.end] == found


@pytest.mark.parametrize("text", [
    "We meet expectations one two three four five six seven eight nine in five areas.",
    "We meet expectations. In five areas we act.",
    "We meet expectations!\nIn five areas we act.",
    "In five areas, we meet expectations.",
], ids=["nine-words-between", "across-a-sentence-end", "across-a-line", "parts-reversed"])
def test_not_found(text: str) -> None:
    assert hits(text) == []


def test_the_contiguous_key_alone_does_not_match_across_sentences() -> None:
    # without the sentence check, the contiguous words "expectations in five areas"
    # (punctuation ignored) would match here
    assert hits("They met expectations. In five areas, they failed.") == []


def test_later_part_placed_further_when_the_nearest_does_not_fit() -> None:
    g = Glossary((Term("x", "alpha … beta … gamma"),))
    # the nearest beta leaves gamma 11 words away; the second beta fits both gaps
    text = "alpha beta w w w beta w w w w w w w gamma"
    assert hits(text, g) == [("x", "approved", "alpha … beta … gamma", text)]


def test_longest_match_wins_over_a_contiguous_form() -> None:
    # the gap hit (44 characters) holds "better life" and overlaps "five areas of work
    # and life" (27), which is shorter here: the gap hit alone
    text = "expectations for a better life in five areas of work and life"
    assert hits(text) == [("五性", "variant", "expectations … in five areas",
                           "expectations for a better life in five areas")]
    # here the contiguous form (27) is longer than the gap hit (26)
    text = "expectations in five areas of work and life"
    assert hits(text) == [("五方面工作", "approved", "five areas of work and life",
                           "five areas of work and life")]


def test_approved_and_deprecated_forms_with_three_dots() -> None:
    text = "We put the interests of the people first. No people placed above everything."
    assert hits(text) == [
        ("人民至上", "approved", "put ... people first", "put the interests of the people first"),
        ("人民至上", "deprecated", "people ... above everything",
         "people placed above everything")]


def test_find_gapped_allows_the_form_s_gap() -> None:
    form = "expectations … in five areas"
    text = "expectations for a better life in five areas"
    assert find_gapped(text, form, 0) == (0, len(text))
    assert find_gapped("expectations in the five areas", form, 0) is None
    assert find_gapped("expectations in the five areas", form, 1) == (0, 30)


@pytest.mark.parametrize("name", ["g.tsv", "g.tbx", "g.xlsx", "g.csv"])
def test_glossary_files_keep_the_gap(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_glossary(G, path)
    back = read_glossary(path)
    assert [(t.en, t.variants, t.deprecated) for t in back.terms] == [
        (t.en, t.variants, t.deprecated) for t in G.terms]
    text = "people's expectations for a better life in five areas"
    assert hits(text, back) == [("五性", "variant", "expectations … in five areas",
                                 "expectations for a better life in five areas")]
