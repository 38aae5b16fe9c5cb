"""Pre-translation of a new text from the TM: best match per sentence, glossary
terms, and an analysis by match band as CAT tools report a new job."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import ConfigError
from align.formats.files import atomic_write, write_xlsx
from align.tm.fuzzy import BANDS, band
from align.tm.store import Match, TMStore
from align.types import Glossary, Segment, TranslationUnit


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
    """Best TM match (>= ``min_percent``) and glossary terms for every sentence."""
    from align.terms.match import find_terms

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


def pretranslate_file(path: str | os.PathLike[str], store: TMStore, *, lang: str = "zh",
                      glossary: Glossary | None = None, min_percent: int = 50,
                      presplit: bool = False) -> Pretranslation:
    """Read and segment a new text (``align.formats.documents``/``align.text.segment``), then
    :func:`pretranslate_segments`."""
    from align.formats.documents import read_document, read_lines
    from align.text.segment import segment_document, segments_from_lines

    if presplit:
        lines = read_lines(path)
        if lang in ("auto", None):
            from align.text.langid import detect_lang

            lang = detect_lang("\n".join(lines), path)
        segments = segments_from_lines(lines, lang)
    else:
        segments = segment_document(read_document(path, lang))
    return pretranslate_segments(segments, store, glossary=glossary,
                                 min_percent=min_percent, name=Path(path).name)


COLUMNS = ("sentence", "paragraph", "source", "match", "band", "tm_source", "tm_target",
           "tm_document", "terms")


def _row_values(r: DraftRow) -> list[str]:
    m = r.match
    return [str(r.segment.index + 1), str(r.segment.paragraph + 1), r.segment.text,
            str(m.percent) if m else "", r.band, m.source if m else "", m.target if m else "",
            (m.document or "") if m else "", "; ".join(f"{zh} = {en}" for zh, en in r.terms)]


def write_draft(pre: Pretranslation, path: str | os.PathLike[str]) -> int:
    """Write the draft by suffix: ``.tsv``, ``.xlsx`` (one row per sentence) or
    ``.tmx`` (matched sentences only: the new source with the TM translation, the
    percentage in ``x-match``). Returns the rows/units written.

    Raises:
        ConfigError: unknown suffix.
    """
    suffix = check_draft_suffix(path)
    if suffix == ".tsv":
        with atomic_write(path, newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerow(COLUMNS)
            for r in pre.rows:
                w.writerow([" ".join(v.split()) for v in _row_values(r)])
        return len(pre.rows)
    if suffix == ".xlsx":
        write_xlsx(path, COLUMNS, (_row_values(r) for r in pre.rows), sheet="draft")
        return len(pre.rows)
    from align.formats.tmx.writer import DEFAULT_LOCALES, write_tmx  # .tmx

    units = (TranslationUnit(
        r.segment.text, r.match.target, DEFAULT_LOCALES.get(r.segment.lang, "zh-CN"),
        r.match.target_lang,
        (("x-document", pre.name), ("x-match", str(r.match.percent)),
         ("x-tm-source", r.match.source), ("x-review-state", "needs-review")),
        None, pre.name) for r in pre.rows if r.match is not None)
    return int(write_tmx(path, units))


DRAFT_SUFFIXES = (".xlsx", ".tsv", ".tmx")


def check_draft_suffix(path: str | os.PathLike[str]) -> str:
    """The draft format of ``path`` (its suffix, lower case).

    Raises:
        ConfigError: unknown suffix.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in DRAFT_SUFFIXES:
        raise ConfigError(f"{os.fspath(path)}: unknown draft format {suffix or '(no suffix)'}; "
                          "use .xlsx, .tsv or .tmx")
    return suffix


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
