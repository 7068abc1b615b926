"""A reference, independent of civicnet's importers: the citizen identifiers in a case's input files,
and a scanner that finds them in any output text.

What counts as an identifier of an account (docs/privacy.md, "What is replaced"):
account ids, handles (any characters, ``user@instance``, domain handles), DIDs, display
names, profile URLs and the ids of messages written by citizens (a message id can be
looked up on the platform, which names its author; ids such as AT URIs and Facebook's
``PAGEID_POSTID`` embed the account). Government accounts (the case file's
``government:``) and public accounts (``public:``) are not citizens.

The extraction reads the raw files the way a person reading the platform's documentation
would: every JSON object that is an account (it has a ``username``, ``screen_name``,
``acct``, ``did`` + ``handle``, or is Facebook's ``{id, name}``), every message object
(with its author), every mention, and in CSV files the columns that name accounts; in
GEXF/GraphML files every node.

Identifiers too short to be told apart from ordinary text are not searched (fewer than
4 characters, or digits only and fewer than 6), nor are identifiers that are also the
case file's own text or a government account's identifier (a citizen named like the
municipality cannot be told apart from it).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ACCOUNT_COLUMNS = re.compile(r"author|user|screen.?name|handle|vertex [12]|page name|account|^from$|profile|^name$", re.I)
NOT_ACCOUNT_COLUMNS = re.compile(r"title|desc|count|follow|bio|location|time|date|verified|created|text|type|"
                                 r"lang|url.*tweet|tweet", re.I)
SEPARATOR = re.compile(r"[^0-9A-Za-z\u00c0-\u024f]")
#: Characters that end a run of identifier characters (``str.translate`` + ``split``: fast on 50 MB).
_BREAKS = str.maketrans({c: " " for c in "\"'<>,;()[]{}|\\=`\n\t\r"})
WORD = re.compile(r"[^\W_]+")  # letters and digits of any script: a name is its words, decorations aside
PARTIAL = re.compile(r"anon-[0-9a-f]{10}[\w-]", re.A)
#: Keys under which Facebook's Graph API puts people ({id, name}): authors, addressees, reactions, likes.
FACEBOOK_PEOPLE = {"from", "to", "data", "admin_creator"}
#: Platform and format names: an account called "Bluesky" cannot be told apart from the word.
VOCABULARY = {"twitter", "facebook", "linkedin", "mastodon", "bluesky", "instagram", "crowdtangle", "nodexl",
              "gexf", "graphml", "twitter-v1", "twitter-v2", "facebook-graph", "4cat", "csv"}


@dataclass
class Account:
    ids: set = field(default_factory=set)
    handles: set = field(default_factory=set)
    names: set = field(default_factory=set)
    urls: set = field(default_factory=set)

    def all(self) -> set:
        return {x for x in self.ids | self.handles | self.urls if x}


@dataclass
class Found:
    accounts: list = field(default_factory=list)
    messages: list = field(default_factory=list)  # (message id, author Account or None)
    mentions: set = field(default_factory=set)    # handles mentioned in texts


# -- reading the inputs ----------------------------------------------------------------------


def _open_text(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(enc)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _json_documents(text: str):
    try:
        yield json.loads(text)
        return
    except ValueError:
        pass
    for line in text.split("\n"):  # not splitlines(): texts may hold U+2028 inside a JSON line
        line = line.strip()
        if line:
            try:
                yield json.loads(line)
            except ValueError:
                continue


def _account_of(d: dict, key: str | None) -> Account | None:
    def s(*names):
        return {str(d[n]) for n in names if isinstance(d.get(n), (str, int)) and str(d[n]).strip()}

    if "acct" in d:  # Mastodon Account or mention
        a = Account(ids=s("id"), handles=s("acct"), names=s("display_name"), urls=s("url"))
        host = next((urlsplit(u).hostname for u in a.urls if urlsplit(u).hostname), None)
        for h in list(a.handles):
            if "@" not in h and host:
                a.handles.add(f"{h}@{host}")
        return a
    if "screen_name" in d:  # Twitter v1.1 user or user_mention
        return Account(ids=s("id_str", "id"), handles=s("screen_name"), names=s("name"))
    if "username" in d and ("id" in d or "name" in d):  # Twitter v2 user or mention entity
        return Account(ids=s("id"), handles=s("username"), names=s("name"))
    if "did" in d and "handle" in d:  # Bluesky profile view
        return Account(ids=s("did"), handles=s("handle"), names=s("displayName"))
    if "did" in d and str(d.get("$type", "")).endswith("#mention"):  # Bluesky mention facet
        return Account(ids=s("did"))
    if "id" in d and "name" in d and set(d) <= {"id", "name", "type", "offset", "length", "picture", "category"}:
        if key not in FACEBOOK_PEOPLE and not str(key).endswith("_tags"):
            return None  # Twitter's context_annotations {domain, entity}, a place…: topics, not accounts
        if str(key).endswith("_tags") and d.get("type") == "page":
            return None  # a Facebook page tagged in a text: an organisation's public page, not a person
        return Account(ids=s("id"), names=s("name"))  # Facebook from / reactions / message_tags
    return None


def _message_of(d: dict, author: Account | None) -> str | None:
    if "uri" in d and str(d.get("uri", "")).startswith("at://") and ("record" in d or "author" in d):
        return d["uri"]
    if any(k in d for k in ("text", "full_text", "message", "content")) and isinstance(d.get("id") or d.get("id_str"), (str, int)):
        return str(d.get("id_str") or d.get("id"))
    return None


def _walk(obj, found: Found, key: str | None = None, by_id: dict | None = None) -> None:
    if isinstance(obj, dict):
        account = _account_of(obj, key)
        if account is not None:
            found.accounts.append(account)
        author = None
        for k in ("author", "user", "account", "from"):
            if isinstance(obj.get(k), dict):
                author = _account_of(obj[k], k)
        if author is None and isinstance(obj.get("author_id"), (str, int)):
            author = by_id.get(str(obj["author_id"])) if by_id else None
            author = author or Account(ids={str(obj["author_id"])})
        message = _message_of(obj, author)
        if message is not None:
            found.messages.append((message, author))
        for k in ("in_reply_to_user_id", "in_reply_to_user_id_str", "in_reply_to_account_id"):
            if isinstance(obj.get(k), (str, int)):
                found.accounts.append(Account(ids={str(obj[k])}))
        for k in ("conversation_id", "in_reply_to_status_id_str", "in_reply_to_id"):
            if isinstance(obj.get(k), (str, int)):
                found.messages.append((str(obj[k]), None))
        for k, v in obj.items():
            _walk(v, found, k, by_id)
    elif isinstance(obj, list):
        for v in obj:
            _walk(v, found, key, by_id)
    elif isinstance(obj, str) and key in ("text", "full_text", "message", "content"):
        for m in re.finditer(r"(?<![\w@])@([\w][\w.\-]*\w(?:@[\w][\w.\-]*\w)?)", obj):
            found.mentions.add(m.group(1))


def _users_by_id(doc) -> dict:
    out: dict = {}

    def visit(o):
        if isinstance(o, dict):
            a = _account_of(o, None)
            if a is not None and a.handles:
                for i in a.ids:
                    out[i] = a
            for v in o.values():
                visit(v)
        elif isinstance(o, list):
            for v in o:
                visit(v)

    visit(doc)
    return out


def _from_json(text: str, found: Found) -> None:
    for doc in _json_documents(text):
        _walk(doc, found, None, _users_by_id(doc))


def _bucket(header: str) -> str:
    """Columns of one account share a prefix: author_id/author_name, Vertex 1, User Name/User Id."""
    h = header.strip().lower()
    if re.match(r"vertex [12]$", h):
        return h
    return re.split(r"[ _]", h)[0]


def _from_csv(text: str, found: Found) -> None:
    head = "\n".join(text.split("\n")[:3])
    delimiter = max((",", ";", "\t"), key=head.count)  # European Excel writes ;
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header_at = next((n for n, r in enumerate(rows[:3]) if sum(1 for c in r if c.strip()) > len(r) // 2), 0)
    header = rows[header_at] if rows else []
    wanted = [n for n, h in enumerate(header) if ACCOUNT_COLUMNS.search(h) and not NOT_ACCOUNT_COLUMNS.search(h)]
    for row in rows[header_at + 1:]:
        accounts: dict[str, Account] = {}
        for n in wanted:
            if n >= len(row) or not row[n].strip():
                continue
            value = row[n].strip()
            a = accounts.setdefault(_bucket(header[n]), Account())
            if value.startswith(("http://", "https://")) or "linkedin.com/" in value:
                parts = urlsplit(value if "//" in value else "https://" + value)
                segments = [s for s in parts.path.split("/") if s]
                a.urls.add(value.split("?")[0])
                a.handles.update(s for s in segments[1:2])
            elif "name" in header[n].lower() and " " in value:
                a.names.add(value)
            elif re.fullmatch(r"\d+", value):
                a.ids.add(value)
            else:
                a.handles.add(value)
        found.accounts.extend(accounts.values())


def _from_xml(text: str, found: Found) -> None:
    for m in re.finditer(r"<node\b([^>]*)>", text):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if attrs.get("label"):
            found.accounts.append(Account(handles={attrs["label"]}))
        if attrs.get("id") and not re.fullmatch(r"n\d+", attrs["id"]):
            found.accounts.append(Account(handles={attrs["id"]}))
    for m in re.finditer(r'<data key="(?:label|name|Label)">(?:<!\[CDATA\[)?([^<\]]+)', text):  # GraphML node labels
        value = m.group(1).strip()
        found.accounts.append(Account(names={value}) if " " in value else Account(handles={value}))
    for m in re.finditer(r"<y:NodeLabel\b[^>]*>([^<]+)</y:NodeLabel>", text):
        value = m.group(1).strip()
        found.accounts.append(Account(names={value}) if " " in value else Account(handles={value}))


def read_inputs(case_file: Path) -> tuple[Found, dict]:
    """The accounts, messages and mentions in a case's source files, and the case file itself."""
    data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    found = Found()
    for source in data.get("sources") or []:
        rel = source if isinstance(source, str) else source["path"]
        path = case_file.parent / rel
        paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for p in paths:
            text = _open_text(p)
            head = text.lstrip()[:1]
            if head in "{[":
                _from_json(text, found)
            elif head == "<":
                _from_xml(text, found)
            else:
                _from_csv(text, found)
    return found, data


