"""``align terms``: propose new glossary entries from an aligned text."""

from __future__ import annotations

from pathlib import Path

import typer

from align.cli._app import Language, app


@app.command()
def terms(
    inputs: list[Path] = typer.Argument(
        ..., metavar="FILE",
        help="An alignment (.tsv from `align pair`, or .align with --src/--tgt), "
        "or two texts (source, target) to align on the fly."),
    src: Path | None = typer.Option(None, "--src", help="Source text of a .align ladder."),
    tgt: Path | None = typer.Option(None, "--tgt", help="Target text of a .align ladder."),
    glossary: Path | None = typer.Option(None, "--glossary", "-g",
                                         help="Known terms, left out of the proposals."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the candidates as a glossary (.tsv, .csv, "
                                       ".xlsx, .tbx)."),
    top: int | None = typer.Option(None, "--top", min=1, help="Keep the best N candidates."),
    min_freq: int = typer.Option(2, "--min-freq", min=1,
                                 help="Beads a repeated (unquoted) candidate must occur in."),
    reference: Path | None = typer.Option(
        None, "--reference", help="Score the candidates against this glossary: precision, "
        "and recall of its terms quoted in the text (printed to stderr)."),
    src_lang: Language = typer.Option(Language.zh, "--src-lang",
                                      help="Language of the source."),
    tgt_lang: Language = typer.Option(Language.en, "--tgt-lang",
                                      help="Language of the target."),
) -> None:
    """Propose glossary entries (quoted expressions, numbered slogans, repeated
    high-termhood word sequences) with their English, a score and evidence."""
    from align.terms.discover import discover_files

    res = discover_files(inputs, src=src, tgt=tgt, glossary=glossary, output=output, top=top,
                         src_lang=src_lang.value, tgt_lang=tgt_lang.value, min_freq=min_freq,
                         reference=reference)
    for c in res.candidates:
        typer.echo(f"{c.score:.3f}\t{c.zh}\t{c.en or '-'}\t{c.source}\t{c.freq}")
    if res.scores is not None:
        s = res.scores
        typer.echo(f"precision {s.precision:.3f} ({len(s.correct)}/{s.n} candidates match the "
                   f"reference); recall {s.recall:.3f} ({len(s.found)}/{len(res.targets)} "
                   f"quoted reference terms found: {' '.join(s.found)})", err=True)
