"""What the page shows beside the text: QA findings on their beads, glossary terms in
the sentences, and each bead as plain data for the page.

Findings are kept by bead *object*: an edit keeps every bead it does not touch as the
same object and makes new ones for the beads it changes (a corrected sentence too),
so findings stay attached to beads that an edit elsewhere shifts. The whole document
is checked once (:meth:`Findings.check_all`; for a long book in a separate process,
so the page stays quick while it runs), and the beads an edit makes are checked at
once (:meth:`Findings.check_beads`: the per-bead checks; the document-level
consistency checks wait for the next whole check, which a save starts).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from align.qa.check import check_alignment
from align.qa.findings import Finding
from align.terms.match import find_terms
from align.types import Alignment, Bead, Glossary, Segment, join_sentences

#: A finding as the page shows it.
View = dict[str, Any]


def finding_view(f: Finding) -> View:
    """A finding as the page shows it."""
    return {"kind": f.kind, "severity": f.severity, "message": f.message, "term": f.term}


def check_args(alignment: Alignment, glossary: Glossary) -> tuple[Any, ...]:
    """The arguments of :func:`check_views` for ``alignment``: plain texts and index
    tuples, quick to pickle for another process."""
    return ([s.text for s in alignment.src], alignment.src_lang,
            [s.text for s in alignment.tgt], alignment.tgt_lang,
            [(b.src, b.tgt) for b in alignment.beads], glossary)


def check_views(src: list[str], src_lang: str, tgt: list[str], tgt_lang: str,
                beads: list[tuple[tuple[int, ...], tuple[int, ...]]],
                glossary: Glossary) -> list[tuple[int, View]]:
    """(bead position, finding) of every bead finding of the whole check (see
    :func:`check_args`); plain data in and out, so it can run in another process."""
    al = Alignment(tuple(Segment(t, src_lang, i) for i, t in enumerate(src)),  # type: ignore[arg-type]
                   tuple(Segment(t, tgt_lang, i) for i, t in enumerate(tgt)),  # type: ignore[arg-type]
                   tuple(Bead(s, t) for s, t in beads))
    found = check_alignment(al, glossary)
    return [(f.bead, finding_view(f)) for f in found if f.bead is not None]


def run_checker(args: tuple[Any, ...]) -> list[tuple[int, View]] | None:
    """:func:`check_views` of ``args`` in a child Python (``python -m
    align.review.checker``, data pickled through its stdin and stdout: no
    multiprocessing, so it works from any script); None if the child fails."""
    import pickle
    import subprocess
    import sys

    try:
        done = subprocess.run([sys.executable, "-m", "align.review.checker"],
                              input=pickle.dumps(args), capture_output=True, check=True)
        found: list[tuple[int, View]] = pickle.loads(done.stdout)
    except (OSError, subprocess.CalledProcessError, pickle.UnpicklingError, EOFError):
        return None  # check in this process instead
    return found


class Findings:
    """QA findings of a changing alignment, by bead object (thread-safe)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        # id(bead) -> (the bead, kept so its id is never reused; its findings)
        self._by_bead: dict[int, tuple[Bead, list[View]]] = {}
        self._lock = threading.Lock()
        self.complete = False

    def _store(self, beads: Sequence[Bead], found: Sequence[tuple[int, View]]) -> None:
        grouped: dict[int, tuple[Bead, list[View]]] = {id(b): (b, []) for b in beads}
        for k, view in found:
            if 0 <= k < len(beads):
                grouped[id(beads[k])][1].append(view)
        with self._lock:
            self._by_bead.update(grouped)

    def check_all(self, alignment: Alignment, *, in_process: bool = False) -> None:
        """Check the whole alignment (in another process if asked: the check of a book
        takes seconds of CPU that the server's threads would otherwise wait for)."""
        args = check_args(alignment, self.glossary)
        found = run_checker(args) if in_process else None
        if found is None:
            found = check_views(*args)
        self._store(alignment.beads, found)
        self.complete = True

    def check_beads(self, alignment: Alignment, start: int, stop: int) -> None:
        """Check beads ``start`` to ``stop`` (exclusive) alone: every check but the
        document-level consistency ones."""
        beads = alignment.beads[start:stop]
        if not beads:
            return
        pairs = [(join_sentences([alignment.src[i].text for i in b.src], alignment.src_lang),
                  join_sentences([alignment.tgt[i].text for i in b.tgt], alignment.tgt_lang))
                 for b in beads]
        mini = Alignment.from_pairs(pairs, alignment.src_lang, alignment.tgt_lang)
        found = check_alignment(mini, self.glossary, consistency=False)
        self._store(beads, [(f.bead, finding_view(f)) for f in found if f.bead is not None])

    def of(self, bead: Bead) -> list[View] | None:
        """The findings of a bead; None if it has not been checked yet."""
        with self._lock:
            got = self._by_bead.get(id(bead))
        return got[1] if got is not None and got[0] is bead else None

    def by_bead(self, alignment: Alignment) -> dict[int, list[View]]:
        """Position -> findings, for every bead that has some."""
        out = {}
        with self._lock:
            m = self._by_bead
            for k, b in enumerate(alignment.beads):
                got = m.get(id(b))
                if got is not None and got[1]:
                    out[k] = got[1]
        return out


