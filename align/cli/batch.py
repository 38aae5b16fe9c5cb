"""``align batch``: align many document pairs (two folders or a manifest) into one
output folder, resumably, in this process, a local pool or on a Dask cluster."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from align.cli._app import app
from align.cli.options import (
    DocxNotes,
    Language,
    docx_notes_option,
    embedding_cache_option,
    exclude_below_option,
    glossary_option,
    max_bead_option,
    neural_option,
    presplit_option,
    review_below_option,
    src_lang_option,
    src_locale_option,
    srx_option,
    tgt_lang_option,
    tgt_locale_option,
    wide_beads_option,
)
from align.errors import InputError

if TYPE_CHECKING:
    from align.batch.run import BatchReport, Progress

PathLike = str | os.PathLike[str]


def batch_inputs(inputs: Sequence[PathLike], out_dir: PathLike, *, formats: Sequence[str],
                 src_lang: str = "zh", tgt_lang: str = "en", glossary: PathLike | None = None,
                 tm: PathLike | None = None, **options: Any) -> BatchReport:
    """Align the pairs of two folders (matched by file name stem) or of a manifest
    into ``out_dir``; see :func:`align.api.batch_files` for ``options`` (``srx``,
    ``notes``, ...).

    Raises:
        InputError: not one manifest or two folders; the output folder is one of
            the two folders; an unreadable glossary.
        FormatError, ConfigError: as :func:`align.api.batch_files`.
    """
    from align.api import batch_files
    from align.batch.pairing import pair_folders
    from align.formats.files import check_not_input
    from align.formats.glossary import read_glossary
    from align.text.variants import check_language

    sl, tl = check_language(src_lang), check_language(tgt_lang)
    if len(inputs) == 2:
        for folder in inputs:
            if Path(folder).resolve() == Path(out_dir).resolve():
                raise InputError("the output folder is an input folder: its outputs would be "
                                 "read as documents by the next run; choose another -o",
                                 path=out_dir)
        pairs: Any = pair_folders(inputs[0], inputs[1], src_lang=sl, tgt_lang=tl)
    elif len(inputs) == 1 and not Path(inputs[0]).is_dir():
        pairs = inputs[0]
    else:
        raise InputError("give two folders (SRC_DIR TGT_DIR) or one manifest .csv "
                         f"(columns src, tgt), not {len(inputs)} path(s): "
                         f"{' '.join(map(str, inputs))}")
    if tm is not None:
        check_not_input(tm, glossary, options.get("srx"), *inputs)
    terms = read_glossary(glossary) if glossary is not None else None
    return batch_files(pairs, out_dir, formats=formats, src_lang=sl, tgt_lang=tl,
                       glossary=terms, tm=tm, **options)


def _progress_display(quiet: bool) -> tuple[AbstractContextManager[Any],
                                            Callable[[Progress], None] | None]:
    """A rich progress bar on stderr (pairs done/total, sentences per second, ETA),
    only when stderr is a terminal and not ``--quiet``."""
    if quiet or not sys.stderr.isatty():
        return nullcontext(), None
    import time

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("pairs  {task.fields[rate]} sentences/s"), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("aligning", total=None, rate="-")
    t0 = time.perf_counter()

    def update(p: Any) -> None:
        rate = p.sentences / max(time.perf_counter() - t0, 1e-9)
        bar.update(task, completed=p.done, total=p.total,
                   rate=f"{rate:.0f}" if p.aligned else "-")

    return bar, update


@contextmanager
def _interrupted() -> Iterator[None]:
    """Ctrl-C: one line saying that finished pairs are kept, exit status 130."""
    try:
        yield
    except KeyboardInterrupt:
        typer.echo("interrupted: the pairs finished so far are kept; run the same command "
                   "again to align the rest", err=True)
        raise typer.Exit(130) from None


@app.command("batch")
def batch_cli(
    inputs: list[Path] = typer.Argument(..., metavar="SRC_DIR TGT_DIR | MANIFEST",
                                        help="Two folders whose files pair by name stem, or "
                                             "a manifest CSV (columns src, tgt; optional id, "
                                             "src_lang, tgt_lang)."),
    output: Path = typer.Option(..., "-o", "--output", metavar="OUT_DIR",
                                help="Output folder: ID.FORMAT per pair, summary.csv, "
                                     "summary.html."),
    formats: str = typer.Option("tsv", "--format", metavar="FORMATS",
                                help="Comma-separated output formats: tsv, csv, tmx, xlsx, "
                                     "jsonl, align."),
    src_lang: Language = src_lang_option(help="Language of the source documents."),
    tgt_lang: Language = tgt_lang_option(help="Language of the target documents."),
    glossary: Path | None = glossary_option("anchors, and QA errors in the summary."),
    presplit: bool = presplit_option(),
    max_bead: int = max_bead_option(),
    exclude_below: float | None = exclude_below_option(
        "TMX: leave out beads whose confidence is below CONF."),
    review_below: float = review_below_option(
        "Beads below CONF need review (TMX mark, summary's low-confidence share)."),
    src_locale: str | None = src_locale_option(None, "TMX locale of the sources."),
    tgt_locale: str | None = tgt_locale_option(None, "TMX locale of the targets."),
    tm: Path | None = typer.Option(None, "--tm", metavar="DB",
                                   help="Add every pair's units to this TM at the end."),
    srx: Path | None = srx_option(),
    docx_notes: DocxNotes = docx_notes_option(),
    wide_beads: bool = wide_beads_option(),
    neural: bool = neural_option(),
    embedding_cache: Path | None = embedding_cache_option(),
    workers: int = typer.Option(1, "--workers", min=1, metavar="N",
                                help="Local worker processes (or local Dask workers)."),
    engine: str = typer.Option("local", "--engine", metavar="ENGINE",
                               help="local (process pool) or dask."),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                         help="Dask scheduler, e.g. tcp://host:8786."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress, no report lines."),
) -> None:
    """Align many document pairs; pairs whose inputs and options did not change since
    their outputs were written are skipped. Exit status 1 when a pair failed."""
    display, progress = _progress_display(quiet)
    with display, _interrupted():
        report = batch_inputs(
            inputs, output, formats=[f.strip() for f in formats.split(",") if f.strip()],
            src_lang=src_lang.value, tgt_lang=tgt_lang.value, glossary=glossary,
            presplit=presplit, max_bead=max_bead, exclude_below=exclude_below,
            review_below=review_below, src_locale=src_locale, tgt_locale=tgt_locale, tm=tm,
            srx=srx, notes=docx_notes.value, wide_beads=wide_beads,
            neural=neural, embedding_cache=embedding_cache, workers=workers, engine=engine, scheduler=scheduler, progress=progress)
    if not quiet:
        for u in report.unmatched:
            typer.echo(f"unmatched: {u.path}: {u.reason}", err=True)
        counts = {s: sum(r.status == s for r in report.rows) for s in ("aligned", "unchanged")}
        typer.echo(f"{len(report.rows)} pairs: {counts['aligned']} aligned, "
                   f"{counts['unchanged']} unchanged, {report.failed} failed; "
                   f"summary in {Path(output) / 'summary.csv'}", err=True)
        if report.tm is not None:
            typer.echo(f"TM {tm}: {report.tm.added} units added, {report.tm.duplicates} "
                       "already there", err=True)
    if report.failed:
        typer.echo(f"error: {report.failed} of {len(report.rows)} pairs failed; see "
                   f"{Path(output) / 'summary.csv'}", err=True)
        raise typer.Exit(1)
