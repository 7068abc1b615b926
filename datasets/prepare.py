"""The privacy treatment of the labelled-data pools, and adding one export to a pool.

    python datasets/prepare.py typology SRC EXPORT.csv
    python datasets/prepare.py inbox SRC EXPORT.csv [--root DIR]

``datasets/extract.py`` builds the pools from public snapshots with the functions
here (``scrub``, ``dedup_key``, ``message_id``); this command adds one further source
flattened to a CSV file (a partner organisation's own archive, say) to a pool under
``--root`` (default ``datasets/local``, which git ignores: texts are committed only on
the legal basis datasets/README.md names).

EXPORT.csv is the source flattened to one row per message, UTF-8 with a header:
``id`` (the message's id in the source), ``platform``, ``created_at`` (ISO 8601),
``text``, for the typology pool also ``author_kind`` and ``author``, for the inbox pool
``addressed_to`` (the government account(s) written to, ``;``-separated), and
optionally ``is_repost`` (true/1/yes). The rows of SRC in ``DIR/POOL/messages.csv``
are replaced (rerunning gives the same file); other sources' rows are kept.

What happens to each message, in this order (datasets/README.md, "Privacy treatment"
and "Selection"):

1. reposts are dropped (``is_repost`` or a text starting ``RT @name:``);
2. URLs become ``[link]``; e-mail addresses ``[e-mail]``; Dutch phone numbers
   ``[telefoon]`` (0800, 0900 and 088 numbers of organisations are kept); Dutch
   licence plates ``[kenteken]``; a street name with a house number, and a postcode,
   ``[adres]``;
3. every @handle that is not a public account (``public_accounts.csv``, the typology
   authors of kind government/police/politician, the inbox ``addressed_to``) becomes
   ``@burger1``, ``@burger2``, ... numbered by first appearance within the message;
4. the author is kept only for government, police and politician accounts;
5. a message whose text is empty afterwards is dropped, and so is every exact or near
   duplicate (the same letters and digits after lowercasing and removing links and
   mentions) of a message already in the pool or earlier in this source;
6. the rest get ids ``SRC-`` plus the first 12 hex digits of SHA-256 of
   ``SRC:ORIGINAL-ID`` (``message_id``), so an id never changes when the pool grows.

Then run ``python datasets/split.py``. Standard library only. Exit status: 0 done,
1 bad input (one ``Error:`` line), 2 usage.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import re
import sys
from pathlib import Path

COLUMNS = {
    "typology": ["id", "source", "platform", "author_kind", "author", "created_at", "text"],
    "inbox": ["id", "source", "platform", "addressed_to", "created_at", "text"],
}
AUTHOR_KINDS = ("government", "police", "politician", "citizen", "organisation", "unknown")
PUBLIC_KINDS = ("government", "police", "politician")
SOURCE_RE = re.compile(r"^[a-z][a-z0-9]*$")

URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+|\b(?:t\.co|bit\.ly)/\S+", re.I)
EMAIL_RE = re.compile(r"(?<![@\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<![\w+])(?:(?:\+31|0031)[\s-]?(?:\(0\)[\s-]?)?|0)(?:[\s\-()]{0,2}\d){9}(?!\d)")
PLATE_RE = re.compile(r"(?<![\w-])([a-z0-9]{1,3})-([a-z0-9]{1,3})-([a-z0-9]{1,3})(?![\w-])", re.I)
STREET_SUFFIX = ("straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|plantsoen|"
                 "markt|ring|baan|park|erf|wal|dam|haven|hoven|burg|veld|zijde|poort")
ADDRESS_RE = re.compile(
    r"(?:\b(?:[A-Z][\w'’-]*|van|de|der|den|het|ter|ten|'t)\s+){0,3}"
    rf"\b[\w'’-]{{2,}}(?:{STREET_SUFFIX})\s+\d{{1,4}}(?:\s?[a-zA-Z]\b|-\d{{1,3}}\b)?(?!\d)"
    r"(?!\s?(?:uur|u\b|min|minuten|km|m\b|meter|keer|dagen|weken|jaar|%|procent))",
)
POSTCODE_RE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b")
HANDLE_RE = re.compile(
    r"(?<![\w.@/])@([A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)")
PLACEHOLDER_RE = re.compile(r"^burger\d+$")
REPOST_RE = re.compile(r"^\s*RT\s+@[\w.@-]+:", re.I)
ORGANISATION_PREFIXES = ("800", "900", "88")


def message_id(source: str, original_id: str) -> str:
    """The pool id of a message: ``SRC-`` and 12 hex digits of SHA-256 of ``SRC:ORIGINAL``."""
    digest = hashlib.sha256(f"{source}:{original_id}".encode("utf-8")).hexdigest()
    return f"{source}-{digest[:12]}"


class PrepareError(Exception):
    """A bad export or pool file; the message names it and says what to do."""


def scrub(text: str, public: set[str]) -> str:
    """The privacy treatment of one text (steps 2 and 3 of the module docstring); line
    breaks written as CR LF or CR become LF (a bare CR is not quoted by Python's csv
    writer and would split the row)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = URL_RE.sub("[link]", text)
    text = EMAIL_RE.sub("[e-mail]", text)
    text = PHONE_RE.sub(_phone, text)
    text = PLATE_RE.sub(_plate, text)
    text = ADDRESS_RE.sub("[adres]", text)
    text = POSTCODE_RE.sub("[adres]", text)
    return pseudonymise_handles(text, public)


