"""Checks for source text left in the target, one function per finding kind:
chinese-in-target (any run of Chinese characters in an English target) and
untranslated-term (a glossary term written in Latin letters in the source, copied
verbatim into the target where the glossary says it is translated).

A bead that is untranslated as a whole is reported by :func:`align.qa.checks.untranslated`
alone; these find the pieces left in an otherwise translated target.
"""

from __future__ import annotations

import re

from align.qa.checks import BeadText
from align.qa.findings import Finding
from align.terms.match import find_terms
from align.text.script import HAN_RUN_RE, LATIN, LATIN_RE
from align.types import Glossary


def chinese_in_target(b: BeadText) -> Finding | None:
    """chinese-in-target (error): the English target holds Chinese characters (a
    sentence left in Chinese, a fragment inside an English sentence); every run is
    listed, with its offset in the target."""
    if not b.zh_is_src:
        return None
    runs = han_runs(b.tgt)
    if not runs:
        return None
    texts = [b.tgt[s:e] for s, e in runs]
    return b.finding("chinese-in-target", "error", None,
                     "Chinese left in the English target: " + ", ".join(map(repr, texts)),
                     {"runs": " | ".join(texts), "offsets": " ".join(str(s) for s, _ in runs)})


def han_runs(text: str) -> list[tuple[int, int]]:
    """The spans of Chinese in ``text``: runs of Han characters, joined across what
    stands between two of them when it has no letter or digit (，。“” spaces), so a
    Chinese sentence is one span."""
    out: list[tuple[int, int]] = []
    for m in HAN_RUN_RE.finditer(text):
        if out and not any(c.isalnum() for c in text[out[-1][1]:m.start()]):
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
    return out


def untranslated_terms(b: BeadText, glossary: Glossary) -> list[Finding]:
    """untranslated-term (error): a glossary term written in Latin letters in the
    source (GDP, CBD, a name) whose glossary target differs, found verbatim (case
    aside, as a whole word) in the target, while no target form of the term is there."""
    src_lang, tgt_lang = ("zh", "en") if b.zh_is_src else ("en", "zh")
    if not any(LATIN_RE.search(f) for t in glossary.terms
               for f in (t.zh_forms if b.zh_is_src else t.en_forms)):
        return []  # no source form in Latin letters: nothing to look up
    out: list[Finding] = []
    seen: set[int] = set()
    tgt_hits = {id(h.term) for h in find_terms(b.tgt, tgt_lang, glossary)
                if h.kind != "deprecated"}
    for h in find_terms(b.src, src_lang, glossary):
        written = b.src[h.start:h.end]
        t = h.term
        if id(t) in seen or id(t) in tgt_hits or not LATIN_RE.search(written):
            continue
        targets = t.en_forms if b.zh_is_src else t.zh_forms
        if any(f.casefold() == written.casefold() for f in targets):
            continue  # the glossary keeps it as it is
        # a whole word: no letter or digit glued on (Chinese characters may be)
        found = re.search(rf"(?<![{LATIN}0-9-]){re.escape(written)}(?![{LATIN}0-9-])", b.tgt,
                          re.IGNORECASE)
        if found is None:
            continue
        seen.add(id(t))
        expected = " | ".join(targets)
        out.append(b.finding("untranslated-term", "error", t.zh,
                             f"{written!r} is left untranslated; the glossary has "
                             f"{expected!r}", {"found": found.group(), "expected": expected}))
    return out
