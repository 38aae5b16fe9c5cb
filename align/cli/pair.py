"""``align pair``: align a Chinese document with its English translation (or back)."""

from __future__ import annotations

import warnings
from pathlib import Path

import typer

from ._app import app


@app.command()
def pair(
    src: Path = typer.Argument(..., metavar="SRC", help="Source document."),
    tgt: Path = typer.Argument(..., metavar="TGT", help="Target document (its translation)."),
    src_lang: str = typer.Option("zh", "--src-lang", help="Language of SRC: zh or en."),
    tgt_lang: str = typer.Option("en", "--tgt-lang", help="Language of TGT: zh or en."),
    output: Path | None = typer.Option(
        None, "-o", "--output",
        help="Write here; the format follows the suffix: .align, .tsv, .jsonl, .tmx. "
             "Without it, a TSV goes to stdout."),
    glossary: Path | None = typer.Option(None, "--glossary",
                                         help="Glossary (.tsv/.csv/.xlsx/.tbx) used as anchors."),
    presplit: bool = typer.Option(False, "--presplit",
                                  help="Inputs already have one sentence per line."),
    max_bead: int = typer.Option(4, "--max-bead", min=2, max=12,
                                 help="Most sentences on one side of a bead."),
) -> None:
    """Align the sentences of SRC and TGT; warnings go to stderr, one line each."""
    from ..aligner import align_files, format_tsv, write_alignment

    terms = None
    if glossary is not None:
        from ..glossary import read_glossary

        terms = read_glossary(glossary)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        alignment = align_files(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang,
                                presplit=presplit, glossary=terms, max_bead=max_bead)
    for w in caught:
        typer.echo(f"warning: {' '.join(str(w.message).split())}", err=True)
    if output is None:
        typer.echo(format_tsv(alignment), nl=False)
    else:
        write_alignment(alignment, output)
