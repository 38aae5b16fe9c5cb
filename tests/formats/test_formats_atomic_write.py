"""The one atomic writer under faults: every format's writer goes through it, so a
full disk (a ``/dev/full`` target, an error only reported at close, a short file on
disk, a failed fsync) raises, names the output and never replaces the old file; the
file and its folder are synced; output paths are checked before any work."""

from __future__ import annotations

import errno
import io
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import align.formats.files as files
from align.errors import InputError
from align.formats.alignment import write_alignment
from align.formats.files import atomic_write, check_output
from align.formats.glossary import write_glossary
from align.formats.tbx import write_tbx
from align.formats.tmx.writer import write_tmx
from align.formats.tsv import write_rows
from align.formats.xlsx import write_xlsx
from align.types import Alignment, Glossary, Term, TranslationUnit

GLOSSARY = Glossary((Term("新质生产力", "new quality productive forces"),))
ALIGNMENT = Alignment.from_pairs([("我们要加快发展。", "We must speed up development."),
                                  ("今天天气很好。", "The weather is good today.")])


def _text(p: Path) -> None:
    with atomic_write(p) as f:
        f.write("一行\n")


def _tmx(p: Path) -> None:
    write_tmx(p, [TranslationUnit("你好。", "Hello.")])


def _xlsx(p: Path) -> None:
    write_xlsx(p, ["zh", "en"], [("你好。", "Hello.")], sheet="s")


# Every writer of the toolkit, by the suffix it writes; each must go through the
# atomic writer (a file handle the writer does not open itself).
WRITERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "text": (".txt", _text),
    "rows": (".tsv", lambda p: write_rows(p, [("a", "b")])),
    "tmx": (".tmx", _tmx),
    "tbx": (".tbx", lambda p: write_tbx(GLOSSARY, p)),
    "xlsx": (".xlsx", _xlsx),
    "glossary-tsv": (".tsv", lambda p: write_glossary(GLOSSARY, p)),
    "glossary-csv": (".csv", lambda p: write_glossary(GLOSSARY, p)),
    "glossary-xlsx": (".xlsx", lambda p: write_glossary(GLOSSARY, p)),
    "glossary-tbx": (".tbx", lambda p: write_glossary(GLOSSARY, p)),
    **{f"alignment{suf}": (suf, lambda p: write_alignment(ALIGNMENT, p))
       for suf in (".tsv", ".csv", ".jsonl", ".align", ".xlsx", ".tmx")},
}
IDS = list(WRITERS)


@pytest.mark.parametrize("name", IDS)
def test_dev_full_target_raises(tmp_path: Path, name: str) -> None:
    # `ln -s /dev/full out.tmx`: every byte written fails with ENOSPC, so does the
    # writer, whichever library produces the bytes.
    suffix, write = WRITERS[name]
    link = tmp_path / f"full{suffix}"
    link.symlink_to("/dev/full")
    with pytest.raises(InputError, match=rf"full\{suffix}: cannot write .*No space left"):
        write(link)
    assert os.readlink(link) == "/dev/full"


class _FailingClose(io.BufferedWriter):
    """A file whose close reports an error, as NFS or a full disk may."""

    def close(self) -> None:
        super().close()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _open_failing_close(file: object, mode: str = "r", *args: object, **kw: object) -> object:
    assert "b" in mode, mode  # the writer always opens bytes; text is layered above
    return _FailingClose(io.FileIO(file, mode.replace("b", "")))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", IDS)
