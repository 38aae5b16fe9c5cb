"""The Chinese side of term discovery: which expressions of a text may be terms.

Three sources, each with a *termhood* in [0, 1]:

* quoted expressions (“…”, 「…」), the way official Chinese marks slogans and
  brands (“七有”, “北京服务”): termhood 1;
* numbered slogan patterns: a numeral-initial quoted expression (“两区”, “三大工程”)
  or an unquoted ``X个Y`` (四个中心, termhood 0.9);
* repeated sequences of jieba tokens (or single tokens jieba's own dictionary does
  not know) that are frequent in this text and rare in general Chinese. The
  general-language reference is the frequency list that ships with jieba
  (``jieba/dict.txt``): termhood is the mean inverse frequency of the tokens,
  scaled to [0, 1], times a factor growing with the local count.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from align.terms.quotes import zh_quoted
from align.text.script import HAN, has_han

#: zh -> (source, termhood, beads): "quoted", "slogan" or "ngram"
ZhCandidates = dict[str, tuple[str, float, set[int]]]

_HAN_WORD = re.compile(f"^[{HAN}]+$")
_NUMERAL = "一二两三四五六七八九十百"
_X_GE_Y = re.compile(rf"[{_NUMERAL}]+个[{HAN}]{{2,4}}")
# function words and the action verbs of official Chinese: never at a term's edge
_ZH_STOP = frozenset("的 和 与 及 是 在 要 等 了 把 以 为 对 将 中 上 下 不 也 都 更 让 使 由 从 "
                     "向 于 并 而 或 着 其 之 这 那 有 做 好 加强 推动 推进 坚持 加快 深化 "
                     "提升 完善 全面 充分 进一步 持续 不断 切实 扎实 更好 大力 深入 着力 "
                     "必须 坚决 他 她 我们 各 一 每 发挥 构建 打造 实施 培育 提高 增强 支持 "
                     "促进 健全 强化 用好 打好 做好 落实 贯彻 确保 围绕 聚焦 建立 形成 保持 "
                     "提供 实现 突出 抓住 统筹 优化 扩大 激发 营造 维护 解决 指出 强调 全市 "
                     "开好 起好 做到 作为 成为 具有 相 相适应 作出 加大".split())


@lru_cache(maxsize=1)
def general_frequencies() -> tuple[dict[str, int], int]:
    """jieba's dictionary frequencies (word -> count) and their total.

    Read from the data file jieba ships (a resource of the toolkit, not user input).
    """
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
    """jieba tokens of a Chinese text (the project's shared tokenizer)."""
    from align.text.tokenize import get_tokenizer

    return get_tokenizer("zh").tokenize(text)


def chinese_candidates(zh_beads: Sequence[tuple[int, str]], min_freq: int) -> ZhCandidates:
    """Candidate Chinese terms of a text.

    Args:
        zh_beads: (bead index, normalised Chinese text) of the beads to search.
        min_freq: beads a repeated (unquoted) candidate must occur in.

    Returns:
        zh -> (source, termhood, beads): quoted expressions first, then slogans, then
        n-grams that are not part of a quoted expression.
    """
    out: ZhCandidates = {}
    quoted: dict[str, set[int]] = defaultdict(set)
    for k, zh in zh_beads:
        for inner in zh_quoted(zh):
            if len(inner) >= 2 and has_han(inner):
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
    for g, (th, beads) in ngram_candidates(zh_beads, min_freq).items():
        if g not in out and not any(g in q for q in quoted):
            out[g] = ("ngram", th, beads)
    return out


def _keep_gram(gram: tuple[str, ...], n: int, freqs: dict[str, int]) -> bool:
    """Whether a token n-gram may be a term: no function word or one-character word
    at its edges, and not a common word of general Chinese."""
    if gram[0] in _ZH_STOP or gram[-1] in _ZH_STOP:
        return False
    if n > 1 and (len(gram[-1]) == 1 or (len(gram[0]) == 1 and n < 3)):
        return False  # a one-character word at the edge: a fragment, not a term
    s = "".join(gram)
    if n == 1 and (len(s) < 3 or s in freqs):
        return False  # single tokens only when jieba's dictionary lacks them
    return not (len(s) < 3 or s in freqs and freqs[s] > 50)


def _token_ngrams(zh_beads: Sequence[tuple[int, str]], freqs: dict[str, int], max_n: int
                  ) -> tuple[dict[str, set[int]], dict[str, tuple[str, ...]]]:
    """The Chinese n-grams (1 to ``max_n`` Han tokens) that may be terms: the beads
    of each, and the tokens it was first seen as."""
    beads_of: dict[str, set[int]] = defaultdict(set)
    parts_of: dict[str, tuple[str, ...]] = {}
    for k, zh in zh_beads:
        toks = _tokens(zh)
        for i in range(len(toks)):
            for n in range(1, max_n + 1):
                gram = tuple(toks[i:i + n])
                if len(gram) < n or not all(_HAN_WORD.match(t) for t in gram):
                    break
                if _keep_gram(gram, n, freqs):
                    s = "".join(gram)
                    beads_of[s].add(k)
                    parts_of.setdefault(s, gram)
    return beads_of, parts_of


def ngram_candidates(zh_beads: Sequence[tuple[int, str]], min_freq: int,
                     max_n: int = 4) -> dict[str, tuple[float, set[int]]]:
    """Repeated token n-grams with their termhood: zh -> (termhood, beads)."""
    freqs, total = general_frequencies()
    log_total = math.log(total)
    beads_of, parts_of = _token_ngrams(zh_beads, freqs, max_n)
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
    _drop_phrases_around_terms(out, parts_of, freqs)
    return out


def _drop_phrases_around_terms(out: dict[str, tuple[float, set[int]]],
                               parts_of: dict[str, tuple[str, ...]],
                               freqs: dict[str, int]) -> None:
    """Remove from ``out`` each candidate that is a more frequent candidate plus one
    common word of general Chinese (发展 + 新质生产力): a phrase around that term,
    not a term itself."""
    for s in list(out):
        parts = parts_of[s]
        for edge, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
            inner = "".join(rest)
            if (inner in out and len(out[inner][1]) > len(out[s][1])
                    and freqs.get(edge, 0) > 1000):
                del out[s]
                break
