"""OpenDocument (.odt) and RTF documents, read through LibreOffice.

LibreOffice converts them to .docx in a temporary folder (``soffice --headless
--convert-to docx``), which the Word reader then reads, so the three formats give
the same paragraphs, notes and headers. LibreOffice runs with a profile of its own
in that folder: two conversions at once (or a LibreOffice open on the desktop) do
not lock each other out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

from align.errors import InputError

__all__ = ["as_docx"]

#: Seconds a conversion may take.
TIMEOUT = 300


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def as_docx(path: str | PathLike[str], fmt: str) -> Iterator[Path]:
    """The document converted to .docx by LibreOffice, in a temporary folder removed
    on exit.

    Args:
        path: the document.
        fmt: its format, "odt" or "rtf" (whatever its name says).

    Raises:
        InputError: LibreOffice is not installed, or could not convert the file.
    """
    kind = fmt.upper()
    program = _soffice()
    if program is None:
        raise InputError(f"reading {kind} files needs LibreOffice (the program soffice), "
                         "which is not installed; install it (apt-get install "
                         "libreoffice-writer) or save the document as .docx", path)
    with tempfile.TemporaryDirectory(prefix="align-convert-") as tmp:
        source = Path(tmp) / f"in.{fmt}"
        shutil.copyfile(path, source)  # a name LibreOffice cannot misread as an option
        command = [program, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "docx", "--outdir",
                   os.path.join(tmp, "out"), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice did not convert the {kind} file within "
                             f"{TIMEOUT} s; save it as .docx", path) from None
        out = Path(tmp, "out", "in.docx")
        if done.returncode != 0 or not out.is_file():
            why = " ".join((done.stderr or done.stdout or "no output").split())[-200:]
            raise InputError(f"LibreOffice could not convert the {kind} file ({why}); "
                             "check that it opens in a word processor, or save it as .docx",
                             path)
        yield out
