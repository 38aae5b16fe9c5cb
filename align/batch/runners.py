"""Where the pairs are aligned: in this process, in a local process pool
(:mod:`concurrent.futures`), or on a Dask cluster (:mod:`dask.distributed`).

Every runner takes the worker function and an iterator of tasks and yields the
outcomes as they finish. It keeps only a few tasks in flight (twice the number of
workers), so the documents of a large batch are read as the work goes, not all at
once. A task whose worker dies (a crash, a killed Dask worker) comes back as a
failed outcome: one bad pair never stops the batch.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol

from align.batch.tasks import PairOutcome, PairTask, failed
from align.errors import ConfigError

Worker = Callable[[PairTask], PairOutcome]

#: Tasks kept in flight per worker.
_WINDOW = 2


class Runner(Protocol):
    """Runs a worker over tasks, yielding outcomes in the order they finish."""

    def run(self, worker: Worker, tasks: Iterator[PairTask]) -> Iterator[PairOutcome]:
        """The outcomes of ``worker`` over ``tasks``."""
        ...


class InProcess:
    """One pair after the other in this process (``--workers 1``)."""

    def run(self, worker: Worker, tasks: Iterator[PairTask]) -> Iterator[PairOutcome]:
        """The outcomes of ``worker`` over ``tasks``, in task order."""
        for task in tasks:
            yield worker(task)


def init_worker(threads: int = 0) -> None:
    """Start a pool process: leave Ctrl-C to the process running the batch (which
    stops handing out pairs; a pair being aligned finishes), and load jieba's
    dictionary and the lexicon once, before the first pair.

    ``threads``: OpenMP threads of the embedding engine (``--neural``) in this
    process, unless ``OMP_NUM_THREADS`` is set: the pool's share of the CPUs, so
    that workers do not each start one thread per CPU and spin against each other
    (0: leave it to OpenMP)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if threads:
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    from align.text.lexicon import load_lexicon
    from align.text.tokenize import get_tokenizer

    get_tokenizer("zh").tokenize("中文")
    load_lexicon()


class LocalPool:
    """A pool of ``workers`` local processes (started fresh: ``spawn``)."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {workers}")
        self.workers = workers

    def run(self, worker: Worker, tasks: Iterator[PairTask]) -> Iterator[PairOutcome]:
        """The outcomes of ``worker`` over ``tasks``, as they finish."""
        threads = max(1, (os.cpu_count() or 1) // self.workers)
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_worker, initargs=(threads,))
        running: dict[Future[PairOutcome], PairTask] = {}
        try:
            for task in tasks:
                running[pool.submit(worker, task)] = task
                if len(running) >= _WINDOW * self.workers:
                    yield from _finished(running, wait(running, return_when=FIRST_COMPLETED).done)
            while running:
                yield from _finished(running, wait(running, return_when=FIRST_COMPLETED).done)
        finally:
            pool.shutdown(wait=not running, cancel_futures=True)


def _finished(running: dict[Any, PairTask], done: Any) -> Iterator[PairOutcome]:
    """Outcomes of the finished futures, removed from ``running``; a future that
    raised (its worker died) gives the pair's failed outcome."""
    for fut in done:
        task = running.pop(fut)
        exc = fut.exception()
        yield failed(task.spec, f"the worker stopped: {type(exc).__name__}: {exc}") if (
            exc is not None) else fut.result()


class DaskCluster:
    """A Dask distributed cluster: an existing scheduler at ``address``
    (``tcp://host:8786``), or, without one, a local cluster of ``workers``
    processes started for the batch and closed after it."""

    def __init__(self, address: str | None, workers: int = 2) -> None:
        try:
            import distributed
        except ImportError:
            raise ConfigError("the Dask engine needs dask.distributed: pip install "
                              "'zhen-align[dask]'") from None
        self._distributed = distributed
        self.address = address
        self.workers = workers

    def _client(self) -> Any:
        d = self._distributed
        if self.address is not None:
            try:
                return d.Client(self.address, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise ConfigError(f"cannot reach the Dask scheduler {self.address} ({e}); "
                                  "start it with `dask scheduler` and check the address") from None
        cluster = d.LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                 dashboard_address=None)
        return d.Client(cluster)

    def run(self, worker: Worker, tasks: Iterator[PairTask]) -> Iterator[PairOutcome]:
        """The outcomes of ``worker`` over ``tasks``, as they finish; one Dask task
        per pair (``pure=False``: a re-submitted pair runs again). Without tasks
        (nothing to do) the cluster is not contacted."""
        first = next(tasks, None)
        if first is None:
            return
        client = self._client()
        try:
            window = _WINDOW * max(1, sum(client.nthreads().values()))
            pending = self._distributed.as_completed()
            running: dict[Any, PairTask] = {}
            for task in itertools.chain([first], tasks):
                fut = client.submit(worker, task, pure=False, key=f"align-pair-{task.spec.id}-"
                                    f"{id(task):x}")
                running[fut] = task
                pending.add(fut)
                if len(running) >= window:
                    yield from _finished(running, [next(pending)])
            for fut in pending:
                yield from _finished(running, [fut])
        finally:
            if self.address is None:
                client.close()
                if client.cluster is not None:
                    client.cluster.close()
            else:
                client.close()
