"""CLI tests of ``align batch``: folder and manifest inputs, the report lines and exit
status, and a batch killed mid-run that a re-run completes."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.formats.alignment import read_alignment

runner = CliRunner()
BEIJING = Path(__file__).resolve().parent.parent.parent / "corpora" / "beijing-2024"


def _write_pairs(base: Path, n: int) -> tuple[Path, Path]:
    """``n`` pairs p0.txt... in base/zh and base/en: the Beijing report's body
    paragraphs (eight, Chinese and English) in turn."""
    zh = BEIJING.joinpath("zh.txt").read_text("utf-8").split("\n\n")[1:]
    en = [p for p in BEIJING.joinpath("en.raw.txt").read_text("utf-8").split("\n\n")[1:]
          if p.strip() != "1.png"]
    zdir, edir = base / "zh", base / "en"
    zdir.mkdir()
    edir.mkdir()
    for i in range(n):
        (zdir / f"p{i}.txt").write_text(zh[i % len(zh)].strip() + "\n", encoding="utf-8")
        (edir / f"p{i}.txt").write_text(en[i % len(en)].strip() + "\n", encoding="utf-8")
    return zdir, edir


def _summary(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_folders_report_unmatched_and_failed_pairs(tmp_path: Path) -> None:
    zh, en = _write_pairs(tmp_path, 2)
    (zh / "extra.txt").write_text("多余。\n", encoding="utf-8")
    (zh / "bad.txt").write_text("这是中文。\n", encoding="utf-8")
    (en / "bad.txt").write_text("这也是中文，不是英文。\n", encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(zh), str(en), "-o", str(out), "--format", "tsv,tmx"])
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr.splitlines() == [
        f"unmatched: {zh / 'extra.txt'}: no target file with the stem 'extra'",
        f"3 pairs: 2 aligned, 0 unchanged, 1 failed; summary in {out / 'summary.csv'}",
        f"error: 1 of 3 pairs failed; see {out / 'summary.csv'}",
    ]
    rows = _summary(out)
    assert [(x["id"], x["status"]) for x in rows[:1]] == [("bad", "failed")]
    assert "its language was given as en" in rows[0]["error"]
    assert sorted(p.name for p in out.iterdir()) == [
        ".batch-state.json", "p0.tmx", "p0.tsv", "p1.tmx", "p1.tsv", "summary.csv",
        "summary.html", "unmatched.csv"]
    assert (out / "unmatched.csv").read_text("utf-8") == (
        f"path,reason\n{zh / 'extra.txt'},no target file with the stem 'extra'\n")
    (en / "bad.txt").unlink()
    r = runner.invoke(app, ["batch", str(zh), str(en), "-o", str(out), "--format", "tsv,tmx"])
    assert r.exit_code == 0, r.stderr
    assert "2 pairs: 0 aligned, 2 unchanged, 0 failed" in r.stderr
    for name in ("extra.txt", "bad.txt"):  # now every file has its partner
        (zh / name).unlink()
    r = runner.invoke(app, ["batch", str(zh), str(en), "-o", str(out), "--format", "tsv,tmx"])
    assert r.exit_code == 0 and not (out / "unmatched.csv").exists()


def test_quiet_prints_only_the_failure(tmp_path: Path) -> None:
    zh, en = _write_pairs(tmp_path, 1)
    (en / "p0.txt").write_bytes(b"")
    r = runner.invoke(app, ["batch", str(zh), str(en), "-o", str(tmp_path / "o"), "--quiet"])
    assert r.exit_code == 1
    assert r.stderr == f"error: 1 of 1 pairs failed; see {tmp_path / 'o' / 'summary.csv'}\n"


@pytest.mark.parametrize(("args", "message"), [
    (["MANIFEST"], "MANIFEST.csv:3: the id 'p0' is also on line 2; give each pair its own id"),
    (["ZH"], "give two folders (SRC_DIR TGT_DIR) or one manifest .csv"),
    (["ZH", "EN", "ZH"], "not 3 path(s)"),
    (["ZH", "EN", "--format", "tsv,doc"], "unknown output format '.doc'"),
    (["ZH", "EN", "--engine", "spark"], "unknown engine 'spark'; use local or dask"),
], ids=["manifest-line", "one-folder", "three-paths", "bad-format", "bad-engine"])
def test_refusals_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    zh, en = _write_pairs(tmp_path, 1)
    manifest = tmp_path / "MANIFEST.csv"
    manifest.write_text("src,tgt\nzh/p0.txt,en/p0.txt\nzh/p0.txt,en/p0.txt\n", encoding="utf-8")
    paths = {"MANIFEST": str(manifest), "ZH": str(zh), "EN": str(en)}
    r = runner.invoke(app, ["batch", *(paths.get(a, a) for a in args), "-o",
                            str(tmp_path / "out")])
    assert r.exit_code == 1
    assert r.stderr.startswith("error: ") and message in r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert not (tmp_path / "out" / "summary.csv").exists()


@pytest.mark.parametrize("side", ["zh", "en"])
def test_output_folder_that_is_an_input_folder_is_refused(tmp_path: Path, side: str) -> None:
    # written there, the outputs (p0.tsv, summary.csv) would pair as documents next run
    zh, en = _write_pairs(tmp_path, 1)
    r = runner.invoke(app, ["batch", str(zh), str(en), "-o", str(tmp_path / side / "."), "-q"])
    assert r.exit_code == 1
    assert r.stderr == (f"error: {tmp_path / side}: the output folder is an input folder: "
                        "its outputs would be read as documents by the next run; choose "
                        "another -o\n")
    assert sorted(p.name for p in (tmp_path / side).iterdir()) == ["p0.txt"]


@pytest.mark.parametrize(("sig", "workers"), [(signal.SIGKILL, "1"), (signal.SIGINT, "2")],
                         ids=["sigkill", "ctrl-c-with-pool"])
def test_an_interrupted_batch_resumes(tmp_path: Path, sig: int, workers: str) -> None:
    n = 10
    zh, en = _write_pairs(tmp_path, n)
    out = tmp_path / "out"
    state = out / ".batch-state.json"
    cmd = [sys.executable, "-m", "align", "batch", str(zh), str(en), "-o", str(out),
           "--format", "tsv,xlsx", "--workers", workers]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 240
    while not (state.exists() and json.loads(state.read_text("utf-8"))["pairs"]):
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr
        time.sleep(0.02)
    os.killpg(proc.pid, sig)  # Ctrl-C in a terminal reaches the whole process group
    _, err = proc.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert err.decode().endswith("interrupted: the pairs finished so far are kept; run the "
                                     "same command again to align the rest\n")
    else:
        assert proc.returncode == -signal.SIGKILL
    assert not (out / "summary.csv").exists()  # stopped before the end
    done = set(json.loads(state.read_text("utf-8"))["pairs"])
    assert 0 < len(done) < n
    for pid in done:
        assert (out / f"{pid}.tsv").is_file() and (out / f"{pid}.xlsx").is_file()

    r = runner.invoke(app, ["batch", str(zh), str(en), "-o", str(out), "--format", "tsv,xlsx"])
    assert r.exit_code == 0, r.stderr
    rows = _summary(out)
    assert sorted(x["id"] for x in rows) == sorted(f"p{i}" for i in range(n))
    assert {x["id"] for x in rows if x["status"] == "unchanged"} == done
    assert {x["id"] for x in rows if x["status"] == "aligned"} == {f"p{i}" for i in range(n)} - done
    assert sorted(json.loads(state.read_text("utf-8"))["pairs"]) == sorted(x["id"] for x in rows)
    assert [p.name for p in out.iterdir() if ".part" in p.name] == []
    for x in rows:
        assert len(read_alignment(out / f"{x['id']}.tsv").beads) == int(x["beads"])
        assert len(read_alignment(out / f"{x['id']}.xlsx").beads) == int(x["beads"])


#: SRX rules: Chinese breaks only after 。 (the built-in rules also break after ！),
#: English after a full stop before a capital.
SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Chinese">
        <rule break="yes"><beforebreak>{zh_break}</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="English">
        <rule break="yes"><beforebreak>[.!]</beforebreak><afterbreak>\\s+\\p{{Lu}}</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="ZH.*" languagerulename="Chinese"/>
      <languagemap languagepattern="EN.*" languagerulename="English"/>
    </maprules>
  </body>
</srx>
"""
SRX_ZH = "一是加快发展；二是扩大开放。三是深化改革！四是创新驱动。"
SRX_EN = "First, speed up development; second, open up. Third, deepen reform! Fourth, innovate."


