"""The CLI's edges under faults (issue 12): a full disk behind any output of any
command, SIGTERM during a write, a closed stdout pipe, a usage error in the
language pair, non-UTF-8 bytes in an argument, and bad output paths refused before
any work. Signals, pipes and destructor messages are tried with real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.tm import add_file
from align.formats.alignment import write_alignment
from align.formats.glossary import write_glossary
from align.formats.tmx.writer import write_tmx
from align.types import Alignment, Glossary, Term, TranslationUnit

runner = CliRunner()

ZH = ["我们要加快发展新质生产力。", "今天天气很好。", "北京证券交易所发展壮大。"]
EN = ["We will accelerate the development of new quality productive forces.",
      "The weather is good today.", "The Beijing Stock Exchange will grow."]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with z.txt/e.txt (one sentence per line), al.tsv (their alignment),
    g.tsv (a glossary), in.tmx and tm.db (the same units)."""
    (tmp_path / "z.txt").write_text("".join(s + "\n" for s in ZH), encoding="utf-8")
    (tmp_path / "e.txt").write_text("".join(s + "\n" for s in EN), encoding="utf-8")
    write_alignment(Alignment.from_pairs(list(zip(ZH, EN, strict=True))), tmp_path / "al.tsv")
    write_glossary(Glossary((Term("新质生产力", "new quality productive forces"),)),
                   tmp_path / "g.tsv")
    write_tmx(tmp_path / "in.tmx", [TranslationUnit(z, e) for z, e in zip(ZH, EN, strict=True)])
    add_file(tmp_path / "tm.db", tmp_path / "in.tmx")
    return tmp_path


def _commands(out: str) -> dict[str, list[str]]:
    """Every command that writes a file, writing ``out`` (its suffix chosen per command)."""
    return {
        "pair": ["pair", "z.txt", "e.txt", "--presplit", "-o", out],
        "check": ["check", "al.tsv", "-g", "g.tsv", "--report", out, "--fail-on", "never"],
        "terms": ["terms", "al.tsv", "-o", out],
        "tmx-merge": ["tmx", "merge", "in.tmx", "-o", out],
        "tm-export": ["tm", "export", "--tm", "tm.db", "-o", out],
        "tm-pretranslate": ["tm", "pretranslate", "z.txt", "--tm", "tm.db", "--presplit",
                            "-o", out],
        "segment": ["segment", "z.txt", "-o", out],
    }


FULL_DISK = [("pair", s) for s in (".tmx", ".tsv", ".csv", ".xlsx", ".jsonl", ".align")] + [
    ("check", ".csv"), ("check", ".html"), ("check", ".xlsx"),
    ("terms", ".tbx"), ("terms", ".tsv"), ("terms", ".csv"), ("terms", ".xlsx"),
    ("tmx-merge", ".tmx"), ("tm-export", ".tmx"),
    ("tm-pretranslate", ".tmx"), ("tm-pretranslate", ".tsv"), ("tm-pretranslate", ".xlsx"),
    ("segment", ".txt")]


def _invoke(folder: Path, args: list[str]):  # type: ignore[no-untyped-def]
    old = os.getcwd()
    os.chdir(folder)
    try:
        return runner.invoke(app, args)
    finally:
        os.chdir(old)


@pytest.mark.parametrize("command,suffix", FULL_DISK, ids=[f"{c}{s}" for c, s in FULL_DISK])
def test_full_disk_is_an_error_for_every_output(work: Path, command: str, suffix: str) -> None:
    # ln -s /dev/full full.tmx; align pair z.txt e.txt -o full.tmx  -> exit 1, one line
    (work / f"full{suffix}").symlink_to("/dev/full")
    r = _invoke(work, _commands(f"full{suffix}")[command])
    assert r.exit_code == 1, r.output
    assert r.stderr.splitlines() == [f"error: full{suffix}: cannot write it (No space left on "
                                     "device); free some space, or choose another place"]
    assert "wrote" not in r.output and "written" not in r.output


def _align(*args: str, cwd: Path, stdout: int = subprocess.PIPE
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "align", *args], cwd=cwd, text=True,
                          stdout=stdout, stderr=subprocess.PIPE, timeout=300)