class Terms:
    """Glossary terms found in sentences, cached by text (thread-safe)."""

    def __init__(self, glossary: Glossary | None) -> None:
        self.glossary = glossary
        self._cache: dict[tuple[str, str], list[list[Any]]] = {}
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self.glossary and self.glossary.terms)

    def of(self, text: str, lang: str) -> list[list[Any]]:
        """[start, end, kind, zh term, approved en] of each hit in ``text``."""
        if not self.glossary or not self.glossary.terms:
            return []
        with self._lock:
            got = self._cache.get((lang, text))
        if got is None:
            got = [[h.start, h.end, h.kind, h.term.zh, h.term.en]
                   for h in find_terms(text, lang, self.glossary)]
            with self._lock:
                self._cache[(lang, text)] = got
        return got

    def of_bead(self, alignment: Alignment, bead: Bead) -> list[list[list[Any]]]:
        """The hits of each sentence of the bead: [source sentences, target sentences]."""
        return [[self.of(alignment.src[i].text, alignment.src_lang) for i in bead.src],
                [self.of(alignment.tgt[i].text, alignment.tgt_lang) for i in bead.tgt]]


def bead_view(alignment: Alignment, bead: Bead, *,
              findings: list[dict[str, Any]] | None = None,
              terms: list[list[list[Any]]] | None = None) -> dict[str, Any]:
    """A bead as plain data for the page: sentences of each side (``s``, ``t``),
    confidence (``c``), status (``st``), the original texts where corrected
    (``o``: [source originals, target originals], None per unchanged sentence),
    findings (``f``, once checked) and term hits (``h``, when asked for)."""
    view: dict[str, Any] = {
        "s": [alignment.src[i].text for i in bead.src],
        "t": [alignment.tgt[i].text for i in bead.tgt],
        "c": round(bead.confidence, 3), "st": bead.status}
    olds = [[alignment.src[i].original for i in bead.src],
            [alignment.tgt[i].original for i in bead.tgt]]
    if any(o is not None for side in olds for o in side):
        view["o"] = olds
    if findings is not None:
        view["f"] = findings
    if terms is not None:
        view["h"] = terms
    return view


def columns(alignment: Alignment, findings: Mapping[int, list[dict[str, Any]]]
            ) -> dict[str, Any]:
    """Every bead as columns (what the page loads first: compact and quick to make for
    a book): all source and target sentences in order (``src``, ``tgt``), how many of
    each every bead takes (``ns``, ``nt``), confidences ``c``, statuses ``st``, and,
    by position, original texts ``o`` and findings ``f`` where there are some."""
    beads = alignment.beads
    olds: dict[str, Any] = {}
    if any(seg.original is not None for seg in (*alignment.src, *alignment.tgt)):
        for k, b in enumerate(beads):
            view = bead_view(alignment, b)
            if "o" in view:
                olds[str(k)] = view["o"]
    return {"src": [seg.text for seg in alignment.src],
            "tgt": [seg.text for seg in alignment.tgt],
            "ns": [len(b.src) for b in beads], "nt": [len(b.tgt) for b in beads],
            "c": [round(b.confidence, 3) for b in beads],
            "st": [b.status for b in beads], "o": olds,
            "f": {str(k): v for k, v in findings.items()}}


def counts(alignment: Alignment) -> Mapping[str, int]:
    """Beads by review state, plus ``reviewed`` (confirmed or edited) and ``total``."""
    out = {"unreviewed": 0, "confirmed": 0, "edited": 0}
    for b in alignment.beads:
        out[b.status] += 1
    return {**out, "reviewed": out["confirmed"] + out["edited"],
            "total": len(alignment.beads)}
