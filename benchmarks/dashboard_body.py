"""Benchmark: the dashboard's request-body limit keeps memory flat under a 200 MiB POST.

Starts ``civicnet serve`` on a small generated case in a child process, reads its resident
memory (``/proc/PID/status``: VmRSS, and the peak VmHWM), then POSTs 200 MiB to
``/api/reply-check`` twice — once announced by ``Content-Length``, once streamed in chunks
without it — and reads the peak again. Before the limit (issue 21) the peak rose from 206
to 808 MB; the guard refuses the body (413) after at most 256 KiB, so the peak must stay
within 64 MB of where it was.

    .venv/bin/python benchmarks/dashboard_body.py [MiB]      # exits 1 when the peak grew too much
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CIVICNET = Path(sys.executable).parent / "civicnet"
ALLOWED_GROWTH_MB = 64


def _case(folder: Path) -> Path:
    users = [{"id": str(i), "username": f"burger{i}", "name": f"Burger {i}"} for i in range(1, 30)]
    users.append({"id": "100", "username": "gemeenteX", "name": "Gemeente X"})
    tweets = [{"id": str(1000 + i), "author_id": str(1 + i % 29), "text": f"@gemeenteX vraag {i}?",
               "created_at": f"2014-03-0{1 + i % 5}T10:{i % 60:02d}:00.000Z",
               "entities": {"mentions": [{"start": 0, "end": 10, "username": "gemeenteX", "id": "100"}]}}
              for i in range(200)]
    (folder / "p.jsonl").write_text(json.dumps({"data": tweets, "includes": {"users": users}}) + "\n")
    case = folder / "case.yaml"
    case.write_text("id: body\ntitle: Body\nsources: [{format: twitter-v2, path: p.jsonl}]\n"
                    "government: [{handle: gemeenteX}]\n")
    return case


def _memory(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def _post(port: int, mib: int, announced: bool) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    chunk = b"x" * (1 << 20)
    headers = {"Host": "127.0.0.1", "Content-Type": "application/json"}
    if announced:
        headers["Content-Length"] = str(mib * len(chunk))
    else:
        headers["Transfer-Encoding"] = "chunked"
    conn.putrequest("POST", "/api/reply-check", skip_host=True)
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.endheaders()
    try:
        for _ in range(mib):
            conn.send(chunk if announced else b"%x\r\n%s\r\n" % (len(chunk), chunk))
        if not announced:
            conn.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and closed before the body was sent: as it should
    status = conn.getresponse().status
    conn.close()
    return status


def main(mib: int = 200) -> int:
    with tempfile.TemporaryDirectory(prefix="civicnet-body-") as tmp:
        case = _case(Path(tmp))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([str(CIVICNET), "serve", str(case), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        print("the dashboard did not start:", server.stderr.read().decode()[-2000:])
                        return 1
                    time.sleep(0.2)
            rss, peak_before = _memory(server.pid)
            print(f"dashboard started: RSS {rss:.0f} MB, peak {peak_before:.0f} MB")
            for announced in (True, False):
                status = _post(port, mib, announced)
                rss, peak = _memory(server.pid)
                how = "with Content-Length" if announced else "chunked"
                print(f"POST {mib} MiB {how}: HTTP {status}; RSS {rss:.0f} MB, peak {peak:.0f} MB")
                if status != 413:
                    print("expected 413")
                    return 1
            growth = peak - peak_before
            print(f"peak grew by {growth:.0f} MB (allowed: {ALLOWED_GROWTH_MB} MB)")
            return 0 if growth <= ALLOWED_GROWTH_MB else 1
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
