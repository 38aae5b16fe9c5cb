"""The review workbench in a real browser: Debian's Chromium driven by Playwright
(see conftest.py). The Beijing alignment is reviewed with keys as a translator
would: merge, undo, redo, split, move a sentence, confirm, correct a typo, save,
reload; the saved TMX is read with translate-toolkit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from align.cli.review import review_session
from align.formats.alignment import write_alignment
from align.review.server import ReviewServer
from align.types import Alignment, Bead, Segment


@pytest.fixture()
def served(tmp_path: Path, beijing_alignment: Alignment, beijing_glossary_path: Path
           ) -> Iterator[tuple[ReviewServer, Path]]:
    """``align review beijing.tsv -g glossary -o beijing.tmx`` served from a thread."""
    tsv = tmp_path / "beijing.tsv"
    write_alignment(beijing_alignment, tsv)
    session = review_session(tsv, outputs=[tmp_path / "beijing.tmx"],
                             glossary=beijing_glossary_path)
    server = ReviewServer(session)
    server.start()
    yield server, tmp_path
    server.stop()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.requests_seen = []
    p.on("request", lambda r: p.requests_seen.append(r.url))
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    yield p
    context.close()


def rows(page: Any) -> list[tuple[int, str, str]]:
    """(data-bead, data-status, bead type) of every row in the DOM."""
    return [tuple(x) for x in page.eval_on_selector_all(
        ".row[data-bead]", "els => els.map(e => [+e.dataset.bead, e.dataset.status, "
        "e.querySelector('.kind').textContent])")]


def key(page: Any, combo: str, version: int) -> int:
    """Press a key that makes one change; wait until the page has its answer."""
    page.keyboard.press(combo)
    page.wait_for_function("v => window.reviewState.version === v", arg=version)
    return version


def open_page(page: Any, server: ReviewServer) -> None:
    page.goto(server.url)
    page.wait_for_selector(".row[data-bead]")
    page.wait_for_function("() => window.reviewState.timings.firstScreenMs !== null")


def test_review_beijing_with_keys(served: tuple[ReviewServer, Path], page: Any) -> None:
    server, folder = served
    open_page(page, server)
    first = rows(page)
    assert len(first) == 53 and [r[0] for r in first] == list(range(53))
    assert {r[1] for r in first} == {"unreviewed"}
    assert first[:3] == [(0, "unreviewed", "1-1"), (1, "unreviewed", "1-2"),
                         (2, "unreviewed", "1-3")]
    assert page.text_content("#total") == "53" and page.text_content("#reviewed") == "0"

    page.click('.row[data-bead="0"] .side.src')
    v = key(page, "m", 1)  # merge beads 1 and 2
    assert len(rows(page)) == 52 and rows(page)[0] == (0, "edited", "2-3")
    v = key(page, "Control+z", v + 1)
    assert len(rows(page)) == 53 and rows(page)[0] == (0, "unreviewed", "1-1")
    v = key(page, "Control+y", v + 1)
    assert rows(page)[0] == (0, "edited", "2-3")

    page.keyboard.press("s")  # split mode: cut markers on both sides
    assert page.locator('.row[data-bead="0"] .cut').count() == 2 + 3 + 2
    v = key(page, "Enter", v + 1)  # default cut: after the first sentence of each side
    assert rows(page)[:3] == [(0, "edited", "1-1"), (1, "edited", "1-2"),
                              (2, "unreviewed", "1-3")]

    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("l")  # work on the English side of bead 3
    v = key(page, "Alt+ArrowDown", v + 1)  # its last sentence goes to bead 4
    assert rows(page)[2:4] == [(2, "edited", "1-2"), (3, "edited", "1-2")]

    for _ in range(3):
        page.keyboard.press("j")
    v = key(page, "Enter", v + 1)  # confirm bead 6
    page.keyboard.press("j")
    v = key(page, " ", v + 1)  # confirm bead 7 and move to bead 8
    assert [r[1] for r in rows(page)[5:8]] == ["confirmed", "confirmed", "unreviewed"]
    assert page.evaluate("window.reviewState.cur") == 7

    page.keyboard.press("h")
    page.keyboard.press("e")
    area = page.locator("#editor-fields textarea").first
    original = area.input_value()
    fixed = original.replace("。", "！", 1)
    area.fill(fixed)
    v = key(page, "Control+Enter", v + 1)
    assert page.locator('.row[data-bead="7"] .src .sent').first.text_content() == fixed
    assert page.locator('.row[data-bead="7"] .sent.changed').count() == 1
    assert page.text_content("#reviewed") == "7"

    page.keyboard.press("Control+s")
    page.wait_for_function("() => !window.reviewState.dirty")
    assert page.text_content("#saved-state") == "saved"

    page.reload()
    open_page(page, server)
    again = rows(page)
    assert len(again) == 53
    assert [r[1] for r in again[:8]] == ["edited"] * 4 + ["unreviewed", "confirmed",
                                                          "confirmed", "edited"]
    assert [r[2] for r in again[:4]] == ["1-1", "1-2", "1-2", "1-2"]
    assert page.locator('.row[data-bead="7"] .src .sent').first.text_content() == fixed
    assert page.get_attribute('.row[data-bead="7"] .sent.changed', "title") \
        == f"before correction: {original}"

    from translate.storage.tmx import tmxfile

    units = tmxfile((folder / "beijing.tmx").read_bytes()).units
    props = {u.source: {e.get("type"): e.text for e in u.xmlelement.iter("prop")}
             for u in units}
    edited = next(s for s in props if s.startswith(fixed))
    assert props[edited]["x-review-state"] == "edited"
    assert props[edited]["x-original-source"].startswith(original)
    states = [p["x-review-state"] for p in props.values()]
    assert states.count("confirmed") == 2 and states.count("edited") == 5

    assert page.errors == []
    assert all(u.startswith(server.origin + "/") or u.startswith("data:")
               for u in page.requests_seen), page.requests_seen


def test_posts_without_the_token_or_from_elsewhere_get_403(
        served: tuple[ReviewServer, Path], page: Any) -> None:
    server, folder = served
    open_page(page, server)
    status = page.evaluate("""async () => (await fetch('/api/save', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: '{"version": 0}'})).status""")
    assert status == 403
    r = page.request.post(f"{server.origin}/api/save", data=json.dumps({"version": 0}),
                          headers={"X-Review-Token": server.token,
                                   "Origin": "http://evil.example",
                                   "Content-Type": "application/json"})
    assert r.status == 403
    assert not (folder / "beijing.tmx").exists()


def test_filters_help_and_overview(served: tuple[ReviewServer, Path], page: Any) -> None:
    server, _ = served
    open_page(page, server)
    page.select_option("#filter", "findings")
    flagged = rows(page)
    kinds = [r[2] for r in flagged]
    assert 0 < len(flagged) < 53 and "1-0" in kinds and "0-1" in kinds
    page.select_option("#filter", "confidence")
    confs = page.eval_on_selector_all(".row[data-bead] .conf",
                                      "els => els.map(e => +e.textContent)")
    assert confs == sorted(confs) and len(confs) == 53
    page.select_option("#filter", "unreviewed")
    assert len(rows(page)) == 53
    page.keyboard.press("Home")
    v = key(page, " ", 1)
    assert len(rows(page)) == 52 and page.evaluate("window.reviewState.cur") == rows(page)[0][0]
    assert v == 1

    page.keyboard.press("?")
    assert page.is_visible("#help")
    page.keyboard.press("Escape")
    assert not page.is_visible("#help")

    box = page.locator("#strip").bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    assert page.evaluate("window.reviewState.cur") == 52
    page.mouse.click(box["x"] + 1, box["y"] + box["height"] / 2)  # bead 1: confirmed
    assert page.evaluate("[window.reviewState.cur, window.reviewState.filter]") == [0, "all"]
    page.fill("#jump", "20")
    page.keyboard.press("Enter")
    assert page.evaluate("window.reviewState.cur") == 19


def test_a_book_of_30000_beads_shows_one_page(browser: Any, tmp_path: Path) -> None:
    """Only one page of rows is in the DOM; End and edits work on the last bead.
    Timings are printed (see bench/bench_review.py), never asserted."""
    from align.review.session import ReviewSession

    n = 30_000
    src = tuple(Segment(f"第{i}句话。", "zh", i) for i in range(n))
    tgt = tuple(Segment(f"Sentence number {i}.", "en", i) for i in range(n))
    beads = tuple(Bead((i,), (i,), 0.3 + 0.7 * ((i * 7919) % 100) / 100) for i in range(n))
    session = ReviewSession(Alignment(src, tgt, beads),
                            save=lambda a: [str(tmp_path / "x.tsv")])
    server = ReviewServer(session)
    server.start()
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server.url)
        page.wait_for_selector(".row[data-bead]")
        assert page.locator(".row[data-bead]").count() == 100
        assert "1–100 of 30,000 shown" in page.text_content("#pager-top")
        page.keyboard.press("End")
        assert rows(page)[-1][0] == n - 1 and page.locator(".row[data-bead]").count() == 100
        key(page, "Enter", 1)
        assert rows(page)[-1][1] == "confirmed"
        t = page.evaluate("window.reviewState.timings")
        print(f"\n30,000 beads: first screen {t['firstScreenMs']:.0f} ms after navigation "
              f"start, confirm {t['edits'][-1]['ms']:.1f} ms")
        page.close()
    finally:
        server.stop()
