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
from align.text.script import HAN_RUN_RE, LATIN_RE
from align.types import Glossary


def chinese_in_target(b: BeadText) -> Finding | None:
    """chinese-in-target (error): the English target holds Chinese characters (a
    sentence left in Chinese, a fragment inside an English sentence); every run is
    listed, with its offset in the target."""
    if not b.zh_is_src:
        return None
    runs = list(HAN_RUN_RE.finditer(b.tgt))
    if not runs:
        return None
    listing = ", ".join(repr(m.group()) for m in runs)
    return b.finding("chinese-in-target", "error", None,
                     f"Chinese left in the English target: {listing}",
                     {"runs": " | ".join(m.group() for m in runs),
                      "offsets": " ".join(str(m.start()) for m in runs)})


def untranslated_terms(b: BeadText, glossary: Glossary) -> list[Finding]:
    """untranslated-term (error): a glossary term written in Latin letters in the
    source (GDP, CBD, a name) whose glossary target differs, found verbatim (case
    aside, as a whole word) in the target, while no target form of the term is there."""
    src_lang, tgt_lang = ("zh", "en") if b.zh_is_src else ("en", "zh")
    if not glossary.terms:
        return []
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
        found = re.search(rf"(?<![\w-]){re.escape(written)}(?![\w-])", b.tgt, re.IGNORECASE)
        if found is None:
            continue
        seen.add(id(t))
        expected = " | ".join(targets)
        out.append(b.finding("untranslated-term", "error", t.zh,
                             f"{written!r} is left untranslated; the glossary has "
                             f"{expected!r}", {"found": found.group(), "expected": expected}))
    return out
