"""Word-order evidence: where in a bead a sentence's translations lie.

A translation keeps, roughly, the order of what it translates: in a bead whose Chinese
side is three sentences, the words that the first one translates sit near the start
of the English side, those of the last one near its end. The bead costs and the
evidence of :mod:`.evidence` ask only *whether* a sentence's words find a translation
in a bead; where neighbouring verses or paragraphs share words (a name, a formula), a
sentence finds them on both sides of a bead edge, and a short one at the edge goes to
the wrong side. Where its matches lie tells the two placements apart: at the end of
bead k the sentence's translations should sit at the end of bead k's other side, at
the start of bead k + 1 at the start of that bead's other side.

Every sentence of a bead spans a share of its side's text (by length); every word it
matches on the other side sits at a relative position there (its place among the
sentence's words, within the share of its own sentence). A matched word's *distance*
is the gap between the two, taken both ways round (the other side's word against this
sentence's share, this sentence's word against the share of the other side's
sentence), the larger of the two, at the closest of its matches. How often each
distance is seen is learned from the document itself (:func:`learn_order`): in the
beads of its path (mostly right) and against the beads two away (which do not
translate it, as :mod:`.evidence` does). A bead's score (:meth:`Order.scores`) is the
sum over its matched words of log(chance / own) of their distance bins, in nats, in
the orientation of :meth:`.evidence.Evidence.absent` (> 0: the words lie where a
translation would not put them). A document whose translation reorders a lot learns
flat rates and its score weighs little.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from align.aligner.features import GRAM, SideFeatures, Translations
from align.aligner.jit import compiled
from align.aligner.ranges import concat_ranges
from align.aligner.refine import zh_keys
from align.aligner.search import BeadType, path_bounds

#: Edges of the distance bins (relative positions, 0 = inside the sentence's share).
EDGES = np.asarray([0.0, 1e-9, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.01])
#: Pseudo-count of the smoothing of both distance distributions toward their pool (a
#: short document, with few matched words, learns weights near 0).
SMOOTHING = 20.0
#: Beads per batch of :meth:`Order.scores` (bounds the memory of a batch).
CHUNK = 65536


@dataclass(frozen=True)
class Sides:
    """Both sides' sentences as arrays, side 0 the rows (English), side 1 the columns
    (Chinese); per-sentence arrays have one row per side, padded to the longer side.

    Sentence k of side s spans ``cum[s, k]:cum[s, k + 1]`` of its side's length. Its
    items (its distinct key sets: words and extra keys) are
    ``item_ptr[s, k]:item_ptr[s, k + 1]``;
    item v matches through the key ids ``keys[key_ptr[v]:key_ptr[v + 1]]`` and sits at
    the relative positions in its sentence ``pts[pt_ptr[v]:pt_ptr[v + 1]]`` (none: an
    extra key, its place unknown). The sentence offers the other side the occurrences
    ``occ_ptr[s, k]:occ_ptr[s, k + 1]``, sorted by key id: key ``occ_key[o]`` between
    the relative positions ``occ_lo[o]`` and ``occ_hi[o]`` of the sentence."""

    cum: Any
    item_ptr: Any
    key_ptr: Any
    keys: Any
    pt_ptr: Any
    pts: Any
    occ_ptr: Any
    occ_key: Any
    occ_lo: Any
    occ_hi: Any

    def arrays(self) -> tuple[Any, ...]:
        """The arrays in the order :func:`_binned` takes them."""
        return (self.cum, self.item_ptr, self.key_ptr, self.keys, self.pt_ptr, self.pts,
                self.occ_ptr, self.occ_key, self.occ_lo, self.occ_hi)


@dataclass(frozen=True)
class Order:
    """The document's word-order evidence: its sentences (:class:`Sides`) and the
    weight of every distance bin (:data:`EDGES`), log(chance rate / own rate)."""

    sides: Sides
    weights: Any

    def scores(self, beads: Any) -> Any:
        """The word-order score of every bead of an int array of rows (i0, i1, j0, j1),
        in nats (module docstring); 0 for a bead with an empty side."""
        beads = np.asarray(beads, dtype=np.int64).reshape(-1, 4)
        out = np.zeros(len(beads))
        for c in range(0, len(beads), CHUNK):
            part = beads[c:c + CHUNK]
            out[c:c + CHUNK] = _binned(part, part, EDGES, *self.sides.arrays()) @ self.weights
        return out


class _Members(NamedTuple):
    """One side's words and extra keys, flattened: member e is in sentence
    ``sent[e]``, matches through the key set ``keyset[e]`` and sits at ``lo[e]:hi[e]``
    of its sentence (a point for a word, 0:1 for an extra key)."""

    sent: Any
    keyset: Any
    lo: Any
    hi: Any


class _KeySets:
    """Key sets as ids (the same set, the same id) and keys as ids, both sides."""

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}
        self.sets: dict[tuple[int, ...], int] = {}

    def of(self, keys: Sequence[str]) -> int:
        """The id of a (sorted, non-empty) key set."""
        ids = tuple(self.keys.setdefault(k, len(self.keys)) for k in keys)
        return self.sets.setdefault(ids, len(self.sets))

    def extras(self, extra: Sequence[Sequence[str]]) -> _Members:
        """The members of every sentence's distinct extra keys (anywhere in it)."""
        sent = [k for k, ks in enumerate(extra) for _ in dict.fromkeys(ks)]
        sets = [self.of((key,)) for ks in extra for key in dict.fromkeys(ks)]
        return _Members(np.asarray(sent, dtype=np.int64), np.asarray(sets, dtype=np.int64),
                        np.zeros(len(sent)), np.ones(len(sent)))


