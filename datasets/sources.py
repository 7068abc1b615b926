"""Readers of the public snapshots the labelled-data pools are built from.

Each source is one file set at one commit of one public repository (datasets/README.md,
"Provenance"). A snapshot is read with git from the mirror folder that the search tool's
``fetch`` fills (``MIRROR/<owner>+<name>/repo``), never from the network. A reader turns
the files into ``Record`` objects: one message each, with the original id the source
gives it (a tweet id, or the row of a CSV file when the source has no ids).

Standard library only (used by datasets/extract.py).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

TK = ("rmfaber/TK", "25bea965b9051e89f0ca5fb1d86e1c742a2e702b")
PARTIES = ("mrbrandsma/master-thesis-populism", "0b7b4cc85b6e84cb993e9c612298b5405ed8b5fa")
PARTIES_RAW = ("mrbrandsma/master-thesis-populism", "050b66bd475cd69afbdff0d2dc7ba455065b1dc3")
MPS2020 = ("cltl-students/Eva_Zegelaar_Emotion_Classification_Dutch_Political_Tweets",
           "03d38d68baac32a3bad0956724f7d6c0b1cba3b6")
REPORTS = ("maartensukel/example-textual-classification-citizen-reports",
           "47c930d33259d8ae3c55bb4bcafd37afb0e26503")

TK_FOLDER = "Data/Textfiles/"
TK_NOT_MEMBERS = ("roel_faber",)  # the collector's own timeline, copied into three files
PARTY_FILES = ("data/large_data/dev.csv", "data/large_data/test.csv")
PARTY_ACCOUNTS = "data/party_data_small.json"
RAW_PARTY_FILES = ("data/rutte_iii/dev.csv", "data/rutte_iii/test.csv")
RAW_PARTY_ACCOUNTS = "data/party_data.json"
MPS2020_FILE = "Initial Preprocessing/example_raw_tweets.csv"
REPORTS_FILE = "voorbeeld_meldingen.csv"
REPORTS_ADDRESSEE = "gemeente-amsterdam"  # the city whose report form the repository describes
HANDLE = re.compile(r"(?<![\w@])@(\w{1,15})")
RETWEET = re.compile(r"^RT @(\w+): ", re.S)
LEADING = re.compile(r"^\s*(?:@\w{1,15}[\s,:]*)+")


class SourceError(Exception):
    """A snapshot or file that cannot be read; the message says what to do."""


@dataclass(frozen=True)
class Record:
    """One message of a source, before the privacy treatment."""

    source: str
    original_id: str
    platform: str
    created_at: str
    text: str
    author: str = ""            # handle, or "" when the source does not name the author
    truncated: bool = False     # the source holds a shortened text (ends in "…")
    addressed: tuple[str, ...] = field(default=())  # handles the message is written to


class Snapshot:
    """Files of one repository at one commit, read with ``git show`` from the mirror."""

    def __init__(self, mirror: Path, repo: str, commit: str):
        self.repo, self.commit = repo, commit
        folder = Path(mirror) / repo.replace("/", "+") / "repo"
        self.git_dir = folder / ".git" if (folder / ".git").is_dir() else folder

    def _git(self, *args: str) -> bytes:
        if not (self.git_dir / "objects").is_dir():
            raise SourceError(f"no snapshot of {self.repo} under {self.git_dir.parent.parent}; "
                              f"bring it with the search tool: fetch github:{self.repo}")
        done = subprocess.run(["git", "--git-dir", str(self.git_dir), *args], capture_output=True)
        if done.returncode != 0:
            raise SourceError(f"{self.repo}@{self.commit[:7]}: git {' '.join(args[:1])} failed "
                              f"({done.stderr.decode(errors='replace').strip()}); fetch the snapshot again")
        return done.stdout

    def read(self, path: str) -> str:
        return self._git("show", f"{self.commit}:{path}").decode("utf-8")

    def files(self, folder: str) -> list[str]:
        out = self._git("ls-tree", "-r", "--name-only", self.commit, folder).decode("utf-8")
        return sorted(line for line in out.splitlines() if line)


def twitter_time(value: str) -> str:
    """Twitter's ``Thu Jul 05 09:13:39 +0000 2018`` as ISO 8601 UTC."""
    return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").strftime("%Y-%m-%dT%H:%M:%SZ")


