"""Feature extraction: sentences -> lengths, paragraph ids and *lexical embeddings*.

Both languages are mapped into one space of matching keys (English lemma keys from
:mod:`align.text.lexicon`, number keys ``#75``, Latin-script tokens ``@covid``, glossary
term ids ``T:12``). An English sentence contributes its own keys; a Chinese sentence
contributes the translations of its words (CC-CEDICT plus associations learned on
the document pair). Keys are weighted by IDF estimated on the document pair, a
word's weight is split over its k senses as 1/sqrt(k) (so its squared norm does not
depend on how many senses it has), and keys are hashed with random signs into ``dim``
dimensions. A bead's vector is then the sum of its sentences' vectors and bead
similarities are batched dot products.

Runs of single Chinese characters (how the tokenizer splits unknown words, mostly
transliterated names) also yield character bigrams (``~`` + two characters); they
have no dictionary translation, and self-training associates them with English
names only (:func:`.selftrain.dice_associations`).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any

import numpy as np

from align.text.english import english_lemmas
from align.text.lexicon import Lexicon
from align.text.numbers import number_keys
from align.text.script import HAN_RUN_RE
from align.types import Glossary, Segment

_HAN = HAN_RUN_RE
_LATIN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
_LATIN_EN = re.compile(r"[A-Za-z0-9][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
_CAP_OR_DIGIT = re.compile(r"[A-Z0-9]")  # a Latin token of English worth keeping
_QUOTES_ZH = re.compile(r"[“「『]")
_QUOTES_EN = re.compile(r"[“\"]")
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or Han character

GRAM = "~"  # prefix of the character bigrams of unknown runs (see _run_bigrams)
_NAME = re.compile(r"(?<=[A-Za-z,;:] )[A-Z][a-z]+")  # capitalised, not sentence-initial
GLOSSARY_WEIGHT = 3.0  # a glossary term found on both sides counts like 3 rare words


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


def _zh_words(text: str, tokenize: Callable[[str], list[str]], lexicon: Lexicon | None,
              cache: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Chinese words of a text: jieba tokens (Han only); a token the lexicon does not
    know (jieba's dictionary has many words CC-CEDICT lacks) is split into its longest
    dictionary words, so every word the aligner counts can have translations.
    ``cache`` (token -> its words, empty for a token that is not Han) saves looking
    up the same token twice in one document.

    Term matching has its own tokenizer (:mod:`align.terms.match`) and never adds words
    to the shared one, so glossary terms cannot change these words."""
    cache = {} if cache is None else cache
    out: list[str] = []
    run: list[str] = []  # consecutive single characters: often a transliterated name
    grams: list[str] = []
    for t in tokenize(text):
        pieces = cache.get(t)
        if pieces is None:
            pieces = cache[t] = () if not _HAN.fullmatch(t) else (t,) if (
                lexicon is None or len(t) == 1 or t in lexicon.zh_en) else tuple(
                lexicon.segment_unknown(t))
        for p in pieces or ("",):  # no piece (not Chinese) ends a run too
            if len(p) == 1:
                run.append(p)
                continue
            if len(run) >= 2:
                grams += _run_bigrams(run)
            run = []
        out.extend(pieces)
    return out + grams + _run_bigrams(run)


def _run_bigrams(run: Sequence[str]) -> list[str]:
    """Character bigrams of a run of single-character words (marked with a leading
    ``~``): they have no dictionary translation, but self-training can associate them
    with English names (see :func:`.selftrain.dice_associations`)."""
    return [GRAM + run[k] + run[k + 1] for k in range(len(run) - 1)] if len(run) >= 2 else []


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
    cache: dict[str, tuple[str, ...]] = {}
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
            names.update(english_lemmas(" ".join(_NAME.findall(text))))
            keys += number_keys(text)
            keys += ["@" + g.lower() for g in _LATIN_EN.findall(text)
                     if not (g.islower() and g.isalpha()) and _CAP_OR_DIGIT.search(g)]
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


