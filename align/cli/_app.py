"""The Typer application and the one place where errors and signals become exit codes.

Exit status: 0 success; 1 an error (one line on stderr); 2 a usage error; 141 when
the reader of stdout has gone (``align ... | head -1``: quiet, as a Unix tool killed
by SIGPIPE); 143 on SIGTERM, after the clean-up an exception gets (temporary
``.part`` files removed, transactions rolled back).
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import suppress
from typing import Any

import typer
from typer.core import TyperGroup

from align.errors import AlignError


class ErrorHandlingGroup(TyperGroup):
    """Turns toolkit errors into one line on stderr and exit status 1, and a stdout
    closed by its reader into a quiet exit (status 141).

    Usage errors are left to click (exit status 2). Set ``ALIGN_DEBUG=1`` to see
    the traceback of an unexpected error instead.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AlignError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:  # stdout closed by its reader: stop quietly
            quiet_stdout()
            raise typer.Exit(EXIT_PIPE) from None
        except UnicodeEncodeError as e:
            if "surrogates" not in str(e) or os.environ.get("ALIGN_DEBUG"):
                raise
            # an argument held bytes that are not UTF-8 (Python keeps them as surrogates)
            bad = e.object[e.start:e.end].encode("utf-8", "surrogateescape")
            typer.echo(f"error: an argument holds bytes that are not UTF-8 ({bad!r}); give "
                       "UTF-8 text (convert it with iconv, or set a UTF-8 locale)", err=True)
            raise typer.Exit(1) from None
        except OSError as e:
            where = f"{e.filename}: " if e.filename else ""
            typer.echo(f"error: {where}{e.strerror or e}; check the path and permissions", err=True)
            raise typer.Exit(1) from None
        except Exception as e:  # the promise is "never a traceback"
            if _is_cli_exception(e) or os.environ.get("ALIGN_DEBUG"):
                raise
            typer.echo(
                f"internal error: {type(e).__name__}: {' '.join(str(e).split())} "
                "(rerun with ALIGN_DEBUG=1 and report the traceback)", err=True)
            raise typer.Exit(1) from None


#: Exit status when stdout's reader has gone (128 + SIGPIPE), and on SIGTERM (128 + 15).
EXIT_PIPE = 128 + 13
EXIT_TERM = 128 + 15


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so the output still buffered is not written (again)
    to a closed pipe at exit, where Python would print an error."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def terminate_cleanly() -> None:
    """Make SIGTERM raise ``SystemExit(143)`` in the main thread, so ``finally``
    blocks and context managers run (the atomic writer removes its temporary file)
    as on Ctrl-C. A second SIGTERM during that clean-up is ignored; SIGKILL stops
    the process regardless."""

    def handler(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise SystemExit(EXIT_TERM)

    with suppress(ValueError):  # not the main thread: leave signals to the host
        signal.signal(signal.SIGTERM, handler)


#: Arrays from this size up get their own memory map from glibc, given back when freed.
MMAP_THRESHOLD = 4 << 20


def give_back_large_frees() -> bool:
    """Have glibc's malloc give every freed block of :data:`MMAP_THRESHOLD` bytes or
    more back to the system at once; True if set (glibc), False elsewhere.

    By default glibc raises that threshold to the size of the last large block freed
    (up to 32 MB), so the aligner's later temporaries of a few MB to 32 MB land in the
    heap, where the blocks left between them keep their pages: on Bible 006 the peak
    memory went from 0.94 to 1.02 GB that way. A fixed threshold keeps it at 0.94 GB
    for about 0.5 s more system time. Set by the command line, which owns its process;
    the library leaves a host program's allocator alone."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:
        return False
    M_MMAP_THRESHOLD = -3  # malloc.h
    return bool(mallopt is not None and mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1)


def run() -> None:
    """Run the command line: the ``align`` console script."""
    terminate_cleanly()
    give_back_large_frees()
    try:
        app()
    except BrokenPipeError:  # outside a command (e.g. `align --help | head -1`)
        quiet_stdout()
        sys.exit(EXIT_PIPE)


def _is_cli_exception(e: BaseException) -> bool:
    """Exit, Abort and usage errors of typer/click: they carry their own exit code.

    Judged by the defining package, so it holds whether typer vendors click
    (typer >= 0.29) or uses click itself.
    """
    return type(e).__module__.split(".")[0] in ("typer", "click")


def new_app(help: str) -> typer.Typer:
    """A Typer app (or sub-app) with the toolkit's conventions."""
    return typer.Typer(
        cls=ErrorHandlingGroup, help=help, no_args_is_help=True, add_completion=False,
        pretty_exceptions_enable=False, rich_markup_mode=None,
    )


app = new_app("Chinese-English sentence alignment, terminology QA and translation memories.")


def _print_version(value: bool) -> None:
    if value:
        from align.version import __version__

        typer.echo(f"zhen-align {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Chinese-English sentence alignment, terminology QA and translation memories."""
