"""``align tm add|stats|export|lookup|pretranslate``: the translation-memory store.

One typed function per command opens the store, does one thing and closes it; the
typer wrapper below it only parses options and prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from align.cli._app import app, new_app
from align.cli.options import (
    Language,
    LanguageOrAuto,
    glossary_option,
    output_option,
    presplit_option,
    src_lang_option,
    src_locale_option,
    src_text_option,
    tgt_lang_option,
    tgt_locale_option,
    tgt_text_option,
    tm_option,
)
from align.errors import ConfigError
from align.formats.alignment import ROW_FORMATS
from align.types import Segment

if TYPE_CHECKING:  # the library loads on first use, so `align --help` stays fast
    from align.formats.tmx.writer import WriteResult
    from align.tm.pretranslate import Pretranslation
    from align.tm.store import AddReport, Match, TMStats

tm_app = new_app("Translation memory (SQLite store): add, stats, export, lookup, pretranslate.")
app.add_typer(tm_app, name="tm")

PathLike = str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class AddFileReport:
    """Result of ``align tm add``.

    Attributes:
        added: the store's report (read, added, duplicates).
        skipped: invalid TMX units skipped, by reason (``skip_invalid``).
        filtered: TMX units without the requested language pair.
        warnings: what the TMX reader read but did not use (extra variants).
    """

    added: AddReport
    skipped: dict[str, int] = field(default_factory=dict)
    filtered: int = 0
    warnings: tuple[str, ...] = ()


def add_file(tm: PathLike, path: PathLike, *, src_locale: str = "zh-CN",
             tgt_locale: str = "en-US", src: PathLike | None = None, tgt: PathLike | None = None,
             skip_invalid: bool = False) -> AddFileReport:
    """Add a TMX or alignment file to the TM at ``tm`` (created if missing), in one
    transaction: on any error nothing is added. The file is read completely before
    the TM is opened, so a bad file never creates a TM; a TM that exists is never
    removed (another process may have just imported into it).

    Args:
        tm: the TM database.
        path: a ``.tmx`` (its ``src_locale``/``tgt_locale`` variants are read) or an
            alignment file (:data:`align.formats.alignment.SUFFIXES`; .align with ``src``
            and ``tgt``),
            read as :func:`align.formats.alignment.read_alignment` reads it (its units
            get these locales).
        src_locale, tgt_locale: the locale pair.
        src, tgt: the two texts of a ``.align`` ladder.
        skip_invalid: skip invalid TMX units instead of failing.

    Raises:
        InputError, FormatError: unreadable file or TM, malformed rows or units.
    """
    from align.formats.tmx.reader import TmxReader
    from align.formats.units import units_from_file
    from align.tm.store import TMStore

    units = units_from_file(path, src_locale=src_locale, tgt_locale=tgt_locale, src=src,
                            tgt=tgt, skip_invalid=skip_invalid)
    todo = list(units)  # parsed before the TM is opened, let alone locked
    with TMStore(tm, create=True) as store:
        report = store.add(todo, name=Path(path).name)
    if isinstance(units, TmxReader):
        return AddFileReport(report, dict(units.skipped), units.filtered,
                             tuple(units.warnings()))
    return AddFileReport(report)


def tm_stats(tm: PathLike) -> TMStats:
    """Statistics of the TM at ``tm``.

    Raises:
        InputError: no such TM, or not a zhen-align TM.
    """
    from align.tm.store import TMStore

    with TMStore(tm, readonly=True) as store:
        return store.stats()


def export_tm(tm: PathLike, output: PathLike, *, src_lang: str | None = None,
              tgt_lang: str | None = None) -> WriteResult:
    """Export the TM (or the units of one language pair) to a TMX 1.4b file. The header
    ``srclang`` is ``*all*`` if the exported units have several source locales.

    Args:
        tm: the TM database.
        output: the TMX file; refused if it is the TM itself.
        src_lang, tgt_lang: only units with this source/target language ("zh"/"en";
            every locale of the language).

    Raises:
        InputError: no such TM, or the output is the TM.
    """
    from align.formats.files import check_output
    from align.formats.tmx.writer import write_tmx
    from align.tm.store import TMStore

    check_output(output, tm)
    with TMStore(tm, readonly=True) as store:
        locales = store.source_locales(src_lang=src_lang, tgt_lang=tgt_lang)
        srclang = next(iter(locales)) if len(locales) == 1 else ("*all*" if locales else None)
        return write_tmx(output, store.units(src_lang=src_lang, tgt_lang=tgt_lang),
                         src_lang=srclang, header_props={"x-exported-from": Path(tm).name})


def lookup_tm(tm: PathLike, query: str, *, src_lang: str | None = None, min_percent: int = 70,
              top: int = 5) -> list[Match]:
    """Fuzzy matches for ``query`` in the TM at ``tm`` (see :meth:`TMStore.lookup`);
    ``src_lang`` is the query's language (default: zh if it has Chinese characters).

    Raises:
        ConfigError: an empty or whitespace-only query.
        InputError: no such TM, or not a zhen-align TM.
    """
    from align.tm.store import TMStore

    check_query(query)
    with TMStore(tm, readonly=True) as store:
        return store.lookup(query, lang=src_lang, min_percent=min_percent, top=top)


def check_query(query: str) -> None:
    """Refuse an empty or whitespace-only ``tm lookup`` query.

    Raises:
        ConfigError: the query has no text.
    """
    if not query.strip():
        raise ConfigError("SENTENCE is empty; give the sentence to look up, e.g. "
                          "`align tm lookup \"我们要坚持改革开放。\" --tm TM`")


DRAFT_SUFFIXES = (".xlsx", ".tsv", ".xlf", ".xliff", ".tmx")


def check_draft_suffix(path: PathLike) -> str:
    """The draft format of ``path`` (its suffix, lower case).

    Raises:
        ConfigError: unknown suffix.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in DRAFT_SUFFIXES:
        raise ConfigError(f"{os.fspath(path)}: unknown draft format {suffix or '(no suffix)'}; "
                          "use .xlsx, .tsv, .xlf or .tmx")
    return suffix


