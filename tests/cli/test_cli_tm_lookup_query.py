"""``align tm lookup`` refuses an empty or blank sentence as a usage error (exit 2, one
line), and the typed function refuses it too."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.tm import add_file, lookup_tm
from align.errors import ConfigError
from align.formats.tmx.writer import write_tmx
from align.types import TranslationUnit

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    tmx = tmp_path / "in.tmx"
    write_tmx(tmx, [TranslationUnit("我们要坚持改革开放。", "We must stay committed to reform.")])
    path = tmp_path / "tm.db"
    add_file(path, tmx)
    return path


@pytest.mark.parametrize("query", ["", "   ", "\u3000\t\n"], ids=["empty", "spaces", "ideographic"])
def test_empty_lookup_is_a_usage_error(db: Path, query: str) -> None:
    r = runner.invoke(app, ["tm", "lookup", query, "--tm", str(db)])
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert lines == ["error: SENTENCE is empty; give the sentence to look up, e.g. "
                     "`align tm lookup \"我们要坚持改革开放。\" --tm TM`"]
    with pytest.raises(ConfigError, match="SENTENCE is empty"):
        lookup_tm(db, query)
