"""Run a batch: decide which pairs need work, hand them to a runner, write each
pair's outputs as it finishes, and write the summary at the end.

Resumable and idempotent: a pair whose content key (inputs' bytes, options, tool
version; :func:`align.batch.tasks.pair_key`) matches the state file and whose outputs
are all present is left alone (status ``unchanged``). Outputs are written atomically
and recorded in the state file right after, so a run stopped at any point (Ctrl-C,
SIGKILL, a power cut) leaves complete outputs only, and the next run aligns just the
pairs that are missing. Only this process writes the output folder.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from align.batch.pairing import PairSpec, Unmatched
from align.batch.runners import InProcess, Runner, Worker
from align.batch.state import STATE_FILE, Done, load_state, save_state
from align.batch.summary import PairResult, review_order, write_summary_csv, write_summary_html
from align.batch.tasks import BatchOptions, PairOutcome, PairTask, failed, pair_key
from align.errors import AlignError, ConfigError, InputError
from align.formats.alignment import check_output_suffix
from align.formats.decode import read_bytes
from align.formats.files import atomic_write
from align.formats.tsv import write_rows
from align.tm.results import AddReport
from align.version import __version__

SUMMARY_CSV = "summary.csv"
SUMMARY_HTML = "summary.html"
#: The files of a folder pairing without a partner (path, reason); only when some are.
UNMATCHED_CSV = "unmatched.csv"


@dataclass(frozen=True, slots=True)
class BatchReport:
    """The result of a batch.

    Attributes:
        rows: one per pair, pairs needing review first (see
            :func:`align.batch.summary.review_order`).
        unmatched: files of a folder pairing without a partner.
        out_dir: the output folder.
        tm: what the TM import added (None without a TM).
    """

    rows: tuple[PairResult, ...]
    unmatched: tuple[Unmatched, ...]
    out_dir: str
    tm: AddReport | None = None

    @property
    def failed(self) -> int:
        """Number of pairs that failed."""
        return sum(r.status == "failed" for r in self.rows)


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a running batch stands, after each pair.

    Attributes:
        done, total: pairs finished (any status) and pairs in the batch.
        aligned: pairs aligned by this run, and the sentences (both sides) in them.
        sentences: sentences of the pairs aligned by this run.
        last: the row of the pair just finished (None before the first).
    """

    done: int
    total: int
    aligned: int
    sentences: int
    last: PairResult | None = None


def check_batch(pairs: Sequence[PairSpec], options: BatchOptions) -> None:
    """Refuse, before any work, options and ids that cannot give a batch.

    Raises:
        ConfigError: no format, an unknown format, a repeated id, or an output
            name that is one of the batch's own files.
    """
    if not options.formats:
        raise ConfigError("no output format; give --format, e.g. tsv,tmx,xlsx")
    for fmt in options.formats:
        check_output_suffix(f"x.{fmt}")
    seen: set[str] = set()
    reserved = {SUMMARY_CSV, SUMMARY_HTML, UNMATCHED_CSV, STATE_FILE}
    for spec in pairs:
        if spec.id in seen:
            raise ConfigError(f"two pairs have the id {spec.id!r}; give each pair its own id")
        seen.add(spec.id)
        clash = reserved.intersection(options.output_names(spec.id))
        if clash:
            raise ConfigError(f"the pair {spec.id!r} would overwrite the batch's {clash.pop()}; "
                              "rename it")


