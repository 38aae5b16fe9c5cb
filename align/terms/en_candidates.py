"""The English side of term discovery: the English of a Chinese candidate, taken
from the aligned target sentences.

1. A quoted English expression in the same bead, matched by position when both
   sides quote the same number of expressions (or the only one): confidence
   ``0.85 + 0.15 * share of the beads that agree``.
2. Otherwise the English n-gram (up to 8 words, no function word or common verb at
   its edges) with the best mean of its Dice coefficient over beads and its lexical
   agreement with CC-CEDICT (:mod:`align.text.lexicon`).

Scores are in [0, 1], higher is better.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from align.terms.quotes import en_quoted

_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
_EN_CHUNK = re.compile(r"[^,.;:!?()\"“”\[\]]+")
# function words and the action verbs of official English: never at a term's edge
_EN_STOP = frozenset("a an the and or of to in on at by for with from as is are be will should "
                     "that this these those it its their our we he they which while also "
                     "such more most very all each every into than so must can "
                     "strengthen promote foster develop build improve enhance ensure advance "
                     "deepen accelerate expand support implement pursue make create establish "
                     "boost leverage harness uphold focus".split())


@dataclass(frozen=True, slots=True)
class BeadIndex:
    """The beads discovery works on (both sides non-empty), indexed once.

    Attributes:
        texts: bead -> (Chinese, English), as in the alignment.
        zh_quotes: bead -> quoted expressions of its normalised Chinese.
        en_beads: English n-gram -> the beads whose English has it.
    """

    texts: Mapping[int, tuple[str, str]]
    zh_quotes: Mapping[int, list[str]]
    en_beads: Mapping[str, set[int]]


def en_ngrams(text: str, max_n: int = 8) -> set[str]:
    """The English word n-grams of ``text`` (within punctuation-free chunks) that may
    render a term: no function word or common verb at either edge, not only digits."""
    grams: set[str] = set()
    for chunk in _EN_CHUNK.findall(text):
        words = _EN_WORD.findall(chunk)
        for i in range(len(words)):
            for n in range(1, max_n + 1):
                g = words[i:i + n]
                if len(g) < n:
                    break
                if g[0].lower() in _EN_STOP or g[-1].lower() in _EN_STOP:
                    continue
                if all(w.isdigit() for w in g):
                    continue
                grams.add(" ".join(g))
    return grams


def en_ngram_beads(texts: Mapping[int, tuple[str, str]]) -> dict[str, set[int]]:
    """English n-gram -> the beads (keys of ``texts``) whose English has it."""
    index: dict[str, set[int]] = defaultdict(set)
    for k, (_, en) in texts.items():
        for g in en_ngrams(en):
            index[g].add(k)
    return index


def _zh_senses(zh: str) -> list[set[str]]:
    """CC-CEDICT English senses of each dictionary part of a Chinese term."""
    from align.text.lexicon import load_lexicon

    lex = load_lexicon()
    # a word's own senses; single characters only for parts the dictionary lacks
    return [set(lex.translations(p)) or {x for c in p for x in lex.translations(c)}
            for p in lex.segment_unknown(zh)]


def _lexical_agreement(trans: list[set[str]], en: str) -> float:
    """F2-measure of CC-CEDICT agreement between a Chinese term (its senses per
    part, from :func:`_zh_senses`) and an English phrase."""
    from align.text.english import english_lemmas

    lemmas = english_lemmas(en)
    if not trans or not lemmas:
        return 0.0

    def hit(w: str, tr: set[str]) -> bool:  # "topical" ~ "topic": prefix of 4+ letters
        return w in tr or any(w[:n] in tr for n in range(4, len(w)))

    covered = sum(1 for tr in trans if any(hit(w, tr) for w in lemmas)) / len(trans)
    every = set().union(*trans)
    precise = sum(1 for w in lemmas if hit(w, every)) / len(lemmas)
    # F2: covering every part of the Chinese matters more than an extra English word
    return 0.0 if covered + precise == 0 else 5 * covered * precise / (4 * precise + covered)


def quoted_english(zh: str, beads: set[int], index: BeadIndex) -> tuple[str, float] | None:
    """The quoted English most often paired with the quoted Chinese ``zh`` in its
    beads, with its confidence; None when no bead pairs them."""
    votes: Counter[str] = Counter()
    for k in beads:
        zq = index.zh_quotes[k]
        eq = en_quoted(index.texts[k][1])
        if zh in zq and eq:
            if len(zq) == len(eq):
                votes[eq[zq.index(zh)]] += 1
            elif len(eq) == 1:
                votes[eq[0]] += 1
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    return best, min(1.0, 0.85 + 0.15 * n / len(beads))


def associated_english(zh: str, beads: set[int], index: BeadIndex) -> tuple[str, float]:
    """The English n-gram of ``beads`` best associated with ``zh`` (mean of Dice over
    beads and CC-CEDICT agreement; the longer one on a tie), with its score; ("", 0.0)
    when there is none."""
    cands: set[str] = set()
    for k in beads:
        cands |= en_ngrams(index.texts[k][1])
    best, best_score = "", 0.0
    senses = _zh_senses(zh)
    for e in cands:
        eb = index.en_beads.get(e, set())
        dice = 2 * len(eb & beads) / (len(eb) + len(beads)) if eb else 0.0
        s = (dice + _lexical_agreement(senses, e)) / 2
        if s > best_score + 1e-9 or (abs(s - best_score) <= 1e-9 and len(e) > len(best)):
            best, best_score = e, s
    return best, best_score


def english_for(zh: str, beads: set[int], index: BeadIndex) -> tuple[str, float, str]:
    """(English, confidence, method) for the Chinese candidate ``zh`` found in
    ``beads``; method is "quoted", "dice" or "" (no English found)."""
    quoted = quoted_english(zh, beads, index)
    if quoted is not None:
        return quoted[0], quoted[1], "quoted"
    best, score = associated_english(zh, beads, index)
    return best, score, "dice" if best else ""
