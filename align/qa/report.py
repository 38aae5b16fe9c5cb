"""QA reports: a plain-text table for the terminal, CSV and XLSX (pandas), and a
self-contained HTML page (lxml) with the bilingual text side by side, terms marked
with ``<mark>`` and the findings listed with their severity. Files are written
atomically."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from align.errors import InputError
from align.formats.files import atomic_path, atomic_write, write_xlsx
from align.qa.check import Finding
from align.terms.match import TermHit, find_terms
from align.types import Alignment, Glossary

COLUMNS = ("bead", "severity", "kind", "term", "message", "source", "target")
REPORT_SUFFIXES = (".html", ".htm", ".csv", ".xlsx")


def _cell(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _width(s: str) -> int:
    # CJK characters take two terminal columns
    return sum(2 if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _summary(findings: Sequence[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"


def format_table(findings: Sequence[Finding], *, width: int = 60) -> str:
    """Findings as a plain-text table with aligned columns and a summary line."""
    summary = _summary(findings)
    if not findings:
        return "no findings\n" + summary + "\n"
    # the source sentence (start) lets a translator find the bead without the report
    rows = [("bead", "severity", "kind", "term", "message", "source")]
    for f in findings:
        rows.append(("-" if f.bead is None else str(f.bead), f.severity, f.kind,
                     _cell(f.term or "", 16), _cell(f.message, width), _cell(f.src or "", 20)))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n" + summary + "\n"


def findings_frame(findings: Sequence[Finding]):  # type: ignore[no-untyped-def]
    """Findings as a pandas DataFrame with :data:`COLUMNS` plus ``details``."""
    import pandas as pd

    return pd.DataFrame(
        [{"bead": "" if f.bead is None else f.bead, "severity": f.severity, "kind": f.kind,
          "term": f.term or "", "message": f.message, "source": f.src, "target": f.tgt,
          "details": "; ".join(f"{k}={v}" for k, v in f.details.items())} for f in findings],
        columns=[*COLUMNS, "details"])


def write_report(findings: Sequence[Finding], path: str | os.PathLike[str], *,
                 alignment: Alignment | None = None, glossary: Glossary | None = None,
                 title: str = "zhen-align QA report") -> None:
    """Write a report; the format follows the suffix: .html/.htm, .csv, .xlsx.

    Raises:
        InputError: unknown suffix or missing output folder.
    """
    suf = Path(path).suffix.lower()
    if suf not in REPORT_SUFFIXES:
        raise InputError(f"unknown report format {suf or '(no suffix)'!r}; use "
                         f"{', '.join(REPORT_SUFFIXES)}", path=path)
    if suf in (".html", ".htm"):
        html = render_html(findings, alignment=alignment, glossary=glossary, title=title)
        with atomic_write(path) as f:
            f.write(html)
        return
    df = findings_frame(findings)
    if suf == ".csv":
        with atomic_path(path) as tmp:
            df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    else:
        write_xlsx(path, [str(c) for c in df.columns], df.itertuples(index=False),
                   sheet="findings")


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


def _marked(parent, text: str, hits: Sequence[TermHit]) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

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
    from lxml import etree

    html = etree.Element("html", lang="en")
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "style").text = _CSS
    body = etree.SubElement(html, "body")
    etree.SubElement(body, "h1").text = title
    p = etree.SubElement(body, "p")
    p.text = _summary(findings)
    if glossary is not None:
        p.text += f"; glossary {glossary.name or '(unnamed)'}: {len(glossary)} terms"
    etree.SubElement(body, "h2").text = "Findings"
    t = etree.SubElement(body, "table", {"class": "findings"})
    tr = etree.SubElement(t, "tr")
    for h in ("bead", "severity", "kind", "term", "message"):
        etree.SubElement(tr, "th").text = h
    for f in findings:
        tr = etree.SubElement(t, "tr", {"class": f.severity})
        cells = ("-" if f.bead is None else str(f.bead), f.severity, f.kind, f.term or "",
                 f.message)
        for cls, v in zip(("bead", "sev", "kind", "term", "msg"), cells, strict=True):
            td = etree.SubElement(tr, "td", {"class": cls})
            if cls == "bead" and f.bead is not None:
                a = etree.SubElement(td, "a", href=f"#b{f.bead}")
                a.text = v
            else:
                td.text = v
    if alignment is not None:
        _bitext(body, findings, alignment, glossary)
    return "<!DOCTYPE html>\n" + etree.tostring(html, encoding="unicode", method="html") + "\n"


def _bitext(body, findings: Sequence[Finding], alignment: Alignment,  # type: ignore[no-untyped-def]
            glossary: Glossary | None) -> None:
    from lxml import etree

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
        tr = etree.SubElement(t, "tr", id=f"b{k}")
        if cls:
            tr.set("class", cls)
        td = etree.SubElement(tr, "td", {"class": "bead"})
        td.text = f"{k} {bead.ladder()}"
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
