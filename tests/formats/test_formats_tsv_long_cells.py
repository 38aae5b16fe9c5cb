"""Issue 12 item 15: the tool reads back its own TSV whatever the cell length."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import FormatError
from align.formats.tsv import MAX_CELL, read_rows, write_rows


@pytest.mark.parametrize("quoting", ["csv", "none"])
def test_a_cell_over_csv_default_limit_round_trips(tmp_path: Path, quoting: str) -> None:
    long = "长" * 140_000  # csv's default field limit is 131,072
    path = tmp_path / "huge.tsv"
    write_rows(path, [("zh", "en"), (long, "x")], quoting=quoting)
    rows = read_rows(path.read_text("utf-8"), path=path)
    assert [r.cells for r in rows][1] == (long, "x")


def test_a_cell_over_the_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "huger.tsv"
    path.write_text("zh\ten\n" + "a" * (MAX_CELL + 1) + "\tx\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"huger\.tsv:2: .*field larger"):
        read_rows(path.read_text("utf-8"), path=path)
