"""Merging streams of translation units: exact duplicates removed, conflicts reported.

An engine on :class:`~align.types.TranslationUnit` streams; reading and writing the
TMX files is the command's work (:func:`align.cli.tmx.merge_tmx`). The merge runs in
two passes so that memory holds digests, not units: :meth:`UnitMerger.scan` sees every
unit once to learn the source locales and which sources have several translations;
:meth:`UnitMerger.unique` then yields the first occurrence of every unit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from align.types import TranslationUnit


@dataclass(frozen=True, slots=True)
class Conflict:
    """One source text with more than one translation across the inputs.

    Attributes:
        source: the source text.
        targets: the distinct translations, in the order met.
    """

    source: str
    targets: tuple[str, ...]


def _digest(*parts: str) -> bytes:
    return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"),
                           digest_size=12).digest()


class UnitMerger:
    """Two-pass merge of unit streams.

    A unit is an exact duplicate when source, target and both locales are equal; only
    its first occurrence is kept. Sources with several different translations keep
    every translation and are reported by :meth:`conflicts`.

    Attributes:
        locales: the source locales met in :meth:`scan`.
        read: units seen by :meth:`unique`.
        duplicates: exact duplicates :meth:`unique` left out.
    """

    def __init__(self) -> None:
        self.locales: set[str] = set()
        self.read = 0
        self.duplicates = 0
        self._first_target: dict[bytes, bytes] = {}
        self._conflicted: set[bytes] = set()
        self._seen: set[bytes] = set()
        self._targets: dict[str, list[str]] = {}

    def scan(self, units: Iterable[TranslationUnit]) -> None:
        """Pass 1 (call once per input): note source locales and conflicting sources."""
        for u in units:
            self.locales.add(u.source_lang)
            s, t = _digest(u.source), _digest(u.target)
            if self._first_target.setdefault(s, t) != t:
                self._conflicted.add(s)

    def unique(self, units: Iterable[TranslationUnit]) -> Iterator[TranslationUnit]:
        """Pass 2 (after every :meth:`scan`, once per input, in the same order): the
        units that are not exact duplicates of an earlier one."""
        self._first_target.clear()  # pass 1 is over; its digests are not needed
        for u in units:
            self.read += 1
            key = _digest(u.source, u.target, u.source_lang, u.target_lang)
            if key in self._seen:
                self.duplicates += 1
                continue
            self._seen.add(key)
            if _digest(u.source) in self._conflicted:
                ts = self._targets.setdefault(u.source, [])
                if u.target not in ts:
                    ts.append(u.target)
            yield u

    def source_locale(self, default: str) -> str:
        """The header ``srclang`` of the merge: the one source locale met, ``*all*`` if
        several (e.g. zh-CN and zh-TW for a ``zh`` request), ``default`` if none."""
        if len(self.locales) == 1:
            return next(iter(self.locales))
        return "*all*" if self.locales else default

    def conflicts(self) -> tuple[Conflict, ...]:
        """Sources written with more than one translation, in the order met."""
        return tuple(Conflict(s, tuple(ts)) for s, ts in self._targets.items() if len(ts) > 1)
