"""File-level face of the aligner: read, segment and align two files.

The engine entry, :func:`align.aligner.pipeline.align_segments`, takes sentence lists;
this module is the floor above it that opens files.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from align.aligner.pipeline import align_segments
from align.errors import ConfigError
from align.types import Alignment, Glossary, Segment, check_lang


def read_segments(path: str | os.PathLike[str], lang: str, presplit: bool) -> list[Segment]:
    """Sentences of a file: one per line with ``presplit``, else read and segmented.

    Raises:
        InputError: unreadable file, or text clearly in the other language.
    """
    from align.formats.documents import read_document, read_lines
    from align.text.langid import check_lang_matches
    from align.text.segment import segment_document, segments_from_lines

    check_lang(lang)
    if presplit:
        lines = read_lines(path)
        check_lang_matches("\n".join(lines), lang, path)
        return segments_from_lines(lines, lang)
    return segment_document(read_document(path, lang))


def align_files(src_path: str | os.PathLike[str], tgt_path: str | os.PathLike[str], *,
                src_lang: str = "zh", tgt_lang: str = "en", presplit: bool = False,
                glossary: Glossary | None = None, max_bead: int = 4,
                progress: Callable[[str], None] | None = None,
                wide_beads: bool = False) -> Alignment:
    """Read, segment and align two files (``progress`` is called with the name of each
    step as it starts; ``wide_beads``: also 2-4, 3-3, 3-4 and 4-4 beads).

    Raises:
        InputError: unreadable files or a file in the wrong language.
        ConfigError: bad settings.
    """
    check_lang(src_lang)
    check_lang(tgt_lang)
    if src_lang == tgt_lang:
        raise ConfigError(f"--src-lang and --tgt-lang are both {src_lang!r}; one side must "
                          "be zh and the other en")
    if progress is not None:
        progress("reading")
    src = read_segments(src_path, src_lang, presplit)
    tgt = read_segments(tgt_path, tgt_lang, presplit)
    alignment = align_segments(src, tgt, glossary=glossary, max_bead=max_bead,
                               progress=progress, wide_beads=wide_beads)
    # record which documents were aligned (TMX x-document, report headers)
    sig = {**alignment.signature, "src": Path(src_path).name, "tgt": Path(tgt_path).name,
           "segmenter": "presplit" if presplit else "zhen-align"}
    return dataclasses.replace(alignment, signature=sig)
