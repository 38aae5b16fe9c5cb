"""zhen-align: Chinese-English sentence alignment, terminology QA and translation
memories for translators of official texts.

Import cost is kept low: heavy modules (jieba, pandas, lxml) load on first use.
"""

from __future__ import annotations

from .errors import AlignError, ConfigError, FormatError, InputError
from .types import (
    Alignment,
    Bead,
    Document,
    Glossary,
    Paragraph,
    Segment,
    Term,
    TranslationUnit,
)

__version__ = "0.1.0"

__all__ = [
    "AlignError", "Alignment", "Bead", "ConfigError", "Document", "FormatError", "Glossary",
    "InputError", "Paragraph", "Segment", "Term", "TranslationUnit", "__version__",
]
