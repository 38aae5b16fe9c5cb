"""``align eval``: score predicted alignments against gold alignments."""

from __future__ import annotations

from pathlib import Path

import typer

from align.cli._app import app


@app.command("eval")
def eval_(
    pred: Path = typer.Argument(..., metavar="PRED", help="Predicted ladder file or folder."),
    gold: Path = typer.Argument(..., metavar="GOLD",
                                help="Gold ladder file or folder (its *.align files, matched by name)."),
    merge_units: tuple[Path, Path] | None = typer.Option(
        None, "--merge-units", metavar="SRC_UNITS TGT_UNITS",
        help="Unit id files (one id per sentence line, e.g. Bible verses): merge "
             "consecutive predicted beads inside one unit before scoring."),
) -> None:
    """Strict and lax precision, recall and F1, pooled over documents."""
    from align.aligner.evaluate import evaluate_paths

    typer.echo(evaluate_paths(pred, gold, merge_units).format())
