"""zhen-align: Chinese-English sentence alignment, terminology QA and translation
memories for translators of official texts.

Import cost is kept low: heavy modules (jieba, pandas, lxml) load on first use.
"""

from __future__ import annotations

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

__all__ = [
    "AlignError", "Alignment", "Bead", "ConfigError", "Document", "FormatError", "Glossary",
    "InputError", "Paragraph", "Segment", "Term", "TranslationUnit", "__version__",
]
