"""Progress of long commands (issue 10): the steps reach the callback in order, the
spinner is drawn only on a terminal, and never with --quiet."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from align.api import align_files
from align.cli.progress import step_progress


def test_align_files_reports_every_step_in_order(beijing_dir: Path) -> None:
    steps: list[str] = []
    align_files(beijing_dir / "zh.txt", beijing_dir / "en.raw.txt", progress=steps.append)
    assert steps == ["reading", "features", "search", "self-training 1/2",
                     "self-training 2/2", "boundaries and omissions", "confidence"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_not_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with step_progress() as progress:
        assert progress is None  # a pipe or a log: nothing drawn
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    with step_progress(quiet=True) as progress:
        assert progress is None
    with step_progress() as progress:
        assert progress is not None
        progress("search")
    assert "search" in term.getvalue()
