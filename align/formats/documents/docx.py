"""Word ``.docx`` files (Transitional and Strict Office Open XML), with zipfile and lxml only.

Read, in this order: the body of the main document part, then (unless dropped with
``notes="drop"``) the footnotes and the endnotes (in the order the body refers to
them), then the headers and footers (in the order the sections refer to them, each
part once), each as paragraphs of their own after the body. Every ``w:p`` is one
paragraph: table cells in place, and a text box's paragraphs right after the
paragraph that anchors it. ``w:t`` is text, ``w:tab`` a space, ``w:br``/``w:cr`` a
line break. Deleted text of tracked changes, field codes and the fallback copies of
``mc:AlternateContent`` are skipped so nothing is read twice; an entity reference
a hand-made file leaves undefined stays in the text as written (``&foo;``), known
HTML names (``&nbsp;``) become their character.

Memory is bounded whatever the file unpacks to: every part is streamed from the
zip archive (``iterparse``), each paragraph is freed once read, and a part that
holds more than :data:`MAX_PARAGRAPHS` paragraphs, or more than
:data:`WINDOW_TAGS` XML tags without a paragraph end, is refused (a Word document
of a few hundred KB whose XML unpacks to millions of empty elements is a
decompression bomb, not a text).
"""

from __future__ import annotations

import html.entities
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from os import PathLike
from typing import IO, Any

from align.errors import ConfigError, FormatError, InputError
from align.formats.decode import size_error
from align.formats.documents.furniture import Line
from align.formats.xmlsafe import iterparse, parse_xml

_W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",  # Transitional
         "http://purl.oclc.org/ooxml/wordprocessingml/main")  # Strict (ISO 29500)
_R_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         "http://purl.oclc.org/ooxml/officeDocument/relationships")
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _w(*names: str) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{n}" for ns in _W_NS for n in names)


_P = _w("p")
_T = _w("t")
_TAB = _w("tab", "ptab")
_BREAK = _w("br", "cr")
_HYPHEN = _w("noBreakHyphen")
_SKIP = _w("del", "moveFrom", "delText", "instrText", "pPr", "rPr") | {_MC_FALLBACK}
_NOTE_REF = {**dict.fromkeys(_w("footnoteReference"), "footnotes"),
             **dict.fromkeys(_w("endnoteReference"), "endnotes")}
_NOTE = _w("footnote", "endnote")
_BLOCK_HOLDERS = _w("body", "hdr", "ftr")  # never inside a paragraph, note or fallback
_SECT = _w("sectPr")
_PART_REF = _w("headerReference", "footerReference")
_W_ID = tuple(f"{{{ns}}}id" for ns in _W_NS)
_W_TYPE = tuple(f"{{{ns}}}type" for ns in _W_NS)
_R_ID = tuple(f"{{{ns}}}id" for ns in _R_NS)

#: Paragraphs (empty ones included) a document may hold, over all its parts.
MAX_PARAGRAPHS = 2_000_000
#: XML tags a part may hold between two paragraph ends (what is kept in memory).
WINDOW_TAGS = 500_000
_SMALL_PART = 1 << 20  # relationships and document properties: a few KB in real files
_CLEAN_EVERY = 256  # paragraphs between two removals of finished elements
_FIX = "open it in Word (or LibreOffice) and save it again as .docx, or save it as .txt"
_BOMB = "the file is damaged or made to exhaust memory (a decompression bomb)"


#: What to do with footnotes, endnotes, headers and footers.
NOTES_CHOICES = ("keep", "drop")


def check_notes(notes: str) -> str:
    """Return ``notes`` if it is one of :data:`NOTES_CHOICES`.

    Raises:
        ConfigError: another value.
    """
    if notes not in NOTES_CHOICES:
        raise ConfigError(f"unknown notes choice {notes!r}; use one of: "
                          f"{', '.join(NOTES_CHOICES)}")
    return notes


