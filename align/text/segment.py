"""Sentence segmentation for Chinese and English: rule-based, deterministic, linear.

Both languages share one frame: the text is cut at line breaks (a line break is
always a boundary, so a heading line without final punctuation is a sentence of
its own), and inside each line a compiled regular expression finds *candidate*
sentence ends; each candidate is then accepted or rejected by a few constant-time
checks on its neighbourhood. Spans are trimmed of surrounding whitespace, and
``text[start:end]`` is always the sentence.

Chinese (``"zh"``):
    * ``。！？｡`` end a sentence, as do runs like ``！？``, half-width ``?``/``!`` not
      after a Latin letter or digit (``Yahoo!`` is a name), and ellipses ``……``,
      ``…``, ``⋯⋯``, ``......``. A half-width ``.`` never ends a Chinese sentence
      (``3.5%``, ``1.坚持``, English quoted inside Chinese).
    * A run of closing quotes/brackets right after the terminator stays with the
      sentence it closes: ``他说：“今天下雨了。”然后他走了。`` splits after ``”``.
    * Quotes, brackets and title marks are paired per line; no split happens
      inside a pair (``“今天下雨了。明天也下。”`` is one unit, as is ``。`` inside
      ``（…）`` or ``！`` inside ``《…》``). Unpaired marks are ignored, so a quotation
      that runs on into the next paragraph does not swallow the rest of the line.
    * After a closing bracket the sentence ends only if the bracket opened at the
      start of the sentence (``……。（新华社）`` vs ``他（真的！）来了``); after a title
      mark ``》`` never. After a closing quote only if the quotation is direct
      speech (it opens the sentence, or follows a colon, comma or a verb of saying:
      ``他说：“……。”``), not an embedded one (``听到“出发！”后……``), and is not
      followed by a short attribution (``“真好！”小王感叹道。``).
    * No split when the next character continues the sentence: a particle,
      conjunction or clause punctuation (``“……”的提法``, ``“加油！”等口号``,
      ``“好。”，他说``).
    * ``；`` (and ``;`` not after Latin) splits only with ``semicolon=True``:
      official enumerations (一是……；二是……) are often rendered as separate
      English sentences. A colon never splits.

English (``"en"``):
    * ``.``, ``!``, ``?``, ``…`` and ``...`` followed by whitespace and a sentence
      start (not a lowercase letter: an uppercase letter, a digit, a CJK character,
      a currency sign, possibly behind an opening quote or bracket, or a list
      marker such as ``b.`` or ``(ii)``) end a sentence;
      closing quotes/brackets right after the terminator stay with it
      (``He said "Go." Then he left.``). So ``etc. and``, ``... and then`` and
      ``"Why?" he asked`` do not split.
    * Decimals and versions (``3.14``, ``v2.0.1``) never split (no space).
    * After a title or similar abbreviation (``Mr.``, ``Dr.``, ``e.g.``, ``i.e.``,
      ``vs.`` ...) never; after a reference abbreviation (``No.``, ``Fig.``,
      ``Vol.``, ``pp.`` ...) not before a number (``No. 5``, ``Vol. II``). After an
      abbreviation that may also end a sentence (``Inc.``, ``Co.``, ``Jr.``,
      ``St.``, months, weekdays), a single letter other than the pronoun ``I``
      (initials: ``J. K. Rowling``) or a dotted acronym (``U.S.``, ``a.m.``,
      ``Ph.D.``), only when the next word is a capitalised function word that
      typically opens a sentence (``in the U.S. The next`` vs ``U.S. officials`` /
      ``U.S. President``).
    * A list marker (``1.``, ``a.``, ``iv.``) at the start of a sentence or after a
      colon is not a sentence: ``1. First item.`` is one sentence.
    * ``;`` splits only with ``semicolon=True`` (the same option as in Chinese).

No rule names a particular document; everything is driven by punctuation,
letter case and small closed word lists.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_left
from collections.abc import Sequence

from align.errors import ConfigError
from align.types import Document, Segment, check_lang

__all__ = [
    "FORMATS", "format_segments", "segment_document", "segment_file", "segments_from_lines",
    "split_sentences", "write_segments",
]

FORMATS = ("lines", "jsonl")

# A line break of any kind (what str.splitlines() splits on) is a boundary.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_TRIM = " \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
        "\u200b\u202f\u205f\ufeff"

# ---------------------------------------------------------------- Chinese

_ZH_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "﹁": "﹂", "﹃": "﹄"}
_ZH_BRACKETS = {"（": "）", "(": ")", "【": "】", "〔": "〕", "[": "]", "［": "］", "〖": "〗"}
_ZH_TITLES = {"《": "》", "〈": "〉"}
_ZH_OPEN_OF = {c: o for d in (_ZH_QUOTES, _ZH_BRACKETS, _ZH_TITLES) for o, c in d.items()}
_ZH_OPENERS = "".join(_ZH_QUOTES) + "".join(_ZH_BRACKETS) + "".join(_ZH_TITLES) + '"'
_ZH_BRACKET_CLOSERS = frozenset(_ZH_BRACKETS.values())
_ZH_TITLE_CLOSERS = frozenset(_ZH_TITLES.values())
# Closers that stay with the sentence they close ('"' only when it is not an opener).
_ZH_CLOSERS = frozenset(_ZH_OPEN_OF) | {'"', "'"}
_ZH_PAIR_CHAR = re.compile("[" + re.escape(_ZH_OPENERS + "".join(_ZH_OPEN_OF)) + "]")
_ZH_TERM_ATOM = r"[。！？｡]|(?<![A-Za-z0-9])[!?]|[…⋯]+|\.{3,}"
_ZH_SEMI_ATOM = r"|；|(?<![A-Za-z0-9]);"
_ZH_TERM = re.compile(f"(?:{_ZH_TERM_ATOM})+")
_ZH_TERM_SEMI = re.compile(f"(?:{_ZH_TERM_ATOM}{_ZH_SEMI_ATOM})+")
# A following character that continues the sentence: structural particles,
# conjunctions and clause punctuation ("“……”的提法", "“加油！”等口号").
_ZH_CONTINUE = frozenset("的地得之等和与及或、，,：:；;—－-")
# What may precede a quotation of direct speech that ends a sentence: the start
# of the sentence, a colon or comma, or a verb of saying without a colon
# (他说“……”). Any other character makes the quotation part of the sentence.
_ZH_SPEECH_INTRO = frozenset("：:，,。！？!?…说道问答喊曰")
_ZH_QUOTE_CLOSERS = frozenset(_ZH_QUOTES.values()) | {'"'}
# A short clause ending in a verb of saying right after the quotation.
_ZH_ATTRIBUTION = re.compile(r"[^。！？!?；;：:，,“”\"「」\n]{1,10}?[说道问答][。！？!?]")
_MAX_NESTING = 16  # how far down the stack an unmatched closer looks for its opener


class _Pairs:
    """Paired quotes/brackets/title marks of one line, for O(log n) depth queries."""

    __slots__ = ("opens", "closes", "opener_of", "openers")

    def __init__(self, text: str, start: int, end: int) -> None:
        stack: list[tuple[str, int]] = []
        self.opener_of: dict[int, int] = {}   # closer position -> opener position
        self.openers: set[int] = set()        # positions of matched openers
        for m in _ZH_PAIR_CHAR.finditer(text, start, end):
            ch, p = m.group(), m.start()
            if ch == '"':  # straight quotes alternate
                if stack and stack[-1][0] == '"':
                    self._match(stack.pop()[1], p)
                else:
                    stack.append((ch, p))
            elif ch in _ZH_OPEN_OF:
                want = _ZH_OPEN_OF[ch]
                for k in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_NESTING), -1):
                    if stack[k][0] == want:
                        self._match(stack[k][1], p)
                        del stack[k:]  # openers left inside were never closed
                        break
            else:
                stack.append((ch, p))
        self.opens = sorted(self.openers)
        self.closes = sorted(self.opener_of)

    def _match(self, o: int, c: int) -> None:
        self.opener_of[c] = o
        self.openers.add(o)

    def depth(self, pos: int) -> int:
        """Number of pairs open at ``pos`` (opened before it, closed at or after it)."""
        return bisect_left(self.opens, pos) - bisect_left(self.closes, pos)


def _split_zh(text: str, start: int, end: int, semicolon: bool, out: list[tuple[int, int]]
              ) -> None:
    term = _ZH_TERM_SEMI if semicolon else _ZH_TERM
    pairs: _Pairs | None = None  # built only for lines that have a terminator
    sent = pos = start
    while (m := term.search(text, pos, end)) is not None:
        if pairs is None:
            pairs = _Pairs(text, start, end)
        e = m.end()
        while e < end:  # the closers (and further terminators) of the run
            ch = text[e]
            if ch in _ZH_CLOSERS and e not in pairs.openers:
                e += 1
            elif (m2 := term.match(text, e, end)) is not None:
                e = m2.end()
            else:
                break
        pos = e
        if _zh_boundary(text, sent, e, end, pairs):
            out.append((sent, e))
            sent = e
    out.append((sent, end))


def _zh_boundary(text: str, sent: int, e: int, end: int, pairs: _Pairs) -> bool:
    j = e
    while j < end and text[j] in _TRIM:
        j += 1
    if j >= end or pairs.depth(e) > 0 or text[j] in _ZH_CONTINUE:
        return False
    last = text[e - 1]
    if last in _ZH_TITLE_CLOSERS:
        return False
    o = pairs.opener_of.get(e - 1)
    if last in _ZH_BRACKET_CLOSERS and o is not None:
        # a bracket closes a sentence only if it opened at the sentence start
        return not text[sent:o].strip(_TRIM + _ZH_OPENERS)
    if last in _ZH_QUOTE_CLOSERS:
        if o is not None:
            before = text[sent:o].rstrip(_TRIM + _ZH_OPENERS)
            if before and before[-1] not in _ZH_SPEECH_INTRO:
                return False  # an embedded quotation: 听到“出发！”后……
        if (a := _ZH_ATTRIBUTION.match(text, j, end)) is not None and a.end() - j <= 12:
            return False  # the speaker follows the quotation: “真好！”小王感叹道。
    return True


# ---------------------------------------------------------------- English

_EN_CLOSERS = "\"'”’)]}»"
_EN_OPENERS = "\"'“‘([{«"
_EN_RUN = re.compile(r"[.!?…]+[\"'”’)\]}»]*+(?=\s|\Z)")
_EN_RUN_SEMI = re.compile(r"(?:[.!?…]+|;)[\"'”’)\]}»]*+(?=\s|\Z)")
_EN_WORD_AFTER = re.compile(r"[\"'“‘(\[]*([^\s.,;:!?\"'”’)\]]*)")
# Abbreviations after which a sentence never ends (they precede a name or a phrase).
_EN_NEVER = frozenset("""
    Mr. Mrs. Ms. Mx. Messrs. Mmes. Dr. Drs. Prof. Profs. Rev. Hon. Gen. Gov. Sen. Rep.
    Lt. Col. Capt. Sgt. Maj. Cmdr. Adm. Fr. Pres. Supt. Insp.
    vs. Vs. cf. Cf. viz. e.g. E.g. i.e. I.e. approx. Approx. esp. incl.
