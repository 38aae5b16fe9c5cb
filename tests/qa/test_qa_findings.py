"""Tests of align.qa.findings: the Finding type, the order of findings, the --fail-on gate."""

from __future__ import annotations

import pytest

from align.errors import ConfigError
from align.qa.findings import Finding, fails, sort_findings


def f(kind: str, severity: str, bead: int | None) -> Finding:
    return Finding(kind, severity, bead, "src", "tgt", None, "m")  # type: ignore[arg-type]


def test_finding_rejects_unknown_severity() -> None:
    with pytest.raises(ValueError, match="unknown severity 'fatal'"):
        f("x", "fatal", 0)


def test_details_are_frozen_copies() -> None:
    details = {"a": "1"}
    found = Finding("x", "info", 0, "", "", None, "m", details)
    details["a"] = "2"
    assert found.details == {"a": "1"}
    with pytest.raises(TypeError):
        found.details["a"] = "3"  # type: ignore[index]


def test_sort_by_bead_then_severity_stable() -> None:
    got = sort_findings([f("a", "info", 1), f("b", "error", 1), f("c", "warning", None),
                         f("d", "error", 0), f("e", "error", 1)])
    assert [x.kind for x in got] == ["c", "d", "b", "e", "a"]


@pytest.mark.parametrize(("severities", "level", "expected"), [
    (["info"], "error", False),
    (["warning"], "error", False),
    (["warning"], "warning", True),
    (["error"], "error", True),
    (["error"], "never", False),
    ([], "warning", False),
], ids=["info-error", "warning-error", "warning-warning", "error-error", "never", "none"])
def test_fails(severities: list[str], level: str, expected: bool) -> None:
    assert fails([f("k", s, 0) for s in severities], level) is expected


def test_fails_unknown_level() -> None:
    with pytest.raises(ConfigError, match="unknown --fail-on level 'sometimes'"):
        fails([], "sometimes")
