"""A fake platform API over httpx.MockTransport, a fake clock, and pages cut from real fixtures."""

from __future__ import annotations

import copy
import gzip
import json
from datetime import datetime, timezone
from pathlib import Path

import httpx

from civicnet.case import parse_case
from civicnet.collect.http import Clock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
T0 = datetime(2024, 10, 12, 12, 0, tzinfo=timezone.utc)


def load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class FakeClock(Clock):
    """Time that moves only when slept; every sleep is recorded; ``on_sleep`` runs after each."""

    def __init__(self, start: datetime = T0):
        self.t = start.timestamp()
        self.m = 1000.0
        self.sleeps: list[float] = []
        self.on_sleep = None

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.t, timezone.utc)

    def monotonic(self) -> float:
        return self.m

    def advance(self, seconds: float) -> None:
        self.t += seconds
        self.m += seconds

    def sleep(self, seconds, stop=None) -> bool:
        if stop is not None and stop.is_set():
            return False
        self.sleeps.append(round(seconds, 3))
        self.advance(max(0.0, seconds))
        if self.on_sleep:
            self.on_sleep(self)
        return not (stop is not None and stop.is_set())


class Api:
    """Routes (method, host, path, params) to queued responses; records every request.

    A route's responses are served in order; the last one repeats. A response may be
    an ``httpx.Response``, an exception to raise (a network failure), or a callable
    taking the request.
    """

    def __init__(self):
        self.routes: list[dict] = []
        self.calls: list[httpx.Request] = []

    def add(self, url: str, *responses, method: str = "GET", params: dict | None = None) -> "Api":
        u = httpx.URL(url)
        self.routes.append({"method": method, "host": u.host, "path": u.path, "params": params or {},
                            "responses": list(responses)})
        self.routes.sort(key=lambda r: -len(r["params"]))
        return self

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        for route in self.routes:
            if (route["method"], route["host"], route["path"]) != (request.method, request.url.host, request.url.path):
                continue
            if any(request.url.params.get(k) != str(v) for k, v in route["params"].items()):
                continue
            answer = route["responses"][0] if len(route["responses"]) == 1 else route["responses"].pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer(request) if callable(answer) else answer
        return httpx.Response(404, json={"error": f"no fake route for {request.method} {request.url}"})

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)

    def paths(self) -> list[str]:
        return [c.url.path for c in self.calls]


def ok(body, headers: dict | None = None, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers or {})


def write_case(tmp_path: Path, collect: list[dict], **extra) -> Path:
    import yaml

    path = tmp_path / "case.yaml"
    data = {"id": "live", "title": "Live collection", **extra, "collect": collect}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def case_of(tmp_path: Path, collect: list[dict], **extra):
    data = {"id": "live", "title": "Live collection", **extra, "collect": collect}
    return parse_case(data, tmp_path / "case.yaml")


def lines(folder: Path) -> list[dict]:
    """Every page written in a folder's parts, in order."""
    out = []
    for part in sorted(folder.glob("part-*.jsonl.gz")):
        out.extend(json.loads(line) for line in gzip.decompress(part.read_bytes()).splitlines())
    return out


def manifest(folder: Path) -> list[dict]:
    path = folder / "manifest.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def every_output_byte(root: Path) -> bytes:
    """All files under root, gzip parts decompressed, concatenated (to look for secrets)."""
    out = b""
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out += gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return out


# -- pages cut from the real fixtures ------------------------------------------------------------

OVERHEID = "https://social.overheid.nl/api/v1"


def mastodon_pages(account_id: str = "110203337788100001"):
    """The 8 statuses of the social.overheid.nl fixture as 3 pages with Link headers (limit 3)."""
    statuses = load("mastodon_overheid_statuses.json")
    chunks = [statuses[0:3], statuses[3:6], statuses[6:8]]
    url = f"{OVERHEID}/accounts/{account_id}/statuses"
    pages = []
    for n, chunk in enumerate(chunks):
        link = [f'<{url}?limit=3&min_id={chunk[0]["id"]}>; rel="prev"']
        if n < len(chunks) - 1:
            link.insert(0, f'<{url}?limit=3&max_id={chunk[-1]["id"]}>; rel="next"')
        pages.append((chunk, {"Link": ", ".join(link), "X-RateLimit-Limit": "300",
                              "X-RateLimit-Remaining": str(299 - n), "X-RateLimit-Reset": "2024-10-12T12:05:00.000Z"}))
    return url, statuses, pages


def bluesky_feed_pages():
    feed = load("bluesky_getAuthorFeed_denhaag.json")["feed"]
    return [{"feed": feed[:3], "cursor": "2024-10-11T09:40:00.000Z"}, {"feed": feed[3:]}]


def x_search_pages():
    """The twarc2 fixture page as two API v2 pages (without twarc's own metadata)."""
    page = load("twitter_v2_twarc2_page_TRIMMED.json")
    page.pop("__twarc")
    first, second = copy.deepcopy(page), copy.deepcopy(page)
    first["data"], second["data"] = page["data"][:2], page["data"][2:]
    first["meta"] = {"newest_id": page["data"][0]["id"], "oldest_id": page["data"][1]["id"], "result_count": 2,
                     "next_token": "b26v89c19zqg8o3fostqs9sdj5y8pqyhj4w073tvyk7lp"}
    second["meta"] = {"newest_id": page["data"][2]["id"], "oldest_id": page["data"][3]["id"], "result_count": 2}
    return first, second
