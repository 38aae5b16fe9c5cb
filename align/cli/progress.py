"""Progress on stderr for long commands: a spinner with the current step and the time
spent, shown only when stderr is a terminal (never in pipes, logs or tests) and not
asked to be quiet."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def step_progress(quiet: bool = False) -> Iterator[Callable[[str], None] | None]:
    """A callback taking the name of each step as it starts, drawn on stderr by rich
    (the line disappears when the block ends), or None when quiet or stderr is no
    terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting", total=None)
        yield lambda step: bar.update(task, description=step)
