"""Command-line interface: a thin layer over library functions.

Each command lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

from . import segment  # noqa: F401  (registers commands)
from ._app import app

for _name in ("pair", "evaluate", "check", "terms", "tmx", "tm"):
    try:  # commands still being built are registered when their module exists
        __import__(f"{__name__}.{_name}")
    except ModuleNotFoundError as _e:
        if _e.name != f"{__name__}.{_name}":
            raise


def main() -> None:
    """Entry point of the ``align`` console script."""
    app()