def _phone(match: re.Match) -> str:
    national = re.sub(r"\D", "", match.group(0))[-9:]
    return match.group(0) if national.startswith(ORGANISATION_PREFIXES) else "[telefoon]"


def _plate(match: re.Match) -> str:
    groups = match.groups()
    pure = all(g.isdigit() or g.isalpha() for g in groups)
    mixed = any(g.isdigit() for g in groups) and any(g.isalpha() for g in groups)
    return "[kenteken]" if pure and mixed and sum(map(len, groups)) == 6 else match.group(0)


def pseudonymise_handles(text: str, public: set[str]) -> str:
    """Replace handles of private persons by @burgerN, consistently within this text."""
    numbers: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        handle = match.group(1).lower()
        if handle in public or PLACEHOLDER_RE.match(handle):
            return match.group(0)
        number = numbers.setdefault(handle, len(numbers) + 1)
        return f"@burger{number}"

    return HANDLE_RE.sub(replace, text)


def dedup_key(text: str) -> str:
    """Text compared for duplicates: HTML entities decoded, lowercased, without links and
    @mentions, and of the rest only the letters and digits (so copies that lost punctuation, emoji or line
    breaks on the way still match); a text with no letter or digit left keeps its other
    characters."""
    text = URL_RE.sub(" ", html.unescape(text).replace("[link]", " "))
    text = " ".join(HANDLE_RE.sub(" ", text).lower().split())
    return re.sub(r"[\W_]+", "", text) or text