# -- who is a citizen --------------------------------------------------------------------------


def _norm(value: str) -> str:
    return value.strip().lstrip("@").casefold()


def citizen_identifiers(case_file: Path) -> tuple[set[str], set[str]]:
    """(identifier tokens, display names) of every citizen in the case's inputs, casefolded."""
    found, data = read_inputs(case_file)
    keep = {_norm(str(e["handle"] if isinstance(e, dict) else e))
            for key in ("government", "public") for e in (data.get(key) or [])}

    def kept(a: Account) -> bool:  # the case file names an account by handle, else by id or exact name
        return bool({_norm(x) for x in a.handles} & keep) if a.handles else \
            bool({_norm(x) for x in a.ids | a.names} & keep)

    merged: dict[str, Account] = {}  # one account may come as user object, mention and author id
    for a in found.accounts:
        keys = {("i", i) for i in a.ids} | {("h", _norm(h)) for h in a.handles}
        target = next((merged[k] for k in keys if k in merged), None) or Account()
        for attr in ("ids", "handles", "names", "urls"):
            getattr(target, attr).update(getattr(a, attr))
        for k in {("i", i) for i in target.ids} | {("h", _norm(h)) for h in target.handles}:
            merged[k] = target
    accounts = list({id(a): a for a in merged.values()}.values())
    government = [a for a in accounts if kept(a)]
    citizens = [a for a in accounts if not kept(a)]
    public = {_norm(x) for a in government for x in a.all() | a.names} | keep
    public |= {w.casefold() for a in government for n in a.names for w in WORD.findall(n)}
    own_text = json.dumps({k: v for k, v in data.items() if k not in ("sources", "collect")},
                          ensure_ascii=False, default=str).casefold()

    tokens: set[str] = set()
    names: set[str] = set()
    gov_ids = {i for a in government for i in a.ids}
    for a in citizens:
        for value in a.ids | a.handles | a.urls:
            tokens.add(_norm(value))
        for name in a.names:
            names.add(" ".join(WORD.findall(name.casefold())))
    tokens |= {_norm(m) for m in found.mentions if _norm(m) not in public}
    for message, author in found.messages:
        if author is None or not kept(author):
            if message not in gov_ids:
                tokens.add(_norm(message))
    gov_messages = {_norm(m) for m, a in found.messages if a is not None and kept(a)}
    tokens -= gov_messages

    def searchable(token: str) -> bool:
        core = SEPARATOR.sub("", token)
        if len(token) < 4 or (core.isdigit() and len(core) < 6):
            return False
        return token not in public and token not in own_text and token not in VOCABULARY

    tokens = {t for t in tokens if searchable(t)}
    names = {n for n in names if len(n) >= 4 and n not in public and n not in own_text and not n.isdigit()
             and n not in VOCABULARY}
    return tokens, names


