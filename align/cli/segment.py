"""``align segment``: split a document into sentences."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import typer

from align.cli._app import app
from align.cli.options import LanguageOrAuto, output_option
from align.types import Segment

PathLike = str | os.PathLike[str]


class FormatChoice(StrEnum):
    """Output format."""

    lines = "lines"
    jsonl = "jsonl"


def segment_path(file: PathLike, output: PathLike | None = None, *, lang: str = "auto",
                 semicolon: bool = False, fmt: str = "lines") -> list[Segment]:
    """Read a document (.txt, .html/.htm, .docx), split it into sentences paragraph by
    paragraph, and write them to ``output`` (atomically) if given.

    Args:
        file: the document.
        output: where to write the sentences; refused if it is ``file`` itself.
        lang: "zh", "en" or "auto" (detect by script).
        semicolon: also split after semicolons (enumerations).
        fmt: "lines" (one sentence per line) or "jsonl".

    Returns:
        The sentences.

    Raises:
        InputError: unreadable file, text in the other language, output onto the input.
        ConfigError: unknown language or format.
    """
    from align.formats.documents import read_document
    from align.formats.files import atomic_write, check_output
    from align.text.segment import format_segments, segment_document

    if output is not None:
        check_output(output, file)  # would replace the document by its sentences
    segments = segment_document(read_document(file, lang), semicolon=semicolon)
    if output is not None:
        data = format_segments(segments, fmt)
        with atomic_write(output) as f:
            f.write(data)
    return segments


@app.command("segment")
def segment_cli(
    file: Path = typer.Argument(..., metavar="FILE",
                                help="Document to split: .txt, .html/.htm or .docx."),
    lang: LanguageOrAuto = typer.Option("auto", "--lang",  # type: ignore[valid-type]
                                        help="Language of FILE; auto detects it by script."),
    fmt: FormatChoice = typer.Option(FormatChoice.lines, "--format",
                                     help="lines: one sentence per line; jsonl: JSON lines "
                                          "with index, paragraph, start, end, text."),
    semicolon: bool = typer.Option(False, "--semicolon",
                                   help="Also split after semicolons (enumerations)."),
    output: Path | None = output_option("Write here (atomically) instead of stdout."),
) -> None:
    """Split FILE into sentences, paragraph by paragraph."""
    segments = segment_path(file, output, lang=lang.value, semicolon=semicolon, fmt=fmt.value)
    if output is None:
        from align.text.segment import format_segments

        typer.echo(format_segments(segments, fmt.value), nl=False)
