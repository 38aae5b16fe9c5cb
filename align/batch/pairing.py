"""Which documents go together: two folders matched by file name stem, or a manifest.

A *pair* is a source document, its translation, their languages and an id; the id
names the pair's outputs in the output folder (``ID.tsv``, ``ID.tmx``, ...), so ids
are unique and safe as file names.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from align.errors import ConfigError, FormatError, InputError
from align.formats.decode import FileKind, read_data_file
from align.formats.tsv import Row, header_columns, read_rows
from align.text.variants import base_lang, check_language

PathLike = str | os.PathLike[str]

#: Manifest columns: field -> header names that mean it (lower case).
MANIFEST_COLUMNS = {"src": {"src", "source"}, "tgt": {"tgt", "target"}, "id": {"id"},
                    "src_lang": {"src_lang"}, "tgt_lang": {"tgt_lang"}}
MANIFEST_FILE = FileKind("a manifest", "manifest file", "save the manifest as UTF-8 CSV",
                         "the manifest is empty; write a header src,tgt then one pair per row")
#: What an id may hold: it becomes a file name in the output folder.
_SAFE_ID = re.compile(r"[^\W\s][\w .,()+\-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PairSpec:
    """One document pair of a batch.

    Attributes:
        id: names the pair's outputs (``OUT_DIR/ID.tsv``); unique in the batch.
        src, tgt: the source document and its translation.
        src_lang, tgt_lang: "zh" (or "zh-Hant", Chinese in traditional characters)
            and "en", one each.
    """

    id: str
    src: str
    tgt: str
    src_lang: str = "zh"
    tgt_lang: str = "en"


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A file of a folder pairing that has no partner.

    Attributes:
        path: the file.
        reason: why it was left out, one line.
    """

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Pairing:
    """The pairs of a batch and the files left over.

    Attributes:
        pairs: the pairs, sorted by id.
        unmatched: files without a partner (folder pairing only).
    """

    pairs: tuple[PairSpec, ...]
    unmatched: tuple[Unmatched, ...] = ()


def _documents(folder: Path) -> dict[str, list[Path]]:
    """The visible regular files of a folder, by stem."""
    if not folder.is_dir():
        raise InputError("is not a folder; give two folders, or one manifest .csv", folder)
    found: dict[str, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or not p.is_file():
            continue
        found.setdefault(p.stem, []).append(p)
    return found


def pair_folders(src_dir: PathLike, tgt_dir: PathLike, *, src_lang: str = "zh",
                 tgt_lang: str = "en") -> Pairing:
    """Pair the documents of two folders by file name stem (``a.txt`` with ``a.docx``).

    Sub-folders and hidden files are not read. A stem held by two files of one
    folder (``a.txt`` and ``a.pdf``) is ambiguous: those files are left unmatched.

    Raises:
        InputError: a path that is not a folder.
    """
    src, tgt = _documents(Path(src_dir)), _documents(Path(tgt_dir))
    pairs: list[PairSpec] = []
    unmatched: list[Unmatched] = []
    for stem in sorted(set(src) | set(tgt)):
        s, t = src.get(stem, []), tgt.get(stem, [])
        for side, other, files in (("source", "target", s), ("target", "source", t)):
            if len(files) > 1:
                unmatched.extend(Unmatched(str(p), f"{len(files)} {side} files have the stem "
                                           f"{stem!r}; keep one") for p in files)
            elif files and not (t if side == "source" else s):
                unmatched.append(Unmatched(str(files[0]), f"no {other} file with the stem "
                                           f"{stem!r}"))
        if len(s) == 1 and len(t) == 1:
            pairs.append(PairSpec(stem, str(s[0]), str(t[0]), src_lang, tgt_lang))
    return Pairing(tuple(pairs), tuple(unmatched))


def read_manifest(path: PathLike, *, src_lang: str = "zh", tgt_lang: str = "en") -> Pairing:
    """Read a manifest: a CSV (or TSV) with a header row naming the columns ``src``,
    ``tgt`` and optionally ``id``, ``src_lang``, ``tgt_lang``.

    Relative paths are relative to the manifest's folder. Without ``id``, a pair is
    named by its source file's stem. Missing languages take ``src_lang``/``tgt_lang``.

    Raises:
        FormatError: no ``src``/``tgt`` header, an empty cell, an unknown or repeated
            language, an id that is repeated or not a safe file name; with the line.
        InputError: an unreadable manifest.
    """
    p = Path(path)
    text, _ = read_data_file(p, kind=MANIFEST_FILE)
    rows = read_rows(text, delimiter="\t" if p.suffix.lower() == ".tsv" else ",",
                     quoting="csv", path=p)
    if not rows:
        raise FormatError("the manifest has no rows; write a header src,tgt then one pair "
                          "per row", path=p)
    cols = header_columns(rows[0].cells, MANIFEST_COLUMNS)
    if "src" not in cols or "tgt" not in cols:
        raise FormatError("expected a header row with the columns src and tgt (optional: "
                          f"id, src_lang, tgt_lang); found {', '.join(rows[0].cells)}",
                          path=p, line=rows[0].line)
    pairs: list[PairSpec] = []
    seen: dict[str, int] = {}
    for row in rows[1:]:
        spec = _manifest_pair(row, cols, p, src_lang, tgt_lang)
        if spec.id in seen:
            raise FormatError(f"the id {spec.id!r} is also on line {seen[spec.id]}; give each "
                              "pair its own id", path=p, line=row.line)
        seen[spec.id] = row.line
        pairs.append(spec)
    return Pairing(tuple(sorted(pairs, key=lambda s: s.id)))


def _manifest_pair(row: Row, cols: dict[str, int], path: Path, src_lang: str,
                   tgt_lang: str) -> PairSpec:
    """One manifest row as a pair (see :func:`read_manifest`)."""

    def cell(name: str, default: str = "") -> str:
        i = cols.get(name)
        value = row.cells[i].strip() if i is not None and i < len(row.cells) else ""
        if not value and not default:
            raise FormatError(f"the {name} cell is empty; every row needs src and tgt",
                              path=path, line=row.line)
        return value or default

    src, tgt = cell("src"), cell("tgt")
    try:
        langs = [check_language(cell("src_lang", src_lang)),
                 check_language(cell("tgt_lang", tgt_lang))]
    except ConfigError as e:
        raise FormatError(str(e), path=path, line=row.line) from None
    if base_lang(langs[0]) == base_lang(langs[1]):
        both = langs[0] if langs[0] == langs[1] else f"Chinese ({langs[0]}, {langs[1]})"
        raise FormatError(f"src_lang and tgt_lang are both {both}; one side must be zh "
                          "and the other en", path=path, line=row.line)
    pair_id = cell("id", Path(src).stem)
    if not _SAFE_ID.fullmatch(pair_id) or pair_id in (".", ".."):
        raise FormatError(f"the id {pair_id!r} cannot name output files; use letters, "
                          "digits, spaces and . , - + ( )", path=path, line=row.line)
    base = path.parent
    return PairSpec(pair_id, str(base / src), str(base / tgt), langs[0], langs[1])
