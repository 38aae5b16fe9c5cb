"""What the first row of a glossary table means: our column names, language-coded
column names as CAT tools export them, or no header at all.

Glossaries travel between tools with different first rows:

* ours (``id zh zh_variants en ...``, see :mod:`align.formats.glossary`);
* language-coded, as memoQ, Xbench and Excel term lists write them: ``zh-CN``,
  ``zh_CN``, ``zh-Hans``, ``Chinese (PRC)``, ``Chinese_PRC``, ``中文`` for the Chinese
  column and ``en-US``, ``en-GB``, ``English``, ``英文`` for the English one; a
  ``Comment``/``Note``/``Definition`` column is the note, ``Subject`` the domain;
  column names are compared without case;
* none: the first row is already a term pair (an OmegaT glossary, a two-column list
  pasted from a spreadsheet). The Chinese column is the one with Han characters in
  the first row; a third column is the note (OmegaT's comment).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from align.text.script import has_han

#: our column names, in the order we write them
COLUMNS = ("id", "zh", "zh_variants", "en", "en_variants", "en_deprecated", "status",
           "domain", "note")
#: the separator of several terms in one cell (space, vertical bar, space)
SEP = " | "
#: other names of a column (lower case)
ALIASES = {"comment": "note", "comments": "note", "notes": "note", "definition": "note",
           "subject": "domain", "subject field": "domain", "term id": "id", "entry_id": "id"}
#: a language code with optional script/region subtags: zh-CN, zh_Hans_CN, en-GB, en-419
_CODE = re.compile(r"([A-Za-z]{2,3})((?:[-_](?:[A-Z][a-z]{3}|[A-Za-z]{2}|\d{3}))*)")
#: a language name with an optional variety: Chinese (PRC), English_United_States, 中文
_NAME = re.compile(r"([A-Za-z]+|中文|汉语|简体中文|英文|英语)(\s*\(.*\)|(?:_[A-Z][A-Za-z]*)+)?")
_LANGUAGES = {"zh": "zh", "zho": "zh", "chi": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh",
              "简体中文": "zh", "en": "en", "eng": "en", "english": "en", "英文": "en",
              "英语": "en"}


def language_of(name: str) -> str | None:
    """``"zh"`` or ``"en"`` for a language-coded column name (``zh-CN``, ``en_GB``,
    ``Chinese (PRC)``, ``English_United_States``), else None."""
    n = name.strip()
    m = _CODE.fullmatch(n) or _NAME.fullmatch(n)
    return _LANGUAGES.get(m.group(1).lower()) if m else None


def canonical_column(name: str) -> str:
    """Our name for a header cell: itself when it is one of :data:`COLUMNS` (in any
    case), the column an alias or language code stands for, else the cell as written
    (stripped)."""
    n = name.strip()
    low = n.lower()
    if low in COLUMNS:
        return low
    if low in ALIASES:
        return ALIASES[low]
    return language_of(n) or n


def is_headerless(cells: Sequence[str]) -> bool:
    """True when a first row is a term pair, not a header: none of its cells names a
    column, and of its first two cells exactly one holds Han characters while the
    other holds Latin letters."""
    named = [c for c in cells if c.strip() and canonical_column(c) in COLUMNS]
    if named or len(cells) < 2:
        return False
    a, b = cells[0].strip(), cells[1].strip()
    if not a or not b or has_han(a) == has_han(b):
        return False
    other = b if has_han(a) else a
    return bool(re.search(r"[A-Za-z]", other))


def headerless_columns(cells: Sequence[str]) -> list[str]:
    """The column names of a headerless file whose first row is ``cells``: ``zh`` and
    ``en`` in the order the first row shows them, then ``note``."""
    return (["zh", "en"] if has_han(cells[0]) else ["en", "zh"]) + ["note"]


def split_cell(cell: str) -> tuple[str, ...]:
    """Split a synonym cell on ``|`` and strip each part; empty parts are dropped."""
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def join_cell(values: Sequence[str]) -> str:
    """Join synonyms into one cell with :data:`SEP`."""
    return SEP.join(values)
