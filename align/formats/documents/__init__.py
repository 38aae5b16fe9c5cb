"""Reading documents: text files in any common Chinese/English encoding, HTML pages,
Word .docx files, PDFs with a text layer, and ODT/RTF through LibreOffice, turned into a :class:`~align.types.Document` of clean paragraphs.

Paragraphs of a text file are blocks separated by blank lines (a file without any
blank line has one paragraph per line); the lines of a block are joined with ""
when Chinese meets Chinese and with a space otherwise. Page furniture is removed
by the general rules of :mod:`align.formats.documents.furniture`, and its title, date and
source go to ``Document.metadata``. Bytes become text in :mod:`align.formats.decode`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from align.errors import InputError
from align.formats.decode import (
    DEFAULT_MAX_BYTES,
    check_file,
    decode_bytes,
    read_bytes,
)
from align.formats.documents.bilingual import refuse_bilingual
from align.formats.documents.furniture import Cleaned, Line, Removed, clean_lines
from align.text.langid import check_lang_matches, detect_lang
from align.text.normalize import fold_cjk_compat
from align.text.script import display_width, is_wide
from align.types import Document, Lang

__all__ = [
    "Cleaned", "Line", "Removed", "clean_lines", "join_lines",
    "read_document", "read_lines",
    "read_numbered_lines", "text_to_lines",
]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_CONVERTED = (".odt", ".rtf")  # read through LibreOffice (formats.documents.office)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")
_HEADING_END = "。！？.!?…；;：:，,、”’\"')）」』》"


def read_numbered_lines(
    path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[tuple[int, str]]:
    """The non-blank lines of a text file with their 1-based line numbers.

    Lines are stripped and their inner whitespace runs become single spaces.

    Raises:
        InputError: as :func:`read_text_file`; a TMX or XLIFF file.
    """
    refuse_bilingual(path)
    data = read_bytes(path, max_bytes=max_bytes)
    refuse_bilingual(path, data[:4096])
    text, _ = decode_bytes(data, os.fspath(path), max_bytes=max_bytes)
    return [(n, s) for n, s in _numbered_lines(text) if s]


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    """Every line of ``text`` with its 1-based number, invisible characters removed,
    stripped, inner whitespace runs as single spaces (blank lines become "")."""
    if any(chr(c) in text for c in _INVISIBLE):
        text = text.translate(_INVISIBLE)
    # every run of spaces (str.isspace, as \s) but the line breaks becomes one space
    return [(n, s.strip(" ")) for n, s in enumerate(_SPACES.sub(" ", text).split("\n"), 1)]


def read_lines(path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The non-blank lines of a pre-split file (one sentence per line), stripped.

    The encoding is detected as by :func:`read_text_file`; inner whitespace runs
    become single spaces. Line numbers: :func:`read_numbered_lines`.

    Raises:
        InputError: as :func:`read_text_file`.
    """
    return [s for _, s in read_numbered_lines(path, max_bytes=max_bytes)]


def text_to_lines(text: str) -> list[Line]:
    """Split a decoded text into non-blank lines grouped in blank-line-separated blocks.

    A text without any blank line between its lines has one block per line.
    """
    rows = _numbered_lines(text)
    nonblank = [k for k, (_, s) in enumerate(rows) if s]
    if not nonblank:
        return []
    inner = rows[nonblank[0]:nonblank[-1] + 1]
    one_per_line = all(s for _, s in inner)
    lines: list[Line] = []
    block, prev_blank = 0, False
    for n, s in inner:
        if not s:
            prev_blank = True
            continue
        if lines and (prev_blank or one_per_line):
            block += 1
        lines.append(Line(s, n, block))
        prev_blank = False
    return lines


def join_lines(texts: Sequence[str], lang: str) -> str:
    """Join the lines of one paragraph: "" between Chinese characters (or, in a
    Chinese text, next to one), a space otherwise."""
    out = ""
    for t in texts:
        if not out:
            out = t
            continue
        a, b = out[-1], t[0]
        glue = is_wide(a) and is_wide(b) or lang == "zh" and (is_wide(a) or is_wide(b))
        out += ("" if glue else " ") + t
    return out


