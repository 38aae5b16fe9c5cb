"""Reliability harness: the CLI as a hostile or unlucky user meets it (issue 12).

Every case runs the installed ``align`` command in real processes, in a fresh
temporary folder, with a timeout, and records:

- exit: the exit status (``sig9``: killed by a signal, ``timeout``: killed by the
  harness; several processes: each status with its count);
- 1-line: stderr holds at most one line (every process);
- traceback: a traceback, "internal error" or "Exception ignored" on stderr;
- output: the state of the output file (absent / intact / complete / partial / ...);
- held: the tool refused cleanly or did the right thing (never exit 0 with a partial
  or wrong result, never a traceback); ``n/a`` when the fault could not be produced
  on this machine (the note says why).

The cases are the twenty items of issue 12 (numbered as there) and the classics
(billion laughs, XXE, binary, empty and missing files, a folder as input, the output
being the input, the wrong language). A full file system is a tiny tmpfs when the
harness runs as root (``mount``), else a file-size limit (RLIMIT_FSIZE).

Usage:
    .venv/bin/python bench/bench_reliability.py [--markdown FILE] [--only TEXT]...
        [--quick] [--trials N] [--mem-limit MB] [--align CMD] [--keep] [--no-mount]

No network; every file is written under one temporary folder (removed unless --keep).
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reliability_cases import CASES
from reliability_kit import Ctx, Outcome

TRACE = ("Traceback (most recent call last)", "internal error", "Exception ignored")
COLUMNS = ("item", "case", "exit", "1-line", "traceback", "output", "held", "note")


@dataclass
class Row:
    """One line of the table."""

    item: str
    case: str
    exit: str
    one_line: bool
    traceback: bool
    output: str
    held: bool | None
    note: str

    def cells(self) -> list[str]:
        """The row as table cells."""
        yn = {True: "yes", False: "no", None: "n/a"}
        return [self.item, self.case, self.exit, yn[self.one_line], yn[self.traceback],
                self.output, yn[self.held], self.note]


def judge(item: str, name: str, outcome: Outcome) -> Row:
    """A table row from what the case saw: ``held`` also needs no traceback and no
    process killed by the harness's timeout."""
    errs = [p.err for p in outcome.procs]
    tb = any(t in e for e in errs for t in TRACE)
    one = all(sum(1 for line in e.splitlines() if line.strip()) <= 1 for e in errs)
    statuses = [p.status for p in outcome.procs]
    if len(set(statuses)) == 1 and len(statuses) > 1:
        status = f"{statuses[0]}×{len(statuses)}"
    elif len(statuses) <= 4:
        status = ",".join(statuses)
    else:
        status = " ".join(f"{s}×{statuses.count(s)}" for s in sorted(set(statuses)))
    held = outcome.held
    if held is not None and (tb or "timeout" in statuses):
        held = False
    return Row(item, name, status or "-", one, tb, outcome.output, held, outcome.note)


def run_case(ctx_args: dict[str, object], root: Path, item: str, name: str,
             fn: Callable[[Ctx], Outcome], timeout: float) -> Row:
    """Run one case in its own folder; a bug of the harness is a row too."""
    folder = Path(tempfile.mkdtemp(prefix=f"case{item}-", dir=root))
    ctx = Ctx(folder, timeout=timeout, **ctx_args)  # type: ignore[arg-type]
    try:
        return judge(item, name, fn(ctx))
    except Exception as e:  # the harness's own failure, not the tool's
        traceback.print_exc(file=sys.stderr)
        return Row(item, name, "-", True, False, "-", None, f"harness error: {e!r}"[:120])
    finally:
        ctx.cleanup()


def markdown(rows: list[Row], command: str) -> str:
    """The table as Markdown, with the command that made it and a summary line."""
    held = sum(r.held is True for r in rows)
    tried = sum(r.held is not None for r in rows)
    out = [f"Command: `{command}`", "",
           f"{held} of {tried} cases held ({len(rows) - tried} could not be tried here).", "",
           "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in r.cells()) + " |")
    return "\n".join(out) + "\n"


def plain(rows: list[Row]) -> str:
    """The table as aligned plain text."""
    table = [list(COLUMNS)] + [r.cells() for r in rows]
    widths = [max(len(row[k]) for row in table) for k in range(len(COLUMNS) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1]
             for row in table]
    held = sum(r.held is True for r in rows)
    tried = sum(r.held is not None for r in rows)
    return "\n".join(lines) + f"\n\n{held} of {tried} cases held ({len(rows) - tried} n/a)\n"


def default_align() -> list[str]:
    """The ``align`` script beside this Python, else ``python -m align``."""
    script = Path(sys.executable).parent / "align"
    return [str(script)] if script.exists() else [sys.executable, "-m", "align"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--markdown", type=Path, help="also write the table here (Markdown)")
    ap.add_argument("--only", action="append", default=[],
                    help="run the cases of this item (1..20, classic) or whose name holds this text (repeatable)")
    ap.add_argument("--quick", action="store_true", help="skip the slow cases (minutes)")
    ap.add_argument("--trials", type=int, default=10, help="trials of the concurrency case")
    ap.add_argument("--mem-limit", type=int, default=2048,
                    help="address-space limit (MB) of the DOCX-bomb case")
    ap.add_argument("--align", help="the command to test (default: the venv's align)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--no-mount", action="store_true",
                    help="never mount a tmpfs; simulate a full disk with a file-size limit")
    args = ap.parse_args(argv)
    align_cmd = shlex.split(args.align) if args.align else default_align()
    root = Path(tempfile.mkdtemp(prefix="align-reliability-"))
    ctx_args: dict[str, object] = {"align": align_cmd, "trials": args.trials,
                                   "mem_limit": args.mem_limit, "mount": not args.no_mount}
    rows = []
    try:
        # in the order of the items, the classics last
        for c in sorted(CASES, key=lambda c: int(c.item) if c.item.isdigit() else 99):
            if args.only and not any(o == c.item or o in c.name for o in args.only):
                continue
            if args.quick and c.slow:
                continue
            t0 = time.monotonic()
            row = run_case(ctx_args, root, c.item, c.name, c.fn, c.timeout)
            rows.append(row)
            print(f"[{time.monotonic() - t0:6.1f} s] {' | '.join(row.cells())}",
                  file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(plain(rows))
    if args.markdown:
        command = " ".join(["python bench/bench_reliability.py", *(argv or sys.argv[1:])])
        args.markdown.write_text(markdown(rows, command), encoding="utf-8")
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
