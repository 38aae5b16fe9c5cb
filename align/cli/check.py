"""``align check``: terminology and consistency QA of an aligned text.

:func:`check_files` does the file-level work (read the glossary and the alignment,
run :func:`align.qa.check.check_alignment`, write the report); :func:`check` is its
typer wrapper.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import typer

from align.cli._app import app
from align.cli.options import Language, src_lang_option, tgt_lang_option
from align.errors import InputError
from align.formats.alignment import ROW_FORMATS
from align.formats.files import known_suffix
from align.qa.findings import Finding, fails
from align.types import Alignment, Glossary

#: report formats, chosen by the suffix of ``--report``
REPORT_SUFFIXES = (".html", ".htm", ".csv", ".xlsx")


class FailOn(StrEnum):
    """Severity at which ``align check`` exits 1."""

    error = "error"
    warning = "warning"
    never = "never"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What :func:`check_files` produced.

    Attributes:
        alignment: the alignment checked.
        glossary: the glossary used.
        findings: the findings, sorted by bead (those of the ignore list left out).
        ignored: how many findings the ignore list left out.
    """

    alignment: Alignment
    glossary: Glossary
    findings: tuple[Finding, ...]
    ignored: int = 0

    def fails(self, level: str = "error") -> bool:
        """Whether the check fails at gate ``level`` ("error", "warning" or "never").

        Raises:
            ConfigError: for an unknown level.
        """
        return fails(self.findings, level)


def report_suffix(path: str | os.PathLike[str]) -> str:
    """The report format of ``path``: its suffix in lower case (one of :data:`REPORT_SUFFIXES`)."""
    return known_suffix(path, REPORT_SUFFIXES, "report")


def write_report(findings: Sequence[Finding], path: str | os.PathLike[str], *,
                 alignment: Alignment | None = None, glossary: Glossary | None = None,
                 title: str = "zhen-align QA report") -> None:
    """Write a report atomically; the format follows the suffix: .html/.htm (with the
    bilingual text when ``alignment`` is given), .csv or .xlsx (styled; its text
    columns named by the alignment's languages, zh and en without one).

    Raises:
        InputError: unknown suffix or missing output folder.
    """
    from align.formats.files import atomic_write
    from align.formats.xlsx import write_xlsx
    from align.qa.html import render_html
    from align.qa.report import render_csv, report_sheet

    suf = report_suffix(path)
    if suf == ".xlsx":
        langs = (alignment.src_lang, alignment.tgt_lang) if alignment else ("zh", "en")
        columns, rows, style = report_sheet(findings, *langs)
        write_xlsx(path, columns, rows, sheet="findings", style=style)
        return
    if suf == ".csv":
        text = render_csv(findings)
    else:
        text = render_html(findings, alignment=alignment, glossary=glossary, title=title)
    with atomic_write(path) as f:
        f.write(text)


def alignment_from_inputs(alignment: str | os.PathLike[str] | None,
                          src: str | os.PathLike[str] | None, tgt: str | os.PathLike[str] | None,
                          *, src_lang: str = "zh", tgt_lang: str = "en",
                          glossary: Glossary | None = None) -> Alignment:
    """The alignment a QA or discovery command works on: an alignment file (read with
    :func:`~align.formats.alignment.read_alignment`; ``src``/``tgt`` are the texts of
    a ``.align`` ladder), or, when ``alignment`` is None, the texts ``src`` and
    ``tgt`` aligned on the fly (``glossary`` as anchors).

    Raises:
        InputError: nothing given, or an unreadable or malformed alignment or text.
    """
    if alignment is not None:
        from align.formats.alignment import read_alignment

        return read_alignment(alignment, src=src, tgt=tgt, src_lang=src_lang,
                              tgt_lang=tgt_lang)
    if src is None or tgt is None:
        raise InputError("nothing to check: give an alignment file, or --src and --tgt texts "
                         "to align on the fly")
    from align.api import align_files

    return align_files(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, glossary=glossary)


