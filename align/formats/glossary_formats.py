"""The glossary formats, by name and suffix, and what each can carry.

=========  ==========================  ===============================================
name       suffixes                    carries
=========  ==========================  ===============================================
tsv        .tsv                        everything (our columns)
csv        .csv                        everything (our columns)
xlsx       .xlsx                       everything (our columns)
tbx        .tbx                        everything; TBX v2 "martif" (default) or
                                       TBX v3 / TBX-Basic 2019 (``tbx_flavour="v3"``)
omegat     .txt .utf8 .tab             terms, variants, deprecated (in the comment),
                                       note; not ids, domains, statuses
memoq      (.csv with ``--to memoq``)  ids, terms, variants, note, domain; not
                                       deprecated renderings (forbidden terms) or
                                       statuses
=========  ==========================  ===============================================

:func:`carried` says what a term reads back as after a trip through a format and
:func:`losses` turns the difference into the warnings ``align glossary convert``
prints, so nothing is dropped silently.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from align.errors import InputError
from align.formats.files import known_suffix
from align.types import Glossary, Term

FORMATS = ("tsv", "csv", "xlsx", "tbx", "omegat", "memoq")
TBX_FLAVOURS = ("v2", "v3")
SUFFIX_FORMAT = {".tsv": "tsv", ".csv": "csv", ".xlsx": "xlsx", ".tbx": "tbx",
                 ".txt": "omegat", ".utf8": "omegat", ".tab": "omegat"}
SUFFIXES = tuple(SUFFIX_FORMAT)
#: the fields a format drops: field -> how a warning names it
_DROPPED = {"omegat": {"id": "concept ids", "domain": "domains",
                       "status": "statuses (admitted/deprecated concepts)"},
            "memoq": {"deprecated": "deprecated renderings (a memoQ CSV synonym would be "
                      "offered as a translation)",
                      "status": "statuses (admitted/deprecated concepts)"}}
_EMPTY: dict[str, object] = {"id": "", "domain": "", "status": "preferred", "deprecated": ()}


def glossary_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format of a glossary file: ``fmt`` when given, else the one its suffix names.

    Raises:
        InputError: an unknown format name or suffix.
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"unknown glossary format {fmt!r}; use one of {', '.join(FORMATS)}",
                             path=path)
        return fmt
    return SUFFIX_FORMAT[known_suffix(path, SUFFIXES, "glossary")]


def check_flavour(flavour: str) -> str:
    """``flavour`` if it is a TBX flavour (v2, v3).

    Raises:
        InputError: another value.
    """
    if flavour not in TBX_FLAVOURS:
        raise InputError(f"unknown TBX flavour {flavour!r}; use v2 (martif: OmegaT, "
                         "translate-toolkit, MultiTerm, memoQ) or v3 (TBX-Basic 2019)")
    return flavour


def carried(term: Term, fmt: str) -> Term:
    """``term`` as it reads back from a file of format ``fmt``."""
    dropped = _DROPPED.get(fmt, {})
    return replace(term, **{k: _EMPTY[k] for k in dropped})  # type: ignore[arg-type]


def losses(glossary: Glossary, fmt: str, path: str | os.PathLike[str] | None = None
           ) -> list[str]:
    """Warnings for what writing ``glossary`` as ``fmt`` leaves out (empty if nothing).

    Args:
        glossary: the glossary to write.
        fmt: one of :data:`FORMATS`.
        path: the output, for the ``.tab`` encoding warning.
    """
    out = []
    for name, label in _DROPPED.get(fmt, {}).items():
        hit = [t for t in glossary.terms if getattr(t, name) != _EMPTY[name]]
        if hit:
            out.append(f"{fmt} cannot carry {label}: left out for {len(hit)} of "
                       f"{len(glossary.terms)} concepts ({_examples(hit)}); write tsv, csv, "
                       "xlsx or tbx to keep them")
    if fmt == "omegat" and path is not None and Path(path).suffix.lower() == ".tab":
        out.append("OmegaT reads .tab glossaries in the system encoding and this file is "
                   "UTF-8; name it .txt or .utf8 unless the system encoding is UTF-8")
    return out


def _examples(terms: Sequence[Term]) -> str:
    shown = ", ".join(t.zh for t in terms[:3])
    return shown + (", ..." if len(terms) > 3 else "")
