"""The on-disk cache of sentence embeddings (``align pair --neural``).

Vectors are kept by key (a hex hash of the model and the text, made by the aligner,
:func:`align.aligner.neural.text_key`) in 256 shard files ``<folder>/<key[:2]>.npz``,
each holding a ``keys`` array and a float32 ``vectors`` array. A shard is rewritten
whole through :func:`align.formats.files.atomic_write` when new vectors arrive, so
a crash can lose only cache entries, never leave a broken file, and a reader always
sees a whole shard. Several processes can share one folder (``align batch
--workers N``, Dask workers on one machine): a writer holds an exclusive lock on
the folder's ``.lock`` file (``fcntl.flock``, where the system has it) while it
reads each shard it adds to again and writes it back with its new vectors added,
so no writer drops what another has just added. A shard that cannot be read (truncated
by hand, another format) counts as empty and is rewritten by the next run that adds
to it. It is a cache: deleting the folder only costs the time to embed again.

The default folder is ``$XDG_CACHE_HOME/zhen-align/embeddings`` (``~/.cache`` when
the variable is unset).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from align.errors import ConfigError, InputError
from align.formats.files import atomic_write
from align.version import user_cache_dir

PathLike = str | os.PathLike[str]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/zhen-align/embeddings`` (or under ``~/.cache``).

    Raises:
        ConfigError: neither ``$XDG_CACHE_HOME`` nor a home folder is known.
    """
    folder = user_cache_dir()
    if folder is None:
        raise ConfigError("no cache folder: set XDG_CACHE_HOME or give an embedding cache "
                          "folder")
    return folder / "embeddings"


class EmbeddingCache:
    """Embeddings by key in a folder (created on the first write)."""

    def __init__(self, folder: PathLike | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        self._shards: dict[str, dict[str, Any]] = {}

    def _shard(self, name: str) -> dict[str, Any]:
        got = self._shards.get(name)
        if got is None:
            got = self._shards[name] = _read_shard(self.folder / f"{name}.npz")
        return got

    def get(self, keys: Sequence[str]) -> dict[str, Any]:
        """The cached vectors of those ``keys`` that have one."""
        out = {}
        for k in keys:
            v = self._shard(k[:2]).get(k)
            if v is not None:
                out[k] = v
        return out

    def put(self, entries: Mapping[str, Any]) -> None:
        """Add vectors, rewriting each shard they fall in (atomically).

        Raises:
            InputError: the folder cannot be created or written.
        """
        touched: set[str] = set()
        for k, v in entries.items():
            self._shard(k[:2])[k] = np.asarray(v, dtype=np.float32)
            touched.add(k[:2])
        if not touched:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"cannot create the embedding cache ({e.strerror}); choose "
                             "another folder", path=self.folder) from None
        with _locked(self.folder / ".lock", self.folder):
            for name in sorted(touched):
                path = self.folder / f"{name}.npz"
                shard = {**_read_shard(path), **self._shards[name]}  # others' additions too
                keys = sorted(shard)
                with atomic_write(path, "wb") as f:
                    np.savez(f, keys=np.asarray(keys, dtype="<U64"),
                             vectors=np.stack([shard[k] for k in keys]))
                self._shards[name] = shard


@contextmanager
def _locked(path: Path, folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block; no lock
    where the system has no ``fcntl`` (each write is still atomic there).

    Raises:
        InputError: the lock file cannot be created in ``folder``.
    """
    try:
        import fcntl
    except ImportError:  # Windows: atomic writes only
        yield
        return
    try:
        f = open(path, "a+b")  # noqa: SIM115  (closed below, after the lock is released)
    except OSError as e:
        raise InputError(f"cannot write to the embedding cache ({e.strerror}); choose "
                         "another folder", path=folder) from None
    with f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _read_shard(path: Path) -> dict[str, Any]:
    """key -> vector of one shard file; empty if it is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return {}
    if vectors.ndim != 2 or len(keys) != len(vectors):
        return {}
    return {str(k): vectors[i] for i, k in enumerate(keys)}
