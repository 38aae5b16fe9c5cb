"""Mutation testing of the modules where a silent bug costs a translator most.

Usage:
    python bench/bench_mutation.py [MODULE ...] [--jobs N] [--limit N] [--seed S]
                                   [--survivors FILE]

MODULE is a key of :data:`TARGETS` (segment-zh, qa-numbers, ...; all by default).

A small AST mutator (the approach of mutmut, written here because mutmut edits the
tree it runs in, and several people work in this one): each mutant changes one
operator or constant in one module -- comparison (``<`` <-> ``<=``, ``==`` <-> ``!=``,
``in`` <-> ``not in``, ``is`` <-> ``is not``), arithmetic (``+`` <-> ``-``, ``*`` <->
``/``, ``//`` <-> ``/``, ``%`` -> ``/``), boolean (``and`` <-> ``or``, ``not x`` -> ``x``),
a number ``n`` -> ``n + 1`` (``0`` <-> ``1``), ``True`` <-> ``False``, a string ->
``"XX" + s + "XX"`` and a one-character-set string with one character left out,
``break`` <-> ``continue``, ``BaseException`` -> ``Exception``. Docstrings, annotations
and ``__all__`` are left alone. Every mutant is written into a private copy of the
project (under a temporary folder, never the working tree) and the module's tests run
there (``pytest -x``, with a timeout); the mutant is *killed* when they fail or time out
and *survives* when they pass. The score is killed / all. Not run in CI (minutes to
hours); the figures and the survivors judged harmless are kept in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: module key -> (module path, the tests that cover it)
TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "segment-zh": ("align/text/segment/zh.py", ("tests/text/test_text_segment.py",)),
    "segment-en": ("align/text/segment/en.py", ("tests/text/test_text_segment.py",)),
    "numbers": ("align/text/numbers.py", ("tests/text/test_text_numbers.py",
                                          "tests/qa/test_qa_numbers.py")),
    "zh-numerals": ("align/text/zh_numerals.py", ("tests/text/test_text_numbers.py",
                                                  "tests/qa/test_qa_numbers.py")),
    "en-numerals": ("align/text/en_numerals.py", ("tests/text/test_text_numbers.py",
                                                  "tests/qa/test_qa_numbers.py")),
    "qa-numbers": ("align/qa/numbers.py", ("tests/qa/test_qa_numbers.py",
                                           "tests/qa/test_qa_check.py")),
    "term-match": ("align/terms/match.py", ("tests/terms/test_terms_match.py",)),
    "atomic-files": ("align/formats/files.py", ("tests/formats/test_formats_files.py",
                                                "tests/formats/test_formats_atomic_write.py")),
    "xliff": ("align/formats/xliff.py", ("tests/formats/test_formats_xliff.py",)),
    "tmx-writer": ("align/formats/tmx/writer.py", ("tests/formats/test_formats_tmx_write.py",)),
    "dp-search": ("align/aligner/search.py", ("tests/aligner/test_aligner_search.py",
                                              "tests/aligner/test_aligner_pipeline.py")),
}

_CMP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
        ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot,
        ast.IsNot: ast.Is}
_BIN = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
        ast.FloorDiv: ast.Div, ast.Mod: ast.Div, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr}
_BOOL = {ast.And: ast.Or, ast.Or: ast.And}


@dataclass(frozen=True)
class Mutant:
    """One change: the module, the line, a description and the new source."""

    key: str
    path: str
    line: int
    what: str
    source: str


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes never mutated: docstrings, annotations, __all__."""
    skip: set[int] = set()

    def drop(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                and isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            drop(body[0])
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            drop(node.returns)
            for a in (*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs,
                      node.args.vararg, node.args.kwarg):
                if a is not None:
                    drop(a.annotation)
        if isinstance(node, ast.AnnAssign):
            drop(node.annotation)
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            drop(node)
    return skip


def _edits(node: ast.AST) -> Iterator[tuple[str, object]]:
    """The one-node changes of ``node``: (description, apply) with apply() -> undo."""
    if isinstance(node, ast.Compare):
        for k, op in enumerate(node.ops):
            cmp = _CMP.get(type(op))
            if cmp is not None:
                yield f"{type(op).__name__} -> {cmp.__name__}", (node.ops, k, cmp())
    elif isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        new = _BIN[type(node.op)]
        yield f"{type(node.op).__name__} -> {new.__name__}", (node, "op", new())
    elif isinstance(node, ast.AugAssign) and type(node.op) in _BIN:
        new = _BIN[type(node.op)]
        yield f"{type(node.op).__name__}= -> {new.__name__}=", (node, "op", new())
    elif isinstance(node, ast.BoolOp):
        boolop = _BOOL[type(node.op)]
        yield f"{type(node.op).__name__} -> {boolop.__name__}", (node, "op", boolop())
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not x -> x", ("replace", node, node.operand)
    elif isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool):
            yield f"{v} -> {not v}", (node, "value", not v)
        elif isinstance(v, int | float):
            new_v = 1 if v == 0 else 0 if v == 1 else v + 1
            yield f"{v!r} -> {new_v!r}", (node, "value", new_v)
        elif isinstance(v, str) and v:
            yield f"{v[:20]!r} -> 'XX' + s + 'XX'", (node, "value", f"XX{v}XX")
            if 2 <= len(v) <= 40 and len(set(v)) == len(v) and not v.isalnum():
                drop = random.Random(v).randrange(len(v))  # a character set: drop one
                yield f"{v[:20]!r} without {v[drop]!r}", (node, "value", v[:drop] + v[drop + 1:])
    elif isinstance(node, ast.Break):
        yield "break -> continue", ("replace", node, ast.Continue())
    elif isinstance(node, ast.Continue):
        yield "continue -> break", ("replace", node, ast.Break())
    elif isinstance(node, ast.Name) and node.id == "BaseException":
        yield "BaseException -> Exception", (node, "id", "Exception")


