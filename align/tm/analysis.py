"""CAT-grade analysis of a new job: segments, Chinese characters and English words per
match band, as memoQ and Trados report a job before it is translated.

Bands, best first (the order of the report):

* ``101%`` context match: the sentence is in the TM and so is the sentence before it,
  as the unit before that TM unit (or both open their document);
* ``100%``: the sentence is in the TM;
* ``repetitions``: the sentence occurred earlier in the new document (the first
  occurrence is counted in its own band; a later one that is a context match stays
  101 %, as in Trados, because its translation is already settled);
* ``95-99%``, ``85-94%``, ``75-84%``, ``50-74%``: fuzzy matches (a match whose numbers
  were substituted loses :data:`align.tm.numsub.SUBSTITUTION_PENALTY` and is never
  100 %);
* ``no match``: below 50 % or nothing.

Sizes: every Chinese character (:func:`align.text.script.count_han`) and every
English word (letters or digits, :data:`align.text.english.TERM_TOKEN`) of the
sentence, whichever language it is in: memoQ counts each Chinese character as a word
and a Latin word as one word; Trados does the same for the "Words" column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from align.text.english import TERM_TOKEN
from align.text.script import count_han

#: The bands, in report order.
BANDS = ("101%", "100%", "repetitions", "95-99%", "85-94%", "75-84%", "50-74%", "no match")
_FUZZY = ((95, "95-99%"), (85, "85-94%"), (75, "75-84%"), (50, "50-74%"))


def match_band(percent: int | None, *, context: bool = False, repetition: bool = False) -> str:
    """The band of a sentence (module docstring).

    Args:
        percent: its best match percentage (None: no match).
        context: the match is a context match (only with 100).
        repetition: the sentence occurred earlier in the document.
    """
    if percent == 100 and context:
        return "101%"
    if repetition:
        return "repetitions"
    if percent == 100:
        return "100%"
    for low, name in _FUZZY:
        if percent is not None and percent >= low:
            return name
    return "no match"


@dataclass(frozen=True, slots=True)
class BandCount:
    """What one band holds.

    Attributes:
        band: its name (one of :data:`BANDS`, or "total").
        segments: sentences.
        han: Chinese characters.
        words: English words.
    """

    band: str
    segments: int = 0
    han: int = 0
    words: int = 0


def text_size(text: str) -> tuple[int, int]:
    """(Chinese characters, English words) of ``text``."""
    return count_han(text), sum(1 for _ in TERM_TOKEN.finditer(text))


@dataclass(frozen=True, slots=True)
class JobAnalysis:
    """The counts of every band, in :data:`BANDS` order.

    Attributes:
        bands: one :class:`BandCount` per band.
        name: what was analysed (a file name).
    """

    bands: tuple[BandCount, ...]
    name: str = ""

    def __getitem__(self, band: str) -> BandCount:
        return next(b for b in self.bands if b.band == band)

    @property
    def total(self) -> BandCount:
        """All bands together."""
        return BandCount("total", sum(b.segments for b in self.bands),
                         sum(b.han for b in self.bands), sum(b.words for b in self.bands))


def analyse_job(sentences: Iterable[tuple[str, str]], name: str = "") -> JobAnalysis:
    """Count (band, sentence text) pairs per band.

    Raises:
        ValueError: a band that is not one of :data:`BANDS` (a programming error).
    """
    counts = {b: [0, 0, 0] for b in BANDS}
    for band, text in sentences:
        if band not in counts:
            raise ValueError(f"unknown band {band!r}; expected one of {BANDS}")
        han, words = text_size(text)
        c = counts[band]
        c[0], c[1], c[2] = c[0] + 1, c[1] + han, c[2] + words
    return JobAnalysis(tuple(BandCount(b, *counts[b]) for b in BANDS), name)


#: Columns of :func:`analysis_table`.
ANALYSIS_COLUMNS = ("band", "segments", "Chinese characters", "English words",
                    "% of segments")


def analysis_table(a: JobAnalysis) -> list[tuple[object, ...]]:
    """One row per band and a total row (:data:`ANALYSIS_COLUMNS`); the share of
    segments has one decimal."""
    total = a.total
    return [(b.band, b.segments, b.han, b.words,
             round(100 * b.segments / total.segments, 1) if total.segments else 0.0)
            for b in (*a.bands, total)]


def format_job_analysis(a: JobAnalysis) -> str:
    """The analysis as a text table, as the CLI prints it."""
    lines = [f"Analysis of {a.name or 'text'}: {a.total.segments} segments",
             f"{'Match':<13}{'Segments':>9}{'Chinese chars':>15}{'English words':>15}"
             f"{'Segments %':>12}"]
    for band, seg, han, words, share in analysis_table(a):
        lines.append(f"{str(band).capitalize() if band == 'total' else band:<13}{seg:>9}"
                     f"{han:>15}{words:>15}{share:>11}%")
    return "\n".join(lines)
