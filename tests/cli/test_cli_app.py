"""Tests of the CLI application shell: version, usage errors, error handling."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from align import __version__
from align.cli import app
from align.errors import InputError

runner = CliRunner()


def test_version() -> None:
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"zhen-align {__version__}"


def test_unknown_command_is_usage_error() -> None:
    r = runner.invoke(app, ["no-such-command"])
    assert r.exit_code == 2


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
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


def _failing_app(error: BaseException) -> typer.Typer:
    from align.cli._app import new_app

    sub = new_app("test app")

    @sub.command()
    def fail() -> None:
        """Raise the given error."""
        raise error

    @sub.command()
    def other() -> None:
        """A second command, so that 'fail' is a subcommand."""

    return sub


@pytest.mark.parametrize(("error", "stderr"), [
    (InputError("no such file;\n check the path", path="a.txt", line=3),
     "error: a.txt:3: no such file; check the path\n"),
    (PermissionError(13, "Permission denied", "out.tsv"),
     "error: out.tsv: Permission denied; check the path and permissions\n"),
    (ValueError("bad\nvalue"),
     "internal error: ValueError: bad value (rerun with ALIGN_DEBUG=1 and report the "
     "traceback)\n"),
], ids=["align-error", "os-error", "internal-error"])
def test_errors_become_one_line_and_exit_1(error: BaseException, stderr: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALIGN_DEBUG", raising=False)
    r = runner.invoke(_failing_app(error), ["fail"])
    assert (r.exit_code, r.stderr, r.stdout) == (1, stderr, "")


def test_align_debug_shows_the_unexpected_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_DEBUG", "1")
    r = runner.invoke(_failing_app(ValueError("boom")), ["fail"])
    assert r.exit_code == 1 and isinstance(r.exception, ValueError)
    assert str(r.exception) == "boom"


def test_one_language_list() -> None:
    from align.cli.options import Language, LanguageOrAuto
    from align.types import LANGS

    # zh-Hant is Chinese in traditional characters: its code is zh
    assert [m.value for m in Language] == ["zh", "zh-Hant", "en"]
    assert tuple(dict.fromkeys(m.code for m in Language)) == LANGS
    assert [m.value for m in LanguageOrAuto] == ["zh", "zh-Hant", "en", "auto"]


def _callbacks(t: typer.Typer) -> list[object]:
    out = [c.callback for c in t.registered_commands]
    for g in t.registered_groups:
        out += _callbacks(g.typer_instance)  # type: ignore[arg-type]
    return out


def test_lang_options_take_languages_and_locale_options_locales() -> None:
    """--src-lang/--tgt-lang always mean zh/en (the Language enum, or it plus auto);
    locales are --src-locale/--tgt-locale (free text such as en-GB), in every command."""
    import inspect
    import typing

    from align.cli.options import Language, LanguageOrAuto

    seen: set[str] = set()
    for fn in _callbacks(app):
        hints = typing.get_type_hints(fn)
        for name, param in inspect.signature(fn).parameters.items():  # type: ignore[arg-type]
            decls = getattr(param.default, "param_decls", ()) or ()
            kinds = set(typing.get_args(hints[name])) - {type(None)} or {hints[name]}
            for opt in decls:
                if opt in ("--src-lang", "--tgt-lang", "--lang"):
                    assert kinds <= {Language, LanguageOrAuto}, (fn, opt)
                    seen.add(opt)
                elif "locale" in opt:
                    assert opt in ("--src-locale", "--tgt-locale") and kinds == {str}, (fn, opt)
                    seen.add(opt)
    assert seen == {"--src-lang", "--tgt-lang", "--lang", "--src-locale", "--tgt-locale"}


def _params(*path: str) -> dict[str, object]:
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    return {p.name: p for p in cmd.params if p.name}


def test_alignment_inputs_name_every_format_and_document_options_are_shared() -> None:
    from align.formats.alignment import (
        OUTPUT_FORMATS,
        OUTPUT_SUFFIXES,
        ROW_FORMATS,
        ROW_SUFFIXES,
        SUFFIXES,
    )

    assert all(s in ROW_FORMATS for s in ROW_SUFFIXES) and ".xlf" in ROW_FORMATS
    assert all(s in OUTPUT_FORMATS for s in OUTPUT_SUFFIXES)
    assert set(SUFFIXES) == {*ROW_SUFFIXES, ".align"}
    for path, arg in ((("check",), "alignment"), (("review",), "alignment"),
                      (("terms",), "inputs"), (("tm", "add"), "file")):
        assert ROW_FORMATS in getattr(_params(*path)[arg], "help", ""), path
    for path in (("pair",), ("segment",), ("batch",)):
        assert {"srx", "docx_notes"} <= set(_params(*path)), path


def test_pair_and_batch_declare_their_alignment_options_once() -> None:
    """``pair`` and ``batch`` take --presplit, --max-bead, --exclude-below and
    --review-below from the one factory each in align.cli.options (same default and
    range)."""
    from align.cli.options import (
        exclude_below_option,
        max_bead_option,
        presplit_option,
        review_below_option,
    )

    made = {"presplit": presplit_option(), "max_bead": max_bead_option(),
            "exclude_below": exclude_below_option("h"),
            "review_below": review_below_option("h")}
    for command in ("pair", "batch"):
        params = _params(command)
        for name, info in made.items():
            p = params[name]
            assert p.opts == list(info.param_decls), (command, name)  # type: ignore[attr-defined]
            assert p.default == info.default, (command, name)  # type: ignore[attr-defined]
            assert getattr(p, "min", None) == info.min, (command, name)
            assert getattr(p, "max", None) == info.max, (command, name)


_FRAGMENTS = """
import sys
import numpy as np
if sys.argv[1] == "set":
    from align.cli._app import give_back_large_frees
    assert give_back_large_frees()
def rss():
    return next(int(ln.split()[1]) for ln in open("/proc/self/status")
                if ln.startswith("VmRSS"))
first = np.ones(8 << 17)  # 8 MB, freed: glibc's own threshold rises to its size
del first
keep, big = [], []
for _ in range(40):  # 5 MB arrays with small long-lived blocks between them
    big.append(np.ones(5 << 17))
    keep.append(np.ones(1000))
before = rss()
del big
print(before - rss())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_the_command_line_gives_large_freed_arrays_back_to_the_system() -> None:
    def given_back(mode: str) -> int:  # kB of resident memory freeing 200 MB gives back
        out = subprocess.run([sys.executable, "-c", _FRAGMENTS, mode], check=True,
                             capture_output=True, text=True).stdout
        return int(out)

    assert given_back("default") < 20_000  # held in the heap by the blocks between
    assert given_back("set") > 180_000  # 40 arrays of 5 MB, each its own memory map