def _parents(tree: ast.AST) -> dict[int, tuple[ast.AST, str, int | None]]:
    """id(node) -> (parent, field, index in the field's list or None)."""
    out: dict[int, tuple[ast.AST, str, int | None]] = {}
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for k, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        out[id(child)] = (parent, field, k)
            elif isinstance(value, ast.AST):
                out[id(value)] = (parent, field, None)
    return out


def _apply(edit: tuple, parents: dict[int, tuple[ast.AST, str, int | None]]):  # type: ignore[no-untyped-def]
    """Make the edit in place; return the function that undoes it."""
    if edit[0] == "replace":
        _, old, new = edit
        parent, field, k = parents[id(old)]
        ast.copy_location(new, old)
        if k is None:
            setattr(parent, field, new)
            return lambda: setattr(parent, field, old)
        getattr(parent, field)[k] = new
        return lambda: getattr(parent, field).__setitem__(k, old)
    target, attr, value = edit
    if isinstance(target, list):
        before = target[attr]
        target[attr] = value
        return lambda: target.__setitem__(attr, before)
    before = getattr(target, attr)
    setattr(target, attr, value)
    return lambda: setattr(target, attr, before)


def mutants(key: str, base: Path = ROOT) -> list[Mutant]:
    """Every mutant of the module ``key`` (as it is in the project at ``base``)."""
    path, _ = TARGETS[key]
    tree = ast.parse((base / path).read_text(encoding="utf-8"))
    skip = _skipped_nodes(tree)
    parents = _parents(tree)
    out: list[Mutant] = []
    for node in list(ast.walk(tree)):
        if id(node) in skip:
            continue
        for what, edit in list(_edits(node)):
            undo = _apply(edit, parents)  # type: ignore[arg-type]
            try:
                source = ast.unparse(tree)
            except Exception:  # noqa: BLE001  (an edit the unparser cannot write)
                source = ""
            finally:
                undo()
            if source:
                out.append(Mutant(key, path, getattr(node, "lineno", 0), what, source))
    return out


def _copy_project(dest: Path) -> None:
    for name in ("align", "tests", "corpora", "glossary"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")


def _run_tests(work: Path, tests: tuple[str, ...], timeout: float) -> str:
    """'killed', 'survived' or 'timeout' for the tree in ``work``."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(work)}
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                               *tests],
                              cwd=work, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if done.returncode == 0 else "killed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(TARGETS), choices=list(TARGETS))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0,
                        help="at most N mutants per module, a random sample (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds for one mutant's tests (a mutant that hangs is killed)")
    parser.add_argument("--survivors", type=Path, help="write the surviving mutants' diffs here")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="align-mutation-"))
    workers = [tmp / f"w{k}" for k in range(args.jobs)]
    _copy_project(workers[0])  # one snapshot of the working tree, copied to each worker
    for w in workers[1:]:
        shutil.copytree(workers[0], w)
    free = list(workers)
    rows = []
    survivors: list[Mutant] = []
    try:
        for key in args.modules:
            path, tests = TARGETS[key]
            original = (workers[0] / path).read_text(encoding="utf-8")
            if _run_tests(workers[0], tests, 900) != "survived":
                print(f"{key}: its tests fail without a mutant; skipped", flush=True)
                continue
            ms = mutants(key, workers[0])
            if args.limit and len(ms) > args.limit:
                ms = random.Random(args.seed).sample(ms, args.limit)
            t0 = time.perf_counter()

            def one(m: Mutant, original: str = original, path: str = path,
                    tests: tuple[str, ...] = tests) -> tuple[Mutant, str]:
                w = free.pop()
                try:
                    (w / path).write_text(m.source, encoding="utf-8")
                    result = _run_tests(w, tests, args.timeout)
                    if result == "survived":
                        print(f"    survived  {m.path}:{m.line}  {m.what}", flush=True)
                    return m, result
                finally:
                    (w / path).write_text(original, encoding="utf-8")
                    free.append(w)

            with ThreadPoolExecutor(args.jobs) as pool:
                results = list(pool.map(one, ms))
            killed = sum(r != "survived" for _, r in results)
            left = [m for m, r in results if r == "survived"]
            survivors += left
            rows.append((key, path, len(ms), killed, time.perf_counter() - t0))
            print(f"{key:13} {path:32} mutants {len(ms):4}  killed {killed:4}  "
                  f"score {killed / max(len(ms), 1):6.1%}  ({time.perf_counter() - t0:.0f} s)",
                  flush=True)
        if args.survivors:
            _write_survivors(args.survivors, survivors, workers[0])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    total = sum(r[2] for r in rows)
    total_killed = sum(r[3] for r in rows)
    print(f"total: {total_killed} of {total} mutants killed "
          f"({total_killed / max(total, 1):.1%})")
    return 0


def _write_survivors(out: Path, survivors: list[Mutant], base: Path) -> None:
    """The surviving mutants as unified diffs (of the unparsed module, comments aside)."""
    import difflib

    with out.open("w", encoding="utf-8") as f:
        for m in survivors:
            orig = ast.unparse(ast.parse((base / m.path).read_text(encoding="utf-8")))
            f.write(f"## {m.path}:{m.line} {m.what}\n")
            f.writelines(difflib.unified_diff(orig.splitlines(True), m.source.splitlines(True),
                                              m.path, m.path + " (mutant)", n=1))
            f.write("\n")


if __name__ == "__main__":
    raise SystemExit(main())
