"""Tests of the sentence aligner: invariants, bead types, both directions, writers,
bad input, the ``align pair`` command and a regression floor on the Beijing gold."""

from __future__ import annotations

import csv
import json
import warnings
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.aligner.evaluate import evaluate
from align.aligner.gale_church import align_gale_church
from align.aligner.search import Band, band_around, bead_types, full_band, viterbi
from align.api import AlignmentWarning, align_files, align_segments
from align.cli import app
from align.errors import ConfigError, InputError
from align.formats.alignment_out import write_alignment
from align.formats.ladder import read_ladder
from align.text.lexicon import load_lexicon
from align.text.segment import segments_from_lines
from align.types import Alignment, Segment

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
BEIJING = ROOT / "corpora" / "beijing-2024"

ZH = [
    "北京市今年将加快发展新质生产力。",
    "全市经济增长百分之五。",
    "政府将建设三个新公园，并种植一万棵树。",
    "学校和医院的数量也会增加。",
    "市长强调，要保护环境，改善空气质量，让人民生活更加幸福。",
    "会议由副市长主持。",
]
EN = [
    "This year Beijing will accelerate the development of new quality productive forces.",
    "The city's economy grew by 5%.",
    "The government will build three new parks.",
    "It will also plant 10,000 trees.",
    "The number of schools and hospitals will also increase.",
    "The mayor stressed the need to protect the environment, improve air quality and "
    "make people's lives happier.",
    "The meeting was chaired by the deputy mayor.",
]
ZH_EN_GOLD = ["[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]", "[4]:[5]", "[5]:[6]"]
EN_ZH_GOLD = ["[0]:[0]", "[1]:[1]", "[2, 3]:[2]", "[4]:[3]", "[5]:[4]", "[6]:[5]"]


@pytest.fixture(scope="module", autouse=True)
def _warm_lexicon() -> None:
    load_lexicon()  # parsed (or loaded from its cache) once for the whole module


def segs(lines: Sequence[str], lang: str) -> list[Segment]:
    return segments_from_lines(lines, lang)


@pytest.fixture(scope="module")
def zh_en() -> Alignment:
    return align_segments(segs(ZH, "zh"), segs(EN, "en"))


def check_invariants(al: Alignment) -> None:
    ns = nt = 0
    for b in al.beads:
        assert b.src == tuple(range(ns, ns + len(b.src)))
        assert b.tgt == tuple(range(nt, nt + len(b.tgt)))
        assert 0.0 <= b.confidence <= 1.0
        ns += len(b.src)
        nt += len(b.tgt)
    assert (ns, nt) == (len(al.src), len(al.tgt))


@pytest.mark.parametrize(("src", "src_lang", "tgt", "tgt_lang", "gold"), [
    (ZH, "zh", EN, "en", ZH_EN_GOLD),
    (EN, "en", ZH, "zh", EN_ZH_GOLD),
], ids=["zh-en-1-2", "en-zh-2-1"])
def test_small_document_both_directions(src: list[str], src_lang: str, tgt: list[str],
                                        tgt_lang: str, gold: list[str]) -> None:
    al = align_segments(segs(src, src_lang), segs(tgt, tgt_lang))
    check_invariants(al)
    assert [b.ladder() for b in al.beads] == gold
    assert al.signature["src_lang"] == src_lang
    assert al.signature["tool"] == "zhen-align"


def test_omission_gives_an_empty_side_bead() -> None:
    zh = [*ZH[:4], "另据统计，二〇二三年全市共接待游客三亿二千九百万人次，旅游总收入六千二百亿元，"
          "其中入境游客一百一十四万人次。", *ZH[4:]]
    al = align_segments(segs(zh, "zh"), segs(EN, "en"))
    check_invariants(al)
    assert "[4]:[]" in [b.ladder() for b in al.beads]


def test_bead_types_and_max_bead() -> None:
    assert bead_types(2) == [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]
    assert (1, 4) in bead_types(4) and (4, 1) in bead_types(4) and (1, 5) not in bead_types(4)
    assert (7, 1) in bead_types(7)
    with pytest.raises(ConfigError, match="max_bead must be between 2 and 12"):
        align_segments(segs(ZH, "zh"), segs(EN, "en"), max_bead=1)


