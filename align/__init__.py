"""zhen-align: Chinese-English sentence alignment, terminology QA and translation
memories for translators of official texts.

Everything a translator-programmer needs is a name on this package::

    import align
    g = align.read_glossary("glossary/beijing-2024.tsv")
    al = align.align_files("zh.txt", "en.raw.txt", glossary=g)
    align.write_alignment(al, "out/beijing-2024.tmx")

The types and errors load with the package; the functions load their modules on
first use (PEP 562), so ``import align`` stays cheap: jieba, pandas, lxml and numpy
are imported only by the features that need them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from align.errors import AlignError, ConfigError, FormatError, InputError
from align.types import (
    Alignment,
    Bead,
    Document,
    Glossary,
    Paragraph,
    Segment,
    Term,
    TranslationUnit,
)
from align.version import __version__

if TYPE_CHECKING:  # what the lazy names below resolve to, for type checkers and IDEs
    from align.aligner.pipeline import AlignmentWarning, align_segments
    from align.api import align_batch, align_files
    from align.formats.alignment import read_alignment, write_alignment
    from align.formats.documents import read_document
    from align.formats.glossary import read_glossary, write_glossary
    from align.formats.tmx.reader import read_tmx
    from align.formats.tmx.writer import write_tmx
    from align.qa.check import check_alignment
    from align.terms.discover import discover_terms
    from align.text.segment import segment_document
    from align.tm.store import TMStore

#: Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "read_document": "align.formats.documents",
    "segment_document": "align.text.segment",
    "align_segments": "align.aligner.pipeline",
    "align_files": "align.api",
    "align_batch": "align.api",
    "AlignmentWarning": "align.aligner.pipeline",
    "read_alignment": "align.formats.alignment",
    "write_alignment": "align.formats.alignment",
    "read_glossary": "align.formats.glossary",
    "write_glossary": "align.formats.glossary",
    "check_alignment": "align.qa.check",
    "discover_terms": "align.terms.discover",
    "read_tmx": "align.formats.tmx.reader",
    "write_tmx": "align.formats.tmx.writer",
    "TMStore": "align.tm.store",
}

__all__ = [
    "AlignError", "Alignment", "AlignmentWarning", "Bead", "ConfigError", "Document",
    "FormatError", "Glossary", "InputError", "Paragraph", "Segment", "TMStore", "Term",
    "TranslationUnit", "__version__", "align_batch", "align_files", "align_segments", "check_alignment",
    "discover_terms", "read_alignment", "read_document", "read_glossary", "read_tmx",
    "segment_document", "write_alignment", "write_glossary", "write_tmx",
]


def __getattr__(name: str) -> Any:
    """Load a public function or class from its module on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'align' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    """The package's names, the lazy ones included."""
    return sorted(set(globals()) | set(_LAZY))
