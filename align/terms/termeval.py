"""Scoring term discovery against a reference glossary (precision and recall).

A candidate is correct when its Chinese equals (or is part of) a reference Chinese
form and its English equals a reference English form on word stems, or is that form
less one word when it names a part (一微克 = "One Microgram" of “一微克”行动 =
"One Microgram" Campaign). The recall targets are the reference concepts written in
quotes (“…”) in the Chinese text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.terms.candidates import Candidate
from align.terms.match import en_key
from align.terms.quotes import strip_quotes, zh_quoted
from align.text.normalize import fold
from align.types import Alignment, Glossary


@dataclass(frozen=True, slots=True)
class DiscoveryScores:
    """Precision and recall of discovered candidates against a reference glossary.

    Attributes:
        precision: share of the candidates whose Chinese and English match a
            reference concept.
        recall: share of ``targets`` found with the right English.
        correct: the correct candidates (zh, en).
        found: the targets found.
        n: number of candidates judged.
    """

    precision: float
    recall: float
    correct: tuple[tuple[str, str], ...]
    found: tuple[str, ...]
    n: int


def _match_reference(c: Candidate, reference: Glossary) -> bool:
    cz = strip_quotes(fold(c.zh))
    for t in reference:
        if any(cz == z or cz in z for z in (strip_quotes(fold(f)) for f in t.zh_forms)):
            if any(_same_english(c.en, f) for f in t.en_forms):
                return True
    return False


def _same_english(found: str, expected: str) -> bool:
    """Equal on word stems, or a part of the expected form missing at most one word
    ("One Microgram" for '"One Microgram" Campaign')."""
    a, b = en_key(found), en_key(expected)
    if not a:
        return False
    return a == b or (len(a) >= len(b) - 1 and
                      any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1)))


def quoted_targets(alignment: Alignment, reference: Glossary) -> list[tuple[str, str]]:
    """(Chinese, English) of the reference concepts written in quotes (“…”) in the
    Chinese text: what discovery from quoted expressions should find."""
    zh_side = alignment.src if alignment.src_lang == "zh" else alignment.tgt
    quoted = {q for seg in zh_side for q in zh_quoted(fold(seg.text))}
    out = []
    for t in reference:
        for f in t.zh_forms:
            z = strip_quotes(fold(f))
            if z in quoted:
                out.append((z, t.en))
                break
    return out


def evaluate_candidates(candidates: Sequence[Candidate], reference: Glossary,
                        targets: Sequence[tuple[str, str]] = (), *, top: int = 30
                        ) -> DiscoveryScores:
    """Precision of the ``top`` candidates against a reference glossary, and recall of
    ``targets`` (zh, expected English) among them.

    A candidate is correct when its Chinese equals (or is part of) a reference
    Chinese form and its English equals a reference English form on word stems (or
    is that form less one word, for a part: 一微克 = "One Microgram").
    """
    judged = list(candidates[:top])
    correct = tuple((c.zh, c.en) for c in judged if _match_reference(c, reference))
    found = tuple(z for z, e in targets
                  if any(c.zh == z and _same_english(c.en, e) for c in judged))
    return DiscoveryScores(len(correct) / len(judged) if judged else 0.0,
                           len(found) / len(targets) if targets else 0.0,
                           correct, found, len(judged))