def _bucket(key: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(key.encode("utf-8"))
    return h % dim, (1.0 if (h >> 20) & 1 else -1.0)


class _Entries:
    """(sentence, key, weight) entries of hashed vectors, gathered as flat arrays in
    the order they are summed (a cell's sum is in this order, so the vectors depend
    only on the order of the entries per sentence, not on how they were gathered)."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.index: dict[str, int] = {}  # key -> id
        self.sent: list[Any] = []  # int arrays
        self.kid: list[Any] = []  # int arrays
        self.vals: list[Any] = []  # float arrays

    def ids(self, keys: Iterable[str]) -> Any:
        """The ids of ``keys`` (new keys get the next ids)."""
        index = self.index
        return np.fromiter((index.setdefault(k, len(index)) for k in keys), dtype=np.int64)

    def add(self, sent: Any, kid: Any, vals: Any) -> None:
        self.sent.append(np.asarray(sent, dtype=np.int64))
        self.kid.append(np.asarray(kid, dtype=np.int64))
        self.vals.append(np.asarray(vals, dtype=np.float64))

    def add_side(self, docs: Sequence[Sequence[str]], weight: Mapping[str, float],
                 scale: Callable[[str], float] | None = None) -> None:
        """Every key of every sentence of ``docs`` with ``weight[key]`` (times
        ``scale(key)``)."""
        sent = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
        kid = self.ids(k for d in docs for k in d)
        keys = list(self.index)
        first = {k: weight[k] * scale(k) if scale else weight[k] for d in docs for k in d}
        table = np.zeros(len(keys))
        for k, w in first.items():
            table[self.index[k]] = w
        self.add(sent, kid, table[kid])

    def hashed(self, n: int, chunk: int = 4096) -> np.ndarray:
        """The (n, dim) float32 vectors: keys hashed with random signs into ``dim``.

        Summed in float64, ``chunk`` sentences at a time (each added block is sorted by
        sentence), so the float64 sums never take n x dim memory at once."""
        dim = self.dim
        hb = [_bucket(k, dim) for k in self.index]
        bucket = np.fromiter((b for b, _ in hb), dtype=np.int64, count=len(hb))
        sign = np.fromiter((g for _, g in hb), dtype=np.float64, count=len(hb))
        out = np.empty((n, dim), dtype=np.float32)
        for s in range(0, n, chunk):
            e = min(n, s + chunk)
            cut = [(int(np.searchsorted(t, s)), int(np.searchsorted(t, e))) for t in self.sent]
            sent = np.concatenate([t[a:b] for t, (a, b) in zip(self.sent, cut, strict=True)])
            kid = np.concatenate([t[a:b] for t, (a, b) in zip(self.kid, cut, strict=True)])
            vals = np.concatenate([t[a:b] for t, (a, b) in zip(self.vals, cut, strict=True)])
            out[s:e] = np.bincount((sent - s) * dim + bucket[kid], weights=sign[kid] * vals,
                                   minlength=(e - s) * dim).reshape(e - s, dim)
        return out


def embed_en(en: SideFeatures, dim: int) -> np.ndarray:
    """Hashed lexical vectors (float32, rows = sentences) of an English side.

    English keys and extra keys (numbers, Latin tokens, glossary terms) weigh their
    IDF on the English side. Self-training does not change them: compute them once.
    """
    entries = _Entries(dim)
    entries.add_side(en.words, en.word_idf)
    entries.add_side(en.extra, en.extra_idf, _extra_weight)
    return entries.hashed(len(en.words))


def _word_entries(w: str, idf: float, translate: Translations, en_vocab: Container[str]
                  ) -> list[tuple[str, float]]:
    """The (English key, weight) entries of one Chinese word (see :func:`embed_zh`)."""
    probs = translate.probs.get(w)
    if probs:  # learned t(e | w): weight split by probability, unit norm
        norm = math.sqrt(sum(p * p for p in probs.values()))
        return [(k, idf * p / norm) for k, p in probs.items() if p > 0.01]
    keys = [k for k in translate(w) if k in en_vocab]
    share = idf / math.sqrt(len(keys)) if keys else 0.0
    return [(k, share) for k in keys]


def embed_zh(zh: SideFeatures, en: SideFeatures, translate: Translations, dim: int
             ) -> np.ndarray:
    """Hashed lexical vectors (float32, rows = sentences) of a Chinese side, in the
    space of :func:`embed_en`.

    A Chinese word weighs its IDF on the Chinese side, split over its translations
    that occur on the English side ``en`` as 1/sqrt(k), or by its learned
    probabilities; extra keys weigh their IDF on the Chinese side. The character
    bigrams of a name (learned, :data:`GRAM`) count once per English key and
    sentence, at their largest weight.
    """
    idf_zh = zh.word_idf
    en_vocab = en.word_table[0]
    vocab, ptr, wid = zh.word_table
    sent = np.repeat(np.arange(len(zh.words)), np.diff(ptr))
    table = [_word_entries(w, idf_zh[w], translate, en_vocab) for w in vocab]
    gram = np.fromiter((w.startswith(GRAM) for w in vocab), dtype=bool, count=len(vocab))
    entries = _Entries(dim)
    # every (sentence, word) occurrence expands into the word's entries, in order
    flat_tab = [e for t, g in zip(table, gram, strict=True) if not g for e in t]
    tab_kid = entries.ids(k for k, _ in flat_tab)
    tab_val = np.fromiter((v for _, v in flat_tab), dtype=np.float64, count=len(flat_tab))
    size = np.fromiter((len(t) for t in table), dtype=np.int64, count=len(table))
    size[gram] = 0
    reps = size[wid]
    start = np.concatenate(([0], np.cumsum(size)))[wid]
    flat = np.repeat(start - np.concatenate(([0], np.cumsum(reps)))[:-1], reps)
    flat += np.arange(len(flat))
    entries.add(np.repeat(sent, reps), tab_kid[flat], tab_val[flat])
    _add_names(entries, table, gram, sent, wid)
    entries.add_side(zh.extra, zh.extra_idf, _extra_weight)
    return entries.hashed(len(zh.words))


def _add_names(entries: _Entries, table: Sequence[list[tuple[str, float]]], gram: Any,
               sent: Any, wid: Any) -> None:
    """Add the entries of the character bigrams of names (:data:`GRAM`) to
    ``entries``: in every sentence, each English key of its bigrams once, at its largest
    weight, in the order the keys first appear (sentence by sentence, bigram by bigram).

    ``table``: the (key, weight) entries of every word; ``gram``: which words are
    bigrams; ``sent``, ``wid``: sentence and word id of every word occurrence."""
    occ = np.flatnonzero(gram[wid]) if len(wid) else np.zeros(0, dtype=np.int64)
    words = np.unique(wid[occ])
    flat = [e for w in words.tolist() for e in table[w]]
    kid = entries.ids(k for k, _ in flat)
    val = np.fromiter((v for _, v in flat), dtype=np.float64, count=len(flat))
    size = np.zeros(len(table), dtype=np.int64)
    size[words] = [len(table[w]) for w in words.tolist()]
    start = np.zeros(len(table), dtype=np.int64)
    start[words] = np.concatenate(([0], np.cumsum(size[words])))[:-1]
    reps = size[wid[occ]]
    pos = np.repeat(start[wid[occ]] - np.concatenate(([0], np.cumsum(reps)))[:-1], reps)
    pos += np.arange(len(pos))
    e_sent, e_kid = np.repeat(sent[occ], reps), kid[pos]
    # one entry per (sentence, key): its first occurrence, at the largest weight
    code = e_sent * max(len(entries.index), 1) + e_kid
    _, first, group = np.unique(code, return_index=True, return_inverse=True)
    best = np.zeros(len(first))
    np.maximum.at(best, group, val[pos])
    order = np.argsort(first, kind="stable")
    entries.add(e_sent[first[order]], e_kid[first[order]], best[order])


def _extra_weight(key: str) -> float:
    return GLOSSARY_WEIGHT if key.startswith("T:") else 1.0