def write_draft(pre: Pretranslation, path: PathLike, *, src_locale: str | None = None,
                signature: dict[str, str] | None = None, copy_source: bool = False) -> int:
    """Write the draft by suffix (see :mod:`align.tm.draft`): ``.xlf``/``.xliff``
    (XLIFF 1.2; ``copy_source`` as :func:`align.tm.draft.xliff_document`), ``.xlsx``
    (draft and analysis sheets; text, never formulas), ``.tsv`` or ``.tmx`` (context
    and 100 % matches only: a fuzzy match never becomes a TM unit). Returns the
    sentences written (units for TMX). Raises ConfigError for an unknown suffix."""
    from align.formats.files import atomic_write
    from align.formats.tmx.writer import write_tmx
    from align.formats.tsv import format_rows
    from align.formats.xliff import write_xliff
    from align.formats.xlsx import write_workbook
    from align.tm.draft import draft_columns, draft_rows, draft_sheets, draft_units, xliff_document
    from align.version import format_signature

    suffix = check_draft_suffix(path)
    sig = signature or {}
    if suffix == ".tmx":
        return int(write_tmx(path, draft_units(pre, src_locale),
                             header_props={"x-pretranslation": format_signature(sig)}))
    if suffix in (".xlf", ".xliff"):
        return write_xliff(path, xliff_document(pre, src_locale, sig, copy_source=copy_source))
    if suffix == ".xlsx":
        write_workbook(path, draft_sheets(pre, sig))
    else:  # one line per row: whitespace runs (line breaks too) become one space
        rows = draft_rows(pre)
        text = format_rows([draft_columns(pre),
                            *([" ".join(str(v).split()) for v in r] for r in rows)])
        with atomic_write(path) as f:
            f.write(text)
    return len(pre.rows)


def read_text_segments(path: PathLike, lang: str = "auto", presplit: bool = False
                       ) -> list[Segment]:
    """The sentences of a new text: read and segmented, or one per line (``presplit``);
    ``lang`` "auto" detects the language by script.

    Raises:
        InputError: unreadable file, or text clearly in the other language.
    """
    from align.api import read_segments

    if lang == "auto":
        from align.formats.documents import read_document, read_lines
        from align.text.langid import detect_lang
        from align.text.segment import segment_document

        if not presplit:
            return segment_document(read_document(path, None))
        lang = detect_lang("\n".join(read_lines(path)), path)
    return read_segments(path, lang, presplit)


