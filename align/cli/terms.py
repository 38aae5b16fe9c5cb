"""``align terms``: propose new glossary entries from an aligned text.

:func:`discover_files` does the file-level work (read the alignment and glossaries,
run :func:`align.terms.discover.discover_terms`, write the candidates, score them
against a reference); :func:`terms` is its typer wrapper.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from align.cli._app import app
from align.cli.options import Language, src_lang_option, tgt_lang_option
from align.errors import InputError
from align.formats.alignment import ROW_FORMATS

if TYPE_CHECKING:  # the library is imported when a command runs, so --help stays fast
    from align.terms.candidates import Candidate
    from align.terms.termeval import DiscoveryScores
    from align.types import Alignment, Glossary


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


def _read_inputs(inputs: Sequence[str | os.PathLike[str]],
                 src: str | os.PathLike[str] | None, tgt: str | os.PathLike[str] | None,
                 src_lang: str, tgt_lang: str, glossary: Glossary | None) -> Alignment:
    """The alignment ``align terms`` works on: one alignment file, or two texts
    aligned on the fly (with the known glossary as anchors).

    Raises:
        InputError: not one or two paths, unreadable files.
    """
    from align.cli.check import alignment_from_inputs

    if len(inputs) == 1:
        return alignment_from_inputs(inputs[0], src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
    if len(inputs) == 2:
        return alignment_from_inputs(None, inputs[0], inputs[1], src_lang=src_lang,
                                     tgt_lang=tgt_lang, glossary=glossary)
    raise InputError(f"give one alignment ({ROW_FORMATS}, or .align with --src/--tgt) or "
                     f"two texts, not {len(inputs)} paths")


def discover_files(inputs: Sequence[str | os.PathLike[str]], *,
                   src: str | os.PathLike[str] | None = None,
                   tgt: str | os.PathLike[str] | None = None,
                   glossary: str | os.PathLike[str] | None = None,
                   output: str | os.PathLike[str] | None = None, top: int | None = None,
                   src_lang: str = "zh", tgt_lang: str = "en", min_freq: int = 2,
                   reference: str | os.PathLike[str] | None = None) -> DiscoveryResult:
    """``align terms`` without the terminal: load the alignment (one file of
    :data:`align.formats.alignment.SUFFIXES`, or two texts to align), discover candidates, write them as a glossary file
    if ``output`` is given, and score them against a ``reference`` glossary if one is
    given (precision of the candidates kept, recall of the reference terms quoted in
    the text).

    Raises:
        InputError: wrong number of inputs, unreadable files, an unknown output
            format or an output that names an input (all before any output is written).
    """
    from align.formats.files import check_output
    from align.formats.glossary import check_suffix, read_glossary, write_glossary
    from align.terms.candidates import candidates_to_glossary
    from align.terms.discover import discover_terms
    from align.terms.termeval import evaluate_candidates, quoted_targets

    if output is not None:
        check_suffix(output)  # an unknown format is refused before the work, not after
        check_output(output, *inputs, src, tgt, glossary, reference)
    g = read_glossary(glossary) if glossary is not None else None
    # Read before the output is written: a bad reference must not leave a finished output.
    ref = read_glossary(reference) if reference is not None else None
    al = _read_inputs(inputs, src, tgt, src_lang, tgt_lang, g)
    cands = discover_terms(al, g, top=top, min_freq=min_freq)
    if output is not None:
        write_glossary(candidates_to_glossary(cands, Path(output).stem), output)
    if ref is None:
        return DiscoveryResult(tuple(cands))
    targets = quoted_targets(al, ref)
    scores = evaluate_candidates(cands, ref, targets, top=top or len(cands))
    return DiscoveryResult(tuple(cands), scores, tuple(targets))


@app.command()
def terms(
    inputs: list[Path] = typer.Argument(
        ..., metavar="FILE",
        help=f"An alignment from `align pair` ({ROW_FORMATS}, or .align with --src/--tgt), "
        "or two texts (source, target) to align on the fly."),
    src: Path | None = typer.Option(None, "--src", help="Source text of a .align ladder."),
    tgt: Path | None = typer.Option(None, "--tgt", help="Target text of a .align ladder."),
    glossary: Path | None = typer.Option(None, "--glossary", "-g",
                                         help="Known terms, left out of the proposals."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the candidates as a glossary (.tsv, .csv, "
                                       ".xlsx, .tbx)."),
    top: int | None = typer.Option(None, "--top", min=1, help="Keep the best N candidates."),
    min_freq: int = typer.Option(2, "--min-freq", min=1,
                                 help="Beads a repeated (unquoted) candidate must occur in."),
    reference: Path | None = typer.Option(
        None, "--reference", help="Score the candidates against this glossary: precision, "
        "and recall of its terms quoted in the text (printed to stderr)."),
    src_lang: Language = src_lang_option(),
    tgt_lang: Language = tgt_lang_option(),
) -> None:
    """Propose glossary entries (quoted expressions, numbered slogans, repeated
    high-termhood word sequences) with their English, a score and evidence."""
    res = discover_files(inputs, src=src, tgt=tgt, glossary=glossary, output=output, top=top,
                         src_lang=src_lang.code, tgt_lang=tgt_lang.code, min_freq=min_freq,
                         reference=reference)
    for c in res.candidates:
        typer.echo(f"{c.score:.3f}\t{c.zh}\t{c.en or '-'}\t{c.source}\t{c.freq}")
    if res.scores is not None:
        s = res.scores
        typer.echo(f"precision {s.precision:.3f} ({len(s.correct)}/{s.n} candidates match the "
                   f"reference); recall {s.recall:.3f} ({len(s.found)}/{len(res.targets)} "
                   f"quoted reference terms found: {' '.join(s.found)})", err=True)
