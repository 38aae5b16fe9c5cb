"""Index ranges of flat (CSR) tables: the one way the aligner gathers them.

Sentences, beads and key sets are stored flat, item k of a group at
``values[start + k]``; gathering several groups at once is concatenating their index
ranges, which numpy does without a Python loop.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def concat_ranges(starts: Any, counts: Any) -> Any:
    """``concatenate([range(s, s + c) for s, c in zip(starts, counts)])``."""
    ends = np.cumsum(counts)
    return np.repeat(starts - ends + counts, counts) + np.arange(int(ends[-1]) if len(ends) else 0)
