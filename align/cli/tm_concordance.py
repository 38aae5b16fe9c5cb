"""``align tm concordance TEXT --tm DB``: where a word, term or clause occurs in the TM,
on either language side, with the hit highlighted and the other side's sentence.

:func:`concordance_tm` does the work (open the TM read-only, search it);
:func:`format_hit` renders one hit (bold in a terminal, ``**`` markers otherwise);
:func:`concordance_cli` is the typer wrapper registered on ``align tm``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from align.cli.options import LanguageOrAuto, tm_option
from align.cli.tm import tm_app
from align.errors import ConfigError

if TYPE_CHECKING:  # the library loads on first use, so `align --help` stays fast
    from align.tm.concordance import ConcordanceHit

#: characters of context kept on each side of the hits of a long sentence
CONTEXT = 60
#: what marks a hit when the output is not a terminal
MARK = "**"


def concordance_tm(tm: str | os.PathLike[str], text: str, *, lang: str | None = None,
                   top: int = 10) -> list[ConcordanceHit]:
    """The units of the TM at ``tm`` where ``text`` occurs, best first (see
    :meth:`align.tm.store.TMStore.concordance`).

    Args:
        tm: the TM database.
        text: a word, term, clause or sentence.
        lang: "zh", "en", or None/"auto" (zh if it has Chinese characters).
        top: at most this many hits.

    Raises:
        ConfigError: empty text or only punctuation, or ``top`` < 1.
        InputError: no such TM, or not a zhen-align TM.
    """
    from align.tm.concordance import tokens
    from align.tm.store import TMStore

    if not text.strip():
        raise ConfigError("TEXT is empty; give the word or clause to look for, e.g. "
                          "`align tm concordance \"高质量发展\" --tm TM`")
    if not tokens(text):  # the search matches words and characters, never punctuation
        raise ConfigError(f"TEXT {text!r} has no letter, digit or Chinese character; "
                          "punctuation alone is not searched, give a word or clause")
    with TMStore(tm, readonly=True) as store:
        return store.concordance(text, lang=None if lang in (None, "auto") else lang, top=top)


def excerpt(text: str, spans: tuple[tuple[int, int], ...],
            context: int = CONTEXT) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` cut to ``context`` characters around its hits (an ellipsis where cut),
    and the hit spans moved into the excerpt; white space runs become one space."""
    start = max(0, spans[0][0] - context) if spans else 0
    end = min(len(text), spans[-1][1] + context) if spans else min(len(text), 2 * context)
    head, tail = ("…" if start else ""), ("…" if end < len(text) else "")
    shift = start - len(head)
    body = head + text[start:end] + tail
    return body, tuple((s - shift, e - shift) for s, e in spans)


def format_hit(hit: ConcordanceHit, *, color: bool) -> str:
    """Two lines for a hit: coverage and the hit in context (hits bold when ``color``,
    else between ``**`` markers), then the other side's sentence."""
    body, spans = excerpt(hit.text, hit.spans)
    parts, pos = [], 0
    for s, e in spans:
        parts.append(body[pos:s])
        parts.append(typer.style(body[s:e], bold=True) if color else MARK + body[s:e] + MARK)
        pos = e
    parts.append(body[pos:])
    line = " ".join("".join(parts).split())
    where = f"  [{hit.document}]" if hit.document else ""
    return f"{hit.percent:>3}%  {line}\n      -> {' '.join(hit.other.split())}{where}"


@tm_app.command("concordance")
def concordance_cli(
    text: str = typer.Argument(..., metavar="TEXT", help="The word, term or clause to find."),
    tm: Path = tm_option(),
    lang: LanguageOrAuto = typer.Option(  # type: ignore[valid-type]
        "auto", "--lang", help="Language of TEXT; auto: zh if it has Chinese characters."),
    top: int = typer.Option(10, "--top", min=1, help="Number of hits shown."),
) -> None:
    """Concordance: the TM sentences holding TEXT (or most of it), on either language
    side, with the translation; ranked by how much of TEXT they hold, then shortness."""
    try:
        hits = concordance_tm(tm, text, lang=lang.value, top=top)
    except ConfigError as e:  # an empty TEXT is a usage error: exit 2, one line
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if not hits:
        typer.echo(f"{text!r} does not occur in {tm.name}")
    color = sys.stdout.isatty()
    for hit in hits:
        typer.echo(format_hit(hit, color=color))
