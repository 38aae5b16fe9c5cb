"""Running a batch in this process: outputs and summary, failure isolation, and the
resumable state (unchanged pairs skipped, changed ones redone, stale temp files
removed)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from align.api import align_task, read_segments
from align.batch.pairing import PairSpec, pair_folders
from align.batch.run import BatchReport, check_batch, run_batch
from align.batch.state import STATE_FILE
from align.batch.tasks import BatchOptions, PairOutcome, PairTask
from align.errors import ConfigError, FormatError
from align.formats.alignment import read_alignment
from align.formats.tmx.reader import read_tmx
from align.qa.check import check_alignment
from align.types import Glossary, Term

Writer = Callable[[int], tuple[Path, Path]]


class Counting:
    """The real worker, counting the pairs it is given."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def __call__(self, task: PairTask) -> PairOutcome:
        self.ids.append(task.spec.id)
        return align_task(task)


def _run(zh: Path, en: Path, out: Path, options: BatchOptions,
         worker: Callable[[PairTask], PairOutcome] = align_task) -> BatchReport:
    p = pair_folders(zh, en)
    return run_batch(p.pairs, out, options, worker, unmatched=p.unmatched)


def _mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir()}


def test_outputs_summary_and_an_isolated_bad_pair(write_pairs: Writer, tmp_path: Path) -> None:
    zh, en = write_pairs(3)
    (zh / "bad.txt").write_text("这是中文。\n", encoding="utf-8")
    (en / "bad.txt").write_bytes(b"\x00\x01\x02 binary")
    out = tmp_path / "out"
    report = _run(zh, en, out, BatchOptions(formats=("tsv", "tmx")))
    assert report.failed == 1
    with open(out / "summary.csv", encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert [r["id"] for r in table] == [r.id for r in report.rows]
    assert table[0]["id"] == "bad" and table[0]["status"] == "failed"
    assert table[0]["error"].startswith(f"{en / 'bad.txt'}: byte 0: looks binary")
    for row in table[1:]:
        pid = row["id"]
        al = read_alignment(out / f"{pid}.tsv")
        n_zh = len(read_segments(zh / f"{pid}.txt", "zh", presplit=False))
        n_en = len(read_segments(en / f"{pid}.txt", "en", presplit=False))
        confs = [b.confidence for b in al.beads]
        assert row["status"] == "aligned"
        assert (int(row["src_sentences"]), int(row["tgt_sentences"])) == (n_zh, n_en)
        assert int(row["beads"]) == len(al.beads)
        # the TSV rounds confidences, so the mean agrees to the rounding
        assert float(row["mean_confidence"]) == pytest.approx(sum(confs) / len(confs), abs=2e-3)
        assert row["low_confidence"] == f"{sum(c < 0.5 for c in confs) / len(confs):.3f}"
        assert row["qa_errors"] == ""
        units = list(read_tmx(out / f"{pid}.tmx"))
        assert len(units) == sum(bool(b.src and b.tgt) for b in al.beads)
        assert units[0].props[0] == ("x-document", f"{pid}.txt")
    assert not (out / "bad.tsv").exists()
    html = (out / "summary.html").read_text("utf-8")
    assert all(f"<td>{r.id}</td>" in html for r in report.rows)


def test_unchanged_rerun_does_nothing(write_pairs: Writer, tmp_path: Path) -> None:
    zh, en = write_pairs(3)
    out = tmp_path / "out"
    options = BatchOptions(formats=("tsv", "xlsx"))
    first = _run(zh, en, out, options)
    before = _mtimes(out)
    worker = Counting()
    again = _run(zh, en, out, options, worker)
    assert worker.ids == []
    assert [r.status for r in again.rows] == ["unchanged"] * 3
    assert [r.stats for r in again.rows] == [r.stats for r in first.rows]
    after = _mtimes(out)
    for name in ("summary.csv", "summary.html"):  # rewritten, the rest untouched
        del before[name], after[name]
    assert after == before


@pytest.mark.parametrize("change", ["max_bead", "format", "input", "output removed"])
def test_a_change_redoes_what_it_touches(write_pairs: Writer, tmp_path: Path,
                                         change: str) -> None:
    zh, en = write_pairs(3)
    out = tmp_path / "out"
    options = BatchOptions(formats=("tsv",))
    _run(zh, en, out, options)
    expected = ["p0", "p1", "p2"]
    if change == "max_bead":
        options = BatchOptions(formats=("tsv",), max_bead=3)
    elif change == "format":
        options = BatchOptions(formats=("tsv", "jsonl"))
    elif change == "input":
        (en / "p1.txt").write_text((en / "p1.txt").read_text("utf-8") + "One more.\n", "utf-8")
        expected = ["p1"]
    else:
        (out / "p2.tsv").unlink()
        expected = ["p2"]
    worker = Counting()
    report = _run(zh, en, out, options, worker)
    assert sorted(worker.ids) == expected
    assert sorted(r.id for r in report.rows if r.status == "aligned") == expected
    assert all((out / f"{p}.tsv").is_file() for p in ("p0", "p1", "p2"))


def test_stale_temporary_files_are_removed(write_pairs: Writer, tmp_path: Path) -> None:
    zh, en = write_pairs(1)
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".p0.tsv.k3j_9x0a.part.tsv", out / ".summary.csv.abcdefgh.part.csv"]
    mine = out / ".notes.part.txt"
    for p in [*stale, mine]:
        p.write_text("half", encoding="utf-8")
    _run(zh, en, out, BatchOptions())
    assert [p.exists() for p in stale] == [False, False] and mine.exists()


