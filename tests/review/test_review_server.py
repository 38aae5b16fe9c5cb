"""The review server over real HTTP on 127.0.0.1 (served from a thread): token,
origin and host checks, the JSON API and the page's headers. The browser tests drive
the same server through Chromium."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from align.review.server import HEADERS, ReviewServer
from align.review.session import ReviewSession
from align.types import Alignment

TOKEN = "s3cret-token"


@dataclass
class Response:
    status_code: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


class Client:
    """A tiny HTTP client for one server (http.client sends every header as given)."""

    def __init__(self, server: ReviewServer) -> None:
        self.port = server.port
        self.origin = server.origin
        self.good = {"X-Review-Token": TOKEN, "Origin": server.origin}

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()},
                            r.read().decode("utf-8"))
        finally:
            conn.close()

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, json_body: Any = None, headers: dict[str, str] | None = None,
             content: bytes | None = None) -> Response:
        body = content if content is not None else json.dumps(json_body).encode()
        return self.request("POST", path, body,
                            {"Content-Type": "application/json", **(headers or {})})


@pytest.fixture()
def saved() -> list[Alignment]:
    return []


@pytest.fixture()
def client(al: Alignment, saved: list[Alignment]) -> Iterator[Client]:
    def save(a: Alignment) -> list[str]:
        saved.append(a)
        return ["a.tsv"]

    session = ReviewSession(al, save=save, meta={"name": "a.tsv"})
    server = ReviewServer(session, token=TOKEN)
    server.start()
    try:
        yield Client(server)
    finally:
        server.stop()


def test_page_needs_the_token(client: Client) -> None:
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    r = client.get(f"/?token={TOKEN}")
    assert r.status_code == 200 and 'src="/static/review.js"' in r.text
    for k, v in HEADERS.items():
        assert r.headers[k] == v
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_static_assets_need_no_token(client: Client) -> None:
    r = client.get("/static/review.js")
    assert r.status_code == 200 and "X-Review-Token" in r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/../session.py").status_code == 404


def test_page_assets_are_all_local(client: Client) -> None:
    page = client.get(f"/?token={TOKEN}").text + client.get("/static/review.js").text \
        + client.get("/static/review.css").text
    assert "http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page


def test_api_get_needs_the_token(client: Client) -> None:
    assert client.get("/api/alignment").status_code == 403
    r = client.get("/api/alignment", headers={"X-Review-Token": TOKEN})
    assert r.status_code == 200 and len(r.json()["beads"]["c"]) == 5


@pytest.mark.parametrize(("headers", "why"), [
    ({}, "missing or wrong token"),
    ({"Origin": "ORIGIN"}, "missing or wrong token"),
    ({"X-Review-Token": "nope", "Origin": "ORIGIN"}, "missing or wrong token"),
    ({"X-Review-Token": TOKEN}, "must come from the review page"),
    ({"X-Review-Token": TOKEN, "Origin": "http://evil.example"}, "must come from the review page"),
    ({"X-Review-Token": TOKEN, "Origin": "null"}, "must come from the review page"),
], ids=["nothing", "origin-only", "wrong-token", "no-origin", "foreign-origin", "null-origin"])
def test_post_is_refused(client: Client, saved: list[Alignment], headers: dict[str, str],
                         why: str) -> None:
    headers = {k: client.origin if v == "ORIGIN" else v for k, v in headers.items()}
    for path in ("/api/save", "/api/edit", "/api/undo"):
        r = client.post(path, {"version": 0, "op": "confirm", "bead": 0}, headers=headers)
        assert (r.status_code, why in r.text) == (403, True)
    assert saved == []


def test_token_in_the_query_does_not_authorise_a_post(client: Client) -> None:
    r = client.post(f"/api/save?token={TOKEN}", {"version": 0},
                    headers={"Origin": client.origin})
    assert r.status_code == 403


def test_foreign_host_is_refused(client: Client) -> None:
    r = client.get(f"/?token={TOKEN}", headers={"Host": f"evil.example:{client.port}"})
    assert r.status_code == 403 and "unknown host" in r.text


def test_edit_undo_redo_save(client: Client, saved: list[Alignment]) -> None:
    r = client.post("/api/edit", {"version": 0, "op": "merge", "bead": 0}, headers=client.good)
    d = r.json()
    assert r.status_code == 200 and (d["start"], d["removed"], len(d["beads"])) == (0, 2, 1)
    assert d["version"] == 1 and d["dirty"] and d["counts"]["edited"] == 1
    d = client.post("/api/undo", {"version": 1}, headers=client.good).json()
    assert (d["start"], d["removed"], len(d["beads"]), d["redo"]) == (0, 1, 2, 1)
    d = client.post("/api/redo", {"version": 2}, headers=client.good).json()
    assert d["counts"]["total"] == 4
    d = client.post("/api/save", {"version": 3}, headers=client.good).json()
    assert d["written"] == ["a.tsv"] and not d["dirty"]
    assert [b.status for b in saved[0].beads][:1] == ["edited"]


def test_stale_version_is_a_conflict(client: Client) -> None:
    r = client.post("/api/edit", {"version": 7, "op": "merge", "bead": 0}, headers=client.good)
    assert r.status_code == 409 and r.json()["version"] == 0


def test_bad_edit_is_a_one_line_error(client: Client) -> None:
    r = client.post("/api/edit", {"version": 0, "op": "merge", "bead": 4}, headers=client.good)
    assert r.status_code == 400
    assert r.json()["error"] == "bead 5 is the last; there is no next bead to merge it with"
    r = client.post("/api/edit", content=b"[1]", headers=client.good)
    assert r.status_code == 400


def test_findings_and_terms(client: Client) -> None:
    h = {"X-Review-Token": TOKEN}
    d = client.get("/api/findings", headers=h).json()
    assert d["findings"]["3"][0]["kind"] == "addition" and not d["checking"]
    d = client.get("/api/terms?beads=0,1,99", headers=h).json()
    assert d["terms"] == {"0": [[[]], [[]]], "1": [[[], []], [[]]]}
    assert client.get("/api/terms?beads=x", headers=h).status_code == 400


def test_a_port_in_use_is_a_one_line_error(al: Alignment) -> None:
    import socket

    from align.errors import AlignError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(AlignError, match=f"cannot listen on 127.0.0.1:{port}"):
            ReviewServer(ReviewSession(al), port=port)


def test_it_listens_on_127_0_0_1_only(client: Client) -> None:
    import socket

    assert client.origin.startswith("http://127.0.0.1:")
    addresses = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None)
                 if a[0] == socket.AF_INET} - {"127.0.0.1", "127.0.1.1"}
    for address in addresses:  # the machine's other addresses do not answer
        with socket.socket() as s, pytest.raises(OSError):
            s.settimeout(2)
            s.connect((address, client.port))
