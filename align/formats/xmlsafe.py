"""Safe XML and HTML parsing: no external entities, no DTD loading, no network, no
entity expansion bombs, and never a partial tree. Every XML and HTML reader of the
toolkit parses through here.

libxml2 stops at its safety limits (nesting deeper than 256 elements, or 2048 with
``huge_tree``; a text node over 10 MB; a name over 50,000 characters; ...) and,
in recovery mode (the HTML parser), returns the tree built so far and only notes
the reason in the parser's error log. :func:`check_limits` reads that log after
every parse and turns such a note into a :class:`~align.errors.FormatError`
naming the file, so a document is read completely or refused, never cut short.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from align.errors import FormatError

#: Nesting depth the parsers allow: libxml2's limit with ``huge_tree`` (2048); the
#: XML parsers keep libxml2's default (256), which no real TMX, TBX or Word file nears.
HTML_MAX_DEPTH = 2048

_LIMIT_TYPES = ("ERR_RESOURCE_LIMIT", "ERR_NO_MEMORY", "ERR_ENTITY_LOOP", "ERR_NAME_TOO_LONG")
_LIMIT_WORDS = ("excessive depth", "resource limit", "huge text node", "huge input lookup",
                "amplification", "memory allocation failed", "name too long")
_FIX = "the file is damaged or made to exhaust memory; check where it came from"

PathArg = str | os.PathLike[str] | None


class Readable(Protocol):
    """A binary stream lxml can read from."""

    def read(self, n: int = ..., /) -> bytes: ...


def safe_parser(**kwargs: Any) -> Any:
    """An ``lxml.etree.XMLParser`` with entity resolution and network access off."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, **kwargs,
    )


def safe_iterparse_kwargs() -> dict[str, Any]:
    """Keyword arguments that make ``lxml.etree.iterparse`` safe."""
    return dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def reject_doctype_entities(head: bytes) -> str | None:
    """Return a reason if the start of an XML file declares entities (XML bomb or XXE)."""
    low = head.lower()
    if b"<!entity" in low:
        return "the file declares XML entities (<!ENTITY>), which are refused for safety"
    return None


def limit_entry(log: Iterable[Any]) -> Any | None:
    """The first entry of a parser's error log that reports a safety limit, if any.

    Only a parser's own log (``parser.error_log``, ``iterparse(...).error_log``) is
    asked: the log attached to an ``XMLSyntaxError`` is the thread's, with entries
    of earlier parses (see :func:`syntax_error`)."""
    for entry in log:
        if _is_limit(getattr(entry, "type_name", ""), str(getattr(entry, "message", ""))):
            return entry
    return None


def _is_limit(type_name: str, message: str) -> bool:
    low = message.lower()
    return type_name in _LIMIT_TYPES or any(w in low for w in _LIMIT_WORDS)


def limit_error(entry: Any, path: PathArg, part: str | None = None) -> FormatError:
    """The error for a parse stopped at a libxml2 safety limit (``entry`` of the log,
    or an ``XMLSyntaxError``)."""
    where = f"{part}: " if part else ""
    message = " ".join(str(getattr(entry, "message", getattr(entry, "msg", ""))).split())
    message = message.rstrip(".").replace(", use XML_PARSE_HUGE option", "").replace(
        ", try XML_PARSE_HUGE", "")
    line = getattr(entry, "line", None) or getattr(entry, "lineno", None)
    return FormatError(f"{where}cannot be read completely: the parser stopped at a safety "
                       f"limit ({message}); {_FIX}", path=path, line=line or None)


def check_limits(log: Iterable[Any], path: PathArg, part: str | None = None) -> None:
    """Refuse a parse that libxml2 cut short at a safety limit.

    Args:
        log: the parser's own ``error_log``.
        path: the file, for the message.
        part: the part of the file parsed (``"word/document.xml"``), if any.

    Raises:
        FormatError: naming the file, the line and the limit.
    """
    entry = limit_entry(log)
    if entry is not None:
        raise limit_error(entry, path, part)


def is_limit_error(e: Any) -> bool:
    """Whether an ``lxml.etree.XMLSyntaxError`` is a safety limit (by its own code and
    message, not the thread's error log)."""
    from lxml import etree

    code = getattr(e, "code", None)
    names = {n for n in _LIMIT_TYPES if getattr(etree.ErrorTypes, n, None) == code}
    return _is_limit(next(iter(names), ""), str(getattr(e, "msg", "")))