def _paragraphs(lines: Sequence[Line], lang: str, *, split_headings: bool) -> tuple[
        list[str], list[int | None]]:
    """Group kept lines into paragraphs by block; with ``split_headings``, a short
    line without final punctuation inside a block (a heading) stays on its own."""
    groups: list[list[Line]] = []
    for ln in lines:
        if groups and groups[-1][-1].block == ln.block:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    if split_headings:
        split: list[list[Line]] = []
        for g in groups:
            longest = max(display_width(ln.text) for ln in g)
            cur: list[Line] = []
            for k, ln in enumerate(g):
                cur.append(ln)
                heading = (k < len(g) - 1 and display_width(ln.text) < 0.6 * longest
                           and ln.text[-1] not in _HEADING_END)
                if heading:
                    split.append(cur)
                    cur = []
            if cur:
                split.append(cur)
        groups = split
    return [join_lines([ln.text for ln in g], lang) for g in groups], [g[0].line for g in groups]


def _decode_declared(data: bytes, charset: str, path: str) -> tuple[str, str]:
    """Decode an HTML page whose <meta> tag declares ``charset`` (not a Unicode one).

    Bytes that are valid UTF-8 with non-ASCII characters are UTF-8 whatever the tag
    says: text in a single-byte or GBK charset almost never forms valid UTF-8 by
    chance, while pages re-saved as UTF-8 often keep their old <meta charset>, and
    decoding them as declared would silently give mojibake. A single-byte charset
    over bytes that read as Chinese (GB18030) is refused rather than guessed.

    Returns:
        (text, encoding).
    """
    if not data.isascii():
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        else:
            return _unify_line_ends(text), encoding
        if _single_byte(charset) and _reads_as_chinese(data):
            raise InputError(
                f"the page declares charset {charset}, but its bytes read as Chinese in "
                "GB18030/GBK; fix the <meta charset> or convert the file: iconv -f GB18030 "
                "-t UTF-8", path)
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as e:
        raise InputError(
            f"the page declares charset {charset} but byte 0x{data[e.start]:02X} is not valid "
            f"in it; fix the <meta charset> or convert the file: iconv -f <real encoding> "
            "-t UTF-8", path, offset=e.start) from None
    return _unify_line_ends(text), charset


def _unify_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def _single_byte(charset: str) -> bool:
    """Whether ``charset`` maps each byte to one character (Latin-1, Windows-1252, ...):
    multi-byte codecs join high bytes; UTF-8 and 7-bit codecs replace them all."""
    import codecs

    try:
        name = codecs.lookup(charset).name
        return (len(bytes(range(128, 256)).decode(name, "replace")) == 128
                and not name.startswith(("utf", "iso2022", "hz")))
    except LookupError:
        return False


def _reads_as_chinese(data: bytes) -> bool:
    from align.formats.charsets import plausible_chinese

    try:
        return plausible_chinese(data.decode("gb18030"))
    except UnicodeDecodeError:
        return False


@dataclass(frozen=True, slots=True)
class _Loaded:
    """A document's lines as its format reader gives them, before furniture removal."""

    lines: list[Line]
    found: dict[str, str]
    hint: str | None
    encoding: str
    fmt: str
    body_blocks: int | None = None  # blocks from here on are notes, headers, footers


