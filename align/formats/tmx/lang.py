"""Locale codes in TMX files: normalising them and matching a requested locale.

TMX files in the wild write the same locale many ways: ``zh-CN``, ``zh_CN``,
``ZH-CN``, ``zh-cn``, ``zh-Hans``, ``zh``. The reader matches a requested locale
against the ``xml:lang`` (TMX 1.4) or ``lang`` (TMX 1.1-1.3) of each ``<tuv>`` with
this rule, first tier that finds a variant wins:

1. the same locale, ignoring case and ``_``/``-`` (``zh_cn`` = ``zh-CN``);
2. the same language and a compatible Chinese script/region (``zh-Hans`` ~ ``zh-CN``,
   ``zh-SG``; ``zh-Hant`` ~ ``zh-TW``, ``zh-HK``, ``zh-MO``);
3. the same primary language (``zh-TW`` for a ``zh-CN`` request, ``en-GB`` for
   ``en-US``, or any ``zh-*`` for a bare ``zh`` request).

Within a tier the first ``<tuv>`` in document order wins.
"""

from __future__ import annotations

import re

from align.errors import ConfigError

_CODE = re.compile(r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")
_HANS = {"hans", "cn", "sg", "my"}
_HANT = {"hant", "tw", "hk", "mo"}


def normalize_locale(code: str) -> str:
    """Canonical spelling of a locale: ``zh_cn`` -> ``zh-CN``, ``ZH-HANS`` -> ``zh-Hans``.

    Language lower case, 4-letter script title case, 2-letter or 3-digit region
    upper case, other subtags lower case. ``*all*`` is returned unchanged.

    Raises:
        ConfigError: if ``code`` is not shaped like a language tag.
    """
    code = code.strip()
    if code.lower() == "*all*":
        return "*all*"
    if not _CODE.match(code):
        raise ConfigError(f"not a language code: {code!r}; use e.g. zh-CN, zh-Hans, en-US, en-GB")
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit()):
            out.append(p.upper())
        else:
            out.append(p.lower())
    return "-".join(out)


def primary(code: str) -> str:
    """The primary language subtag, lower case: ``ZH_cn`` -> ``zh``."""
    return code.strip().replace("_", "-").split("-")[0].lower()


def _script_family(code: str) -> str | None:
    subs = {p.lower() for p in code.replace("_", "-").split("-")[1:]}
    if subs & _HANS:
        return "hans"
    if subs & _HANT:
        return "hant"
    return None


def match_tier(requested: str, candidate: str) -> int | None:
    """How well ``candidate`` matches ``requested``: 1 (same locale), 2 (same
    language, compatible Chinese script), 3 (same primary language) or None."""
    rq = requested.strip().replace("_", "-").lower()
    cd = candidate.strip().replace("_", "-").lower()
    if rq == cd:
        return 1
    if primary(rq) != primary(cd):
        return None
    fam = _script_family(rq)
    if fam is not None and fam == _script_family(cd):
        return 2
    return 3


def pick_variant(requested: str, langs: list[str]) -> int | None:
    """Index of the best match for ``requested`` among ``langs`` (see module rule)."""
    best: tuple[int, int] | None = None
    for i, lang in enumerate(langs):
        tier = match_tier(requested, lang)
        if tier is not None and (best is None or tier < best[0]):
            best = (tier, i)
            if tier == 1:
                break
    return None if best is None else best[1]


def lang_of_locale(code: str) -> str:
    """The toolkit's short language ("zh"/"en") for a locale; other languages as
    their primary subtag."""
    return primary(code)
