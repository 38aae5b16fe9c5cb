"""``align tm add|stats|export|lookup|pretranslate``: the translation-memory store."""

from __future__ import annotations

from pathlib import Path

import typer

from align.cli._app import app, new_app
from align.cli.segment import LangChoice

tm_app = new_app("Translation memory (SQLite store): add, stats, export, lookup, pretranslate.")
app.add_typer(tm_app, name="tm")

TM_OPT = typer.Option(..., "--tm", help="The TM database file (SQLite).")


@tm_app.command("add")
def add(
    file: Path = typer.Argument(..., metavar="FILE",
                                help="A .tmx file, or an alignment .tsv/.jsonl."),
    tm: Path = TM_OPT,
    src_lang: str = typer.Option("zh-CN", "--src-lang", help="Source locale."),
    tgt_lang: str = typer.Option("en-US", "--tgt-lang", help="Target locale."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                      help="Skip invalid TMX units instead of failing."),
) -> None:
    """Add units to the TM (created if missing); all or nothing."""
    from align.cli.tm_ops import add_file

    r = add_file(tm, file, src_lang=src_lang, tgt_lang=tgt_lang, skip_invalid=skip_invalid)
    typer.echo(f"{tm}: {r.added.added} units added, {r.added.duplicates} already there "
               f"({r.added.read} read from {file.name})")
    if r.skipped:
        typer.echo(f"skipped {sum(r.skipped.values())} invalid units: "
                   + ", ".join(f"{n} {k}" for k, n in r.skipped.items()))
    if r.filtered:
        typer.echo(f"{r.filtered} units without {src_lang}/{tgt_lang} left out")


@tm_app.command("stats")
def stats(tm: Path = TM_OPT) -> None:
    """Print the size and content of the TM."""
    from align.cli.tm_ops import tm_stats

    s = tm_stats(tm)
    typer.echo(f"{tm}: {s.units} units from {s.documents} documents, {s.imports} imports, "
               f"{s.grams} index bigrams, {s.file_bytes / 1e6:.1f} MB")
    for (sl, tl), n in s.pairs.items():
        typer.echo(f"  {sl} -> {tl}: {n}")
    for state, n in s.review_states.items():
        typer.echo(f"  review state {state}: {n}")


@tm_app.command("export")
def export(
    tm: Path = TM_OPT,
    output: Path = typer.Option(..., "-o", "--output", help="TMX file to write."),
    src_lang: str | None = typer.Option(None, "--src-lang", help="Only this source language."),
    tgt_lang: str | None = typer.Option(None, "--tgt-lang", help="Only this target language."),
) -> None:
    """Export the TM to TMX 1.4b."""
    from align.cli.tm_ops import export_tm

    n = export_tm(tm, output, src_lang=src_lang, tgt_lang=tgt_lang)
    typer.echo(f"{output}: {int(n)} units written")
    if n.removed_chars:
        typer.echo(f"{n.removed_chars} characters not allowed in XML removed")
    if n.skipped_empty:
        typer.echo(f"{n.skipped_empty} units left out: a side was empty once those were removed")


@tm_app.command("lookup")
def lookup(
    text: str = typer.Argument(..., metavar="SENTENCE", help="The sentence to look up."),
    tm: Path = TM_OPT,
    min_percent: int = typer.Option(70, "--min", min=0, max=100,
                                    help="Lowest match percentage shown."),
    top: int = typer.Option(5, "--top", min=1, help="Number of matches shown."),
) -> None:
    """Fuzzy matches, ranked by CAT match percentage (then chrF)."""
    from align.cli.tm_ops import lookup as do_lookup

    matches = do_lookup(tm, text, min_percent=min_percent, top=top)
    if not matches:
        typer.echo(f"no match of {min_percent}% or more")
    for m in matches:
        typer.echo(f"{m.percent:>3}%  chrF {m.score.chrf:5.1f}  {m.source}\n"
                   f"      -> {m.target}  [{m.document or '?'}]")


@tm_app.command("pretranslate")
def pretranslate(
    text: Path = typer.Argument(..., metavar="FILE",
                                help="The new text (.txt, .html, .docx)."),
    tm: Path = TM_OPT,
    output: Path = typer.Option(..., "-o", "--output", help="Draft: .xlsx, .tsv or .tmx."),
    glossary: Path | None = typer.Option(None, "--glossary", "-g",
                                         help="Glossary (.tsv, .csv, .xlsx, .tbx): terms "
                                         "of each sentence with their approved English."),
    lang: LangChoice = typer.Option(LangChoice.zh, "--lang",
                                    help="Language of the new text; auto detects it."),
    min_percent: int = typer.Option(50, "--min", min=0, max=100,
                                    help="Lowest match percentage used."),
    presplit: bool = typer.Option(False, "--presplit", help="One sentence per line."),
) -> None:
    """Pre-translate a new text: best match per sentence, glossary terms, analysis."""
    from align.cli.tm_ops import pretranslate as do_pretranslate
    from align.tm.pretranslate import format_analysis

    pre = do_pretranslate(tm, text, output, lang=lang.value, glossary=glossary,
                          min_percent=min_percent, presplit=presplit)
    typer.echo(format_analysis(pre))
    typer.echo(f"draft written to {output}")
