"""Frozen data types shared by every feature: documents, segments, alignments,
terms and translation units.

Scoring convention (used everywhere in the toolkit): a *confidence* or *score* is a float
in [0, 1], higher is better. Internal search costs (lower is better) never leave the aligner.
Numbering convention: indices count from 0, people read numbers from 1 (:func:`number_shown`).
Language codes are the short codes ``"zh"`` and ``"en"`` inside the library; locale codes
such as ``zh-CN`` appear only in file formats (TMX, TBX).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from align.errors import ConfigError, InputError

LANGS = ("zh", "en")
Lang = Literal["zh", "en"]
BEAD_STATUSES = ("unreviewed", "confirmed", "edited")  # see Bead.status


def number_shown(index: int) -> int:
    """The number people read for the 0-based ``index`` of a bead, sentence or row:
    reports, sheets, messages and the review page (``numberShown`` in its script) count
    from 1; machine formats keep the index (``.align`` ladders, JSON, ``Finding.bead``,
    the page's ``data-bead`` and API)."""
    return index + 1


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported language code, else raise ConfigError."""
    if lang not in LANGS:
        raise ConfigError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


def join_sentences(texts: Sequence[str], lang: str) -> str:
    """Join sentences the way the language does: "" for Chinese, " " for English."""
    return ("" if lang == "zh" else " ").join(texts)


def _frozen_map(m: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(m or {}))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a document.

    Attributes:
        text: the paragraph text, whitespace-normalised, no line breaks.
        index: 0-based paragraph number in the document.
        line: 1-based line in the source file where the paragraph starts, if known.
    """

    text: str
    index: int
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A document read from a file: clean paragraphs plus metadata.

    ``text`` is the paragraphs joined by a blank line ("\\n\\n"); segment spans are
    character offsets into it.

    Attributes:
        paragraphs: the body paragraphs, in order (page furniture removed).
        lang: "zh" or "en".
        path: where it was read from, if a file.
        encoding: the encoding detected when reading a text file.
        metadata: title, date, source, ... as found in the file.
    """

    paragraphs: tuple[Paragraph, ...]
    lang: Lang
    path: str | None = None
    encoding: str | None = None
    metadata: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        check_lang(self.lang)
        object.__setattr__(self, "metadata", _frozen_map(self.metadata))
        for i, p in enumerate(self.paragraphs):
            if p.index != i:
                raise ValueError(f"paragraph {i} has index {p.index}")

    @property
    def text(self) -> str:
        """All paragraphs joined by blank lines; segment spans index into this."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def paragraph_offsets(self) -> list[int]:
        """Start offset of each paragraph in :attr:`text`."""
        out, pos = [], 0
        for p in self.paragraphs:
            out.append(pos)
            pos += len(p.text) + 2
        return out

    @classmethod
    def from_paragraphs(cls, texts: Sequence[str], lang: str, *, path: str | None = None,
                        encoding: str | None = None, metadata: Mapping[str, str] | None = None,
                        lines: Sequence[int | None] | None = None) -> Document:
        """Build a document from paragraph strings (empty ones are dropped)."""
        paras: list[Paragraph] = []
        for k, t in enumerate(texts):
            t = " ".join(t.split())  # one line per paragraph, single spaces
            if t:
                paras.append(Paragraph(t, len(paras), None if lines is None else lines[k]))
        return cls(tuple(paras), check_lang(lang), path, encoding, _frozen_map(metadata))


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (or other alignment unit).

    Attributes:
        text: the sentence text.
        lang: "zh" or "en".
        index: 0-based sentence number over the whole document.
        paragraph: 0-based paragraph number the sentence belongs to.
        span: (start, end) character offsets into ``Document.text``; for
            pre-split input, offsets into the input joined by "\\n".
        original: the text before a reviewer corrected it (None: never corrected).
    """

    text: str
    lang: Lang
    index: int
    paragraph: int = 0
    span: tuple[int, int] = (0, 0)
    original: str | None = None


@dataclass(frozen=True, slots=True)
class Bead:
    """One alignment bead: consecutive source sentences matched to consecutive
    target sentences. Either side may be empty (an omission or addition).

    Attributes:
        src: 0-based source sentence indices (consecutive, ascending).
        tgt: 0-based target sentence indices (consecutive, ascending).
        confidence: probability-like score in [0, 1] that the bead is right.
        status: review state: "unreviewed", or "confirmed"/"edited" by a reviewer.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0
    status: str = "unreviewed"

    def __post_init__(self) -> None:
        object.__setattr__(self, "src", tuple(self.src))
        object.__setattr__(self, "tgt", tuple(self.tgt))
        if not self.src and not self.tgt:
            raise ValueError("a bead needs at least one sentence")
        for side in (self.src, self.tgt):
            if any(b != a + 1 for a, b in zip(side, side[1:], strict=False)):
                raise ValueError(f"bead indices must be consecutive: {list(side)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")
        if self.status not in BEAD_STATUSES:
            raise ValueError(f"unknown bead status {self.status!r}")

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``"2-1"`` (source count - target count)."""
        return f"{len(self.src)}-{len(self.tgt)}"

    def ladder(self) -> str:
        """The bead in ladder notation, e.g. ``[0, 1]:[2]``."""
        return f"[{', '.join(map(str, self.src))}]:[{', '.join(map(str, self.tgt))}]"

    @property
    def key(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(src, tgt) without the confidence: what evaluation compares."""
        return (self.src, self.tgt)


def check_beads(beads: Sequence[Bead], n_src: int, n_tgt: int) -> None:
    """Check that beads are in order and cover every sentence exactly once.

    Raises:
        InputError: naming the first bead (1-based) that breaks the rule.
    """
    ns = nt = 0
    for k, b in enumerate(beads):
        where = f"bead {number_shown(k)} {b.ladder()}: expected"
        if b.src and b.src[0] != ns:
            raise InputError(f"{where} source sentence {ns} next")
        if b.tgt and b.tgt[0] != nt:
            raise InputError(f"{where} target sentence {nt} next")
        ns, nt = ns + len(b.src), nt + len(b.tgt)
    if ns != n_src or nt != n_tgt:
        raise InputError(f"beads cover {ns} source and {nt} target sentences, but the texts "
                         f"have {n_src} and {n_tgt}; the alignment does not belong to these texts")


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two segment lists and the beads that align them.

    Validates on construction that beads are in order and cover every sentence of
    both sides exactly once.

    Attributes:
        src: source segments.
        tgt: target segments.
        beads: the beads, in document order.
        signature: how the alignment was made (tool version, settings, ...).
    """

    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    signature: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "src", tuple(self.src))
        object.__setattr__(self, "tgt", tuple(self.tgt))
        object.__setattr__(self, "beads", tuple(self.beads))
        object.__setattr__(self, "signature", _frozen_map(self.signature))
        check_beads(self.beads, len(self.src), len(self.tgt))

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], src_lang: str = "zh",
                   tgt_lang: str = "en", *,
                   signature: Mapping[str, str] | None = None) -> Alignment:
        """An alignment from sentence pairs, e.g. the two columns of a spreadsheet.

        Each pair becomes one bead of confidence 1.0: 1-1, or 1-0/0-1 when one side is
        blank (an omission). Segments are numbered in order on each side, all in
        paragraph 0, with spans into the side's text joined the language's way
        ("" for Chinese, " " for English), as :meth:`pairs` joins them.

        Args:
            pairs: (source text, target text) per row.
            src_lang, tgt_lang: "zh" and "en", one each.
            signature: how the pairs were made (file, tool, ...).

        Raises:
            ConfigError: unknown languages, or both sides the same language.
            InputError: a pair whose two sides are both blank (1-based pair number).
        """
        sl, tl = check_lang(src_lang), check_lang(tgt_lang)
        if sl == tl:
            raise ConfigError(f"both sides are {sl!r}; one side must be zh and the other en")
        sides: tuple[list[Segment], list[Segment]] = ([], [])
        ends, beads = [0, 0], []  # ends: length of each side's joined text so far
        for k, pair in enumerate(pairs, 1):
            picked: list[tuple[int, ...]] = [(), ()]
            for side, (text, lang) in enumerate(zip(pair, (sl, tl), strict=True)):
                if text.strip():
                    segs = sides[side]
                    start = ends[side] + (1 if segs and lang == "en" else 0)
                    ends[side] = start + len(text)
                    picked[side] = (len(segs),)
                    segs.append(Segment(text, lang, len(segs), 0, (start, ends[side])))
            if not picked[0] and not picked[1]:
                raise InputError(f"pair {k}: both sides are blank; leave the row out")
            beads.append(Bead(picked[0], picked[1], 1.0))
        return cls(tuple(sides[0]), tuple(sides[1]), tuple(beads), signature or {})

    @property
    def src_lang(self) -> str:
        """Language of the source side ("zh" or "en"); "zh" if the side is empty."""
        return self.src[0].lang if self.src else "zh"

    @property
    def tgt_lang(self) -> str:
        """Language of the target side; "en" if the side is empty."""
        return self.tgt[0].lang if self.tgt else "en"

    def pairs(self) -> Iterator[tuple[Bead, str, str]]:
        """Yield (bead, joined source text, joined target text) for every bead."""
        src_lang, tgt_lang = self.src_lang, self.tgt_lang
        for b in self.beads:
            s = join_sentences([self.src[i].text for i in b.src], src_lang)
            t = join_sentences([self.tgt[i].text for i in b.tgt], tgt_lang)
            yield b, s, t


TermStatus = Literal["preferred", "admitted", "deprecated"]
TERM_STATUSES = ("preferred", "admitted", "deprecated")


@dataclass(frozen=True, slots=True)
class Term:
    """One concept of a term base, Chinese -> English.

    Attributes:
        zh: the Chinese term (main form).
        en: the approved English rendering.
        zh_variants: other Chinese forms of the same concept (abbreviations, ...).
        variants: allowed English variants (admitted).
        deprecated: English renderings that must not be used.
        status: status of the concept's approved pair: preferred/admitted/deprecated.
        note: a short note or definition.
        domain: subject field.
        id: concept id, stable across formats (TBX conceptEntry id).
    """

    zh: str
    en: str
    zh_variants: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    status: TermStatus = "preferred"
    note: str = ""
    domain: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        for name in ("zh_variants", "variants", "deprecated"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.zh.strip() or not self.en.strip():
            raise ValueError("a term needs a Chinese and an English form")
        if self.status not in TERM_STATUSES:
            raise ValueError(f"unknown term status {self.status!r}")

    @property
    def zh_forms(self) -> tuple[str, ...]:
        """Every Chinese form: the main term first, then its variants."""
        return (self.zh, *self.zh_variants)

    @property
    def en_forms(self) -> tuple[str, ...]:
        """Every acceptable English form: approved first, then allowed variants."""
        return (self.en, *self.variants)


@dataclass(frozen=True, slots=True)
class Glossary:
    """A term base: an ordered collection of :class:`Term`.

    Attributes:
        terms: the concepts, in file order.
        name: a short name (usually the file stem).
        path: the file it was read from, if any.
    """

    terms: tuple[Term, ...] = ()
    name: str = ""
    path: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", tuple(self.terms))

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def checksum(self) -> str:
        """A short, order-independent SHA-256 digest of the content (for signatures)."""
        import hashlib

        h = hashlib.sha256()
        for t in sorted(self.terms, key=lambda t: (t.zh, t.en)):
            h.update(repr((t.zh, t.en, t.zh_variants, t.variants, t.deprecated, t.status)).encode())
        return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """A source/target pair of a translation memory.

    Attributes:
        source: source text.
        target: target text.
        source_lang: source locale as written in TMX, e.g. "zh-CN".
        target_lang: target locale, e.g. "en-US".
        props: custom properties (``x-...`` names) in order, e.g. document,
            paragraph, bead type, confidence, review state.
        created: creation date in TMX form ``YYYYMMDDThhmmssZ``, if known.
        origin: the document the unit came from, if known.
    """

    source: str
    target: str
    source_lang: str = "zh-CN"
    target_lang: str = "en-US"
    props: tuple[tuple[str, str], ...] = ()
    created: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "props", tuple((str(k), str(v)) for k, v in self.props))

    def prop(self, name: str, default: str | None = None) -> str | None:
        """The value of the first property called ``name``."""
        return next((v for k, v in self.props if k == name), default)
