"""The edits of a review, as plain functions on :class:`~align.types.Alignment`.

Every function takes an alignment and returns a new one (the types are frozen);
sentence indices never change, so an edit only replaces the beads it touches. A bead
an edit changes gets the status ``"edited"``; :func:`confirm` marks one
``"confirmed"``. ``k`` is a 0-based position in ``alignment.beads``; messages name
beads from 1, as the page does. ``side`` is ``"src"`` or ``"tgt"``.

The set is InterText's: merge a bead with the next, split one at a sentence
boundary on each side, move the first (last) sentence of one side to the previous
(next) bead, confirm, and correct the text of a sentence (the text before is kept
in :attr:`Segment.original <align.types.Segment.original>`).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import Literal

from align.errors import InputError
from align.types import BEAD_STATUSES, Alignment, Bead, number_shown

Side = Literal["src", "tgt"]
SIDES: tuple[Side, ...] = ("src", "tgt")


def _bead(alignment: Alignment, k: int) -> Bead:
    n = len(alignment.beads)
    if not 0 <= k < n:
        raise InputError(f"there is no bead {number_shown(k)}; the alignment has {n} beads (1 to {n})")
    return alignment.beads[k]


def _side(side: str) -> Side:
    if side not in SIDES:
        raise InputError(f"unknown side {side!r}; use 'src' (source) or 'tgt' (target)")
    return side  # type: ignore[return-value]


def _with(alignment: Alignment, **fields: object) -> Alignment:
    """``alignment`` with some fields replaced, without checking every bead again
    (``Alignment`` does on construction, which costs 10-30 ms for a book of 30,000
    beads, on every key press). Callers change only a run of beads and prove that
    it covers the same sentences in the same order, so the whole stays valid."""
    out = object.__new__(Alignment)
    for name in ("src", "tgt", "beads", "signature"):
        object.__setattr__(out, name, fields.get(name, getattr(alignment, name)))
    return out


def _replace(alignment: Alignment, start: int, stop: int, beads: Iterable[Bead]) -> Alignment:
    """The alignment with beads[start:stop] replaced (empty beads dropped); the new
    beads must cover the same sentences, in the same order, as the old ones."""
    new = tuple(b for b in beads if b.src or b.tgt)
    old = alignment.beads[start:stop]
    for side in ("src", "tgt"):
        if [i for b in old for i in getattr(b, side)] != [i for b in new for i in
                                                          getattr(b, side)]:
            raise AssertionError(f"an edit changed the {side} sentences of beads "
                                 f"{number_shown(start)} to {stop}")  # a bug, never user input
    return _with(alignment, beads=alignment.beads[:start] + new + alignment.beads[stop:])


def _edited(src: tuple[int, ...], tgt: tuple[int, ...], confidence: float) -> Bead | None:
    return Bead(src, tgt, confidence, "edited") if src or tgt else None


def merge(alignment: Alignment, k: int) -> Alignment:
    """Merge bead ``k`` with the next one (confidence: the lower of the two).

    Raises:
        InputError: no bead ``k``, or it is the last.
    """
    a = _bead(alignment, k)
    if k + 1 >= len(alignment.beads):
        raise InputError(f"bead {number_shown(k)} is the last; there is no next bead to merge it with")
    b = alignment.beads[k + 1]
    merged = Bead(a.src + b.src, a.tgt + b.tgt, min(a.confidence, b.confidence), "edited")
    return _replace(alignment, k, k + 2, [merged])


def default_cut(bead: Bead) -> tuple[int, int]:
    """Where ``s`` splits a bead unless told otherwise: after the first sentence of
    each side (1-3 -> 1-1 + 0-2, 2-2 -> 1-1 + 1-1); a 1-1 bead comes apart into
    1-0 + 0-1.

    Raises:
        InputError: a bead of one sentence (nothing to split).
    """
    s, t = min(1, len(bead.src)), min(1, len(bead.tgt))
    if (s, t) == (len(bead.src), len(bead.tgt)):
        if not (s and t):
            raise InputError("a bead of one sentence cannot be split")
        t = 0
    return s, t


def split(alignment: Alignment, k: int, src_at: int | None = None,
          tgt_at: int | None = None) -> Alignment:
    """Split bead ``k`` in two: the first ``src_at`` source and ``tgt_at`` target
    sentences, then the rest (both None: :func:`default_cut`).

    Raises:
        InputError: no bead ``k``, a cut outside the bead, or a cut that leaves one
            part empty.
    """
    b = _bead(alignment, k)
    if src_at is None and tgt_at is None:
        src_at, tgt_at = default_cut(b)
    s = len(b.src) if src_at is None else src_at
    t = len(b.tgt) if tgt_at is None else tgt_at
    if not (0 <= s <= len(b.src) and 0 <= t <= len(b.tgt)):
        raise InputError(f"bead {number_shown(k)} is {b.kind}: cut it after 0 to {len(b.src)} source "
                         f"and 0 to {len(b.tgt)} target sentences, not {s} and {t}")
    first, second = (b.src[:s], b.tgt[:t]), (b.src[s:], b.tgt[t:])
    if not any(first) or not any(second):
        raise InputError(f"cutting bead {number_shown(k)} after {s} source and {t} target sentences "
                         "leaves one part empty; cut inside the bead")
    return _replace(alignment, k, k + 1, [Bead(*first, b.confidence, "edited"),
                                          Bead(*second, b.confidence, "edited")])


def move(alignment: Alignment, k: int, side: str, direction: str) -> Alignment:
    """Move a sentence of one side across a bead boundary (the off-by-one repair):
    ``"up"`` moves the first sentence of bead ``k`` to the end of bead ``k - 1``,
    ``"down"`` the last sentence to the start of bead ``k + 1``. A bead left with
    no sentence disappears.

    Raises:
        InputError: no bead ``k``, no neighbour that way, no sentence on that side,
            or an unknown side or direction.
    """
    b = _bead(alignment, k)
    sd = _side(side)
    if direction not in ("up", "down"):
        raise InputError(f"unknown direction {direction!r}; use 'up' or 'down'")
    idx = b.src if sd == "src" else b.tgt
    if not idx:
        raise InputError(f"bead {number_shown(k)} has no {'source' if sd == 'src' else 'target'} "
                         "sentence to move")
    j = k - 1 if direction == "up" else k + 1
    if not 0 <= j < len(alignment.beads):
        raise InputError(f"bead {number_shown(k)} is the {'first' if j < 0 else 'last'}; there is no "
                         f"{'previous' if j < 0 else 'next'} bead to move a sentence to")
    other = alignment.beads[j]
    moved, kept = ((idx[:1], idx[1:]) if direction == "up" else (idx[-1:], idx[:-1]))
    oidx = other.src if sd == "src" else other.tgt
    grown = oidx + moved if direction == "up" else moved + oidx
    if sd == "src":
        new_b, new_o = _edited(kept, b.tgt, b.confidence), _edited(grown, other.tgt,
                                                                   other.confidence)
    else:
        new_b, new_o = _edited(b.src, kept, b.confidence), _edited(other.src, grown,
                                                                   other.confidence)
    pair = [new_o, new_b] if direction == "up" else [new_b, new_o]
    return _replace(alignment, min(k, j), max(k, j) + 1, [x for x in pair if x is not None])


def set_status(alignment: Alignment, k: int, status: str) -> Alignment:
    """Bead ``k`` with review state ``status`` ("unreviewed", "confirmed", "edited").

    Raises:
        InputError: no bead ``k`` or an unknown status.
    """
    b = _bead(alignment, k)
    if status not in BEAD_STATUSES:
        raise InputError(f"unknown status {status!r}; use one of {', '.join(BEAD_STATUSES)}")
    return _replace(alignment, k, k + 1, [dataclasses.replace(b, status=status)])


def confirm(alignment: Alignment, k: int) -> Alignment:
    """Confirm bead ``k`` as it is; a bead already edited stays ``"edited"`` (it is
    reviewed either way).

    Raises:
        InputError: no bead ``k``.
    """
    b = _bead(alignment, k)
    return set_status(alignment, k, "edited" if b.status == "edited" else "confirmed")


def bead_of(alignment: Alignment, side: str, index: int) -> int:
    """The position of the bead that holds sentence ``index`` of ``side``.

    Raises:
        InputError: no such sentence.
    """
    sd = _side(side)
    segs = alignment.src if sd == "src" else alignment.tgt
    if not 0 <= index < len(segs):
        raise InputError(f"there is no {'source' if sd == 'src' else 'target'} sentence "
                         f"{number_shown(index)}; that side has {len(segs)}")
    ends = list(accumulate(len(b.src if sd == "src" else b.tgt) for b in alignment.beads))
    return bisect_right(ends, index)


def edit_text(alignment: Alignment, side: str, index: int, text: str) -> Alignment:
    """Correct the text of sentence ``index`` (0-based, over the whole side) of
    ``side``; the first text is kept as the segment's ``original`` (and dropped again
    when the correction is undone by typing the original back). The bead holding
    the sentence becomes ``"edited"``. The segment's span keeps pointing at the
    original text in its document.

    Raises:
        InputError: no such sentence, or an empty text.
    """
    k = bead_of(alignment, side, index)
    new = " ".join(text.split()) if "\n" not in text else text.strip()
    if not new:
        raise InputError("a sentence cannot be empty; to drop a sentence, move it into a "
                         "neighbouring bead instead")
    segs = list(alignment.src if side == "src" else alignment.tgt)
    seg = segs[index]
    if new == seg.text:
        return alignment
    first = seg.text if seg.original is None else seg.original
    segs[index] = dataclasses.replace(seg, text=new, original=None if new == first else first)
    b = alignment.beads[k]
    beads = alignment.beads[:k] + (dataclasses.replace(b, status="edited"),) \
        + alignment.beads[k + 1:]
    return _with(alignment, beads=beads, **{side: tuple(segs)})
