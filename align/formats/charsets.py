"""What encoding some bytes are in, when no byte-order mark says it: binary formats by
their magic numbers, UTF-16 without a byte-order mark, GB18030 that is real Chinese.

Used by :mod:`align.formats.decode`, which owns the decoding order and the messages.
"""

from __future__ import annotations

import itertools

from align.text.script import is_han

_ZIP_HINT = ("a zip archive (.docx, .xlsx, .zip, ...); give a Word file the .docx suffix, "
             "or extract its text first")
_MAGIC = (
    (b"%PDF", "a PDF document; extract its text first (e.g. pdftotext FILE FILE.txt)"),
    (b"PK\x03\x04", _ZIP_HINT),
    (b"PK\x05\x06", _ZIP_HINT),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old Microsoft Office file (.doc/.xls); save it as .docx or .txt"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
    (b"\x1f\x8b", "a gzip archive; decompress it first (gunzip)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
)

def binary_kind(data: bytes) -> str | None:
    """What a file is, if its first bytes are the magic number of a binary format."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """(text, "utf-16-le"/"utf-16-be") if ``data`` is UTF-16 text without a byte-order
    mark, else None.

    Called for data with NUL bytes (a line end or any ASCII character is one in
    UTF-16). Both byte orders are decoded; the one whose first 32,768 characters are
    at least :data:`_MIN_TEXT16_SHARE` printable ASCII, whitespace, Han or CJK
    punctuation wins. Chinese text puts no NUL on a fixed parity (一 is U+4E00), so
    the share of plausible characters decides, not where the NULs are.
    """
    import codecs

    if len(data) % 2:
        return None
    head = data[:65536]
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            sample = codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        share = _text16_share(sample)
        if share >= _MIN_TEXT16_SHARE and (best is None or share > best[0]):
            best = (share, codec)
    if best is None:
        return None
    try:
        return data.decode(best[1]), best[1]
    except UnicodeDecodeError:
        return None  # damaged further on: refused with the byte-order hint


#: Share of plausible characters that makes NUL-bearing data UTF-16 text.
_MIN_TEXT16_SHARE = 0.95


def _text16_share(sample: str) -> float:
    """Share of ``sample`` that is printable ASCII, whitespace, Han or CJK punctuation."""
    if not sample:
        return 0.0
    ok = sum(1 for ch in sample
             if (" " <= ch <= "~") or ch in "\t\n\r\f" or _cjk_like(ch))
    return ok / len(sample)


def utf16_parity(data: bytes) -> str | None:
    """"UTF-16LE"/"UTF-16BE" if the NUL bytes sit on one parity, as in UTF-16 text."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0), odd.count(0)
    if nul_odd >= max(4, 0.5 * len(odd)) and nul_even <= 0.02 * len(even):
        return "UTF-16LE"
    if nul_even >= max(4, 0.5 * len(even)) and nul_odd <= 0.02 * len(odd):
        return "UTF-16BE"
    return None


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _cjk_like(ch: str) -> bool:
    o = ord(ch)
    return (is_han(ch) or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F
            or o in (0xB7, 0xD7))


def plausible_chinese(text: str) -> bool:
    """Whether a GB18030 decoding looks like real Chinese rather than mojibake.

    Bytes in another encoding (Latin-1, Big5, ...) often decode as GB18030 too, but
    into rare characters; real GBK/GB18030 text is mostly CJK and overwhelmingly
    made of the common characters of GB2312.
    """
    nonascii = list(itertools.islice((ch for ch in text if ord(ch) > 127), 20000))
    if not nonascii:
        return False
    n = len(nonascii)
    cjk = sum(1 for ch in nonascii if _cjk_like(ch))
    common = sum(1 for ch in nonascii if _in_gb2312(ch))
    return cjk >= 0.5 * n and common >= 0.7 * n