""".split())
# Reference abbreviations: no end before a number ("No. 5", "Vol. II"), but "No."
# is also a word ("No. I won't.").
_EN_REFERENCE = frozenset("""
    No. Nos. Fig. Figs. fig. figs. Vol. Vols. vol. vols. pp. Art. Arts. Sec. Secs. Ch.
    Chap. Para. Eq. Eqs. Ref. Refs. Tab. Ex.
""".split())
_EN_NUMBER_NEXT = re.compile(r"[(#]?(?:\d|[IVXLC]{2,}\b)")
# Abbreviations that may also end a sentence: split only before a sentence opener.
_EN_AMBIGUOUS = frozenset("""
    Inc. Ltd. Co. Corp. Bros. Jr. Sr. St. Ave. Rd. Blvd. Mt. Ft. Dept. Univ. Assn. Govt.
    al. Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    Mon. Tue. Tues. Wed. Thu. Thur. Thurs. Fri. Sat. Sun.
""".split())
# Initials ("J") and dotted acronyms ("U.S", "a.m", "Ph.D"): the final "." excluded.
_EN_INITIALS = re.compile(r"[A-Za-z]|[A-Za-z]{1,3}(?:\.[A-Za-z]{1,3})+")
_EN_LIST_MARKER = re.compile(r"\d{1,3}|[ivxlc]{1,6}|[IVXLC]{1,6}|[A-Za-z]")
# Capitalised function words that typically open a sentence.
_EN_STARTERS = frozenset("""
    The A An This That These Those It Its He She His Her We Our They Their I You Your
    There Here In On At By For From With Within Without Under Over After Before During
    Since Until As If When While Where What Which Who Whose Why How But And Or So Yet Nor
    However Therefore Thus Hence Meanwhile Moreover Furthermore Also Besides Then Now
    Today Yesterday Tomorrow Some Many Most Much More Several All Both Each Every Any No
    Not None One Other Another Such Last Next Earlier Later According Despite Although
    Though Because Unlike Like Of To Do Does Did Is Are Was Were Has Have Had Will Would
    Can Could Should Must May Might Let Please Only Even Still Instead Overall Finally
