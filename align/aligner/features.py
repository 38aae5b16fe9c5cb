"""Feature extraction: sentences -> lengths, paragraph ids, words and matching keys.

Both languages are mapped into one space of matching keys (English lemma keys from
:mod:`align.text.lexicon`, number keys ``#75``, Latin-script tokens ``@covid``, glossary
term ids ``T:12``): an English sentence has its own keys, a Chinese sentence its words,
whose translations (CC-CEDICT plus associations learned on the document pair,
:class:`Translations`) are its keys. :mod:`.embed` turns them into hashed vectors.

Runs of single Chinese characters (how the tokenizer splits unknown words, mostly
transliterated names) also yield character bigrams (``~`` + two characters); they
have no dictionary translation, and self-training associates them with English
names only (:func:`.selftrain.dice_associations`).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

import numpy as np

from align.text.english import english_lemmas
from align.text.lexicon import Lexicon
from align.text.numbers import number_keys
from align.text.script import HAN_RUN_RE
from align.types import Glossary, Segment

_HAN = HAN_RUN_RE
_LATIN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
# the Latin tokens of English worth keeping (with a capital or a digit) as the group:
# an all-lower-case token (the first branch, which matches a whole token or nothing) gives
# an empty group
_LATIN_EN = re.compile(r"[a-z]+(?:[-.][a-z]+)*(?![A-Za-z0-9]|[-.][A-Za-z0-9])"
                       r"|([A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*)")
_QUOTES_ZH = re.compile(r"[“「『]")
_QUOTES_EN = re.compile(r"[“\"]")
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or Han character

GRAM = "~"  # prefix of the character bigrams of unknown runs (see _zh_words)
_NAME = re.compile(r"(?<=[A-Za-z,;:] )[A-Z][a-z]+")  # capitalised, not sentence-initial


def text_length(text: str, lang: str) -> int:
    """Length used by the length model: non-space characters (zh and en alike; str.split
    and the regex ``\\s`` know the same spaces)."""
    return sum(map(len, text.split()))


@dataclass
class SideFeatures:
    """Per-sentence features of one side of a document pair.

    Attributes:
        lang: "zh" or "en".
        lengths: character length of every sentence.
        paragraphs: paragraph index of every sentence.
        words: Chinese words (zh) or English lemma keys (en) of every sentence.
        extra: language-independent keys of every sentence (numbers, Latin, terms).
        content: whether each sentence has any letters or Han characters.
        names: (en) lemma keys of capitalised words inside sentences (names).
    """

    lang: str
    lengths: list[int]
    paragraphs: list[int]
    words: list[list[str]]
    extra: list[list[str]]
    content: list[bool] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    @cached_property
    def word_table(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """(vocabulary: word -> id in first-seen order, ptr, ids): sentence i has the
        word ids ``ids[ptr[i]:ptr[i + 1]]`` (the words never change after
        :func:`extract`, so this is computed once)."""
        flat = list(chain.from_iterable(self.words))
        vocab = {w: k for k, w in enumerate(dict.fromkeys(flat))}
        ids = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
        ptr = np.concatenate(([0], np.cumsum([len(d) for d in self.words]))).astype(np.int64)
        return vocab, ptr, ids

    @cached_property
    def word_idf(self) -> dict[str, float]:
        """IDF of every word on this side (:func:`_idf` of :attr:`words`, computed once)."""
        return _idf(self.words)

    @cached_property
    def extra_idf(self) -> dict[str, float]:
        """IDF of every extra key on this side (:func:`_idf` of :attr:`extra`, computed
        once; :func:`filter_shared_extra` forgets it when it changes the keys)."""
        return _idf(self.extra)


class _Pieces(dict[str, tuple[str, ...]]):
    """Token -> its Chinese words (empty for a token that is not Han), looked up once
    per document: a token the lexicon does not know is split into its longest
    dictionary words. :attr:`runs` holds, for the same token, its words as they take
    part in runs of single characters: a one-character word stands for itself, any
    other word (and a token that is not Han) for :data:`_BREAK`."""

    def __init__(self, lexicon: Lexicon | None) -> None:
        super().__init__()
        self.lexicon = lexicon
        self.runs = _Runs(self)

    def __missing__(self, t: str) -> tuple[str, ...]:
        lexicon = self.lexicon
        pieces = () if not _HAN.fullmatch(t) else (t,) if (
            lexicon is None or len(t) == 1 or t in lexicon.zh_en) else tuple(
            lexicon.segment_unknown(t))
        self[t] = pieces
        self.runs[t] = "".join(p if len(p) == 1 else _BREAK for p in pieces) or _BREAK
        return pieces


class _Runs(dict[str, str]):
    """Token -> its part of a sentence's run string (see :class:`_Pieces`)."""

    def __init__(self, pieces: _Pieces) -> None:
        super().__init__()
        self.pieces = pieces

    def __missing__(self, t: str) -> str:
        self.pieces.__missing__(t)  # fills both tables
        return self[t]


_BREAK = "\0"  # ends a run of single characters (a longer word, a non-Han token)
_PAIRS = re.compile("(?=([^\0]{2}))")  # every two adjacent single characters