def test_full_disk_xlsx_prints_one_line_and_no_destructor_tracebacks(work: Path) -> None:
    (work / "full.xlsx").symlink_to("/dev/full")
    r = _align("pair", "z.txt", "e.txt", "--presplit", "-o", "full.xlsx", cwd=work)
    assert r.returncode == 1
    assert r.stderr.splitlines() == ["error: full.xlsx: cannot write it (No space left on "
                                     "device); free some space, or choose another place"]


def test_openpyxl_buffer_on_a_full_disk_prints_one_line(work: Path) -> None:
    # openpyxl streams the sheet through a temporary file of its own; when that disk
    # is full, its half-written objects must not print tracebacks when collected.
    script = work / "run.py"
    script.write_text(
        "import errno, os, sys\n"
        "import openpyxl.worksheet._writer as w\n"
        "def full(*args, **kw):\n"
        "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "w.WorksheetWriter.write_row = full\n"
        "from align.cli import main\n"
        "sys.argv = ['align', *sys.argv[1:]]\n"
        "main()\n", encoding="utf-8")
    (work / "old.xlsx").write_bytes(b"old")
    r = subprocess.run([sys.executable, str(script), "pair", "z.txt", "e.txt", "--presplit",
                        "-o", "old.xlsx"], cwd=work, text=True, capture_output=True, timeout=300)
    assert r.returncode == 1
    assert r.stderr.splitlines() == ["error: old.xlsx: cannot write the workbook (No space "
                                     "left on device); free some space, or choose another "
                                     "place"]
    assert (work / "old.xlsx").read_bytes() == b"old"


# -- signals ---------------------------------------------------------------------------

# Blocks inside a write after announcing it on stdout, until a signal ends the process.
BLOCK_IN_FSYNC = (
    "import os, time\n"
    "def fsync(fd):\n"
    "    print('writing', flush=True)\n"
    "    while True:\n"
    "        time.sleep(0.05)\n"
    "os.fsync = fsync\n")
BLOCK_IN_TMX_STREAM = (  # after the units written so far, with lxml's writer open
    "import time\n"
    "import align.formats.tmx.writer as w\n"
    "real = w.alignment_to_units\n"
    "def units(*args, **kw):\n"
    "    yield from real(*args, **kw)\n"
    "    print('writing', flush=True)\n"
    "    while True:\n"
    "        time.sleep(0.05)\n"
    "w.alignment_to_units = units\n")
SIGNAL_CASES = [("fsync", ".tsv", signal.SIGTERM), ("fsync", ".xlsx", signal.SIGTERM),
                ("fsync", ".tmx", signal.SIGTERM), ("stream", ".tmx", signal.SIGTERM),
                ("stream", ".tmx", signal.SIGINT)]


@pytest.mark.parametrize("where,suffix,sig", SIGNAL_CASES,
                         ids=[f"{w}{s}-{g.name}" for w, s, g in SIGNAL_CASES])
