"""``align segment``: split a document into sentences."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from align.cli._app import app


class LangChoice(StrEnum):
    """Language of the input file; ``auto`` detects it by script."""

    zh = "zh"
    en = "en"
    auto = "auto"


class FormatChoice(StrEnum):
    """Output format."""

    lines = "lines"
    jsonl = "jsonl"


@app.command()
def segment(
    file: Path = typer.Argument(..., metavar="FILE", help="Document to split: .txt, .html/.htm or .docx."),
    lang: LangChoice = typer.Option(LangChoice.auto, "--lang",
                                    help="Language of FILE; auto detects it by script."),
    fmt: FormatChoice = typer.Option(FormatChoice.lines, "--format",
                                     help="lines: one sentence per line; jsonl: JSON lines "
                                          "with index, paragraph, start, end, text."),
    semicolon: bool = typer.Option(False, "--semicolon",
                                   help="Also split after semicolons (enumerations)."),
    output: Path | None = typer.Option(None, "-o", "--output",
                                       help="Write here (atomically) instead of stdout."),
) -> None:
    """Split FILE into sentences, paragraph by paragraph."""
    from align.formats.files import check_not_input
    from align.text.segment import format_segments, segment_file, write_segments

    if output is not None:
        check_not_input(output, file)  # would replace the document by its sentences
    segments = segment_file(file, lang.value, semicolon=semicolon)
    if output is None:
        typer.echo(format_segments(segments, fmt.value), nl=False)
    else:
        write_segments(segments, output, fmt.value)
