"""Streaming, safe TMX reader (TMX 1.1-1.4b, files written by any tool).

Parsing goes through :mod:`align.formats.xmlsafe` settings: no external entities, no DTD
loading or fetching, and files that declare entities (``<!ENTITY``: XML bombs,
XXE) are refused before parsing. Units are streamed with ``lxml.etree.iterparse``
and every ``<tu>`` is cleared (and earlier siblings deleted) once read, so memory
stays bounded.

Language matching of ``<tuv>`` variants follows :mod:`align.formats.tmx.lang`. A
``<tu>`` with two variants of the requested source (or target) language gives its
first one, as OmegaT's reader does (``TMXReader2.getTuvByLang``); the others are
counted in :attr:`TmxReader.extra_variants` and named by :meth:`TmxReader.warnings`,
never dropped unseen. TMX 1.1 to 1.4b is read; a ``<tmx>`` of another major version
(``version="2.0"``, ``"99"``) is refused, since its structure may differ.
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from align.errors import ConfigError, FormatError
from align.formats.decode import FileKind, check_file
from align.formats.tmx.lang import normalize_locale, pick_variant
from align.formats.xmlsafe import (
    check_limits,
    is_limit_error,
    limit_error,
    reject_doctype_entities,
    safe_iterparse_kwargs,
)
from align.types import TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SKIP_NO_SEG = "no <seg> in a <tuv>"
SKIP_EMPTY = "empty <seg>"
SKIP_NO_LANG = "<tuv> without xml:lang/lang"
_HEAD_BYTES = 1 << 20
#: TMX versions read: 1.1 to 1.4b (and later 1.x); missing is accepted.
_VERSION = re.compile(r"1(\.\d+)*[a-z]?")
#: A TMX file, for the messages of the file checks.
TMX_FILE = FileKind("a TMX file", "TMX file", "export it again as TMX 1.4 (UTF-8 or UTF-16)")


class TmxReader:
    """An iterator over the translation units of a TMX file, plus what it saw.

    Iterate it once. After (or during) iteration:

    Attributes:
        version: the ``version`` attribute of ``<tmx>``.
        header: the ``<header>`` attributes.
        header_props: the header ``<prop type=...>`` values.
        units: units yielded so far.
        skipped: invalid units skipped (``skip_invalid=True``), by reason.
        filtered: units without a variant for one of the requested languages
            (not an error: multilingual memories often lack some pairs).
        extra_variants: by locale, units that had more than one variant of the
            requested source or target language (the first was read).
    """

    def __init__(self, path: str | os.PathLike[str], src_lang: str, tgt_lang: str, *,
                 inline: str, skip_invalid: bool) -> None:
        if inline not in ("text", "raw"):
            raise ConfigError(f"inline must be 'text' or 'raw', got {inline!r}")
        self.path = Path(path)
        self.src_lang = normalize_locale(src_lang)
        self.tgt_lang = normalize_locale(tgt_lang)
        if "*all*" in (self.src_lang, self.tgt_lang):
            raise ConfigError("request a real source and target locale, not *all*")
        self.inline = inline
        self.skip_invalid = skip_invalid
        self.version = ""
        self.header: dict[str, str] = {}
        self.header_props: dict[str, str] = {}
        self.units = 0
        self.skipped: Counter[str] = Counter()
        self.filtered = 0
        self.extra_variants: Counter[str] = Counter()
        self._gen: Iterator[TranslationUnit] | None = None

    def __iter__(self) -> Iterator[TranslationUnit]:
        return self

    def __next__(self) -> TranslationUnit:
        if self._gen is None:
            self._gen = self._read()
        return next(self._gen)

    @property
    def skipped_total(self) -> int:
        """How many invalid units were skipped."""
        return sum(self.skipped.values())

    def summary(self) -> str:
        """One line: units read, skipped (with reasons) and filtered."""
        out = f"{self.units} units read"
        if self.skipped:
            why = ", ".join(f"{n} {r}" for r, n in self.skipped.most_common())
            out += f"; {self.skipped_total} invalid units skipped ({why})"
        if self.filtered:
            out += (f"; {self.filtered} units without {self.src_lang} and {self.tgt_lang} "
                    "variants left out")
        return "; ".join([out, *self.warnings()])

    def warnings(self) -> list[str]:
        """What was read but not used, one sentence each (empty if nothing)."""
        return [f"{n} unit{'s' if n != 1 else ''} with more than one {lang} variant: the "
                "first was read, the others ignored"
                for lang, n in sorted(self.extra_variants.items())]

    # -- parsing -----------------------------------------------------------------

    def _error(self, message: str, line: int | None) -> FormatError:
        return FormatError(message, path=self.path, line=line)

    def _check_file(self) -> None:
        p = self.path
        check_file(p, max_bytes=None, kind=TMX_FILE)  # streamed: no size limit
        with p.open("rb") as f:
            head = f.read(_HEAD_BYTES)
        if not head.strip():
            raise FormatError("empty file; expected a TMX document", path=p)
        for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
            if head.startswith(bom):
                head = head[len(bom):].decode(enc, errors="ignore").encode("utf-8")
                break
        # Only the prolog (before the root element) can declare entities; a CDATA
        # section in the body that mentions "<!ENTITY" is text.
        root = head.find(b"<tmx")
        reason = reject_doctype_entities(head if root < 0 else head[:root])
        if reason:
            raise FormatError(f"{reason}; remove the <!DOCTYPE ...[ ]> internal subset", path=p)

    def _sniff_root(self) -> None:
        from lxml import etree

        try:
            with self.path.open("rb") as f:
                _event, el = next(iter(etree.iterparse(f, events=("start",),
                                                       **safe_iterparse_kwargs())))
                dtd = el.getroottree().docinfo.internalDTD
                if dtd is not None and any(True for _ in dtd.iterentities()):
                    raise self._error("the file declares XML entities (<!ENTITY>), which "
                                      "are refused for safety; remove the <!DOCTYPE ...[ ]> "
                                      "internal subset", el.sourceline)
                if el.tag != "tmx":
                    raise self._error(f"root element is <{el.tag}>, expected <tmx>; "
                                      "this is not a TMX file", el.sourceline)
                self.version = el.get("version", "")
                if self.version.strip() and not _VERSION.fullmatch(self.version.strip()):
                    raise self._error(f"TMX version {self.version!r} is not supported (this "
                                      "reader reads TMX 1.1 to 1.4b); export the memory "
                                      "again as TMX 1.4", el.sourceline)
        except etree.XMLSyntaxError as e:
            raise self._syntax_error(e) from e

    def _syntax_error(self, e: Any) -> FormatError:
        if is_limit_error(e):
            return limit_error(e, self.path)
        msg, line = str(e.msg), e.lineno
        # lxml's iterparse may report "no element found" at line 0; the error log has
        # the parser's real (latest) fatal error.
        fatal = [x for x in getattr(e, "error_log", []) if x.level_name == "FATAL"]
        if fatal and (not line or "no element found" in msg):
            msg, line = fatal[-1].message, fatal[-1].line
        msg = " ".join(msg.split())
        if "premature end" in msg.lower() or "end of data" in msg.lower():
            msg += "; the file is truncated (no closing </tmx>): export it again"
        else:
            msg += "; fix the XML at this line"
        return self._error(f"malformed TMX: {msg}", line)

    def _read(self) -> Iterator[TranslationUnit]:
        from lxml import etree

        self._check_file()
        self._sniff_root()
        with self.path.open("rb") as f:
            events = etree.iterparse(f, events=("end",), tag=("header", "tu"),
                                     **safe_iterparse_kwargs())
            yield from self._parse(events)
            check_limits(events.error_log, self.path)

    def _parse(self, events: Any) -> Iterator[TranslationUnit]:
        from lxml import etree

        try:
            for _event, el in events:
                if el.tag == "tu":
                    unit = self._unit(el)
                    if unit is not None:
                        self.units += 1
                        yield unit
                else:
                    self.header = {str(k): str(v) for k, v in el.attrib.items()}
                    for p in el.iterchildren("prop"):
                        self.header_props[p.get("type", "")] = p.text or ""
                el.clear(keep_tail=True)
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
        except etree.XMLSyntaxError as e:
            raise self._syntax_error(e) from e

    def _invalid(self, reason: str, line: int | None) -> None:
        if not self.skip_invalid:
            raise self._error(f"invalid <tu>: {reason}; fix the unit or skip such units "
                              "with --skip-invalid", line)
        self.skipped[reason] += 1

    def _unit(self, tu: Any) -> TranslationUnit | None:
        langs: list[str] = []
        segs: list[Any] = []
        for tuv in tu.iterchildren("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if not lang:
                self._invalid(SKIP_NO_LANG, tuv.sourceline)
                return None
            if seg is None:
                self._invalid(SKIP_NO_SEG, tuv.sourceline)
                return None
            langs.append(lang)
            segs.append(seg)
        i = pick_variant(self.src_lang, langs)
        if i is None:
            self.filtered += 1
            return None
        rest = [lang if k != i else "" for k, lang in enumerate(langs)]
        j = pick_variant(self.tgt_lang, rest) if any(rest) else None
        if j is None:
            self.filtered += 1
            return None
        self._count_extra(langs, i, j)
        texts = []
        for k in (i, j):
            text = self._seg_text(segs[k])
            if not text.strip():
                self._invalid(SKIP_EMPTY, segs[k].sourceline)
                return None
            texts.append(text)
        props = tuple((p.get("type", ""), p.text or "") for p in tu.iterchildren("prop"))
        origin = next((v for k, v in props if k == "x-document"), None)
        created = tu.get("creationdate") or tu.get("changedate")
        return TranslationUnit(texts[0], texts[1], _canon(langs[i]), _canon(langs[j]),
                               props, created, origin)

    def _count_extra(self, langs: list[str], i: int, j: int) -> None:
        """Note variants in the language of the chosen source or target beyond it."""
        chosen = {_canon(langs[i]).lower(): _canon(langs[i]), _canon(langs[j]).lower():
                  _canon(langs[j])}
        seen: Counter[str] = Counter(_canon(lang).lower() for lang in langs)
        for key, name in chosen.items():
            if seen[key] > 1:
                self.extra_variants[name] += 1

    def _seg_text(self, seg: Any) -> str:
        from lxml import etree

        for el in seg.iter():
            if isinstance(el, etree._Entity):
                raise self._error(f"undefined entity {el.text} in <seg>; replace it with "
                                  "the character itself", el.sourceline)
        if self.inline == "raw":
            from xml.sax.saxutils import escape

            return escape(seg.text or "") + "".join(
                etree.tostring(c, encoding="unicode", with_tail=True) for c in seg)
        return _flatten(seg)


def _flatten(el: Any) -> str:
    """Text of a ``<seg>``: native codes (bpt/ept/it/ph/ut, with their <sub>) dropped,
    ``<hi>`` text kept."""
    parts = [el.text or ""]
    for c in el:
        if c.tag == "hi":
            parts.append(_flatten(c))
        parts.append(c.tail or "")
    return "".join(parts)


def _canon(code: str) -> str:
    try:
        return normalize_locale(code)
    except ConfigError:
        return code


def read_tmx(path: str | os.PathLike[str], src_lang: str = "zh-CN", tgt_lang: str = "en-US",
             *, inline: str = "text", skip_invalid: bool = False) -> TmxReader:
    """Stream the units of a TMX file for one language pair.

    Args:
        path: the TMX file (TMX 1.1-1.4b; UTF-8 or UTF-16 with BOM).
        src_lang, tgt_lang: requested locales; matched against each ``<tuv>`` by the
            rule in :mod:`align.formats.tmx.lang` (exact locale, then compatible Chinese
            script, then primary language). Units are returned with the locale
            written in the file, normalised (``zh_cn`` -> ``zh-CN``).
        inline: ``"text"`` flattens inline tags to text (native codes dropped,
            ``<hi>`` text kept); ``"raw"`` keeps them as TMX markup.
        skip_invalid: skip (and count in ``.skipped``) units with a ``<tuv>`` without
            ``<seg>`` or language, or an empty ``<seg>``, instead of failing.

    Returns:
        A :class:`TmxReader`: iterate it for :class:`TranslationUnit`; it records
        header, skipped and filtered counts.

    Raises:
        InputError: missing file. FormatError (with line): malformed or truncated
        XML, wrong root element, entity declarations, invalid units.
    """
    return TmxReader(path, src_lang, tgt_lang, inline=inline, skip_invalid=skip_invalid)
