"""Word tokenisation behind one small interface, looked up by language code.

``get_tokenizer("zh")`` returns the one per-process jieba tokenizer (created on
first use: loading jieba's dictionary takes about a second); ``get_tokenizer("en")``
a regular-expression tokenizer. Both return surface forms (no lower-casing) and
drop whitespace. The shared tokenizers are read-only: a caller that needs extra
words (term matching registers glossary terms) makes its own with
:func:`new_tokenizer`, so what one feature registers never changes how another
feature's text is cut. A private Chinese tokenizer copies the frequency table of the
already loaded dictionary (about 20 ms and 15 MB) instead of loading it again.

Token conventions, shared by both languages so that numbers and Latin words
compare across a Chinese/English pair:

* numbers keep their decimals, thousands separators and percent sign as one
  token: ``3.14``, ``1,000``, ``5.2%``;
* words with internal hyphens, apostrophes or dots stay whole: ``high-quality``,
  ``Beijing-Tianjin-Hebei``, ``Xiong'an``, ``people's``, ``COVID-19``, ``v2.0.1``;
  dotted abbreviations keep their final dot: ``U.S.``, ``e.g.``, ``a.m.``;
* every other punctuation mark is a token of its own.

Chinese is cut by jieba with ``HMM=False``, so the result depends only on the
dictionary (deterministic, no guessing of unknown words); Latin and number runs
inside Chinese are re-tokenised by the English rules above. The shared read-only
tokenizer cuts with ``rjieba`` (a Rust port of jieba with the same dictionary and the
same cut, some ten times faster) when it is installed; jieba stays the reference, and
private tokenizers (which register words) always use it. A test checks that both
backends give the same tokens on the bundled corpus and a Bible sample.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Callable, Iterable
from typing import Any, Protocol, runtime_checkable

from align.types import check_lang

__all__ = ["EnglishTokenizer", "GLOSSARY_WORD_FREQ", "JiebaTokenizer", "Tokenizer",
           "get_tokenizer", "new_tokenizer", "rjieba_installed"]

#: Minimum dictionary frequency of a registered word (glossary term): higher than
#: 98% of jieba's 349,046 entries (median 3), so the term beats the dictionary
#: words it is made of (新|质|生产力 -> 新质生产力), yet low enough not to steal
#: characters from a longer established word (北京|服务业 stays, not 北京服务|业).
GLOSSARY_WORD_FREQ = 1_000


@runtime_checkable
class Tokenizer(Protocol):
    """What every tokenizer offers."""

    name: str

    def tokenize(self, text: str) -> list[str]:
        """Split ``text`` into tokens (whitespace dropped)."""
        ...

    def add_words(self, words: Iterable[str]) -> None:
        """Register extra words (e.g. glossary terms) that must stay one token."""
        ...


_EN_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z0-9])"           # U.S. e.g. a.m.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?%?"             # 1,000  12,345.6%
    r"|[^\W_]+(?:[-'’.][^\W_]+)*%?"                # words, 3.14, 5.2%, v2.0.1, Xiong'an
    r"|\S"                                         # any other symbol
)


class EnglishTokenizer:
    """Regular-expression tokenizer for English (see the module docstring)."""

    name = "en-regex"

    def tokenize(self, text: str) -> list[str]:
        """Split English ``text`` into words, numbers and punctuation marks."""
        return _EN_TOKEN.findall(text)

    def add_words(self, words: Iterable[str]) -> None:
        """No-op: English words are found by spaces and punctuation."""


_ASCII_RUN = re.compile(r"[\x21-\x7e]+")


class JiebaTokenizer:
    """Chinese tokenizer: a lazily built ``jieba.Tokenizer``, cut with ``HMM=False``.

    Every instance has a dictionary of its own (a copy of the one pristine dictionary
    loaded per process), so words added to one instance are seen by that instance
    only. :func:`get_tokenizer` hands out the shared, read-only instance;
    :func:`new_tokenizer` a private one.

    Args:
        read_only: refuse :meth:`add_words` (the shared instance cuts with the pristine
            dictionary itself, without a copy).
    """

    name = "zh-jieba"

    def __init__(self, *, read_only: bool = False, backend: str = "jieba") -> None:
        if backend not in ("jieba", "rjieba") or (backend == "rjieba" and not read_only):
            raise ValueError(f"backend {backend!r}: 'jieba', or 'rjieba' when read-only")
        self.read_only = read_only
        self.backend = backend
        self._jieba: Any = None
        self._lock = threading.Lock()

    def _tk(self) -> Any:
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    self._jieba = (_rjieba() if self.backend == "rjieba" else
                                   _pristine_jieba() if self.read_only else _copy_jieba())
        return self._jieba

    def add_words(self, words: Iterable[str]) -> None:
        """Register words (glossary terms) with a high frequency so they stay whole.

        Words with whitespace cannot be jieba tokens and are ignored.

        Raises:
            RuntimeError: on the shared read-only tokenizer (use :func:`new_tokenizer`).
        """
        if self.read_only:
            raise RuntimeError("the shared tokenizer is read-only: make a private one with "
                               "align.text.tokenize.new_tokenizer() to add words")
        tk = self._tk()
        with self._lock:
            for w in words:
                w = w.strip()
                if w and not any(c.isspace() for c in w):
                    tk.add_word(w, freq=max(GLOSSARY_WORD_FREQ, tk.suggest_freq(w, False)))

    def tokenize(self, text: str) -> list[str]:
        """Cut Chinese ``text`` into words; Latin and number runs follow the English rules."""
        tk = self._tk()
        cut = tk.cut(text, False) if self.backend == "rjieba" else tk.cut(text, HMM=False)
        if not _ASCII_RUN.search(text):  # the usual case: nothing to re-tokenise
            return [tok for tok in cut if not tok.isspace()]
        out: list[str] = []
        buf: list[str] = []  # adjacent ASCII pieces, re-tokenised together
        for tok in cut:
            if _ASCII_RUN.fullmatch(tok):
                buf.append(tok)
                continue
            if buf:
                out.extend(_EN_TOKEN.findall("".join(buf)))
                buf.clear()
            if not tok.isspace():
                out.append(tok)
        if buf:
            out.extend(_EN_TOKEN.findall("".join(buf)))
        return out


def _new_jieba() -> Any:
    """A fresh, initialised ``jieba.Tokenizer`` with jieba's console logging silenced."""
    with warnings.catch_warnings():
        # jieba 0.42.1: invalid escapes (SyntaxWarning) and pkg_resources at import
        warnings.simplefilter("ignore")
        import jieba

        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.initialize()
    return tk


