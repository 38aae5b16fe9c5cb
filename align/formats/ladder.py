"""The ladder alignment format (Vecalign, Bertalign): one bead per line,
``[0, 1]:[2]``, 0-based sentence indices, ``[]`` for an empty side.

An optional third field ``:0.873`` after the target list carries the bead's
confidence, and an optional fourth ``:confirmed`` or ``:edited`` its review state
(``align review``); readers of other tools ignore what follows the second list, and
our reader accepts every form.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence

from align.errors import FormatError
from align.formats.decode import FileKind, read_data_file
from align.formats.files import atomic_write
from align.types import Bead
from align.version import format_signature

#: A ladder file, for the messages of the file checks.
LADDER_FILE = FileKind("a ladder file", "ladder file",
                       "ladder files are plain text lines like [0, 1]:[2]")

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*([0-9.eE+-]+))?"
                   r"(?:\s*:\s*(unreviewed|confirmed|edited))?\s*$")


def parse_ladder(text: str, path: str | None = None) -> list[Bead]:
    """Parse ladder text into beads (blank lines and ``#`` comments are skipped).

    Raises:
        FormatError: with the line number, for a line that is not a bead.
    """
    beads: list[Bead] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            raise FormatError(
                f"not a ladder bead: {line.strip()[:60]!r}; expected e.g. [0, 1]:[2]",
                path=path, line=n)
        try:
            src = tuple(int(x) for x in m.group(1).replace(",", " ").split())
            tgt = tuple(int(x) for x in m.group(2).replace(",", " ").split())
            conf = float(m.group(3)) if m.group(3) else 1.0
            beads.append(Bead(src, tgt, conf, m.group(4) or "unreviewed"))
        except ValueError as e:
            raise FormatError(f"bad bead {line.strip()[:60]!r}: {e}", path=path, line=n) from e
    return beads


def read_ladder(path: str | os.PathLike[str]) -> list[Bead]:
    """Read a ladder file (an empty file has no beads; a pipe is read like a file).

    Raises:
        InputError: if the file is missing, a folder or too large.
        FormatError: binary or undecodable data, or a malformed line (with the line).
    """
    text, _ = read_data_file(path, kind=LADDER_FILE)  # UTF-16 (PowerShell's `>`) is fine
    return parse_ladder(text, os.fspath(path))


def format_ladder(beads: Iterable[Bead], with_confidence: bool = False,
                  signature: Mapping[str, str] | None = None) -> str:
    """Ladder text for beads, one per line, with a final newline; a signature, if
    given, goes first as a ``#`` comment line."""
    lines = [f"# {format_signature(signature)}"] if signature else []
    for b in beads:
        line = f"{b.ladder()}:{b.confidence:.4f}" if with_confidence else b.ladder()
        lines.append(f"{line}:{b.status}" if with_confidence and b.status != "unreviewed" else line)
    return "".join(line + "\n" for line in lines)


def write_ladder(path: str | os.PathLike[str], beads: Sequence[Bead],
                 with_confidence: bool = False,
                 signature: Mapping[str, str] | None = None) -> None:
    """Write beads to a ladder file atomically (signature as a ``#`` comment line)."""
    with atomic_write(path) as f:
        f.write(format_ladder(beads, with_confidence, signature))
