"""``align pair``: align a Chinese document with its English translation (or back)."""

from __future__ import annotations

import warnings
from pathlib import Path

import typer

from align.cli._app import Language, app


@app.command()
def pair(
    src: Path = typer.Argument(..., metavar="SRC", help="Source document."),
    tgt: Path = typer.Argument(..., metavar="TGT", help="Target document (its translation)."),
    src_lang: Language = typer.Option(Language.zh, "--src-lang", help="Language of SRC."),
    tgt_lang: Language = typer.Option(Language.en, "--tgt-lang", help="Language of TGT."),
    output: list[Path] | None = typer.Option(
        None, "-o", "--output", metavar="OUT",
        help="Write here; the format follows the suffix: .align (ladder), .tsv, .jsonl, "
             ".tmx. Repeat to write several formats from one run. Without it, a TSV "
             "goes to stdout."),
    glossary: Path | None = typer.Option(
        None, "-g", "--glossary", metavar="GLOSSARY",
        help="Glossary (.tsv/.csv/.xlsx/.tbx) whose terms serve as alignment anchors."),
    presplit: bool = typer.Option(False, "--presplit",
                                  help="Inputs already have one sentence per line."),
    max_bead: int = typer.Option(4, "--max-bead", min=2, max=12,
                                 help="Most sentences on one side of a bead."),
    exclude_below: float | None = typer.Option(
        None, "--exclude-below", min=0.0, max=1.0, metavar="CONF",
        help="TMX: leave out beads whose confidence is below CONF (default: keep all)."),
    review_below: float = typer.Option(
        0.5, "--review-below", min=0.0, max=1.0, metavar="CONF",
        help="TMX: mark kept beads below CONF with x-review-state=needs-review."),
    src_locale: str | None = typer.Option(
        None, "--src-locale", help="TMX locale of SRC (default zh-CN or en-US)."),
    tgt_locale: str | None = typer.Option(
        None, "--tgt-locale", help="TMX locale of TGT, e.g. en-GB, zh-Hans, zh-TW."),
) -> None:
    """Align the sentences of SRC and TGT; warnings go to stderr, one line each."""
    from align.api import align_files
    from align.formats.alignment_out import check_output_suffix, format_tsv, write_alignment
    from align.formats.files import check_not_input

    outputs = output or []
    for out in outputs:  # refuse bad outputs before the work, not after it
        check_not_input(out, src, tgt, glossary)
        check_output_suffix(out)
    terms = None
    if glossary is not None:
        from align.formats.glossary import read_glossary

        terms = read_glossary(glossary)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        alignment = align_files(src, tgt, src_lang=src_lang.value, tgt_lang=tgt_lang.value,
                                presplit=presplit, glossary=terms, max_bead=max_bead)
    for w in caught:
        typer.echo(f"warning: {' '.join(str(w.message).split())}", err=True)
    if not outputs:
        typer.echo(format_tsv(alignment), nl=False)
    for out in outputs:
        write_alignment(alignment, out, min_confidence=exclude_below, review_below=review_below,
                        src_locale=src_locale, tgt_locale=tgt_locale)
        typer.echo(f"wrote {out} ({len(alignment.beads)} beads)", err=True)
