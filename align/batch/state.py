"""The batch's memory of finished pairs: ``OUT_DIR/.batch-state.json``.

For each pair id it keeps the content key its outputs were made under (see
:func:`align.batch.tasks.pair_key`) and its summary row. The file is replaced
atomically after every finished pair, so after a crash or Ctrl-C it names exactly
the pairs whose outputs are complete, and a re-run does only the rest.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.batch.summary import PairResult, PairStats
from align.errors import FormatError
from align.formats.decode import FileKind, read_data_file
from align.formats.files import atomic_write

STATE_FILE = ".batch-state.json"
_STATE_KIND = FileKind("a batch state file", "batch state file",
                       "delete it to align every pair again")
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Done:
    """A finished pair: the key its outputs were made under, and its summary row."""

    key: str
    result: PairResult


def load_state(out_dir: str | os.PathLike[str]) -> dict[str, Done]:
    """The finished pairs recorded in ``out_dir`` (none if there is no state file).

    Raises:
        FormatError: a state file this version cannot read (it says to delete it).
    """
    path = Path(out_dir) / STATE_FILE
    if not path.exists():
        return {}
    text, _ = read_data_file(path, kind=_STATE_KIND)
    try:
        data = json.loads(text)
        if data.get("format") != _FORMAT:
            raise ValueError(f"format {data.get('format')!r}, not {_FORMAT}")
        return {pid: _done(entry) for pid, entry in data["pairs"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise FormatError(f"not a batch state file ({e}); delete it to align every pair "
                          "again", path=path) from None


def _done(entry: Mapping[str, Any]) -> Done:
    row = dict(entry["result"])
    stats = row.pop("stats")
    return Done(str(entry["key"]),
                PairResult(**row, stats=PairStats(**stats) if stats is not None else None))


def save_state(out_dir: str | os.PathLike[str], done: Mapping[str, Done]) -> None:
    """Replace the state file (atomically) with ``done``."""
    pairs = {pid: {"key": d.key, "result": dataclasses.asdict(d.result)}
             for pid, d in sorted(done.items())}
    text = json.dumps({"format": _FORMAT, "pairs": pairs}, ensure_ascii=False, indent=1)
    with atomic_write(Path(out_dir) / STATE_FILE) as f:
        f.write(text + "\n")
