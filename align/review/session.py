"""A review session: the alignment under review, its undo and redo history, what is
saved, and the data the page asks for.

The session never opens a file: whoever makes it passes a ``save`` function (the CLI
writes the alignment back in its own format and to every ``-o``). Every edit is one
of :mod:`align.review.edits`, applied under a lock, and answered with what changed
(a :class:`Change`: beads ``start`` to ``start + removed`` of the old alignment became
``start`` to ``start + added`` of the new one), so the page redraws only those.
"""

from __future__ import annotations

import json
import operator
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from align.errors import InputError
from align.formats.alignment import ROW_FORMATS
from align.review import edits
from align.review.annotate import Findings, Terms, bead_view, columns, counts
from align.types import Alignment, Glossary, number_shown

#: Beads up to which the whole document is checked before the page opens; a longer
#: one is checked in a background process, started when the page first asks for the
#: findings (after its first screen), whose findings appear when ready.
SYNC_CHECK_BEADS = 1000
#: Steps of undo history kept.
MAX_UNDO = 1000


@dataclass(frozen=True, slots=True)
class Change:
    """What an edit, undo or redo changed (see the module doc)."""

    start: int
    removed: int
    added: int


def diff(old: Sequence[object], new: Sequence[object]) -> Change:
    """The one run of items that differs between ``old`` and ``new`` (by identity:
    an edit keeps every bead it does not touch as the same object). The comparisons
    run in C (``map(operator.is_, ...)``): a book of 30,000 beads takes about 1 ms."""
    same = list(map(operator.is_, old, new))
    i = same.index(False) if False in same else len(same)
    tail = list(map(operator.is_, reversed(old[i:]), reversed(new[i:])))
    j = tail.index(False) if False in tail else len(tail)
    return Change(i, len(old) - i - j, len(new) - i - j)


