"""The compiled-kernel decorator: same results as the plain function, numba only on use."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from align.aligner.jit import compiled


@compiled
def _running_max(a: np.ndarray) -> np.ndarray:
    out = np.empty_like(a)
    best = -np.inf
    for i in range(a.shape[0]):
        if a[i] > best:
            best = a[i]
        out[i] = best
    return out


def test_compiled_kernel_gives_what_the_plain_function_gives():
    a = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
    expected = np.array([3.0, 3.0, 4.0, 4.0, 5.0, 9.0, 9.0, 9.0])
    assert np.array_equal(_running_max(a), expected)
    assert np.array_equal(_running_max.py_func(a), expected)


def test_numba_is_imported_only_when_a_kernel_runs():
    code = ("import sys, align, align.cli, align.aligner.pipeline\n"
            "print('numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False"]


def test_a_kernel_with_nowhere_to_cache_is_compiled_in_memory():
    # numba caches next to the source file or in a cache folder; a function whose source
    # file does not exist has no cache location, as on a read-only install without a
    # writable home: the kernel must still run, not raise "cannot cache function"
    scope: dict = {}
    exec(compile("def double_sum(a):\n"
                 "    s = 0.0\n"
                 "    for i in range(a.shape[0]):\n"
                 "        s += 2.0 * a[i]\n"
                 "    return s\n", "<no file>", "exec"), scope)
    kernel = compiled(scope["double_sum"])
    assert kernel(np.array([1.0, 2.5, 4.0])) == 15.0
