"""Writing outputs safely and recording how they were made.

Every output file is written atomically (temp file in the same folder, then
``os.replace``), so a failed run never leaves half a file, and carries a
*signature*: tool version and the settings that produced it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import InputError


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

    Raises:
        InputError: if the folder does not exist or is not writable.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"output folder {folder} does not exist; create it first", path=target)
    if target.is_dir():
        raise InputError("is a folder, not a file; give an output file name", path=target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part" + target.suffix,
                                   dir=folder)
    except OSError as e:
        raise InputError(f"cannot write here ({e.strerror}); choose a writable folder",
                         path=target) from e
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def signature(**settings: object) -> dict[str, str]:
    """The signature of an output: tool name and version plus the given settings.

    Values are converted with ``str``; ``None`` values are dropped.
    """
    from . import __version__

    sig = {"tool": "zhen-align", "version": __version__}
    sig.update({k: str(v) for k, v in settings.items() if v is not None})
    return sig


def format_signature(sig: Mapping[str, str]) -> str:
    """One-line form of a signature, sacrebleu style: ``tool:zhen-align|version:0.1.0|...``."""
    return "|".join(f"{k}:{v}" for k, v in sig.items())
