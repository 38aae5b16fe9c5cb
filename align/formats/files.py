"""Writing outputs safely: the one atomic writer of the toolkit, and the checks of
output paths made before any work.

Every output file is written through :func:`atomic_write`, which owns the file
handle: it opens a temporary file in the target's folder, the format's writer (the
csv module, lxml, openpyxl) writes *into that handle* (never opening a path of its
own, so no error at its final flush or close can go unseen), and then

1. the handle is flushed and ``fsync``-ed and the size on disk is compared with
   the bytes written (a full disk, a quota, an error reported only at close all
   fail the write);
2. the temporary file gets the mode of the file it replaces and is renamed over
   the target; the folder is ``fsync``-ed, so a power cut after "wrote" does not
   leave an empty file.

On any exception, including ``KeyboardInterrupt`` and the ``SystemExit`` the CLI
raises on SIGTERM, the temporary file is removed and the old file is untouched: a
failed run never leaves half a file and never replaces a good file by an empty
one. A device or named pipe (``/dev/stdout``, ``/dev/null``, a FIFO) is written in
place, never replaced; a write error there fails the write too (``/dev/full``).
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, BinaryIO

from align.errors import InputError

PathLike = str | os.PathLike[str]

#: Errors of ``fsync`` on a folder that mean "not supported here", not "not written".
_NO_FOLDER_SYNC = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES,
                             errno.EPERM, errno.EBADF})


@contextmanager
def atomic_write(path: PathLike, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = "\n") -> Iterator[IO[Any]]:
    """Open an output for writing; it replaces ``path`` only when complete.

    The handle is a temporary file beside ``path`` (see the module doc): text for
    ``mode="w"`` (``encoding``, ``newline`` as for :func:`open`), bytes for
    ``mode="wb"`` (give it to lxml, openpyxl or ``zipfile``). Leaving the block
    normally flushes, syncs, checks and renames; an exception removes the
    temporary file and leaves ``path`` as it was.

    Raises:
        InputError: ``path`` is a folder, its folder does not exist or is not
            writable, or the write failed (disk full, I/O error), naming ``path``.
        BrokenPipeError: a pipe written in place was closed by its reader.
        ValueError: a mode other than "w" or "wb".
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write: mode must be 'w' or 'wb', not {mode!r}")
    with _binary_output(Path(path)) as raw:
        if mode == "wb":
            yield raw
            return
        # The wrapper never closes ``raw``: the binary writer does, after its checks.
        text = io.TextIOWrapper(raw, encoding=encoding, newline=newline)
        yield text
        text.flush()


@contextmanager
def _binary_output(shown: Path) -> Iterator[BinaryIO]:
    plan = _plan(shown)
    if plan is None:
        with _in_place(shown) as device:
            yield device
        return
    target, mode = plan
    tmp: str | None = None
    f: BinaryIO | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part" + target.suffix,
                                   dir=target.parent)
        f = open(fd, "wb")  # noqa: SIM115  (closed by _finish, or below on failure)
        yield f
        _finish(f, mode)
        os.replace(tmp, target)
    except BaseException as e:
        if f is not None:
            _close_quietly(f)
        if tmp is None:  # mkstemp failed: nothing was created
            if isinstance(e, OSError):
                raise InputError(f"cannot write here ({e.strerror}); choose a writable folder",
                                 path=shown) from None
            raise
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise _write_error(e, shown, tmp) from None
        raise
    _sync_folder(target.parent)


def _finish(f: BinaryIO, mode: int) -> None:
    """Flush, set the mode, sync and close ``f``; raise if the disk has fewer bytes
    than were written."""
    f.flush()
    written = f.tell()
    fd = f.fileno()
    os.fchmod(fd, mode)  # mkstemp makes 0600 files; keep the old mode, or the umask's
    os.fsync(fd)
    size = os.fstat(fd).st_size
    f.close()
    if size != written:
        raise OSError(errno.EIO, f"only {size} of {written} bytes reached the disk")