class ReviewSession:
    """The state of one review (thread-safe: the server answers requests in threads).

    Args:
        alignment: the alignment to review.
        glossary: terms to highlight and check (None: only the non-term checks).
        save: writes an alignment where it belongs; returns the paths written.
        meta: what the page shows about the files (name, path, outputs, ...).
        can_edit_text: whether sentences may be corrected (not when the saved file
            is a ladder, which holds no text).
    """

    def __init__(self, alignment: Alignment, glossary: Glossary | None = None, *,
                 save: Callable[[Alignment], Sequence[str]] | None = None,
                 meta: Mapping[str, Any] | None = None, can_edit_text: bool = True) -> None:
        self._alignment = alignment
        self._saved = alignment
        self._save = save
        self.meta = dict(meta or {})
        self.can_edit_text = can_edit_text
        self.findings = Findings(glossary or Glossary())
        self.terms = Terms(glossary)
        self.version = 0
        self._undo: list[Alignment] = []
        self._redo: list[Alignment] = []
        self._lock = threading.RLock()
        self._checker: threading.Thread | None = None
        self._cached: tuple[tuple[int, bool, bool], bytes] | None = None
        self._counts = dict(counts(alignment))
        self._recheck = False
        if len(alignment.beads) <= SYNC_CHECK_BEADS:
            self.findings.check_all(alignment)

    # -- state ---------------------------------------------------------------------

    @property
    def alignment(self) -> Alignment:
        """The alignment as it is now."""
        return self._alignment

    @property
    def dirty(self) -> bool:
        """Whether there are changes not saved yet."""
        return self._alignment is not self._saved

    def start_check(self) -> None:
        """Check the whole document in a background thread (again, if one is running)."""
        with self._lock:
            if self._checker is not None:
                self._recheck = True
                return
            self._checker = threading.Thread(target=self._check, daemon=True,
                                             name="align-review-check")
            self._checker.start()

    def _check(self) -> None:
        while True:
            al = self._alignment
            self.findings.check_all(al, in_process=len(al.beads) > SYNC_CHECK_BEADS)
            with self._lock:
                if not self._recheck:
                    self._checker = None
                    return
                self._recheck = False

    def wait_for_check(self, timeout: float | None = None) -> None:
        """Wait for the background check (started if need be) to finish (for tests and
        benchmarks)."""
        if not self.findings.complete and self._checker is None:
            self.start_check()
        t = self._checker
        if t is not None:
            t.join(timeout)

    # -- changes -------------------------------------------------------------------

    def _set(self, new: Alignment, history: list[Alignment] | None,
             change: Change | None = None) -> Change:
        old = self._alignment
        if change is None:
            change = diff(old.beads, new.beads)
        if history is not None:
            history.append(old)
            del history[:-MAX_UNDO]
        for b in old.beads[change.start:change.start + change.removed]:
            self._counts[b.status] -= 1
        for b in new.beads[change.start:change.start + change.added]:
            self._counts[b.status] += 1
        self._alignment = new
        self.version += 1
        self.findings.check_beads(new, change.start, change.start + change.added)
        return change

    def apply(self, op: Mapping[str, Any]) -> Change | None:
        """Apply one edit (see :func:`run_op`); None if it changed nothing.

        Raises:
            InputError: a bad edit (no such bead, nothing to move, ...).
        """
        with self._lock:
            old = self._alignment
            new = run_op(old, op, can_edit_text=self.can_edit_text)
            change = diff(old.beads, new.beads)
            if new is old or (new.src is old.src and new.tgt is old.tgt and change.removed
                              == change.added and old.beads[change.start:change.start
                                                            + change.removed]
                              == new.beads[change.start:change.start + change.added]):
                return None  # e.g. confirming a confirmed bead
            self._redo.clear()
            return self._set(new, self._undo, change)

    def undo(self) -> Change | None:
        """Undo the last edit; None if there is none."""
        with self._lock:
            if not self._undo:
                return None
            return self._set(self._undo.pop(), self._redo)

    def redo(self) -> Change | None:
        """Redo the last undone edit; None if there is none."""
        with self._lock:
            if not self._redo:
                return None
            return self._set(self._redo.pop(), self._undo)

    def save(self) -> list[str]:
        """Save the alignment as it is now (then check the whole document again).

        Raises:
            InputError: nowhere to save, or the writer's errors.
        """
        with self._lock:
            if self._save is None:
                raise InputError("this review has nowhere to save; give an alignment file "
                                 "or -o OUT")
            current = self._alignment
            written = list(self._save(current))
            self._saved = current
        self.start_check()
        return written

    # -- what the page asks for ------------------------------------------------------

    def view(self, k: int, *, terms: bool = False) -> dict[str, Any]:
        """Bead ``k`` as plain data (findings if checked; term hits if asked)."""
        al = self._alignment
        b = al.beads[k]
        return bead_view(al, b, findings=self.findings.of(b),
                         terms=self.terms.of_bead(al, b) if terms else None)

    def status(self) -> dict[str, Any]:
        """Version, counts, unsaved changes and history sizes."""
        c = self._counts
        reviewed = c["confirmed"] + c["edited"]
        return {"version": self.version, "counts": {
                    "unreviewed": c["unreviewed"], "confirmed": c["confirmed"],
                    "edited": c["edited"], "reviewed": reviewed,
                    "total": reviewed + c["unreviewed"]},
                "dirty": self.dirty, "undo": len(self._undo), "redo": len(self._redo),
                "checking": self.checking}

    @property
    def checking(self) -> bool:
        """Whether a whole-document check is still to come or running."""
        return not self.findings.complete or self._checker is not None

    def payload_json(self) -> bytes:
        """:meth:`payload` as JSON, kept until the next change (the server makes it
        before it listens, so the first load of a book only sends bytes)."""
        with self._lock:
            key = (self.version, self.checking, self.dirty)
            if self._cached is None or self._cached[0] != key:
                data = json.dumps(self.payload(), ensure_ascii=False, separators=(",", ":"))
                self._cached = (key, data.encode("utf-8"))
            return self._cached[1]

    def payload(self) -> dict[str, Any]:
        """Everything the page needs to open: files, languages and every bead."""
        with self._lock:
            al = self._alignment
            return {**self.status(), "meta": {
                **self.meta, "src_lang": al.src_lang, "tgt_lang": al.tgt_lang,
                "can_edit_text": self.can_edit_text, "glossary": bool(self.terms)},
                "beads": columns(al, self.findings.by_bead(al))}

    def change_payload(self, change: Change | None) -> dict[str, Any]:
        """The answer to an edit: the new beads of the changed run, with findings and
        terms, and the new status (``change`` None: nothing changed)."""
        with self._lock:
            out = self.status()
            if change is not None:
                out.update(start=change.start, removed=change.removed, beads=[
                    self.view(k, terms=True)
                    for k in range(change.start, change.start + change.added)])
            return out

    def findings_payload(self) -> dict[str, Any]:
        """Findings of every bead that has some, by position, with the version (the
        first call starts the whole-document check if it has not run; while it runs,
        no findings: the page asks again)."""
        if not self.findings.complete and self._checker is None:
            self.start_check()
        with self._lock:
            al, version, checking = self._alignment, self.version, self.checking
        if checking:
            return {"version": version, "checking": True, "findings": {}}
        return {"version": version, "checking": False,
                "findings": {str(k): v for k, v in self.findings.by_bead(al).items()}}

    def terms_payload(self, beads: Sequence[int]) -> dict[str, Any]:
        """Term hits of the beads at these positions (others are left out)."""
        with self._lock:
            al, version = self._alignment, self.version
        return {"version": version, "terms": {
            str(k): self.terms.of_bead(al, al.beads[k]) for k in beads
            if 0 <= k < len(al.beads)}}


