"""Result types of the TM store: what an import did, a fuzzy match, statistics."""

from __future__ import annotations

from dataclasses import dataclass, field

from align.tm.fuzzy import MatchScore


@dataclass(frozen=True, slots=True)
class AddReport:
    """Result of adding units to the store.

    Attributes:
        read: units offered.
        added: new units stored.
        duplicates: units already in the store (or repeated in the input).
    """

    read: int
    added: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class Match:
    """A fuzzy match from the store.

    Attributes:
        score: percentage, placeables-only flag and chrF (:class:`MatchScore`).
        source, target: the stored unit.
        source_lang, target_lang: its locales.
        document, created, confidence: its origin.
    """

    score: MatchScore
    source: str
    target: str
    source_lang: str
    target_lang: str
    document: str | None
    created: str | None
    confidence: float | None

    @property
    def percent(self) -> int:
        """The match percentage."""
        return self.score.percent


@dataclass(frozen=True, slots=True)
class TMStats:
    """Size and content of a store.

    Attributes:
        units: number of units.
        pairs: units per (source locale, target locale).
        documents: number of distinct origin documents.
        review_states: units per review state.
        imports: number of imports.
        grams: distinct index bigrams.
        file_bytes: database size on disk.
    """

    units: int
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    documents: int = 0
    review_states: dict[str, int] = field(default_factory=dict)
    imports: int = 0
    grams: int = 0
    file_bytes: int = 0
