"""The drafts of a pre-translation: a table to work in (TSV, styled XLSX), an XLIFF
1.2 file for a CAT tool, and the translation units a TMX draft may hold.

* Table: one row per sentence, numbered from 1, columns named by language (``zh``,
  ``TM zh``, ``TM en``), a ``translation`` column to work in, prefilled only where the
  TM translation stands (context, 100 %, numbers substituted), the match percentage,
  band, notes and glossary terms. :func:`diff_spans` marks the parts of the TM source
  that differ from the new sentence (rich text in the XLSX).
* XLIFF: one unit per sentence; a match gives a ``<target>`` (``final`` for a context
  match, ``translated`` for 100 %, ``needs-review-translation`` for anything else) and
  an ``<alt-trans>`` with the TM unit; glossary terms, warnings and repetitions are
  notes.
* TMX: only context and 100 % matches, which are TM units already; a fuzzy match
  pairs the new source with a translation of another sentence, which must never
  become a TM unit.
"""

from __future__ import annotations

import re

from align.formats.tmx.writer import DEFAULT_LOCALES
from align.formats.xliff import AltTrans, XliffDocument, XliffUnit
from align.formats.xlsx import Marked, Sheet, SheetStyle
from align.tm.analysis import ANALYSIS_COLUMNS, analysis_table
from align.tm.pretranslate import DraftRow, Pretranslation
from align.types import TranslationUnit, number_shown
from align.version import format_signature

_TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+|\s+|.", re.S)


def languages(pre: Pretranslation) -> tuple[str, str]:
    """(source, target) language of the text: zh and en, either way round."""
    sl = pre.rows[0].segment.lang if pre.rows else "zh"
    return sl, "en" if sl == "zh" else "zh"


def draft_columns(pre: Pretranslation) -> tuple[str, ...]:
    """Header of the draft table: ``#``, ``paragraph``, the source language,
    ``translation``, ``match %``, ``band``, ``TM <source language>``, ``TM <target
    language>``, ``TM document``, ``notes``, ``terms``."""
    sl, tl = languages(pre)
    return ("#", "paragraph", sl, "translation", "match %", "band", f"TM {sl}", f"TM {tl}",
            "TM document", "notes", "terms")


def row_notes(r: DraftRow) -> str:
    """The notes of a row: repetition, number substitution or flag."""
    parts = [f"repetition of #{number_shown(r.repetition_of)}"] if r.repetition_of is not None else []
    return "; ".join([*parts, r.note] if r.note else parts)


