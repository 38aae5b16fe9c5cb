"""Tests of the CLI application shell: version, usage errors, error handling."""

from __future__ import annotations

from typer.testing import CliRunner

from align import __version__
from align.cli import app

runner = CliRunner()


def test_version() -> None:
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"zhen-align {__version__}"


def test_unknown_command_is_usage_error() -> None:
    r = runner.invoke(app, ["no-such-command"])
    assert r.exit_code == 2
