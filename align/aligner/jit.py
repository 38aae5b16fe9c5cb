"""Compiled kernels: the aligner's inner loops, compiled by numba on first use.

The dynamic programmes over the search band (and any other loop that numpy can only
run one row at a time) are written as plain Python functions over numpy arrays and
integers and decorated with :func:`compiled`. numba compiles such a function to
machine code the first time it is called and caches the result on disk (next to the
module, or in the user's cache directory when that is read-only), so later processes
load it instead of compiling again.

numba is imported only at that first call: commands that never align (``align
check``, ``align tmx``, ``--help``) do not pay its start-up (about half a second).
A kernel can therefore not call another kernel; keep each one self-contained.
``NUMBA_DISABLE_JIT=1`` runs the kernels as the plain Python they are written in
(slow, for debugging).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def compiled(fn: F) -> F:
    """``fn`` compiled by numba in nopython mode (cached on disk) at its first call.

    The plain function stays available as ``.py_func`` (tests compare the two)."""
    jitted: Callable[..., Any] | None = None

    @functools.wraps(fn)
    def call(*args: Any) -> Any:
        nonlocal jitted
        if jitted is None:
            jitted = _compile(fn)
        return jitted(*args)

    call.py_func = fn  # type: ignore[attr-defined]
    return call  # type: ignore[return-value]


def _compile(fn: Callable[..., Any]) -> Callable[..., Any]:
    """numba's compiled ``fn``, cached on disk where numba finds a writable folder.

    With none (a read-only install and no writable home, and no ``NUMBA_CACHE_DIR``),
    numba refuses ``cache=True``; the kernel is then compiled in memory for this
    process instead of failing the alignment."""
    import numba  # first use only: see the module docstring

    try:
        return numba.njit(cache=True, nogil=True)(fn)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return numba.njit(nogil=True)(fn)