def test_a_damaged_state_file_says_what_to_do(write_pairs: Writer, tmp_path: Path) -> None:
    zh, en = write_pairs(1)
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_FILE).write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(FormatError, match=r"not a batch state file .*delete it"):
        _run(zh, en, out, BatchOptions())


@pytest.mark.parametrize(("ids", "formats", "message"), [
    (["a", "a"], ("tsv",), "two pairs have the id 'a'"),
    (["summary"], ("csv",), "would overwrite the batch's summary.csv"),
    (["a"], (), "no output format"),
    (["a"], ("docx",), "unknown output format '.docx'"),
], ids=["repeated-id", "reserved-name", "no-format", "unknown-format"])
def test_refused_before_any_work(ids: list[str], formats: tuple[str, ...], message: str) -> None:
    pairs = [PairSpec(i, f"{i}.zh", f"{i}.en") for i in ids]
    with pytest.raises(ConfigError, match=message):
        check_batch(pairs, BatchOptions(formats=formats))


def test_glossary_gives_the_qa_errors_column(write_pairs: Writer, tmp_path: Path) -> None:
    zh, en = write_pairs(2)
    out = tmp_path / "out"
    # an approved rendering the translation never uses: every bead with the term errs
    glossary = Glossary((Term("高质量发展", "quality-first growth"),))
    report = _run(zh, en, out, BatchOptions(formats=("jsonl",), glossary=glossary))
    for r in report.rows:
        al = read_alignment(out / f"{r.id}.jsonl")
        with_term = sum("高质量发展" in s for _, s, _ in al.pairs())
        errors = [f for f in check_alignment(al, glossary) if f.severity == "error"]
        assert r.stats is not None and r.stats.qa_errors == len(errors) == with_term
    assert [r.stats.qa_errors for r in sorted(report.rows, key=lambda r: r.id)
            if r.stats] == [4, 1]  # beads of p0 and p1 holding the term
    # the glossary is part of the key: without it, every pair is aligned again
    worker = Counting()
    _run(zh, en, out, BatchOptions(formats=("jsonl",)), worker)
    assert sorted(worker.ids) == ["p0", "p1"]
