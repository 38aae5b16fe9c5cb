"""Bytes to text: byte-order marks, UTF-8, GB18030/GBK, binary files, size limits.

Decoding is strict everywhere: a byte that does not decode is an error naming its
offset, never a replacement character.
"""

from __future__ import annotations

import itertools
import os
import stat
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from align.errors import FormatError, InputError
from align.text.script import is_han

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


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a data file is meant to be, for the messages of :func:`read_data_file`.

    Without a kind, an unreadable file gets the advice for a text document; with
    one, a file that cannot be decoded is a :class:`~align.errors.FormatError` on its
    line, worded ``not <label>: <what is wrong>; <fix>``.

    Attributes:
        label: the file with its article, after "not": ``"a glossary"``.
        noun: the file without article: ``"glossary file"``.
        fix: how to make a good one: ``"save the glossary as UTF-8 text"``.
        empty: the message for a file without text (line 1); None if an empty file
            is fine (it reads as "").
    """

    label: str
    noun: str
    fix: str
    empty: str | None = None


class _Refused(Exception):
    """Why some bytes are not a text file: ``reason`` and the generic ``tail`` that
    completes the message for a text document; ``empty`` for a file without text."""

    def __init__(self, reason: str, tail: str, offset: int | None = None, *,
                 empty: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.tail, self.offset, self.empty = reason, tail, offset, empty


def _refusal(r: _Refused, data: bytes, path: str | PathLike[str] | None,
             kind: FileKind | None) -> InputError:
    """The error for refused bytes: generic for a document, or worded for ``kind``."""
    if kind is None:
        return InputError(r.reason + r.tail, path, offset=r.offset)
    line = 1 if r.offset is None else data.count(b"\n", 0, r.offset) + 1
    if r.empty and kind.empty is not None:
        return FormatError(kind.empty, path, line=1)
    return FormatError(f"not {kind.label}: {r.reason}; {kind.fix}", path, line=line)


def size_error(path: str | PathLike[str] | None, size: int, max_bytes: int, *,
               what: str = "the file is") -> InputError:
    """The error for a file (or, with ``what``, a part of it) over the size limit."""
    return InputError(
        f"{what} {_size(size)}, over the limit of {_size(max_bytes)} for one "
        "document; split it into smaller files (or raise max_bytes)", path)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def check_file(path: str | PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES,
               kind: FileKind | None = None) -> None:
    """Refuse a missing path, a directory, or a regular file over ``max_bytes``.

    A pipe or device (``/dev/stdin``, ``<(...)``) passes: it is read like a file.

    Args:
        path: the file.
        max_bytes: the size limit; None for none (a reader that streams the file).
        kind: what the file should be, to name it in the messages.

    Raises:
        InputError: naming the path and what to do.
    """
    p = Path(path)
    noun = "file" if kind is None else kind.noun
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"no such {noun}; check the path", path) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e}); check the path", path) from None
    if stat.S_ISDIR(st.st_mode):  # the one stat above answers every question
        if kind is None:
            raise InputError("is a directory, not a file; give the path of a file inside it",
                             path)
        article = "an" if noun[:1] in "aeiou" else "a"
        raise InputError(f"is a folder, not {article} {noun}; give the path of a file "
                         "inside it", path)
    if max_bytes is not None and stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise size_error(path, st.st_size, max_bytes)


def read_bytes(path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
               kind: FileKind | None = None) -> bytes:
    """Read a whole file, refusing what is not a readable file of sensible size.

    Raises:
        InputError: missing path, a directory, unreadable, or more than ``max_bytes``.
    """
    check_file(path, max_bytes=max_bytes, kind=kind)
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
        raise InputError(_NO_TEXT + _GIVE_TEXT, path)
    return text, encoding


_NO_TEXT = "the file has no text, only whitespace or a byte-order mark"
_GIVE_TEXT = "; give a file with text in it"
_NOT_TEXT = ", not a text file; give a plain-text, .html or .docx file"


def decode_data(
    data: bytes, path: str | PathLike[str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
    kind: FileKind | None = None,
) -> tuple[str, str]:
    """Decode a data file (TSV, CSV, JSON lines, ladder) as :func:`decode_bytes`
    does, with the same checks, but return the text as it is: the byte-order mark is
    dropped, line ends and characters such as U+2028 inside cells are kept.

    Args:
        data: the file's bytes.
        path: the file name, for error messages.
        max_bytes: refuse more bytes than this.
        kind: what the file should be (see :class:`FileKind`): words the errors for
            it, and with ``kind.empty`` None lets an empty file read as "".

    Raises:
        InputError: as :func:`decode_bytes`; FormatError (with the line) when
            ``kind`` is given.
    """
    if len(data) > max_bytes:
        raise size_error(path, len(data), max_bytes)
    try:
        return _check_text(data)
    except _Refused as r:
        if r.empty and kind is not None and kind.empty is None:
            return "", "utf-8"
        raise _refusal(r, data, path, kind) from None


def _check_text(data: bytes) -> tuple[str, str]:
    """Decode ``data`` or raise :class:`_Refused` saying why it is not text."""
    if not data:
        raise _Refused("the file is empty (0 bytes)", _GIVE_TEXT, empty=True)
    kind = binary_kind(data)
    if kind is not None:
        raise _Refused(f"looks binary: it is {kind}", ", not a text file")
    text, encoding = _decode(data)
    sample = text[:65536]
    bad = sum(1 for ch in sample if _is_control(ch))
    if "\x00" in sample or bad > _MAX_CONTROL_SHARE * len(sample):
        raise _Refused(f"looks binary ({bad} control characters in the first {len(sample)})",
                       _NOT_TEXT)
    if not text.strip("\ufeff \t\r\n\f\v\u2028\u2029"):
        raise _Refused(_NO_TEXT, _GIVE_TEXT, empty=True)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as e:
                raise _Refused(
                    f"invalid {name.upper()} ({e.reason}) although the file starts with a "
                    f"{name.upper()} byte-order mark",
                    "; the file is damaged or truncated; re-export it, or convert it: "
                    f"iconv -f {codec.upper()} -t UTF-8", len(bom) + e.start) from None
    nul = data.find(b"\x00")
    if nul != -1:
        guess = _bomless_utf16(data)
        if guess:
            raise _Refused(f"looks like {guess} without a byte-order mark",
                           f"; convert it to UTF-8: iconv -f {guess} -t UTF-8")
        raise _Refused("looks binary (it contains NUL bytes)", _NOT_TEXT, nul)
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
    raise _Refused(
        f"cannot decode: byte 0x{data[off]:02X} (line {line}) is not valid UTF-8, and the file "
        "is not GB18030/GBK Chinese either",
        "; convert it to UTF-8 from its real encoding, e.g. iconv -f BIG5 -t UTF-8 (or "
        "-f WINDOWS-1252, -f SHIFT_JIS, ...)", off)


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
    kind: FileKind | None = None,
) -> tuple[str, str]:
    """Read a data file (TSV, CSV, JSON lines, ladder): the one preamble of every
    reader of text data. Checks and encodings as :func:`read_text_file`, text as in
    the file (see :func:`decode_data`).

    Args:
        path: the file (a pipe is read like a file).
        max_bytes: refuse files larger than this.
        kind: what the file should be, for the messages (see :class:`FileKind`).

    Returns:
        (text, encoding).

    Raises:
        InputError: missing path, a directory, too large; empty, binary or
            undecodable (a FormatError on its line when ``kind`` is given).
    """
    return decode_data(read_bytes(path, max_bytes=max_bytes, kind=kind), os.fspath(path),
                       max_bytes=max_bytes, kind=kind)