""".split())
_CURRENCY = frozenset("$€£¥₹")
_EN_LOWER_MARKER = re.compile(r"\(?(?:[a-z]|[ivx]{2,4})[.)]\s")


def _split_en(text: str, start: int, end: int, semicolon: bool, out: list[tuple[int, int]]
              ) -> None:
    run = _EN_RUN_SEMI if semicolon else _EN_RUN
    sent = start
    for m in run.finditer(text, start, end):
        if _en_boundary(text, sent, m, end):
            out.append((sent, m.end()))
            sent = m.end()
    out.append((sent, end))


def _en_boundary(text: str, sent: int, m: re.Match[str], end: int) -> bool:
    j = m.end()
    while j < end and text[j].isspace():
        j += 1
    if j >= end:
        return False
    core = m.group().rstrip(_EN_CLOSERS)
    if core == ";":
        return True
    if core == ".":
        w_start, lo = m.start(), max(sent, m.start() - 64)
        while w_start > lo and not text[w_start - 1].isspace():
            w_start -= 1
        w = text[w_start:m.start()].lstrip(_EN_OPENERS)
        w_start = m.start() - len(w)
        before = text[sent:w_start].rstrip(_TRIM + _EN_OPENERS)
        if (not before or before[-1] in ":;") and _EN_LIST_MARKER.fullmatch(w):
            return False  # "1. First item." / "Steps: 1. Mix."
        if w + "." in _EN_NEVER:
            return False
        if w + "." in _EN_REFERENCE and _EN_NUMBER_NEXT.match(text, j, end):
            return False
        if w + "." in _EN_AMBIGUOUS or (_EN_INITIALS.fullmatch(w) and w != "I"):
            nxt = _EN_WORD_AFTER.match(text, j, end)
            return nxt is not None and nxt.group(1) in _EN_STARTERS
    return _starts_sentence(text, j, end)


def _starts_sentence(text: str, j: int, end: int) -> bool:
    """Whether the character at ``j`` (behind opening quotes/brackets) can open a sentence."""
    if _EN_LOWER_MARKER.match(text, j, end):
        return True  # "a. Review the draft. b. Send it back."
    while j < end and text[j] in _EN_OPENERS:
        j += 1
    if j >= end:
        return False
    c = text[j]
    return c.isdigit() or c in _CURRENCY or (c.isalpha() and not c.islower())


# ---------------------------------------------------------------- public API


def split_sentences(text: str, lang: str, *, semicolon: bool = False) -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Args:
        text: any text; line breaks are sentence boundaries.
        lang: ``"zh"`` or ``"en"``.
        semicolon: also split after ``；`` / ``;`` (enumerations in official texts).

    Returns:
        ``(start, end)`` spans into ``text``, ascending and non-overlapping, trimmed
        of surrounding whitespace; ``text[start:end]`` is the sentence. Blank text
        gives ``[]``.

    Raises:
        ConfigError: for an unknown language code.
    """
    split = _split_zh if check_lang(lang) == "zh" else _split_en
    raw: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        split(text, line.start(), line.end(), semicolon, raw)
    spans = []
    for s, e in raw:
        while s < e and (text[s].isspace() or text[s] in _TRIM):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _TRIM):
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def segment_document(doc: Document, *, semicolon: bool = False) -> list[Segment]:
    """Split every paragraph of ``doc`` into sentences.

    Returns:
        Segments with a global 0-based ``index``, the paragraph index, and spans
        into ``doc.text``.
    """
    out: list[Segment] = []
    for para, offset in zip(doc.paragraphs, doc.paragraph_offsets(), strict=True):
        for s, e in split_sentences(para.text, doc.lang, semicolon=semicolon):
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


def segment_file(path: str | os.PathLike[str], lang: str | None = None, *,
                 semicolon: bool = False) -> list[Segment]:
    """Read a document (.txt/.html/.docx) and split it into sentences.

    Args:
        path: the file.
        lang: ``"zh"``, ``"en"``, or ``None``/``"auto"`` to detect by script.
        semicolon: also split after semicolons.

    Raises:
        InputError: missing/empty/binary/undecodable file, or a file whose script
            contradicts ``lang`` (from :func:`align.formats.documents.read_document`).
        ConfigError: for an unknown language code.
    """
    from align.formats.documents import read_document

    doc = read_document(path, lang)  # checks lang (ConfigError) before reading
    return segment_document(doc, semicolon=semicolon)


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


def write_segments(segments: Sequence[Segment], path: str | os.PathLike[str],
                   fmt: str = "lines") -> None:
    """Write :func:`format_segments` output to ``path`` atomically (UTF-8, ``\\n``)."""
    from align.formats.files import atomic_write

    data = format_segments(segments, fmt)
    with atomic_write(path) as f:
        f.write(data)
