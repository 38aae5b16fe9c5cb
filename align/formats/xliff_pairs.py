"""An aligned bilingual XLIFF 1.2 file as the rows of an alignment file, for
:func:`align.formats.alignment.read_alignment` (the one alignment-file contract).

The file is what ``align pair -o x.xlf`` writes (:func:`align.formats.xliff.alignment_xliff`)
or a CAT tool's translated file. One ``<trans-unit>`` is one bead, its source and target
the two sides, as one row of a table:

* The file's ``source-language``/``target-language`` name the sides: a file the
  other way round from the languages asked for is read with its sides swapped, as a
  table's ``zh``/``en`` columns are found wherever they are.
* A unit without a ``<target>``, or with one in state ``needs-translation`` (a
  placeholder, such as the copied source OmegaT needs), is a bead with an empty
  target: ``align pair`` writes an omission (a 1-0 bead) so, and refusing such units
  would refuse its own files. A file in which no unit has a target is refused: an
  untranslated file is not an alignment.
* Confidence, bead type and review status come from the ``za:`` attributes zhen-align
  writes. Without them the confidence is 1.0 (as for a table without one), and a unit
  the file approves (``approved="yes"``, or state ``signed-off``) is ``confirmed``,
  any other ``unreviewed``.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import FormatError
from align.formats.tmx.lang import lang_of_locale
from align.formats.xliff import XliffUnit, read_xliff

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
    langs = lang_of_locale(doc.source_language), lang_of_locale(doc.target_language)
    swap = langs == (tgt_lang, src_lang)
    rows: list[XliffRow] = []
    for u in doc.units:
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


def _target(u: XliffUnit) -> str:
    """The unit's translation; "" for none or a placeholder (``needs-translation``)."""
    return "" if u.target is None or u.state == "needs-translation" else u.target
