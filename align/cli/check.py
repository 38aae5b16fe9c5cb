"""``align check``: terminology and consistency QA of an aligned text."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from align.cli._app import Language, app


class FailOn(StrEnum):
    """Severity at which ``align check`` exits 1."""

    error = "error"
    warning = "warning"
    never = "never"


@app.command()
def check(
    alignment: Path | None = typer.Argument(
        None, metavar="ALIGNMENT",
        help="A .align ladder (needs --src/--tgt) or a .tsv from `align pair`; "
        "omit it to align --src and --tgt on the fly."),
    src: Path | None = typer.Option(None, "--src", help="Source text (Chinese by default)."),
    tgt: Path | None = typer.Option(None, "--tgt", help="Target text (English by default)."),
    glossary: Path = typer.Option(..., "--glossary", "-g",
                                  help="Glossary: .tsv, .csv, .xlsx or .tbx."),
    report: Path | None = typer.Option(None, "--report", "-r",
                                       help="Also write a report: .html, .csv or .xlsx."),
    src_lang: Language = typer.Option(Language.zh, "--src-lang",
                                      help="Language of the source."),
    tgt_lang: Language = typer.Option(Language.en, "--tgt-lang",
                                      help="Language of the target."),
    no_numbers: bool = typer.Option(False, "--no-numbers", help="Skip the number check."),
    fail_on: FailOn = typer.Option(
        FailOn.error, "--fail-on",
        help="Exit 1 when a finding of this severity (or worse) is found; 'never' always "
             "exits 0 after a successful check."),
) -> None:
    """Check terms, numbers and consistency of an aligned text against a glossary.

    Prints a table of findings. Exit status (to gate a workflow): 1 when a finding
    of the --fail-on severity is found (default: any error) or on bad input, else 0.
    """
    from align.qa.check import check_files
    from align.qa.report import format_table

    result = check_files(glossary, alignment, src, tgt, src_lang=src_lang.value,
                         tgt_lang=tgt_lang.value, report=report, numbers=not no_numbers)
    typer.echo(format_table(result.findings), nl=False)
    if result.fails(fail_on.value):
        raise typer.Exit(1)
