"""The Typer application and the one place where errors become exit codes."""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from align.errors import AlignError


class ErrorHandlingGroup(TyperGroup):
    """Turns toolkit errors into one line on stderr and exit status 1.

    Usage errors are left to click (exit status 2). Set ``ALIGN_DEBUG=1`` to see
    the traceback of an unexpected error instead.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AlignError as e:
            typer.echo(f"error: {e}", err=True)
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
