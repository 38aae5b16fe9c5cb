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


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    import typer

    cmd = typer.main.get_command(app) if not prefix else group
    out = []
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        if getattr(sub, "commands", None):
            out += _commands(sub, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


def test_every_command_has_clear_help() -> None:
    import re

    commands = _commands(app)
    assert ("segment",) in commands and ("tm", "lookup") in commands
    for cmd in commands:
        r = runner.invoke(app, [*cmd, "--help"], prog_name="align")
        assert r.exit_code == 0, cmd
        usage = r.stdout.splitlines()[0]
        assert usage.startswith(f"Usage: align {' '.join(cmd)} "), usage
        # arguments are named in capitals, like the options' metavars
        args = re.findall(r"[{\[]([^}\]]+)[}\]]", usage.split("[OPTIONS]")[-1])
        assert all(a.upper() == a for a in args), (cmd, usage)
        assert r.stdout.split("\n\n")[1].strip(), cmd  # a summary line
