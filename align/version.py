"""The tool's version and the signature every output carries (sacrebleu style).

Nothing reaches up to ``align/__init__`` for these: every floor may import this module.
"""

from __future__ import annotations

from collections.abc import Mapping

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
