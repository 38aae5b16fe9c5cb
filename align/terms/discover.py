"""Term discovery (``align terms``): propose glossary entries from an aligned text.

Chinese candidates come from :mod:`align.terms.zh_candidates` (quoted expressions,
numbered slogans, repeated high-termhood word sequences); their English from
:mod:`align.terms.en_candidates` (quoted English in the same bead, else the best
associated English n-gram). Scores are in [0, 1], higher is better:
``score = (termhood + English confidence) / 2``.

The engine takes an :class:`~align.types.Alignment` (and the known
:class:`~align.types.Glossary`) and returns :class:`~align.terms.candidates.Candidate`
objects; reading and writing files is :mod:`align.cli.terms`'s work.
"""

from __future__ import annotations

from align.terms.candidates import Candidate
from align.terms.en_candidates import BeadIndex, en_ngram_beads, english_for
from align.terms.quotes import strip_quotes, zh_quoted
from align.terms.zh_candidates import chinese_candidates
from align.text.normalize import fold
from align.types import Alignment, Glossary


def _known_zh(glossary: Glossary | None) -> set[str]:
    """The Chinese forms of a glossary, normalised and without quote marks."""
    out: set[str] = set()
    for t in glossary or ():
        out.update(strip_quotes(fold(f)) for f in t.zh_forms)
    return out


def _in_glossary(zh: str, known: set[str]) -> bool:
    """Whether ``zh`` equals, or is part of, a known Chinese form."""
    return any(zh in k for k in known)


def bead_index(alignment: Alignment) -> BeadIndex:
    """The beads of ``alignment`` with text on both sides, indexed for discovery."""
    zh_is_src = alignment.src_lang == "zh"
    texts: dict[int, tuple[str, str]] = {}
    for k, (_, s, t) in enumerate(alignment.pairs()):
        zh, en = (s, t) if zh_is_src else (t, s)
        if zh.strip() and en.strip():
            texts[k] = (zh, en)
    zh_quotes = {k: zh_quoted(fold(z)) for k, (z, _) in texts.items()}
    return BeadIndex(texts, zh_quotes, en_ngram_beads(texts))


def discover_terms(alignment: Alignment, glossary: Glossary | None = None, *,
                   top: int | None = None, min_freq: int = 2,
                   max_evidence: int = 3) -> list[Candidate]:
    """Propose glossary entries found in an aligned text, best first.

    Args:
        alignment: the aligned text (either direction; Chinese is looked up on the
            Chinese side).
        glossary: known terms; candidates equal to or inside a known Chinese form
            are left out.
        top: keep only the best ``top`` candidates.
        min_freq: beads a repeated (unquoted) candidate must occur in.
        max_evidence: sentence pairs kept as evidence per candidate.

    Returns:
        Candidates sorted by score (then frequency, then Chinese).
    """
    index = bead_index(alignment)
    zh_beads = [(k, fold(z)) for k, (z, _) in index.texts.items()]
    known = _known_zh(glossary)
    out: list[Candidate] = []
    for zh, (source, termhood, beads) in chinese_candidates(zh_beads, min_freq).items():
        if _in_glossary(zh, known):
            continue
        en, en_score, method = english_for(zh, beads, index)
        evidence = tuple((k, *index.texts[k]) for k in sorted(beads)[:max_evidence])
        out.append(Candidate(zh, en, round((termhood + en_score) / 2, 4), round(termhood, 4),
                             round(en_score, 4), source, method, len(beads), evidence))
    out.sort(key=lambda c: (-c.score, -c.freq, c.zh))
    return out[:top] if top else out
