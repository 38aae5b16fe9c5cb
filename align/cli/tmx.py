"""``align tmx merge``: merge TMX files for one language pair."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import typer

from align.cli._app import app, new_app
from align.cli.options import output_option, src_locale_option, tgt_locale_option
from align.errors import InputError
from align.tm.merge import Conflict
from align.types import TranslationUnit

tmx_app = new_app("TMX translation-memory files.")
app.add_typer(tmx_app, name="tmx")

PathLike = str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge did.

    Attributes:
        read: units read for the requested pair, over all inputs.
        written: units written.
        duplicates: exact duplicates (same source, target and locales) removed.
        conflicts: sources with different translations (all kept in the output).
        skipped: invalid units skipped, by reason (``skip_invalid=True``).
        filtered: units without the requested language pair.
        removed_chars: characters XML forbids removed while writing.
        warnings: what the TMX reader read but did not use (extra variants).
    """

    read: int
    written: int
    duplicates: int
    conflicts: tuple[Conflict, ...] = ()
    skipped: dict[str, int] = field(default_factory=dict)
    filtered: int = 0
    removed_chars: int = 0
    warnings: tuple[str, ...] = ()


def merge_tmx(inputs: Sequence[PathLike], output: PathLike, *, src_locale: str = "zh-CN",
              tgt_locale: str = "en-US", skip_invalid: bool = False) -> MergeReport:
    """Merge TMX files into one, for one language pair (:class:`align.tm.merge.UnitMerger`).

    Units are read with inline markup kept (``inline="raw"``) and written back as
    markup, so tags survive. Every input is read twice (streaming), so memory holds
    digests, not units.

    Args:
        inputs: the TMX files.
        output: the merged TMX file (written atomically).
        src_locale, tgt_locale: the pair to keep; ``zh`` matches every Chinese variant.
        skip_invalid: skip invalid units instead of failing.

    Raises:
        InputError: no inputs, or the output is one of the inputs.
        FormatError: from reading (see :func:`align.formats.tmx.reader.read_tmx`).
    """
    from align.formats.files import check_output
    from align.formats.tmx.reader import read_tmx
    from align.formats.tmx.writer import write_tmx
    from align.tm.merge import UnitMerger

    if not inputs:
        raise InputError("give at least one TMX file to merge")
    check_output(output, *inputs)
    merger = UnitMerger()
    for p in inputs:
        merger.scan(read_tmx(p, src_locale, tgt_locale, inline="raw", skip_invalid=skip_invalid))
    skipped: dict[str, int] = {}
    filtered = 0
    warnings: list[str] = []

    def units() -> Iterator[TranslationUnit]:
        nonlocal filtered
        for p in inputs:
            reader = read_tmx(p, src_locale, tgt_locale, inline="raw", skip_invalid=skip_invalid)
            yield from merger.unique(reader)
            filtered += reader.filtered
            warnings.extend(f"{Path(p).name}: {w}" for w in reader.warnings())
            for reason, n in reader.skipped.items():
                skipped[reason] = skipped.get(reason, 0) + n

    result = write_tmx(output, units(), src_lang=merger.source_locale(src_locale), inline="raw",
                       header_props={"x-merged-from": str(len(inputs))})
    return MergeReport(merger.read, int(result), merger.duplicates, merger.conflicts(), skipped,
                       filtered, result.removed_chars, tuple(warnings))


@tmx_app.command("merge")
def merge_cli(
    inputs: list[Path] = typer.Argument(..., metavar="TMX", help="TMX files to merge."),
    output: Path = output_option("Merged TMX file.", required=True),
    src_locale: str = src_locale_option("zh-CN", "Source locale to keep (zh keeps every "
                                                 "Chinese variant)."),
    tgt_locale: str = tgt_locale_option("en-US", "Target locale to keep."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                      help="Skip invalid units instead of failing."),
    show: int = typer.Option(20, "--show", min=0, help="Conflicts to list (0: none)."),
) -> None:
    """Merge TMX files: exact duplicates removed, conflicting translations reported."""
    r = merge_tmx(inputs, output, src_locale=src_locale, tgt_locale=tgt_locale,
                  skip_invalid=skip_invalid)
    typer.echo(f"{output}: {r.written} units written from {r.read} read; "
               f"{r.duplicates} duplicates removed; {len(r.conflicts)} conflicting sources")
    if r.skipped:
        typer.echo("skipped invalid units: " + ", ".join(f"{n} {k}" for k, n in r.skipped.items()))
    if r.filtered:
        typer.echo(f"{r.filtered} units without {src_locale}/{tgt_locale} left out")
    if r.removed_chars:
        typer.echo(f"{r.removed_chars} characters not allowed in XML removed")
    for w in r.warnings:
        typer.echo(f"warning: {w}", err=True)
    for c in r.conflicts[:show]:
        typer.echo(f"conflict: {c.source}")
        for t in c.targets:
            typer.echo(f"    -> {t}")
