"""PDF files with a text layer, through pdfplumber: lines to paragraphs.

pdfplumber (on pdfminer.six) was chosen over pypdf by measuring both on PDFs of the
Beijing report printed by Chromium and LibreOffice (BENCHMARKS.md, "PDF reader"): pypdf puts
spaces between Chinese and digits (``2 ⽉ 19 ⽇``) and prints the running header at
the foot of the page; pdfplumber keeps the text as typeset, in reading order, and
gives each line's position, which rebuilding paragraphs needs.

From the lines of each page (top to bottom; one column):

* running headers, footers and page numbers are dropped
  (:func:`align.formats.documents.running.running_lines`);
* a paragraph ends where the vertical step to the next line is clearly larger than
  the usual one, where the next line is indented, or where the line ends so far
  from the right edge that the next line's first word would have fitted (the break
  was the author's, not the typesetter's) and either ends like a sentence or
  fills less than half the column (a no-break space the text layer does not show
  can push a word to the next line); a page break alone does not end one;
* the lines of a paragraph are joined with nothing next to a Chinese character and
  with a space otherwise; a hyphen at a line end is removed when the joined word is
  a word (see :func:`_join`);
* CJK radicals and compatibility ideographs become the ideographs they stand for
  (:func:`align.text.normalize.fold_cjk_compat`), ligatures their letters.
"""

from __future__ import annotations

import logging
import os
import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any

from align.errors import InputError
from align.formats.documents.furniture import Line
from align.formats.documents.running import running_lines
from align.text.normalize import fold_cjk_compat
from align.text.script import is_wide

__all__ = ["read_pdf"]

_FIX = "re-save it as PDF, or save the document as .txt or .docx"
_OCR = ("it has no text layer (a scanned document?); run OCR on it first, e.g. "
        "ocrmypdf -l chi_sim+eng in.pdf out.pdf, and give the OCRed PDF")
_BREAKING_SPACES = frozenset(" \t\u2002\u2003\u2009\u3000")
_ENDS_SENTENCE = re.compile(r"[.!?:;。！？：；…][\"'’”」』）)]*$")
_WORD = re.compile(r"[A-Za-z]+")
_LIGATURES = {o: unicodedata.normalize("NFKC", chr(o)) for o in range(0xFB00, 0xFB07)}
#: A step between lines this much larger than the usual one ends a paragraph.
_GAP_FACTOR = 1.4


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One line of a page as typeset: its text and where it stands (PDF points)."""

    text: str
    x0: float
    x1: float
    top: float
    height: float
    lead: float  # width of the first word (of the first two characters, if Chinese)


def read_pdf(path: str | PathLike[str]) -> tuple[list[Line], dict[str, str]]:
    """Read the paragraphs of a PDF as lines (one block per paragraph).

    Returns:
        (lines, metadata): metadata has "pages", "running" (running header, footer
        and page-number lines dropped) and "title" if the PDF's properties name one.

    Raises:
        InputError: not a PDF, damaged, encrypted, or without a text layer.
    """
    if os.stat(path).st_size == 0:
        raise InputError("the file is empty (0 bytes); give a PDF with text in it", path)
    pages, title, images = _extract(path)
    if not any(pages):
        raise InputError(_OCR if images else "the PDF holds no text; give a PDF with text "
                         "in it, or the document's text", path)
    running = running_lines([[ln.text for ln in page] for page in pages])
    body = [[ln for k, ln in enumerate(page) if (p, k) not in running]
            for p, page in enumerate(pages)]
    paragraphs = _paragraphs(body)
    vocabulary = _vocabulary(paragraphs)
    lines = [Line(_join([ln.text for ln in para], vocabulary), None, block)
             for block, para in enumerate(paragraphs)]
    meta = {"pages": str(len(pages)), "running": str(len(running))}
    if title:
        meta["title"] = title
    return lines, meta


def _extract(path: str | PathLike[str]) -> tuple[list[list[PdfLine]], str, int]:
    """(the lines of every page, the document title, how many images the pages hold)."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not ours
    try:
        with pdfplumber.open(os.fspath(path)) as pdf:
            info = pdf.metadata or {}
            title = info.get("Title")
            title = " ".join(title.split()) if isinstance(title, str) else ""
            pages: list[list[PdfLine]] = []
            images = 0
            for page in pdf.pages:
                pages.append([_line(ln) for ln in page.extract_text_lines(
                    return_chars=True, strip=True) if ln["text"].strip()])
                images += len(page.images)
                page.close()  # frees the page's parsed objects: memory stays one page
    except Exception as e:  # pdfminer raises many kinds on damaged or encrypted files
        # pdfplumber wraps pdfminer's error (PdfminerException(PDFPasswordIncorrect())).
        inner: BaseException = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError("the PDF is encrypted; save an unprotected copy (or its text)",
                             path) from None
        raise InputError(f"is not a readable PDF ({name}: {inner}); {_FIX}", path) from None
    return pages, title, images


