"""The review workbench's web server: a thin Starlette layer over a
:class:`~align.review.session.ReviewSession`, served by uvicorn on 127.0.0.1 only.

Security (the page edits files on the translator's disk, and a hostile page may be
open in the same browser):

* it listens on 127.0.0.1 and answers only requests whose ``Host`` is that address
  (or ``localhost``) with its port, which stops DNS rebinding;
* every request but the static assets must carry the per-run secret token (in the
  URL :class:`ReviewServer` prints, as Jupyter does; the page sends it back in an
  ``X-Review-Token`` header);
* every request that changes or saves anything must be a POST with that header and
  an ``Origin`` equal to the page's own, so a page elsewhere cannot post to it (and
  a custom header makes the browser ask first, which this server never allows);
* anything else gets 403. The page loads nothing from the internet: its script and
  stylesheet are package files, and a Content-Security-Policy forbids the rest.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from align.errors import AlignError
from align.review.session import Change, ReviewSession

STATIC = Path(str(files("align.review") / "static"))
TOKEN_HEADER = "x-review-token"
#: Most beads whose terms one request asks for (a page of the list).
MAX_TERM_BEADS = 500
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
}


class Guard:
    """ASGI middleware: the host, token and origin checks of the module doc, and the
    security headers on every answer."""

    def __init__(self, app: ASGIApp, *, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{h}" for h in self.hosts}

    def refusal(self, request: Request) -> str | None:
        """Why ``request`` is refused, or None."""
        if request.headers.get("host") not in self.hosts:
            return "unknown host; open the address align review printed"
        path = request.url.path
        if path.startswith("/static/"):
            return None
        given = request.headers.get(TOKEN_HEADER)
        if request.method == "GET" and given is None:
            given = request.query_params.get("token")
        if not given or not secrets.compare_digest(given, self.token):
            return "missing or wrong token; open the address align review printed"
        if request.method == "POST" and (request.headers.get(TOKEN_HEADER) is None
                                         or request.headers.get("origin") not in self.origins):
            return "a change must come from the review page itself"
        if request.method not in ("GET", "POST"):
            return "method not allowed"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        why = self.refusal(Request(scope))
        if why is not None:
            await PlainTextResponse(why, 403, headers=HEADERS)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in HEADERS.items():
                    headers[k] = v
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status)


def create_app(session: ReviewSession, *, token: str, port: int) -> ASGIApp:
    """The ASGI application serving ``session`` (see the module doc)."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")

    async def index(request: Request) -> Response:
        return HTMLResponse(page)

    async def alignment(request: Request) -> Response:
        return Response(await run_in_threadpool(session.payload_json),
                        media_type="application/json")

    async def findings(request: Request) -> Response:
        return _json(await run_in_threadpool(session.findings_payload))

    async def terms(request: Request) -> Response:
        try:
            beads = [int(x) for x in request.query_params.get("beads", "").split(",") if x]
        except ValueError:
            return _json({"error": "beads: give bead positions separated by commas"}, 400)
        return _json(await run_in_threadpool(session.terms_payload, beads[:MAX_TERM_BEADS]))

    def changing(work: Callable[[dict[str, Any]], Any]
                 ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                body = await request.json()
            except ValueError:
                return _json({"error": "expected a JSON object"}, 400)
            if not isinstance(body, dict):
                return _json({"error": "expected a JSON object"}, 400)
            if body.get("version") != session.version:
                return _json({"error": "the alignment changed elsewhere (another tab?); "
                                       "reload the page", **session.status()}, 409)
            try:
                return _json(await run_in_threadpool(work, body))
            except AlignError as e:
                return _json({"error": str(e), **session.status()}, 400)
        return endpoint

    def change(c: Change | None) -> dict[str, Any]:
        return session.change_payload(c)

    routes = [
        Route("/", index),
        Route("/api/alignment", alignment),
        Route("/api/findings", findings),
        Route("/api/terms", terms),
        Route("/api/edit", changing(lambda b: change(session.apply(b))), methods=["POST"]),
        Route("/api/undo", changing(lambda b: change(session.undo())), methods=["POST"]),
        Route("/api/redo", changing(lambda b: change(session.redo())), methods=["POST"]),
        Route("/api/save", changing(lambda b: {"written": session.save(),
                                               **session.status()}), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Guard(Starlette(routes=routes), token=token, port=port)


class ReviewServer:
    """A review session served on 127.0.0.1 (port 0: any free port).

    The socket is bound when the server is made, so :attr:`url` is known before it
    runs. :meth:`run` serves until Ctrl-C; :meth:`start`/:meth:`stop` serve from a
    thread (tests, benchmarks).
    """

    def __init__(self, session: ReviewSession, *, port: int = 0,
                 token: str | None = None) -> None:
        import uvicorn

        self.session = session
        session.payload_json()  # made now, while nobody waits for it
        self.token = token or secrets.token_urlsafe(24)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.socket.bind(("127.0.0.1", port))
        except OSError as e:
            self.socket.close()
            raise AlignError(f"cannot listen on 127.0.0.1:{port} ({e.strerror}); choose "
                             "another --port, or 0 for any free one") from None
        self.socket.listen(64)
        self.port = int(self.socket.getsockname()[1])
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.origin}/?token={self.token}"
        app = create_app(session, token=self.token, port=self.port)
        config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False,
                                lifespan="off", proxy_headers=False, server_header=False)
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve until Ctrl-C (or :meth:`stop`)."""
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self.socket.close()

    def start(self, timeout: float = 10.0) -> None:
        """Serve from a background thread; return once it answers."""
        self._thread = threading.Thread(target=self.run, daemon=True, name="align-review")
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise AlignError("the review server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop serving (and wait for the thread of :meth:`start`)."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
