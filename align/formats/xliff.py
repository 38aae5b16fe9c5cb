"""XLIFF 1.2 bilingual files (.xlf, .xliff): :func:`write_xliff` and the symmetric
:func:`read_xliff`, for drafts a CAT tool opens (Trados, memoQ, OmegaT,
translate-toolkit).

One ``<file>`` (``original`` = the document's name, ``source-language``,
``target-language``, ``datatype="plaintext"``); its header names the tool
(``<tool tool-id="zhen-align" tool-version=...>``) and holds the signature of the run
in a ``<note from="zhen-align-signature">`` (``tool:zhen-align|version:...``). One
``<trans-unit>`` per sentence (or bead), ids from 1, text kept as is
(``xml:space="preserve"``):

* ``<source xml:lang>``; ``<target xml:lang state= state-qualifier=>`` where there is
  a translation (states of XLIFF 1.2: ``final``, ``translated``,
  ``needs-review-translation``, ...);
* ``<alt-trans match-quality="NN" origin="...">`` with the source and target of a TM
  match;
* ``<note from="...">`` per note (glossary terms, warnings, repetitions);
* zhen-align's own facts (band, repetition, confidence, bead type) as attributes in
  the namespace ``urn:zhen-align`` (prefix ``za``), which XLIFF 1.2 allows on a
  trans-unit and other tools ignore.

Text goes in as plain text (``&``, ``<`` escaped); characters XML 1.0 forbids are
removed. The file is written atomically and parsed back through
:mod:`align.formats.xmlsafe`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.errors import ConfigError, FormatError
from align.formats.decode import FileKind, check_file
from align.formats.files import atomic_write
from align.formats.tmx.writer import clean_xml_text
from align.formats.xmlsafe import parse_xml
from align.types import Alignment
from align.version import __version__, format_signature

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
ZA_NS = "urn:zhen-align"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_X = f"{{{XLIFF_NS}}}"
SIGNATURE_NOTE = "zhen-align-signature"
#: The values XLIFF 1.2 allows in ``state``.
STATES = ("final", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
          "needs-review-l10n", "needs-review-translation", "needs-translation", "new",
          "signed-off", "translated")
XLIFF_FILE = FileKind("an XLIFF file", "XLIFF file",
                      "give an XLIFF 1.2 file (.xlf) as written by a CAT tool or zhen-align")


@dataclass(frozen=True, slots=True)
class AltTrans:
    """A translation proposal (a TM match) for a unit.

    Attributes:
        source, target: the TM unit.
        match_quality: its match percentage (None: not given).
        origin: where it comes from (the TM document).
    """

    source: str
    target: str
    match_quality: int | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class XliffUnit:
    """One ``<trans-unit>``.

    Attributes:
        id: the unit id (unique in the file).
        source: the source text.
        target: the translation, None for none.
        state, state_qualifier: the target's XLIFF 1.2 state and its qualifier
            (``exact-match``, ``fuzzy-match``, ...).
        alt: TM proposals.
        notes: (from, text) of each note.
        extra: zhen-align attributes (``band``, ``repetition-of``, ...) as
            (name, value).
        approved: the translation is approved (``approved="yes"``): a context match,
            a bead a reviewer confirmed.
        line: where the unit starts in the file read (0: not read from a file); not
            compared.
    """

    id: str
    source: str
    target: str | None = None
    state: str | None = None
    state_qualifier: str | None = None
    alt: tuple[AltTrans, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    approved: bool = False
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class XliffDocument:
    """One XLIFF ``<file>``.

    Attributes:
        original: the document's name.
        source_language, target_language: locales (``zh-CN``, ``en-US``).
        units: the trans-units in order.
        signature: how the file was made (tool, version, settings).
        datatype: the XLIFF datatype.
    """

    original: str
    source_language: str
    target_language: str
    units: tuple[XliffUnit, ...]
    signature: Mapping[str, str] = field(default_factory=dict)
    datatype: str = "plaintext"


def _text(value: str) -> str:
    return clean_xml_text(value)[0]


def write_xliff(path: str | os.PathLike[str], doc: XliffDocument) -> int:
    """Write ``doc`` as XLIFF 1.2, atomically.

    Returns:
        The number of units written.

    Raises:
        ConfigError: a unit state XLIFF 1.2 does not know, or two units with one id.
        InputError: the file cannot be written.
    """
    from lxml import etree

    root = etree.Element(f"{_X}xliff", nsmap={None: XLIFF_NS, "za": ZA_NS}, version="1.2")
    f = etree.SubElement(root, f"{_X}file", {
        "original": _text(doc.original) or "text", "source-language": doc.source_language,
        "target-language": doc.target_language, "datatype": doc.datatype,
        "tool-id": "zhen-align"})
    header = etree.SubElement(f, f"{_X}header")
    etree.SubElement(header, f"{_X}tool", {"tool-id": "zhen-align", "tool-name": "zhen-align",
                                           "tool-version": __version__})
    sig = {"tool": "zhen-align", "version": __version__, **doc.signature}
    etree.SubElement(header, f"{_X}note", {"from": SIGNATURE_NOTE}).text = _text(
        format_signature(sig))
    body = etree.SubElement(f, f"{_X}body")
    seen: set[str] = set()
    for u in doc.units:
        if u.id in seen:
            raise ConfigError(f"two XLIFF units have the id {u.id!r}; ids must be unique")
        seen.add(u.id)
        body.append(_unit_element(etree, u, doc.source_language, doc.target_language))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    with atomic_write(path, "wb") as out:
        out.write(data)
    return len(doc.units)


def _unit_element(etree: Any, u: XliffUnit, sl: str, tl: str) -> Any:
    if u.state is not None and u.state not in STATES:
        raise ConfigError(f"unit {u.id}: unknown XLIFF state {u.state!r}; use one of "
                          f"{', '.join(STATES)}")
    tu = etree.Element(f"{_X}trans-unit", {"id": u.id, f"{{{_XML_NS}}}space": "preserve"})
    if u.approved:
        tu.set("approved", "yes")
    for name, value in u.extra:
        tu.set(f"{{{ZA_NS}}}{name}", _text(value))
    etree.SubElement(tu, f"{_X}source", {f"{{{_XML_NS}}}lang": sl}).text = _text(u.source)
    if u.target is not None:
        attrs = {f"{{{_XML_NS}}}lang": tl}
        if u.state:
            attrs["state"] = u.state
        if u.state_qualifier:
            attrs["state-qualifier"] = u.state_qualifier
        etree.SubElement(tu, f"{_X}target", attrs).text = _text(u.target)
    for a in u.alt:
        attrs = {}
        if a.match_quality is not None:
            attrs["match-quality"] = str(a.match_quality)
        if a.origin:
            attrs["origin"] = _text(a.origin)
        alt = etree.SubElement(tu, f"{_X}alt-trans", attrs)
        etree.SubElement(alt, f"{_X}source", {f"{{{_XML_NS}}}lang": sl}).text = _text(a.source)
        etree.SubElement(alt, f"{_X}target", {f"{{{_XML_NS}}}lang": tl}).text = _text(a.target)
    for who, text in u.notes:
        etree.SubElement(tu, f"{_X}note", {"from": who}).text = _text(text)
    return tu


def read_xliff(path: str | os.PathLike[str]) -> XliffDocument:
    """Read an XLIFF 1.2 file: the first ``<file>``'s attributes and the units of every
    ``<file>`` (inline markup inside a source or target is read as its text).

    Raises:
        InputError: missing or unreadable file.
        FormatError: not XLIFF 1.2, malformed XML, a unit without a source.
    """
    p = Path(path)
    check_file(p, kind=XLIFF_FILE)
    root = parse_xml(p.read_bytes(), p)
    ns = root.nsmap.get(None, "")
    x = f"{{{ns}}}" if ns else ""
    if root.tag != f"{x}xliff" or not root.get("version", "").startswith("1."):
        raise FormatError(f"not an XLIFF 1.x file (root <{root.tag}>, version "
                          f"{root.get('version')}); give an XLIFF 1.2 file", path=p, line=1)
    files = root.findall(f"{x}file")
    if not files:
        raise FormatError("the XLIFF has no <file>; give a complete file", path=p, line=1)
    units = tuple(_read_unit(tu, x, p) for f in files for tu in f.iter(f"{x}trans-unit"))
    first = files[0]
    sig_note = first.find(f"{x}header/{x}note[@from='{SIGNATURE_NOTE}']")
    signature = dict(part.split(":", 1) for part in (sig_note.text or "").split("|")
                     if ":" in part) if sig_note is not None else {}
    return XliffDocument(first.get("original", ""), first.get("source-language", ""),
                         first.get("target-language", ""), units, signature,
                         first.get("datatype", ""))


def _read_unit(tu: Any, x: str, p: Path) -> XliffUnit:
    src = tu.find(f"{x}source")
    if src is None:
        raise FormatError(f"trans-unit {tu.get('id')!r} has no <source>; every unit needs one",
                          path=p, line=tu.sourceline)
    tgt = tu.find(f"{x}target")
    alts = tuple(AltTrans(_child_text(a, f"{x}source"), _child_text(a, f"{x}target"),
                          _quality(a.get("match-quality")), a.get("origin"))
                 for a in tu.findall(f"{x}alt-trans"))
    notes = tuple((n.get("from", ""), "".join(n.itertext())) for n in tu.findall(f"{x}note"))
    extra = tuple((k[len(ZA_NS) + 2:], v) for k, v in tu.attrib.items()
                  if k.startswith(f"{{{ZA_NS}}}"))
    return XliffUnit(tu.get("id", ""), "".join(src.itertext()),
                     None if tgt is None else "".join(tgt.itertext()),
                     None if tgt is None else tgt.get("state"),
                     None if tgt is None else tgt.get("state-qualifier"), alts, notes, extra,
                     tu.get("approved") == "yes", tu.sourceline or 0)


def _child_text(el: Any, tag: str) -> str:
    """The text of ``el``'s first ``tag`` child, inline markup read as its text; ""
    when there is none."""
    child = el.find(tag)
    return "" if child is None else "".join(child.itertext())


def _quality(value: str | None) -> int | None:
    """A match-quality as a whole percentage ("87", "87%", "87.5"); None if absent or
    not a number (XLIFF 1.2 leaves its form to the tool)."""
    try:
        return None if value is None else round(float(value.strip().rstrip("%")))
    except ValueError:
        return None


def alignment_xliff(alignment: Alignment, *, original: str, review_below: float = 0.5,
                    src_locale: str | None = None,
                    tgt_locale: str | None = None) -> XliffDocument:
    """An aligned bilingual file: one unit per bead (ids from 1), the source and the
    target sentences of the bead; the state is the review's (``signed-off`` for a
    bead a reviewer confirmed or edited), else ``translated``, or
    ``needs-review-translation`` below ``review_below`` confidence. A bead with an
    empty side has no target (1-0) or an empty source (0-1) and needs review. The
    bead type, sentence numbers and confidence are ``za`` attributes.

    Raises:
        ConfigError: ``review_below`` outside [0, 1].
    """
    from align.formats.tmx.writer import DEFAULT_LOCALES

    if not 0.0 <= review_below <= 1.0:
        raise ConfigError(f"review_below must be in [0, 1], got {review_below}")
    units = []
    for k, (bead, src, tgt) in enumerate(alignment.pairs(), 1):
        if bead.status != "unreviewed":
            state = "signed-off"
        elif bead.confidence < review_below or not bead.src or not bead.tgt:
            state = "needs-review-translation"
        else:
            state = "translated"
        extra = (("bead", bead.kind), ("sentences", bead.ladder()),
                 ("confidence", f"{bead.confidence:.3f}"), ("status", bead.status))
        units.append(XliffUnit(str(k), src, tgt if bead.tgt else None,
                               state if bead.tgt else None, extra=extra,
                               approved=state == "signed-off"))
    return XliffDocument(original, src_locale or DEFAULT_LOCALES[alignment.src_lang],
                         tgt_locale or DEFAULT_LOCALES[alignment.tgt_lang], tuple(units),
                         dict(alignment.signature))
