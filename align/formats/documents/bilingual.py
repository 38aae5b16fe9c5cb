"""Bilingual files given where a document is expected: refused, naming the command
that reads them.

A TMX file or a CAT tool's XLIFF (plain XLIFF, Trados SDLXLIFF, memoQ MQXLIFF) holds
sentences already paired; read as a document it would be aligned as XML text, tags
and both languages mixed, without a word of warning. Such files are recognised by
their suffix and, so that a renamed file is caught too, by the root element of the
XML they hold.
"""

from __future__ import annotations

import os
import re
from os import PathLike
from pathlib import Path

from align.errors import InputError

__all__ = ["BILINGUAL_SUFFIXES", "bilingual_kind", "refuse_bilingual"]

#: suffix -> kind of bilingual file.
BILINGUAL_SUFFIXES = {".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff",
                      ".sdlxliff": "sdlxliff", ".mqxliff": "mqxliff"}
_PROLOG = re.compile(r"(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>))*\s*", re.S | re.I)
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([^>]*)")
_SNIFF_BYTES = 4096


def bilingual_kind(path: str | PathLike[str], head: bytes = b"") -> str | None:
    """"tmx", "xliff", "sdlxliff" or "mqxliff" if the file is one, by its suffix or by
    the root element in ``head`` (the file's first bytes); else None."""
    kind = BILINGUAL_SUFFIXES.get(Path(path).suffix.lower())
    if kind is not None or not head:
        return kind
    text = _sniff_text(head[:_SNIFF_BYTES])
    prolog = _PROLOG.match(text)
    m = _ROOT.match(text, prolog.end() if prolog else 0)
    if m is None:
        return None
    root, attrs = m.group(1).lower(), m.group(2)
    if root == "tmx":
        return "tmx"
    if root != "xliff":
        return None
    if "sdl.com/FileTypes/SdlXliff" in attrs or "xmlns:sdl=" in attrs:
        return "sdlxliff"
    if "MQXliff" in attrs or "xmlns:mq=" in attrs:
        return "mqxliff"
    return "xliff"


def _sniff_text(head: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "ignore")
    return head.decode("utf-8", "ignore")


def refuse_bilingual(path: str | PathLike[str], head: bytes = b"") -> None:
    """Raise if the file is a TMX or XLIFF file (see :func:`bilingual_kind`).

    Raises:
        InputError: naming what the file is and the command to give it to.
    """
    kind = bilingual_kind(path, head)
    if kind is None:
        return
    name = os.fspath(path)
    if kind == "tmx":
        raise InputError(f"is a translation memory (TMX), not a document; import it with "
                         f"`align tm add {name} --tm DB`", path)
    tool = {"xliff": "an XLIFF", "sdlxliff": "a Trados SDLXLIFF",
            "mqxliff": "a memoQ MQXLIFF"}[kind]
    raise InputError(
        f"is {tool} bilingual file, not a document; give the source document itself, or "
        "export the translated project from the CAT tool as TMX and import it with "
        "`align tm add FILE.tmx --tm DB`", path)