def _status_record(source: str, status: dict) -> Record:
    """A tweet of the API's JSON; it is written to the account it replies to (and to
    the other accounts its reply opens with)."""
    text = html.unescape(status["text"])
    reply = status.get("in_reply_to_screen_name")
    addressed = tuple(dict.fromkeys((reply, *addressed_in(text)))) if reply else ()
    return Record(source=source, original_id=status["id_str"], platform="twitter",
                  created_at=twitter_time(status["created_at"]), text=text,
                  author=status["user"]["screen_name"], truncated=bool(status.get("truncated")),
                  addressed=addressed)


def _tk_statuses(snapshot: Snapshot) -> Iterator[tuple[str, dict]]:
    for path in snapshot.files(TK_FOLDER):
        try:
            text = snapshot.read(path)
        except SourceError:
            continue  # files of 4 MiB and more are absent from snapshots (README: not used)
        for line in text.splitlines():
            if line.strip():
                yield path, json.loads(line)


def read_tk_timelines(source: str, snapshot: Snapshot) -> Iterator[Record]:
    """Members' own tweets in their timeline files: Dutch (``lang`` nl), not retweets."""
    seen: set[str] = set()
    for _, status in _tk_statuses(snapshot):
        if status["id_str"] in seen or status["user"]["screen_name"] in TK_NOT_MEMBERS:
            continue
        seen.add(status["id_str"])
        if "retweeted_status" not in status and status.get("lang") == "nl":
            yield _status_record(source, status)


def read_tk_embedded(source: str, snapshot: Snapshot) -> Iterator[Record]:
    """Tweets of other accounts that the members retweeted or quoted, as the timeline
    files hold them (the full status with its author's profile): Dutch, not retweets."""
    seen: set[str] = set()
    for _, status in _tk_statuses(snapshot):
        for key in ("retweeted_status", "quoted_status"):
            inner = status.get(key)
            for embedded in (inner, (inner or {}).get("quoted_status")):
                if not embedded or embedded["id_str"] in seen:
                    continue
                seen.add(embedded["id_str"])
                if "retweeted_status" not in embedded and embedded.get("lang") == "nl":
                    yield _status_record(source, embedded)


def read_parties(source: str, snapshot: Snapshot) -> Iterator[Record]:
    """Party accounts' tweets (the thesis' dev and test files; its train file is absent
    from the snapshot). The files already replace handles by ``@USER`` and links by
    ``(LINK)``; the original id is the row number the files carry (``Unnamed: 0``)."""
    handles = {p["party"]: p["twitter_handle"]
               for p in json.loads(snapshot.read(PARTY_ACCOUNTS))["parties"]}
    for path in PARTY_FILES:
        for row in csv.DictReader(io.StringIO(snapshot.read(path))):
            text = _number_users(row["Tweet"].replace("(LINK)", " [link] "))
            yield Record(source=source, original_id=row["Unnamed: 0"], platform="twitter",
                         created_at=row["Date"], text=re.sub(r" {2,}", " ", text).strip(),
                         author=handles[row["Party"]])


def read_parties_raw(source: str, snapshot: Snapshot) -> Iterator[Record]:
    """Party accounts' tweets as the thesis first collected them (an earlier commit: 16
    parties, 2017-2023, handles and links as written, HTML entities of the Twitter API
    decoded; the line breaks were already removed). Only the dev and test files of that collection are in the snapshot (its
    train file is over 4 MiB); the original id is the row label the files carry (their
    first, unnamed column), unique across both files."""
    handles = {p["party"]: p["twitter_handle"]
               for p in json.loads(snapshot.read(RAW_PARTY_ACCOUNTS))["parties"]}
    for path in RAW_PARTY_FILES:
        for row in csv.DictReader(io.StringIO(snapshot.read(path))):
            text = html.unescape(row["Tweet"]).strip()
            yield Record(source=source, original_id=row[""], platform="twitter", created_at=row["Date"],
                         text=text, author=handles[row["Party"]], addressed=addressed_in(text))


