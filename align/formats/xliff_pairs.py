"""An aligned bilingual XLIFF 1.2 file as the rows of an alignment file, for
:func:`align.formats.alignment.read_alignment` (the one alignment-file contract).

The file is what ``align pair -o x.xlf`` writes (:func:`align.formats.xliff.alignment_xliff`)
or a CAT tool's translated file. One ``<trans-unit>`` is one bead, its source and target
the two sides, as one row of a table:

* The file's ``source-language`` (or, without one, its ``target-language``) names
  the sides: a file the other way round from the languages asked for is read with its
  sides swapped, as a table's ``zh``/``en`` columns are found wherever they are; a
  file declaring a third language is refused.
* A unit without a ``<target>``, or with one in state ``needs-translation`` (a
  placeholder, such as the copied source OmegaT needs), is a bead with an empty
  target: ``align pair`` writes an omission (a 1-0 bead) so, and refusing such units
  would refuse its own files. A file in which no unit has a target is refused: an
  untranslated file is not an alignment.
* A unit whose target is a TM or MT proposal nobody has reviewed yet (state
  ``needs-review-…`` with a state-qualifier such as ``fuzzy-match`` or
  ``leveraged-tm``, as ``align tm pretranslate -o draft.xlf`` writes a fuzzy match)
  is refused with its line: the proposal pairs the new source with an old target,
  and read as a bead it would go into a TM as a translation.
* Confidence, bead type and review status come from the ``za:`` attributes zhen-align
  writes. Without them the confidence is 1.0 (as for a table without one), and a unit
  the file approves (``approved="yes"``, or state ``signed-off``) is ``confirmed``,
  any other ``unreviewed``.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import FormatError
from align.formats.tmx.lang import lang_of_locale
from align.formats.xliff import XliffDocument, XliffUnit, read_xliff

#: XLIFF 1.2 state-qualifiers of a target proposed by a TM or MT, not translated
PROPOSALS = frozenset({"fuzzy-match", "leveraged-glossary", "leveraged-inherited",
                       "leveraged-mt", "leveraged-repository", "leveraged-tm",
                       "mt-suggestion", "tm-suggestion"})
#: (line, source, target, bead type, confidence, review cells): a row as
#: :mod:`align.formats.alignment` checks it
XliffRow = tuple[int, str, str, str, object, dict[str, str]]


def xliff_rows(p: Path, src_lang: str, tgt_lang: str
               ) -> tuple[dict[str, str], list[XliffRow]]:
    """(the file's signature, one row per unit) of the XLIFF file ``p``.

    Raises:
        InputError: missing or unreadable file.
        FormatError: not XLIFF 1.2, malformed, or no unit has a target.
    """
    doc = read_xliff(p)
    swap = _swapped(doc, src_lang, tgt_lang, p)
    rows: list[XliffRow] = []
    for u in doc.units:
        if (u.target is not None and (u.state or "").startswith("needs-review")
                and u.state_qualifier in PROPOSALS):
            raise FormatError(f"unit {u.id!r} holds a {u.state_qualifier} proposal not yet "
                              f"reviewed (state {u.state}): a pre-translation draft is not an "
                              "alignment; translate and review it in a CAT tool first",
                              path=p, line=u.line)
        target = _target(u)
        extra = dict(u.extra)
        status = extra.get("status") or ("confirmed" if u.approved or u.state == "signed-off"
                                         else "")
        sides = (target, u.source) if swap else (u.source, target)
        kind = extra.get("bead", "")
        if swap and kind:
            kind = "-".join(reversed(kind.split("-", 1)))
        rows.append((u.line, *sides, kind, extra.get("confidence", ""), {"status": status}))
    if rows and not any(_target(u) for u in doc.units):
        raise FormatError("no unit has a target: an untranslated XLIFF is not an alignment; "
                          "translate it first, or align the two texts with align pair",
                          path=p, line=doc.units[0].line)
    return dict(doc.signature), rows


def _swapped(doc: XliffDocument, src_lang: str, tgt_lang: str, p: Path) -> bool:
    """Whether the file's sides are the other way round from the languages asked for.

    The ``source-language`` decides; without one, the ``target-language`` (optional in
    XLIFF 1.2, and left out by some tools). A declared language that is neither of the
    two is refused: read as Chinese or English, its text would go silently into a TM
    or a check on the wrong side.
    """
    sl, tl = lang_of_locale(doc.source_language), lang_of_locale(doc.target_language)
    if src_lang == tgt_lang:
        return False
    for lang, attr in ((sl, "source-language"), (tl, "target-language")):
        if lang and lang not in (src_lang, tgt_lang):
            raise FormatError(f"{attr} is {lang!r}, but this alignment is {src_lang}-{tgt_lang}; "
                              f"give an XLIFF between {src_lang} and {tgt_lang}", path=p,
                              line=doc.units[0].line if doc.units else None)
    return sl == tgt_lang if sl else tl == src_lang


def _target(u: XliffUnit) -> str:
    """The unit's translation; "" for none or a placeholder (``needs-translation``)."""
    return "" if u.target is None or u.state == "needs-translation" else u.target
