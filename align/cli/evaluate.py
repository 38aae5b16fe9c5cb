"""``align eval``: score predicted alignments against gold alignments.

The file-level work (ladder files or folders, unit id files) is
:func:`evaluate_paths`; the scoring itself is :mod:`align.aligner.evaluate`.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from align.aligner.evaluate import Scores, evaluate_documents
from align.cli._app import app
from align.errors import InputError
from align.formats.decode import read_data_file
from align.formats.ladder import read_ladder


def read_units(path: str | os.PathLike[str]) -> list[str]:
    """Unit ids, one per sentence line (blank lines are kept as the unit "").

    Raises:
        InputError: missing, empty, binary or undecodable file (encodings and the
            byte-order mark as for every text input, see
            :func:`align.formats.decode.read_data_file`).
    """
    return read_data_file(path)[0].splitlines()


def evaluate_paths(pred: str | os.PathLike[str], gold: str | os.PathLike[str],
                   merge: tuple[str | os.PathLike[str], str | os.PathLike[str]] | None = None
                   ) -> Scores:
    """Evaluate ladder files, or folders of ladder files (``*.align``) matched by file
    name; other files in the folders (READMEs, texts) are ignored.

    Raises:
        InputError: missing paths, a file against a folder, or no file in common.
    """
    p, g = Path(pred), Path(gold)
    for x in (p, g):
        if not x.exists():
            raise InputError("no such file or folder; check the path", path=x)
    if p.is_dir() != g.is_dir():
        raise InputError("PRED and GOLD must both be files or both be folders", path=p)
    if p.is_dir():
        names = sorted(f.name for f in g.glob("*.align") if f.is_file())
        missing = [nm for nm in names if not (p / nm).is_file()]
        if missing:
            raise InputError(f"no prediction for gold file(s) {', '.join(missing[:5])}; "
                             "name predictions like the gold files", path=p)
        if not names:
            raise InputError("the gold folder has no *.align ladder files", path=g)
        files = [(p / nm, g / nm) for nm in names]
    else:
        files = [(p, g)]
    units = None
    if merge is not None:
        units = (read_units(merge[0]), read_units(merge[1]))
    return evaluate_documents(((read_ladder(a), read_ladder(b)) for a, b in files), units)


@app.command("eval")
def evaluate_cli(
    pred: Path = typer.Argument(..., metavar="PRED", help="Predicted ladder file or folder."),
    gold: Path = typer.Argument(..., metavar="GOLD",
                                help="Gold ladder file or folder (its *.align files, matched "
                                     "by name)."),
    merge_units: tuple[Path, Path] | None = typer.Option(
        None, "--merge-units", metavar="SRC_UNITS TGT_UNITS",
        help="Unit id files (one id per sentence line, e.g. Bible verses): merge "
             "consecutive predicted beads inside one unit before scoring."),
) -> None:
    """Strict and lax precision, recall and F1, pooled over documents."""
    typer.echo(evaluate_paths(pred, gold, merge_units).format())
