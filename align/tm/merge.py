"""Merging TMX files: one language pair, exact duplicates removed, conflicts reported."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from align.errors import InputError
from align.formats.files import check_not_input
from align.formats.tmx.reader import read_tmx
from align.formats.tmx.writer import write_tmx


@dataclass(frozen=True, slots=True)
class Conflict:
    """One source text with more than one translation across the inputs.

    Attributes:
        source: the source text.
        targets: the distinct translations, in the order met.
    """

    source: str
    targets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge did.

    Attributes:
        read: units read for the requested pair, over all inputs.
        written: units written.
        duplicates: exact duplicates (same source, target and locales) removed.
        conflicts: sources with different translations (all kept in the output).
        skipped: invalid units skipped, by reason (``skip_invalid=True``).
        filtered: units without the requested language pair.
        removed_chars: characters XML forbids removed while writing.
    """

    read: int
    written: int
    duplicates: int
    conflicts: tuple[Conflict, ...] = ()
    skipped: dict[str, int] = field(default_factory=dict)
    filtered: int = 0
    removed_chars: int = 0


def _digest(*parts: str) -> bytes:
    return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"),
                           digest_size=12).digest()


def merge_tmx(inputs: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str], *,
              src_lang: str = "zh-CN", tgt_lang: str = "en-US",
              skip_invalid: bool = False) -> MergeReport:
    """Merge TMX files into one, for one language pair.

    Units are read with inline markup kept (``inline="raw"``) and written back as
    markup, so tags survive. A unit is an exact duplicate when source, target and
    both locales are equal; only its first occurrence is written. Sources with
    several different translations are all kept and reported as conflicts. The
    header ``srclang`` is the one source locale met, or ``*all*`` if several
    (e.g. zh-CN and zh-TW for a ``zh`` request).

    Raises:
        InputError: no inputs, or the output is one of the inputs.
        FormatError: from reading (see :func:`align.tmx.read_tmx`).
    """
    if not inputs:
        raise InputError("give at least one TMX file to merge")
    check_not_input(output, *inputs)

    # Pass 1: source locales and sources with more than one translation.
    locales: set[str] = set()
    first_target: dict[bytes, bytes] = {}
    conflicted: set[bytes] = set()
    for p in inputs:
        for u in read_tmx(p, src_lang, tgt_lang, inline="raw", skip_invalid=skip_invalid):
            locales.add(u.source_lang)
            s, t = _digest(u.source), _digest(u.target)
            if first_target.setdefault(s, t) != t:
                conflicted.add(s)
    del first_target

    # Pass 2: write first occurrences, collect the conflicting translations.
    seen: set[bytes] = set()
    targets: dict[str, list[str]] = {}
    counts = {"read": 0, "dup": 0, "filtered": 0}
    skipped: dict[str, int] = {}

    def units():  # type: ignore[no-untyped-def]
        for p in inputs:
            reader = read_tmx(p, src_lang, tgt_lang, inline="raw", skip_invalid=skip_invalid)
            for u in reader:
                counts["read"] += 1
                key = _digest(u.source, u.target, u.source_lang, u.target_lang)
                if key in seen:
                    counts["dup"] += 1
                    continue
                seen.add(key)
                if _digest(u.source) in conflicted:
                    ts = targets.setdefault(u.source, [])
                    if u.target not in ts:
                        ts.append(u.target)
                yield u
            counts["filtered"] += reader.filtered
            for reason, n in reader.skipped.items():
                skipped[reason] = skipped.get(reason, 0) + n

    srclang = next(iter(locales)) if len(locales) == 1 else ("*all*" if locales else src_lang)
    result = write_tmx(output, units(), src_lang=srclang, inline="raw",
                       header_props={"x-merged-from": str(len(inputs))})
    conflicts = tuple(Conflict(s, tuple(ts)) for s, ts in targets.items() if len(ts) > 1)
    return MergeReport(counts["read"], int(result), counts["dup"], conflicts, skipped,
                       counts["filtered"], result.removed_chars)