def rjieba_installed() -> bool:
    """Whether the ``rjieba`` backend can be used."""
    import importlib.util

    return importlib.util.find_spec("rjieba") is not None


def _rjieba() -> Any:
    """The ``rjieba`` module: its ``cut`` uses the per-process instance it builds at
    import with jieba's dictionary (never modified here)."""
    import rjieba

    return rjieba


_PRISTINE: Any = None  # jieba.Tokenizer with the unmodified dictionary; never changed
_PRISTINE_LOCK = threading.Lock()


def _pristine_jieba() -> Any:
    """The per-process ``jieba.Tokenizer`` holding jieba's dictionary as shipped."""
    global _PRISTINE
    with _PRISTINE_LOCK:
        if _PRISTINE is None:
            _PRISTINE = _new_jieba()
        return _PRISTINE


def _copy_jieba() -> Any:
    """A ``jieba.Tokenizer`` with its own copy of the pristine dictionary.

    Copying the frequency table (jieba 0.42's ``FREQ`` and ``total``, which is all
    ``initialize()`` loads) is some 80 times faster than loading the dictionary again;
    the cut is the same (tested).
    """
    base = _pristine_jieba()  # imports jieba with its import-time warnings silenced
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ = dict(base.FREQ)
    tk.total = base.total
    tk.initialized = True
    return tk


_FACTORIES: dict[str, Callable[..., Tokenizer]] = {"zh": JiebaTokenizer, "en": EnglishTokenizer}
_INSTANCES: dict[str, Tokenizer] = {}
_REGISTRY_LOCK = threading.Lock()


def get_tokenizer(lang: str) -> Tokenizer:
    """The shared, read-only tokenizer for ``lang`` (``"zh"`` or ``"en"``).

    The same object is returned on every call; its :meth:`~Tokenizer.add_words`
    raises (zh), so no caller can change how another caller's text is cut.

    Raises:
        ConfigError: for an unknown language code.
    """
    code = check_lang(lang)
    with _REGISTRY_LOCK:
        if code not in _INSTANCES:
            _INSTANCES[code] = JiebaTokenizer(
                read_only=True, backend="rjieba" if rjieba_installed() else "jieba") if (
                code == "zh") else _FACTORIES[code]()
        return _INSTANCES[code]


def new_tokenizer(lang: str, words: Iterable[str] = ()) -> Tokenizer:
    """A private tokenizer for ``lang`` with ``words`` registered (in the given order).

    Use it when a feature needs words of its own (glossary terms): the shared tokenizer
    of :func:`get_tokenizer` stays as it was.

    Raises:
        ConfigError: for an unknown language code.
    """
    tk = _FACTORIES[check_lang(lang)]()
    words = list(words)
    if words:
        tk.add_words(words)
    return tk
