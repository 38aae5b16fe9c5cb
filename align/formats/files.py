"""Writing outputs safely and recording how they were made.

Every output file is written atomically (temp file in the same folder, then
``os.replace``), so a failed run never leaves half a file, and carries a
*signature*: tool version and the settings that produced it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from align.errors import InputError


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = "\n") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success.

    On any exception the temporary file is removed and ``path`` is untouched.

    Raises:
        InputError: if the folder does not exist or is not writable.
    """
    with atomic_path(path) as tmp:
        if "b" in mode:
            f: IO[Any] = open(tmp, mode)  # noqa: SIM115
        else:
            f = open(tmp, mode, encoding=encoding, newline=newline)  # noqa: SIM115
        with f:
            yield f


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` for writers that want a file name
    (pandas, lxml, sqlite); renamed over ``path`` on success, removed on failure.

    The new file keeps the mode of the file it replaces (else the umask's default);
    a symbolic link is written through (the file it points to is replaced); a device
    or named pipe (``/dev/null``, ``/dev/stdout``) is written in place, never replaced.

    Raises:
        InputError: if the folder does not exist or is not writable.
    """
    shown = Path(path)
    try:
        st: os.stat_result | None = shown.stat()  # follows symbolic links
    except OSError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a file; give an output file name", path=shown)
    if st is not None and not stat.S_ISREG(st.st_mode):
        # /dev/null, /dev/stdout, a named pipe: renaming a file over it would destroy
        # it, and there is nothing to protect from a half write, so write in place.
        try:
            yield shown
        except OSError as e:
            raise _write_error(e, shown, shown) from None
        return
    # Write through a symbolic link (replace the file it points to, keep the link).
    target = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"output folder {folder} does not exist; create it first", path=shown)
    mode = stat.S_IMODE(st.st_mode) if st is not None else _default_mode()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part" + target.suffix,
                                   dir=folder)
    except OSError as e:
        raise InputError(f"cannot write here ({e.strerror}); choose a writable folder",
                         path=shown) from e
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, mode)  # mkstemp makes 0600 files; keep the old mode, or the umask's
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise _write_error(e, shown, Path(tmp)) from None
        raise


def _write_error(e: OSError, shown: Path, written: Path) -> OSError | InputError:
    """A failed write (disk full, broken pipe, ...) as an error naming the output;
    other OS errors (about some other file) are left as they are."""
    if e.filename is not None and Path(e.filename) != written:
        return e
    return InputError(f"cannot write it ({e.strerror or e}); free some space, or choose "
                      "another place", path=shown)


def check_not_input(output: str | os.PathLike[str],
                    *inputs: str | os.PathLike[str] | None) -> None:
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
