"""The batch's translation memory: every pair's units added to one TM at the end,
by the one process that ran the batch (a single writer, whatever the runner).

The units are read back from each pair's output file, so pairs left unchanged by
a re-run are added too, and adding twice adds nothing new (the TM keeps one copy
of a unit).
"""

from __future__ import annotations

import os
from pathlib import Path

from align.batch.pairing import PairSpec
from align.batch.summary import PairResult
from align.batch.tasks import BatchOptions
from align.errors import ConfigError
from align.formats.tmx.writer import DEFAULT_LOCALES
from align.formats.units import units_from_file
from align.text.variants import base_lang
from align.tm.results import AddReport
from align.tm.store import TMStore

#: Output formats a TM import reads back, best first (TMX keeps --exclude-below).
TM_SOURCES = ("tmx", "tsv", "csv", "jsonl", "xlsx")


def tm_source(options: BatchOptions) -> str:
    """The output format the TM import reads.

    Raises:
        ConfigError: no output format the import can read (``.align`` only).
    """
    for fmt in TM_SOURCES:
        if fmt in options.formats:
            return fmt
    raise ConfigError(f"--tm reads the units from an output; add one of {', '.join(TM_SOURCES)} "
                      "to --format")


def add_batch_to_tm(tm: str | os.PathLike[str], out_dir: str | os.PathLike[str],
                    pairs: list[PairSpec], rows: list[PairResult],
                    options: BatchOptions) -> AddReport:
    """Add the units of every pair that has outputs (not failed) to the TM ``tm``
    (created if missing), one import per pair, named by its output file.

    Returns:
        Totals over the pairs.

    Raises:
        InputError, FormatError, ConfigError: as :meth:`align.tm.store.TMStore.add`
            and :func:`align.formats.units.units_from_file`.
    """
    fmt = tm_source(options)
    ok = {r.id for r in rows if r.status != "failed"}
    read = added = 0
    with TMStore(tm, create=True) as store:
        for spec in pairs:
            if spec.id not in ok:
                continue
            path = Path(out_dir) / f"{spec.id}.{fmt}"
            units = units_from_file(
                path, src_locale=options.src_locale or DEFAULT_LOCALES[base_lang(spec.src_lang)],
                tgt_locale=options.tgt_locale or DEFAULT_LOCALES[base_lang(spec.tgt_lang)],
                review_below=options.review_below)
            report = store.add(units, name=path.name)
            read += report.read
            added += report.added
    return AddReport(read, added, read - added)
