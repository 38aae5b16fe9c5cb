"""The matching keys of every sentence, for the post-passes that ask which sentence
shares a word, number, name or term with which (:mod:`.omissions`).

English sentences have their lemma keys, Chinese sentences the translations of their
words (dictionary, learned and Model 1); both add their extra keys (numbers, Latin
tokens, glossary terms). A post-pass looks at a few hundred sentences of a long
document, so :class:`SentenceKeys` computes a sentence's keys when first asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from align.aligner.features import SideFeatures, Translations


class SentenceKeys(Sequence[set[str]]):
    """The matching keys of every sentence (:func:`sentence_keys`), each computed when
    first asked for: a post-pass looks at a few hundred sentences of a long document."""

    def __init__(self, side: SideFeatures, translate: Translations | None) -> None:
        self.side, self.translate = side, translate
        self._sent: dict[int, set[str]] = {}
        self._word: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.side.words)

    @overload
    def __getitem__(self, i: int) -> set[str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[set[str]]: ...

    def __getitem__(self, i: int | slice) -> set[str] | list[set[str]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        got = self._sent.get(i)
        if got is None:
            got = self._sent[i] = self._keys(self.side.words[i], self.side.extra[i])
        return got

    def _keys(self, words: Sequence[str], extra: Sequence[str]) -> set[str]:
        translate = self.translate
        if translate is None:
            return set(extra).union(words)
        keys = set(extra)
        for w in words:
            got = self._word.get(w)
            if got is None:
                got = self._word[w] = frozenset(translate(w)).union(translate.probs.get(w, ()))
            keys |= got
        return keys


def sentence_keys(side: SideFeatures, translate: Translations | None) -> list[set[str]]:
    """The matching keys of every sentence: English lemma keys (en) or the
    translations of the Chinese words (zh, dictionary, learned and Model 1), plus
    the extra keys (numbers, Latin tokens, glossary terms)."""
    return list(SentenceKeys(side, translate))