@contextmanager
def _in_place(shown: Path) -> Iterator[BinaryIO]:
    """Write a device or named pipe in place: renaming a file over it would destroy
    it, and there is no old content to protect."""
    try:
        f: BinaryIO = open(shown, "wb")  # noqa: SIM115
    except OSError as e:
        raise _write_error(e, shown, os.fspath(shown)) from None
    try:
        yield f
        f.close()
    except BaseException as e:
        _close_quietly(f)
        if isinstance(e, BrokenPipeError):
            raise  # the reader has gone (`| head`): the CLI exits quietly
        if isinstance(e, OSError):
            raise _write_error(e, shown, os.fspath(shown)) from None
        raise


def _close_quietly(f: IO[Any]) -> None:
    # Closing flushes what is buffered; on a full disk that fails again, and the
    # first error is the one to report.
    with suppress(Exception):
        f.close()


def _sync_folder(folder: Path) -> None:
    """``fsync`` the folder so the rename itself is on disk (where supported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as e:
        if e.errno not in _NO_FOLDER_SYNC:
            raise InputError(f"cannot sync the folder after writing ({e.strerror}); check "
                             "the disk", path=folder) from None
    finally:
        os.close(fd)


def _plan(shown: Path) -> tuple[Path, int] | None:
    """Where to write ``shown``: (the file to replace, the mode it gets), or None
    for a device or named pipe, written in place.

    Raises:
        InputError: a folder, or a missing output folder.
    """
    try:
        st: os.stat_result | None = shown.stat()  # follows symbolic links
    except OSError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a file; give an output file name", path=shown)
    if st is not None and not stat.S_ISREG(st.st_mode):
        return None
    # Write through a symbolic link (replace the file it points to, keep the link).
    target = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"output folder {folder} does not exist; create it first", path=shown)
    mode = stat.S_IMODE(st.st_mode) if st is not None else _default_mode()
    return target, mode


def _write_error(e: OSError, shown: Path, written: str | None) -> OSError | InputError:
    """A failed write (disk full, I/O error) as an error naming the output; other OS
    errors (about some other file) are left as they are."""
    if e.filename is not None and os.fspath(e.filename) != written:
        return e
    return InputError(f"cannot write it ({e.strerror or e}); free some space, or choose "
                      "another place", path=shown)


def known_suffix(path: PathLike, allowed: tuple[str, ...], what: str) -> str:
    """The suffix of ``path`` in lower case, which must be one of ``allowed``.

    Raises:
        InputError: ``unknown {what} format '.x'; use one of ...``.
    """
    suf = Path(path).suffix.lower()
    if suf not in allowed:
        raise InputError(f"unknown {what} format {suf or '(no suffix)'!r}; use one of "
                         f"{', '.join(allowed)}", path=path)
    return suf


def check_output(output: PathLike, *inputs: PathLike | None) -> None:
    """Check an output path before any work, so a typo does not cost a long run.

    Refused: a folder, a file in a folder that does not exist or cannot be written,
    and a path naming one of ``inputs`` (see :func:`check_not_input`). A device or
    named pipe (``/dev/stdout``) is accepted. The output is not created.

    Raises:
        InputError: naming the output, saying what to do.
    """
    check_not_input(output, *inputs)
    plan = _plan(Path(output))
    if plan is None:
        return
    target, _ = plan
    folder = target.parent if str(target.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write in folder {folder} (permission denied); choose a "
                         "writable folder", path=output)


def check_not_input(output: PathLike, *inputs: PathLike | None) -> None:
    """Refuse an output path that names one of the inputs (``None`` inputs are
    skipped): writing it would replace an input (a TM, a glossary, a text) with
    the output.

    Raises:
        InputError: naming the output.
    """
    out = os.path.realpath(output)
    for p in inputs:
        if p is None:
            continue
        same = os.path.realpath(p) == out
        if not same and os.path.exists(p) and os.path.exists(out):
            same = os.path.samefile(p, out)  # a hard link
        if same:
            raise InputError(f"the output is also an input ({os.fspath(p)}); writing it would "
                             "replace that input; write to a new file", path=output)


def _default_mode() -> int:
    """The mode a new file gets from ``open()``: 0666 less the process umask."""
    umask = os.umask(0o022)  # the only portable way to read the umask is to set it
    os.umask(umask)
    return 0o666 & ~umask
