"""Test-only TMX 1.4b conformance check: the DTD in data/tmx14.dtd (written from the
TMX 1.4b specification) plus the rules of the specification a DTD cannot express."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from lxml import etree

DTD_PATH = Path(__file__).parent / "data" / "tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANG_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")


def tmx_problems(path: Path) -> list[str]:
    """Every way ``path`` breaks TMX 1.4b: the DTD, plus rules of the specification
    that a DTD cannot express (dates, language tags, srclang, prop types, bpt/ept)."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    dtd = etree.DTD(str(DTD_PATH))
    problems = [] if dtd.validate(tree) else [str(e) for e in dtd.error_log.filter_from_errors()]
    root = tree.getroot()
    if root.get("version") != "1.4":
        problems.append(f"version {root.get('version')!r}, expected 1.4")
    header = root.find("header")
    if header is None:
        return [*problems, "no header"]
    srclang = header.get("srclang", "")
    for attr in ("adminlang",):
        if not LANG_TAG.match(header.get(attr, "")):
            problems.append(f"header {attr} {header.get(attr)!r} is not a language tag")
    if srclang != "*all*" and not LANG_TAG.match(srclang):
        problems.append(f"srclang {srclang!r} is not a language tag or *all*")
    dates = [("header", header.get("creationdate"))]
    for el in root.iter("prop"):
        if not el.get("type"):
            problems.append(f"line {el.sourceline}: prop without type")
        elif not el.get("type").startswith("x-"):
            problems.append(f"line {el.sourceline}: custom prop type {el.get('type')!r} lacks x-")
    for tu in root.iter("tu"):
        dates.append((f"tu line {tu.sourceline}", tu.get("creationdate")))
        langs = [tuv.get(XML_LANG, "") for tuv in tu.iter("tuv")]
        for lang in langs:
            if not LANG_TAG.match(lang):
                problems.append(f"tu line {tu.sourceline}: bad xml:lang {lang!r}")
        if srclang != "*all*" and srclang not in langs:
            problems.append(f"tu line {tu.sourceline}: no tuv in srclang {srclang}")
        for seg in tu.iter("seg"):
            begins = {b.get("i") for b in seg.iter("bpt")}
            ends = {e.get("i") for e in seg.iter("ept")}
            if begins != ends:
                problems.append(f"seg line {seg.sourceline}: unpaired bpt/ept {begins ^ ends}")
    for where, d in dates:
        if d is None:
            continue
        if not TMX_DATE.match(d):
            problems.append(f"{where}: date {d!r} is not YYYYMMDDThhmmssZ")
        else:
            datetime.strptime(d, "%Y%m%dT%H%M%SZ")
    return problems
