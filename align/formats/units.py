"""Translation units to add to a TM: read from a TMX file, or made from an alignment
file read by :func:`align.formats.alignment.read_alignment` (the same contract as
``align check`` and ``align terms``)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

from align.errors import ConfigError
from align.formats.alignment import read_alignment
from align.formats.tmx.lang import lang_of_locale, normalize_locale
from align.formats.tmx.reader import TmxReader, read_tmx
from align.formats.tmx.writer import alignment_to_units
from align.types import LANGS, Alignment, TranslationUnit

#: The properties a unit made from an alignment file keeps: a table row is one
#: bead of the file, so the sentence-level ones (x-bead, x-sentences, x-paragraph)
#: would describe the row, not the sentences of the original texts.
UNIT_PROPS = ("x-document", "x-confidence", "x-review-state")


def units_from_alignment(alignment: Alignment, *, origin: str, src_locale: str,
                         tgt_locale: str, review_below: float = 0.5) -> Iterator[TranslationUnit]:
    """The units of an alignment: beads with both sides, with the document,
    confidence and review state (``needs-review`` below ``review_below``) as props.

    Raises:
        ConfigError: a locale that does not fit the alignment's language, or a
            threshold outside [0, 1].
    """
    for u in alignment_to_units(alignment, origin=origin, review_below=review_below,
                                src_locale=src_locale, tgt_locale=tgt_locale):
        yield dataclasses.replace(u, props=tuple(kv for kv in u.props if kv[0] in UNIT_PROPS))


def units_from_file(path: str | os.PathLike[str], *, src_locale: str = "zh-CN",
                    tgt_locale: str = "en-US", src: str | os.PathLike[str] | None = None,
                    tgt: str | os.PathLike[str] | None = None, skip_invalid: bool = False,
                    review_below: float = 0.5) -> Iterator[TranslationUnit] | TmxReader:
    """Units from a ``.tmx`` (its ``src_locale``/``tgt_locale`` variants, see
    :func:`align.formats.tmx.reader.read_tmx`) or from an alignment file (any of
    :data:`align.formats.alignment.SUFFIXES`, ``.align`` with its texts ``src`` and
    ``tgt``), whose units get these locales (see :func:`units_from_alignment`).

    An alignment file is read and checked completely before the first unit is
    made, so a bad row fails before anything is added.

    Raises:
        InputError, FormatError: as :func:`~align.formats.alignment.read_alignment`.
        ConfigError: a locale that is neither Chinese nor English for an alignment.
    """
    p = Path(path)
    if p.suffix.lower() == ".tmx":
        return read_tmx(p, src_locale, tgt_locale, skip_invalid=skip_invalid)
    sl, tl = normalize_locale(src_locale), normalize_locale(tgt_locale)
    langs = lang_of_locale(sl), lang_of_locale(tl)
    for loc, lang in zip((sl, tl), langs, strict=True):
        if lang not in LANGS:
            raise ConfigError(f"an alignment file pairs Chinese and English; the locale {loc} "
                              "is neither (use e.g. zh-CN, zh-TW, en-US, en-GB)")
    al = read_alignment(p, src=src, tgt=tgt, src_lang=langs[0], tgt_lang=langs[1])
    return units_from_alignment(al, origin=p.stem, src_locale=sl, tgt_locale=tl,
                                review_below=review_below)