def normalise_handle(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            return list(reader.fieldnames or []), rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise PrepareError(f"{path}: cannot read ({exc}); give a UTF-8 CSV file with a header") from exc


def load_public(path: Path) -> set[str]:
    """Handles in public_accounts.csv (column ``handle``), normalised."""
    if not path.exists():
        return set()
    fields, rows = read_csv(path)
    if "handle" not in fields:
        raise PrepareError(f"{path}: no 'handle' column; see datasets/README.md")
    return {normalise_handle(row["handle"]) for row in rows if row["handle"].strip()}


def _is_repost(row: dict[str, str]) -> bool:
    flag = (row.get("is_repost") or "").strip().lower() in ("1", "true", "yes")
    return flag or bool(REPOST_RE.match(row.get("text") or ""))


def treat(pool: str, source: str, rows: list[dict[str, str]], public: set[str],
          taken: set[str]) -> tuple[list[dict[str, str]], dict[str, int]]:
    """Pool rows made from export rows (steps 1–6); ``taken`` holds the pool's dedup keys."""
    public = set(public)
    for row in rows:
        if pool == "typology" and row.get("author_kind") in PUBLIC_KINDS and row.get("author"):
            public.add(normalise_handle(row["author"]))
        if pool == "inbox":
            public.update(normalise_handle(h) for h in (row.get("addressed_to") or "").split(";") if h.strip())
    counts = {"read": len(rows), "reposts": 0, "empty": 0, "duplicates": 0}
    kept = []
    for row in sorted(rows, key=lambda r: (r.get("created_at") or "", r.get("id") or "")):
        if _is_repost(row):
            counts["reposts"] += 1
            continue
        text = scrub(row.get("text") or "", public).strip()
        key = dedup_key(text)
        if not text:
            counts["empty"] += 1
            continue
        if key in taken:
            counts["duplicates"] += 1
            continue
        taken.add(key)
        kept.append(_pool_row(pool, source, row, text))
    counts["written"] = len(kept)
    return kept, counts


def _pool_row(pool: str, source: str, row: dict[str, str], text: str) -> dict[str, str]:
    out = {"id": message_id(source, row["id"]), "source": source, "platform": row["platform"].strip(),
           "created_at": (row.get("created_at") or "").strip(), "text": text}
    if pool == "typology":
        kind = row["author_kind"].strip()
        out["author_kind"] = kind
        out["author"] = row["author"].strip() if kind in PUBLIC_KINDS else ""
    else:
        out["addressed_to"] = ";".join(h.strip() for h in row["addressed_to"].split(";") if h.strip())
    return out


def validate(pool: str, path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    needed = {"id", "platform", "created_at", "text"} | (
        {"author_kind", "author"} if pool == "typology" else {"addressed_to"})
    missing = sorted(needed - set(fields))
    if missing:
        raise PrepareError(f"{path}: missing column(s) {', '.join(missing)}; see datasets/prepare.py")
    for number, row in enumerate(rows, start=2):
        if not (row.get("platform") or "").strip():
            raise PrepareError(f"{path}: line {number} has no platform; fill the platform column")
        if pool == "typology" and row.get("author_kind") not in AUTHOR_KINDS:
            raise PrepareError(f"{path}: line {number}: author_kind {row.get('author_kind')!r}; "
                               f"use one of {', '.join(AUTHOR_KINDS)}")
        if pool == "inbox" and not (row.get("addressed_to") or "").strip():
            raise PrepareError(f"{path}: line {number} has no addressed_to; name the government account")


def add_source(root: Path, pool: str, source: str, export: Path) -> dict[str, int]:
    """Replace SRC's rows in ROOT/POOL/messages.csv by the treated export; returns counts."""
    if not SOURCE_RE.match(source):
        raise PrepareError(f"source {source!r}: use lower-case letters and digits, e.g. src3")
    fields, rows = read_csv(export)
    validate(pool, export, fields, rows)
    target = root / pool / "messages.csv"
    others: list[dict[str, str]] = []
    if target.exists():
        pool_fields, existing = read_csv(target)
        if pool_fields != COLUMNS[pool]:
            raise PrepareError(f"{target}: header is not {','.join(COLUMNS[pool])}; restore it")
        others = [row for row in existing if row["source"] != source]
    taken = {dedup_key(row["text"]) for row in others}
    accounts = root / "public_accounts.csv"
    if not accounts.exists():
        accounts = Path(__file__).resolve().parent / "public_accounts.csv"
    kept, counts = treat(pool, source, rows, load_public(accounts), taken)
    write_pool(target, pool, sorted(others + kept, key=lambda r: r["id"]))
    return counts


def write_pool(target: Path, pool: str, rows: list[dict[str, str]]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[pool], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pool", choices=sorted(COLUMNS))
    parser.add_argument("source", help="source code as in datasets/README.md, e.g. src3")
    parser.add_argument("export", type=Path, help="the source flattened to CSV (see above)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent / "local",
                        help="folder holding POOL/messages.csv (default: datasets/local, not committed)")
    args = parser.parse_args(argv)
    try:
        counts = add_source(args.root, args.pool, args.source, args.export)
    except PrepareError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.source}: {counts['read']} read, {counts['reposts']} reposts, {counts['empty']} empty, "
          f"{counts['duplicates']} duplicates dropped, {counts['written']} written "
          f"to {args.root / args.pool / 'messages.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
