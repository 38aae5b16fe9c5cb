"""The unit of work of a batch: a :class:`PairTask` goes to a worker (a local
process or a Dask worker) and a :class:`PairOutcome` comes back.

A task carries the two documents' bytes and the outcome carries the output files'
bytes, so a worker needs the package installed and nothing else: no shared storage,
no path that means the same thing on every machine. Only the process that runs the
batch reads the inputs and writes the output folder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from align.batch.pairing import PairSpec
from align.batch.summary import PairResult
from align.types import Glossary
from align.version import __version__


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How every pair of a batch is aligned and written (as ``align pair``).

    Attributes:
        formats: output suffixes without the dot (``tsv``, ``tmx``, ``xlsx``, ...).
        max_bead: most sentences on one side of a bead.
        presplit: the inputs have one sentence per line.
        glossary: terms used as anchors, and for the QA errors column.
        exclude_below, review_below: TMX low-confidence policy; ``review_below`` is
            also the summary's low-confidence threshold.
        src_locale, tgt_locale: TMX locales (default by language).
        srx: the SRX segmentation rules file, as (file name, bytes): bytes so that a
            worker needs no shared storage, and so that editing the rules changes
            the content key (:func:`pair_key`).
        notes: "keep" or "drop" Word/ODT/RTF notes, headers and footers.
        wide_beads: also 2-4, 3-3, 3-4 and 4-4 beads (up to ``max_bead``).
        neural: add sentence-embedding evidence (the ``neural`` extra).
        embedding_cache: with ``neural``, the embedding cache folder every worker
            shares (None: each worker's user cache folder); as a path it must mean
            the same folder on every worker (a Dask cluster on one machine, or a
            shared file system). Not part of the fingerprint: it changes no output.
    """

    formats: tuple[str, ...] = ("tsv",)
    max_bead: int = 4
    presplit: bool = False
    glossary: Glossary | None = None
    exclude_below: float | None = None
    review_below: float = 0.5
    src_locale: str | None = None
    tgt_locale: str | None = None
    srx: tuple[str, bytes] | None = None
    notes: str = "keep"
    wide_beads: bool = False
    neural: bool = False
    embedding_cache: str | None = None

    def fingerprint(self) -> dict[str, object]:
        """The options as plain values, the glossary by a digest of its terms and the
        SRX file by its name and a digest of its bytes: what decides whether an
        earlier output is still the one these options make."""
        glossary = (hashlib.sha256(repr(self.glossary).encode("utf-8")).hexdigest()
                    if self.glossary is not None else None)
        srx = (None if self.srx is None else
               [self.srx[0], hashlib.sha256(self.srx[1]).hexdigest()])
        return {"formats": list(self.formats), "max_bead": self.max_bead,
                "presplit": self.presplit, "glossary": glossary,
                "exclude_below": self.exclude_below, "review_below": self.review_below,
                "src_locale": self.src_locale, "tgt_locale": self.tgt_locale,
                "srx": srx, "notes": self.notes,
                # only when on: outputs made before the option existed stay current
                **({"wide_beads": True} if self.wide_beads else {}),
                **({"neural": True} if self.neural else {})}

    def output_names(self, pair_id: str) -> tuple[str, ...]:
        """The file names of a pair's outputs in the output folder."""
        return tuple(f"{pair_id}.{fmt}" for fmt in self.formats)


@dataclass(frozen=True, slots=True)
class PairTask:
    """One pair to align, with everything a worker needs.

    Attributes:
        spec: the pair (its paths name the documents in messages and signatures).
        src_data, tgt_data: the documents' bytes.
        options: how to align and write.
    """

    spec: PairSpec
    src_data: bytes
    tgt_data: bytes
    options: BatchOptions


@dataclass(frozen=True, slots=True)
class PairOutcome:
    """What a worker sends back.

    Attributes:
        result: the summary row (status "aligned" or "failed").
        outputs: (file name, bytes) of each output, in the options' format order.
        version: the worker's zhen-align version (a cluster must run one version).
    """

    result: PairResult
    outputs: tuple[tuple[str, bytes], ...] = ()
    version: str = __version__


def pair_key(spec: PairSpec, src_data: bytes, tgt_data: bytes, options: BatchOptions) -> str:
    """The content key of a pair's outputs: a SHA-256 over the tool version, the
    options, the pair's id, file names and languages and both documents' bytes.
    Outputs made under the same key are the outputs a new run would make."""
    facts = {"version": __version__, "options": options.fingerprint(), "id": spec.id,
             "src": spec.src.replace("\\", "/").rsplit("/", 1)[-1],
             "tgt": spec.tgt.replace("\\", "/").rsplit("/", 1)[-1],
             "langs": [spec.src_lang, spec.tgt_lang],
             "src_sha256": hashlib.sha256(src_data).hexdigest(),
             "tgt_sha256": hashlib.sha256(tgt_data).hexdigest()}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode("utf-8")).hexdigest()


def failed(spec: PairSpec, error: str, seconds: float = 0.0) -> PairOutcome:
    """The outcome of a pair that could not be aligned; ``error`` is made one line."""
    return PairOutcome(PairResult(spec.id, spec.src, spec.tgt, "failed", seconds=seconds,
                                  error=" ".join(error.split())))
