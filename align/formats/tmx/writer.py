"""Streaming TMX 1.4b writer and the conversion of alignments to translation units.

Text is written as plain text (``&``, ``<``, ``>`` escaped by lxml); characters XML 1.0
forbids (C0 controls other than tab/newline/CR, U+FFFE, U+FFFF, lone surrogates) are
removed and counted in the result. Output is streamed with ``lxml.etree.xmlfile`` into
the handle of the atomic writer (:func:`align.formats.files.atomic_write`), so memory
stays bounded for any number of units and a failed write never replaces a file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from itertools import chain

from align.errors import ConfigError, FormatError, InputError
from align.formats.alignment_out import is_reviewed, originals
from align.formats.files import atomic_write
from align.formats.tmx.lang import lang_of_locale, normalize_locale
from align.types import Alignment, TranslationUnit

DEFAULT_LOCALES = {"zh": "zh-CN", "en": "en-US"}
INLINE_TAGS = frozenset({"bpt", "ept", "it", "ph", "hi", "sub", "ut"})
_TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class WriteResult(int):
    """The number of units written (an ``int``), with details as attributes.

    Attributes:
        removed_chars: characters XML 1.0 forbids that were removed from the text.
        skipped_empty: units left out because a side was empty (after removal).
    """

    removed_chars: int
    skipped_empty: int

    def __new__(cls, units: int, removed_chars: int = 0, skipped_empty: int = 0) -> WriteResult:
        obj = super().__new__(cls, units)
        obj.removed_chars = removed_chars
        obj.skipped_empty = skipped_empty
        return obj


def clean_xml_text(text: str) -> tuple[str, int]:
    """Remove characters XML 1.0 forbids; return (clean text, number removed)."""
    return _FORBIDDEN.subn("", text)


def tmx_date(when: datetime | None = None) -> str:
    """A TMX date, UTC, ``YYYYMMDDThhmmssZ`` (now if ``when`` is None)."""
    when = datetime.now(UTC) if when is None else when.astimezone(UTC)
    return when.strftime("%Y%m%dT%H%M%SZ")


def alignment_to_units(
    alignment: Alignment,
    *,
    origin: str,
    min_confidence: float | None = None,
    review_below: float = 0.5,
    src_locale: str | None = None,
    tgt_locale: str | None = None,
    created: str | None = None,
) -> Iterator[TranslationUnit]:
    """Translation units for the beads of an alignment.

    Beads with an empty side (1-0, 0-1) are never units. Low-confidence beads are
    handled by two documented thresholds: beads below ``min_confidence`` are left out
    (the *exclude* policy, off by default); beads kept but below ``review_below``
    are marked ``x-review-state=needs-review`` (the *mark* policy, the default);
    all others are ``unreviewed``. A bead a reviewer confirmed or edited (``align
    review``) is always kept, with its state (``confirmed``, ``edited``) and never
    the needs-review mark; where a sentence was corrected, the unit holds the
    corrected text and the text before in ``x-original-source``/``x-original-target``.

    Args:
        alignment: the alignment.
        origin: the source document name, recorded as ``x-document``.
        min_confidence: exclude beads below this confidence (None: keep all).
        review_below: mark beads below this confidence as needing review.
        src_locale, tgt_locale: TMX locales (default zh-CN / en-US by language).
        created: creation date for every unit (default: now, UTC).

    Raises:
        ConfigError: for a threshold outside [0, 1] or a malformed locale.
    """
    for name, value in (("min_confidence", min_confidence), ("review_below", review_below)):
        if value is not None and not 0.0 <= value <= 1.0:
            raise ConfigError(f"{name} must be in [0, 1], got {value}")
    sl = normalize_locale(src_locale or DEFAULT_LOCALES.get(alignment.src_lang, "zh-CN"))
    tl = normalize_locale(tgt_locale or DEFAULT_LOCALES.get(alignment.tgt_lang, "en-US"))
    for name, loc, lang in (("source", sl, alignment.src_lang), ("target", tl, alignment.tgt_lang)):
        if lang_of_locale(loc) != lang:
            raise ConfigError(f"{name} locale {loc} does not fit the {name} language {lang!r}")
    when = created or tmx_date()
    reviewed = is_reviewed(alignment)
    for bead, src, tgt in alignment.pairs():
        if not bead.src or not bead.tgt:
            continue
        if (min_confidence is not None and bead.confidence < min_confidence
                and bead.status == "unreviewed"):
            continue
        state = bead.status if bead.status != "unreviewed" else (
            "needs-review" if bead.confidence < review_below else "unreviewed")
        old = originals(alignment, bead) if reviewed else ("", "")
        props = (
            ("x-document", origin),
            ("x-paragraph", str(alignment.src[bead.src[0]].paragraph)),
            ("x-bead", bead.kind),
            ("x-sentences", bead.ladder()),
            ("x-confidence", f"{bead.confidence:.3f}"),
            ("x-review-state", state),
            *((k, v) for k, v in zip(("x-original-source", "x-original-target"), old,
                                     strict=True) if v),
        )
        yield TranslationUnit(src, tgt, sl, tl, props, when, origin)


def _header_prop_name(key: str) -> str:
    key = "-".join(key.strip().split())
    return key if key.startswith("x-") else f"x-{key}"


def write_tmx(
    path: str | os.PathLike[str],
    units: Iterable[TranslationUnit],
    *,
    src_lang: str | None = None,
    header_props: Mapping[str, str] | None = None,
    inline: str = "escape",
    created: str | None = None,
) -> WriteResult:
    """Write translation units to a TMX 1.4b file, streaming and atomically.

    Args:
        path: output file.
        units: the units (any iterable; consumed once).
        src_lang: header ``srclang``; None takes the first unit's source locale;
            ``"*all*"`` allows units with different source locales.
        header_props: how the file was made (tool version, settings, glossary
            checksum); written as header ``<prop type="x-...">``.
        inline: ``"escape"`` writes text as plain text; ``"raw"`` treats text as TMX
            inline markup (``<bpt>``, ``<ph>``... as read with ``inline="raw"``).
        created: header creation date (default now, UTC).

    Returns:
        The number of units written (an int), with ``removed_chars`` and
        ``skipped_empty`` attributes.

    Raises:
        ConfigError: unknown ``inline`` mode, or a unit whose source locale differs
            from ``src_lang``.
        FormatError: ``inline="raw"`` text that is not well-formed inline markup.
        InputError: the file cannot be written (no folder, disk full); the old file,
            if any, is kept.
    """
    from lxml import etree

    from align.version import __version__

    if inline not in ("escape", "raw"):
        raise ConfigError(f"inline must be 'escape' or 'raw', got {inline!r}")
    it = iter(units)
    first = next(it, None)
    if src_lang is None:
        src_lang = first.source_lang if first is not None else DEFAULT_LOCALES["zh"]
    srclang = normalize_locale(src_lang)
    when = created or tmx_date()
    props = {"x-tool-version": f"zhen-align {__version__}"}
    for k, v in (header_props or {}).items():
        props[_header_prop_name(k)] = str(v)
    try:
        return _write(etree, path, first, it, srclang, when, props, inline)
    except etree.SerialisationError as e:  # libxml2's own output error
        raise InputError(f"cannot write it ({e}); free some space, or choose another place",
                         path=path) from None


def _write(etree, path: str | os.PathLike[str], first: TranslationUnit | None,  # type: ignore[no-untyped-def]
           it: Iterator[TranslationUnit], srclang: str, when: str, props: dict[str, str],
           inline: str) -> WriteResult:
    from align.version import __version__

    written = removed = skipped = 0
    # lxml writes into the atomic writer's handle: a write error (disk full) is raised
    # by the handle, never lost in lxml's own close.
    with atomic_write(path, "wb") as f, etree.xmlfile(f, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write("\n")
            header = etree.Element("header", {
                "creationtool": "zhen-align", "creationtoolversion": __version__,
                "segtype": "sentence", "o-tmf": "zhen-align", "adminlang": "en-US",
                "srclang": srclang, "datatype": "plaintext", "creationdate": when})
            for k, v in props.items():
                text, n = clean_xml_text(v)
                removed += n
                etree.SubElement(header, "prop", type=k).text = text
            xf.write(header, pretty_print=True)
            with xf.element("body"):
                xf.write("\n")
                for index, unit in enumerate(chain([first] if first else [], it), 1):
                    tu, n = _unit_element(etree, unit, index, srclang, when, inline)
                    removed += n
                    if tu is None:
                        skipped += 1
                        continue
                    xf.write(tu)
                    written += 1
            xf.write("\n")
    return WriteResult(written, removed, skipped)


def _unit_element(etree, unit: TranslationUnit, k: int, srclang: str, when: str,
                  inline: str):  # type: ignore[no-untyped-def]
    sl = normalize_locale(unit.source_lang)
    tl = normalize_locale(unit.target_lang)
    if srclang != "*all*" and sl != srclang:
        raise ConfigError(f"unit {k} has source language {sl} but the TMX header says "
                          f"{srclang}; pass src_lang={sl!r} or '*all*'")
    removed = 0
    segs = []
    for text in (unit.source, unit.target):
        clean, n = clean_xml_text(text)
        removed += n
        segs.append(clean)
    if not segs[0].strip() or not segs[1].strip():
        return None, removed
    props = list(unit.props)
    names = {name for name, _ in props}
    if unit.origin and "x-document" not in names:
        props.insert(0, ("x-document", unit.origin))
    created = unit.created or when
    if not _TMX_DATE.match(created):
        # A date from another tool in another form: the file gets a valid TMX date,
        # the original is kept in a prop.
        props.append(("x-original-creationdate", created))
        created = when
    tu = etree.Element("tu", creationdate=created)
    for name, value in props:
        clean, n = clean_xml_text(value)
        removed += n
        # Unit prop types are kept as read (other tools' types have no x- prefix).
        etree.SubElement(tu, "prop", type=name.strip() or "x-unnamed").text = clean
    for lang, text in ((sl, segs[0]), (tl, segs[1])):
        tuv = etree.SubElement(tu, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
        seg = etree.SubElement(tuv, "seg")
        if inline == "raw":
            _fill_raw(etree, seg, text, k)
        else:
            seg.text = text
    # Indent by hand: lxml's pretty printer would indent inside a <seg> that starts
    # with an inline element, changing the text.
    tu.text = "\n  "
    for child in tu:
        child.tail = "\n  "
        if child.tag == "tuv":
            child.text = "\n    "
            child[0].tail = "\n  "
    tu[-1].tail = "\n"
    tu.tail = "\n"
    return tu, removed


def _fill_raw(etree, seg, text: str, k: int) -> None:  # type: ignore[no-untyped-def]
    from align.formats.xmlsafe import safe_parser

    try:
        frag = etree.fromstring(f"<seg>{text}</seg>", safe_parser())
    except etree.XMLSyntaxError as e:
        raise FormatError(f"unit {k}: text is not well-formed TMX inline markup ({e.msg}); "
                          "write it with inline='escape'") from e
    for el in frag.iter():
        if el is not frag and el.tag not in INLINE_TAGS:
            raise FormatError(f"unit {k}: <{el.tag}> is not a TMX inline element")
    seg.text = frag.text
    for child in frag:
        seg.append(child)
