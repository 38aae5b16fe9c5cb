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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from align.text.english import english_lemmas
from align.text.lexicon import Lexicon
from align.text.numbers import number_keys
from align.text.script import HAN_RUN_RE
from align.types import Glossary, Segment

if TYPE_CHECKING:
    import numpy as np

_HAN = HAN_RUN_RE
_LATIN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
_LATIN_EN = re.compile(r"[A-Za-z0-9][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
_QUOTES_ZH = re.compile(r"[“「『]")
_QUOTES_EN = re.compile(r"[“\"]")
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)

GRAM = "~"  # prefix of the character bigrams of unknown runs (see _run_bigrams)
_NAME = re.compile(r"(?<=[A-Za-z,;:] )[A-Z][a-z]+")  # capitalised, not sentence-initial
GLOSSARY_WEIGHT = 3.0  # a glossary term found on both sides counts like 3 rare words


def text_length(text: str, lang: str) -> int:
    """Length used by the length model: non-space characters (zh and en alike)."""
    return len(_SPACE.sub("", text))


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


def _zh_words(text: str, tokenize: Callable[[str], list[str]], lexicon: Lexicon | None
              ) -> list[str]:
    """Chinese words of a text: jieba tokens (Han only); a token the lexicon does not
    know (jieba's dictionary has many words CC-CEDICT lacks) is split into its longest
    dictionary words, so every word the aligner counts can have translations.

    Term matching has its own tokenizer (:mod:`align.terms.match`) and never adds words
    to the shared one, so glossary terms cannot change these words."""
    out: list[str] = []
    run: list[str] = []  # consecutive single characters: often a transliterated name
    grams: list[str] = []
    for t in tokenize(text):
        if not _HAN.fullmatch(t):
            grams += _run_bigrams(run)
            run = []
            continue
        pieces = [t] if lexicon is None or len(t) == 1 or t in lexicon.zh_en else (
            lexicon.segment_unknown(t))
        for p in pieces:
            if len(p) == 1:
                run.append(p)
            else:
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
    for s in segments:
        text = s.text
        lengths.append(text_length(text, lang))
        paras.append(s.paragraph)
        keys: list[str] = []
        if lang == "zh":
            w = _zh_words(text, tokenize, lexicon) if _HAN.search(text) else []
            keys += number_keys(text)
            keys += ["@" + m.group().lower() for m in _LATIN_ZH.finditer(text)]
            if _QUOTES_ZH.search(text):
                keys.append("Q")
        else:
            w = english_lemmas(text)
            names.update(english_lemmas(" ".join(_NAME.findall(text))))
            keys += number_keys(text)
            keys += ["@" + m.group().lower() for m in _LATIN_EN.finditer(text)
                     if any(c.isupper() or c.isdigit() for c in m.group())]
            if _QUOTES_EN.search(text):
                keys.append("Q")
        if glossary is not None and term_index:
            keys += [f"T:{term_index[id(h.term)]}" for h in find_terms(text, lang, glossary)
                     if id(h.term) in term_index]
        words.append(w)
        extra.append(keys)
        content.append(bool(_PUNCT.sub("", text)))
    return SideFeatures(lang, lengths, paras, words, extra, content, names)


def filter_shared_extra(a: SideFeatures, b: SideFeatures) -> None:
    """Keep only extra keys that occur on both sides (in place): a Latin token or a
    number seen on one side only is no evidence and would only dilute similarity."""
    sa = {k for ks in a.extra for k in ks}
    sb = {k for ks in b.extra for k in ks}
    both = sa & sb
    for side in (a, b):
        side.extra = [[k for k in ks if k in both] for ks in side.extra]


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
        """Add learned translations (placed first) and clear the lookup cache."""
        for w, keys in pairs.items():
            self.learned[w] = tuple(dict.fromkeys((*keys, *self.learned.get(w, ()))))
        self._cache.clear()


def _idf(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs) + 1
    return {k: math.log(n / (c + 0.5)) for k, c in df.items()}