def read_docx(
    path: str | PathLike[str], *, max_bytes: int, notes: str = "keep",
) -> tuple[list[Line], dict[str, str]]:
    """Read the paragraphs of a .docx file as lines (one block per paragraph).

    Args:
        path: the file.
        max_bytes: the most any part may unpack to.
        notes: "keep" footnotes, endnotes, headers and footers (after the body) or
            "drop" them.

    Returns:
        (lines, metadata): metadata holds "title" from the document properties if
        set; if notes, headers or footers were kept, "notes" says how many paragraphs
        of each kind, and "notes_block" the first block that is one of them.

    Raises:
        InputError: not a zip archive, no main document part, corrupt XML, a part
            larger than ``max_bytes`` once uncompressed, or over the paragraph limits.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, NotImplementedError):  # damaged, or a zip feature not read
        raise InputError(f"is not a valid .docx file (not a zip archive, or damaged); {_FIX}",
                         path) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e}); check the path", path) \
            from None
    with zf:
        try:
            return _Package(zf, path, max_bytes, notes == "keep").read()
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as e:
            # a damaged archive: bad CRC, bad offsets (a seek before the start), ...
            raise InputError(f"is a damaged .docx file ({e}); {_FIX}", path) from None


@dataclass
class _Package:
    """One .docx archive being read: its parts, relationships and what was found."""

    zf: zipfile.ZipFile
    path: str | PathLike[str]
    max_bytes: int
    keep_notes: bool
    lines: list[Line] = field(default_factory=list)
    paragraphs: int = 0  # every w:p seen, empty ones included
    note_refs: dict[str, list[str]] = field(default_factory=lambda: {"footnotes": [],
                                                                    "endnotes": []})
    part_refs: list[str] = field(default_factory=list)  # header/footer relationship ids

    def read(self) -> tuple[list[Line], dict[str, str]]:
        main = self._main_part()
        rels = self._rels_of(main)
        for p, _ in self._paragraphs(main):
            self._emit(self._paragraph(p, self.note_refs))
        body = self._blocks()
        meta = self._core_metadata()
        if not self.keep_notes:
            return self.lines, meta
        counts: dict[str, int] = {}
        for kind in ("footnotes", "endnotes"):
            target = next((t for k, t in rels.values() if k == kind), None)
            if target is not None:
                before = self._blocks()
                self._notes(target, self.note_refs[kind])
                counts[kind] = self._blocks() - before
        before = self._blocks()
        for rid in dict.fromkeys(self.part_refs):
            kind, target = rels.get(rid, ("", ""))
            if kind in ("header", "footer"):
                for p, _ in self._paragraphs(target):
                    self._emit(self._paragraph(p))
        counts["headers/footers"] = self._blocks() - before
        found = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n)
        if found:
            meta.update(notes=found, notes_block=str(body))
        return self.lines, meta

    def _blocks(self) -> int:
        """How many paragraphs (blocks) have been read so far."""
        return self.lines[-1].block + 1 if self.lines else 0

    def _paragraph(self, p: Any, refs: dict[str, list[str]] | None = None) -> list[list[str]]:
        """The lines of a paragraph, then those of each paragraph of the text boxes it
        anchors (in document order); footnote and endnote references go to ``refs``."""
        self._count()
        parts: list[str] = []
        nested: list[Any] = []
        _runs(p, parts, refs, nested)
        found = [[t for t in (" ".join(s.split()) for s in "".join(parts).split("\n")) if t]]
        for q in nested:
            found += self._paragraph(q, refs)
        return found

    def _emit(self, paragraphs: list[list[str]]) -> None:
        """Add each paragraph's lines as the next block."""
        for texts in paragraphs:
            if texts:
                block = self.lines[-1].block + 1 if self.lines else 0
                self.lines += [Line(text, None, block) for text in texts]

    def _notes(self, part: str, order: list[str]) -> None:
        """Footnotes or endnotes: by first reference in the body, then the others."""
        by_note: dict[str, list[list[str]]] = {}
        for p, note in self._paragraphs(part):
            if note is None or any(note.get(t) for t in _W_TYPE):
                continue  # separators and continuation notices are not notes
            nid = next((v for t in _W_ID if (v := note.get(t))), "")
            by_note.setdefault(nid, []).extend(self._paragraph(p))
        for nid in dict.fromkeys([*(n for n in order if n in by_note), *by_note]):
            self._emit(by_note[nid])

    # -- the package -----------------------------------------------------------

    def _info(self, name: str, *, small: bool = False) -> zipfile.ZipInfo | None:
        """The archive entry ``name``, if any, after checking the size it unpacks to
        (zipfile stops at that size: a zip bomb cannot lie about it)."""
        info = self.zf.NameToInfo.get(name)
        if info is None:
            return None
        if info.file_size > self.max_bytes:
            raise size_error(self.path, info.file_size, self.max_bytes,
                             what=f"{name} unpacks to")
        if small and info.file_size > _SMALL_PART:  # parsed whole, not streamed
            raise InputError(f"{name} unpacks to {info.file_size:,} bytes, where a Word "
                             f"document has a few KB; {_BOMB}", self.path)
        return info

    def _main_part(self) -> str:
        rels = self._rels_of("")
        main = next((t for k, t in rels.values() if k == "officeDocument"), "word/document.xml")
        if self._info(main) is None:
            raise InputError(f"is a zip archive but not a Word document (no {main}); {_FIX}",
                             self.path)
        return main

    def _rels_of(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type's last word, target part name) of ``part``."""
        folder, _, name = part.rpartition("/")
        rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        info = self._info(rels_name, small=True)
        if info is None:
            return {}
        root = parse_xml(self.zf.read(info), self.path, rels_name, fix=_FIX)
        found: dict[str, tuple[str, str]] = {}
        for rel in root.iter(_PKG_RELS):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target.lstrip("/") if target.startswith("/") else _join(folder, target)
            found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
        return found

    def _core_metadata(self) -> dict[str, str]:
        info = self._info("docProps/core.xml", small=True)
        if info is None:
            return {}
        try:
            root = parse_xml(self.zf.read(info), self.path, "docProps/core.xml")
        except FormatError:
            return {}  # document properties are optional; the text is what matters
        title = root.find(_DC_TITLE)
        value = " ".join((title.text or "").split()) if title is not None else ""
        return {"title": value} if value else {}

    # -- paragraphs --------------------------------------------------------------

    def _paragraphs(self, part: str) -> Iterator[tuple[Any, Any | None]]:
        """Stream the paragraphs of a part that are not inside another paragraph, in
        document order, each with the footnote or endnote holding it (else None); the
        header/footer references of section properties go to ``part_refs``."""
        info = self._info(part)
        if info is None:
            return
        with self.zf.open(info) as raw:
            stream = _Guard(raw, self.max_bytes, part, self.path)
            since_clean = 0
            for _event, el in iterparse(stream, self.path, part, fix=_FIX, events=("end",),
                                        tag=_P | _SECT):
                if el.tag in _SECT:
                    self.part_refs += [r for c in el if c.tag in _PART_REF
                                       for r in (c.get(_R_ID[0]) or c.get(_R_ID[1]),) if r]
                    continue
                parent = el.getparent()
                if parent.tag in _BLOCK_HOLDERS:  # the common case, answered at once
                    if len(el):
                        yield el, None
                    else:
                        self._count()  # an empty paragraph: nothing to read
                elif parent.tag in _NOTE:
                    yield el, parent
                else:
                    inside, note = _context(el)
                    if inside:
                        continue  # a text box's (read with its paragraph) or a fallback's
                    yield el, note
                el.clear()
                since_clean += 1
                if since_clean >= _CLEAN_EVERY or stream.tags > WINDOW_TAGS // 2:
                    _drop_finished(el)
                    stream.tags = since_clean = 0

    def _count(self) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise InputError(f"the document holds more than {MAX_PARAGRAPHS:,} paragraphs; "
                             f"{_BOMB}, or split it into smaller documents", self.path)


class _Guard:
    """A zip member stream that counts what the parser reads: bytes against the
    size limit, XML tags against :data:`WINDOW_TAGS` (reset by the reader)."""

    def __init__(self, raw: IO[bytes], max_bytes: int, part: str,
                 path: str | PathLike[str]) -> None:
        self.raw, self.max_bytes, self.part, self.path = raw, max_bytes, part, path
        self.read_bytes = 0
        self.tags = 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.read_bytes += len(data)
        if self.read_bytes > self.max_bytes:
            raise size_error(self.path, self.read_bytes, self.max_bytes,
                             what=f"{self.part} unpacks to more than")
        self.tags += data.count(b"<")
        if self.tags > WINDOW_TAGS:
            raise InputError(f"{self.part} holds more than {WINDOW_TAGS:,} XML elements "
                             f"without a paragraph end; {_BOMB}", self.path)
        return data


def _context(el: Any) -> tuple[bool, Any | None]:
    """(whether ``el`` is inside a paragraph or an ``mc:Fallback``, its note if any)."""
    for a in el.iterancestors():
        if a.tag in _P or a.tag == _MC_FALLBACK:
            return True, None
        if a.tag in _NOTE:
            return False, a
    return False, None


def _drop_finished(el: Any) -> None:
    """Remove every element that ended before ``el`` (and its ancestors) started."""
    node = el
    parent = node.getparent()
    while parent is not None:
        k = parent.index(node)
        if k:
            del parent[:k]
        node, parent = parent, parent.getparent()


def _join(folder: str, target: str) -> str:
    parts: list[str] = folder.split("/") if folder else []
    for seg in target.split("/"):
        if seg == "..":
            if parts:
                parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts)


