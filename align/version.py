"""The tool's version, the signature every output carries (sacrebleu style) and the
user cache folder its caches share.

Nothing reaches up to ``align/__init__`` for these: every floor may import this module.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__version__ = "0.1.0"


def signature(**settings: object) -> dict[str, str]:
    """The signature of an output: tool name and version plus the given settings.

    Values are converted with ``str``; ``None`` values are dropped.
    """
    sig = {"tool": "zhen-align", "version": __version__}
    sig.update({k: str(v) for k, v in settings.items() if v is not None})
    return sig


def format_signature(sig: Mapping[str, str]) -> str:
    """One-line form of a signature, sacrebleu style: ``tool:zhen-align|version:0.1.0|...``."""
    return "|".join(f"{k}:{v}" for k, v in sig.items())


def user_cache_dir() -> Path | None:
    """The tool's folder in the user cache: ``$XDG_CACHE_HOME/zhen-align`` (when it
    is an absolute path), or ``~/.cache/zhen-align``; None when neither names an absolute folder (no home
    folder known: the caches are then not kept, rather than kept in whatever folder
    the command runs in). Not created here."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset or relative: ignored, as the XDG spec says
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "zhen-align"