def check_files(glossary: str | os.PathLike[str], alignment: str | os.PathLike[str] | None = None,
                src: str | os.PathLike[str] | None = None,
                tgt: str | os.PathLike[str] | None = None, *, src_lang: str = "zh",
                tgt_lang: str = "en", report: str | os.PathLike[str] | None = None,
                numbers: bool = True, tm: str | os.PathLike[str] | None = None,
                ignore: str | os.PathLike[str] | None = None) -> CheckResult:
    """``align check`` without the terminal: read a glossary and an alignment (see
    :func:`alignment_from_inputs`; ``alignment`` None aligns ``src`` and ``tgt`` on
    the fly), check it, and write a report (.html/.csv/.xlsx) if ``report`` is given.
    With ``tm``, each source sentence is looked up in that TM (read-only) for other
    translations; with ``ignore``, the findings its rules name are left out and counted.

    Raises:
        InputError/FormatError: unreadable inputs (with file and line), an unknown
            report format, or a report path that names an input; all before any work.
    """
    from align.formats.files import check_output
    from align.formats.glossary import read_glossary
    from align.formats.ignore_list import read_ignore_list
    from align.qa.check import check_alignment
    from align.qa.findings import KINDS
    from align.qa.ignore import apply_ignores

    if report is not None:
        report_suffix(report)
        check_output(report, glossary, alignment, src, tgt, tm, ignore)
    rules = read_ignore_list(ignore, KINDS) if ignore is not None else ()
    g = read_glossary(glossary)
    al = alignment_from_inputs(alignment, src, tgt, src_lang=src_lang, tgt_lang=tgt_lang,
                               glossary=g)
    known = tm_translations(tm, al) if tm is not None else None
    findings, ignored = apply_ignores(check_alignment(al, g, numbers=numbers, tm=known), rules)
    if report is not None:
        write_report(findings, report, alignment=al, glossary=g)
    return CheckResult(al, g, tuple(findings), ignored)


def tm_translations(tm: str | os.PathLike[str], alignment: Alignment
                    ) -> dict[str, list[tuple[str, str | None]]]:
    """The translations the TM at ``tm`` (opened read-only) holds of the alignment's
    source sentences, for the alignment's language pair.

    Raises:
        InputError: no such TM, or not a zhen-align TM.
    """
    from align.tm.store import TMStore

    with TMStore(tm, readonly=True) as store:
        return store.translations((s for _, s, _ in alignment.pairs()),
                                  src_lang=alignment.src_lang, tgt_lang=alignment.tgt_lang)


@app.command()
def check(
    alignment: Path | None = typer.Argument(
        None, metavar="ALIGNMENT",
        help=f"An alignment from `align pair` ({ROW_FORMATS}) or a .align ladder (needs "
        "--src/--tgt); omit it to align --src and --tgt on the fly."),
    src: Path | None = typer.Option(None, "--src", help="Source text (Chinese by default)."),
    tgt: Path | None = typer.Option(None, "--tgt", help="Target text (English by default)."),
    glossary: Path = typer.Option(..., "--glossary", "-g",
                                  help="Glossary: .tsv, .csv, .xlsx or .tbx."),
    report: Path | None = typer.Option(None, "--report", "-r",
                                       help="Also write a report: .html, .csv or .xlsx."),
    src_lang: Language = src_lang_option(),
    tgt_lang: Language = tgt_lang_option(),
    no_numbers: bool = typer.Option(False, "--no-numbers", help="Skip the number check."),
    tm: Path | None = typer.Option(None, "--tm", metavar="DB",
                                   help="Also report sentences this TM translates "
                                        "differently (read-only)."),
    ignore: Path | None = typer.Option(None, "--ignore", metavar="FILE",
                                       help="Ignore list: finding kind<TAB>term or bead "
                                            "text, one a line; '#' comments."),
    fail_on: FailOn = typer.Option(
        FailOn.error, "--fail-on",
        help="Exit 1 when a finding of this severity (or worse) is found; 'never' always "
             "exits 0 after a successful check."),
) -> None:
    """Check terms, numbers and consistency of an aligned text against a glossary.

    Prints a table of findings. Exit status (to gate a workflow): 1 when a finding
    of the --fail-on severity is found (default: any error) or on bad input, else 0.
    """
    from align.qa.report import format_table

    result = check_files(glossary, alignment, src, tgt, src_lang=src_lang.code,
                         tgt_lang=tgt_lang.code, report=report, numbers=not no_numbers,
                         tm=tm, ignore=ignore)
    typer.echo(format_table(result.findings, ignored=result.ignored), nl=False)
    if result.fails(fail_on.value):
        raise typer.Exit(1)
