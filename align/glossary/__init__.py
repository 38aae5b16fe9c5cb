"""Terminology: glossaries (TSV/CSV/XLSX/TBX), term matching in Chinese and English
text, consistency QA over aligned text (``align check``) and term discovery
(``align terms``).

Scoring convention: every score is a float in [0, 1], higher is better.
"""

from __future__ import annotations

from .io import SEP, read_glossary, write_glossary

__all__ = ["SEP", "read_glossary", "write_glossary"]
