"""The dashboard served from a thread of this process: for a notebook, a script that goes on, or tests.

::

    from civicnet.web import create_app
    from civicnet.web.background import serve_in_background

    with serve_in_background(create_app([Path("case.yaml")])) as url:
        print(url)                                  # http://127.0.0.1:PORT, a free port
        ...                                          # the dashboard answers until the block ends

Bound to ``127.0.0.1`` only (a background server never needs a token); the port is a free
one the operating system gives. The application's stores are closed when the block ends.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from ..errors import MissingDependency

#: How long to wait for the server to accept connections before giving up.
START_TIMEOUT_S = 20.0


@contextmanager
def serve_in_background(app, *, start_timeout: float = START_TIMEOUT_S) -> Iterator[str]:
    """Serve ``app`` (from :func:`civicnet.web.create_app`) on a free loopback port; yield its URL."""
    try:
        import uvicorn
    except ImportError:
        raise MissingDependency("the dashboard (civicnet serve)", "web") from None
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           server_header=False))
    thread = threading.Thread(target=server.run, name="civicnet-dashboard", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        if not server.started:
            raise RuntimeError(f"the dashboard did not start on 127.0.0.1:{port} within {start_timeout:.0f} s")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        workspace = getattr(app.state, "workspace", None)
        if workspace is not None:
            workspace.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