def test_error_at_close_keeps_the_old_file(tmp_path: Path, name: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    suffix, write = WRITERS[name]
    out = tmp_path / f"old{suffix}"
    out.write_bytes(b"old content")
    monkeypatch.setattr(files, "open", _open_failing_close, raising=False)
    with pytest.raises(InputError, match=r"old\.\w+: cannot write it \(No space left"):
        write(out)
    assert out.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no .part file left


@pytest.mark.parametrize("name", ["text", "tmx", "xlsx"])
def test_short_file_on_disk_is_an_error(tmp_path: Path, name: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # The size on disk after fsync must be what was written (a file system that
    # silently dropped bytes); faked by a smaller st_size from fstat.
    suffix, write = WRITERS[name]
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        st = real(fd)
        return os.stat_result((*st[:6], max(0, st.st_size - 1), *st[7:10]))

    real_fsync = os.fsync

    def fsync(fd: int) -> None:  # from the first fsync on, sizes look short
        real_fsync(fd)
        monkeypatch.setattr(os, "fstat", fstat)

    monkeypatch.setattr(os, "fsync", fsync)
    out = tmp_path / f"old{suffix}"
    out.write_bytes(b"old content")
    with pytest.raises(InputError, match=r"cannot write it \(only \d+ of \d+ bytes reached"):
        write(out)
    monkeypatch.setattr(os, "fstat", real)
    assert out.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.parametrize("name", ["text", "tmx", "tbx", "xlsx", "glossary-csv"])
def test_file_then_folder_are_synced_before_and_after_the_rename(
        tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    suffix, write = WRITERS[name]
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file")
        real_fsync(fd)

    def replace(a: str, b: str) -> None:
        events.append("rename")
        real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write(tmp_path / f"out{suffix}")
    assert events == ["fsync-file", "rename", "fsync-folder"]


def test_failed_fsync_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", fsync)
    out = tmp_path / "old.tmx"
    out.write_text("old")
    with pytest.raises(InputError, match=r"old\.tmx: cannot write it \(Input/output error\)"):
        _tmx(out)
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["old.tmx"]


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit], ids=["sigint", "sigterm"])
def test_interrupt_removes_the_temporary_file(tmp_path: Path, exc: type[BaseException]) -> None:
    # The CLI turns SIGTERM into SystemExit, Ctrl-C is KeyboardInterrupt.
    out = tmp_path / "old.tsv"
    out.write_text("old")
    with pytest.raises(exc):
        with atomic_write(out) as f:
            f.write("half")
            raise exc()
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["old.tsv"]


def test_devices_are_written_in_place(tmp_path: Path) -> None:
    # -o /dev/null (and /dev/stdout) keep working: written in place, never replaced.
    link = tmp_path / "null.tmx"
    link.symlink_to("/dev/null")
    _tmx(link)
    _xlsx(Path("/dev/null"))
    assert os.readlink(link) == "/dev/null"


def _make_unwritable(folder: Path) -> Callable[[], None]:
    """Make ``folder`` unwritable even for root (chattr +i), or by mode; returns
    the undo, or skips when neither works here."""
    folder.chmod(0o555)
    if not os.access(folder, os.W_OK):
        return lambda: folder.chmod(0o755)
    folder.chmod(0o755)
    r = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if r.returncode != 0 or os.access(folder, os.W_OK):
        pytest.skip("cannot make a folder unwritable here")
    return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_check_output_refuses_bad_paths_before_any_work(tmp_path: Path) -> None:
    inp = tmp_path / "in.txt"
    inp.write_text("x")
    with pytest.raises(InputError, match=r"nope/out\.tsv: output folder .*nope does not exist"):
        check_output(tmp_path / "nope" / "out.tsv", inp)
    with pytest.raises(InputError, match=r": is a folder, not a file"):
        check_output(tmp_path, inp)
    with pytest.raises(InputError, match=r"in\.txt: the output is also an input"):
        check_output(inp, inp)
    locked = tmp_path / "locked"
    locked.mkdir()
    undo = _make_unwritable(locked)
    try:
        with pytest.raises(InputError, match=r"out\.tsv: cannot write in folder .*locked "
                                             r"\(permission denied\)"):
            check_output(locked / "out.tsv", inp)
    finally:
        undo()
    check_output(tmp_path / "new.tsv", inp)  # fine, and not created
    check_output("/dev/null", inp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "locked"]


def test_temporary_file_is_hidden_beside_the_target(tmp_path: Path) -> None:
    p = tmp_path / "out.tsv"
    with atomic_write(p) as f:
        f.write("x")
        [part] = list(tmp_path.iterdir())
        assert part.name.startswith(".out.tsv.") and part.name.endswith(".part.tsv")
    assert [q.name for q in tmp_path.iterdir()] == ["out.tsv"]


def test_interrupt_while_writing_a_device_closes_it() -> None:
    """Ctrl-C while writing /dev/null: the handle is closed at once, not left to the
    garbage collector (which would warn about an unclosed file)."""
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with atomic_write("/dev/null") as f:
                f.write("x")
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        del f
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


@pytest.mark.parametrize(("code", "fails"), [(errno.EINVAL, False), (errno.EIO, True)],
                         ids=["not-supported", "io-error"])
def test_folder_sync_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                            fails: bool) -> None:
    """A file system that cannot sync a folder is no failure; an I/O error is."""
    def refuse(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "fsync", refuse)
    if fails:
        with pytest.raises(InputError, match=r"cannot sync the folder after writing "
                                             r"\(Input/output error\); check the disk"):
            files._sync_folder(tmp_path)
    else:
        files._sync_folder(tmp_path)