def _line(ln: dict[str, Any]) -> PdfLine:
    text = " ".join(fold_cjk_compat(ln["text"]).translate(_LIGATURES).split())
    return PdfLine(text, ln["x0"], ln["x1"], ln["top"], ln["bottom"] - ln["top"],
                   _lead(ln["chars"]))


def _lead(chars: Sequence[dict[str, Any]]) -> float:
    """The width of what the line begins with that could not have been split from it:
    a word (with what no-break spaces tie to it), or two Chinese characters (one of
    them may be punctuation, which never starts a line)."""
    chars = [c for c in chars if c["text"] not in _BREAKING_SPACES]
    if not chars:
        return 0.0
    first = chars[0]
    if is_wide(first["text"][:1]):
        return sum(c["x1"] - c["x0"] for c in chars[:2])
    end = first
    for c in chars[1:]:
        gap = c["x0"] - end["x1"]
        if (gap > 0.2 * (end["x1"] - end["x0"]) and end["text"] != "\u00a0") \
                or is_wide(c["text"][:1]):
            break
        end = c
    return float(end["x1"] - first["x0"])


def _paragraphs(pages: Sequence[Sequence[PdfLine]]) -> list[list[PdfLine]]:
    """Group the body lines of all pages into paragraphs."""
    steps = [b.top - a.top for page in pages for a, b in zip(page, page[1:], strict=False)
             if b.top > a.top]
    step = statistics.median(steps) if steps else 0.0
    lines = [ln for page in pages for ln in page]
    if not lines:
        return []
    out: list[list[PdfLine]] = [[lines[0]]]
    for page in pages:
        right = _right_edge(page)
        left = min((ln.x0 for ln in page), default=0.0)
        for k, b in enumerate(page):
            a = out[-1][-1]
            if a is b:
                continue
            same_page = k > 0
            gap = same_page and step > 0 and b.top - a.top > _GAP_FACTOR * step
            room = right - a.x1
            short = room > b.lead + 0.5 * b.height and (
                _ENDS_SENTENCE.search(a.text) is not None or room > 0.5 * (right - left))
            indent = b.x0 - left > 0.8 * b.height and b.x0 > a.x0 + 0.8 * b.height
            if gap or short or indent or (same_page and b.top <= a.top):
                out.append([b])
            else:
                out[-1].append(b)
    return out


def _right_edge(page: Sequence[PdfLine]) -> float:
    """Where the page's text column ends: the line ends near the longest lines'."""
    ends = sorted(ln.x1 for ln in page)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


def _vocabulary(paragraphs: Sequence[Sequence[PdfLine]]) -> set[str]:
    """The lowercase words and hyphenated compounds that stand whole inside a line."""
    words: set[str] = set()
    for para in paragraphs:
        for ln in para:
            for w in ln.text.split()[:-1]:
                w = w.strip(".,;:!?()[]\"'“”‘’").casefold()
                if w:
                    words.add(w)
                    words.update(w.split("-"))
    return words


def _join(texts: Sequence[str], vocabulary: set[str]) -> str:
    """Join the lines of one paragraph: "" next to a Chinese character or after a
    hyphen, a space otherwise. A line-end hyphen between two lowercase fragments is
    removed when the joined word is a word (the document writes it whole elsewhere,
    or the dictionary knows it: ``develop-`` + ``ment``), and kept otherwise
    (``medium-`` + ``sized``, ``post-`` + ``disaster``): word processors and browsers
    break lines at hyphens without adding any."""
    out = texts[0]
    for t in texts[1:]:
        a, b = out[-1], t[0]
        if is_wide(a) or is_wide(b):
            out += t
        elif a == "-" and len(out) > 1 and out[-2].isalpha():
            head, tail = _WORD.findall(out[-40:]), _WORD.match(t)
            if out[-2].islower() and b.islower() and head and tail is not None \
                    and _is_word(head[-1] + tail.group(), vocabulary):
                out = out[:-1]
            out += t
        else:
            out += " " + t
    return out


def _is_word(word: str, vocabulary: set[str]) -> bool:
    """Whether ``word`` is an English word: in the document or in the dictionary."""
    from align.text.english import lemma_key
    from align.text.lexicon import load_lexicon

    w = word.casefold()
    return w in vocabulary or lemma_key(w) in load_lexicon().en_zh