def _tokens(ptr: Any) -> tuple[Any, Any, Any]:
    """(sentence, place in it, sentence's size) of every token of a ``ptr`` table."""
    size = np.diff(ptr)
    sent = np.repeat(np.arange(len(size)), size)
    return sent, np.arange(int(ptr[-1])) - ptr[sent], size[sent]


def _english(en: SideFeatures, table: _KeySets) -> _Members:
    """The English side: every content word at the middle of its place among the
    sentence's words."""
    vocab, ptr, ids = en.word_table
    of = np.asarray([table.of((w,)) for w in vocab], dtype=np.int64)
    sent, at, size = _tokens(ptr)
    at = (at + 0.5) / np.maximum(size, 1)
    return _Members(sent, of[ids] if len(ids) else ids, at, at)


def _chinese(zh: SideFeatures, translate: Translations, known: Container[str],
             table: _KeySets) -> _Members:
    """The Chinese side: every word with translations (the keys of
    :func:`.refine.zh_keys` the English side has: ``known``) at the middle of its
    characters among the sentence's words, a name's character bigram
    (:data:`.features.GRAM`) between its two characters where they first meet."""
    vocab, ptr, ids = zh.word_table
    words = list(vocab)
    gram = np.asarray([w.startswith(GRAM) for w in words], dtype=bool)
    of = np.asarray([table.of(keys) if (keys := sorted(k for k in zh_keys(w, translate)
                                                        if k in known)) else -1
                     for w in words], dtype=np.int64)
    sent, _, _ = _tokens(ptr)
    length = np.asarray([0 if g else len(w) for w, g in zip(words, gram, strict=True)],
                        dtype=np.float64)[ids]
    end = np.cumsum(length)
    first = np.concatenate(([0.0], end))[ptr[:-1]]  # characters before each sentence
    total = np.maximum(np.bincount(sent, weights=length, minlength=len(ptr) - 1), 1.0)
    at = (end - length / 2 - first[sent]) / total[sent]
    # a bigram sits where its two characters first follow each other among the
    # sentence's words: pairs of neighbouring words coded (sentence, first, second)
    v = len(words)
    plain = np.flatnonzero(~gram[ids])
    a, b = plain[:-1], plain[1:]
    a, b = a[sent[a] == sent[b]], b[sent[a] == sent[b]]
    codes, at_pair = np.unique((sent[a] * v + ids[a]) * v + ids[b], return_index=True)
    grams = np.flatnonzero(gram[ids])
    chars = np.asarray([(vocab.get(w[1], -1), vocab.get(w[2], -1)) if g else (-1, -1)
                        for w, g in zip(words, gram, strict=True)], dtype=np.int64).reshape(-1, 2)
    pair = chars[ids[grams]]
    want = (sent[grams] * v + pair[:, 0]) * v + pair[:, 1]
    hit = np.minimum(np.searchsorted(codes, want), max(len(codes) - 1, 0))
    met = (pair.min(axis=1) >= 0) & (codes[hit] == want) if len(codes) else pair[:, 0] < -1
    left = a[at_pair[hit]] if len(codes) else grams
    at[grams] = np.where(met, (end[left] - first[sent[grams]]) / total[sent[grams]], np.nan)
    keep = (of[ids] >= 0) & ~np.isnan(at) if len(ids) else np.zeros(0, dtype=bool)
    return _Members(sent[keep], of[ids][keep], at[keep], at[keep])


