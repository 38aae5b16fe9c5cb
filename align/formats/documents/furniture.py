"""Page furniture removal by general rules, shared by the text, HTML and Word readers.

A web page copied to text (or a scraped HTML page) carries lines that are not part
of the article: language switchers, "Print"/"Share" buttons, font-size widgets,
image file names, "Topics:" labels, and the title/date/source block. The rules
below recognise such *lines* by their form, never by naming a particular site.
Title, date, source, author and editor go to the metadata; nothing is dropped
unaccounted: every removed line is listed in :attr:`Cleaned.removed`.

Zones: the *header* is everything before the first body line (a line of some
length ending with sentence punctuation), the *footer* everything after the last
one. Labels, metadata lines and the title are only looked for there; image names,
font-size widgets and UI words are removed anywhere. A line longer than ~80
characters ending with sentence punctuation is never removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from align.text.script import display_width
from align.text.variants import to_simplified

# Sentence-final punctuation, optionally followed by closing quotes/brackets.
_SENT_END = re.compile(r"[.!?。！？…‼⁇⁈⁉][\"'’”」』）)》〉\]】]*$")
_ANY_FINAL_PUNCT = re.compile(r"[.!?。！？…,，;；:：、][\"'’”」』）)》〉\]】]*$")
_IMAGE = re.compile(r"\S+\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?)", re.I)
_FONT_WIDGET = re.compile(
    r"[\[【(（]?\s*(?:font[\s_-]?size|text[\s_-]?size|字号|字体大小|字体)\s*[:：]?\s*"
    r"(?:[|｜/·]?\s*(?:big|middle|medium|small|large|larger|smaller|default|"
    r"大|中|小|默认|A\+|A-|A)\s*)*[\]】)）]?", re.I)
_UI_WORDS = frozenset(w.casefold() for w in (
    # language switchers
    "Chinese", "English", "中文", "英文", "中文版", "英文版", "English version",
    "简体", "繁體", "繁体", "简体中文", "繁體中文", "简", "繁", "EN", "CN", "ZH",
    # buttons and links
    "Print", "Share", "Close", "Print this page", "Close window", "打印", "打印本页", "分享",
    "分享到", "关闭", "关闭窗口", "收藏", "Favorite", "Bookmark", "Email", "E-mail", "Home",
    "首页", "返回", "Back", "Top", "Back to top", "返回顶部", "Menu", "菜单", "Search", "搜索",
    "Login", "Log in", "Sign in", "登录", "Next", "Previous", "Prev", "上一篇", "下一篇",
    "上一页", "下一页", "More", "更多", "Read more", "阅读全文", "阅读原文", "Related",
    "相关新闻", "相关阅读", "扫一扫", "WeChat", "Weibo", "微信", "微博", "Facebook",
    "Twitter", "LinkedIn", "Share to", "Topics", "专题", "Tags", "标签",
    # empty-field placeholders
    "none", "null", "undefined", "N/A", "无", "暂无",
))
_UI_SEP = re.compile(r"\s*[|｜/·•【】\[\]]+\s*")
_LABEL = re.compile(r"[^:：]{1,30}[:：]")

# Metadata keys -> canonical names. "By" needs a colon; "time" keys need a digit.
_META_KEYS = {
    "date": ("Date", "Published", "Published on", "Publish date", "Publication date",
             "Release date", "Release time", "Posted", "Updated", "Time", "日期", "发布日期",
             "发布时间", "发表时间", "更新时间", "时间"),
    "source": ("Source", "Sources", "Origin", "来源", "稿源", "出处"),
    "author": ("Author", "Authors", "By", "Writer", "Reporter", "作者", "撰稿", "撰文", "记者"),
    "editor": ("Editor", "Editors", "Editor-in-charge", "Chief editor", "编辑", "责任编辑",
               "责编", "编审"),
    "photo": ("Photo", "Photos", "Photographer", "摄影", "图片"),
    "topics": ("Topics", "Topic", "Tags", "Keywords", "专题", "标签", "关键词"),
}
_KEY_TO_NAME = {k.casefold(): name for name, keys in _META_KEYS.items() for k in keys}
_META_KEY = re.compile(
    r"(?:^|(?<=[\s|｜/·【\[]))(?P<key>"
    + "|".join(sorted((re.escape(k) for k in _KEY_TO_NAME), key=len, reverse=True))
    + r")\s*[:：]", re.I)
_DATE_NEEDS_DIGIT = "date"

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ISO_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_EN_DATE_MDY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})")
_EN_DATE_DMY = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank source line (whitespace-normalised) and where it came from.

    Attributes:
        text: the line, single-spaced, stripped.
        line: 1-based source line (text and HTML files), else None.
        block: the paragraph-candidate block the line belongs to.
    """

    text: str
    line: int | None
    block: int


