"""Number-aware matches: a TM unit whose source differs from the new sentence only in
numbers and dates gets the new numbers written into its target, as CAT tools
auto-localise placeables.

Numbers are read by the one number reader (:func:`align.text.numbers.read_numbers`),
in either language and script (``2024``, ``二〇二五``, ``4.3万亿``, ``1.5 million``,
``76th``); a month is a number followed by 月 (``2月``) or an English month name
(``February``, ``Feb.``), so ``2月20日`` and ``February 20`` are the same date (a
month the target writes as a plain number, ``3/2001``, is found by its value). The
two sources must be the same text once every number is masked; then each number of
the TM source that changed is looked up by value in the TM target and rewritten there
in the target's own form: its digits, its multiplier (``4.3万亿`` -> ``4.5 trillion``,
``150万`` -> ``1.6 million``; the multiplier word changes when the figure leaves
[1, 1000)), its ordinal suffix, its thousands separators, the month name.

Substitution is refused, and the match flagged instead, when it is not safe: a number
that changed is found in the target a different number of times than in the TM
source, one TM number becomes two different new numbers, or the target writes it in
words (``seventy-five``, ``七十五``), which this module does not write.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from align.text.numbers import Number, read_numbers

#: Percentage points taken off a match whose numbers were substituted (the unit
#: itself was not seen with these numbers), as CAT tools penalise auto-localised
#: placeables: such a match is never a 100 % match.
SUBSTITUTION_PENALTY = 1

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_RE = re.compile(r"\b(?:(" + "|".join(MONTHS) + r")|(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|"
                       r"Oct|Nov|Dec)\.)")
_DIGITS = re.compile(r"(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)")
_ORDINAL = re.compile(r"^(st|nd|rd|th)\b")
_EN_SCALES = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}
_ZH_SCALES = {1e4: "万", 1e8: "亿", 1e12: "万亿"}


@dataclass(frozen=True, slots=True)
class Placeable:
    """A number or month in a text.

    Attributes:
        value: the quantity (the month's number for a month).
        span: (start, end) in the text.
        month: a month (2月, February): matched only with months.
        number: the number read, None for an English month name.
    """

    value: float
    span: tuple[int, int]
    month: bool
    number: Number | None

    @property
    def key(self) -> tuple[float, bool]:
        """What must be equal for two placeables to be the same."""
        return (self.value, self.month)


@dataclass(frozen=True, slots=True)
class NumberFix:
    """The outcome of substituting the new numbers into a TM target.

    Attributes:
        target: the target with the new numbers, or None when substitution was not safe.
        changes: (old, new) text of each number that changed, in source order.
        reason: why substitution was refused ("" when it was done).
    """

    target: str | None
    changes: tuple[tuple[str, str], ...]
    reason: str = ""

    @property
    def message(self) -> str:
        """One line for the translator: what was substituted, or why not."""
        what = ", ".join(f"{a} -> {b}" for a, b in self.changes)
        if self.target is not None:
            return f"numbers substituted ({what}); check them"
        return f"numbers differ from the TM ({what}) and were not substituted: {self.reason}"


def placeables(text: str) -> list[Placeable]:
    """The numbers (each end of a range on its own) and months of ``text``, in order."""
    out = []
    for n in read_numbers(text):
        for p in n.parts:
            month = (text.startswith("月", p.span[1]) and p.value == int(p.value)
                     and 1 <= p.value <= 12 and p.kind in ("integer", "year"))
            out.append(Placeable(p.value, p.span, month, p))
    for m in _MONTH_RE.finditer(text):
        name = m[1] or m[2]
        k = next(i for i, full in enumerate(MONTHS, 1) if full.startswith(name))
        out.append(Placeable(float(k), m.span(), True, None))
    return sorted(out, key=lambda p: p.span)


def _template(text: str, places: list[Placeable]) -> str:
    """``text`` with every placeable masked and whitespace runs as one space."""
    parts, last = [], 0
    for p in places:
        parts += [text[last:p.span[0]], "\x00"]
        last = p.span[1]
    parts.append(text[last:])
    return " ".join("".join(parts).split())


def substitute_numbers(new_source: str, tm_source: str, tm_target: str) -> NumberFix | None:
    """Write the numbers of ``new_source`` into ``tm_target``.

    Args:
        new_source: the sentence to translate.
        tm_source, tm_target: the TM unit that matched it.

    Returns:
        None when the sources differ in more than numbers and months, or not in
        numbers at all; otherwise the substituted target, or the reason it is not safe.
    """
    new_p, old_p = placeables(new_source), placeables(tm_source)
    if len(new_p) != len(old_p) or _template(new_source, new_p) != _template(tm_source, old_p):
        return None
    pairs = [(o, n) for o, n in zip(old_p, new_p, strict=True) if o.key != n.key]
    if not pairs:
        return None
    changes = tuple((tm_source[o.span[0]:o.span[1]], new_source[n.span[0]:n.span[1]])
                    for o, n in pairs)
    targets: dict[tuple[float, bool], set[float]] = defaultdict(set)
    for o, n in zip(old_p, new_p, strict=True):
        targets[o.key].add(n.value)
    in_source = Counter(o.key for o in old_p)
    tgt_p = placeables(tm_target)
    edits: list[tuple[tuple[int, int], str]] = []
    for key in dict.fromkeys(o.key for o, _ in pairs):
        label = next(a for (o, _), (a, _) in zip(pairs, changes, strict=True) if o.key == key)
        if len(targets[key]) > 1:
            return NumberFix(None, changes, f"{label} of the TM becomes different numbers")
        found = [t for t in tgt_p if t.key == key]
        if not found and key[1]:  # a month the target writes as a number (3/2001)
            found = [t for t in tgt_p if t.value == key[0] and not t.month]
        if len(found) != in_source[key]:
            return NumberFix(None, changes, f"{label} is in the TM target {len(found)} times, "
                                            f"in its source {in_source[key]} times")
        new_value = next(iter(targets[key]))
        for t in found:
            text = _render(tm_target, t, new_value)
            if text is None:
                return NumberFix(None, changes, f"{label} is written in words in the TM target")
            edits.append((t.span, text))
    out = tm_target
    for (i, j), text in sorted(edits, reverse=True):
        out = out[:i] + text + out[j:]
    return NumberFix(out, changes)


def _figure(x: float) -> str:
    """A number as digits: no trailing zeros, at most 4 decimals."""
    return str(int(x)) if x == int(x) else f"{x:.4f}".rstrip("0").rstrip(".")


def _render(text: str, place: Placeable, value: float) -> str | None:
    """The new text of ``place`` in ``text`` for ``value``, in the form the text
    writes it; None for a number in words."""
    old = text[place.span[0]:place.span[1]]
    if place.number is None:  # an English month name, full or abbreviated
        name = MONTHS[int(value) - 1]
        return name if not old.endswith(".") else name[:3 + (name == "September")] + "."
    n = place.number
    m = _DIGITS.search(old)
    if n.form != "digits" or m is None:
        return None
    head, rest = old[:m.start()], old[m.end():]
    scale = n.scale
    if scale > 1:
        scale, rest = _rescale(value, scale, rest)
    figure = _figure(value / scale)
    if "," in m[1] and "." not in figure:
        figure = f"{int(figure):,}"
    if _ORDINAL.match(rest):
        rest = _ordinal_suffix(int(value)) + rest[2:]
    return head + figure + rest


def _rescale(value: float, scale: float, rest: str) -> tuple[float, str]:
    """The multiplier for ``value``: the old one while the figure stays in [1, 1000)
    (English words) or [1, 10000) (万/亿), else one that puts it there, with ``rest``
    (the text after the digits) naming it instead of the old one."""
    english = re.search("[A-Za-z]", rest) is not None
    table, top = (_EN_SCALES, 1e3) if english else (_ZH_SCALES, 1e4)
    if 1 <= value / scale < top or table.get(scale, "\x00") not in rest:
        return scale, rest
    fits = [s for s in table if 1 <= value / s < top]
    return (fits[0], rest.replace(table[scale], table[fits[0]], 1)) if fits else (scale, rest)


def _ordinal_suffix(k: int) -> str:
    if k % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
