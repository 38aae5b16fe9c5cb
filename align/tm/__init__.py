"""Translation memory: a SQLite store with an n-gram index (:mod:`.store`), CAT-style
fuzzy match percentages (:mod:`.fuzzy`) and pre-translation of new texts
(:mod:`.pretranslate`)."""

from __future__ import annotations

from .fuzzy import BANDS, MatchScore, band, match_percent, score_match
from .store import AddReport, Match, TMStats, TMStore

__all__ = ["BANDS", "AddReport", "Match", "MatchScore", "TMStats", "TMStore", "band",
           "match_percent", "score_match"]
