"""Tests of the ladder alignment format."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import FormatError, InputError
from align.formats.ladder import format_ladder, parse_ladder, read_ladder, write_ladder
from align.types import Bead


def test_parse_ladder_forms() -> None:
    text = "# comment\n[0]:[0]\n[1,2]:[1]\n\n[]:[2]\n[3]:[]\n[4]:[3, 4]:0.25\n"
    beads = parse_ladder(text)
    assert [b.key for b in beads] == [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), ()),
                                      ((4,), (3, 4))]
    assert beads[-1].confidence == 0.25


def test_round_trip(tmp_path: Path) -> None:
    beads = [Bead((0,), (0, 1), 0.5), Bead((), (2,), 0.125), Bead((1, 2), (3,), 1.0)]
    p = tmp_path / "x.align"
    write_ladder(p, beads, with_confidence=True)
    back = read_ladder(p)
    assert [(b.key, b.confidence) for b in back] == [(b.key, b.confidence) for b in beads]
    write_ladder(p, beads)
    assert p.read_text() == "[0]:[0, 1]\n[]:[2]\n[1, 2]:[3]\n"
    assert format_ladder([]) == ""


@pytest.mark.parametrize(
    "text,match",
    [("[0]:[0]\n[1]-[1]\n", "2: not a ladder bead"), ("[0,2]:[0]\n", "1: bad bead"),
     ("[a]:[0]\n", "not a ladder bead")],
    ids=["separator", "gap", "letters"],
)
def test_malformed_lines(text: str, match: str) -> None:
    with pytest.raises(FormatError, match=match):
        parse_ladder(text, "f.align")


def test_read_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.align: no such ladder file"):
        read_ladder(tmp_path / "missing.align")
    bad = tmp_path / "bad.align"
    bad.write_bytes(b"[0]:[0]\n\xff\xfe")
    with pytest.raises(FormatError, match=r"bad\.align:2: not a ladder file: cannot decode: "
                                          r"byte 0xFF .*; ladder files are plain text"):
        read_ladder(bad)


@pytest.mark.parametrize(("content", "match"), [
    (b"\x00" * 500, r"n\.align:1: not a ladder file: looks binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
     r"n\.align:1: not a ladder file: looks binary: it is a PNG"),
], ids=["nul-bytes", "png"])
def test_binary_ladder_refused_in_one_short_line(tmp_path: Path, content: bytes,
                                                 match: str) -> None:
    p = tmp_path / "n.align"
    p.write_bytes(content)
    with pytest.raises(FormatError, match=match) as e:
        read_ladder(p)
    assert "\\x00" not in str(e.value) and ".docx" not in str(e.value)


def test_read_ladder_folder_utf16_and_empty(tmp_path: Path) -> None:
    (tmp_path / "d.align").mkdir()
    with pytest.raises(InputError, match=r"d\.align: is a folder, not a ladder file"):
        read_ladder(tmp_path / "d.align")
    u16 = tmp_path / "u16.align"  # PowerShell's `>` writes UTF-16 with a byte-order mark
    u16.write_bytes("[0]:[0, 1]\r\n[]:[2]\r\n".encode("utf-16"))
    assert [b.ladder() for b in read_ladder(u16)] == ["[0]:[0, 1]", "[]:[2]"]
    empty = tmp_path / "empty.align"
    empty.write_bytes(b"")
    assert read_ladder(empty) == []


def test_read_ladder_from_a_pipe() -> None:
    # process substitution, e.g. align evaluate <(cut -f1 pred.tsv) gold.align
    import os

    r, w = os.pipe()
    os.write(w, b"[0]:[0]\n[1, 2]:[]\n")
    os.close(w)
    try:
        assert [b.ladder() for b in read_ladder(f"/dev/fd/{r}")] == ["[0]:[0]", "[1, 2]:[]"]
    finally:
        os.close(r)
