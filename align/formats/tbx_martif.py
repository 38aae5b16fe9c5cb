"""TBX v2 "martif" glossaries (ISO 30042:2008, the TBX that translate-toolkit writes
and OmegaT, Trados MultiTerm and memoQ read).

Layout, the same concept mapping as the TBX-Basic 2019 writer
(:func:`align.formats.tbx.write_tbx`)::

    <martif type="TBX" xml:lang="zh">
      <martifHeader><fileDesc><sourceDesc><p>NAME</p></sourceDesc></fileDesc></martifHeader>
      <text><body>
        <termEntry id="bj-001">
          <descrip type="subjectField">economy</descrip>
          <note>...</note>
          <langSet xml:lang="zh"><tig><term>新质生产力</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
          </langSet>
          <langSet xml:lang="en"><tig>...</tig> (approved, then admitted, then deprecated)
          </langSet>
        </termEntry>

:func:`align.formats.tbx.read_tbx` reads it back.
"""

from __future__ import annotations

import os
from typing import Any

from align.formats.files import atomic_write
from align.formats.tbx import STATUS_TO_TBX, XML_LANG, concept_ids
from align.types import Glossary, Term

DOCTYPE = ('<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" '
           '"TBXcdv04.dtd">')


def write_martif(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write a TBX v2 (martif) file atomically. Terms without an id get ``c1``, ``c2``...

    Raises:
        InputError: if the output folder does not exist, or the write fails (disk full).
    """
    from lxml import etree

    root = etree.Element("martif", type="TBX")
    root.set(XML_LANG, "zh")
    desc = _sub(_sub(_sub(root, "martifHeader"), "fileDesc"), "sourceDesc")
    _sub(desc, "p", glossary.name or "zhen-align glossary")
    body = _sub(_sub(root, "text"), "body")
    for t, cid in zip(glossary.terms, concept_ids(glossary), strict=True):
        _entry(body, t, cid)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype=DOCTYPE)
    with atomic_write(path, "wb") as f:
        f.write(data)


def _entry(body: Any, t: Term, cid: str) -> None:
    entry = _sub(body, "termEntry", id=cid)
    if t.domain:
        _sub(entry, "descrip", t.domain, type="subjectField")
    if t.note:
        _sub(entry, "note", t.note)
    zh = _sub(entry, "langSet")
    zh.set(XML_LANG, "zh")
    _tig(zh, t.zh, t.status)
    for v in t.zh_variants:
        _tig(zh, v, "admitted")
    en = _sub(entry, "langSet")
    en.set(XML_LANG, "en")
    _tig(en, t.en, t.status)
    for v in t.variants:
        _tig(en, v, "admitted")
    for v in t.deprecated:
        _tig(en, v, "deprecated")


def _tig(lang_set: Any, term: str, status: str) -> None:
    tig = _sub(lang_set, "tig")
    _sub(tig, "term", term)
    _sub(tig, "termNote", STATUS_TO_TBX[status], type="administrativeStatus")


def _sub(parent: Any, tag: str, text: str | None = None, **attrib: str) -> Any:
    from lxml import etree

    el = etree.SubElement(parent, tag, **attrib)
    if text is not None:
        el.text = text
    return el
