"""HTML pages: the article's paragraphs, without scripts, navigation or other furniture.

The page is parsed with lxml's HTML parser through
:func:`align.formats.xmlsafe.parse_html` (network off, comments and processing
instructions dropped, nesting up to 2048 deep; a page beyond the parser's limits is
refused, never read in part). Elements that never hold article text are removed by
tag (script, nav, form, ...), and inside the article by class/id/role words (menu,
share, sidebar, ...). The article is the ``<article>`` (or ``<main>``) with most
text, else the element whose paragraphs hold most text (a text-density rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

from align.errors import InputError
from align.formats.documents.furniture import Line, normalise_date, parse_metadata_line

_JUNK_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "aside", "form",
              "button", "select", "option", "input", "textarea", "iframe", "svg", "canvas",
              "object", "embed", "map")
_JUNK_WORDS = frozenset((
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb", "breadcrumbs",
    "crumbs", "share", "sharing", "social", "footer", "sidebar", "comment", "comments",
    "ad", "ads", "advert", "adverts", "advertisement", "sponsor", "sponsored", "promo",
    "popup", "modal", "cookie", "cookies", "toolbar", "pagination", "pager", "related",
    "recommend", "recommended", "fontsize",
))
_JUNK_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search",
                         "menu", "menubar", "toolbar", "dialog"))
_BLOCK_TAGS = frozenset((
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "main", "header", "table", "thead", "tbody", "tr",
    "td", "th", "caption", "pre", "figure", "figcaption", "hr", "address", "center", "body",
    "details", "summary",
))
_WORD_SPLIT = re.compile(r"[\s_-]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ROOT_TAG = re.compile(r"<(html|head|body)\b", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u00ad\ufeff"))

_META_DATE = ("article:published_time", "og:published_time", "pubdate", "publishdate",
              "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date",
              "datepublished", "sailthru.date", "parsely-pub-date")
_META_SOURCE = ("source", "contentsource", "og:site_name", "publisher", "citation_publisher",
                "dc.publisher", "sitename")
_META_AUTHOR = ("author", "article:author", "dc.creator", "citation_author")


@dataclass(slots=True)
class HtmlContent:
    """What the HTML reader found: article lines, metadata, and a title hint."""

    lines: list[Line]
    metadata: dict[str, str] = field(default_factory=dict)
    title_hint: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether a text file is in fact an HTML page (starts with a doctype or <html>)."""
    head = _XML_DECL.sub("", text[:1024]).lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    """The codec named by a ``<meta charset>`` (or http-equiv) in the first 4 KB, if
    Python knows it; GBK and GB2312 are read as their superset GB18030."""
    import codecs

    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    return "gb18030" if name in ("gbk", "gb2312") else name


def _clean(s: str | None) -> str:
    return " ".join((s or "").translate(_INVISIBLE).split())


def read_html(text: str, path: str | PathLike[str] | None = None) -> HtmlContent:
    """Extract the article of an HTML page as lines grouped in paragraph blocks.

    Raises:
        InputError: the text cannot be parsed as HTML or has no body.
    """
    from align.formats.xmlsafe import parse_html, reject_doctype_entities

    # HTML has no entity declarations; the HTML parser would show the declarations
    # ("]>") and the undefined references as text, so refuse them as the XML readers do.
    root_tag = _ROOT_TAG.search(text)
    prologue = text[:root_tag.start()] if root_tag else text[:65536]  # comments may pad it
    reason = reject_doctype_entities(prologue.encode("utf-8", "replace"))
    if reason:
        raise InputError(f"{reason}; remove the <!DOCTYPE ...[ ]> internal subset", path)
    root = parse_html(_XML_DECL.sub("", text, count=1), path)  # whole, or refused
    head = _head_metadata(root)
    body = root.find("body")
    if body is None:
        raise InputError("the HTML page has no <body>; check that it is a web page", path)
    for el in list(body.iter(*_JUNK_TAGS)):
        el.drop_tree()
    for el in list(body.iter("header")):
        if next(el.iterancestors("article"), None) is None:  # site banner, not article header
            el.drop_tree()
    for el in list(body.iter()):
        if isinstance(el.tag, str) and _hidden(el):
            el.drop_tree()
    article = _pick_article(body)
    for el in list(article.iterdescendants()):
        if isinstance(el.tag, str) and _junk_by_attributes(el):
            el.drop_tree()
    lines = _Collector().collect(article)
    # Visible date/source lines outside the chosen article (e.g. above it) beat <meta>
    # tags; the article's own lines beat both (merged by the caller).
    visible: dict[str, str] = {}
    if article is not body:
        for ln in _Collector().collect(body):
            for key, value in parse_metadata_line(ln.text) or ():
                if key in ("date", "source") and value:
                    visible.setdefault(key, normalise_date(value) if key == "date" else value)
    time_el = next(article.iter("time"), None)
    if time_el is not None:
        value = time_el.get("datetime") or _clean(time_el.text_content())
        if value:
            visible.setdefault("date", normalise_date(value))
    meta = {**head, **visible}
    og_title, page_title = meta.pop("og_title", ""), meta.pop("page_title", "")
    hint = _first_text(article, "h1") or og_title or _first_text(body, "h1") or page_title
    return HtmlContent(lines, meta, hint or None)


