"""The same batch on a local process pool and on a Dask cluster gives the same
outputs (TMX creation dates and the XLSX document properties, which hold the time
of writing, aside)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from align.api import batch_files
from align.batch.runners import DaskCluster
from align.errors import ConfigError

Writer = Callable[[int], tuple[Path, Path]]
FORMATS = ("tsv", "tmx", "xlsx", "jsonl")


def _timeless(name: str, data: bytes) -> object:
    """The content of an output without the time it was written."""
    if name.endswith(".tmx"):
        return re.sub(rb'creationdate="\d{8}T\d{6}Z"', b'creationdate=""', data)
    if name.endswith(".xlsx"):
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
    return data


def _outputs(out: Path) -> dict[str, object]:
    return {p.name: _timeless(p.name, p.read_bytes()) for p in sorted(out.iterdir())
            if p.suffix[1:] in FORMATS}


def test_dask_local_cluster_matches_the_local_pool(write_pairs: Writer, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    zh, en = write_pairs(4)
    (en / "p3.txt").write_text("", encoding="utf-8")  # a bad pair on both engines
    pool = batch_files(_pairs(zh, en), tmp_path / "pool", formats=FORMATS,
                       workers=2)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        dask = batch_files(_pairs(zh, en), tmp_path / "dask", formats=FORMATS,
                           scheduler=cluster.scheduler_address)
    assert [(r.id, r.status, r.stats, r.error) for r in dask.rows] == [
        (r.id, r.status, r.stats, r.error) for r in pool.rows]
    assert dask.failed == 1 and dask.rows[0].error.endswith("the file is empty (0 bytes); "
                                                            "give a file with text in it")
    a, b = _outputs(tmp_path / "pool"), _outputs(tmp_path / "dask")
    assert sorted(a) == [f"p{i}.{f}" for i in range(3) for f in sorted(FORMATS)]
    assert a == b


def _pairs(zh: Path, en: Path) -> list[tuple[Path, Path]]:
    return [(p, en / p.name) for p in sorted(zh.iterdir())]


def test_without_dask_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install 'zhen-align\[dask\]'"):
        DaskCluster("tcp://127.0.0.1:8786")
