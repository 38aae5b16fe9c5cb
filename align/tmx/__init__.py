"""TMX 1.4b: streaming writer, safe streaming reader (TMX 1.1-1.4), merging.

Public API::

    write_tmx(path, units, *, src_lang=None, header_props=None) -> WriteResult (int)
    read_tmx(path, src_lang="zh-CN", tgt_lang="en-US", *, inline="text",
             skip_invalid=False) -> TmxReader (iterator of TranslationUnit)
    alignment_to_units(alignment, *, origin, min_confidence=None, review_below=0.5)
    merge_tmx(inputs, output, *, src_lang="zh-CN", tgt_lang="en-US") -> MergeReport
"""

from __future__ import annotations

from .lang import match_tier, normalize_locale, pick_variant
from .merge import Conflict, MergeReport, merge_tmx
from .reader import TmxReader, read_tmx
from .writer import (
    DEFAULT_LOCALES,
    WriteResult,
    alignment_to_units,
    clean_xml_text,
    tmx_date,
    write_tmx,
)

__all__ = [
    "DEFAULT_LOCALES", "Conflict", "MergeReport", "TmxReader", "WriteResult",
    "alignment_to_units", "clean_xml_text", "match_tier", "merge_tmx", "normalize_locale",
    "pick_variant", "read_tmx", "tmx_date", "write_tmx",
]
