"""English words and their matching keys: one place for the word patterns and stemmers.

Two keys are built from the same steps:

* :func:`light_stem` (term matching): inflection only. Lower case, possessive ``'s``
  and every apostrophe dropped (``Xiong'an`` = ``Xiongan``), plural to singular,
  ``-ied``/``-ed``/``-ing`` removed, then a final ``e`` dropped and a final ``y``
  written ``i`` (so ``policy`` and ``police`` stay apart, ``applies`` =
  ``applied``).
* :func:`lemma_key` (the lexicon and the aligner): the same inflectional steps, plus
  a few irregular forms (``went`` -> ``go``), ``-ly`` adverbs and the commonest
  derivational suffixes (``development`` ~ ``develop``), and a doubled final
  consonant undone (``planned`` -> ``plan``). Apostrophes inside a word are kept.

Keys are matching keys, not dictionary forms: ``create``, ``created`` and
``creating`` all become ``creat``. What matters is that both texts being compared go
through the same function.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

__all__ = ["IRREGULAR", "STOP_WORDS", "TERM_TOKEN", "WORD", "english_lemmas", "lemma_key",
           "light_stem", "term_tokens"]

#: an English word for the lexicon: letters and apostrophes (hyphens split words).
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: a word token for term matching: letters (accented too) and digits, with inner
#: apostrophes (``people's``); hyphens, quotes and other punctuation separate tokens.
TERM_TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z]+)*")

#: words that carry no content for alignment (and CC-CEDICT's notes: sb, sth, lit, fig).
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

#: irregular forms -> their base (before the final-letter step of :func:`lemma_key`).
IRREGULAR = MappingProxyType({
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
})

_DERIVATIONAL = ("ization", "ation", "ition", "ments", "ment", "ness", "ance", "ence",
                 "ity", "ive", "ion", "ous", "ful", "al", "er")


# -- the shared steps ---------------------------------------------------------------

def _fold(word: str) -> str:
    """Lower case, curly apostrophe straightened, possessive ``'s`` dropped."""
    w = word.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w


def _singular(w: str) -> str:
    """Plural -> singular: ``-ies`` -> ``-y``, ``-sses/-ches/-shes/-xes/-zes`` lose ``es``,
    a final ``s`` goes (not after ``s``, ``u`` or ``i``: class, status, analysis)."""
    n = len(w)
    if n > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if n > 4 and w.endswith(("sses", "ches", "shes", "xes", "zes")):
        return w[:-2]
    if n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _verb_ending(w: str) -> str:
    """``-ied`` -> ``-y``, ``-ed`` (not ``-eed``) and ``-ing`` removed; else ``w`` itself."""
    n = len(w)
    if n > 4 and w.endswith("ied"):
        return w[:-3] + "y"
    if n > 4 and w.endswith("ed") and not w.endswith("eed"):
        return w[:-2]
    if n > 5 and w.endswith("ing"):
        return w[:-3]
    return w


def _final_letter(w: str) -> str:
    """A final ``e`` dropped (not ``ee``), then a final ``y`` written ``i``."""
    if len(w) > 3 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    return w


def _adverb(w: str) -> str:
    """An ``-ly`` adverb made an adjective (not ``-ily``: family, daily)."""
    if len(w) > 5 and w.endswith("ly") and not w.endswith("ily"):
        return w[:-2]
    return w


def _derivation(w: str) -> str:
    """The first derivational suffix that leaves a stem of at least four letters
    removed (development ~ develop, disturbance ~ disturb)."""
    for suf in _DERIVATIONAL:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[:-len(suf)]
    return w


def _undouble(w: str) -> str:
    """A doubled final consonant other than l, s, z made single (plann -> plan)."""
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in "aeiou":
        return w[:-1]
    return w


# -- the keys ------------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """The inflectional stem of an English word, for term matching.

    ``"Plans"``/``"plan"`` -> ``"plan"``, ``"developed"``/``"developing"`` -> ``"develop"``,
    ``"policies"``/``"policy"`` -> ``"polici"``, ``"Xiong'an"`` -> ``"xiongan"``.
    """
    return _final_letter(_verb_ending(_singular(_fold(word).replace("'", ""))))


@lru_cache(maxsize=200_000)
def lemma_key(word: str) -> str:
    """The matching key of an English word for the lexicon: inflection and derivation.

    ``"Plans"``, ``"planned"`` and ``"planning"`` all map to ``"plan"``; a few
    irregular forms map to their base (``"went"`` -> ``"go"``); ``"development"`` to
    ``"develop"``.
    """
    w = _fold(word).strip("'")
    if w in IRREGULAR:
        return _final_letter(IRREGULAR[w])
    w = _singular(w)
    v = _verb_ending(w)
    if v == w:  # -ly only when no verb ending went (supplying -> suppli, not supp)
        v = _adverb(w)
    return _final_letter(_undouble(_derivation(v)))


def english_lemmas(text: str, *, keep_stop: bool = False) -> list[str]:
    """Content-word lemma keys of an English text, in order (hyphenated words split).

    Args:
        text: English text.
        keep_stop: keep stop words (and one-letter words) instead of dropping them.
    """
    if keep_stop:
        return [lemma_key(m.group().lower()) for m in WORD.finditer(text)]
    # lower-casing the whole text finds the same words when it is ASCII (elsewhere a
    # character such as the Kelvin sign lower-cases to a letter)
    words = (WORD.findall(text.lower()) if text.isascii()
             else [m.group().lower() for m in WORD.finditer(text)])
    return list(filter(None, map(_content_key, words)))  # a key is never empty


@lru_cache(maxsize=200_000)
def _content_key(word: str) -> str | None:
    """The lemma key of a lower-case word, or None for a stop word (before or after
    lemmatising) or a one-letter word."""
    if word in STOP_WORDS or len(word) < 2:
        return None
    k = lemma_key(word)
    return None if k in STOP_WORDS else k


def term_tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` for term matching: ``(light stem, start, end)`` in order."""
    return [(light_stem(m.group()), m.start(), m.end()) for m in TERM_TOKEN.finditer(text)]
