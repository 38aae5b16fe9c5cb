"""Chinese sentence ends: which candidate terminators inside one line end a sentence.

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
"""

from __future__ import annotations

import re
from bisect import bisect_left

from align.text.script import SPACES as _TRIM

__all__ = ["split_line"]

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


def split_line(text: str, start: int, end: int, semicolon: bool, out: list[tuple[int, int]]
               ) -> None:
    """Append the sentence spans of the line ``text[start:end]`` to ``out`` (untrimmed;
    the last one runs to ``end``)."""
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
    """Whether the terminator run ending at ``e`` ends the sentence begun at ``sent``."""
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