def _side(members: list[_Members], n: int, table: _KeySets, width: int
          ) -> tuple[Any, ...]:
    """(item_ptr row, key ids per item, points per item, occ_ptr row, occurrences) of
    one side: items are the distinct (sentence, key set) pairs with the points of their
    words; occurrences every member's keys, sorted by key within each sentence."""
    sent, keyset, lo, hi = (np.concatenate(c) for c in zip(*members, strict=True))
    set_ptr = np.concatenate(([0], np.cumsum([len(k) for k in table.sets]))).astype(np.int64)
    set_keys = np.asarray([k for ks in table.sets for k in ks], dtype=np.int64)
    # items: one per (sentence, key set), in that order; the points of its words
    code = sent * len(table.sets) + keyset
    items, item_of = np.unique(code, return_inverse=True)
    item_sent, item_set = items // len(table.sets), items % len(table.sets)
    point = lo == hi
    by = np.argsort(item_of[point], kind="stable")
    pts = lo[point][by]
    pt_ptr = np.concatenate(([0], np.cumsum(np.bincount(item_of[point],
                                                        minlength=len(items)))))
    n_keys = set_ptr[item_set + 1] - set_ptr[item_set]
    item_keys = set_keys[concat_ranges(set_ptr[item_set], n_keys)]
    key_ptr = np.concatenate(([0], np.cumsum(n_keys)))
    # occurrences: every key of every member, by sentence, then key
    m_keys = set_ptr[keyset + 1] - set_ptr[keyset]
    occ = np.repeat(np.arange(len(sent)), m_keys)
    occ_key = set_keys[concat_ranges(set_ptr[keyset], m_keys)]
    order = np.lexsort((occ_key, sent[occ]))
    occ, occ_key = occ[order], occ_key[order]
    item_ptr = np.full(width, len(items), dtype=np.int64)
    item_ptr[:n + 1] = np.searchsorted(item_sent, np.arange(n + 1))
    occ_ptr = np.full(width, len(occ), dtype=np.int64)
    occ_ptr[:n + 1] = np.searchsorted(sent[occ], np.arange(n + 1))
    return (item_ptr, item_keys, key_ptr, pts, pt_ptr, occ_ptr, occ_key, lo[occ], hi[occ])


def sides(zh: SideFeatures, en: SideFeatures, translate: Translations) -> Sides:
    """The :class:`Sides` of a document pair (English rows, Chinese columns)."""
    table = _KeySets()
    english = [_english(en, table), table.extras(en.extra)]
    known = set(table.keys)
    chinese = [_chinese(zh, translate, known, table), table.extras(zh.extra)]
    width = max(len(en.lengths), len(zh.lengths)) + 1
    cum = np.zeros((2, width))
    for s, lengths in enumerate((en.lengths, zh.lengths)):
        cum[s, 1:len(lengths) + 1] = np.cumsum(lengths)
        cum[s, len(lengths) + 1:] = cum[s, len(lengths)]
    parts = [_side(m, len(lengths), table, width)
             for m, lengths in ((english, en.lengths), (chinese, zh.lengths))]
    # side 1's items and occurrences follow side 0's in the flat arrays
    (ip0, k0, kp0, p0, pp0, op0, ok0, lo0, hi0), (ip1, k1, kp1, p1, pp1, op1, ok1, lo1, hi1) = parts
    n_items, n_occ = len(kp0) - 1, len(ok0)

    def small(a: Any) -> Any:  # ids and offsets below 2**31: half the memory
        return a.astype(np.int32) if a.size == 0 or a.max() < 2 ** 31 else a

    return Sides(cum, small(np.stack([ip0, ip1 + n_items])),
                 small(np.concatenate([kp0, kp1[1:] + kp0[-1]])),
                 small(np.concatenate([k0, k1])),
                 small(np.concatenate([pp0, pp1[1:] + pp0[-1]])), np.concatenate([p0, p1]),
                 small(np.stack([op0, op1 + n_occ])), small(np.concatenate([ok0, ok1])),
                 np.concatenate([lo0, lo1]), np.concatenate([hi0, hi1]))


