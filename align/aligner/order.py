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

from array import array
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from align.aligner.features import GRAM, SideFeatures, Translations
from align.aligner.jit import compiled
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
    items (distinct words and extra keys) are ``item_ptr[s, k]:item_ptr[s, k + 1]``;
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


Sentence = tuple[list[tuple[str, float, float]], dict[tuple[str, ...], list[float]]]


def _english(en: SideFeatures) -> Iterator[Sentence]:
    """The sentences of the English side, one by one, as (occurrences (key, lo, hi),
    items: keys -> positions): every content word at its place among the sentence's
    words; extra keys (numbers, names, terms) anywhere in it."""
    for words, extra in zip(en.words, en.extra, strict=True):
        occurrences: list[tuple[str, float, float]] = []
        items: dict[tuple[str, ...], list[float]] = {}
        for n, w in enumerate(words):
            at = (n + 0.5) / len(words)
            occurrences.append((w, at, at))
            items.setdefault((w,), []).append(at)
        for k in dict.fromkeys(extra):
            occurrences.append((k, 0.0, 1.0))
            items.setdefault((k,), [])
        yield occurrences, items


def _chinese(zh: SideFeatures, translate: Translations, known: Container[str]
             ) -> Iterator[Sentence]:
    """The sentences of the Chinese side, one by one (as :func:`_english`): every word
    with translations (the keys of :func:`.refine.zh_keys` the English side has:
    ``known``) at the middle of its characters, a name's character bigram
    (:data:`.features.GRAM`) between its two characters; extra keys anywhere."""
    keys_of: dict[str, tuple[str, ...]] = {}
    for words, extra in zip(zh.words, zh.extra, strict=True):
        plain = [w for w in words if not w.startswith(GRAM)]
        total = max(sum(map(len, plain)), 1)
        starts = np.cumsum([0] + [len(w) for w in plain]).tolist()
        placed = [(w, (starts[n] + len(w) / 2) / total) for n, w in enumerate(plain)]
        for w in words:
            if w.startswith(GRAM):  # the first place of its two characters in a row
                at = next((n for n in range(len(plain) - 1)
                           if plain[n] == w[1] and plain[n + 1] == w[2]), None)
                if at is not None:
                    placed.append((w, starts[at + 1] / total))
        occurrences: list[tuple[str, float, float]] = []
        items: dict[tuple[str, ...], list[float]] = {}
        for w, at in placed:
            keys = keys_of.get(w)
            if keys is None:
                keys = keys_of[w] = tuple(sorted(k for k in zh_keys(w, translate)
                                                 if k in known))
            if keys:
                occurrences += [(k, at, at) for k in keys]
                items.setdefault(keys, []).append(at)
        for k in dict.fromkeys(extra):
            occurrences.append((k, 0.0, 1.0))
            items.setdefault((k,), [])
        yield occurrences, items


def sides(zh: SideFeatures, en: SideFeatures, translate: Translations) -> Sides:
    """The :class:`Sides` of a document pair (English rows, Chinese columns), built
    sentence by sentence into compact buffers (a long document has millions of
    occurrences)."""
    known = {k for ws in en.words for k in ws} | {k for ks in en.extra for k in ks}
    both = ((_english(en), en.lengths), (_chinese(zh, translate, known), zh.lengths))
    width = max(len(en.lengths), len(zh.lengths)) + 1
    cum = np.zeros((2, width))
    item_ptr = np.zeros((2, width), dtype=np.int64)
    occ_ptr = np.zeros((2, width), dtype=np.int64)
    key_ptr, keys, pt_ptr, occ_key = array("q", [0]), array("q"), array("q", [0]), array("q")
    pts, occ_lo, occ_hi = array("d"), array("d"), array("d")
    ids: dict[str, int] = {}
    for s, (sentences, lengths) in enumerate(both):
        n = len(lengths)
        cum[s, 1:n + 1] = np.cumsum(lengths)
        cum[s, n + 1:] = cum[s, n]
        for k, (occurrences, items) in enumerate(sentences):
            item_ptr[s, k] = len(key_ptr) - 1
            occ_ptr[s, k] = len(occ_key)
            for item, at in items.items():
                keys.extend(ids.setdefault(key, len(ids)) for key in item)
                pts.extend(at)
                key_ptr.append(len(keys))
                pt_ptr.append(len(pts))
            for key, lo, hi in sorted((ids.setdefault(key, len(ids)), lo, hi)
                                      for key, lo, hi in occurrences):
                occ_key.append(key)
                occ_lo.append(lo)
                occ_hi.append(hi)
        item_ptr[s, n:] = len(key_ptr) - 1
        occ_ptr[s, n:] = len(occ_key)

    def arr(a: array[Any]) -> Any:
        return np.frombuffer(a, dtype=np.int64 if a.typecode == "q" else np.float64).copy()

    return Sides(cum, item_ptr, arr(key_ptr), arr(keys), arr(pt_ptr), arr(pts), occ_ptr,
                 arr(occ_key), arr(occ_lo), arr(occ_hi))


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
