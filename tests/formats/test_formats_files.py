"""Tests of atomic output writing and signatures."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError
from align.formats.files import atomic_write
from align.version import format_signature, signature


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


def test_atomic_binary_write_and_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    with atomic_write(target, "wb") as f:
        f.write(b"x")
        assert not target.exists()
    assert target.read_bytes() == b"x"
    with pytest.raises(InputError, match="does not exist"):
        with atomic_write(tmp_path / "nope" / "x.txt"):
            pass


def test_signature() -> None:
    sig = signature(max_bead=4, glossary=None)
    assert sig["tool"] == "zhen-align" and sig["max_bead"] == "4" and "glossary" not in sig
    assert format_signature({"a": "1", "b": "2"}) == "a:1|b:2"


def test_new_file_gets_umask_mode_and_old_mode_is_kept(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        with atomic_write(new) as f:
            f.write("x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644  # not mkstemp's 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o640)
        with atomic_write(kept) as f:
            f.write("new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_write(link) as f:
        f.write("new")
    assert link.is_symlink() and real.read_text() == "new"


def test_named_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    # Stands for /dev/null or /dev/stdout: replacing it by a regular file would
    # destroy it (and the reader would get nothing).
    import os
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with atomic_write(fifo) as f:
            f.write("through the pipe\n")
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert os.read(reader, 100) == b"through the pipe\n"
    finally:
        os.close(reader)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["pipe"]


def test_check_not_input(tmp_path: Path) -> None:
    import os

    from align.formats.files import check_not_input

    src = tmp_path / "tm.db"
    src.write_bytes(b"data")
    check_not_input(tmp_path / "out.tmx", src, None)
    with pytest.raises(InputError, match=r"out\.tmx: the output is also an input \(.*/out\.tmx\)"):
        check_not_input(tmp_path / "x" / ".." / "out.tmx", tmp_path / "out.tmx")
    link = tmp_path / "hard.db"
    os.link(src, link)
    with pytest.raises(InputError, match=r"hard\.db: the output is also an input"):
        check_not_input(link, None, src)


def test_disk_full_names_the_output_and_leaves_nothing(tmp_path: Path) -> None:
    import errno
    import os

    p = tmp_path / "out.txt"
    with pytest.raises(InputError, match=r"out\.txt: cannot write it \(No space left on device\)"):
        with atomic_write(p) as f:
            f.write("half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # what a full disk raises
    assert list(tmp_path.iterdir()) == []
    other = OSError(errno.ENOENT, "No such file or directory", str(tmp_path / "input.txt"))
    with pytest.raises(OSError, match="input.txt"):  # an error about another file is kept
        with atomic_write(p):
            raise other


def test_folder_as_output_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(InputError, match=r"out: is a folder, not a file; give an output file"):
        with atomic_write(folder) as f:
            f.write("x")
    assert list(folder.iterdir()) == [] and sorted(tmp_path.iterdir()) == [folder]


def test_write_xlsx_values_not_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from align.formats.xlsx import write_xlsx

    p = tmp_path / "t.xlsx"
    removed = write_xlsx(p, ["zh", "en", "n"], [("=1+1", "a\x01b", 3), ("中文", None, 2.5)],
                         sheet="terms")
    ws = load_workbook(p)["terms"]
    assert removed == 1
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["zh", "en", "n"], ["=1+1", "ab", 3], ["中文", None, 2.5]]
    assert ws["A2"].data_type == "s"


def test_known_suffix_names_a_missing_suffix(tmp_path: Path) -> None:
    from align.formats.files import known_suffix

    assert known_suffix(tmp_path / "r.CSV", (".csv", ".html"), "report") == ".csv"
    with pytest.raises(InputError, match=r"unknown report format '\(no suffix\)'; use one of "
                                         r"\.csv, \.html"):
        known_suffix(tmp_path / "r", (".csv", ".html"), "report")


def test_atomic_write_refuses_other_modes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="atomic_write: mode must be 'w' or 'wb', not 'a'"):
        with atomic_write(tmp_path / "x", "a"):
            pass
    assert list(tmp_path.iterdir()) == []
