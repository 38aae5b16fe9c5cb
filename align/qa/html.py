"""The HTML report of ``align check``: a self-contained page (inline CSS, no scripts)
with the findings table and, when the alignment is given, the bilingual text side by
side (beads numbered from 1, their ``#bN`` anchors too), glossary terms marked with ``<mark>`` (deprecated ones in red) and each bead's
findings listed with their severity. Built with lxml; returned as text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree

from align.qa.findings import Finding
from align.qa.report import bead_label, summary_line
from align.terms.match import TermHit, find_terms
from align.types import Alignment, Glossary, number_shown

_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2em}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}
tr.error td.sev,.sev-error{color:#b00020;font-weight:bold}
tr.warning td.sev,.sev-warning{color:#a15c00;font-weight:bold}
tr.info td.sev,.sev-info{color:#555}
tr.has-error{background:#fff0f0} tr.has-warning{background:#fff8e6}
mark{background:#ffe680;padding:0 .1em} mark.deprecated{background:#ffb3b3}
td.bead{white-space:nowrap;color:#666} ul{margin:.2em 0;padding-left:1.2em}
"""


def _marked(parent: Any, text: str, hits: Sequence[TermHit]) -> None:
    """Add ``text`` to the lxml element ``parent`` with each hit wrapped in ``<mark>``."""
    pos = 0
    last = None
    for h in hits:
        if h.start < pos:
            continue
        chunk = text[pos:h.start]
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = chunk
        last = etree.SubElement(parent, "mark", title=f"{h.term.zh} = {h.term.en}")
        if h.kind == "deprecated":
            last.set("class", "deprecated")
        last.text = text[h.start:h.end]
        pos = h.end
    rest = text[pos:]
    if last is None:
        parent.text = (parent.text or "") + rest
    else:
        last.tail = rest


def render_html(findings: Sequence[Finding], *, alignment: Alignment | None = None,
                glossary: Glossary | None = None, title: str = "zhen-align QA report") -> str:
    """A self-contained HTML page (inline CSS, no scripts) for the findings."""
    html = etree.Element("html", lang="en")
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "style").text = _CSS
    body = etree.SubElement(html, "body")
    etree.SubElement(body, "h1").text = title
    p = etree.SubElement(body, "p")
    p.text = summary_line(findings)
    if glossary is not None:
        p.text += f"; glossary {glossary.name or '(unnamed)'}: {len(glossary)} terms"
    _findings_table(body, findings)
    if alignment is not None:
        _bitext(body, findings, alignment, glossary)
    return "<!DOCTYPE html>\n" + etree.tostring(html, encoding="unicode", method="html") + "\n"


def _findings_table(body: Any, findings: Sequence[Finding]) -> None:
    """Add the findings table (beads link to their row of the bilingual table)."""
    etree.SubElement(body, "h2").text = "Findings"
    t = etree.SubElement(body, "table", {"class": "findings"})
    tr = etree.SubElement(t, "tr")
    for h in ("bead", "severity", "kind", "term", "message"):
        etree.SubElement(tr, "th").text = h
    for f in findings:
        tr = etree.SubElement(t, "tr", {"class": f.severity})
        cells = (bead_label(f), f.severity, f.kind, f.term or "",
                 f.message)
        for cls, v in zip(("bead", "sev", "kind", "term", "msg"), cells, strict=True):
            td = etree.SubElement(tr, "td", {"class": cls})
            if cls == "bead" and f.bead is not None:
                a = etree.SubElement(td, "a", href=f"#b{v}")
                a.text = v
            else:
                td.text = v


def _bitext(body: Any, findings: Sequence[Finding], alignment: Alignment,
            glossary: Glossary | None) -> None:
    """Add the bilingual table (one row per bead, terms marked, findings listed)."""
    by_bead: dict[int, list[Finding]] = {}
    for f in findings:
        if f.bead is not None:
            by_bead.setdefault(f.bead, []).append(f)
    etree.SubElement(body, "h2").text = "Bilingual text"
    t = etree.SubElement(body, "table", {"class": "bitext"})
    tr = etree.SubElement(t, "tr")
    for h in ("bead", f"source ({alignment.src_lang})", f"target ({alignment.tgt_lang})",
              "findings"):
        etree.SubElement(tr, "th").text = h
    for k, (bead, src, tgt) in enumerate(alignment.pairs()):
        fs = by_bead.get(k, [])
        sev = {f.severity for f in fs}
        cls = "has-error" if "error" in sev else "has-warning" if "warning" in sev else ""
        tr = etree.SubElement(t, "tr", id=f"b{number_shown(k)}")
        if cls:
            tr.set("class", cls)
        td = etree.SubElement(tr, "td", {"class": "bead"})
        td.text = f"{number_shown(k)} {bead.ladder()}"
        for text, lang in ((src, alignment.src_lang), (tgt, alignment.tgt_lang)):
            td = etree.SubElement(tr, "td", lang=lang)
            hits = find_terms(text, lang, glossary) if glossary is not None else []
            _marked(td, text, hits)
        td = etree.SubElement(tr, "td")
        if fs:
            ul = etree.SubElement(td, "ul")
            for f in fs:
                li = etree.SubElement(ul, "li")
                span = etree.SubElement(li, "span", {"class": f"sev-{f.severity}"})
                span.text = f.severity
                span.tail = f" {f.kind}: {f.message}"
