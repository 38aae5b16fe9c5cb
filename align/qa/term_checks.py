"""The glossary checks of ``align check``, one function per finding kind: term-missing,
term-split, term-deprecated and term-inconsistent.

Terms are looked up on the Chinese side of a bead (:func:`align.terms.match.find_terms`)
and checked on the English side, whichever side is the source.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from align.qa.checks import BeadText
from align.qa.findings import Finding
from align.qa.term_split import modified_only
from align.terms.match import TermHit, find_gapped, find_terms
from align.types import Glossary, Term, number_shown


@dataclass(slots=True)
class TermUsage:
    """How each Chinese term was rendered across the document (for term-inconsistent).

    Attributes:
        renderings: Chinese term -> approved or variant English form -> beads using it.
        beads: Chinese term -> the beads where it was rendered, in order.
    """

    renderings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    beads: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def record(self, zh: str, forms: Iterable[str], bead: int) -> None:
        """Note that bead ``bead`` renders term ``zh`` with ``forms`` (each counted once)."""
        self.renderings[zh].update(forms)
        self.beads[zh].append(bead)


@dataclass(frozen=True, slots=True)
class BeadTerms:
    """The glossary terms of one bead.

    Attributes:
        zh_terms: the terms found in the Chinese, each once, in text order.
        en_hits: every term hit in the English.
        rendered: ``id(term)`` -> approved or variant English forms found.
        deprecated: ``id(term)`` of the terms with a deprecated English form found.
    """

    zh_terms: tuple[Term, ...]
    en_hits: tuple[TermHit, ...]
    rendered: dict[int, set[str]]
    deprecated: frozenset[int]


def bead_terms(b: BeadText, glossary: Glossary) -> BeadTerms:
    """Find the glossary terms of both sides of a bead."""
    zh_terms: dict[int, Term] = {}
    for h in find_terms(b.zh, "zh", glossary):
        zh_terms.setdefault(id(h.term), h.term)
    en_hits = tuple(find_terms(b.en, "en", glossary))
    rendered: dict[int, set[str]] = defaultdict(set)
    for h in en_hits:
        if h.kind != "deprecated":
            rendered[id(h.term)].add(h.form)
    deprecated = frozenset(id(h.term) for h in en_hits if h.kind == "deprecated")
    return BeadTerms(tuple(zh_terms.values()), en_hits, dict(rendered), deprecated)


def term_split(b: BeadText, term: Term, max_gap: int) -> Finding | None:
    """term-split (info): an English form of ``term`` is there, split by up to
    ``max_gap`` other words that are not only modifiers ("high-quality products and
    the development"; see :mod:`align.qa.term_split`)."""
    for form in term.en_forms:
        span = find_gapped(b.en, form, max_gap)
        if span is not None:
            found = b.en[span[0]:span[1]]
            return b.finding("term-split", "info", term.zh,
                             f"{term.zh}: {form!r} is split by other words: {found!r}",
                             {"expected": " | ".join(term.en_forms), "found": found})
    return None


def term_missing(b: BeadText, term: Term) -> Finding | None:
    """term-missing (error): no English form of ``term`` in the bead.

    A form that is there except for a number is left to the number check.
    """
    if any(find_gapped(b.en, f, 0, any_number=True) for f in term.en_forms
           if any(c.isdigit() for c in f)):
        return None
    expected = " | ".join(term.en_forms)
    return b.finding("term-missing", "error", term.zh, f"{term.zh}: expected {expected!r}",
                     {"expected": expected})


def term_deprecated(b: BeadText, hit: TermHit, in_source: bool) -> Finding:
    """term-deprecated: a deprecated English rendering; an error when the bead's
    Chinese has the term (``in_source``), else a warning."""
    t = hit.term
    return b.finding(
        "term-deprecated", "error" if in_source else "warning", t.zh,
        f"deprecated rendering {hit.form!r} of {t.zh}; use {t.en!r}"
        + (f" (or an accepted variant: {' | '.join(t.variants)})" if t.variants else "")
        + ("" if in_source else f" (the bead's source has no {t.zh})"),
        {"deprecated": hit.form, "approved": t.en, "found": b.en[hit.start:hit.end]})


def term_findings(b: BeadText, glossary: Glossary, usage: TermUsage,
                  max_gap: int) -> list[Finding]:
    """The term findings of one bead; renderings are recorded in ``usage``.

    Returns:
        term-split or term-missing per Chinese term without an English rendering
        (text order), then term-deprecated per deprecated English hit.
    """
    if not glossary.terms:
        return []
    bt = bead_terms(b, glossary)
    out: list[Finding] = []
    for t in bt.zh_terms:
        if id(t) in bt.rendered:
            usage.record(t.zh, bt.rendered[id(t)], b.index)
        elif id(t) not in bt.deprecated:
            modified = next((f for f in t.en_forms if modified_only(b.en, f, max_gap)), None)
            if modified is not None:  # only modifiers inside the term: it is rendered
                usage.record(t.zh, {modified}, b.index)
                continue
            f = term_split(b, t, max_gap) or term_missing(b, t)
            if f is not None:
                out.append(f)
    zh_ids = {id(t) for t in bt.zh_terms}
    out.extend(term_deprecated(b, h, id(h.term) in zh_ids) for h in bt.en_hits
               if h.kind == "deprecated")
    return out


def term_inconsistent(usage: TermUsage, beads: Sequence[BeadText]) -> list[Finding]:
    """term-inconsistent (warning): a Chinese term rendered in more than one allowed
    way across the document; reported at its first bead."""
    out = []
    for zh, counts in usage.renderings.items():
        if len(counts) < 2:
            continue
        where = usage.beads[zh]
        listing = "; ".join(f"{f!r} x{n}" for f, n in counts.most_common())
        out.append(beads[where[0]].finding(
            "term-inconsistent", "warning", zh,
            f"{zh} is rendered {len(counts)} ways: {listing}",
            {"variants": listing, "beads": " ".join(str(number_shown(k)) for k in where)}))
    return out