def _runs(el: Any, parts: list[str], refs: dict[str, list[str]] | None,
          nested: list[Any]) -> None:
    """Text of a paragraph into ``parts``; its nested paragraphs (text boxes) go to
    ``nested``, its footnote and endnote references to ``refs`` (by kind)."""
    for c in el:
        tag = c.tag
        if tag in _P:
            nested.append(c)
        elif not isinstance(tag, str) or tag in _SKIP:
            continue
        elif tag in _T:
            parts.append(_t_text(c))
        elif tag in _TAB:
            parts.append("\t")
        elif tag in _BREAK:
            parts.append("\n")
        elif tag in _HYPHEN:
            parts.append("-")
        elif tag in _NOTE_REF:
            if refs is not None:
                refs[_NOTE_REF[tag]].append(c.get(_W_ID[0]) or c.get(_W_ID[1]) or "")
        else:
            _runs(c, parts, refs, nested)


def _t_text(t: Any) -> str:
    """The text of a ``w:t``, with the text after an undefined entity reference."""
    if not len(t):
        return t.text or ""
    out = [t.text or ""]
    for c in t:  # only entity references can be inside a w:t
        ref = c.text or ""
        out.append(html.entities.html5.get(ref[1:], ref) if ref.startswith("&") else "")
        out.append(c.tail or "")
    return "".join(out)
