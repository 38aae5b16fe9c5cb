"""Whether the first row of a table that names no known column is a header anyway.

A table of sentence pairs may start with a header the reader does not know
(``ZH-CN``/``EN-US``, ``中文原文``/``英文译文``). Read as a pair, it would become a
unit of the TM or a bead of the alignment; refusing it needs a rule that a real
first pair (a title such as ``第一章``/``Chapter One``) passes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from align.formats.tsv import Row
from align.text.script import has_han

_LABEL = re.compile(r"[^.!?。！？;；…]{1,40}")
_SAMPLE = 200


def header_like(cells: Sequence[str], below: Sequence[Row], zh_col: int) -> bool:
    """Whether a first row names columns rather than holding a Chinese-English pair.

    It does when its first two cells are short labels (at most 40 characters, no
    sentence punctuation, some letters) in the wrong script for the rows below it:
    no Han in the Chinese column while at least 80% of the next 200 rows have Han
    there, or Han in the English column while at most 20% of them do.

    Args:
        cells: the first row.
        below: the rows after it.
        zh_col: the 0-based column of the Chinese side (0 or 1).
    """
    texts = [c.strip() for c in cells[:2]]
    if (len(texts) < 2 or not below or not all(_LABEL.fullmatch(c) for c in texts)
            or not any(ch.isalpha() for c in texts for ch in c)):
        return False
    han = [[has_han(r.cells[k]) for r in below[:_SAMPLE] if len(r.cells) > k] for k in (0, 1)]
    zh, en = han[zh_col], han[1 - zh_col]
    return bool((not has_han(texts[zh_col]) and zh and sum(zh) >= 0.8 * len(zh))
                or (has_han(texts[1 - zh_col]) and en and sum(en) <= 0.2 * len(en)))