def pretranslate_file(tm: PathLike, text: PathLike, output: PathLike | None = None, *,
                      src_lang: str = "zh", glossary: PathLike | None = None,
                      min_percent: int = 50, presplit: bool = False,
                      src_locale: str | None = None, copy_source: bool = False
                      ) -> Pretranslation:
    """Pre-translate a new text from the TM and write the draft to ``output`` if given.

    Args:
        tm: the TM database.
        text: the new text (.txt, .html, .docx; one sentence per line with ``presplit``).
        output: the draft (.xlf, .xlsx, .tsv or .tmx); checked before the work.
        src_lang: language of the text: "zh", "en" or "auto".
        glossary: a glossary whose terms are listed per sentence.
        min_percent: lowest match percentage used.
        presplit: the text has one sentence per line.
        src_locale: XLIFF/TMX draft: locale of the text (default zh-CN or en-US).
        copy_source: XLIFF draft: units without a match get their source as target.

    Raises:
        InputError, FormatError, ConfigError: bad inputs, draft format or settings.
    """
    from align.formats.files import check_output
    from align.formats.glossary import read_glossary
    from align.tm.pretranslate import pretranslate_segments
    from align.tm.store import TMStore

    if output is not None:
        if check_draft_suffix(output) not in (".xlf", ".xliff") and copy_source:
            raise ConfigError("--copy-source is for an XLIFF draft; write a .xlf, or leave it out")
        check_output(output, tm, text, glossary)
    gl = read_glossary(glossary) if glossary is not None else None
    with TMStore(tm, readonly=True) as store:
        segments = read_text_segments(text, src_lang, presplit)
        pre = pretranslate_segments(segments, store, glossary=gl, min_percent=min_percent,
                                    name=Path(text).name)
    if output is not None:
        from align.version import signature

        sig = signature(tm=Path(tm).name, min_percent=min_percent,
                        glossary=gl.checksum() if gl is not None else None)
        write_draft(pre, output, src_locale=src_locale, signature=sig, copy_source=copy_source)
    return pre


# -- commands -------------------------------------------------------------------------


@tm_app.command("add")
def add_cli(
    file: Path = typer.Argument(..., metavar="FILE",
                                help=f"A .tmx file, or an alignment ({ROW_FORMATS}; "
                                ".align with --src/--tgt)."),
    tm: Path = tm_option(),
    src: Path | None = src_text_option(),
    tgt: Path | None = tgt_text_option(),
    src_locale: str = src_locale_option("zh-CN", "Source locale (TMX: the variant to read)."),
    tgt_locale: str = tgt_locale_option("en-US", "Target locale (TMX: the variant to read)."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                      help="Skip invalid TMX units instead of failing."),
) -> None:
    """Add units to the TM (created if missing); all or nothing."""
    r = add_file(tm, file, src_locale=src_locale, tgt_locale=tgt_locale, src=src, tgt=tgt,
                 skip_invalid=skip_invalid)
    typer.echo(f"{tm}: {r.added.added} units added, {r.added.duplicates} already there "
               f"({r.added.read} read from {file.name})")
    if r.skipped:
        typer.echo(f"skipped {sum(r.skipped.values())} invalid units: "
                   + ", ".join(f"{n} {k}" for k, n in r.skipped.items()))
    if r.filtered:
        typer.echo(f"{r.filtered} units without {src_locale}/{tgt_locale} left out")
    for w in r.warnings:
        typer.echo(f"warning: {w}", err=True)


@tm_app.command("stats")
def stats_cli(tm: Path = tm_option()) -> None:
    """Print the size and content of the TM."""
    s = tm_stats(tm)
    typer.echo(f"{tm}: {s.units} units from {s.documents} documents, {s.imports} imports, "
               f"{s.grams} index bigrams, {s.file_bytes / 1e6:.1f} MB")
    for (sl, tl), n in s.pairs.items():
        typer.echo(f"  {sl} -> {tl}: {n}")
    for state, n in s.review_states.items():
        typer.echo(f"  review state {state}: {n}")