def test_signal_during_a_write_leaves_no_part_file(work: Path, where: str, suffix: str,
                                                   sig: signal.Signals) -> None:
    script = work / "run.py"
    script.write_text((BLOCK_IN_FSYNC if where == "fsync" else BLOCK_IN_TMX_STREAM)
                      + "import sys\nfrom align.cli import main\n"
                        "sys.argv = ['align', *sys.argv[1:]]\nmain()\n", encoding="utf-8")
    out = work / f"out{suffix}"
    out.write_bytes(b"old")
    before = sorted(p.name for p in work.iterdir())
    p = subprocess.Popen([sys.executable, str(script), "pair", "z.txt", "e.txt", "--presplit",
                          "-o", out.name], cwd=work, text=True, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        assert p.stdout is not None
        assert p.stdout.readline() == "writing\n"  # the process is inside the write
        assert any(n.endswith(".part" + suffix) for n in os.listdir(work))
        p.send_signal(sig)
        _, err = p.communicate(timeout=120)
    finally:
        p.kill()
    assert sorted(p.name for p in work.iterdir()) == before  # no .part file
    assert out.read_bytes() == b"old"
    assert p.returncode == (143 if sig == signal.SIGTERM else 130)
    assert "Traceback" not in err


# -- stdout closed by its reader (`| head -1`) ---------------------------------------

PIPE_CASES = {
    "pair": ["pair", "z.txt", "e.txt", "--presplit"],
    "segment": ["segment", "z.txt"],
    "segment-dev-stdout": ["segment", "z.txt", "-o", "/dev/stdout"],
    "check": ["check", "al.tsv", "-g", "g.tsv", "--fail-on", "never"],
    "tm-lookup": ["tm", "lookup", ZH[0], "--tm", "tm.db"],
}


@pytest.mark.parametrize("name", list(PIPE_CASES))
def test_closed_stdout_pipe_exits_quietly(work: Path, name: str) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte, as `head -1` after its line
    try:
        r = _align(*PIPE_CASES[name], cwd=work, stdout=write)
    finally:
        os.close(write)
    assert (r.returncode, r.stderr) == (141, "")


# -- usage errors and arguments ----------------------------------------------------------

SAME_LANG = {
    "pair": ["pair", "z.txt", "z.txt", "--src-lang", "zh", "--tgt-lang", "zh"],
    "pair-reversed-order": ["pair", "z.txt", "z.txt", "--tgt-lang", "zh", "--src-lang", "zh"],
    "pair-default-target": ["pair", "e.txt", "e.txt", "--src-lang", "en"],
    "check": ["check", "al.tsv", "-g", "g.tsv", "--src-lang", "en", "--tgt-lang", "en"],
    "terms": ["terms", "al.tsv", "--src-lang", "zh", "--tgt-lang", "zh"],
}


@pytest.mark.parametrize("name", list(SAME_LANG))
def test_same_language_on_both_sides_is_a_usage_error(work: Path, name: str) -> None:
    r = _invoke(work, SAME_LANG[name])
    assert r.exit_code == 2, r.output
    assert "--src-lang and --tgt-lang are both" in r.stderr
    assert "one side must be zh and the other en" in r.stderr


@pytest.mark.parametrize("query", [b"\xff\xfe", "我们要".encode() + b"\xb7\xa2\xd5\xb9"],
                         ids=["bytes", "gbk-after-utf8"])
def test_non_utf8_lookup_argument_is_one_line(work: Path, query: bytes) -> None:
    r = subprocess.run([sys.executable, "-m", "align", "tm", "lookup", query, "--tm", "tm.db"],
                       cwd=work, capture_output=True, timeout=300,
                       env={**os.environ, "LC_ALL": "C.UTF-8"})
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 1
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert "not UTF-8" in err and "internal error" not in err


# -- output paths checked before any work ------------------------------------------------

BAD_OUTPUTS = {  # kind -> (output path without its suffix, the error expected)
    "missing-folder": ("nope/out", "nope/out{}: output folder nope does not exist; create it "
                                   "first"),
    "a-folder": ("folder", "folder{}: is a folder, not a file; give an output file name"),
}
BEFORE_WORK = {"pair": ".tsv", "check": ".csv", "terms": ".tsv", "tmx-merge": ".tmx",
               "tm-export": ".tmx", "tm-pretranslate": ".tsv", "segment": ".txt"}


@pytest.mark.parametrize("kind", ["missing-folder", "a-folder"])
@pytest.mark.parametrize("command", list(BEFORE_WORK))
def test_bad_output_path_is_reported_before_any_work(tmp_path: Path, command: str,
                                                     kind: str) -> None:
    # The inputs do not exist either: the output must be refused first, so a typo in
    # -o costs nothing (before, `pair` reported it after the whole alignment).
    suffix = BEFORE_WORK[command]
    (tmp_path / f"folder{suffix}").mkdir()  # named like an output, e.g. folder.tsv
    path, expected = BAD_OUTPUTS[kind]
    r = _invoke(tmp_path, _commands(path + suffix)[command])
    assert r.exit_code == 1, r.output
    assert r.stderr.splitlines() == ["error: " + expected.format(suffix)]


def test_unwritable_output_folder_is_reported_before_any_work(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    undo = lambda: locked.chmod(0o755)  # noqa: E731
    if os.access(locked, os.W_OK):  # root: only an immutable folder refuses it
        locked.chmod(0o755)
        if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode:
            pytest.skip("cannot make a folder unwritable here")
        undo = lambda: subprocess.run(["chattr", "-i", str(locked)], check=True)  # noqa: E731
    try:
        r = _invoke(tmp_path, ["pair", "missing.txt", "missing2.txt", "-o", "locked/out.tmx"])
    finally:
        undo()
    assert r.exit_code == 1
    assert r.stderr.splitlines() == ["error: locked/out.tmx: cannot write in folder locked "
                                     "(permission denied); choose a writable folder"]