def syntax_error(e: Any, path: PathArg, part: str | None = None, *,
                 fix: str = "the file is damaged or incomplete") -> FormatError:
    """The error for an ``lxml.etree.XMLSyntaxError``: a safety limit, or malformed XML."""
    if is_limit_error(e):
        return limit_error(e, path, part)
    where = f"{part}: " if part else ""
    return FormatError(f"{where}malformed XML ({' '.join(str(e.msg).split())}); {fix}",
                       path=path, line=getattr(e, "lineno", None) or None)


def parse_xml(data: bytes, path: PathArg, part: str | None = None, *,
              fix: str = "the file is damaged or incomplete") -> Any:
    """Parse a whole XML document safely (see :func:`safe_parser`).

    Raises:
        FormatError: entity declarations, malformed XML or a safety limit; naming
            ``path`` (and ``part``) and the line.
    """
    from lxml import etree

    head = data[:_prologue_end(data)]
    if reject_doctype_entities(head):
        raise _entities_error(path, part, head[:head.lower().find(b"<!entity")].count(b"\n") + 1)
    parser = safe_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise syntax_error(e, path, part, fix=fix) from None
    check_limits(parser.error_log, path, part)
    dtd = root.getroottree().docinfo.internalDTD  # declared after a comment that hid it
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entities_error(path, part, 1)
    return root


_ELEMENT_START = re.compile(rb"<[A-Za-z_:\x80-\xff]")


def _prologue_end(data: bytes) -> int:
    """Where the root element starts (entities can only be declared before it)."""
    m = _ELEMENT_START.search(data)
    return m.start() if m else len(data)


def parse_html(text: str, path: PathArg) -> Any:
    """Parse an HTML page (comments and processing instructions dropped, network off).

    ``huge_tree`` lifts libxml2's depth limit from 256 to :data:`HTML_MAX_DEPTH`
    (real pages nest many unclosed ``<span>``s) and its 10 MB text-node limit (the
    page itself is size-limited by the caller); HTML declares no entities, so this
    opens no expansion bomb. A page beyond these limits is refused.

    Raises:
        FormatError: the page cannot be parsed, or only partly.
    """
    from lxml import etree
    from lxml import html as lhtml

    parser = lhtml.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                              recover=True, huge_tree=True, default_doctype=False)
    try:
        root = lhtml.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        check_limits(parser.error_log, path)
        raise FormatError(f"cannot read it as HTML ({e}); check that it is a web page",
                          path=path) from None
    check_limits(parser.error_log, path)
    return root


def iterparse(source: Readable, path: PathArg, part: str | None = None, *,
              fix: str = "the file is damaged or incomplete", **kwargs: Any) -> Iterator[Any]:
    """``lxml.etree.iterparse`` with the safe settings: refuses entity declarations
    (before parsing when the first chunk read shows them, else at the first event),
    yields the events, then checks the error log; a syntax error becomes a
    :class:`FormatError`.

    Raises:
        FormatError: entity declarations, as :func:`syntax_error` and :func:`check_limits`.
    """
    from lxml import etree

    events = etree.iterparse(_PrologueCheck(source, path, part), **safe_iterparse_kwargs(),
                             **kwargs)
    try:
        it = iter(events)
        first = next(it, None)
        if first is not None:
            tree = getattr(first[1], "getroottree", None)  # an element (not a namespace)
            dtd = tree().docinfo.internalDTD if tree is not None else None
            if dtd is not None and any(True for _ in dtd.iterentities()):
                raise _entities_error(path, part, 1)
            yield first
            yield from it
    except etree.XMLSyntaxError as e:
        raise syntax_error(e, path, part, fix=fix) from None
    check_limits(events.error_log, path, part)


def _entities_error(path: PathArg, part: str | None, line: int) -> FormatError:
    where = f"{part}: " if part else ""
    return FormatError(f"{where}{reject_doctype_entities(b'<!entity')}; remove the "
                       "<!DOCTYPE ...[ ]> internal subset", path=path, line=line)


class _PrologueCheck:
    """A byte stream whose first chunk is checked for entity declarations."""

    def __init__(self, raw: Readable, path: PathArg, part: str | None) -> None:
        self.raw, self.path, self.part, self.first = raw, path, part, True

    def read(self, n: int = -1) -> bytes:
        data: bytes = self.raw.read(n)
        if self.first:
            self.first = False
            head = data[:_prologue_end(data)]
            if reject_doctype_entities(head):
                line = head[:head.lower().find(b"<!entity")].count(b"\n") + 1
                raise _entities_error(self.path, self.part, line)
        return data
