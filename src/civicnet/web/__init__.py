"""A local dashboard over the store: a case's network, messages, timeline and webcare queue.

::

    from civicnet.web import serve, create_app
    serve([Path("case.yaml")])                      # http://127.0.0.1:8765, until Ctrl-C
    app = create_app([Path("case.yaml")])           # the ASGI app (FastAPI), e.g. for tests

Needs the optional extra ``civicnet[web]`` (FastAPI and uvicorn); without it both
raise :class:`~civicnet.errors.MissingDependency` with the install hint. Modules:
:mod:`.app` (application, ``serve``), :mod:`.routes` (JSON API), :mod:`.security`
(hosts, token, headers, error shape), :mod:`.workspace` (read-only stores, cursors,
cache), :mod:`.netview` (the network as the browser gets it), :mod:`.queries`,
:mod:`.inbox`, :mod:`.files`; ``static/`` holds the page, its scripts and the bundled
sigma.js and graphology builds. See docs/dashboard.md.
"""

from __future__ import annotations


def create_app(case_paths, **options):
    """The dashboard application; see :func:`civicnet.web.app.create_app`."""
    from .app import create_app as _create

    return _create(case_paths, **options)


def serve(case_paths, **options) -> None:
    """Serve the dashboard; see :func:`civicnet.web.app.serve`."""
    from .app import serve as _serve

    _serve(case_paths, **options)


__all__ = ["create_app", "serve"]
