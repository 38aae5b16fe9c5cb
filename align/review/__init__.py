"""The alignment review workbench (``align review``): a translator corrects an
alignment in the browser and saves a trustworthy TM.

* :mod:`align.review.edits`: the edits (merge, split, move, confirm, correct text)
  as plain functions on :class:`~align.types.Alignment`;
* :mod:`align.review.sentences`: the sentences inside the rows of a table alignment;
* :mod:`align.review.annotate`: findings, glossary terms and beads as page data
  (:mod:`align.review.checker` checks a long document in a child process);
* :mod:`align.review.session`: the state of a review (undo, redo, save);
* :mod:`align.review.server`: the local web server (Starlette + uvicorn) and its
  page, shipped in ``static/``.

Only the edits are imported here; the server (and Starlette) load when used.
"""

from __future__ import annotations

from align.review.edits import (
    bead_of,
    confirm,
    default_cut,
    edit_text,
    merge,
    move,
    set_status,
    split,
)

__all__ = ["bead_of", "confirm", "default_cut", "edit_text", "merge", "move", "set_status",
           "split"]
