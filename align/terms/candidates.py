"""A proposed glossary entry (:class:`Candidate`), as term discovery returns it, and
the glossary a list of candidates becomes when ``align terms -o`` writes it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from align.types import Glossary, Term, number_shown


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed glossary entry.

    Attributes:
        zh: the Chinese term (quote marks removed).
        en: the proposed English ("" when none was found).
        score: overall score in [0, 1], higher is better.
        termhood: how term-like the Chinese is, in [0, 1].
        en_score: confidence in the English, in [0, 1].
        source: "quoted", "slogan" or "ngram".
        en_method: "quoted" (quoted English in the bead), "dice" or "".
        freq: number of beads containing the Chinese.
        evidence: supporting (bead index, source text, target text), first ones.
    """

    zh: str
    en: str
    score: float
    termhood: float
    en_score: float
    source: str
    en_method: str
    freq: int
    evidence: tuple[tuple[int, str, str], ...]


def candidates_to_glossary(candidates: Iterable[Candidate], name: str = "candidates") -> Glossary:
    """Candidates as a glossary (status admitted; the note holds score and evidence).

    Candidates without English are left out (a glossary row needs both sides). The
    note names the evidence beads by their number from 1.
    """
    terms = []
    for n, c in enumerate(candidates, 1):
        if not c.en:
            continue
        ev = " || ".join(f"bead {number_shown(k)}: {_short(s, 60)} = {_short(t, 100)}"
                         for k, s, t in c.evidence)
        note = (f"candidate; score {c.score:.3f} (termhood {c.termhood:.2f}, English "
                f"{c.en_score:.2f} by {c.en_method}); {c.source}; {c.freq} bead(s); {ev}")
        terms.append(Term(zh=c.zh, en=c.en, status="admitted", note=note, id=f"cand-{n:03d}"))
    return Glossary(tuple(terms), name=name)


def _short(s: str, n: int) -> str:
    """``s`` on one line, cut to ``n`` characters with an ellipsis."""
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