def _zh_words(text: str, tokenize: Callable[[str], list[str]], lexicon: Lexicon | None,
              cache: _Pieces | None = None) -> list[str]:
    """Chinese words of a text: jieba tokens (Han only); a token the lexicon does not
    know (jieba's dictionary has many words CC-CEDICT lacks) is split into its longest
    dictionary words, so every word the aligner counts can have translations. Then
    the character bigrams of the runs of single-character words (see
    :data:`GRAM`), run by run. ``cache`` (made with the same ``lexicon``) saves looking
    up the same token twice in one document.

    Term matching has its own tokenizer (:mod:`align.terms.match`) and never adds words
    to the shared one, so glossary terms cannot change these words."""
    cache = _Pieces(lexicon) if cache is None else cache
    tokens = tokenize(text)
    out = list(chain.from_iterable(map(cache.__getitem__, tokens)))
    # the runs of one-character words, one character each, between breaks: a bigram
    # for every two adjacent characters (the bigrams of each run, in order)
    out += map(GRAM.__add__, _PAIRS.findall("".join(map(cache.runs.__getitem__, tokens))))
    return out


def extract(segments: Sequence[Segment], lang: str, *, tokenize: Callable[[str], list[str]],
            glossary: Glossary | None = None, lexicon: Lexicon | None = None
            ) -> SideFeatures:
    """Lengths, paragraphs, words and extra keys for every sentence of one side.

    Glossary terms are found with :func:`align.terms.match.find_terms` (jieba word
    boundaries, normalised English) and become keys ``T:<index of the term>``.
    """
    term_index: dict[int, int] = {}
    if glossary is not None and len(glossary):
        from align.terms.match import find_terms

        term_index = {id(t): k for k, t in enumerate(glossary.terms)}
    lengths, paras, words, extra, content = [], [], [], [], []
    names: set[str] = set()
    cache = _Pieces(lexicon)
    for s in segments:
        text = s.text
        lengths.append(text_length(text, lang))
        paras.append(s.paragraph)
        keys: list[str] = []
        if lang == "zh":
            w = _zh_words(text, tokenize, lexicon, cache) if _HAN.search(text) else []
            keys += number_keys(text)
            keys += ["@" + m.group().lower() for m in _LATIN_ZH.finditer(text)]
            if _QUOTES_ZH.search(text):
                keys.append("Q")
        else:
            w = english_lemmas(text)
            found = _NAME.findall(text)
            if found:
                names.update(english_lemmas(" ".join(found)))
            keys += number_keys(text)
            keys += ["@" + g.lower() for g in filter(None, _LATIN_EN.findall(text))]
            if _QUOTES_EN.search(text):
                keys.append("Q")
        if glossary is not None and term_index:
            keys += [f"T:{term_index[id(h.term)]}" for h in find_terms(text, lang, glossary)
                     if id(h.term) in term_index]
        words.append(w)
        extra.append(keys)
        content.append(_WORD_CHAR.search(text) is not None)
    return SideFeatures(lang, lengths, paras, words, extra, content, names)


def filter_shared_extra(a: SideFeatures, b: SideFeatures) -> None:
    """Keep only extra keys that occur on both sides (in place): a Latin token or a
    number seen on one side only is no evidence and would only dilute similarity."""
    sa = {k for ks in a.extra for k in ks}
    sb = {k for ks in b.extra for k in ks}
    both = sa & sb
    for side in (a, b):
        side.extra = [[k for k in ks if k in both] for ks in side.extra]
        side.__dict__.pop("extra_idf", None)


@dataclass
class Translations:
    """Chinese word -> English lemma keys: CC-CEDICT plus learned associations."""

    lexicon: Lexicon
    learned: dict[str, tuple[str, ...]] = field(default_factory=dict)
    probs: dict[str, dict[str, float]] = field(default_factory=dict)
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __call__(self, word: str) -> tuple[str, ...]:
        got = self._cache.get(word)
        if got is None and word.startswith(GRAM):
            got = self._cache[word] = self.learned.get(word, ())
        if got is None:
            got = self.lexicon.translations(word)
            if not got and len(word) > 1:
                keys: dict[str, None] = {}
                for piece in self.lexicon.segment_unknown(word):
                    keys.update(dict.fromkeys(self.lexicon.translations(piece)))
                got = tuple(keys)
            learned = self.learned.get(word)
            if learned:
                got = tuple(dict.fromkeys((*learned, *got)))
            self._cache[word] = got
        return got

    def learn(self, pairs: Mapping[str, Sequence[str]]) -> None:
        """Add learned translations (placed first) and forget the looked-up
        translations of those words (no other word's translations change)."""
        for w, keys in pairs.items():
            self.learned[w] = tuple(dict.fromkeys((*keys, *self.learned.get(w, ()))))
            self._cache.pop(w, None)


def _idf(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    df = Counter(chain.from_iterable(map(set, docs)))  # in each document once
    n = len(docs) + 1
    return {k: math.log(n / (c + 0.5)) for k, c in df.items()}
