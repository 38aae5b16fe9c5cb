"""Bytes to text: byte-order marks, UTF-8, GB18030/GBK, binary files, size limits.

Decoding is strict everywhere: a byte that does not decode is an error naming its
offset, never a replacement character.
"""

from __future__ import annotations

import itertools
import os
import stat
from os import PathLike
from pathlib import Path

from align.errors import InputError

#: Largest file read as one document (bytes); callers may pass another limit.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024

# (byte-order mark, reported encoding, codec for the bytes after the mark).
# UTF-32 LE is tested before UTF-16 LE: its mark starts with the UTF-16 LE mark.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
)

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

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
#: More control characters than this share of the text means binary data.
_MAX_CONTROL_SHARE = 0.05


def size_error(path: str | PathLike[str] | None, size: int, max_bytes: int, *,
               what: str = "the file is") -> InputError:
    """The error for a file (or, with ``what``, a part of it) over the size limit."""
    return InputError(
        f"{what} {_size(size)}, over the limit of {_size(max_bytes)} for one "
        "document; split it into smaller files (or raise max_bytes)", path)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def check_file(path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a missing path, a directory, or a regular file over ``max_bytes``.

    Raises:
        InputError: naming the path and what to do.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("no such file; check the path", path) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e}); check the path", path) from None
    if stat.S_ISDIR(st.st_mode):  # the one stat above answers every question
        raise InputError("is a directory, not a file; give the path of a file inside it", path)
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise size_error(path, st.st_size, max_bytes)


def read_bytes(path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, refusing what is not a readable file of sensible size.

    Raises:
        InputError: missing path, a directory, unreadable, or more than ``max_bytes``.
    """
    check_file(path, max_bytes=max_bytes)
    p = Path(path)
    try:
        with open(p, "rb") as f:
            data = f.read(max_bytes + 1)  # pipes and devices have no size to check first
    except OSError as e:
        raise InputError(
            f"cannot read the file ({e.strerror or e}); check its permissions", path) from None
    if len(data) > max_bytes:
        raise size_error(path, len(data), max_bytes)
    return data


def binary_kind(data: bytes) -> str | None:
    """What a file is, if its first bytes are the magic number of a binary format."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def decode_bytes(
    data: bytes, path: str | PathLike[str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, str]:
    """Decode the bytes of a text file, detecting the encoding.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32); else strict UTF-8; else strict
    GB18030 (a superset of GBK and GB2312) if the result is plausible Chinese. Line
    ends become ``\\n``; byte-order marks inside the text are removed.

    Args:
        data: the file's bytes.
        path: the file name, for error messages.
        max_bytes: refuse more bytes than this.

    Returns:
        (text, encoding) where encoding is "utf-8", "utf-8-sig", "utf-16",
        "utf-32" or "gb18030".

    Raises:
        InputError: empty or whitespace-only, binary, too large, or undecodable
            (the message names the byte offset of the first bad byte).
    """
    text, encoding = decode_data(data, path, max_bytes=max_bytes)
    text = (text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
            .replace("\u2029", "\n\n").replace("\ufeff", ""))
    if not text.strip():
        raise InputError(
            "the file has no text, only whitespace or a byte-order mark; give a file with "
            "text in it", path)
    return text, encoding


def decode_data(
    data: bytes, path: str | PathLike[str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, str]:
    """Decode a data file (TSV, CSV, JSON lines) as :func:`decode_bytes` does, with
    the same checks, but return the text as it is: the byte-order mark is dropped,
    line ends and characters such as U+2028 inside cells are kept.

    Raises:
        InputError: as :func:`decode_bytes`.
    """
    if len(data) > max_bytes:
        raise size_error(path, len(data), max_bytes)
    if not data:
        raise InputError("the file is empty (0 bytes); give a file with text in it", path)
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(f"looks binary: it is {kind}, not a text file", path)
    text, encoding = _decode(data, path)
    sample = text[:65536]
    bad = sum(1 for ch in sample if _is_control(ch))
    if "\x00" in sample or bad > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(
            f"looks binary ({bad} control characters in the first {len(sample)}), not a text "
            "file; give a plain-text, .html or .docx file", path)
    if not text.strip("\ufeff \t\r\n\f\v\u2028\u2029"):
        raise InputError(
            "the file has no text, only whitespace or a byte-order mark; give a file with "
            "text in it", path)
    return text, encoding


def _decode(data: bytes, path: str | PathLike[str] | None) -> tuple[str, str]:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as e:
                off = len(bom) + e.start
                raise InputError(
                    f"invalid {name.upper()} ({e.reason}) although the file starts with a "
                    f"{name.upper()} byte-order mark; the file is damaged or truncated; "
                    f"re-export it, or convert it: iconv -f {codec.upper()} -t UTF-8",
                    path, offset=off) from None
    nul = data.find(b"\x00")
    if nul != -1:
        guess = _bomless_utf16(data)
        if guess:
            raise InputError(
                f"looks like {guess} without a byte-order mark; convert it to UTF-8: "
                f"iconv -f {guess} -t UTF-8", path)
        raise InputError(
            "looks binary (it contains NUL bytes), not a text file; give a plain-text, "
            ".html or .docx file", path, offset=nul)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and plausible_chinese(text):
        return text, "gb18030"
    off = utf8_error.start
    line = data.count(b"\n", 0, off) + 1
    raise InputError(
        f"cannot decode: byte 0x{data[off]:02X} (line {line}) is not valid UTF-8, and the file "
        "is not GB18030/GBK Chinese either; convert it to UTF-8 from its real encoding, "
        "e.g. iconv -f BIG5 -t UTF-8 (or -f WINDOWS-1252, -f SHIFT_JIS, ...)",
        path, offset=off)


def _is_control(ch: str) -> bool:
    o = ord(ch)
    return (o < 32 and ch not in _ALLOWED_CONTROLS) or 0x7F <= o <= 0x9F


def _bomless_utf16(data: bytes) -> str | None:
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
    return (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x323AF
            or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F
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


def read_text_file(
    path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, str]:
    """Read a text file, detecting its encoding (see :func:`decode_bytes`).

    Args:
        path: the file.
        max_bytes: refuse files larger than this.

    Returns:
        (text, encoding), the text with ``\\n`` line ends.

    Raises:
        InputError: missing path, a directory, empty, binary, too large or undecodable.
    """
    return decode_bytes(read_bytes(path, max_bytes=max_bytes), os.fspath(path),
                        max_bytes=max_bytes)


def read_data_file(
    path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, str]:
    """Read a data file (TSV, CSV, JSON lines): checks and encodings as
    :func:`read_text_file`, text as in the file (see :func:`decode_data`).

    Raises:
        InputError: missing path, a directory, empty, binary, too large or undecodable.
    """
    return decode_data(read_bytes(path, max_bytes=max_bytes), os.fspath(path),
                       max_bytes=max_bytes)
