"""Bytes to text: byte-order marks, UTF-8, UTF-16, GB18030/GBK, binary files, size limits.

Decoding is strict everywhere: a byte that does not decode is an error naming its
offset, never a replacement character.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from align.errors import FormatError, InputError
from align.formats.charsets import binary_kind, bomless_utf16, plausible_chinese, utf16_parity

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


def decode_bytes(
    data: bytes, path: str | PathLike[str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, str]:
    """Decode the bytes of a text file, detecting the encoding.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32); else, for data with NUL bytes,
    UTF-16 without a byte-order mark if one byte order gives plausible text (see
    :func:`align.formats.charsets.bomless_utf16`); else strict UTF-8; else strict GB18030 (a superset of GBK
    and GB2312) if the result is plausible Chinese. Line ends become ``\\n``;
    byte-order marks inside the text are removed.

    Args:
        data: the file's bytes.
        path: the file name, for error messages.
        max_bytes: refuse more bytes than this.

    Returns:
        (text, encoding) where encoding is "utf-8", "utf-8-sig", "utf-16",
        "utf-16-le", "utf-16-be" (no byte-order mark), "utf-32" or "gb18030".

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
    if nul == -1:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            utf8_error = e
    else:
        utf16 = bomless_utf16(data)
        if utf16 is not None:
            return utf16
        guess = utf16_parity(data)
        if guess:
            raise _Refused(f"looks like {guess} without a byte-order mark, but does not "
                           "decode as such",
                           f"; the file is damaged or truncated, or convert it to UTF-8: "
                           f"iconv -f {guess} -t UTF-8")
        raise _Refused("looks binary (it contains NUL bytes)", _NOT_TEXT, nul)
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
