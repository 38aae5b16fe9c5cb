"""The Python face of a batch: ``align.align_batch`` (a pandas DataFrame) and
``batch_files`` with a TM that gets every unit once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import align
from align.api import batch_files
from align.batch.pairing import pair_folders
from align.batch.summary import COLUMNS
from align.formats.tmx.reader import read_tmx
from align.tm.store import TMStore

Writer = Callable[[int], tuple[Path, Path]]


def test_align_batch_returns_the_summary_as_a_dataframe(write_pairs: Writer,
                                                        tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    zh, en = write_pairs(2)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    pairs = [(zh / "p0.txt", en / "p0.txt"), (zh / "p1.txt", en / "p1.txt"),
             (zh / "p1.txt", tmp_path / "empty.txt")]
    with pytest.raises(align.ConfigError, match="two pairs have the id 'p1'"):
        align.align_batch(pairs, tmp_path / "out")
    manifest = tmp_path / "jobs.csv"
    manifest.write_text("src,tgt,id\nzh/p0.txt,en/p0.txt,first\nzh/p1.txt,en/p1.txt,second\n"
                        "zh/p1.txt,empty.txt,broken\n", encoding="utf-8")
    df = align.align_batch(manifest, tmp_path / "out", formats=["tsv"])
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(COLUMNS)
    assert list(df["id"])[0] == "broken" and sorted(df["id"]) == ["broken", "first", "second"]
    assert list(df["status"]) == ["failed", "aligned", "aligned"]
    assert pd.isna(df["beads"].iloc[0]) and df["beads"].iloc[1] > 0
    table = pd.read_csv(tmp_path / "out" / "summary.csv")
    assert list(table["id"]) == list(df["id"])
    assert list(table["beads"].iloc[1:]) == list(df["beads"].iloc[1:])


def test_tm_gets_every_unit_once(write_pairs: Writer, tmp_path: Path) -> None:
    zh, en = write_pairs(3)
    shutil.copy(zh / "p0.txt", zh / "p0-copy.txt")  # the same units under another name
    shutil.copy(en / "p0.txt", en / "p0-copy.txt")
    out, db = tmp_path / "out", tmp_path / "office.db"
    pairs = pair_folders(zh, en)
    first = batch_files(pairs, out, formats=("tsv", "tmx"), tm=db)
    expected = {(u.source, u.target) for p in sorted(out.glob("*.tmx")) for u in read_tmx(p)}
    n_units = sum(len(list(read_tmx(p))) for p in out.glob("*.tmx"))
    assert first.tm is not None
    assert (first.tm.read, first.tm.added) == (n_units, len(expected))
    with TMStore(db) as tm:
        assert {(u.source, u.target) for u in tm.units()} == expected
        assert len(tm) == len(expected)
    again = batch_files(pairs, out, formats=("tsv", "tmx"), tm=db)
    assert [r.status for r in again.rows] == ["unchanged"] * 4
    assert again.tm is not None and (again.tm.read, again.tm.added) == (n_units, 0)
    with TMStore(db) as tm:
        assert len(tm) == len(expected)


def test_tm_needs_an_output_it_can_read(tmp_path: Path) -> None:
    with pytest.raises(align.ConfigError, match=r"--tm reads the units from an output; add one"):
        batch_files([], tmp_path / "out", formats=("align",), tm=tmp_path / "tm.db")
