"""One function per ``align tm`` command: open the store, do one thing, close it."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from align.formats.files import check_not_input
from align.formats.tmx.reader import TmxReader
from align.formats.tmx.writer import WriteResult, write_tmx
from align.tm.pretranslate import (
    Pretranslation,
    check_draft_suffix,
    pretranslate_file,
    write_draft,
)
from align.tm.store import AddReport, Match, TMStats, TMStore


@dataclass(frozen=True, slots=True)
class AddFileReport:
    """Result of ``align tm add``.

    Attributes:
        added: the store's report (read, added, duplicates).
        skipped: invalid TMX units skipped, by reason (``skip_invalid``).
        filtered: TMX units without the requested language pair.
    """

    added: AddReport
    skipped: dict[str, int] = field(default_factory=dict)
    filtered: int = 0


def add_file(tm: str | os.PathLike[str], path: str | os.PathLike[str], *,
             src_lang: str = "zh-CN", tgt_lang: str = "en-US",
             skip_invalid: bool = False) -> AddFileReport:
    """Add a TMX or alignment file to the TM at ``tm`` (created if missing), in one
    transaction: on any error nothing is added (and a TM this call created is removed)."""
    from align.formats.units import units_from_file

    units = units_from_file(path, src_lang=src_lang, tgt_lang=tgt_lang,
                            skip_invalid=skip_invalid)
    new = not os.path.lexists(tm)
    try:
        with TMStore(tm, create=True) as store:
            report = store.add(units, name=Path(path).name)
    except BaseException:
        if new:  # a failed first import leaves no empty TM behind
            for leftover in ("", "-journal", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{os.fspath(tm)}{leftover}")
        raise
    if isinstance(units, TmxReader):
        return AddFileReport(report, dict(units.skipped), units.filtered)
    return AddFileReport(report)


def tm_stats(tm: str | os.PathLike[str]) -> TMStats:
    """Statistics of the TM at ``tm``."""
    with TMStore(tm, readonly=True) as store:
        return store.stats()


def export_tm(tm: str | os.PathLike[str], output: str | os.PathLike[str], *,
              src_lang: str | None = None, tgt_lang: str | None = None) -> WriteResult:
    """Export the TM (or one language pair of it) to a TMX 1.4b file. The header
    ``srclang`` is ``*all*`` if the exported units have several source locales."""
    check_not_input(output, tm)
    with TMStore(tm, readonly=True) as store:
        locales = store.source_locales(src_lang=src_lang, tgt_lang=tgt_lang)
        srclang = next(iter(locales)) if len(locales) == 1 else ("*all*" if locales else None)
        return write_tmx(output, store.units(src_lang=src_lang, tgt_lang=tgt_lang),
                         src_lang=srclang, header_props={"x-exported-from": Path(tm).name})


def lookup(tm: str | os.PathLike[str], query: str, *, min_percent: int = 70, top: int = 5,
           lang: str | None = None) -> list[Match]:
    """Fuzzy matches for ``query`` in the TM at ``tm`` (see :meth:`TMStore.lookup`)."""
    with TMStore(tm, readonly=True) as store:
        return store.lookup(query, lang=lang, min_percent=min_percent, top=top)


def pretranslate(tm: str | os.PathLike[str], text: str | os.PathLike[str],
                 output: str | os.PathLike[str] | None = None, *, lang: str = "zh",
                 glossary: str | os.PathLike[str] | None = None, min_percent: int = 50,
                 presplit: bool = False) -> Pretranslation:
    """Pre-translate ``text`` from the TM; write the draft to ``output`` if given."""
    if output is not None:
        check_draft_suffix(output)  # before the work, not after it
        check_not_input(output, tm, text, glossary)
    gl = None
    if glossary is not None:
        from align.formats.glossary import read_glossary

        gl = read_glossary(glossary)
    with TMStore(tm, readonly=True) as store:
        pre = pretranslate_file(text, store, lang=lang, glossary=gl, min_percent=min_percent,
                                presplit=presplit)
    if output is not None:
        write_draft(pre, output)
    return pre
