"""Finding glossary terms in Chinese and English text.

Chinese: the Chinese forms of the glossary are registered with a jieba tokenizer of
the glossary's own (:func:`align.text.tokenize.new_tokenizer`; the process-wide
tokenizer the aligner and term discovery use is never changed), and a term matches
only where a sequence of whole tokens spells it, so 新质生产力 is found inside a
sentence but a string that straddles two words is not. Text and forms are folded
character by character first (:func:`align.text.normalize.fold`: full-width ASCII,
quote styles “”「」『』"" ‘’'', odd spaces), and both are compared in their simplified
view (:func:`align.text.variants.to_simplified`, one character for one), so a
simplified glossary finds its terms in traditional text (新質生產力) and spans still
point into the original text.

English: case-insensitive, on word tokens with light stemming
(:func:`align.text.english.light_stem`: plural/singular, -ed/-ing), hyphen and space
treated alike, straight and curly quotes and apostrophes alike. A form may hold a
gap, written "…" or "..." between spaces ("expectations … in five areas"), as term
bases (Xbench, memoQ) allow: its parts match in order within one sentence, with at
most :data:`~align.terms.en_gap.GAP_WORDS` words between consecutive parts, and the
hit spans the first part's start to the last part's end (:mod:`align.terms.en_gap`).
When matches overlap, the longest one wins (then the leftmost).

Matchers are compiled once per glossary and cached (the few most recent tokenizers
too: each holds a copy of jieba's frequency table, about 15 MB, made in ~20 ms);
scanning is linear in the text length (times the longest term, a small constant).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from align.terms.en_gap import GAP_MARK, GAP_WORDS, en_key, gap_parts, place, token_sentences
from align.text.english import term_tokens
from align.text.normalize import fold, fold_char
from align.text.tokenize import Tokenizer, get_tokenizer, new_tokenizer
from align.text.variants import to_simplified
from align.types import Glossary, Term, check_lang


@dataclass(frozen=True, slots=True)
class TermHit:
    """One occurrence of a glossary term in a text.

    Attributes:
        term: the glossary concept.
        start: start offset in the original text.
        end: end offset (exclusive).
        form: the glossary form that matched (e.g. the approved English or a variant).
        kind: "approved" (the main zh or approved en form), "variant" or "deprecated".
    """

    term: Term
    start: int
    end: int
    form: str
    kind: str = "approved"


# -- compiled matchers ---------------------------------------------------------------

@dataclass
class _Trie:
    children: dict[Any, _Trie]
    ends: list[tuple[Term, str, str]]

    @classmethod
    def new(cls) -> _Trie:
        return cls({}, [])

    def add(self, key: Iterable[Any], value: tuple[Term, str, str]) -> None:
        node = self
        for k in key:
            node = node.children.setdefault(k, _Trie.new())
        if all(v[0] is not value[0] for v in node.ends):
            node.ends.append(value)


_CACHE: dict[tuple[int, str], tuple[Glossary, _Trie, frozenset[str]]] = {}
#: tokenizers of the most recent glossaries, by their registered words (a few only:
#: each is a private copy of jieba's dictionary)
_TOKENIZERS: OrderedDict[frozenset[str], Tokenizer] = OrderedDict()
_TOKENIZERS_MAX = 4
_LOCK = threading.Lock()


def _forms(term: Term, lang: str) -> list[tuple[str, str]]:
    if lang == "zh":
        return [(term.zh, "approved")] + [(v, "variant") for v in term.zh_variants]
    return ([(term.en, "approved")] + [(v, "variant") for v in term.variants]
            + [(v, "deprecated") for v in term.deprecated])


def _compiled(glossary: Glossary, lang: str) -> tuple[_Trie, frozenset[str]]:
    """The trie of the glossary's forms in ``lang`` and (zh) the words its tokenizer
    registers, compiled once per glossary object."""
    key = (id(glossary), lang)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is glossary:
        return hit[1], hit[2]
    trie = _Trie.new()
    for term in glossary.terms:
        for form, kind in _forms(term, lang):
            k = fold(to_simplified(form)) if lang == "zh" else en_key(form)
            if k:
                trie.add(k, (term, form, kind))
    words = zh_term_words(glossary) if lang == "zh" else frozenset()
    with _LOCK:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = (glossary, trie, words)
    return trie, words


def zh_term_words(glossary: Glossary) -> frozenset[str]:
    """The words a glossary's tokenizer registers so each Chinese form stays one token.

    A form with quotes or brackets cannot be one jieba token; only its quoted part is
    registered (一微克 of “一微克”行动), never the rest (行动 is an ordinary word, and
    boosting it would change how unrelated text is cut).
    """
    words: set[str] = set()
    for t in glossary.terms:
        for f in t.zh_forms:
            n = fold(to_simplified(f))
            if re.search(r"[\s\"'()]", n):
                words.update(q for pair in re.findall(r'"([^"]+)"|\(([^)]+)\)', n)
                             for q in pair if len(q) > 1)
            else:
                words.add(n)
    return frozenset(words)


def term_tokenizer(words: frozenset[str]) -> Tokenizer:
    """A Chinese tokenizer with ``words`` registered, private to term matching.

    Made with :func:`align.text.tokenize.new_tokenizer` (the shared tokenizer is never
    changed) and kept for the few most recent word sets; without words, the shared
    read-only tokenizer.
    """
    if not words:
        return get_tokenizer("zh")
    with _LOCK:
        tk = _TOKENIZERS.get(words)
        if tk is not None:
            _TOKENIZERS.move_to_end(words)
            return tk
    tk = new_tokenizer("zh", sorted(words))
    with _LOCK:
        _TOKENIZERS[words] = tk
        while len(_TOKENIZERS) > _TOKENIZERS_MAX:
            _TOKENIZERS.popitem(last=False)
    return tk


def _zh_token_spans(text: str, tokenizer: Tokenizer) -> list[tuple[int, int]]:
    tokens: Sequence[str] = tokenizer.tokenize(text)
    spans, pos = [], 0
    for tok in tokens:
        k = text.find(tok, pos)
        if k < 0 or not tok:
            continue
        spans.append((k, k + len(tok)))
        pos = k + len(tok)
    return spans


def find_terms(text: str, lang: str, glossary: Glossary) -> list[TermHit]:
    """Find the glossary terms in ``text``.

    Args:
        text: the text to search.
        lang: "zh" or "en", the language of ``text``.
        glossary: the term base.

    Returns:
        Hits in text order, non-overlapping (longest match wins, then leftmost). A
        span whose form belongs to several concepts yields one hit per concept.

    Raises:
        ConfigError: unknown language.
    """
    check_lang(lang)
    if not text or not glossary.terms:
        return []
    trie, words = _compiled(glossary, lang)
    cands: list[tuple[int, int, list[tuple[Term, str, str]]]] = []
    if lang == "zh":
        norm = fold(to_simplified(text))  # one character for one: spans index ``text``
        spans = _zh_token_spans(norm, term_tokenizer(words))
        ends = {e for _, e in spans}
        for s, _ in spans:
            node, i = trie, s
            best = None
            while i < len(norm):
                node = node.children.get(norm[i])  # type: ignore[assignment]
                if node is None:
                    break
                i += 1
                if node.ends and i in ends:
                    best = (s, i, node.ends)
            if best:
                cands.append(best)
    else:
        toks = term_tokens(text)
        for j in range(len(toks)):
            node, k = trie, j
            best = None
            while k < len(toks):
                node = node.children.get(toks[k][0])  # type: ignore[assignment]
                if node is None:
                    break
                k += 1
                if node.ends:
                    best = (toks[j][1], toks[k - 1][2], node.ends)
            if best:
                cands.append(_with_edges(text, *best))
        cands += [_with_edges(text, *c) for c in _gap_candidates(text, toks, glossary)]
    return _resolve(cands)


_OPEN, _CLOSE = "\"'(", "\"')"


def _with_edges(text: str, s: int, e: int, ends: list[tuple[Term, str, str]]
                ) -> tuple[int, int, list[tuple[Term, str, str]]]:
    """Widen an English span over a quote or bracket that the form itself has at its
    edge ('"One Microgram" Campaign', 'Beijing Stock Exchange (BSE)')."""
    form = fold(ends[0][1].strip())  # a form may be written with “…” or （…）
    if form[:1] in _OPEN and s > 0 and fold_char(text[s - 1]) == form[0]:
        s -= 1
    if form[-1:] in _CLOSE and e < len(text) and fold_char(text[e]) == form[-1]:
        e += 1
    return s, e, ends


def _resolve(cands: list[tuple[int, int, list[tuple[Term, str, str]]]]) -> list[TermHit]:
    taken: list[tuple[int, int]] = []
    chosen: list[TermHit] = []
    for s, e, ends in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        chosen.extend(TermHit(t, s, e, form, kind) for t, form, kind in ends)
    return sorted(chosen, key=lambda h: (h.start, h.end))


def find_gapped(text: str, form: str, max_gap: int = 3, *,
                any_number: bool = False) -> tuple[int, int] | None:
    """Find an English form whose words occur in order with at most ``max_gap`` other
    words between consecutive ones (a term split by a modifier: "high-quality
    population development"); where the form has a gap ("…"), at most
    ``max(max_gap, GAP_WORDS)``. With ``any_number``, a word holding a digit matches any
    word holding a digit ("57th anniversary" for "75th anniversary"), so a wrong number
    inside a term is left to the number check. Returns the span or None."""
    def norm(tok: str) -> str:
        return "#" if any_number and any(c.isdigit() for c in tok) else tok

    key: list[str] = []
    gaps: list[int] = []  # how many other words may follow each word of the key
    for w in en_key(form):
        if w == GAP_MARK:
            if gaps:
                gaps[-1] = max(max_gap, GAP_WORDS)
            continue
        key.append(norm(w))
        gaps.append(max_gap)
    if not key:
        return None
    toks = [(norm(st), s, e) for st, s, e in term_tokens(text)]
    for j, (st, s, _) in enumerate(toks):
        if st != key[0]:
            continue
        k, pos, end = 1, j, toks[j][2]
        while k < len(key):
            nxt = next((i for i in range(pos + 1, min(len(toks), pos + 2 + gaps[k - 1]))
                        if toks[i][0] == key[k]), None)
            if nxt is None:
                break
            pos, end, k = nxt, toks[nxt][2], k + 1
        if k == len(key):
            return (s, end)
    return None


# -- discontinuous English forms -------------------------------------------------------

#: forms with a gap by the first word of their first part: (keys of the parts, (term,
#: form, kind))
_GapForms = dict[str, list[tuple[tuple[tuple[str, ...], ...], tuple[Term, str, str]]]]
_GAP_CACHE: dict[int, tuple[Glossary, _GapForms]] = {}


def _gap_forms(glossary: Glossary) -> _GapForms:
    """The glossary's English forms with a gap, by the first word of their first part
    (compiled once per glossary object; the trie holds them too, but never matches
    them: their keys hold :data:`~align.terms.en_gap.GAP_MARK`)."""
    hit = _GAP_CACHE.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    forms: _GapForms = {}
    for term in glossary.terms:
        for form, kind in _forms(term, "en"):
            parts = gap_parts(form)
            if len(parts) > 1:
                forms.setdefault(parts[0][0], []).append((parts, (term, form, kind)))
    with _LOCK:
        if len(_GAP_CACHE) > 64:
            _GAP_CACHE.clear()
        _GAP_CACHE[id(glossary)] = (glossary, forms)
    return forms


def _gap_candidates(text: str, toks: list[tuple[str, int, int]], glossary: Glossary
                    ) -> list[tuple[int, int, list[tuple[Term, str, str]]]]:
    """Hits of the glossary's discontinuous forms in ``text`` (tokens ``toks``):
    (start, end, [(term, form, kind)]) of the first placement of each form that
    starts at a token."""
    forms = _gap_forms(glossary)
    if not forms:
        return []
    sentence: list[int] | None = None
    out = []
    for j, (stem, _, _) in enumerate(toks):
        for parts, value in forms.get(stem, ()):
            last = place(toks, parts, j, 0)
            if last is None:
                continue
            if sentence is None:  # sentence number of each token, made on first need
                sentence = token_sentences(text, toks)
            if sentence[j] == sentence[last]:
                out.append((toks[j][1], toks[last][2], [value]))
    return out