def test_long_bead_needs_max_bead() -> None:
    en = ["Beijing will build three parks.", "It will plant trees.", "It will add schools.",
          "It will add hospitals.", "It will add roads.", "The meeting was chaired by the mayor."]
    zh = ["北京将建设三个公园，种植树木，增加学校，增加医院，增加道路。", "会议由市长主持。"]
    al = align_segments(segs(zh, "zh"), segs(en, "en"), max_bead=5)
    assert [b.ladder() for b in al.beads] == ["[0]:[0, 1, 2, 3, 4]", "[1]:[5]"]


def test_viterbi_prefers_cheapest_path() -> None:
    import numpy as np

    types = bead_types(2)
    band = full_band(2, 2)
    costs = np.full((len(types), band.size), 5.0)
    costs[types.index((1, 1))] = 1.0
    path, _ = viterbi(band, types, costs)
    assert [(i, j) for i, j, _ in path] == [(1, 1), (2, 2)]
    costs[types.index((2, 2))] = 1.5  # one 2-2 bead is cheaper than two 1-1 beads
    path, _ = viterbi(band, types, costs)
    assert [(i, j, types[t]) for i, j, t in path] == [(2, 2, (2, 2))]


def test_band_around_is_monotone_and_covers_path() -> None:
    import numpy as np

    band = band_around([(0, 0), (1, 2), (3, 3)], np.array([0, 5, 7, 10]),
                       np.array([0, 2, 4, 9]), margin=1)
    assert isinstance(band, Band)
    assert (np.diff(band.lo) >= 0).all() and (np.diff(band.hi) >= 0).all()
    assert band.lo[0] == 0 and band.hi[-1] == 9
    for i, j in [(0, 0), (5, 4), (10, 9)]:
        assert band.lo[i] <= j <= band.hi[i]


def test_confidence_and_signature(zh_en: Alignment) -> None:
    assert all(0.0 <= b.confidence <= 1.0 for b in zh_en.beads)
    assert "len-ratio" in zh_en.signature["scorer"]
    assert "glossary" not in zh_en.signature


def test_glossary_checksum_in_signature() -> None:
    from align.types import Glossary, Term

    g = Glossary((Term("新质生产力", "new quality productive forces"),))
    al = align_segments(segs(ZH, "zh"), segs(EN, "en"), glossary=g)
    assert al.signature["glossary"] == g.checksum()
    assert [b.ladder() for b in al.beads] == ZH_EN_GOLD


# ---------------------------------------------------------------- bad input


def test_empty_side_warns() -> None:
    with pytest.warns(AlignmentWarning, match="target side is empty"):
        al = align_segments(segs(ZH, "zh"), [])
    assert [b.ladder() for b in al.beads] == [f"[{i}]:[]" for i in range(len(ZH))]
    with pytest.warns(AlignmentWarning, match="source side is empty"):
        al = align_segments([], segs(EN, "en"))
    assert all(not b.src for b in al.beads) and len(al.beads) == len(EN)


def test_very_different_lengths_warns() -> None:
    with pytest.warns(AlignmentWarning, match="differ a lot in length"):
        al = align_segments(segs(ZH[:1], "zh"), segs(EN * 5, "en"))
    check_invariants(al)


def test_single_huge_line() -> None:
    zh = ["这是一个很长的句子，" * 2000]
    en = ["This is a long sentence. " * 10, "Another one."]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignmentWarning)
        al = align_segments(segs(zh, "zh"), segs(en, "en"))
    check_invariants(al)
    assert len(zh[0]) == 20_000


def test_only_punctuation() -> None:
    with pytest.warns(AlignmentWarning):
        al = align_segments(segs(["。。。", "！！"], "zh"), segs(["...", "!!", "?"], "en"))
    check_invariants(al)


def test_same_language_on_both_sides_is_an_error() -> None:
    with pytest.raises(ConfigError, match="both sides are 'zh'"):
        align_segments(segs(ZH, "zh"), segs(ZH, "zh"))


def test_chinese_labelled_english_warns() -> None:
    zh_as_en = [Segment(s.text, "en", s.index) for s in segs(ZH, "zh")]
    with pytest.warns(AlignmentWarning, match="English side is mostly Chinese"):
        al = align_segments(segs(ZH, "zh"), zh_as_en)
    check_invariants(al)


