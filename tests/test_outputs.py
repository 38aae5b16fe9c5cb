"""Tests of atomic output writing and signatures."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError
from align.outputs import atomic_path, atomic_write, format_signature, signature


def test_atomic_write_replaces_only_on_success(tmp_path: Path) -> None:
    p = tmp_path / "out.txt"
    p.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(p) as f:
            f.write("half")
            raise RuntimeError("boom")
    assert p.read_text() == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["out.txt"]  # no temp file left
    with atomic_write(p) as f:
        f.write("new")
    assert p.read_text() == "new"


def test_atomic_path_and_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"x")
        assert not target.exists()
    assert target.read_bytes() == b"x"
    with pytest.raises(InputError, match="does not exist"):
        with atomic_write(tmp_path / "nope" / "x.txt"):
            pass


def test_signature() -> None:
    sig = signature(max_bead=4, glossary=None)
    assert sig["tool"] == "zhen-align" and sig["max_bead"] == "4" and "glossary" not in sig
    assert format_signature({"a": "1", "b": "2"}) == "a:1|b:2"
