"""The plan of the house, checked from the code: layers import only downward, no import
circle anywhere (imports inside functions count), no module over 400 lines and no
function over 80 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "align"

# Floors from the bottom up; a module may import from its own package or from a lower floor.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("align.errors", "align.version"),
    ("align.types",),
    ("align.text",),
    ("align.formats",),
    ("align.terms",),
    ("align.aligner",),
    ("align.qa",),
    ("align.tm",),
    ("align.review", "align.batch"),
    ("align.api",),
    ("align.cli",),
    ("align", "align.__main__"),
)
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PACKAGE.rglob("*.py")):
        parts = list(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    return out


MODULES = _modules()


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        base = base[: -(node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str) -> set[str]:
    """Every align module that ``module`` imports, wherever the import statement sits."""
    path = MODULES[module]
    return imports_in(path.read_text("utf-8"), module, path.name == "__init__.py")


def imports_in(source: str, module: str, is_package: bool) -> set[str]:
    """The align modules imported by ``source`` (the text of ``module``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, module, is_package)
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                     for a in node.names]
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def floor_of(module: str) -> tuple[int, str]:
    """(floor number, package) of a module: the longest FLOORS prefix that names it."""
    best = (-1, "")
    for i, floor in enumerate(FLOORS):
        for pkg in floor:
            if (module == pkg or module.startswith(pkg + ".")) and len(pkg) > len(best[1]):
                best = (i, pkg)
    if best[0] < 0:
        raise AssertionError(f"{module} is on no floor; add its package to FLOORS")
    return best


def test_every_module_is_on_a_floor() -> None:
    for module in MODULES:
        floor_of(module)


def test_imports_go_only_downward() -> None:
    wrong = []
    for module in MODULES:
        floor, pkg = floor_of(module)
        for dep in imports_of(module):
            dep_floor, dep_pkg = floor_of(dep)
            if dep_pkg != pkg and dep_floor >= floor:
                wrong.append(f"{module} -> {dep}")
    assert wrong == []


def test_no_import_circle() -> None:
    graph = {m: imports_of(m) for m in MODULES}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d, stack + [d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_and_function_size(module: str) -> None:
    text = MODULES[module].read_text("utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{module} has over {MAX_MODULE_LINES} lines"
    long = [f"{n.name} ({n.end_lineno - n.lineno + 1} lines)"
            for n in ast.walk(ast.parse(text))
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            and n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []


def test_the_graph_sees_imports_inside_functions_and_relative_ones() -> None:
    source = (
        "from .search import viterbi\n"
        "def f():\n"
        "    from ..formats import files\n"
        "    import align.text.script\n"
    )
    assert imports_in(source, "align.aligner.core", False) == {
        "align.aligner.search", "align.formats.files", "align.text.script"}


def test_test_files_are_named_after_their_layer() -> None:
    """A test file of tests/<layer>/ is named test_<layer>_*.py, so that a layer's
    tests are found by name wherever they are listed."""
    tests = PACKAGE.parent / "tests"
    wrong = sorted(str(f.relative_to(tests)) for f in tests.glob("*/test_*.py")
                   if not f.name.startswith(f"test_{f.parent.name}_"))
    assert wrong == []