def draft_rows(pre: Pretranslation) -> list[list[object]]:
    """The draft as table rows (:func:`draft_columns`): numbers are ints (``match %``
    is 101 for a context match, the percentage after number substitution), the
    ``translation`` is the proposal where it stands (:attr:`DraftRow.exact` or
    substituted numbers), "" elsewhere (a fuzzy target is in ``TM <target>``)."""
    out: list[list[object]] = []
    for k, r in enumerate(pre.rows):
        m = r.match
        work = r.target if m is not None and (r.exact or r.substituted) else ""
        out.append([number_shown(k), number_shown(r.segment.paragraph), r.segment.text, work or "",
                    "" if r.percent is None else r.percent + r.context, r.band,
                    m.source if m else "", m.target if m else "", (m.document or "") if m else "",
                    row_notes(r), "; ".join(f"{zh} = {en}" for zh, en in r.terms)])
    return out


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def diff_spans(new: str, old: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``old`` (a TM source) that are not in ``new`` (the sentence to
    translate): a Chinese character, a Latin word or a number at a time, compared
    case-blind; adjacent spans are joined."""
    from difflib import SequenceMatcher

    a, b = _tokens(new), _tokens(old)
    sm = SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    spans: list[tuple[int, int]] = []
    for op, _, _, j1, j2 in sm.get_opcodes():
        if op in ("replace", "insert") and j1 < j2:
            start, end = b[j1][1], b[j2 - 1][2]
            if spans and spans[-1][1] == start:
                start = spans.pop()[0]
            spans.append((start, end))
    return tuple(spans)


def draft_sheets(pre: Pretranslation, signature: dict[str, str]) -> list[Sheet]:
    """The XLSX draft: a ``draft`` sheet (the table, the TM source's differing parts
    marked, a colour scale on the match percentage) and an ``analysis`` sheet (the
    bands, then the signature of the run)."""
    rows = draft_rows(pre)
    for row, r in zip(rows, pre.rows, strict=True):
        if r.match is not None:
            row[6] = Marked(r.match.source, diff_spans(r.segment.text, r.match.source))
    draft = Sheet("draft", draft_columns(pre), rows, SheetStyle(
        widths=(6, 10, 50, 50, 9, 13, 50, 50, 16, 40, 40), wrap=(2, 3, 6, 7, 9, 10),
        colour_scale=4, colour_range=(50.0, 100.0), freeze="C2"))
    table: list[tuple[object, ...]] = [*analysis_table(pre.analysis()),
                                       ("signature", format_signature(signature))]
    summary = Sheet("analysis", ANALYSIS_COLUMNS, table,
                    SheetStyle(widths=(14, 10, 18, 15, 14)))
    return [draft, summary]


def _state(r: DraftRow) -> tuple[str, str]:
    """XLIFF (state, state-qualifier) of a matched row."""
    if r.context:
        return "final", "exact-match"
    if r.exact:
        return "translated", "exact-match"
    return "needs-review-translation", "leveraged-tm" if r.substituted else "fuzzy-match"


def xliff_document(pre: Pretranslation, src_locale: str | None = None,
                   settings: dict[str, str] | None = None, *,
                   copy_source: bool = False) -> XliffDocument:
    """The pre-translation as an XLIFF document (module docstring).

    Args:
        pre: the pre-translation.
        src_locale: locale of the new text (default zh-CN or en-US by its language).
        settings: signature entries (min percentage, TM, glossary checksum).
        copy_source: a sentence without a match gets its source as target, state
            ``needs-translation`` (OmegaT 3.x translates the text of ``<target>``
            elements only, so a unit without one is invisible there).
    """
    sl, tl = languages(pre)
    units = []
    for k, r in enumerate(pre.rows):
        notes = [("glossary", f"{zh} = {en}") for zh, en in r.terms]
        if r.repetition_of is not None:
            notes.append(("zhen-align", f"repetition of unit {number_shown(r.repetition_of)}"))
        if r.note:
            notes.append(("zhen-align", r.note))
        extra = [("band", r.band), ("paragraph", str(number_shown(r.segment.paragraph)))]
        if r.repetition_of is not None:
            extra.append(("repetition-of", str(number_shown(r.repetition_of))))
        m = r.match
        if m is None:
            units.append(XliffUnit(str(number_shown(k)), r.segment.text,
                                   r.segment.text if copy_source else None,
                                   "needs-translation" if copy_source else None,
                                   notes=tuple(notes), extra=tuple(extra)))
            continue
        state, qualifier = _state(r)
        alt = AltTrans(m.source, m.target, m.percent + r.context, m.document)
        units.append(XliffUnit(str(number_shown(k)), r.segment.text, r.target, state, qualifier, (alt,),
                               tuple(notes), tuple(extra), approved=r.context))
    target_locale = next((r.match.target_lang for r in pre.rows if r.match), None)
    return XliffDocument(pre.name or "text", src_locale or DEFAULT_LOCALES[sl],
                         target_locale or DEFAULT_LOCALES[tl], tuple(units), settings or {})


def draft_units(pre: Pretranslation, src_locale: str | None = None) -> list[TranslationUnit]:
    """The context and 100 % matches as translation units for a TMX draft (each
    once): the sentence with the TM translation, ``x-match`` 101 or 100. Fuzzy and
    number-substituted matches are left out: they pair a sentence with a
    translation made for another."""
    sl, _ = languages(pre)
    out: dict[tuple[str, str], TranslationUnit] = {}
    for r in pre.rows:
        if r.match is None or not r.exact:
            continue
        unit = TranslationUnit(
            r.segment.text, r.match.target, src_locale or DEFAULT_LOCALES[sl],
            r.match.target_lang, (("x-document", pre.name),
                                  ("x-match", "101" if r.context else "100")), None, pre.name)
        out.setdefault((unit.source, unit.target), unit)
    return list(out.values())
