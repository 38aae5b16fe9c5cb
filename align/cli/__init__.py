"""Command-line interface: a thin layer over library functions.

Each command lives in its own module and registers itself on :data:`app`; the
library is imported inside the commands, so ``align --help`` stays fast.
"""

from __future__ import annotations

from align.cli import (  # noqa: F401  (register commands)
    batch,
    check,
    evaluate,
    glossary,
    pair,
    review,
    segment,
    terms,
    tm,
    tm_concordance,
    tmx,
)
from align.cli._app import app, run

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``align`` console script (SIGTERM and a closed stdout pipe
    handled, see :mod:`align.cli._app`)."""
    run()