# -- finding them in outputs -------------------------------------------------------------------


def _cuts(run: str) -> list[tuple[str, int]]:
    """Every substring of ``run`` (with its start) that starts and ends next to a separator or the run's ends."""
    starts = [0] + [m.end() for m in SEPARATOR.finditer(run)]
    ends = [m.start() for m in SEPARATOR.finditer(run)] + [len(run)]
    out = []
    for s in starts:
        for e in ends:
            if e > s and e - s <= 200:
                out.append((run[s:e], s))
    return out


def _visible(text: str) -> str:
    """HTML without its style sheet and class names (ours, not data); other text as it is."""
    if "<html" not in text[:2000].lower():
        return text
    text = re.sub(r"<style\b.*?</style>", " ", text, flags=re.S | re.I)
    return re.sub(r'\sclass="[^"]*"', " ", text)


def leaks(text: str, tokens: set[str], names: set[str]) -> list[str]:
    """The citizen identifiers and names found in ``text`` (each with a little context).

    A handle of letters only (``mark``) is an identifier where it is one: after ``@`` or
    ``/`` (a mention, a profile link); elsewhere it is a word. Each distinct run of
    identifier characters is looked at once (outputs repeat themselves a lot).
    """
    text = _visible(text)
    folded = text.casefold()
    hits = []
    runs = set(folded.translate(_BREAKS).split())
    for run in runs:
        if len(run) > 2000:
            continue
        for cut, at in _cuts(run) if SEPARATOR.search(run) else [(run, 0)]:
            if cut in tokens and (not cut.isalpha() or (at > 0 and run[at - 1] in "@/")):
                where = folded.find(run)
                hits.append(f"{cut!r} in …{text[max(0, where - 40):where + len(run) + 40]!r}…")
    words = {w for run in runs for w in WORD.findall(run)}
    hits += _name_hits(text, folded, names, words)
    for m in PARTIAL.finditer(text):
        hits.append(f"partly replaced {text[max(0, m.start() - 20):m.end() + 30]!r}")
    return hits


def _name_hits(text: str, folded: str, names: set[str], words: set[str]) -> list[str]:
    firsts = {n.split()[0] for n in names}
    present = words & firsts
    if not present:
        return []
    longest = max(len(n.split()) for n in names)
    hits = []
    starts = re.compile(r"(?<![0-9a-z\u00c0-\u024f])(?:" + "|".join(map(re.escape, sorted(present))) + ")")
    for m in starts.finditer(folded):
        following = [w.group(0) for w in WORD.finditer(folded, m.start(), m.start() + 200)][:longest]
        for k in range(len(following), 0, -1):
            phrase = " ".join(following[:k])
            if phrase in names:
                hits.append(f"name {phrase!r} in …{text[max(0, m.start() - 40):m.start() + len(phrase) + 40]!r}…")
                break
    return hits