def test_same_file_on_both_sides_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "zh.txt"
    f.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="zh.txt"):
        align_files(f, f, presplit=True)


def test_wrong_language_file_is_an_error(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n\n".join(ZH) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(ZH) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="en.txt"):
        align_files(zh, en)


def test_languages_must_differ(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="both 'en'"):
        align_files(tmp_path / "a", tmp_path / "b", src_lang="en", tgt_lang="en")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.txt"):
        align_files(tmp_path / "nope.txt", tmp_path / "nope2.txt", presplit=True)


# ---------------------------------------------------------------- writers


def test_write_ladder_round_trip(zh_en: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.align"
    write_alignment(zh_en, out)
    back = read_ladder(out)
    assert [b.key for b in back] == [b.key for b in zh_en.beads]
    assert [round(b.confidence, 4) for b in back] == [round(b.confidence, 4)
                                                      for b in zh_en.beads]


def test_write_tsv(zh_en: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.tsv"
    write_alignment(zh_en, out)
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == ["source", "target", "bead", "confidence"]
    assert rows[3][:3] == [ZH[2], f"{EN[2]} {EN[3]}", "1-2"]
    assert len(rows) == len(zh_en.beads) + 1


def test_write_jsonl(zh_en: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    write_alignment(zh_en, out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["signature"]["tool"] == "zhen-align"
    assert [(x["src"], x["tgt"]) for x in lines[1:]] == [
        (list(b.src), list(b.tgt)) for b in zh_en.beads]


def test_write_tmx(zh_en: Alignment, tmp_path: Path) -> None:
    from align.formats.tmx.reader import read_tmx

    out = tmp_path / "a.tmx"
    write_alignment(zh_en, out)
    units = list(read_tmx(out))
    assert [u.source for u in units][:2] == ZH[:2]
    assert len(units) == sum(1 for b in zh_en.beads if b.src and b.tgt)


def test_write_unknown_suffix(zh_en: Alignment, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown output format '.xyz'"):
        write_alignment(zh_en, tmp_path / "a.xyz")
    assert not (tmp_path / "a.xyz").exists()


# ---------------------------------------------------------------- CLI


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return zh, en


def test_cli_pair_stdout(files: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["pair", str(files[0]), str(files[1]), "--presplit"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "source\ttarget\tbead\tconfidence"
    assert lines[3].split("\t")[2] == "1-2"


def test_cli_pair_reverse_to_file(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.align"
    result = runner.invoke(app, ["pair", str(files[1]), str(files[0]), "--presplit",
                                 "--src-lang", "en", "--tgt-lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [b.ladder() for b in read_ladder(out)] == EN_ZH_GOLD


def test_cli_pair_warning_on_stderr(files: tuple[Path, Path], tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text(ZH[0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["pair", str(short), str(files[1]), "--presplit"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: the two sides differ a lot in length")
    assert result.stdout.startswith("source\ttarget")


def test_cli_pair_wrong_language_is_one_line_error(files: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["pair", str(files[0]), str(files[0]), "--presplit"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "zh.txt" in result.stderr


def test_cli_pair_empty_file_is_one_line_error(files: tuple[Path, Path], tmp_path: Path
                                               ) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = runner.invoke(app, ["pair", str(files[0]), str(empty), "--presplit"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "empty.txt" in result.stderr and "no text" in result.stderr


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--max-bead", "1"], 2, "max-bead"),
    (["-o", "out.xyz"], 1, "unknown output format"),
    (["--src-lang", "fr"], 2, "Invalid value for '--src-lang'"),
], ids=["max-bead", "suffix", "lang"])
def test_cli_pair_errors(files: tuple[Path, Path], tmp_path: Path, args: list[str], code: int,
                         message: str) -> None:
    args = [a if a != "out.xyz" else str(tmp_path / a) for a in args]
    result = runner.invoke(app, ["pair", str(files[0]), str(files[1]), "--presplit", *args])
    assert result.exit_code == code
    assert message in result.stderr


# ---------------------------------------------------------------- regression


@pytest.mark.skipif(not (BEIJING / "gold.align").is_file(),
                    reason="corpora/beijing-2024/gold.align is not written yet")
def test_beijing_gold_floor() -> None:
    al = align_files(BEIJING / "zh.txt", BEIJING / "en.raw.txt")
    scores = evaluate(list(al.beads), read_ladder(BEIJING / "gold.align"))
    assert scores.strict_f1 >= 0.975
    assert scores.lax_f1 >= 0.995
    base = align_gale_church(al.src, al.tgt)
    assert evaluate(list(base.beads), read_ladder(BEIJING / "gold.align")).strict_f1 < \
        scores.strict_f1


@pytest.mark.skipif(not (BEIJING / "gold.align").is_file()
                    or not (ROOT / "glossary" / "beijing-2024.tsv").is_file(),
                    reason="corpora/beijing-2024/gold.align or the glossary is not there yet")
def test_beijing_gold_floor_with_glossary(tmp_path: Path) -> None:
    out = tmp_path / "bj.align"
    result = runner.invoke(app, ["pair", str(BEIJING / "zh.txt"), str(BEIJING / "en.raw.txt"),
                                 "--glossary", str(ROOT / "glossary" / "beijing-2024.tsv"),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    scores = evaluate(read_ladder(out), read_ladder(BEIJING / "gold.align"))
    assert scores.strict_f1 >= 0.995


def _all_paths(n: int, m: int, types: list[tuple[int, int]]) -> list[list[tuple[int, int, int]]]:
    if (n, m) == (0, 0):
        return [[]]
    out = []
    for t, (a, b) in enumerate(types):
        if n >= a and m >= b:
            out += [p + [(n, m, t)] for p in _all_paths(n - a, m - b, types)]
    return out


def test_posteriors_match_brute_force() -> None:
    import math

    import numpy as np

    from align.aligner.search import posteriors

    types = bead_types(2)
    band = full_band(3, 2)
    rows, cols = band.cells()
    costs = np.random.default_rng(0).uniform(0.0, 3.0, (len(types), band.size))
    for t, (a, b) in enumerate(types):
        costs[t, (rows < a) | (cols < b)] = np.inf
    path, _ = viterbi(band, types, costs)

    def cost(p: list[tuple[int, int, int]]) -> float:
        return sum(float(costs[t, band.index(np.array([i]), np.array([j]))[0]])
                   for i, j, t in p)

    paths = _all_paths(3, 2, types)
    weights = [math.exp(-cost(p)) for p in paths]
    best = min(paths, key=cost)
    assert best == path
    expected = [sum(w for p, w in zip(paths, weights, strict=True) if bead in p) / sum(weights)
                for bead in path]
    assert posteriors(band, types, costs, path) == pytest.approx(expected)


def test_unrelated_texts_warn() -> None:
    fruit = ["苹果", "香蕉", "葡萄", "西瓜", "桃子"]
    animals = ["horses", "rivers", "engines", "poems", "bridges"]
    # lengths vary independently on the two sides, so length does not line them up
    zh = ["我们在市场买了" + "和".join(fruit[(i + k) % 5] for k in range(1 + i * 7 % 5)) + "。"
          for i in range(30)]
    en = [" ".join(f"The old {animals[(i + k) % 5]} slept." for k in range(1 + i * 3 % 4))
          for i in range(30)]
    with pytest.warns(AlignmentWarning, match="are the texts translations of each other"):
        al = align_segments(segs(zh, "zh"), segs(en, "en"))
    check_invariants(al)


def _omission_level(x_rows: list[list[float]], y_rows: list[list[float]], ls: list[float],
                    lt: list[float]) -> tuple[object, object]:
    import numpy as np

    from align.aligner.scoring import Level, ScoreParams

    level = Level(np.asarray(x_rows, dtype=np.float32), np.asarray(y_rows, dtype=np.float32),
                  np.asarray(ls, dtype=np.float64), np.asarray(lt, dtype=np.float64))
    return level, ScoreParams(ratio=1.0, variance=1.0)


@pytest.mark.parametrize(("tgt_keys", "expected"), [
    ([{"a", "b"}, {"c", "d"}], [(1, 1, (1, 1)), (1, 2, (0, 1))]),  # no shared key: split
    ([{"a", "b"}, {"c", "a"}], [(1, 2, (1, 2))]),  # one shared key: kept
    ([{"a", "b"}, {"c"}], [(1, 2, (1, 2))]),  # too few keys to judge: kept
], ids=["unmatched-last", "shared-key", "too-few-keys"])
def test_split_omissions(tgt_keys: list[set[str]], expected: list[tuple[int, int, object]]
                         ) -> None:
    from align.aligner.omissions import split_omissions

    types = bead_types(2)
    level, params = _omission_level([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [10.0],
                                    [10.0, 3.0])
    stats = {t: (0.0, 0.1) for t in types}
    path = [(1, 2, types.index((1, 2)))]
    got = split_omissions(level, path, types, params, stats, [{"a", "b"}], tgt_keys)
    assert [(i, j, types[t]) for i, j, t in got] == expected


def test_split_omissions_first_source_sentence() -> None:
    from align.aligner.omissions import split_omissions

    types = bead_types(2)
    level, params = _omission_level([[0.0, 1.0], [1.0, 0.0]], [[1.0, 0.0]], [3.0, 10.0],
                                    [10.0])
    stats = {t: (0.0, 0.1) for t in types}
    got = split_omissions(level, [(2, 1, types.index((2, 1)))], types, params, stats,
                          [{"x", "y"}, {"a", "b"}], [{"a", "b"}])
    assert [(i, j, types[t]) for i, j, t in got] == [(1, 0, (1, 0)), (2, 1, (1, 1))]


def test_sentence_keys() -> None:
    from align.aligner.features import SideFeatures, Translations, sentence_keys

    zh = SideFeatures("zh", [2], [0], [["公园"]], [["#3"]])
    en = SideFeatures("en", [5], [0], [["park"]], [["#3"]])
    assert sentence_keys(en, None) == [{"park", "#3"}]
    keys = sentence_keys(zh, Translations(load_lexicon()))[0]
    assert "park" in keys and "#3" in keys


@pytest.mark.parametrize(("tokens", "expected"), [
    (["亚当", "生", "塞", "特", "。"], ["亚当", "生", "塞", "特", "~生塞", "~塞特"]),
    (["以", "挪", "士", "，", "该", "南"], ["以", "挪", "士", "该", "南", "~以挪", "~挪士",
                                        "~该南"]),
    (["公园", "很", "大"], ["公园", "很", "大", "~很大"]),
    (["公园"], ["公园"]),
], ids=["name-run", "runs-split-by-punctuation", "short-run", "no-run"])
def test_zh_words_add_bigrams_of_single_character_runs(tokens: list[str],
                                                       expected: list[str]) -> None:
    from align.aligner.features import _zh_words

    assert _zh_words("".join(tokens), lambda _: tokens, None) == expected


def test_bigrams_learn_names_only() -> None:
    from align.aligner.features import SideFeatures, Translations, extract
    from align.aligner.selftrain import dice_associations

    en = extract(segs(["Then came Seth and Enos.", "And Seth lived long.",
                       "Seth begat Enos."], "en"), "en", tokenize=str.split)
    assert {"seth", "eno"} <= en.names and "then" not in en.names
    zh = SideFeatures("zh", [5, 5, 5], [0, 0, 0],
                      [["来", "~塞特", "~以挪"], ["~塞特", "活"], ["~塞特", "生", "~以挪"]],
                      [[], [], []])
    beads = [(range(k, k + 1), range(k, k + 1)) for k in range(3)]
    assoc = dice_associations(zh, en, beads, 2, 0.15)
    assert assoc["~塞特"][0] == "seth" and "liv" not in assoc["~塞特"]
    assert set(assoc["~以挪"]) <= en.names
    translate = Translations(load_lexicon())
    assert translate("~塞特") == ()  # no dictionary lookup of the two characters
    translate.learn(assoc)
    assert translate("~塞特")[0] == "seth"


@pytest.mark.parametrize(("n_beads", "low", "high"), [
    (50, 0.0025, 0.005),  # a short speech: deletions stay plausible
    (5000, 0.0, 0.0002),  # a long document follows its own counts
], ids=["short-keeps-deletions", "long-follows-counts"])
def test_estimate_priors_short_document_keeps_deletions(n_beads: int, low: float,
                                                        high: float) -> None:
    from align.aligner.core import estimate_priors

    types = bead_types(2)
    path = [(k + 1, k + 1, types.index((1, 1))) for k in range(n_beads)]
    priors = estimate_priors(path, types)
    assert low <= priors[(0, 1)] <= high
    assert priors[(1, 1)] > 0.8


def test_bead_cost_matches_bead_costs() -> None:
    import numpy as np

    from align.aligner.calibration import random_stats
    from align.aligner.scoring import BeadCost, Level, ScoreParams, bead_costs

    rng = np.random.default_rng(3)
    level = Level(rng.normal(size=(7, 16)).astype(np.float32),
                  rng.normal(size=(9, 16)).astype(np.float32),
                  rng.uniform(5, 40, 7), rng.uniform(5, 40, 9),
                  np.array([0, 0, 0, 1, 1, 2, 2]), np.array([0, 0, 1, 1, 1, 1, 2, 2, 2]))
    types = bead_types(3)
    params = ScoreParams(ratio=1.1, variance=3.0, para_penalty=1.0)
    stats = random_stats(level, types)
    band = full_band(level.n, level.m)
    costs, _ = bead_costs(level, band, types, params, stats)
    one = BeadCost(level, params, stats)
    for t, (a, b) in enumerate(types):
        for i, j in [(3, 4), (7, 9), (5, 3)]:
            c = int(band.index(np.array([i]), np.array([j]))[0])
            assert one(i - a, i, j - b, j) == pytest.approx(float(costs[t, c]), abs=1e-3)


def _coverage(src: list[list[str]], tgt: list[list[str]]) -> object:
    from align.aligner.refine import Coverage

    def items(side: list[list[str]]) -> list[list[tuple[float, frozenset[str]]]]:
        return [[(1.0, frozenset((w,))) for w in s] for s in side]

    return Coverage(items(src), items(tgt), [set(s) for s in src], [set(s) for s in tgt])


@pytest.mark.parametrize(("weight", "cost_of_move", "expected"), [
    (1.0, 0.0, [(1, 1, (1, 1)), (2, 3, (1, 2))]),  # tgt 1 matches src 1: it moves
    (0.0, 0.0, [(1, 2, (1, 2)), (2, 3, (1, 1))]),  # no coverage weight: kept
    (1.0, 5.0, [(1, 2, (1, 2)), (2, 3, (1, 1))]),  # the model objects too much: kept
], ids=["moves", "no-weight", "model-objects"])
def test_refine_boundaries(weight: float, cost_of_move: float,
                           expected: list[tuple[int, int, object]]) -> None:
    from align.aligner.refine import refine_boundaries

    types = bead_types(2)
    cov = _coverage([["lord", "serpent"], ["lord", "woman", "enmity"]],
                    [["lord", "serpent"], ["woman", "enmity"], ["lord", "woman"]])
    path = [(1, 2, types.index((1, 2))), (2, 3, types.index((1, 1)))]

    def cost(i0: int, i1: int, j0: int, j1: int) -> float:  # the DP's choice is cheapest
        return 0.0 if (i0, i1, j0, j1) in {(0, 1, 0, 2), (1, 2, 2, 3)} else cost_of_move / 2

    got = refine_boundaries(path, types, cov, cost, weight)
    assert [(i, j, types[t]) for i, j, t in got] == expected


def test_coverage_uses_learned_senses_only() -> None:
    from align.aligner.features import SideFeatures, Translations
    from align.aligner.refine import coverage

    zh = SideFeatures("zh", [2, 2], [0, 0], [["公园"], ["公园"]], [[], []])
    en = SideFeatures("en", [4, 4], [0, 0], [["park"], ["garden"]], [[], []])
    translate = Translations(load_lexicon())
    cov = coverage(zh, en, translate, True)
    assert cov.mass(0, 1, 0, 1) > 0  # dictionary: 公园 ~ park
    translate.probs = {"公园": {"garden": 0.95, "park": 0.05}}
    cov = coverage(zh, en, translate, True)
    assert cov.mass(0, 1, 0, 1) == 0 and cov.mass(1, 2, 1, 2) > 0
