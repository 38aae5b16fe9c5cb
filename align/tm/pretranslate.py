"""Pre-translation of a new text from the TM: best match per sentence, glossary
terms, and an analysis by match band as CAT tools report a new job.

An engine: it takes segments and a store and returns a :class:`Pretranslation`, with
the draft as table rows or translation units; reading the text and writing the draft
are the command's work (:mod:`align.cli.tm`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.formats.tmx.writer import DEFAULT_LOCALES
from align.terms.match import find_terms
from align.tm.fuzzy import BANDS, band
from align.tm.store import Match, TMStore
from align.types import Glossary, Segment, TranslationUnit, number_shown


@dataclass(frozen=True, slots=True)
class DraftRow:
    """One sentence of the new text with its best TM match and glossary terms.

    Attributes:
        segment: the sentence.
        match: the best match at or above the minimum percentage, or None.
        terms: (Chinese term, approved English) for glossary terms in the sentence.
    """

    segment: Segment
    match: Match | None
    terms: tuple[tuple[str, str], ...] = ()

    @property
    def band(self) -> str:
        """Analysis band of the best match ("100", "95-99", ..., "no match")."""
        return band(self.match.percent if self.match else None)


@dataclass(frozen=True, slots=True)
class Pretranslation:
    """A pre-translated text.

    Attributes:
        rows: one per sentence, in order.
        name: the text's name (file name).
    """

    rows: tuple[DraftRow, ...]
    name: str = ""

    def bands(self) -> dict[str, tuple[int, int]]:
        """(segments, characters/words) per band, in CAT order; Chinese counts
        characters, English words."""
        out = {b: (0, 0) for b in BANDS}
        for r in self.rows:
            seg, size = out[r.band]
            out[r.band] = (seg + 1, size + seg_size(r.segment))
        return out


def seg_size(seg: Segment) -> int:
    """Size of a sentence for analysis: non-space characters (zh) or words (en)."""
    if seg.lang == "zh":
        return sum(1 for c in seg.text if not c.isspace())
    return len(seg.text.split())


def pretranslate_segments(segments: Sequence[Segment], store: TMStore, *,
                          glossary: Glossary | None = None, min_percent: int = 50,
                          name: str = "") -> Pretranslation:
    """Best TM match (>= ``min_percent``) and glossary terms for every sentence.

    Args:
        segments: the sentences of the new text.
        store: the TM to look them up in.
        glossary: terms to list per sentence with their approved English.
        min_percent: lowest match percentage used.
        name: the text's name (shown in the analysis and recorded in TMX drafts).
    """
    rows = []
    for seg in segments:
        matches = store.lookup(seg.text, lang=seg.lang, min_percent=min_percent, top=1)
        terms: tuple[tuple[str, str], ...] = ()
        if glossary:  # None or an empty glossary: no terms
            # dict.fromkeys: each (zh, en) once, in text order
            terms = tuple(dict.fromkeys((h.term.zh, h.term.en)
                                        for h in find_terms(seg.text, seg.lang, glossary)))
        rows.append(DraftRow(seg, matches[0] if matches else None, terms))
    return Pretranslation(tuple(rows), name)


#: Columns of the draft table (one row per sentence), see :func:`draft_rows`.
COLUMNS = ("sentence", "paragraph", "source", "match", "band", "tm_source", "tm_target",
           "tm_document", "terms")


def draft_rows(pre: Pretranslation) -> list[list[str]]:
    """The draft as a table, one row per sentence (:data:`COLUMNS`): 1-based sentence
    and paragraph numbers, the sentence, the best match (percentage, band, source,
    target, document) and the glossary terms as ``zh = en; ...``."""
    return [_row_values(r) for r in pre.rows]


def _row_values(r: DraftRow) -> list[str]:
    m = r.match
    return [str(number_shown(r.segment.index)), str(number_shown(r.segment.paragraph)),
            r.segment.text,
            str(m.percent) if m else "", r.band, m.source if m else "", m.target if m else "",
            (m.document or "") if m else "", "; ".join(f"{zh} = {en}" for zh, en in r.terms)]


def draft_units(pre: Pretranslation, src_locale: str | None = None) -> list[TranslationUnit]:
    """The matched sentences as translation units for a TMX draft: the new source with
    the TM translation, marked ``needs-review``, the percentage in ``x-match`` and the
    TM's source in ``x-tm-source``.

    Args:
        pre: the pre-translation.
        src_locale: locale of the new text (default zh-CN or en-US by its language).
    """
    return [TranslationUnit(
        r.segment.text, r.match.target,
        src_locale or DEFAULT_LOCALES.get(r.segment.lang, "zh-CN"), r.match.target_lang,
        (("x-document", pre.name), ("x-match", str(r.match.percent)),
         ("x-tm-source", r.match.source), ("x-review-state", "needs-review")),
        None, pre.name) for r in pre.rows if r.match is not None]


def format_analysis(pre: Pretranslation) -> str:
    """A CAT-style analysis table: segments, characters/words and share per band."""
    counts = pre.bands()
    total_seg = sum(s for s, _ in counts.values())
    total_size = sum(n for _, n in counts.values())
    unit = "words" if pre.rows and pre.rows[0].segment.lang == "en" else "chars"
    lines = [f"Analysis of {pre.name or 'text'}: {total_seg} segments",
             f"{'Match':<10}{'Segments':>10}{unit.capitalize():>10}{'Percent':>9}"]
    for b in BANDS:
        s, n = counts[b]
        share = 100 * n / total_size if total_size else 0.0
        lines.append(f"{b:<10}{s:>10}{n:>10}{share:>8.1f}%")
    lines.append(f"{'Total':<10}{total_seg:>10}{total_size:>10}{100.0 if total_size else 0:>8.1f}%")
    return "\n".join(lines)
