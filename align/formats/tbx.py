"""TBX glossaries: write TBX-Basic 2019 (TBX v3, ISO 30042:2019,
``urn:iso:std:iso:30042:ed-2``), read it and TBX v2 "martif" (termEntry/langSet/tig or
ntig; :mod:`align.formats.tbx_martif` writes it).

Mapping to :class:`~align.types.Term`: one ``conceptEntry`` per term; its ``id`` is
``Term.id``; ``descrip type="subjectField"`` is the domain; ``note`` (or, if there is
no note, ``descrip type="definition"``) is the note. In the ``zh`` language section
the first ``termSec`` is the main term and the others are variants; in the ``en``
section the first is the approved term, ``deprecatedTerm-admn-sts`` terms are the
deprecated renderings and the other ones the allowed variants. The main terms carry
the concept's status (preferredTerm/admittedTerm/deprecatedTerm-admn-sts), variants
are admittedTerm-admn-sts. When reading foreign files the main term is the first one
marked preferred, else the first one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from align.errors import FormatError
from align.formats.concepts import Entries, check_duplicates
from align.formats.files import atomic_write
from align.types import Glossary, Term

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                 "deprecated": "deprecatedTerm-admn-sts"}
TBX_TO_STATUS = {v: k for k, v in STATUS_TO_TBX.items()}
# older spellings found in martif files
TBX_TO_STATUS.update({"preferredTerm": "preferred", "admittedTerm": "admitted",
                      "deprecatedTerm": "deprecated", "supersededTerm": "deprecated",
                      "supersededTerm-admn-sts": "deprecated"})


def write_tbx(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write a TBX-Basic 2019 file atomically. Terms without an id get ``c1``, ``c2``...

    Raises:
        InputError: if the output folder does not exist, or the write fails (disk full).
    """
    from lxml import etree

    E = lambda tag, **kw: etree.Element(f"{{{NS}}}{tag}", **kw)  # noqa: E731
    S = lambda parent, tag, text=None, **kw: _sub(parent, f"{{{NS}}}{tag}", text, **kw)  # noqa: E731
    root = E("tbx", nsmap={None: NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, "en")
    desc = S(S(S(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    S(desc, "p", glossary.name or "zhen-align glossary")
    body = S(S(root, "text"), "body")
    for t, cid in zip(glossary.terms, concept_ids(glossary), strict=True):
        ce = S(body, "conceptEntry", id=cid)
        if t.domain:
            S(ce, "descrip", t.domain, type="subjectField")
        if t.note:
            S(ce, "note", t.note)
        zh = S(ce, "langSec")
        zh.set(XML_LANG, "zh")
        _term_sec(S, zh, t.zh, t.status)
        for v in t.zh_variants:
            _term_sec(S, zh, v, "admitted")
        en = S(ce, "langSec")
        en.set(XML_LANG, "en")
        _term_sec(S, en, t.en, t.status)
        for v in t.variants:
            _term_sec(S, en, v, "admitted")
        for v in t.deprecated:
            _term_sec(S, en, v, "deprecated")
    tree = etree.ElementTree(root)
    with atomic_write(path, "wb") as f:  # lxml writes into the atomic writer's handle
        tree.write(f, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def concept_ids(glossary: Glossary) -> list[str]:
    """The TBX entry id of each term: its own, else ``c1``, ``c2``... (skipping ids in use)."""
    used = {t.id for t in glossary.terms if t.id}
    out, n = [], 0
    for t in glossary.terms:
        cid = t.id
        if not cid:
            n += 1
            while f"c{n}" in used:
                n += 1
            cid = f"c{n}"
        out.append(cid)
    return out


def _sub(parent: Any, tag: str, text: str | None = None, **attrib: str) -> Any:
    from lxml import etree

    el = etree.SubElement(parent, tag, **attrib)
    if text is not None:
        el.text = text
    return el


def _term_sec(S: Any, lang_sec: Any, term: str, status: str) -> None:
    ts = S(lang_sec, "termSec")
    S(ts, "term", term)
    S(ts, "termNote", STATUS_TO_TBX[status], type="administrativeStatus")


def read_tbx(path: str | os.PathLike[str]) -> Glossary:
    """Read a TBX file: TBX-Basic 2019 (conceptEntry) or TBX v2 martif (termEntry).

    Raises:
        InputError: a missing, unreadable or too large file.
        FormatError: hostile XML (entity declarations), malformed XML, not a TBX file,
            an entry without a Chinese or English term, duplicate concepts; with the
            file and line.
    """
    e = read_tbx_entries(path)
    check_duplicates(e.terms, e.path, e.lines)
    return Glossary(e.terms, name=Path(path).stem, path=str(path))


def read_tbx_entries(path: str | os.PathLike[str]) -> Entries:
    """The entries of a TBX file with their lines, repeated concepts included (see
    :func:`read_tbx`)."""
    from lxml import etree

    from align.formats.decode import read_bytes
    from align.formats.xmlsafe import parse_xml

    p = Path(path)
    data = read_bytes(p)  # refuses absurd sizes, like every other reader
    # entity declarations, malformed XML and safety limits are refused, never a part
    root = parse_xml(data, p, fix="check the file is complete TBX")
    for ref in root.iter(etree.Entity):  # undefined (a DOCTYPE without declarations)
        raise FormatError(f"undefined entity {ref.text} in the glossary; replace it with the "
                          "character itself", path=p, line=ref.sourceline)
    local = etree.QName(root).localname
    if local not in ("tbx", "martif"):
        raise FormatError(f"not a TBX glossary: root element <{local}>, expected <tbx> "
                          "(TBX 2019) or <martif> (older TBX)", path=p, line=root.sourceline)
    entries = [el for el in root.iter() if isinstance(el.tag, str)
               and etree.QName(el).localname in ("conceptEntry", "termEntry")]
    if not entries:
        raise FormatError("not a TBX glossary: no conceptEntry or termEntry found",
                          path=p, line=root.sourceline)
    terms: list[Term] = []
    lines: list[int | None] = []
    for entry in entries:
        terms.append(_entry_to_term(entry, p))
        lines.append(entry.sourceline)
    return Entries(tuple(terms), tuple(lines), p)


def _local(el: Any) -> str:
    from lxml import etree

    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _lang_of(el: Any) -> str:
    lang = el.get(XML_LANG) or el.get("lang") or ""
    return lang.lower().replace("_", "-").split("-")[0]


def _entry_to_term(entry: Any, p: Path) -> Term:
    domain = note = definition = ""
    sides: dict[str, list[tuple[str, str | None]]] = {}
    for el in entry.iter():
        name = _local(el)
        if name == "descrip":
            kind = el.get("type", "")
            if kind == "subjectField" and not domain:
                domain = _text(el)
            elif kind == "definition" and not definition:
                definition = _text(el)
        elif name == "note" and not note:
            note = _text(el)
        elif name in ("langSec", "langSet"):
            lang = _lang_of(el)
            sides.setdefault(lang, []).extend(_lang_terms(el))
    cid = entry.get("id", "")
    for lang, label in (("zh", "Chinese"), ("en", "English")):
        if not any(t for t, _ in sides.get(lang, [])):
            raise FormatError(f"empty term: entry {cid or '(no id)'} has no {label} term "
                              f"(a langSec/langSet with xml:lang=\"{lang}\" and a <term>)",
                              path=p, line=entry.sourceline)
    zh_main, zh_rest, zh_status = _split_side(sides["zh"])
    en_main, en_rest, en_status = _split_side(sides["en"])
    variants = tuple(t for t, s in en_rest if s != "deprecated")
    deprecated = tuple(t for t, s in en_rest if s == "deprecated")
    status = zh_status or en_status or "preferred"
    return Term(zh=zh_main, en=en_main, zh_variants=tuple(t for t, _ in zh_rest),
                variants=variants, deprecated=deprecated, status=status,  # type: ignore[arg-type]
                note=note or definition, domain=domain, id=cid)


def _lang_terms(lang_el: Any) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for el in lang_el.iter():
        if _local(el) != "term":
            continue
        holder = el.getparent()  # termSec / tig / termGrp
        status = None
        for sib in holder.iter():
            if _local(sib) == "termNote" and sib.get("type") == "administrativeStatus":
                status = TBX_TO_STATUS.get(_text(sib))
        text = _text(el)
        if text:
            out.append((text, status))
    return out


def _split_side(terms: list[tuple[str, str | None]]
                ) -> tuple[str, list[tuple[str, str | None]], str | None]:
    main = next((k for k, (_, s) in enumerate(terms) if s == "preferred"), 0)
    rest = terms[:main] + terms[main + 1:]
    return terms[main][0], rest, terms[main][1]
