"""File-level face of the aligner: read, segment and align two files.

The engine entry, :func:`align.aligner.pipeline.align_segments`, takes sentence lists;
this module is the floor above it that opens files.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from align.aligner.pipeline import align_segments
from align.errors import ConfigError
from align.text.segment.srx import SrxRules
from align.text.variants import HANT, base_lang
from align.types import Alignment, Glossary, Segment


def read_segments(path: str | os.PathLike[str], lang: str, presplit: bool, *,
                  srx: SrxRules | None = None, notes: str = "keep") -> list[Segment]:
    """Sentences of a file: one per line with ``presplit``, else read and segmented
    (by the rules of ``srx`` where it has some for the language).

    ``lang`` is "zh", "zh-Hant" or "en".

    Raises:
        InputError: unreadable file, or text clearly in the other language.
    """
    from align.formats.documents import read_document, read_lines
    from align.text.langid import check_lang_matches
    from align.text.segment import segment_document, segments_from_lines

    code = base_lang(lang)
    if presplit:
        lines = read_lines(path)
        check_lang_matches("\n".join(lines), code, path)
        return segments_from_lines(lines, code)
    return segment_document(read_document(path, lang, notes=notes), srx=srx)


def align_files(src_path: str | os.PathLike[str], tgt_path: str | os.PathLike[str], *,
                src_lang: str = "zh", tgt_lang: str = "en", presplit: bool = False,
                glossary: Glossary | None = None, max_bead: int = 4,
                srx: SrxRules | None = None, notes: str = "keep") -> Alignment:
    """Read, segment and align two files.

    A language is "zh", "zh-Hant" (Chinese in traditional characters, aligned
    through its simplified view; "zh" detects the script) or "en". ``srx``:
    segmentation rules overriding the built-in ones (:func:`align.formats.srx.read_srx`);
    ``notes``: "keep" or "drop" Word/ODT/RTF notes, headers and footers.

    Raises:
        InputError: unreadable files or a file in the wrong language.
        ConfigError: bad settings.
    """
    if base_lang(src_lang) == base_lang(tgt_lang):
        raise ConfigError(f"--src-lang and --tgt-lang are both {src_lang!r}; one side must "
                          "be zh and the other en")
    src = read_segments(src_path, src_lang, presplit, srx=srx, notes=notes)
    tgt = read_segments(tgt_path, tgt_lang, presplit, srx=srx, notes=notes)
    alignment = align_segments(src, tgt, glossary=glossary, max_bead=max_bead,
                               traditional=True if HANT in (src_lang, tgt_lang) else None)
    # record which documents were aligned (TMX x-document, report headers)
    sig = {**alignment.signature, "src": Path(src_path).name, "tgt": Path(tgt_path).name,
           "segmenter": "presplit" if presplit else
           f"srx:{Path(srx.source).name}" if srx is not None else "zhen-align"}
    return dataclasses.replace(alignment, signature=sig)
