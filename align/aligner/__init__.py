"""Sentence alignment of Chinese-English document pairs.

Length (Gale-Church, estimated on the pair), CC-CEDICT lexical evidence, numbers,
Latin tokens, quotation marks and glossary terms, searched coarse-to-fine in linear
time and memory, with self-training on the document pair. Public API:
:func:`align_segments`, :func:`align_files`, :func:`write_alignment`.
"""

from __future__ import annotations

from .api import AlignmentWarning, align_files, align_segments, read_segments
from .writers import check_output_suffix, format_jsonl, format_tsv, write_alignment

__all__ = ["AlignmentWarning", "align_files", "align_segments", "check_output_suffix",
           "format_jsonl", "format_tsv", "read_segments", "write_alignment"]
