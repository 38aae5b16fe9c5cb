"""``align pair``: align a Chinese document with its English translation (or back)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path

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
from align.types import Alignment

PathLike = str | os.PathLike[str]


def pair_files(src: PathLike, tgt: PathLike, outputs: Sequence[PathLike] = (), *,
               src_lang: str = "zh", tgt_lang: str = "en", glossary: PathLike | None = None,
               presplit: bool = False, max_bead: int = 4, exclude_below: float | None = None,
               review_below: float = 0.5, src_locale: str | None = None,
               tgt_locale: str | None = None, srx: PathLike | None = None,
               notes: str = "keep", neural: bool = False,
               embedding_cache: PathLike | None = None, quiet: bool = True,
               wide_beads: bool = False) -> Alignment:
    """Align the sentences of two files and write the alignment to every output.

    Bad outputs (an input path, an unknown suffix) are refused before the work.

    Args:
        src, tgt: the source document and its translation.
        outputs: files to write; the format follows the suffix (see
            :func:`align.formats.alignment.write_alignment`).
        src_lang, tgt_lang: "zh" (or "zh-Hant") and "en" (either order).
        glossary: a glossary file whose terms serve as alignment anchors.
        presplit: the inputs have one sentence per line.
        max_bead: most sentences on one side of a bead.
        exclude_below, review_below: TMX low-confidence policy (see
            :func:`align.formats.tmx.writer.alignment_to_units`).
        src_locale, tgt_locale: TMX locales (default zh-CN/en-US by language).
        srx: an SRX file whose rules replace the built-in sentence rules.
        notes: "keep" or "drop" Word/ODT/RTF notes, headers and footers.
        neural: add sentence-embedding evidence (the ``neural`` extra).
        embedding_cache: folder of the embedding cache (default: the user cache).
        quiet: no progress display (else one on stderr when it is a terminal).
        wide_beads: also 2-4, 3-3, 3-4 and 4-4 beads (up to ``max_bead``).

    Returns:
        The alignment.

    Raises:
        InputError, FormatError, ConfigError: bad inputs, outputs or settings (an
            embedding cache without ``neural``).

    Warns:
        AlignmentWarning: inputs that look wrong for alignment.
    """
    from align.api import align_files
    from align.cli.progress import step_progress
    from align.errors import ConfigError
    from align.formats.alignment import check_output_suffix, write_alignment
    from align.formats.files import check_output
    from align.formats.glossary import read_glossary
    from align.formats.srx import read_srx

    if embedding_cache is not None and not neural:
        raise ConfigError(f"--embedding-cache {embedding_cache} is used only with --neural; "
                          "add --neural or leave it out")
    for out in outputs:
        check_output(out, src, tgt, glossary, srx)
        check_output_suffix(out)
    terms = read_glossary(glossary) if glossary is not None else None
    rules = read_srx(srx) if srx is not None else None
    with step_progress(quiet) as progress:
        alignment = align_files(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang,
                                presplit=presplit, glossary=terms, max_bead=max_bead,
                                srx=rules, notes=notes, neural=neural,
                                embedding_cache=embedding_cache, progress=progress,
                                wide_beads=wide_beads)
        for out in outputs:
            if progress is not None:
                progress(f"writing {out}")
            write_alignment(alignment, out, min_confidence=exclude_below,
                            review_below=review_below, src_locale=src_locale,
                            tgt_locale=tgt_locale)
    return alignment


@app.command("pair")
def pair_cli(
    src: Path = typer.Argument(..., metavar="SRC", help="Source document."),
    tgt: Path = typer.Argument(..., metavar="TGT", help="Target document (its translation)."),
    src_lang: Language = src_lang_option(help="Language of SRC."),
    tgt_lang: Language = tgt_lang_option(help="Language of TGT."),
    output: list[Path] | None = typer.Option(
        None, "-o", "--output", metavar="OUT",
        help="Write here; the format follows the suffix: .align (ladder), .tsv, .csv, "
             ".xlsx, .jsonl, .tmx, .xlf (XLIFF 1.2, one unit per bead). Repeat to write "
             "several formats from one run. Without it, a TSV goes to stdout."),
    glossary: Path | None = glossary_option("its terms serve as alignment anchors."),
    presplit: bool = presplit_option(),
    max_bead: int = max_bead_option(),
    exclude_below: float | None = exclude_below_option(
        "TMX: leave out beads whose confidence is below CONF (default: keep all)."),
    review_below: float = review_below_option(
        "TMX: mark kept beads below CONF with x-review-state=needs-review; XLIFF: "
        "state needs-review-translation."),
    src_locale: str | None = src_locale_option(None, "TMX/XLIFF locale of SRC (default zh-CN or "
                                                     "en-US)."),
    tgt_locale: str | None = tgt_locale_option(None, "TMX/XLIFF locale of TGT, e.g. en-GB, zh-Hans, "
                                                     "zh-TW."),
    srx: Path | None = srx_option(),
    docx_notes: DocxNotes = docx_notes_option(),
    neural: bool = neural_option(),
    embedding_cache: Path | None = embedding_cache_option(),
    wide_beads: bool = wide_beads_option(),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="No progress display on stderr (it is shown only when "
                                    "stderr is a terminal)."),
) -> None:
    """Align the sentences of SRC and TGT; warnings go to stderr, one line each."""
    outputs = output or []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            alignment = pair_files(src, tgt, outputs, src_lang=src_lang.value,
                                   tgt_lang=tgt_lang.value, glossary=glossary,
                                   presplit=presplit, max_bead=max_bead,
                                   exclude_below=exclude_below, review_below=review_below,
                                   src_locale=src_locale, tgt_locale=tgt_locale, srx=srx,
                                   notes=docx_notes.value, neural=neural,
                                   embedding_cache=embedding_cache, quiet=quiet,
                                   wide_beads=wide_beads)
        finally:  # the warnings are shown even when writing an output fails
            for w in caught:
                typer.echo(f"warning: {' '.join(str(w.message).split())}", err=True)
    if not outputs:
        from align.formats.alignment_out import format_tsv

        typer.echo(format_tsv(alignment), nl=False)
    for out in outputs:
        typer.echo(f"wrote {out} ({len(alignment.beads)} beads)", err=True)