def _first_text(el: Any, tag: str) -> str:
    found = next(el.iter(tag), None)
    return _clean(found.text_content()) if found is not None else ""


def _head_metadata(root: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and _clean(title.text_content()):
        meta["page_title"] = _clean(title.text_content())
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = _clean(m.get("content"))
        if not value:
            continue
        if key in ("og:title", "twitter:title"):
            meta.setdefault("og_title", value)
        elif key in _META_DATE:
            meta.setdefault("date", normalise_date(value))
        elif key in _META_SOURCE:
            meta.setdefault("source", value)
        elif key in _META_AUTHOR:
            meta.setdefault("author", value)
        elif key == "og:url":
            meta.setdefault("url", value)
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta.setdefault("url", link.get("href").strip())
    return meta


def _hidden(el: Any) -> bool:
    return (el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(el.get("style") or "")))


def _junk_by_attributes(el: Any) -> bool:
    if (el.get("role") or "").lower() in _JUNK_ROLES:
        return True
    words = _WORD_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return any(w in _JUNK_WORDS for w in words)


def _text_len(el: Any) -> int:
    return sum(len(_clean(p.text_content())) for p in el.iter("p"))


def _pick_article(body: Any) -> Any:
    for tag in ("article", "main"):
        found = list(body.iter(tag))
        if tag == "main":
            found += [e for e in body.iter() if (e.get("role") or "").lower() == "main"]
        sizes = [(n, e) for e in found if (n := _text_len(e)) > 0]  # each subtree read once
        if sizes:
            return max(sizes, key=lambda ne: ne[0])[1]
    scores: dict[Any, float] = {}
    for p in body.iter("p"):
        n = len(_clean(p.text_content()))
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + n
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + n / 2
    if not scores:
        return body
    best = max(scores, key=lambda e: scores[e])
    return best if scores[best] > 0 else body


class _Collector:
    """Walks an element tree, turning block elements into blocks of lines."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.block = 0
        self.parts: list[tuple[list[str], int | None]] = []  # current block's lines

    def collect(self, el: Any) -> list[Line]:
        self._walk(el, tail=False)
        self._flush()
        return self.lines

    def _add(self, text: str | None, line: int | None) -> None:
        if text:
            if not self.parts:
                self.parts.append(([], line))
            self.parts[-1][0].append(text)

    def _newline(self, line: int | None) -> None:
        self.parts.append(([], line))

    def _flush(self) -> None:
        added = False
        for chunks, line in self.parts:
            text = _clean("".join(chunks))
            if text:
                self.lines.append(Line(text, line, self.block))
                added = True
        self.parts = []
        if added:
            self.block += 1

    def _walk(self, top: Any, *, tail: bool = True) -> None:
        # An explicit stack, not recursion: pages nest up to 2048 elements deep
        # (unclosed <span>s), more than Python's recursion limit.
        stack: list[tuple[Any, bool, bool]] = [(top, tail, False)]
        while stack:
            el, with_tail, leaving = stack.pop()
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            line = el.sourceline
            if leaving:  # after the children
                if tag in _BLOCK_TAGS:
                    self._flush()
                if with_tail:
                    self._add(el.tail, line)
                continue
            if tag == "br":
                self._newline(line)
            elif tag in _BLOCK_TAGS:
                self._flush()
                self._newline(line)
            stack.append((el, with_tail, True))
            if tag and tag not in ("br", "img"):
                self._add(el.text, line)
                stack.extend((child, True, False) for child in reversed(el))
