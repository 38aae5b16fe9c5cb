"""Term discovery (``align terms``): propose glossary entries from an aligned text.

Chinese candidates come from three sources:

* quoted expressions (“…”, 「…」), the way official Chinese marks slogans and
  brands (“七有”, “北京服务”);
* numbered slogan patterns: a numeral-initial quoted expression (“两区”, “三大工程”)
  or an unquoted ``X个Y`` (四个中心);
* repeated sequences of jieba tokens (or single tokens jieba's own dictionary does
  not know) with high *termhood*: frequent in this text, rare in general Chinese.
  The general-language reference is the frequency list that ships with jieba
  (``jieba/dict.txt``): termhood is the mean inverse frequency of the tokens,
  scaled to [0, 1], times a factor growing with the local count.

For each candidate the English is taken from the aligned target sentences: a
quoted English expression in the same bead (matched by position when both sides
quote the same number of expressions), otherwise the English n-gram (1-6 words)
with the best mean of its Dice coefficient over beads and its lexical agreement
with CC-CEDICT (:mod:`align.text.lexicon`). Scores are in [0, 1], higher is better:
``score = (termhood + English confidence) / 2``.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from align.terms.match import normalize_zh
from align.terms.termeval import (
    DiscoveryScores,
    evaluate_candidates,
    quoted_targets,
    strip_quotes,
    zh_quoted,
)
from align.types import Alignment, Glossary, Term

__all__ = ["Candidate", "DiscoveryResult", "DiscoveryScores", "candidates_to_glossary",
           "discover_files", "discover_terms", "evaluate_candidates", "general_frequencies",
           "quoted_targets"]

_EN_QUOTE = re.compile(r'["“]([^"“”\n]{1,80})["”]')
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_NUMERAL = "一二两三四五六七八九十百"
_X_GE_Y = re.compile(rf"[{_NUMERAL}]+个[\u4e00-\u9fff]{{2,4}}")
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
_EN_CHUNK = re.compile(r"[^,.;:!?()\"“”\[\]]+")
# function words and the action verbs of official Chinese: never at a term's edge
_ZH_STOP = frozenset("的 和 与 及 是 在 要 等 了 把 以 为 对 将 中 上 下 不 也 都 更 让 使 由 从 "
                     "向 于 并 而 或 着 其 之 这 那 有 做 好 加强 推动 推进 坚持 加快 深化 "
                     "提升 完善 全面 充分 进一步 持续 不断 切实 扎实 更好 大力 深入 着力 "
                     "必须 坚决 他 她 我们 各 一 每 发挥 构建 打造 实施 培育 提高 增强 支持 "
                     "促进 健全 强化 用好 打好 做好 落实 贯彻 确保 围绕 聚焦 建立 形成 保持 "
                     "提供 实现 突出 抓住 统筹 优化 扩大 激发 营造 维护 解决 指出 强调 全市 "
                     "开好 起好 做到 作为 成为 具有 相 相适应 作出 加大".split())
# function words and the action verbs of official English: never at a term's edge
_EN_STOP = frozenset("a an the and or of to in on at by for with from as is are be will should "
                     "that this these those it its their our we he they which while also "
                     "such more most very all each every into than so must can "
                     "strengthen promote foster develop build improve enhance ensure advance "
                     "deepen accelerate expand support implement pursue make create establish "
                     "boost leverage harness uphold focus".split())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed glossary entry.

    Attributes:
        zh: the Chinese term (quote marks removed).
        en: the proposed English ("" when none was found).
        score: overall score in [0, 1], higher is better.
        termhood: how term-like the Chinese is, in [0, 1].
        en_score: confidence in the English, in [0, 1].
        source: "quoted", "slogan" or "ngram".
        en_method: "quoted" (quoted English in the bead), "dice" or "".
        freq: number of beads containing the Chinese.
        evidence: supporting (bead index, source text, target text), first ones.
    """

    zh: str
    en: str
    score: float
    termhood: float
    en_score: float
    source: str
    en_method: str
    freq: int
    evidence: tuple[tuple[int, str, str], ...]


