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


def test_embedding_is_reported_as_a_step_of_the_same_display(tmp_path: Path) -> None:
    """--neural draws no second display (rich allows one live display at a time): the
    embedding's counts arrive as steps of the one spinner, after the features."""
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("我们要坚持改革开放。\n今天天气很好。\n", encoding="utf-8")
    en.write_text("We must stay committed to reform and opening up.\nThe weather is fine "
                  "today.\n", encoding="utf-8")
    steps: list[str] = []
    align_files(zh, en, presplit=True, neural=True, embedding_cache=tmp_path / "cache",
                progress=steps.append)
    embedding = [s for s in steps if s.startswith("embedding")]
    assert embedding and embedding[-1] == "embedding sentences 4/4"
    assert steps == ["reading", "features", *embedding, "search", "boundaries and omissions",
                     "confidence"]


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
