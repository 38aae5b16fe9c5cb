"""Finding glossary terms in Chinese and English text.

Chinese: every Chinese form of the glossary is registered with the project's jieba
tokenizer (:func:`align.text.tokenize.get_tokenizer`), and a term matches only where a
sequence of whole tokens spells it, so 新质生产力 is found inside a sentence but a
string that straddles two words is not. Full-width ASCII letters and digits, the
ideographic space and quote styles (“”「」『』"" ‘’'') are normalised character by
character before matching, so spans still point into the original text.

English: case-insensitive, on word tokens with light stemming (plural/singular,
-ed/-ing), hyphen and space treated alike, straight and curly quotes and apostrophes
alike. When matches overlap, the longest one wins (then the leftmost).

Matchers are compiled once per glossary and cached; scanning is linear in the text
length (times the longest term, a small constant).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from align.types import Glossary, Term, check_lang

#: kinds of glossary forms a hit can come from
KINDS = ("approved", "variant", "deprecated")


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


# -- character normalisation (one char -> one char, so offsets are kept) -------------

_QUOTES = {c: '"' for c in "“”„‟「」『』＂″〝〞«»"}
_QUOTES.update({c: "'" for c in "‘’‛′＇`"})


def _norm_char(c: str) -> str:
    o = ord(c)
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII -> ASCII (NFKC for these)
        c = chr(o - 0xFEE0)
    elif c in ("\u3000", "\u00a0"):
        c = " "
    return _QUOTES.get(c, c)


def normalize_zh(text: str) -> str:
    """Chinese text with full-width ASCII, quote styles and odd spaces normalised;
    the result has the same length as ``text``."""
    return "".join(_norm_char(c) for c in text)


# -- English tokens and stems --------------------------------------------------------

_EN_TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z]+)*")


def stem(word: str) -> str:
    """A light English stem: lower case, plural/singular, -ed/-ing, final e/y folded."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes", "zzes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    if len(w) > 3 and w[-1] in "ey":
        w = w[:-1]
    return w


def en_tokens(text: str) -> list[tuple[str, int, int]]:
    """English word tokens of ``text`` as (stem, start, end); hyphens, quotes and other
    punctuation separate tokens."""
    return [(stem(m.group()), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]


def en_key(form: str) -> tuple[str, ...]:
    """The matching key of an English form: its stem sequence."""
    return tuple(s for s, _, _ in en_tokens(form))


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


_CACHE: dict[tuple[int, str], tuple[Glossary, _Trie]] = {}


def _forms(term: Term, lang: str) -> list[tuple[str, str]]:
    if lang == "zh":
        return [(term.zh, "approved")] + [(v, "variant") for v in term.zh_variants]
    return ([(term.en, "approved")] + [(v, "variant") for v in term.variants]
            + [(v, "deprecated") for v in term.deprecated])


def _compiled(glossary: Glossary, lang: str) -> _Trie:
    key = (id(glossary), lang)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is glossary:
        return hit[1]
    trie = _Trie.new()
    for term in glossary.terms:
        for form, kind in _forms(term, lang):
            k = normalize_zh(form) if lang == "zh" else en_key(form)
            if k:
                trie.add(k, (term, form, kind))
    if lang == "zh":
        register_zh_terms(glossary)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[key] = (glossary, trie)
    return trie


def zh_tokenizer() -> Any:
    """The project's Chinese tokenizer (one jieba per process, HMM off)."""
    from align.text.tokenize import get_tokenizer

    return get_tokenizer("zh")


def register_zh_terms(glossary: Glossary) -> None:
    """Register the Chinese forms with the tokenizer so each stays one token.

    A form with quotes or brackets cannot be one jieba token; only its quoted part is
    registered (一微克 of “一微克”行动), never the rest (行动 is an ordinary word, and
    boosting it would change how unrelated text is cut).
    """
    words: set[str] = set()
    for t in glossary.terms:
        for f in t.zh_forms:
            n = normalize_zh(f)
            if re.search(r"[\s\"'()]", n):
                words.update(q for pair in re.findall(r'"([^"]+)"|\(([^)]+)\)', n)
                             for q in pair if len(q) > 1)
            else:
                words.add(n)
    zh_tokenizer().add_words(sorted(words))


def _zh_token_spans(text: str) -> list[tuple[int, int]]:
    tokens: Sequence[str] = zh_tokenizer().tokenize(text)
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
    trie = _compiled(glossary, lang)
    cands: list[tuple[int, int, list[tuple[Term, str, str]]]] = []
    if lang == "zh":
        norm = normalize_zh(text)
        spans = _zh_token_spans(norm)
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
        toks = en_tokens(text)
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
    return _resolve(cands)


_OPEN, _CLOSE = "\"'(", "\"')"


def _with_edges(text: str, s: int, e: int, ends: list[tuple[Term, str, str]]
                ) -> tuple[int, int, list[tuple[Term, str, str]]]:
    """Widen an English span over a quote or bracket that the form itself has at its
    edge ('"One Microgram" Campaign', 'Beijing Stock Exchange (BSE)')."""
    form = normalize_zh(ends[0][1].strip())  # a form may be written with “…” or （…）
    if form[:1] in _OPEN and s > 0 and _norm_char(text[s - 1]) == form[0]:
        s -= 1
    if form[-1:] in _CLOSE and e < len(text) and _norm_char(text[e]) == form[-1]:
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
    population development"). With ``any_number``, a word holding a digit matches any
    word holding a digit ("57th anniversary" for "75th anniversary"), so a wrong number
    inside a term is left to the number check. Returns the span or None."""
    def norm(tok: str) -> str:
        return "#" if any_number and any(c.isdigit() for c in tok) else tok

    key = [norm(k) for k in en_key(form)]
    if not key:
        return None
    toks = [(norm(st), s, e) for st, s, e in en_tokens(text)]
    for j, (st, s, _) in enumerate(toks):
        if st != key[0]:
            continue
        k, pos, end = 1, j, toks[j][2]
        while k < len(key):
            nxt = next((i for i in range(pos + 1, min(len(toks), pos + 2 + max_gap))
                        if toks[i][0] == key[k]), None)
            if nxt is None:
                break
            pos, end, k = nxt, toks[nxt][2], k + 1
        if k == len(key):
            return (s, end)
    return None