@lru_cache(maxsize=1)
def general_frequencies() -> tuple[dict[str, int], int]:
    """jieba's dictionary frequencies (word -> count) and their total."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - jieba is a dependency
        return {}, 1
    freqs: dict[str, int] = {}
    with open(Path(spec.origin).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].isdigit():
                freqs[parts[0]] = int(parts[1])
    return freqs, max(1, sum(freqs.values()))


def _tokens(text: str) -> list[str]:
    from align.text.tokenize import get_tokenizer

    return get_tokenizer("zh").tokenize(text)


def _known_zh(glossary: Glossary | None) -> set[str]:
    out: set[str] = set()
    for t in glossary or ():
        out.update(strip_quotes(normalize_zh(f)) for f in t.zh_forms)
    return out


def _in_glossary(zh: str, known: set[str]) -> bool:
    return any(zh in k for k in known)  # equal to, or part of, a known form


def _chinese_candidates(zh_beads: Sequence[tuple[int, str]], min_freq: int
                        ) -> dict[str, tuple[str, float, set[int]]]:
    """zh -> (source, termhood, beads)."""
    out: dict[str, tuple[str, float, set[int]]] = {}
    quoted: dict[str, set[int]] = defaultdict(set)
    for k, zh in zh_beads:
        for inner in zh_quoted(zh):
            if len(inner) >= 2 and re.search(r"[\u4e00-\u9fff]", inner):
                quoted[inner].add(k)
    for q, beads in quoted.items():
        slogan = q[0] in _NUMERAL and len(q) <= 6
        out[q] = ("slogan" if slogan else "quoted", 1.0, beads)
    slogans: dict[str, set[int]] = defaultdict(set)
    for k, zh in zh_beads:
        for m in _X_GE_Y.finditer(zh):
            slogans[m.group()].add(k)
    for s, beads in slogans.items():
        if s not in out and len(beads) >= min_freq:
            out[s] = ("slogan", 0.9, beads)
    for g, (th, beads) in _ngram_candidates(zh_beads, min_freq).items():
        if g not in out and not any(g in q for q in quoted):
            out[g] = ("ngram", th, beads)
    return out


def _ngram_candidates(zh_beads: Sequence[tuple[int, str]], min_freq: int,
                      max_n: int = 4) -> dict[str, tuple[float, set[int]]]:
    freqs, total = general_frequencies()
    log_total = math.log(total)
    beads_of: dict[str, set[int]] = defaultdict(set)
    parts_of: dict[str, tuple[str, ...]] = {}
    for k, zh in zh_beads:
        toks = _tokens(zh)
        for i in range(len(toks)):
            for n in range(1, max_n + 1):
                gram = tuple(toks[i:i + n])
                if len(gram) < n or not all(_CJK.match(t) for t in gram):
                    break
                if gram[0] in _ZH_STOP or gram[-1] in _ZH_STOP:
                    continue
                if n > 1 and (len(gram[-1]) == 1 or (len(gram[0]) == 1 and n < 3)):
                    continue  # a one-character word at the edge: a fragment, not a term
                s = "".join(gram)
                if n == 1 and (len(s) < 3 or s in freqs):
                    continue  # single tokens only when jieba's dictionary lacks them
                if len(s) < 3 or s in freqs and freqs[s] > 50:
                    continue  # a common word of general Chinese, not a term
                beads_of[s].add(k)
                parts_of.setdefault(s, gram)
    out: dict[str, tuple[float, set[int]]] = {}
    for s, beads in beads_of.items():
        if len(beads) < min_freq:
            continue
        # longer n-grams seen in the same beads make this one redundant (C-value idea)
        if any(s != o and s in o and beads_of[o] == beads for o in beads_of):
            continue
        parts = parts_of[s]
        idf = sum(math.log(total / (freqs.get(t, 0) + 1)) for t in parts) / len(parts)
        rarity = min(1.0, idf / log_total * 1.3)
        count = min(1.0, math.log2(1 + len(beads)) / math.log2(1 + 6))
        out[s] = (rarity * (0.5 + 0.5 * count), beads)
    # a candidate that is a more frequent candidate plus one common word of general
    # Chinese (发展 + 新质生产力) is a phrase around that term, not a term itself
    for s in list(out):
        parts = parts_of[s]
        for edge, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
            inner = "".join(rest)
            if (inner in out and len(out[inner][1]) > len(out[s][1])
                    and freqs.get(edge, 0) > 1000):
                del out[s]
                break
    return out


def _en_ngrams(text: str, max_n: int = 8) -> set[str]:
    grams: set[str] = set()
    for chunk in _EN_CHUNK.findall(text):
        words = _EN_WORD.findall(chunk)
        for i in range(len(words)):
            for n in range(1, max_n + 1):
                g = words[i:i + n]
                if len(g) < n:
                    break
                if g[0].lower() in _EN_STOP or g[-1].lower() in _EN_STOP:
                    continue
                if all(w.isdigit() for w in g):
                    continue
                grams.add(" ".join(g))
    return grams


def _zh_senses(zh: str) -> list[set[str]]:
    """CC-CEDICT English senses of each dictionary part of a Chinese term."""
    from align.text.lexicon import load_lexicon

    lex = load_lexicon()
    # a word's own senses; single characters only for parts the dictionary lacks
    return [set(lex.translations(p)) or {x for c in p for x in lex.translations(c)}
            for p in lex.segment_unknown(zh)]


def _lexical_agreement(trans: list[set[str]], en: str) -> float:
    """F2-measure of CC-CEDICT agreement between a Chinese term (its senses per
    part, from :func:`_zh_senses`) and an English phrase."""
    from align.text.lexicon import english_lemmas

    lemmas = english_lemmas(en)
    if not trans or not lemmas:
        return 0.0

    def hit(w: str, tr: set[str]) -> bool:  # "topical" ~ "topic": prefix of 4+ letters
        return w in tr or any(w[:n] in tr for n in range(4, len(w)))

    covered = sum(1 for tr in trans if any(hit(w, tr) for w in lemmas)) / len(trans)
    every = set().union(*trans)
    precise = sum(1 for w in lemmas if hit(w, every)) / len(lemmas)
    # F2: covering every part of the Chinese matters more than an extra English word
    return 0.0 if covered + precise == 0 else 5 * covered * precise / (4 * precise + covered)


def _english_for(zh: str, beads: set[int], texts: dict[int, tuple[str, str]],
                 zh_quotes: dict[int, list[str]], en_index: dict[str, set[int]]
                 ) -> tuple[str, float, str]:
    # 1. quoted English in the same bead, by position among the bead's quotes
    votes: Counter[str] = Counter()
    for k in beads:
        zq = zh_quotes[k]
        eq = [m.group(1).strip() for m in _EN_QUOTE.finditer(texts[k][1])]
        if zh in zq and eq:
            if len(zq) == len(eq):
                votes[eq[zq.index(zh)]] += 1
            elif len(eq) == 1:
                votes[eq[0]] += 1
    if votes:
        best, n = votes.most_common(1)[0]
        return best, min(1.0, 0.85 + 0.15 * n / len(beads)), "quoted"
    # 2. association over beads: Dice plus dictionary agreement
    cands: set[str] = set()
    for k in beads:
        cands |= _en_ngrams(texts[k][1])
    best, best_score = "", 0.0
    senses = _zh_senses(zh)
    for e in cands:
        eb = en_index.get(e, set())
        dice = 2 * len(eb & beads) / (len(eb) + len(beads)) if eb else 0.0
        s = (dice + _lexical_agreement(senses, e)) / 2
        if s > best_score + 1e-9 or (abs(s - best_score) <= 1e-9 and len(e) > len(best)):
            best, best_score = e, s
    return best, best_score, "dice" if best else ""


def discover_terms(alignment: Alignment, glossary: Glossary | None = None, *,
                   top: int | None = None, min_freq: int = 2,
                   max_evidence: int = 3) -> list[Candidate]:
    """Propose glossary entries found in an aligned text, best first.

    Args:
        alignment: the aligned text (either direction; Chinese is looked up on the
            Chinese side).
        glossary: known terms; candidates equal to or inside a known Chinese form
            are left out.
        top: keep only the best ``top`` candidates.
        min_freq: beads a repeated (unquoted) candidate must occur in.
        max_evidence: sentence pairs kept as evidence per candidate.

    Returns:
        Candidates sorted by score (then frequency, then Chinese).
    """
    zh_is_src = alignment.src_lang == "zh"
    texts: dict[int, tuple[str, str]] = {}
    for k, (_, s, t) in enumerate(alignment.pairs()):
        zh, en = (s, t) if zh_is_src else (t, s)
        if zh.strip() and en.strip():
            texts[k] = (zh, en)
    zh_beads = [(k, normalize_zh(z)) for k, (z, _) in texts.items()]
    zh_quotes = {k: zh_quoted(z) for k, z in zh_beads}
    en_index: dict[str, set[int]] = defaultdict(set)
    for k, (_, en) in texts.items():
        for g in _en_ngrams(en):
            en_index[g].add(k)
    known = _known_zh(glossary)
    out: list[Candidate] = []
    for zh, (source, termhood, beads) in _chinese_candidates(zh_beads, min_freq).items():
        if _in_glossary(zh, known):
            continue
        en, en_score, method = _english_for(zh, beads, texts, zh_quotes, en_index)
        evidence = tuple((k, texts[k][0], texts[k][1]) for k in sorted(beads)[:max_evidence])
        out.append(Candidate(zh, en, round((termhood + en_score) / 2, 4), round(termhood, 4),
                             round(en_score, 4), source, method, len(beads), evidence))
    out.sort(key=lambda c: (-c.score, -c.freq, c.zh))
    return out[:top] if top else out


def candidates_to_glossary(candidates: Iterable[Candidate], name: str = "candidates") -> Glossary:
    """Candidates as a glossary (status admitted; the note holds score and evidence).

    Candidates without English are left out (a glossary row needs both sides).
    """
    terms = []
    for n, c in enumerate(candidates, 1):
        if not c.en:
            continue
        ev = " || ".join(f"bead {k}: {_short(s, 60)} = {_short(t, 100)}"
                         for k, s, t in c.evidence)
        note = (f"candidate; score {c.score:.3f} (termhood {c.termhood:.2f}, English "
                f"{c.en_score:.2f} by {c.en_method}); {c.source}; {c.freq} bead(s); {ev}")
        terms.append(Term(zh=c.zh, en=c.en, status="admitted", note=note, id=f"cand-{n:03d}"))
    return Glossary(tuple(terms), name=name)


def _short(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


@dataclass(frozen=True, slots=True)
class DiscoveryResult:
    """What :func:`discover_files` produced.

    Attributes:
        candidates: the candidates, best first.
        scores: precision/recall against ``reference`` when one was given.
        targets: the reference concepts quoted in the text (the recall targets).
    """

    candidates: tuple[Candidate, ...]
    scores: DiscoveryScores | None = None
    targets: tuple[tuple[str, str], ...] = ()


def discover_files(inputs: Sequence[str | os.PathLike[str]], *,
                   src: str | os.PathLike[str] | None = None,
                   tgt: str | os.PathLike[str] | None = None,
                   glossary: str | os.PathLike[str] | None = None,
                   output: str | os.PathLike[str] | None = None, top: int | None = None,
                   src_lang: str = "zh", tgt_lang: str = "en", min_freq: int = 2,
                   reference: str | os.PathLike[str] | None = None) -> DiscoveryResult:
    """``align terms``: load the alignment (one .tsv or .align file, or two texts to
    align), discover candidates, write them as a glossary file if ``output`` is given,
    and score them against a ``reference`` glossary if one is given (precision of the
    candidates kept, recall of the reference terms quoted in the text).

    Raises:
        InputError: wrong number of inputs, unreadable files.
    """
    from align.errors import InputError
    from align.formats.alignment import load_alignment
    from align.formats.glossary import check_suffix, read_glossary, write_glossary

    if output is not None:
        from align.formats.files import check_not_input

        check_suffix(output)  # an unknown format is refused before the work, not after
        check_not_input(output, *inputs, src, tgt, glossary, reference)
    g = read_glossary(glossary) if glossary is not None else None
    # Read before the output is written: a bad reference must not leave a finished output.
    ref = read_glossary(reference) if reference is not None else None
    if len(inputs) == 1:
        al = load_alignment(inputs[0], src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
    elif len(inputs) == 2:
        al = load_alignment(None, inputs[0], inputs[1], src_lang=src_lang, tgt_lang=tgt_lang,
                            glossary=g)
    else:
        raise InputError(f"give one alignment (.tsv, or .align with --src/--tgt) or two texts, "
                         f"not {len(inputs)} paths")
    cands = discover_terms(al, g, top=top, min_freq=min_freq)
    if output is not None:
        write_glossary(candidates_to_glossary(cands, Path(output).stem), output)
    if ref is None:
        return DiscoveryResult(tuple(cands))
    targets = quoted_targets(al, ref)
    scores = evaluate_candidates(cands, ref, targets, top=top or len(cands))
    return DiscoveryResult(tuple(cands), scores, tuple(targets))
