"""Tests of the one delimited-row reader and writer (align.formats.tsv)."""

from __future__ import annotations

import pytest

from align.errors import FormatError
from align.formats.tsv import (
    MAX_CELL,
    Row,
    escape_cell,
    format_rows,
    header_columns,
    read_rows,
    unescape_cell,
)


def cells(rows: list[Row]) -> list[tuple[str, ...]]:
    return [r.cells for r in rows]


def test_quoted_cell_spans_lines_and_rows_keep_their_first_line() -> None:
    text = 'a\t"one\nline two"\t1-1\n\nb\t"say ""hi"""\t1-1\n'
    rows = read_rows(text)
    assert [r.line for r in rows] == [1, 4]
    assert cells(rows) == [("a", "one\nline two", "1-1"), ("b", 'say "hi"', "1-1")]


@pytest.mark.parametrize(("text", "expected"), [
    ('要发展。\t"We" develop.\n', [("要发展。", '"We" develop.')]),
    ('“七有”\u2028要求。\t"Seven"\u2028haves.\n', [("“七有”\u2028要求。", '"Seven"\u2028haves.')]),
    ('a\t"b\nc"\td\ne\tf\n', [("a", '"b'), ('c"', "d"), ("e", "f")]),
    ("a\tb\r\nc\td\r\n", [("a", "b"), ("c", "d")]),
], ids=["quote-opens-plain-cell", "line-separator-in-cell", "ragged-if-quoted", "crlf"])
def test_auto_reads_plain_tsv_as_written(text: str, expected: list[tuple[str, ...]]) -> None:
    assert cells(read_rows(text)) == expected


def test_quoting_none_keeps_quotes_and_csv_reads_them() -> None:
    text = '"One Microgram" Campaign\tx\n'
    assert cells(read_rows(text, quoting="none")) == [('"One Microgram" Campaign', "x")]
    assert cells(read_rows('"a, b",c\n', delimiter=",", quoting="csv")) == [("a, b", "c")]


def test_blank_rows_are_skipped_with_true_line_numbers() -> None:
    rows = read_rows("\n  \na\tb\n\t\nc\td\n", quoting="none")
    assert [(r.line, r.cells) for r in rows] == [(3, ("a", "b")), (5, ("c", "d"))]


@pytest.mark.parametrize("quoting", ["auto", "none", "csv"])
def test_cell_over_the_limit_is_refused_on_its_line(quoting: str) -> None:
    text = "source\ttarget\n" + "长" * (MAX_CELL + 1) + "\tlong\n"
    with pytest.raises(FormatError, match=r"^x\.tsv:2: cannot read the row \(field larger"):
        read_rows(text, quoting=quoting, path="x.tsv")  # type: ignore[arg-type]


def test_header_columns_by_name() -> None:
    names = {"source": {"source", "zh"}, "target": {"target", "en"}, "confidence": {"score"}}
    assert header_columns([" EN ", "Zh", "note"], names) == {"source": 1, "target": 0}
    assert header_columns(["a", "b"], names) == {}


@pytest.mark.parametrize("cell", [
    "=SUM(A1:A3)", "+86 10", "-5 % growth", "@home", "'=already", "''-x", "'plain",
    "plain", "", "'", "中文=等号", "=",
])
def test_escape_round_trip(cell: str) -> None:
    escaped = escape_cell(cell)
    assert unescape_cell(escaped) == cell
    assert escaped[:1] not in ("=", "+", "-", "@")


def test_format_rows_quotes_and_escapes() -> None:
    text = format_rows([("source", "target"), ('He said "yes".', "=1+1"), ("a\tb", "c")])
    assert text == 'source\ttarget\n"He said ""yes""."\t\'=1+1\n"a\tb"\tc\n'
    rows = read_rows(text)
    assert [tuple(unescape_cell(c) for c in r.cells) for r in rows] == [
        ("source", "target"), ('He said "yes".', "=1+1"), ("a\tb", "c")]
    assert format_rows([("=x",)], safe=False) == "=x\n"