def run_batch(pairs: Sequence[PairSpec], out_dir: str | os.PathLike[str],
              options: BatchOptions, worker: Worker, *, runner: Runner | None = None,
              unmatched: Sequence[Unmatched] = (),
              progress: Callable[[Progress], None] | None = None) -> BatchReport:
    """Align every pair into ``out_dir`` and write ``summary.csv`` and ``summary.html``
    (and ``unmatched.csv`` when files were left unmatched).

    Args:
        pairs: the pairs (see :mod:`align.batch.pairing`).
        out_dir: the output folder (made if missing).
        options: how to align and write.
        worker: aligns one task (a module-level function, so that it can be sent to
            another process).
        runner: where the worker runs (default: in this process).
        unmatched: files left out by the pairing, for the report.
        progress: called before the first pair and after each one.

    Returns:
        The report; a pair's failure is a row, never an exception.

    Raises:
        ConfigError: see :func:`check_batch`; a worker of another version.
        InputError: an output folder that cannot be made or written.
    """
    check_batch(pairs, options)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot make the output folder ({e.strerror}); choose another",
                         out) from None
    _remove_stale_parts(out, [n for s in pairs for n in options.output_names(s.id)])
    done = load_state(out)
    rows: dict[str, PairResult] = {}
    counts = [0, 0]  # pairs aligned, their sentences

    def finish(r: PairResult) -> None:
        rows[r.id] = r
        if r.status == "aligned" and r.stats is not None:
            counts[0] += 1
            counts[1] += r.stats.src_sentences + r.stats.tgt_sentences
        if progress is not None:
            progress(Progress(len(rows), len(pairs), counts[0], counts[1], r))

    if progress is not None:
        progress(Progress(0, len(pairs), 0, 0))
    keys: dict[str, str] = {}
    tasks = _tasks(pairs, out, options, done, keys, finish)
    for outcome in (runner or InProcess()).run(worker, tasks):
        finish(_store(outcome, out, done, keys))
    ordered = review_order(rows[s.id] for s in pairs)
    write_summary_csv(out / SUMMARY_CSV, ordered)
    write_summary_html(out / SUMMARY_HTML, ordered, review_below=options.review_below)
    if unmatched:
        write_rows(out / UNMATCHED_CSV, [("path", "reason"), *((u.path, u.reason)
                                                                for u in unmatched)],
                   delimiter=",")
    else:  # an old list would describe other folders
        (out / UNMATCHED_CSV).unlink(missing_ok=True)
    return BatchReport(tuple(ordered), tuple(unmatched), str(out))


def _tasks(pairs: Sequence[PairSpec], out: Path, options: BatchOptions, done: dict[str, Done],
           keys: dict[str, str], finish: Callable[[PairResult], None]) -> Iterator[PairTask]:
    """The tasks of the pairs that need work, read as the runner asks for them; a
    pair that is unchanged or unreadable is finished here."""
    for spec in pairs:
        t0 = time.perf_counter()
        try:
            src, tgt = read_bytes(spec.src), read_bytes(spec.tgt)
        except AlignError as e:
            finish(failed(spec, str(e), time.perf_counter() - t0).result)
            continue
        key = keys[spec.id] = pair_key(spec, src, tgt, options)
        old = done.get(spec.id)
        if old is not None and old.key == key and all(
                (out / name).is_file() for name in options.output_names(spec.id)):
            finish(replace(old.result, status="unchanged", src=spec.src, tgt=spec.tgt))
            continue
        yield PairTask(spec, src, tgt, options)


def _store(outcome: PairOutcome, out: Path, done: dict[str, Done],
           keys: dict[str, str]) -> PairResult:
    """Write a finished pair's outputs, then record it in the state file."""
    r = outcome.result
    if outcome.version != __version__:
        raise ConfigError(f"a worker runs zhen-align {outcome.version}, this process "
                          f"{__version__}; install one version on every worker")
    if r.status == "failed":
        if done.pop(r.id, None) is not None:
            save_state(out, done)
        return r
    for name, data in outcome.outputs:
        with atomic_write(out / name, "wb") as f:
            f.write(data)
    done[r.id] = Done(keys[r.id], r)
    save_state(out, done)
    return r


def _remove_stale_parts(out: Path, names: Sequence[str]) -> None:
    """Remove the temporary files a killed run (SIGKILL, power cut) left beside the
    outputs it was writing; the atomic writer names them ``.NAME.XXXXXXXX.partSUFFIX``."""
    wanted = {*names, SUMMARY_CSV, SUMMARY_HTML, UNMATCHED_CSV, STATE_FILE}
    part = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.part(\.[^.]*)?")
    for p in out.glob(".*.part*"):
        m = part.fullmatch(p.name)
        if m and m.group("name") in wanted and p.is_file():
            p.unlink(missing_ok=True)