def _bucket(key: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(key.encode("utf-8"))
    return h % dim, (1.0 if (h >> 20) & 1 else -1.0)


def _hashed(entries: Sequence[Sequence[tuple[str, float]]], dim: int) -> np.ndarray:
    """Rows of (key, weight) entries hashed with random signs into ``dim`` dimensions."""
    import numpy as np

    buckets: dict[str, tuple[int, float]] = {}
    rows, cols, vals = [], [], []
    for i, ent in enumerate(entries):
        for k, w in ent:
            b = buckets.get(k)
            if b is None:
                b = buckets[k] = _bucket(k, dim)
            rows.append(i)
            cols.append(b[0])
            vals.append(b[1] * w)
    flat = np.asarray(rows, dtype=np.int64) * dim + np.asarray(cols, dtype=np.int64)
    out = np.bincount(flat, weights=np.asarray(vals, dtype=np.float64),
                      minlength=len(entries) * dim)
    return out.reshape(len(entries), dim).astype(np.float32)


def embed_en(en: SideFeatures, dim: int) -> np.ndarray:
    """Hashed lexical vectors (float32, rows = sentences) of an English side.

    English keys and extra keys (numbers, Latin tokens, glossary terms) weigh their
    IDF on the English side. Self-training does not change them: compute them once.
    """
    idf_en, idf_xe = _idf(en.words), _idf(en.extra)
    entries = []
    for words, extra in zip(en.words, en.extra, strict=True):
        ent = [(k, idf_en[k]) for k in words]
        ent.extend((k, idf_xe[k] * _extra_weight(k)) for k in extra)
        entries.append(ent)
    return _hashed(entries, dim)


def embed_zh(zh: SideFeatures, en: SideFeatures, translate: Translations, dim: int
             ) -> np.ndarray:
    """Hashed lexical vectors (float32, rows = sentences) of a Chinese side, in the
    space of :func:`embed_en`.

    A Chinese word weighs its IDF on the Chinese side, split over its translations
    that occur on the English side ``en`` as 1/sqrt(k), or by its learned
    probabilities; extra keys weigh their IDF on the Chinese side.
    """
    idf_zh, idf_xz = _idf(zh.words), _idf(zh.extra)
    en_vocab = {k for words in en.words for k in words}
    word_entries: dict[str, list[tuple[str, float]]] = {}
    entries = []
    for words, extra in zip(zh.words, zh.extra, strict=True):
        ent: list[tuple[str, float]] = []
        named: dict[str, float] = {}  # a name learned by several bigrams counts once
        for w in words:
            got = word_entries.get(w)
            if got is None:
                probs = translate.probs.get(w)
                if probs:  # learned t(e | w): weight split by probability, unit norm
                    norm = math.sqrt(sum(p * p for p in probs.values()))
                    got = [(k, idf_zh[w] * p / norm) for k, p in probs.items() if p > 0.01]
                else:
                    keys = [k for k in translate(w) if k in en_vocab]
                    share = idf_zh[w] / math.sqrt(len(keys)) if keys else 0.0
                    got = [(k, share) for k in keys]
                word_entries[w] = got
            if w.startswith(GRAM):
                for k, v in got:
                    named[k] = max(named.get(k, 0.0), v)
            else:
                ent.extend(got)
        ent.extend(named.items())
        ent.extend((k, idf_xz[k] * _extra_weight(k)) for k in extra)
        entries.append(ent)
    return _hashed(entries, dim)


def _extra_weight(key: str) -> float:
    return GLOSSARY_WEIGHT if key.startswith("T:") else 1.0


def sentence_keys(side: SideFeatures, translate: Translations | None) -> list[set[str]]:
    """The matching keys of every sentence: English lemma keys (en) or the
    translations of the Chinese words (zh, dictionary, learned and Model 1), plus
    the extra keys (numbers, Latin tokens, glossary terms)."""
    out = []
    for words, extra in zip(side.words, side.extra, strict=True):
        keys = set(extra)
        if translate is None:
            keys.update(words)
        else:
            for w in words:
                keys.update(translate(w))
                keys.update(translate.probs.get(w, ()))
        out.append(keys)
    return out