def run_op(alignment: Alignment, op: Mapping[str, Any], *, can_edit_text: bool = True
           ) -> Alignment:
    """Apply one edit given as data (what the page posts):

    ``{"op": "merge", "bead": k}``, ``{"op": "split", "bead": k, "src_at": i,
    "tgt_at": j}`` (cuts optional), ``{"op": "move", "bead": k, "side": "src",
    "direction": "up"}``, ``{"op": "confirm", "bead": k}``, ``{"op": "status",
    "bead": k, "status": "unreviewed"}``, ``{"op": "edit", "bead": k, "side":
    "tgt", "texts": {"0": "corrected sentence"}}`` (keys: sentence positions in the
    bead's side, from 0).

    Raises:
        InputError: an unknown or malformed edit, or one the edit refuses.
    """
    name = op.get("op")
    k = _int(op, "bead")
    if name == "merge":
        return edits.merge(alignment, k)
    if name == "split":
        return edits.split(alignment, k, _int(op, "src_at", False), _int(op, "tgt_at", False))
    if name == "move":
        return edits.move(alignment, k, str(op.get("side")), str(op.get("direction")))
    if name == "confirm":
        return edits.confirm(alignment, k)
    if name == "status":
        return edits.set_status(alignment, k, str(op.get("status")))
    if name == "edit":
        return _edit(alignment, k, op, can_edit_text)
    raise InputError(f"unknown edit {name!r}; use merge, split, move, confirm, status or edit")


def _edit(alignment: Alignment, k: int, op: Mapping[str, Any], can_edit_text: bool
          ) -> Alignment:
    if not can_edit_text:
        raise InputError("a .align ladder holds no text, so a corrected sentence cannot be "
                         f"saved in it; review a {ROW_FORMATS} alignment (align pair -o "
                         "x.tsv) to correct text")
    side, texts = str(op.get("side")), op.get("texts")
    if side not in edits.SIDES or not isinstance(texts, Mapping):
        raise InputError("an edit needs a side ('src' or 'tgt') and texts by sentence")
    if not 0 <= k < len(alignment.beads):
        raise InputError(f"there is no bead {number_shown(k)}")
    idx = alignment.beads[k].src if side == "src" else alignment.beads[k].tgt
    new = alignment
    for pos, text in texts.items():
        i = _int({"i": pos}, "i")
        if not 0 <= i < len(idx) or not isinstance(text, str):
            raise InputError(f"bead {number_shown(k)} has no sentence {number_shown(i)} on that side")
        new = edits.edit_text(new, side, idx[i], text)
    return new


def _int(op: Mapping[str, Any], key: str, required: bool = True) -> Any:
    value = op.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f"the edit needs a whole number in {key!r}, got {value!r}")
    try:
        return int(value)
    except ValueError:
        raise InputError(f"the edit needs a whole number in {key!r}, got {value!r}") from None