def read_document(
    path: str | PathLike[str], lang: str | None = None, *,
    max_bytes: int = DEFAULT_MAX_BYTES, notes: str = "keep",
) -> Document:
    """Read a document's body paragraphs and metadata.

    The format follows the suffix: ``.html``/``.htm``/``.xhtml``, ``.docx``, ``.pdf``,
    ``.odt`` and ``.rtf`` (through LibreOffice), and anything else as text (a text
    file that is an HTML page is read as HTML, one that is a PDF or RTF as such).
    TMX and XLIFF files are refused (:mod:`align.formats.documents.bilingual`). CJK
    radicals and compatibility ideographs become the ideographs they stand for
    (:func:`align.text.normalize.fold_cjk_compat`).

    Args:
        path: the file.
        lang: "zh", "zh-Hant", "en", or None/"auto" to detect it from the script.
        max_bytes: refuse files larger than this (default 200 MB).
        notes: Word, ODT and RTF footnotes, endnotes, headers and footers: "keep"
            (paragraphs after the body) or "drop".

    Returns:
        A Document with page furniture removed; ``metadata`` has "title", "date",
        "source" (when found), "encoding", "format" and "removed" (how many
        non-blank lines were taken out of the body: furniture, metadata, title);
        "script" is "Hant" for traditional Chinese (see :mod:`align.text.variants`);
        "notes_from" is the index of the first paragraph that is a note, header or
        footer, "notes" how many of each; "pages" and "running" (running header,
        footer and page-number lines dropped) for a PDF.

    Raises:
        InputError: unreadable, empty, binary, undecodable or damaged file, no body
            text, text in the other language than ``lang``, a bilingual file, a
            scanned PDF, LibreOffice missing for .odt/.rtf.
        ConfigError: ``lang`` or ``notes`` is not one of the choices.
    """
    from align.formats.documents.docx import check_notes
    from align.text.variants import base_lang, is_traditional

    check_notes(notes)
    declared = None if lang in (None, "auto") else base_lang(lang)  # type: ignore[arg-type]
    spath = os.fspath(path)
    loaded = _load(path, Path(spath).suffix.lower(), max_bytes, notes)
    cleaned = clean_lines([ln if ln.text == (t := fold_cjk_compat(ln.text))
                           else Line(t, ln.line, ln.block) for ln in loaded.lines],
                          title_hint=loaded.hint)
    if not cleaned.lines:
        raise InputError(
            f"no body text found ({len(cleaned.removed)} lines looked like page furniture: "
            "titles, labels, menus); check that this is the document's text", spath)
    body = "\n".join(ln.text for ln in cleaned.lines)
    doc_lang: Lang = detect_lang(body, spath) if declared is None else check_lang_matches(
        body, declared, spath)
    texts, starts = _paragraphs(cleaned.lines, doc_lang, split_headings=loaded.fmt == "text")
    meta = dict(cleaned.metadata)
    for key, value in loaded.found.items():
        meta.setdefault(key, value)
    if loaded.body_blocks is not None and "notes" in meta:
        meta["notes_from"] = str(len({ln.block for ln in cleaned.lines
                                      if ln.block < loaded.body_blocks}))
    if doc_lang == "zh" and (lang == "zh-Hant" or is_traditional(body)):
        meta["script"] = "Hant"
    ordered: dict[str, str] = {k: meta.pop(k) for k in ("title", "date", "source")
                               if k in meta}
    ordered.update(sorted(meta.items()))
    ordered.update(encoding=loaded.encoding, format=loaded.fmt,
                   removed=str(len(cleaned.removed)))
    return Document.from_paragraphs(texts, doc_lang, path=spath, encoding=loaded.encoding,
                                    metadata=ordered, lines=starts)


def _load(path: str | PathLike[str], suffix: str, max_bytes: int, notes: str) -> _Loaded:
    """Read the file's lines with the reader its suffix (or its first bytes) calls for."""
    spath = os.fspath(path)
    refuse_bilingual(path)
    if suffix in (".docx", *_CONVERTED):
        check_file(path, max_bytes=max_bytes)
        return _read_word(path, suffix[1:], max_bytes, notes)
    data = read_bytes(path, max_bytes=max_bytes)
    refuse_bilingual(path, data[:4096])
    if suffix == ".pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        from align.formats.documents.pdf import read_pdf

        lines, found = read_pdf(path)
        return _Loaded(lines, found, found.pop("title", None), "utf-8", "pdf")
    if data.startswith(b"{\\rtf"):  # an RTF file under another name
        return _read_word(path, "rtf", max_bytes, notes)
    return _read_text(data, spath, suffix, max_bytes)


def _read_word(path: str | PathLike[str], fmt: str, max_bytes: int, notes: str) -> _Loaded:
    """A .docx file's lines; ODT and RTF (``fmt``) converted to .docx first."""
    from align.formats.documents.docx import read_docx
    from align.formats.documents.office import as_docx

    if fmt == "docx":
        lines, found = read_docx(path, max_bytes=max_bytes, notes=notes)
    else:
        with as_docx(path, fmt) as converted:
            lines, found = read_docx(converted, max_bytes=max_bytes, notes=notes)
    body = found.pop("notes_block", None)
    return _Loaded(lines, found, found.pop("title", None), "utf-8", fmt,
                   None if body is None else int(body))


def _read_text(data: bytes, spath: str, suffix: str, max_bytes: int) -> _Loaded:
    """A text or HTML file's lines."""
    from align.formats.documents.html import declared_charset, looks_like_html, read_html

    charset = None  # a byte-order mark beats a declared charset
    if suffix in _HTML_SUFFIXES and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe",
                                                         b"\xfe\xff")):
        charset = declared_charset(data)
    if charset and charset not in ("utf-8", "gb18030", "utf-16", "utf-32"):
        text, encoding = _decode_declared(data, charset, spath)
    else:
        text, encoding = decode_bytes(data, spath, max_bytes=max_bytes)
    if suffix in _HTML_SUFFIXES or looks_like_html(text):
        content = read_html(text, spath)
        return _Loaded(content.lines, content.metadata, content.title_hint, encoding, "html")
    return _Loaded(text_to_lines(text), {}, None, encoding, "text")
