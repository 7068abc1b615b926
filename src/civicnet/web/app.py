"""The dashboard application: the pages, the static files and the read-only JSON API.

Routes (the OpenAPI description is at ``/api/openapi.json``, readable at ``/api-docs``):

* ``/`` the dashboard page; ``/static/…`` its scripts, styles and the bundled
  sigma.js and graphology builds;
* ``/api/cases`` the served cases; ``/api/cases/{case}`` the case overview (the
  factsheet's figures); ``…/network`` the network (bounded to ``max_nodes``);
  ``…/network/search`` and ``…/network/neighbourhood`` every other account;
  ``…/messages`` messages per community, account, thread, day, kind or text;
  ``…/account`` one account; ``…/timeline`` the timeline with its peaks;
  ``…/inbox`` the webcare queue; ``…/files`` downloads; ``/api/reply-check``
  checks a draft answer.

Every list is paginated (``limit`` at most 500, ``offset``) and every JSON error has
one shape (:func:`civicnet.web.security.error_body`).
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Optional

from ..errors import CivicnetError, InputError, MissingDependency, StoreLocked
from .security import LOOPBACK_HOSTS, Guard, error_body
from .workspace import Workspace

STATIC = Path(__file__).parent / "static"


def _fastapi():
    try:
        import fastapi
        import starlette  # noqa: F401
    except ImportError:
        raise MissingDependency("the dashboard (civicnet serve)", "web") from None
    return fastapi


def create_app(case_paths: list[Path], *, token: str | None = None, pseudonymise: bool = False,
               max_nodes: int = 2000, store_path: str | Path | None = None,
               allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS, allow_outside: bool = False,
               lang: str | None = None):
    """The dashboard as an ASGI application (FastAPI) over the cases' stores.

    Parameters
    ----------
    case_paths
        case files to serve; each is imported into its store first (idempotent).
    token
        when given, every request must carry it (see :mod:`civicnet.web.security`).
    pseudonymise
        show citizens' identifiers and names in texts as pseudonyms, as the factsheet does.
    max_nodes
        the browser gets at most this many accounts of a network.
    store_path
        the store to use instead of each case's ``.civicnet/store.duckdb``.
    allowed_hosts
        host names requests may carry (None: any; the default admits loopback names only).
    allow_outside
        case files may read sources outside their folders (:func:`~civicnet.case.load_case`).
    lang
        ``nl`` or ``en``: the language of everything the page shows (labels, figures, the
        overview's sentences, inbox reasons, reply-check explanations); default the first
        case's language.
    """
    fastapi = _fastapi()
    from fastapi.exceptions import RequestValidationError
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException

    if token is not None:
        check_token(token, "127.0.0.1")
    if max_nodes < 1:
        raise InputError("max_nodes must be at least 1")
    if lang is not None and lang not in ("nl", "en"):
        raise InputError(f"unknown language {lang!r}; choose nl or en")
    workspace = Workspace([Path(p) for p in case_paths], pseudonymise=pseudonymise, store_path=store_path,
                          allow_outside=allow_outside)
    JSONResponse = shown_json()
    app = fastapi.FastAPI(title="civicnet dashboard", version="1", docs_url=None, redoc_url=None,
                          default_response_class=JSONResponse,
                          openapi_url="/api/openapi.json",
                          description="Read-only JSON API over the cases served by `civicnet serve`.")
    app.state.workspace = workspace
    app.state.max_nodes = max_nodes
    app.state.lang = lang or next(iter(workspace.cases.values())).case.language

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc):
        return JSONResponse(error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request, exc):
        detail = [{"where": ".".join(str(x) for x in e.get("loc", ())), "problem": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse(error_body(422, "invalid request parameters", detail), status_code=422)

    @app.exception_handler(CivicnetError)
    async def civicnet_error(request, exc):
        busy = isinstance(exc, (MissingDependency, StoreLocked))
        status = 400 if isinstance(exc, InputError) else 503 if busy else 500
        return JSONResponse(error_body(status, str(exc)), status_code=status)

    @app.exception_handler(Exception)
    async def any_error(request, exc):
        return JSONResponse(error_body(500, f"internal error ({type(exc).__name__})"), status_code=500)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _pages(app)
    from .routes import register

    register(app, workspace)
    app.add_middleware(Guard, token=token, allowed_hosts=allowed_hosts)
    return app


def shown_json():
    """FastAPI's JSON response, without bidirectional controls in any string (:mod:`civicnet.display`)."""
    import json

    from fastapi.responses import JSONResponse

    from ..display import strip_bidi

    class ShownJSON(JSONResponse):
        def render(self, content) -> bytes:
            text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            return strip_bidi(text).encode("utf-8")

    return ShownJSON


def _pages(app) -> None:
    from fastapi.responses import FileResponse, HTMLResponse, Response

    @app.get("/", include_in_schema=False)
    def index():
        return HTMLResponse(page(app.state.lang))

    @app.get("/labels.js", include_in_schema=False)
    def labels():
        return Response(labels_script(app.state.lang), media_type="text/javascript; charset=utf-8")

    @app.get("/api-docs", include_in_schema=False)
    def api_docs():
        return FileResponse(STATIC / "apidocs.html", media_type="text/html")


def page(lang: str) -> str:
    """The dashboard page in ``lang``: every label from the catalogue (civicnet/reports/locale)."""
    import jinja2

    from ..reports.i18n import Catalogue

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string((STATIC / "index.html").read_text(encoding="utf-8"))
    return template.render(lang=lang, t=Catalogue(lang))


def labels_script(lang: str) -> str:
    """``/labels.js``: the catalogue in ``lang`` for the page's scripts (``window.CN_LABELS``), a
    script of our own so the page's policy (scripts from the dashboard only, none inline) holds."""
    import json

    from ..reports.i18n import Catalogue

    t = Catalogue(lang)
    return f'"use strict";\nwindow.CN_LABELS = {json.dumps({k: t(k) for k in sorted(t.keys())}, ensure_ascii=False)};\n'


def serve(case_paths: list[Path], *, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          pseudonymise: bool = False, max_nodes: int = 2000, store_path: str | Path | None = None,
          allow_outside: bool = False, lang: str | None = None) -> None:
    """Serve the dashboard with uvicorn until interrupted.

    Bound to ``127.0.0.1`` by default. Bound to any other address the dashboard is
    reachable by others, so a ``token`` is then required: without one it refuses to
    start (:class:`~civicnet.errors.InputError`).
    """
    from .security import is_loopback

    check_token(token, host)
    check_port(host, port)
    try:
        import uvicorn
    except ImportError:
        raise MissingDependency("the dashboard (civicnet serve)", "web") from None
    loopback = is_loopback(host)
    app = create_app(case_paths, token=token, pseudonymise=pseudonymise, max_nodes=max_nodes,
                     store_path=store_path, allowed_hosts=LOOPBACK_HOSTS + (host,) if loopback else None,
                     allow_outside=allow_outside, lang=lang)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        app.state.workspace.close()


def check_port(host: str, port: int) -> None:
    """Refuse a port another program listens on (an earlier `civicnet serve`), in one line, before the
    cases are loaded: uvicorn would say it only after loading them, in its own words, with exit status 3."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"cannot serve on {host}: {exc.strerror}; give --host an address of this machine") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a closed port's TIME_WAIT is no use
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is in use (by another `civicnet serve`?); "
                                 "stop that program or choose another with --port") from None
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise InputError(f"port {port} on {host} may not be used by this user; "
                                 "choose one above 1023 with --port") from None
            raise InputError(f"cannot serve on {host}:{port} ({exc.strerror}); choose another --host or --port") from None


def check_token(token: str | None, host: str) -> None:
    """Refuse a non-loopback address without a token, and tokens that are too weak."""
    from .security import is_loopback

    if token is None:
        if not is_loopback(host):
            raise InputError(f"serving on {host} makes the dashboard reachable by others: give a token "
                             "(--token, at least 16 letters, digits, '-' or '_'), or serve on 127.0.0.1")
        return
    if len(token) < 16 or not all(c.isascii() and (c.isalnum() or c in "-_") for c in token):
        raise InputError("the token must be at least 16 letters, digits, '-' or '_' "
                         "(python -c 'import secrets; print(secrets.token_urlsafe())' makes one)")


def parse_day(value: Optional[str], name: str) -> date | None:
    """A ``YYYY-MM-DD`` query parameter, or an input error that names it."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"`{name}` must be a date YYYY-MM-DD, not {value!r}") from None


def temp_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="civicnet-web-"))


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


