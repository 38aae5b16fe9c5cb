"""``align tmx merge``: merge TMX files for one language pair."""

from __future__ import annotations

from pathlib import Path

import typer

from align.cli._app import app, new_app

tmx_app = new_app("TMX translation-memory files.")
app.add_typer(tmx_app, name="tmx")


@tmx_app.command("merge")
def merge(
    inputs: list[Path] = typer.Argument(..., metavar="TMX", help="TMX files to merge."),
    output: Path = typer.Option(..., "-o", "--output", help="Merged TMX file."),
    src_lang: str = typer.Option("zh-CN", "--src-lang", help="Source locale to keep."),
    tgt_lang: str = typer.Option("en-US", "--tgt-lang", help="Target locale to keep."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                      help="Skip invalid units instead of failing."),
    show: int = typer.Option(20, "--show", min=0, help="Conflicts to list (0: none)."),
) -> None:
    """Merge TMX files: exact duplicates removed, conflicting translations reported."""
    from align.tm.merge import merge_tmx

    r = merge_tmx(inputs, output, src_lang=src_lang, tgt_lang=tgt_lang,
                  skip_invalid=skip_invalid)
    typer.echo(f"{output}: {r.written} units written from {r.read} read; "
               f"{r.duplicates} duplicates removed; {len(r.conflicts)} conflicting sources")
    if r.skipped:
        typer.echo("skipped invalid units: " + ", ".join(f"{n} {k}" for k, n in r.skipped.items()))
    if r.filtered:
        typer.echo(f"{r.filtered} units without {src_lang}/{tgt_lang} left out")
    if r.removed_chars:
        typer.echo(f"{r.removed_chars} characters not allowed in XML removed")
    for c in r.conflicts[:show]:
        typer.echo(f"conflict: {c.source}")
        for t in c.targets:
            typer.echo(f"    -> {t}")
