"""SRX 2.0 segmentation rules files (as Okapi Rainbow, Trados and OmegaT export them).

Read: the ``languagerules`` (each a list of ``rule`` elements with ``break="yes|no"``,
``beforebreak`` and ``afterbreak``) and the ``maprules``, whose ``languagemap``
elements say by a ``languagepattern`` which rules apply to a language code; with
``cascade="yes"`` in the header every matching map contributes its rules in order,
otherwise only the first one. The rules are resolved here for Chinese (tried as
``zh-CN``, ``zh-TW``, ``zh``) and English (``en-US``, ``en-GB``, ``en``), so the
engine (:mod:`align.text.segment.srx`) gets one ordered list per language.

Expressions are Java regular expressions; the common differences from Python's are
translated: ``\\p{..}``/``\\P{..}`` Unicode categories and scripts (``\\p{Lu}``,
``\\p{L}``, ``\\p{IsHan}``, ``\\p{Punct}``...), ``\\Q..\\E`` quoting, ``\\x{..}``
code points, ``\\h``, ``\\z`` and ``(?<name>..)`` groups. What cannot be translated
(class intersection ``&&``, ``\\G``, unknown properties) is an error naming the
rule's line, as is a malformed file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from os import PathLike
from types import MappingProxyType

from align.errors import FormatError
from align.formats.decode import FileKind, read_bytes
from align.formats.xmlsafe import parse_xml
from align.text.script import HAN, LATIN
from align.text.segment.srx import SrxRule, SrxRules

__all__ = ["java_regex", "read_srx"]

_FIX = "export the segmentation rules again as SRX 2.0"
_KIND = FileKind("an SRX file", "SRX file", _FIX)
_PROBES = {"zh": ("zh-CN", "zh-TW", "zh-Hans", "zh-Hant", "zh"), "en": ("en-US", "en-GB", "en")}
_POSIX = {"Punct": r"!-/:-@\[-`{-~", "Alpha": "A-Za-z", "Digit": "0-9", "Alnum": "A-Za-z0-9",
          "Upper": "A-Z", "Lower": "a-z", "Space": r" \t\n\x0b\f\r", "Blank": r" \t",
          "XDigit": "0-9A-Fa-f", "ASCII": r"\x00-\x7f"}
_SCRIPTS = {"han": HAN, "ishan": HAN, "script=han": HAN, "sc=han": HAN,
            "incjkunifiedideographs": HAN, "latin": LATIN, "islatin": LATIN,
            "script=latin": LATIN}
_H = r" \t\xa0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_srx(path: str | PathLike[str]) -> SrxRules:
    """Read an SRX 2.0 file into the rules for Chinese and English.

    Raises:
        InputError: missing or unreadable file.
        FormatError: malformed XML, not SRX, a rule without a language map, no
            rules for Chinese or English, or an expression that cannot be
            translated; naming the line.
    """
    data = read_bytes(path, kind=_KIND)
    root = parse_xml(data, path, fix=_FIX)
    if _local(root.tag) != "srx":
        raise FormatError(f"not an SRX file: the root element is <{_local(root.tag)}>, "
                          f"not <srx>; {_FIX}", path, line=root.sourceline)
    header = next((e for e in root.iter() if _local(e.tag) == "header"), None)
    cascade = header is not None and header.get("cascade", "no").lower() == "yes"
    by_name: dict[str, tuple[SrxRule, ...]] = {}
    maps: list[tuple[re.Pattern[str], str, int | None]] = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "languagerule":
            by_name[el.get("languagerulename", "")] = tuple(_rules(el, path))
        elif name == "languagemap":
            pattern = el.get("languagepattern")
            if pattern is None or el.get("languagerulename") is None:
                raise FormatError("<languagemap> needs languagepattern and languagerulename; "
                                  + _FIX, path, line=el.sourceline)
            maps.append((_compile(pattern, path, el.sourceline, re.I),
                         el.get("languagerulename", ""), el.sourceline))
    resolved: dict[str, tuple[SrxRule, ...]] = {}
    for lang, probes in _PROBES.items():
        rules: list[SrxRule] = []
        for pattern, rule_name, line in maps:
            if not any(pattern.fullmatch(p) for p in probes):
                continue
            if rule_name not in by_name:
                raise FormatError(f"<languagemap> names the language rules {rule_name!r}, "
                                  f"which the file does not define; {_FIX}", path, line=line)
            rules.extend(by_name[rule_name])
            if not cascade:
                break
        if rules:
            resolved[lang] = tuple(rules)
    if not resolved:  # silently segmenting with the built-in rules would hide the mistake
        raise FormatError("no <languagemap> applies rules to Chinese (zh) or English (en); "
                          "map a languagepattern such as zh.* or en.* to a <languagerule>, or "
                          + _FIX, path, line=root.sourceline)
    return SrxRules(MappingProxyType(resolved), str(path))


def _rules(languagerule: object, path: str | PathLike[str]) -> list[SrxRule]:
    out = []
    for rule in languagerule.iter():  # type: ignore[attr-defined]
        if _local(rule.tag) != "rule":
            continue
        parts = {_local(c.tag): c.text or "" for c in rule}
        brk = rule.get("break", "yes").lower()
        if brk not in ("yes", "no"):
            raise FormatError(f'break="{brk}" must be "yes" or "no"; {_FIX}', path,
                              line=rule.sourceline)
        before = java_regex(parts.get("beforebreak", ""), path, rule.sourceline)
        after = java_regex(parts.get("afterbreak", ""), path, rule.sourceline)
        pattern = _compile(f"(?:{before})(?=(?:{after}))" if after else f"(?:{before})",
                           path, rule.sourceline)
        out.append(SrxRule(brk == "yes", pattern, rule.sourceline))
    return out


def _compile(expr: str, path: str | PathLike[str], line: int | None,
             flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(expr, flags)
    except re.error as e:
        raise FormatError(f"bad regular expression {expr!r} ({e}); fix the rule", path,
                          line=line) from None


def java_regex(expr: str, path: str | PathLike[str] = "", line: int | None = None) -> str:
    """Translate a Java regular expression into Python's syntax.

    Raises:
        FormatError: a construct Python has no equivalent for (naming ``line``).
    """
    out: list[str] = []
    i, depth = 0, 0  # depth: inside a character class
    while i < len(expr):
        c = expr[i]
        if c == "\\" and i + 1 < len(expr):
            nxt = expr[i + 1]
            if nxt == "Q":
                j = expr.find("\\E", i + 2)
                j = len(expr) if j < 0 else j
                out.append(re.escape(expr[i + 2:j]))
                i = j + 2
                continue
            if nxt in "pP":
                m = re.match(r"\{([^}]*)\}|([A-Za-z])", expr[i + 2:])
                if m is None:
                    raise FormatError(f"bad \\{nxt} in {expr!r}; fix the rule", path, line=line)
                body = _property(m.group(1) or m.group(2), expr, path, line)
                out.append(_class(body, nxt == "P", depth > 0, expr, path, line))
                i += 2 + m.end()
                continue
            if nxt == "x" and expr[i + 2:i + 3] == "{":
                j = expr.index("}", i)
                out.append(f"\\U{int(expr[i + 3:j], 16):08x}")
                i = j + 1
                continue
            if nxt in "GRXK":
                raise FormatError(f"\\{nxt} in {expr!r} has no Python equivalent; rewrite "
                                  "the rule without it", path, line=line)
            out.append({"h": f"[{_H}]" if depth == 0 else _H, "z": r"\Z",
                        "Z": r"(?=\n?\Z)" if depth == 0 else "Z"}.get(nxt, c + nxt))
            i += 2
            continue
        if c == "[":
            if depth and expr.startswith("&&", i - 2):
                raise FormatError(f"class intersection (&&) in {expr!r} has no Python "
                                  "equivalent; rewrite the rule", path, line=line)
            depth += 1
        elif c == "]" and depth:
            depth -= 1
        elif c == "&" and depth and expr.startswith("&&", i):
            raise FormatError(f"class intersection (&&) in {expr!r} has no Python "
                              "equivalent; rewrite the rule", path, line=line)
        elif c == "(" and depth == 0 and expr.startswith("(?<", i) \
                and expr[i + 3:i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _property(name: str, expr: str, path: str | PathLike[str], line: int | None) -> str:
    """The character-class body of a Java ``\\p{name}``."""
    key = name.removeprefix("Is") if name.removeprefix("Is") in _POSIX else name
    if key in _POSIX:
        return _POSIX[key]
    low = name.lower().replace("_", "").replace(" ", "")
    if low in _SCRIPTS:
        return _SCRIPTS[low]
    category = {"javalowercase": "Ll", "javauppercase": "Lu", "lower": "Ll",
                "upper": "Lu"}.get(low, name.removeprefix("Is").removeprefix("gc="))
    if re.fullmatch(r"[LMNPSZC][a-z]?", category):
        return _category(category)
    raise FormatError(f"\\p{{{name}}} in {expr!r} cannot be translated to Python; use a "
                      "general category (\\p{Lu}, \\p{L}, \\p{P}, ...)", path, line=line)


def _class(body: str, negate: bool, inside: bool, expr: str, path: str | PathLike[str],
           line: int | None) -> str:
    if not inside:
        return f"[{'^' if negate else ''}{body}]"
    if negate:
        raise FormatError(f"\\P{{..}} inside [...] in {expr!r} cannot be translated; "
                          "rewrite the rule", path, line=line)
    return body


@lru_cache(maxsize=64)
def _category(prefix: str) -> str:
    """A character-class body for the code points whose general category starts
    with ``prefix`` (``Lu``, or ``L`` for every letter), as ranges. Planes 0 and 1
    are scanned (0.2 s); the ideographs of planes 2 and 3 are added to ``L``/``Lo``."""
    ranges: list[list[int]] = []
    for o in range(0x20000):
        if unicodedata.category(chr(o)).startswith(prefix):
            if ranges and ranges[-1][1] == o - 1:
                ranges[-1][1] = o
            else:
                ranges.append([o, o])
    body = "".join(_esc(a) if a == b else f"{_esc(a)}-{_esc(b)}" for a, b in ranges)
    return body + (r"\U00020000-\U000323af" if prefix in ("L", "Lo") else "")


def _esc(o: int) -> str:
    return f"\\U{o:08x}"