def _srx_pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Folders zh/ and en/ with one pair d.txt, and rules.srx (Chinese breaks at 。)."""
    zh, en = tmp_path / "zh", tmp_path / "en"
    zh.mkdir()
    en.mkdir()
    (zh / "d.txt").write_text(SRX_ZH + "\n", encoding="utf-8")
    (en / "d.txt").write_text(SRX_EN + "\n", encoding="utf-8")
    rules = tmp_path / "rules.srx"
    rules.write_text(SRX.format(zh_break="。"), encoding="utf-8")
    return zh, en, rules


def _sentences(path: Path) -> tuple[list[str], list[str]]:
    al = read_alignment(path)
    return [s.text for s in al.src], [s.text for s in al.tgt]


def test_batch_srx_segments_as_pair_and_changing_it_reruns(tmp_path: Path) -> None:
    zh, en, rules = _srx_pair(tmp_path)
    single = tmp_path / "pair.jsonl"
    r = runner.invoke(app, ["pair", str(zh / "d.txt"), str(en / "d.txt"), "--srx", str(rules),
                            "-o", str(single)])
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "out"
    args = ["batch", str(zh), str(en), "-o", str(out), "--format", "jsonl", "--srx", str(rules)]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stderr
    assert "1 pairs: 1 aligned, 0 unchanged, 0 failed" in r.stderr
    two = ["一是加快发展；二是扩大开放。", "三是深化改革！四是创新驱动。"]
    assert _sentences(out / "d.jsonl")[0] == _sentences(single)[0] == two
    assert _sentences(out / "d.jsonl") == _sentences(single)
    assert "1 pairs: 0 aligned, 1 unchanged" in runner.invoke(app, args).stderr
    rules.write_text(SRX.format(zh_break="[。！]"), encoding="utf-8")  # now ！ breaks too
    r = runner.invoke(app, args)
    assert "1 pairs: 1 aligned, 0 unchanged, 0 failed" in r.stderr
    assert _sentences(out / "d.jsonl")[0] == [
        "一是加快发展；二是扩大开放。", "三是深化改革！", "四是创新驱动。"]
    r = runner.invoke(app, args[:-2])  # without --srx: the built-in rules, another key
    assert "1 pairs: 1 aligned, 0 unchanged, 0 failed" in r.stderr


def test_batch_docx_notes_enters_the_key(tmp_path: Path) -> None:
    zh, en, _ = _srx_pair(tmp_path)
    args = ["batch", str(zh), str(en), "-o", str(tmp_path / "out")]
    assert "1 aligned" in runner.invoke(app, args).stderr
    assert "1 unchanged" in runner.invoke(app, [*args, "--docx-notes", "keep"]).stderr
    assert "1 aligned" in runner.invoke(app, [*args, "--docx-notes", "drop"]).stderr


def test_batch_bad_srx_stops_before_any_pair(tmp_path: Path) -> None:
    zh, en, rules = _srx_pair(tmp_path)
    rules.write_text("<srx version='2.0'>\n<body>\n", encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(zh), str(en), "-o", str(out), "--srx", str(rules)])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {rules}:")
    assert not out.exists()


def test_batch_takes_traditional_chinese(tmp_path: Path) -> None:
    zh, en, _ = _srx_pair(tmp_path)
    (zh / "d.txt").write_text("一是加快發展；二是擴大開放。三是深化改革！四是創新驅動。\n",
                              encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(zh), str(en), "-o", str(out), "--format", "jsonl"]
    r = runner.invoke(app, [*args, "--src-lang", "zh-Hant"])
    assert r.exit_code == 0, r.stderr
    assert "1 pairs: 1 aligned, 0 unchanged, 0 failed" in r.stderr
    assert _sentences(out / "d.jsonl")[0] == [
        "一是加快發展；二是擴大開放。", "三是深化改革！", "四是創新驅動。"]
    r = runner.invoke(app, [*args, "--src-lang", "zh"])  # the language is in the key
    assert "1 pairs: 1 aligned, 0 unchanged, 0 failed" in r.stderr
    r = runner.invoke(app, [*args, "--src-lang", "zh-Hant", "--tgt-lang", "zh"])
    assert r.exit_code == 2


def test_batch_wide_beads_as_pair_and_in_the_key(tmp_path: Path) -> None:
    """``batch --wide-beads`` aligns each pair as ``pair --wide-beads`` does (the
    signature says so) and is part of the key: switching it re-aligns."""
    zdir, edir = _write_pairs(tmp_path, 1)
    out = tmp_path / "out"
    args = ["batch", str(zdir), str(edir), "-o", str(out), "--format", "jsonl"]
    assert "1 aligned" in runner.invoke(app, args).stderr
    assert "wide_beads" not in read_alignment(out / "p0.jsonl").signature
    r = runner.invoke(app, [*args, "--wide-beads"])
    assert "1 pairs: 1 aligned, 0 unchanged" in r.stderr, r.stderr
    wide = read_alignment(out / "p0.jsonl")
    assert wide.signature["wide_beads"] == "True"
    pair = tmp_path / "pair.jsonl"
    r = runner.invoke(app, ["pair", str(zdir / "p0.txt"), str(edir / "p0.txt"), "-o", str(pair),
                            "--wide-beads"])
    assert r.exit_code == 0, r.stderr
    assert [b.ladder() for b in read_alignment(pair).beads] == [b.ladder() for b in wide.beads]
    assert "1 unchanged" in runner.invoke(app, [*args, "--wide-beads"]).stderr
    assert "1 aligned" in runner.invoke(app, args).stderr
