"""``align glossary convert`` and ``align glossary check``: move a term base between
tools, and find what is wrong with one.

:func:`convert_glossary` and :func:`check_glossary` do the file-level work; the typer
commands print their results.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from align.cli._app import app, new_app
from align.errors import InputError

if TYPE_CHECKING:  # the library is imported when a command runs, so --help stays fast
    from align.types import Term

glossary_app = new_app("Glossaries: convert between TSV, CSV, XLSX, TBX (v2 martif, v3 "
                       "TBX-Basic), OmegaT and memoQ CSV; check one for duplicates, "
                       "conflicts and unused terms.")
app.add_typer(glossary_app, name="glossary")


@dataclass(frozen=True, slots=True)
class ConvertResult:
    """What :func:`convert_glossary` wrote.

    Attributes:
        concepts: the number of concepts written.
        fmt: the output format.
        warnings: what the output format could not carry (one line each).
    """

    concepts: int
    fmt: str
    warnings: tuple[str, ...]


def convert_glossary(src: str | os.PathLike[str], out: str | os.PathLike[str], *,
                     from_fmt: str | None = None, to_fmt: str | None = None,
                     tbx_flavour: str = "v2") -> ConvertResult:
    """Read a glossary in one format and write it in another (formats by suffix unless
    named; see :mod:`align.formats.glossary_formats`).

    Raises:
        InputError: unknown format, suffix or flavour, the output names the input,
            unreadable input or unwritable output (all but the last before writing).
        FormatError: a malformed input, with its line.
    """
    from align.formats.files import check_output
    from align.formats.glossary import read_glossary, write_glossary
    from align.formats.glossary_formats import check_flavour, glossary_format, losses

    fmt = glossary_format(out, to_fmt)
    check_flavour(tbx_flavour)
    check_output(out, src)
    g = read_glossary(src, from_fmt)
    warnings = losses(g, fmt, out)
    write_glossary(g, out, fmt=fmt, tbx_flavour=tbx_flavour)
    return ConvertResult(len(g), fmt, tuple(warnings))


@dataclass(frozen=True, slots=True)
class GlossaryReport:
    """What :func:`check_glossary` found.

    Attributes:
        concepts: the number of entries read.
        issues: ``(line, kind, message)`` per problem, in file order: ``duplicate``
            and ``conflict`` (see :mod:`align.formats.concepts`), then, when a corpus
            was given, ``unused`` (the Chinese never occurs) and ``unrendered`` (the
            Chinese occurs, no accepted English does).
    """

    concepts: int
    issues: tuple[tuple[int | None, str, str], ...]

    @property
    def errors(self) -> int:
        """The number of duplicates and conflicts (what makes the exit status 1)."""
        return sum(1 for _, kind, _ in self.issues if kind in ("duplicate", "conflict"))


def check_glossary(glossary: str | os.PathLike[str], *, fmt: str | None = None,
                   corpus: tuple[str | os.PathLike[str], str | os.PathLike[str]] | None = None,
                   alignment: str | os.PathLike[str] | None = None) -> GlossaryReport:
    """List a glossary's duplicates and conflicts and, given a corpus (a Chinese and an
    English text, or an alignment file), the terms it never uses.

    Raises:
        InputError: both a corpus and an alignment, unreadable files.
        FormatError: a glossary file that cannot be read at all, with its line.
    """
    from align.formats.concepts import concept_issues
    from align.formats.glossary import read_glossary_entries

    if corpus is not None and alignment is not None:
        raise InputError("give --corpus ZH EN or --alignment FILE, not both")
    e = read_glossary_entries(glossary, fmt)
    issues = [(i.line, i.kind, i.message) for i in concept_issues(e.terms, e.lines)]
    texts = _corpus_texts(corpus, alignment)
    if texts is not None:
        issues += _unused(e.terms, e.lines, *texts)
    return GlossaryReport(len(e.terms), tuple(issues))


def _corpus_texts(corpus: tuple[str | os.PathLike[str], str | os.PathLike[str]] | None,
                  alignment: str | os.PathLike[str] | None) -> tuple[list[str], list[str]] | None:
    if corpus is not None:
        from align.formats.decode import read_text_file

        return [read_text_file(corpus[0])[0]], [read_text_file(corpus[1])[0]]
    if alignment is not None:
        from align.formats.alignment import read_alignment

        al = read_alignment(alignment)
        segs = (*al.src, *al.tgt)
        return ([s.text for s in segs if s.lang == "zh"], [s.text for s in segs if s.lang == "en"])
    return None


def _unused(terms: tuple[Term, ...], lines: tuple[int | None, ...], zh: list[str],
            en: list[str]) -> list[tuple[int | None, str, str]]:
    from align.terms.coverage import term_uses
    from align.types import Glossary

    out: list[tuple[int | None, str, str]] = []
    for use, line in zip(term_uses(Glossary(terms), zh, en), lines, strict=True):
        t = use.term
        if use.zh == 0:
            out.append((line, "unused", f"{t.zh} ({t.en}) never occurs in the Chinese"))
        elif use.en == 0:
            found = (f"; deprecated renderings found {_times(use.deprecated)}"
                     if use.deprecated else "")
            out.append((line, "unrendered", f"{t.zh} occurs {_times(use.zh)} but no accepted "
                        f"English form ({' | '.join(t.en_forms)}) does{found}"))
    return out


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


FORMAT_HELP = "tsv, csv, xlsx, tbx, omegat or memoq (default: from the suffix)"


@glossary_app.command("convert")
def convert(
    src: Path = typer.Argument(..., metavar="IN", help="The glossary to read."),
    out: Path = typer.Argument(..., metavar="OUT", help="The glossary to write."),
    to: str | None = typer.Option(None, "--to", metavar="FORMAT",
                                  help=f"Output format: {FORMAT_HELP}."),
    from_: str | None = typer.Option(None, "--from", metavar="FORMAT",
                                     help=f"Input format: {FORMAT_HELP}."),
    tbx_flavour: str = typer.Option("v2", "--tbx-flavour", metavar="v2|v3",
                                    help="TBX output: v2 martif (OmegaT, translate-toolkit, "
                                    "MultiTerm, memoQ read it) or v3 TBX-Basic 2019."),
) -> None:
    """Convert a glossary between TSV, CSV, XLSX, TBX, OmegaT and memoQ CSV; warns about
    anything the output format cannot carry."""
    res = convert_glossary(src, out, from_fmt=from_, to_fmt=to, tbx_flavour=tbx_flavour)
    for w in res.warnings:
        typer.echo(f"warning: {w}", err=True)
    typer.echo(f"{res.concepts} concepts written to {out} ({res.fmt})", err=True)


@glossary_app.command("check")
def check(
    glossary: Path = typer.Argument(..., metavar="GLOSSARY", help="The glossary to check."),
    corpus: tuple[Path, Path] | None = typer.Option(
        None, "--corpus", metavar="ZH EN", help="A Chinese and an English text: list the "
        "terms they never use."),
    alignment: Path | None = typer.Option(None, "--alignment", metavar="FILE",
                                          help="An alignment (.tsv, .jsonl, .xlsx, .tmx) as "
                                          "the corpus."),
    fmt: str | None = typer.Option(None, "--from", metavar="FORMAT",
                                   help=f"Glossary format: {FORMAT_HELP}."),
) -> None:
    """List duplicates, conflicts (one source, different renderings; a rendering both
    accepted and deprecated) and, with a corpus, terms never used. Exit status 1 when
    there is a duplicate or conflict."""
    rep = check_glossary(glossary, fmt=fmt, corpus=corpus, alignment=alignment)
    for line, kind, message in rep.issues:
        typer.echo(f"{glossary}:{line if line is not None else '-'}\t{kind}\t{message}")
    typer.echo(f"{rep.concepts} concepts, {len(rep.issues)} issues "
               f"({rep.errors} duplicates or conflicts)", err=True)
    if rep.errors:
        raise typer.Exit(1)