@dataclass(frozen=True, slots=True)
class Removed:
    """A line taken out of the body, and why ("ui", "image", "font-size", "label",
    "metadata:<key>", "title")."""

    text: str
    line: int | None
    reason: str


@dataclass(slots=True)
class Cleaned:
    """Result of :func:`clean_lines`: the kept body lines, metadata and removed lines."""

    lines: list[Line]
    metadata: dict[str, str] = field(default_factory=dict)
    removed: list[Removed] = field(default_factory=list)


def is_protected(s: str) -> bool:
    """A long line ending like a sentence: body text that no rule may remove."""
    return display_width(s) > 80 and bool(_SENT_END.search(s))


def is_body_line(s: str) -> bool:
    """A line that reads like body text: of some length, ending with sentence punctuation."""
    return display_width(s) >= 16 and bool(_SENT_END.search(s))


def is_image_name(s: str) -> bool:
    """A line that is only an image file name, e.g. ``1.png``."""
    return _IMAGE.fullmatch(s) is not None


def is_font_widget(s: str) -> bool:
    """A font-size widget, e.g. ``fontSize: big middle small`` or ``【字号 大 中 小】``."""
    return _FONT_WIDGET.fullmatch(s) is not None


def is_ui_line(s: str) -> bool:
    """A line made only of UI words: language switchers, buttons, placeholders."""
    core = s.strip("【】[]()（）<>《》「」:：|｜ ").casefold()
    if not core:
        return False
    if core in _UI_WORDS:
        return True
    parts = [p.strip(":：") for p in _UI_SEP.split(core)]
    parts = [p for p in parts if p]
    return bool(parts) and all(
        p in _UI_WORDS or all(w in _UI_WORDS for w in p.split()) or is_font_widget(p)
        for p in parts)


def is_label(s: str) -> bool:
    """A short label ending with a colon and nothing after it, e.g. ``Topics:``."""
    return _LABEL.fullmatch(s) is not None and len(s.split()) <= 3


def parse_metadata_line(s: str) -> list[tuple[str, str]] | None:
    """Split a metadata line such as ``Date: 2024-02-20 Source: Xinhua`` into
    (canonical key, value) pairs; None if the line is not a metadata line. Chinese
    keys are found in traditional characters too (來源：, 發佈時間：)."""
    s = s.strip("【】[]")
    matches = list(_META_KEY.finditer(to_simplified(s)))  # one character for one
    if not matches or matches[0].start() != 0:
        return None
    pairs = []
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        name = _KEY_TO_NAME[m.group("key").casefold()]
        value = s[m.end():nxt.start() if nxt else len(s)].strip(" |｜/·【】[]")
        if name == _DATE_NEEDS_DIGIT and value and not re.search(r"\d", value):
            return None
        pairs.append((name, value))
    return pairs


def normalise_date(value: str) -> str:
    """``2024年2月20日``, ``2024/02/20 09:30``, ``February 20, 2024`` -> ``2024-02-20``;
    other values are returned unchanged."""
    m = _ISO_DATE.search(value)
    if m:
        y, mo, d = m.groups()
        return f"{y}-{int(mo):02d}-{int(d):02d}"
    m = _EN_DATE_MDY.search(value)
    if m and m.group(1)[:3].lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(1)[:3].lower()]:02d}-{int(m.group(2)):02d}"
    m = _EN_DATE_DMY.search(value)
    if m and m.group(2)[:3].lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(2)[:3].lower()]:02d}-{int(m.group(1)):02d}"
    return value