def learn_order(table: Sides, path: Sequence[tuple[int, int, int]],
                types: Sequence[BeadType]) -> Order:
    """The document's :class:`Order` (its sentences: ``table``, :func:`sides`): the
    distances of the matched words of every bead
    of ``path`` with both sides, in their own bead and against the other side of the
    beads two before and after (each sentence at its share of its own bead), binned
    (:data:`EDGES`); both distributions smoothed toward their pool by
    :data:`SMOOTHING` pseudo-counts; a bin weighs log(chance rate / own rate)."""
    beads = np.asarray([b for b in path_bounds(path, types) if b[0] < b[1] and b[2] < b[3]],
                       dtype=np.int64).reshape(-1, 4)
    arrays = table.arrays()
    own = _binned(beads, beads, EDGES, *arrays).sum(axis=0)
    near = (_binned(beads[2:], beads[:-2], EDGES, *arrays).sum(axis=0)
            + _binned(beads[:-2], beads[2:], EDGES, *arrays).sum(axis=0))
    pool = (own + near + 1.0) / (own.sum() + near.sum() + len(own))
    rate_own = (own + SMOOTHING * pool) / (own.sum() + SMOOTHING)
    rate_near = (near + SMOOTHING * pool) / (near.sum() + SMOOTHING)
    return Order(table, np.log(rate_near / rate_own))


@compiled
def _binned(beads: Any, other: Any, edges: Any, cum: Any, item_ptr: Any, key_ptr: Any,
            keys: Any, pt_ptr: Any, pts: Any, occ_ptr: Any, occ_key: Any, occ_lo: Any,
            occ_hi: Any) -> Any:
    """For every bead q: how many of its matched words fall in each distance bin, the
    sentences of ``beads[q]`` against the other side of ``other[q]`` (the same bead,
    or one two away); the arrays of :class:`Sides`."""
    nb = len(edges) - 1
    out = np.zeros((len(beads), nb))
    for q in range(len(beads)):
        for s in range(2):  # s: the side of the sentences, t: the other side
            t = 1 - s
            a0, a1 = beads[q, 2 * s], beads[q, 2 * s + 1]
            b0, b1 = other[q, 2 * t], other[q, 2 * t + 1]
            own_len = cum[s, a1] - cum[s, a0]
            oth_len = cum[t, b1] - cum[t, b0]
            if own_len <= 0 or oth_len <= 0 or beads[q, 2 * t] == beads[q, 2 * t + 1]:
                continue
            for k in range(a0, a1):
                lo = (cum[s, k] - cum[s, a0]) / own_len
                hi = (cum[s, k + 1] - cum[s, a0]) / own_len
                for v in range(item_ptr[s, k], item_ptr[s, k + 1]):
                    best = 2.0
                    for p in range(key_ptr[v], key_ptr[v + 1]):
                        key = keys[p]
                        for u in range(b0, b1):
                            ulo = (cum[t, u] - cum[t, b0]) / oth_len
                            uhi = (cum[t, u + 1] - cum[t, b0]) / oth_len
                            # the occurrences of ``key`` in sentence u (sorted by key)
                            x, y = occ_ptr[t, u], occ_ptr[t, u + 1]
                            while x < y:
                                mid = (x + y) // 2
                                if occ_key[mid] < key:
                                    x = mid + 1
                                else:
                                    y = mid
                            while x < occ_ptr[t, u + 1] and occ_key[x] == key:
                                xlo = ulo + occ_lo[x] * (uhi - ulo)
                                xhi = ulo + occ_hi[x] * (uhi - ulo)
                                gap = max(0.0, xlo - hi, lo - xhi)
                                back = 2.0  # this word against u's share
                                for r in range(pt_ptr[v], pt_ptr[v + 1]):
                                    at = lo + pts[r] * (hi - lo)
                                    back = min(back, max(0.0, ulo - at, at - uhi))
                                if back < 2.0:
                                    gap = max(gap, back)
                                best = min(best, gap)
                                x += 1
                    if best < 2.0:
                        b = 0
                        while b < nb - 1 and best >= edges[b + 1]:
                            b += 1
                        out[q, b] += 1.0
    return out