@tm_app.command("export")
def export_cli(
    tm: Path = tm_option(),
    output: Path = output_option("TMX file to write.", required=True),
    src_lang: Language | None = src_lang_option(None, "Only units with this source "
                                                      "language (any locale)."),
    tgt_lang: Language | None = tgt_lang_option(None, "Only units with this target "
                                                      "language (any locale)."),
) -> None:
    """Export the TM to TMX 1.4b."""
    n = export_tm(tm, output, src_lang=src_lang.code if src_lang else None,
                  tgt_lang=tgt_lang.code if tgt_lang else None)
    typer.echo(f"{output}: {int(n)} units written")
    if n.removed_chars:
        typer.echo(f"{n.removed_chars} characters not allowed in XML removed")
    if n.skipped_empty:
        typer.echo(f"{n.skipped_empty} units left out: a side was empty once those were removed")


@tm_app.command("lookup")
def lookup_cli(
    text: str = typer.Argument(..., metavar="SENTENCE", help="The sentence to look up."),
    tm: Path = tm_option(),
    src_lang: Language | None = src_lang_option(
        None, "Language of SENTENCE (default: zh if it has Chinese characters)."),
    min_percent: int = typer.Option(70, "--min", min=0, max=100,
                                    help="Lowest match percentage shown."),
    top: int = typer.Option(5, "--top", min=1, help="Number of matches shown."),
) -> None:
    """Fuzzy matches, ranked by CAT match percentage (then chrF)."""
    try:
        check_query(text)
    except ConfigError as e:  # a usage error: exit 2, one line
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    matches = lookup_tm(tm, text, src_lang=src_lang.code if src_lang else None,
                        min_percent=min_percent, top=top)
    if not matches:
        typer.echo(f"no match of {min_percent}% or more")
    for m in matches:
        typer.echo(f"{m.percent:>3}%  chrF {m.score.chrf:5.1f}  {m.source}\n"
                   f"      -> {m.target}  [{m.document or '?'}]")


@tm_app.command("pretranslate")
def pretranslate_cli(
    text: Path = typer.Argument(..., metavar="FILE", help="The new text (.txt, .html, .docx)."),
    tm: Path = tm_option(),
    output: Path = output_option(
        "Draft: .xlf (XLIFF 1.2 for a CAT tool), .xlsx (to work in, with the analysis), "
        ".tsv, or .tmx (context and 100 % matches only: a fuzzy match never becomes a TM "
        "unit).", required=True),
    glossary: Path | None = glossary_option("terms of each sentence with their approved "
                                            "English."),
    src_lang: LanguageOrAuto = src_lang_option(  # type: ignore[valid-type]
        "zh", "Language of the new text; auto detects it by script."),
    src_locale: str | None = src_locale_option(
        None, "XLIFF/TMX draft: locale of the new text (default zh-CN or en-US)."),
    min_percent: int = typer.Option(50, "--min", min=0, max=100,
                                    help="Lowest match percentage used."),
    presplit: bool = presplit_option("One sentence per line."),
    copy_source: bool = typer.Option(
        False, "--copy-source", help="XLIFF draft: sentences without a match get their "
        "source as target, state needs-translation (OmegaT 3.x translates <target> text)."),
) -> None:
    """Pre-translate a new text: best match per sentence (context 101 %, 100 %,
    repetitions, fuzzy bands; numbers substituted where only numbers differ), glossary
    terms, and the CAT analysis."""
    from align.tm.analysis import format_job_analysis

    pre = pretranslate_file(tm, text, output, src_lang=src_lang.value, glossary=glossary,
                            min_percent=min_percent, presplit=presplit, src_locale=src_locale,
                            copy_source=copy_source)
    typer.echo(format_job_analysis(pre.analysis()))
    subs = sum(1 for r in pre.rows if r.substituted)
    flagged = sum(1 for r in pre.rows if r.flagged)
    if subs or flagged:
        typer.echo(f"numbers substituted in {subs} matches; {flagged} matches flagged "
                   "(numbers differ, not substituted): check them")
    typer.echo(f"draft written to {output}")
