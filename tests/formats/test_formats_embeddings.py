"""Tests of the on-disk embedding cache (align.formats.embeddings): vectors written by one
cache object are read back bit for bit by another, shards are whole files, and a
broken shard counts as empty and is rewritten."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.errors import ConfigError, InputError
from align.formats.embeddings import EmbeddingCache, default_cache_dir


def _vectors(n: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    keys = ["00" + "ab" * 31, "00" + "cd" * 31, "01" + "ab" * 31, "ff" + "ab" * 31][:n]
    return {k: rng.normal(size=384).astype(np.float32) for k in keys}


def test_written_vectors_are_read_back_exactly_by_a_new_cache(tmp_path: Path) -> None:
    vecs = _vectors(4)
    EmbeddingCache(tmp_path / "e").put(vecs)
    assert sorted(p.name for p in (tmp_path / "e").glob("*.npz")) == ["00.npz", "01.npz", "ff.npz"]
    got = EmbeddingCache(tmp_path / "e").get([*vecs, "77" + "0" * 62])
    assert sorted(got) == sorted(vecs)  # the unknown key is simply absent
    for k, v in vecs.items():
        assert got[k].dtype == np.float32
        assert np.array_equal(got[k], v)


def test_adding_keeps_what_the_shard_had(tmp_path: Path) -> None:
    vecs = _vectors(4)
    first, second = dict(list(vecs.items())[:1]), dict(list(vecs.items())[1:])
    EmbeddingCache(tmp_path).put(first)
    EmbeddingCache(tmp_path).put(second)  # shard 00 gets its second key
    assert sorted(EmbeddingCache(tmp_path).get(list(vecs))) == sorted(vecs)


def test_a_broken_shard_is_a_miss_and_is_rewritten(tmp_path: Path) -> None:
    vecs = _vectors(1)
    (tmp_path / "00.npz").write_bytes(b"not a zip file")
    cache = EmbeddingCache(tmp_path)
    assert cache.get(list(vecs)) == {}
    cache.put(vecs)
    assert list(EmbeddingCache(tmp_path).get(list(vecs))) == list(vecs)


def test_default_folder_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "zhen-align" / "embeddings"
    assert EmbeddingCache().folder == tmp_path / "zhen-align" / "embeddings"


def test_embeddings_and_lexicon_share_the_one_user_cache_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from align.text.lexicon import _cache_file, cedict_path
    from align.version import user_cache_dir

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / ".cache" / "zhen-align"
    assert default_cache_dir() == tmp_path / ".cache" / "zhen-align" / "embeddings"
    lexicon_cache = _cache_file(cedict_path())
    assert lexicon_cache is not None and lexicon_cache.parent == user_cache_dir()
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # ignored, as the XDG spec says
    assert user_cache_dir() == tmp_path / ".cache" / "zhen-align"
    monkeypatch.setenv("HOME", "~")  # no home folder known
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    assert user_cache_dir() is None and _cache_file(cedict_path()) is None
    with pytest.raises(ConfigError, match="no cache folder"):
        default_cache_dir()


def test_an_unwritable_folder_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    with pytest.raises(InputError, match="cannot create the embedding cache"):
        EmbeddingCache(blocker / "sub").put(_vectors(1))


def _put_many(folder: str, first: int) -> None:
    """One writer process: 40 vectors, all in shard 00, added 8 at a time."""
    cache = EmbeddingCache(folder)
    for s in range(first, first + 40, 8):
        cache.put({f"00{k:062d}": np.full(384, k, dtype=np.float32) for k in range(s, s + 8)})


def test_concurrent_writers_keep_every_vector(tmp_path: Path) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_put_many, args=(str(tmp_path), 40 * w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    got = EmbeddingCache(tmp_path).get([f"00{k:062d}" for k in range(160)])
    assert len(got) == 160  # no writer dropped another's vectors
    assert all(v[0] == int(k) for k, v in got.items())
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "00.npz"]
