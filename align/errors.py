"""Error classes shared by every part of the toolkit.

Every message says what is wrong, where, and how to fix it. The CLI catches
:class:`AlignError` in one place, prints ``str(error)`` on one line to stderr and
exits with status 1.
"""

from __future__ import annotations

from os import PathLike


class AlignError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class InputError(AlignError):
    """Bad input: a missing, empty, binary or undecodable file, wrong language, ...

    Args:
        message: what is wrong and how to fix it.
        path: the file concerned, if any; prefixed to the message.
        line: 1-based line number, if known.
        offset: 0-based byte offset, if known (used when there is no line).
    """

    def __init__(
        self,
        message: str,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.offset = offset
        self.message = message
        super().__init__(_located(message, self.path, line, offset))


class FormatError(InputError):
    """A file is malformed for its format (TSV, TMX, TBX, ladder, ...)."""


class ConfigError(AlignError):
    """A setting or option value is invalid (unknown language, bad threshold, ...)."""


def _located(message: str, path: str | None, line: int | None, offset: int | None) -> str:
    where = ""
    if path is not None:
        where = path
        if line is not None:
            where += f":{line}"
        elif offset is not None:
            where += f": byte {offset}"
        where += ": "
    elif line is not None:
        where = f"line {line}: "
    return where + " ".join(message.split())  # always one line
