"""The ignore list (``align check --ignore``): reading it with line-numbered errors
(:mod:`align.formats.ignore_list`) and leaving out what it names (:mod:`align.qa.ignore`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import FormatError
from align.formats.ignore_list import IgnoreRule, read_ignore_list
from align.qa.findings import KINDS, Finding
from align.qa.ignore import apply_ignores, is_ignored


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "ignore.tsv"
    p.write_text(text, encoding="utf-8")
    return p


def test_read_ignore_list(tmp_path: Path) -> None:
    p = write(tmp_path, "# accepted in this project\n\nterm-missing\t七有\n"
                        "doubled-word\tHe said that that was fine.  \n")
    assert read_ignore_list(p, KINDS) == (
        IgnoreRule("term-missing", "七有", 3),
        IgnoreRule("doubled-word", "He said that that was fine.", 4))
    assert read_ignore_list(write(tmp_path, "# nothing yet\n"), KINDS) == ()


@pytest.mark.parametrize(("text", "message"), [
    ("term-missing\t七有\nterm-missing\n",
     r"ignore\.tsv:2: expected 2 tab-separated cells \(finding kind, term or bead text\), "
     r"found 1: 'term-missing'"),
    ("term-missing\t七有\textra\n", r"ignore\.tsv:1: .*found 3"),
    ("# c\nterm-missing\t  \n", r"ignore\.tsv:2: .*found an empty text"),
    ("term-mising\t七有\n", r"ignore\.tsv:1: unknown finding kind 'term-mising'; use one of: "
                          r"addition, "),
], ids=["one-cell", "three-cells", "empty-text", "unknown-kind"])
def test_malformed_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_ignore_list(write(tmp_path, text), KINDS)


def finding(kind: str, term: str | None, src: str = "以七有为导向。",
            tgt: str = "Guided by them.") -> Finding:
    return Finding(kind, "error", 0, src, tgt, term, "m")


def test_apply_ignores() -> None:
    rules = [IgnoreRule("term-missing", "七有", 1),
             IgnoreRule("doubled-word", "he said THAT that  was fine.", 2)]
    a = finding("term-missing", "七有")
    b = finding("term-missing", "五性")
    c = finding("doubled-word", None, "他说那没事。", "He said that that was fine.")
    d = finding("number-mismatch", "七有")  # same term, another kind
    assert is_ignored(a, rules) and is_ignored(c, rules)  # term; target text, folded
    assert not is_ignored(b, rules) and not is_ignored(d, rules)
    assert apply_ignores([a, b, c, d], rules) == ([b, d], 2)
    assert apply_ignores([a, b], []) == ([a, b], 0)
