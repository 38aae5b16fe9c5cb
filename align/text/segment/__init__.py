"""Sentence segmentation for Chinese and English: rule-based, deterministic, linear.

Both languages share one frame: the text is cut at line breaks (a line break is
always a boundary, so a heading line without final punctuation is a sentence of
its own), and inside each line a compiled regular expression finds *candidate*
sentence ends; each candidate is then accepted or rejected by a few constant-time
checks on its neighbourhood. Spans are trimmed of surrounding whitespace, and
``text[start:end]`` is always the sentence.

The rules of each language are in :mod:`align.text.segment.zh` and
:mod:`align.text.segment.en`; SRX rules (:mod:`align.text.segment.srx`) can replace
them. No rule names a particular document; everything is
driven by punctuation, letter case and small closed word lists.

Nothing here reads or writes a file: documents are read by
:func:`align.formats.documents.read_document`, and callers write the sentences.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from align.errors import ConfigError
from align.text.script import SPACES as _TRIM
from align.text.segment import en, zh
from align.text.segment.srx import SrxRules, srx_breaks
from align.types import Document, Segment, check_lang

__all__ = ["FORMATS", "format_segments", "segment_document", "segments_from_lines",
           "split_sentences"]

FORMATS = ("lines", "jsonl")

# A line break of any kind (what str.splitlines() splits on) is a boundary.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def split_sentences(text: str, lang: str, *, semicolon: bool = False,
                    srx: SrxRules | None = None) -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Args:
        text: any text; line breaks are sentence boundaries.
        lang: ``"zh"`` or ``"en"``.
        semicolon: also split after ``；`` / ``;`` (enumerations in official texts).
        srx: SRX rules; where they have rules for ``lang``, they replace the
            built-in ones (and ``semicolon``) inside each line.

    Returns:
        ``(start, end)`` spans into ``text``, ascending and non-overlapping, trimmed
        of surrounding whitespace; ``text[start:end]`` is the sentence. Blank text
        gives ``[]``.

    Raises:
        ConfigError: for an unknown language code.
    """
    split = zh.split_line if check_lang(lang) == "zh" else en.split_line
    rules = srx.for_lang(lang) if srx is not None else None
    raw: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        if rules is None:
            split(text, line.start(), line.end(), semicolon, raw)
        else:
            cuts = [line.start(), *srx_breaks(text, line.start(), line.end(), rules),
                    line.end()]
            raw.extend(zip(cuts, cuts[1:], strict=False))
    spans = []
    for s, e in raw:
        while s < e and (text[s].isspace() or text[s] in _TRIM):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _TRIM):
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def segment_document(doc: Document, *, semicolon: bool = False,
                     srx: SrxRules | None = None) -> list[Segment]:
    """Split every paragraph of ``doc`` into sentences (by the rules of ``srx`` if it
    has some for the document's language, see :func:`split_sentences`).

    Returns:
        Segments with a global 0-based ``index``, the paragraph index, and spans
        into ``doc.text``.
    """
    out: list[Segment] = []
    for para, offset in zip(doc.paragraphs, doc.paragraph_offsets(), strict=True):
        for s, e in split_sentences(para.text, doc.lang, semicolon=semicolon, srx=srx):
            out.append(Segment(para.text[s:e], doc.lang, len(out), para.index,
                               (offset + s, offset + e)))
    return out


def segments_from_lines(lines: Sequence[str], lang: str) -> list[Segment]:
    """Segments for pre-split input: one sentence per line, all in paragraph 0.

    Lines are trimmed of surrounding whitespace; blank lines yield no segment (so
    indices count non-blank lines, as :func:`align.formats.documents.read_lines` does).
    Spans index into ``"\\n".join(lines)``.

    Raises:
        ConfigError: for an unknown language code.
    """
    code = check_lang(lang)
    out: list[Segment] = []
    pos = 0
    for line in lines:
        stripped = line.strip()
        if stripped:
            s = pos + line.index(stripped)
            out.append(Segment(stripped, code, len(out), 0, (s, s + len(stripped))))
        pos += len(line) + 1
    return out


def format_segments(segments: Sequence[Segment], fmt: str = "lines") -> str:
    """Render segments: ``"lines"`` (one sentence per line) or ``"jsonl"``
    (``{"index", "paragraph", "start", "end", "text"}`` per line, UTF-8 as is).

    Raises:
        ConfigError: for an unknown format.
    """
    if fmt == "lines":
        rows = [" ".join(s.text.split()) if "\n" in s.text else s.text for s in segments]
    elif fmt == "jsonl":
        rows = [json.dumps({"index": s.index, "paragraph": s.paragraph, "start": s.span[0],
                            "end": s.span[1], "text": s.text}, ensure_ascii=False)
                for s in segments]
    else:
        raise ConfigError(f"unknown output format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return "".join(r + "\n" for r in rows)
