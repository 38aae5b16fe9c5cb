"""Pre-translation of a new text from the TM: the best match per sentence, context
matches, repetitions, number substitution, glossary terms, and the CAT analysis.

An engine: it takes segments and a store and returns a :class:`Pretranslation`; the
draft's tables, XLIFF units and TMX units are made in :mod:`align.tm.draft`; reading
the text and writing the draft are the command's work (:mod:`align.cli.tm`).

Per sentence, in document order:

1. the best TM match at or above ``min_percent`` (:meth:`TMStore.lookup`);
2. a 100 % match is a *context match* (101 %) when the sentence before it in the new
   text is the sentence before the TM unit (:meth:`TMStore.previous_sources`);
3. a match that differs only in numbers and dates gets the new numbers substituted
   into its target (:mod:`align.tm.numsub`) at ``100 - SUBSTITUTION_PENALTY`` %, or is
   *flagged* when that is not safe (its target is the TM's, unchanged);
4. a sentence seen earlier in the text is a *repetition* of the first occurrence;
5. the band follows (:func:`align.tm.analysis.match_band`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.terms.match import find_terms
from align.tm.analysis import JobAnalysis, analyse_job, match_band
from align.tm.numsub import SUBSTITUTION_PENALTY, substitute_numbers
from align.tm.store import Match, TMStore
from align.types import Glossary, Segment


@dataclass(frozen=True, slots=True)
class DraftRow:
    """One sentence of the new text with its best TM match and what was made of it.

    Attributes:
        segment: the sentence.
        match: the best match at or above the minimum percentage, or None.
        terms: (Chinese term, approved English) for glossary terms in the sentence.
        percent: the match percentage after number substitution (None: no match).
        target: the proposed translation: the TM target, with the new numbers when
            they were substituted; None without a match.
        band: the analysis band (:data:`align.tm.analysis.BANDS`).
        context: a context (101 %) match.
        repetition_of: 0-based position (in the segments given) of the sentence's first
            occurrence, if this is a later one.
        note: what the translator must know: numbers substituted, or not (flagged).
        flagged: the numbers differ from the TM's and could not be substituted.
    """

    segment: Segment
    match: Match | None
    terms: tuple[tuple[str, str], ...] = ()
    percent: int | None = None
    target: str | None = None
    band: str = "no match"
    context: bool = False
    repetition_of: int | None = None
    note: str = ""
    flagged: bool = False

    @property
    def substituted(self) -> bool:
        """The target carries numbers substituted from the new sentence."""
        return self.match is not None and self.target != self.match.target

    @property
    def exact(self) -> bool:
        """A 100 % or context match: the TM translation stands as it is."""
        return self.percent == 100


@dataclass(frozen=True, slots=True)
class Pretranslation:
    """A pre-translated text.

    Attributes:
        rows: one per sentence, in order.
        name: the text's name (file name).
    """

    rows: tuple[DraftRow, ...]
    name: str = ""

    def analysis(self) -> JobAnalysis:
        """Segments, Chinese characters and English words per band."""
        return analyse_job(((r.band, r.segment.text) for r in self.rows), self.name)


def pretranslate_segments(segments: Sequence[Segment], store: TMStore, *,
                          glossary: Glossary | None = None, min_percent: int = 50,
                          name: str = "") -> Pretranslation:
    """Pre-translate the sentences of a new text (module docstring).

    Args:
        segments: the sentences of the new text, in document order.
        store: the TM to look them up in.
        glossary: terms to list per sentence with their approved English.
        min_percent: lowest match percentage used.
        name: the text's name (shown in the analysis and recorded in the drafts).
    """
    rows: list[DraftRow] = []
    first: dict[str, int] = {}
    found: dict[str, Match | None] = {}
    previous: str | None = None
    for k, seg in enumerate(segments):
        key = seg.text.strip()
        if key not in found:
            hits = store.lookup(seg.text, lang=seg.lang, min_percent=min_percent, top=1)
            found[key] = hits[0] if hits else None
        first_k = first.setdefault(key, k)
        rows.append(_row(seg, found[key], store, previous, first_k if first_k != k else None,
                         _terms(seg, glossary)))
        previous = seg.text
    return Pretranslation(tuple(rows), name)


def _terms(seg: Segment, glossary: Glossary | None) -> tuple[tuple[str, str], ...]:
    if not glossary:  # None or an empty glossary: no terms
        return ()
    # dict.fromkeys: each (zh, en) once, in text order
    return tuple(dict.fromkeys((h.term.zh, h.term.en)
                               for h in find_terms(seg.text, seg.lang, glossary)))


def _row(seg: Segment, m: Match | None, store: TMStore, previous: str | None,
         repetition_of: int | None, terms: tuple[tuple[str, str], ...]) -> DraftRow:
    """The row of one sentence: context, number substitution, repetition, band."""
    if m is None:
        return DraftRow(seg, None, terms,
                        band=match_band(None, repetition=repetition_of is not None),
                        repetition_of=repetition_of)
    percent, target, note, flagged, context = m.percent, m.target, "", False, False
    if m.percent == 100:
        context = previous in store.previous_sources(m.source)
    elif m.score.placeables_only:
        fix = substitute_numbers(seg.text, m.source, m.target)
        if fix is not None:
            note, flagged = fix.message, fix.target is None
            if fix.target is not None:
                percent, target = 100 - SUBSTITUTION_PENALTY, fix.target
    band = match_band(percent, context=context, repetition=repetition_of is not None)
    return DraftRow(seg, m, terms, percent, target, band, context, repetition_of, note, flagged)
