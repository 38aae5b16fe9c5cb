"""Scoring term discovery against a reference glossary (precision and recall).

A candidate is correct when its Chinese equals (or is part of) a reference Chinese
form and its English equals a reference English form on word stems, or is that form
less one word when it names a part (一微克 = "One Microgram" of “一微克”行动 =
"One Microgram" Campaign). The recall targets are the reference concepts written in
quotes (“…”) in the Chinese text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from align.terms.match import en_key, normalize_zh
from align.types import Alignment, Glossary

if TYPE_CHECKING:
    from align.terms.discover import Candidate

#: a quoted Chinese expression (after normalize_zh): “…” 「…」 『…』
ZH_QUOTE = re.compile(r'"([^"\n]{1,16})"|「([^」\n]{1,16})」|『([^』\n]{1,16})』')


def zh_quoted(text: str) -> list[str]:
    """The quoted expressions of a Chinese text already passed through
    :func:`normalize_zh`, without their quote marks, stripped, in text order."""
    return [(m.group(1) or m.group(2) or m.group(3)).strip() for m in ZH_QUOTE.finditer(text)]


def strip_quotes(s: str) -> str:
    """``s`` without quote marks (after :func:`normalize_zh`)."""
    return s.replace('"', "").replace("'", "").strip()


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
    cz = strip_quotes(normalize_zh(c.zh))
    for t in reference:
        if any(cz == z or cz in z for z in (strip_quotes(normalize_zh(f)) for f in t.zh_forms)):
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
    quoted = {q for seg in zh_side for q in zh_quoted(normalize_zh(seg.text))}
    out = []
    for t in reference:
        for f in t.zh_forms:
            z = strip_quotes(normalize_zh(f))
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
