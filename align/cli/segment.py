"""``align segment``: split a document into sentences."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import typer

from align.cli._app import app
from align.cli.options import (
    DocxNotes,
    LanguageOrAuto,
    docx_notes_option,
    output_option,
    srx_option,
)
from align.types import Segment

PathLike = str | os.PathLike[str]


class FormatChoice(StrEnum):
    """Output format."""

    lines = "lines"
    jsonl = "jsonl"


def segment_path(file: PathLike, output: PathLike | None = None, *, lang: str = "auto",
                 semicolon: bool = False, fmt: str = "lines", srx: PathLike | None = None,
                 notes: str = "keep") -> list[Segment]:
    """Read a document (.txt, .html/.htm, .docx, .pdf, .odt, .rtf), split it into
    sentences paragraph by paragraph, and write them to ``output`` (atomically) if given.

    Args:
        file: the document.
        output: where to write the sentences; refused if it is ``file`` itself.
        lang: "zh", "zh-Hant", "en" or "auto" (detect by script).
        semicolon: also split after semicolons (enumerations).
        fmt: "lines" (one sentence per line) or "jsonl".
        srx: an SRX file whose rules replace the built-in ones.
        notes: "keep" or "drop" Word/ODT/RTF notes, headers and footers.

    Returns:
        The sentences.

    Raises:
        InputError: unreadable file, text in the other language, output onto the input.
        ConfigError: unknown language or format.
    """
    from align.formats.documents import read_document
    from align.formats.files import atomic_write, check_output
    from align.formats.srx import read_srx
    from align.text.segment import format_segments, segment_document

    if output is not None:
        check_output(output, file)  # would replace the document by its sentences
    rules = read_srx(srx) if srx is not None else None
    segments = segment_document(read_document(file, lang, notes=notes), semicolon=semicolon,
                                srx=rules)
    if output is not None:
        data = format_segments(segments, fmt)
        with atomic_write(output) as f:
            f.write(data)
    return segments


@app.command("segment")
def segment_cli(
    file: Path = typer.Argument(..., metavar="FILE",
                                help="Document to split: .txt, .html/.htm, .docx, .pdf, "
                                     ".odt or .rtf."),
    lang: LanguageOrAuto = typer.Option("auto", "--lang",  # type: ignore[valid-type]
                                        help="Language of FILE; auto detects it by script."),
    fmt: FormatChoice = typer.Option(FormatChoice.lines, "--format",
                                     help="lines: one sentence per line; jsonl: JSON lines "
                                          "with index, paragraph, start, end, text."),
    semicolon: bool = typer.Option(False, "--semicolon",
                                   help="Also split after semicolons (enumerations)."),
    output: Path | None = output_option("Write here (atomically) instead of stdout."),
    srx: Path | None = srx_option(),
    docx_notes: DocxNotes = docx_notes_option(),
) -> None:
    """Split FILE into sentences, paragraph by paragraph."""
    segments = segment_path(file, output, lang=lang.value, semicolon=semicolon, fmt=fmt.value,
                            srx=srx, notes=docx_notes.value)
    if output is None:
        from align.text.segment import format_segments

        typer.echo(format_segments(segments, fmt.value), nl=False)
