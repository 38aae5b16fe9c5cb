"""English sentence ends: which candidate terminators inside one line end a sentence.

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
* The Chinese ``。！？｡`` end a sentence too, with or without a space after them and
  with the closing quotes/brackets after them (Chinese or not), before anything that
  may open a sentence: a Chinese sentence left untranslated in an English text is a
  sentence of its own, not glued to the next one.
"""

from __future__ import annotations

import re

from align.text.script import SPACES as _TRIM

__all__ = ["split_line"]

_EN_CLOSERS = "\"'”’)]}»"
_EN_OPENERS = "\"'“‘([{«"
# A Chinese terminator needs no space after it.
_ZH_END = r"|[。！？｡][。！？｡.!?…]*[\"'”’)\]}»」』）】〕》]*+"
_EN_RUN = re.compile(r"[.!?…]+[\"'”’)\]}»]*+(?=\s|\Z)" + _ZH_END)
_EN_RUN_SEMI = re.compile(r"(?:[.!?…]+|;)[\"'”’)\]}»]*+(?=\s|\Z)" + _ZH_END)
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


def split_line(text: str, start: int, end: int, semicolon: bool, out: list[tuple[int, int]]
               ) -> None:
    """Append the sentence spans of the line ``text[start:end]`` to ``out`` (untrimmed;
    the last one runs to ``end``)."""
    run = _EN_RUN_SEMI if semicolon else _EN_RUN
    sent = start
    for m in run.finditer(text, start, end):
        if _en_boundary(text, sent, m, end):
            out.append((sent, m.end()))
            sent = m.end()
    out.append((sent, end))


def _en_boundary(text: str, sent: int, m: re.Match[str], end: int) -> bool:
    """Whether the terminator run ``m`` ends the sentence begun at ``sent``."""
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
