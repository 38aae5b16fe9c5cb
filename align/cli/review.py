"""``align review``: correct an alignment in the browser (the review workbench).

:func:`review_session` does the file-level work (read or align, and the save
function that writes the alignment back and to every ``-o``); :func:`review` is its
typer wrapper, which serves the session on 127.0.0.1 until Ctrl-C.
"""

from __future__ import annotations

import gc
import os
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from align.cli._app import app
from align.cli.options import (
    Language,
    embedding_cache_option,
    glossary_option,
    neural_option,
    src_lang_option,
    src_text_option,
    tgt_lang_option,
    tgt_text_option,
)
from align.errors import InputError
from align.formats.alignment import OUTPUT_FORMATS, ROW_FORMATS, ROW_SUFFIXES
from align.types import Alignment

if TYPE_CHECKING:
    from align.review.session import ReviewSession

PathLike = str | os.PathLike[str]


def review_session(alignment: PathLike | None, src: PathLike | None = None,
                   tgt: PathLike | None = None, *, outputs: Sequence[PathLike] = (),
                   glossary: PathLike | None = None, src_lang: str = "zh",
                   tgt_lang: str = "en", neural: bool = False,
                   embedding_cache: PathLike | None = None) -> ReviewSession:
    """The review of an alignment file, or of two texts aligned first.

    * ``alignment`` alone: any file ``align check`` reads
      (:data:`align.formats.alignment.ROW_SUFFIXES`: tables, JSON lines, XLIFF); its
      rows (units) are cut back into sentences where that is lossless
      (:func:`align.review.sentences.split_rows`);
    * a ``.align`` ladder with its texts ``src`` and ``tgt`` (the ladder holds no
      text, so sentences cannot be corrected);
    * ``src`` and ``tgt`` with an ``alignment`` that does not exist yet: the texts
      are aligned and the review is saved there (run the same command again to
      resume: the file exists then and is read);
    * ``src`` and ``tgt`` alone: aligned, saved only to ``outputs``.

    ``neural`` and ``embedding_cache``: when the texts are aligned, add sentence
    embeddings as ``align pair --neural`` does, through the same cache (a text
    aligned before with ``--neural`` is not embedded again).

    Saving writes the alignment back to ``alignment`` in its own format and to every
    output (:data:`align.formats.alignment.OUTPUT_SUFFIXES`), atomically, review state
    included.

    Raises:
        InputError, FormatError, ConfigError: bad inputs, outputs or settings, all
            before the server starts.
    """
    from align.formats.alignment import check_output_suffix, read_alignment, write_alignment
    from align.formats.files import check_output
    from align.formats.glossary import read_glossary
    from align.review.sentences import split_rows
    from align.review.session import ReviewSession

    main = Path(alignment) if alignment is not None else None
    targets = [p for p in (main, *map(Path, outputs)) if p is not None]
    if not targets:
        raise InputError("nowhere to save the review: give an ALIGNMENT file, or -o OUT")
    for out in targets:
        check_output_suffix(out)
        if out != main or not out.exists():
            check_output(out, src, tgt, glossary)
    if embedding_cache is not None and not neural:
        from align.errors import ConfigError

        raise ConfigError(f"--embedding-cache {embedding_cache} is used only with --neural; "
                         "add --neural or leave it out")
    terms = read_glossary(glossary) if glossary is not None else None
    ladder = main is not None and main.suffix.lower() == ".align"
    if main is not None and (main.exists() or ladder):
        al = read_alignment(main, src=src if ladder else None, tgt=tgt if ladder else None,
                            src_lang=src_lang, tgt_lang=tgt_lang)
        if main.suffix.lower() in ROW_SUFFIXES:
            al = split_rows(al)
    elif src is not None and tgt is not None:
        from align.api import align_files

        al = align_files(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, glossary=terms,
                         neural=neural, embedding_cache=embedding_cache)
    else:
        raise InputError(f"{main} does not exist; give --src and --tgt to align two texts "
                         "and review the result there" if main is not None else
                         "nothing to review: give an alignment file, or --src and --tgt")

    def save(current: Alignment) -> list[str]:
        for out in targets:
            write_alignment(current, out)
        return [str(out) for out in targets]

    name = main.name if main is not None else Path(targets[0]).name
    meta = {"name": name, "path": str(main or targets[0]),
            "outputs": [str(p) for p in targets if p != main]}
    return ReviewSession(al, terms, save=save, meta=meta,
                         can_edit_text=not any(p.suffix.lower() == ".align" and p == main
                                               for p in targets))


@app.command("review")
def review(
    alignment: Path | None = typer.Argument(
        None, metavar="ALIGNMENT",
        help=f"The alignment to review and save back: {ROW_FORMATS} (from `align pair`), "
             "or a .align ladder with --src/--tgt. With --src/--tgt and a file "
             "that does not exist yet, the texts are aligned first and saved there."),
    src: Path | None = src_text_option("Source text (of a .align ladder, or to align)."),
    tgt: Path | None = tgt_text_option("Target text (of a .align ladder, or to align)."),
    glossary: Path | None = glossary_option("its terms are highlighted and checked."),
    output: list[Path] | None = typer.Option(
        None, "-o", "--output", metavar="OUT",
        help=f"Also save here on every save: {OUTPUT_FORMATS} (repeat for several)."),
    port: int = typer.Option(0, "--port", min=0, max=65535,
                             help="Port on 127.0.0.1 (default: any free port)."),
    no_browser: bool = typer.Option(False, "--no-browser",
                                    help="Print the address only; do not open a browser."),
    src_lang: Language = src_lang_option(),
    tgt_lang: Language = tgt_lang_option(),
    neural: bool = neural_option(),
    embedding_cache: Path | None = embedding_cache_option(),
) -> None:
    """Review and correct an alignment in the browser, then save it (Ctrl-C stops).

    Prints the address of the page, with its secret token; only this machine can
    reach it, and only with the token.
    """
    from align.review.server import ReviewServer

    session = review_session(alignment, src, tgt, outputs=output or [], glossary=glossary,
                             src_lang=src_lang.code, tgt_lang=tgt_lang.code, neural=neural,
                             embedding_cache=embedding_cache)
    server = ReviewServer(session, port=port)
    n = len(session.alignment.beads)
    typer.echo(f"reviewing {n} beads of {session.meta['name']} at", err=True)
    typer.echo(server.url)
    typer.echo("Ctrl-C stops the server; Ctrl+S in the page saves.", err=True)
    if not no_browser:
        webbrowser.open(server.url)
    # The alignment lives as long as the server: keep the garbage collector from
    # walking its (hundreds of thousands of) objects again at every collection.
    gc.freeze()
    server.run()
    if session.dirty:
        typer.echo("warning: stopped with unsaved changes; they are lost", err=True)