def _same_title(line: str, hint: str) -> bool:
    a, b = line.casefold(), hint.casefold()
    return a == b or (len(a) >= 8 and (b.startswith(a) or a.startswith(b)))


def clean_lines(lines: Sequence[Line], *, title_hint: str | None = None) -> Cleaned:
    """Remove page furniture from a document's lines, collecting metadata.

    Args:
        lines: the document's non-blank lines in order.
        title_hint: the title known from elsewhere (an HTML ``<h1>``/``<title>``);
            a header line equal to it is taken as the title.

    Returns:
        The kept lines, the metadata found (title, date, source, author, editor,
        photo, topics) and the removed lines with the reason for each.
    """
    reasons: dict[int, str] = {}
    meta: dict[str, str] = {}
    protected = [is_protected(ln.text) for ln in lines]  # asked of each line many times
    for i, ln in enumerate(lines):
        s = ln.text
        if protected[i]:
            continue
        if is_image_name(s):
            reasons[i] = "image"
        elif is_font_widget(s):
            reasons[i] = "font-size"
        elif is_ui_line(s):
            reasons[i] = "ui"
    body = [i for i, ln in enumerate(lines) if i not in reasons and is_body_line(ln.text)
            and (protected[i] or parse_metadata_line(ln.text) is None)]
    if body:
        first, last = body[0], body[-1]
    else:  # no sentence-like line at all: only a leading metadata block counts as header
        meta_rows = [i for i, ln in enumerate(lines[:12]) if parse_metadata_line(ln.text)]
        first, last = (meta_rows[-1] + 1 if meta_rows else 0), len(lines)
    first_meta: int | None = None
    for i, ln in enumerate(lines):
        if i in reasons or first <= i <= last or protected[i]:
            continue
        pairs = parse_metadata_line(ln.text)
        if pairs is not None:
            reasons[i] = "metadata:" + ",".join(k for k, _ in pairs)
            for key, value in pairs:
                if value:
                    meta.setdefault(key, normalise_date(value) if key == "date" else value)
            if i < first and first_meta is None:
                first_meta = i
        elif is_label(ln.text):
            reasons[i] = "label"
    title_row = _find_title(lines, protected, reasons, first, first_meta, title_hint)
    if title_row is not None:
        reasons[title_row] = "title"
        meta["title"] = lines[title_row].text
    elif title_hint:
        meta["title"] = title_hint
    kept = [ln for i, ln in enumerate(lines) if i not in reasons]
    removed = [Removed(lines[i].text, lines[i].line, r) for i, r in sorted(reasons.items())]
    return Cleaned(kept, meta, removed)


def _find_title(
    lines: Sequence[Line], protected: Sequence[bool], reasons: dict[int, str],
    first_body: int, first_meta: int | None, hint: str | None,
) -> int | None:
    header = [i for i in range(min(first_body, len(lines)))
              if i not in reasons and not protected[i]
              and display_width(lines[i].text) <= 200]
    if len(header) == sum(1 for i in range(len(lines)) if i not in reasons):
        return None  # the title would be all the text there is: keep it as body
    if hint:
        for i in header:
            if _same_title(lines[i].text, hint):
                return i
    if first_meta is not None:
        before = [i for i in header if i < first_meta]
        if before:
            return before[-1]
    if hint:
        return None
    # A first line without punctuation is a title only if it stands alone: the first
    # line of a hard-wrapped paragraph does not end with punctuation either.
    kept_in_block: dict[int, int] = {}
    for i, ln in enumerate(lines):
        if i not in reasons:
            kept_in_block[ln.block] = kept_in_block.get(ln.block, 0) + 1
    for i in header:
        if not _ANY_FINAL_PUNCT.search(lines[i].text) and kept_in_block[lines[i].block] == 1:
            return i
    return None
