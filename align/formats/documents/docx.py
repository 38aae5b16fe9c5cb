"""Word ``.docx`` files: paragraphs from ``word/document.xml``, with zipfile and lxml only.

Every ``w:p`` is a paragraph (table cells and text boxes included, in document
order); ``w:t`` is text, ``w:tab`` a space, ``w:br``/``w:cr`` a line break.
Deleted text of tracked changes, field codes and the fallback copies of
``mc:AlternateContent`` are skipped so nothing is read twice.
"""

from __future__ import annotations

import zipfile
import zlib
from os import PathLike
from typing import Any

from align.errors import InputError
from align.formats.decode import size_error
from align.formats.documents.furniture import Line
from align.formats.xmlsafe import reject_doctype_entities, safe_parser

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = frozenset((_W + "del", _W + "moveFrom", _W + "delText", _W + "instrText", _W + "pPr",
                   _W + "rPr", _W + "p", _MC_FALLBACK))
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_FIX = ("open it in Word (or LibreOffice) and save it again as .docx, or save it as .txt")


def read_docx(
    path: str | PathLike[str], *, max_bytes: int,
) -> tuple[list[Line], dict[str, str]]:
    """Read the paragraphs of a .docx file as lines (one block per paragraph).

    Returns:
        (lines, metadata); metadata holds "title" from the document properties if set.

    Raises:
        InputError: not a zip archive, no ``word/document.xml``, corrupt XML, or the
            document is larger than ``max_bytes`` once uncompressed.
    """
    from lxml import etree

    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(f"is not a valid .docx file (not a zip archive, or damaged); {_FIX}",
                         path) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e}); check the path", path) \
            from None
    with zf:
        try:
            info = zf.getinfo("word/document.xml")
        except KeyError:
            raise InputError(
                f"is a zip archive but not a Word document (no word/document.xml); {_FIX}",
                path) from None
        core_info = zf.NameToInfo.get("docProps/core.xml")
        for part in (info, core_info):  # the sizes a zip bomb lies about are checked too
            if part is not None and part.file_size > max_bytes:
                raise size_error(path, part.file_size, max_bytes,
                                 what=f"{part.filename} unpacks to")
        try:
            data = zf.read(info)
            core = zf.read(core_info) if core_info is not None else b""
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
            raise InputError(f"is a damaged .docx file ({e}); {_FIX}", path) from None
    root = data.find(b"<w:document")  # the DOCTYPE comes before it (comments may pad it)
    reason = reject_doctype_entities(data[:root] if root > 0 else data[:65536])
    if reason:
        raise InputError(f"word/document.xml: {reason}", path)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as e:
        raise InputError(f"is a damaged .docx file: word/document.xml is not well-formed XML "
                         f"({e.msg}); {_FIX}", path) from None
    lines: list[Line] = []
    block = 0
    for p in root.iter(_W + "p"):
        if next(p.iterancestors(_MC_FALLBACK), None) is not None:
            continue
        parts: list[str] = []
        _runs(p, parts)
        added = False
        for text in "".join(parts).split("\n"):
            text = " ".join(text.split())
            if text:
                lines.append(Line(text, None, block))
                added = True
        block += added
    return lines, _core_metadata(core)


def _runs(el: Any, parts: list[str]) -> None:
    """Text of a paragraph; nested paragraphs (text boxes) are read on their own."""
    for c in el:
        tag = c.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "t":
            parts.append(c.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        else:
            _runs(c, parts)


def _core_metadata(core: bytes) -> dict[str, str]:
    from lxml import etree

    if not core or reject_doctype_entities(core[:4096]):
        return {}
    try:
        root = etree.fromstring(core, safe_parser())
    except etree.XMLSyntaxError:
        return {}  # document properties are optional; the text is what matters
    title = root.find(_DC_TITLE)
    value = " ".join((title.text or "").split()) if title is not None else ""
    return {"title": value} if value else {}