def _number_users(text: str) -> str:
    """``@USER`` (every handle, masked by the thesis) as ``@user1``, ``@user2``, ... so the
    privacy treatment makes them ``@burger1``, ``@burger2``, ... (which were the same
    account is unknown)."""
    count = iter(range(1, 10_000))
    return re.sub(r"@USER\b", lambda _: f"@user{next(count)}", text)


def _mps2020_rows(snapshot: Snapshot) -> Iterator[tuple[int, str, str, str]]:
    """(line number, date, author handle, tweet text) of the 2020 politicians' list."""
    for number, line in enumerate(snapshot.read(MPS2020_FILE).splitlines()[1:], start=2):
        parts = line.split("\t")
        match = re.match(r".*? \(@(\w+)\): (.*)", parts[3], re.S) if len(parts) >= 4 else None
        if match:
            when = datetime.strptime(parts[1], "%d-%m-%Y %H:%M:%S").strftime("%Y-%m-%dT%H:%M:%S")
            yield number, when, match.group(1), match.group(2)


def read_mps2020(source: str, snapshot: Snapshot) -> Iterator[Record]:
    """Politicians' own tweets of April 2020 (not retweets); id: the line in the file."""
    for number, when, author, text in _mps2020_rows(snapshot):
        if not RETWEET.match(text):
            yield Record(source=source, original_id=f"line{number}", platform="twitter",
                         created_at=when, text=text, author=author, addressed=addressed_in(text))


def read_mps2020_retweeted(source: str, snapshot: Snapshot) -> Iterator[Record]:
    """Tweets the politicians retweeted (``RT @author: text``), attributed to their
    author; the retweet time stands in for the unknown time of the original."""
    for number, when, _, text in _mps2020_rows(snapshot):
        match = RETWEET.match(text)
        if match:
            body = text[match.end():]
            yield Record(source=source, original_id=f"line{number}", platform="twitter",
                         created_at=when, text=body, author=match.group(1),
                         truncated=body.rstrip().endswith("…"), addressed=addressed_in(body))


def read_reports(source: str, snapshot: Snapshot) -> Iterator[Record]:
    """Citizens' reports to a municipality (web form); id: the row in the file."""
    rows = csv.DictReader(io.StringIO(snapshot.read(REPORTS_FILE)))
    for number, row in enumerate(rows, start=1):
        yield Record(source=source, original_id=f"row{number}", platform="webform", created_at="",
                     text=row["Tekst"].strip(), addressed=(REPORTS_ADDRESSEE,))


def addressed_in(text: str) -> tuple[str, ...]:
    """Handles a tweet is written to: the @handles it opens with (not ``.@x``, the
    convention for a public message *about* someone)."""
    lead = LEADING.match(text)
    return tuple(dict.fromkeys(HANDLE.findall(lead.group(0)))) if lead else ()


@dataclass(frozen=True)
class Source:
    """One row of the provenance table: where the messages come from and how to read them."""

    code: str
    repo: str
    commit: str
    reader: Callable[[str, Snapshot], Iterator[Record]]

    def records(self, mirror: Path) -> list[Record]:
        return list(self.reader(self.code, Snapshot(mirror, self.repo, self.commit)))


SOURCES = {source.code: source for source in (
    Source("src1", *TK, read_tk_timelines),
    Source("src2", *TK, read_tk_embedded),
    Source("src3", *PARTIES, read_parties),
    Source("src4", *MPS2020, read_mps2020),
    Source("src5", *MPS2020, read_mps2020_retweeted),
    Source("src6", *REPORTS, read_reports),
    Source("src7", *PARTIES_RAW, read_parties_raw),
)}
