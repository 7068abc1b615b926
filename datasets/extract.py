"""Build the labelled-data pools of issue 20 from public snapshots (datasets/README.md).

    python datasets/extract.py                 # rebuild the texts of ids.csv into datasets/local/
    python datasets/extract.py --out DIR       # ... into DIR/typology/, DIR/inbox/
    python datasets/extract.py --select        # run the selection rules again: rewrite ids.csv
                                               # and typology/authority_messages.csv, then rebuild
    python datasets/extract.py --mirror DIR    # snapshots elsewhere (default /work/.mirror)

The committed ``POOL/ids.csv`` names every message of a pool (``id,source,original_id,
author_kind,split``); the texts are rebuilt from the snapshots listed in
datasets/sources.py, given the privacy treatment of datasets/prepare.py, and written to
``OUT/POOL/messages.csv`` (columns as datasets/README.md says). Only the typology
messages of public authorities (art. 15b Auteurswet: ``authority`` yes in
public_accounts.csv) are committed as text, in ``typology/authority_messages.csv``.

Standard library only. Exit status: 0 done, 1 bad input or a missing snapshot (one
``Error:`` line saying what to do), 2 usage.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import COLUMNS, REPOST_RE, PrepareError, dedup_key, message_id, scrub  # noqa: E402
from sources import SOURCES, Record, SourceError  # noqa: E402
from split import assign  # noqa: E402

PUBLIC_KINDS = ("government", "police", "politician")
IDS_HEADER = ["id", "source", "original_id", "author_kind", "split"]
TYPOLOGY_SOURCES = ("src1", "src2", "src3", "src4", "src5")
INBOX_SOURCES = ("src2", "src5", "src6")
TYPOLOGY_TARGET = 3000   # messages in the typology pool
AUTHOR_CAP = 60          # at most 2 % of the typology pool from one account
INBOX_AUTHOR_CAP = 10    # at most this many messages of one writer in the inbox pool
SEED = 20                # random.Random(SEED) orders the candidates before the caps apply
DEFAULT_MIRROR = Path("/work/.mirror")


class ExtractError(Exception):
    """Bad committed files or snapshots; the message says what to do."""


class Accounts:
    """public_accounts.csv: which handles are public, their kind and authority flag."""

    def __init__(self, path: Path):
        try:
            with path.open(newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ExtractError(f"{path}: cannot read ({exc}); restore it from git") from exc
        self.kind = {r["handle"].lower(): r["kind"] for r in rows}
        self.authority = {r["handle"].lower() for r in rows if r.get("authority") == "yes"}

    def public_handles(self) -> set[str]:
        return set(self.kind)

    def author_kind(self, record: Record) -> str:
        """government/police/politician for public authors; citizen/unknown otherwise."""
        kind = self.kind.get(record.author.lower())
        if kind in PUBLIC_KINDS:
            return kind
        return "citizen" if record.platform == "webform" else "unknown"

    def addressed(self, record: Record) -> list[str]:
        return [h for h in record.addressed
                if self.kind.get(h.lower()) in PUBLIC_KINDS or h.startswith("gemeente-")]


def pool_of(record: Record, accounts: Accounts) -> str | None:
    """Which pool a record may enter (datasets/README.md, "Selection"), or None."""
    kind = accounts.kind.get(record.author.lower())
    if kind in PUBLIC_KINDS:
        if record.source not in TYPOLOGY_SOURCES:
            return None
        truncated_ok = record.author.lower() in accounts.authority
        return "typology" if truncated_ok or not record.truncated else None
    if kind is None and record.source in INBOX_SOURCES and accounts.addressed(record):
        return "inbox"
    return None


def pool_row(pool: str, record: Record, accounts: Accounts, text: str) -> dict[str, str]:
    row = {"id": message_id(record.source, record.original_id), "source": record.source,
           "platform": record.platform, "created_at": record.created_at, "text": text}
    if pool == "typology":
        row["author_kind"] = accounts.author_kind(record)
        row["author"] = record.author
    else:
        row["addressed_to"] = ";".join(accounts.addressed(record))
    return row


Records = dict[str, list[Record]]


def load_records(mirror: Path, codes) -> Records:
    """Every record of the named sources, read once per run."""
    return {code: SOURCES[code].records(mirror) for code in sorted(codes)}


def candidates(records: Records, accounts: Accounts) -> dict[str, list[tuple[Record, str]]]:
    """Treated, de-duplicated candidates per pool, in source order then (time, id)."""
    public = accounts.public_handles()
    out: dict[str, list[tuple[Record, str]]] = {"typology": [], "inbox": []}
    taken: set[str] = set()
    for code in sorted(records):
        for record in sorted(records[code], key=lambda r: (r.created_at, r.original_id)):
            pool = None if REPOST_RE.match(record.text) else pool_of(record, accounts)
            text = scrub(record.text, public).strip() if pool else ""
            key = dedup_key(text)
            if pool and key and key not in taken:
                taken.add(key)
                out[pool].append((record, text))
    return out


def capped_sample(items: list[tuple[Record, str]], cap: int, target: int | None,
                  first: set[str]) -> list[tuple[Record, str]]:
    """Seeded random order, authors in ``first`` before the rest, at most ``cap`` per author."""
    order = list(items)
    random.Random(SEED).shuffle(order)
    order.sort(key=lambda item: item[0].author.lower() not in first)
    per_author: Counter[str] = Counter()
    chosen = []
    for record, text in order:
        author = record.author.lower() or record.original_id
        if per_author[author] >= cap:
            continue
        per_author[author] += 1
        chosen.append((record, text))
        if target is not None and len(chosen) == target:
            break
    return chosen


def select(records: Records, accounts: Accounts) -> dict[str, list[dict[str, str]]]:
    """The pools by the selection rules: every authority message first, then politicians."""
    found = candidates(records, accounts)
    typology = capped_sample(found["typology"], AUTHOR_CAP, TYPOLOGY_TARGET, accounts.authority)
    inbox = capped_sample(found["inbox"], INBOX_AUTHOR_CAP, None, set())
    pools = {"typology": [pool_row("typology", r, accounts, t) for r, t in typology],
             "inbox": [pool_row("inbox", r, accounts, t) for r, t in inbox]}
    return {pool: sorted(rows, key=lambda row: row["id"]) for pool, rows in pools.items()}


def sources_of(ids: dict[str, list[dict[str, str]]]) -> set[str]:
    codes = {row["source"] for rows in ids.values() for row in rows}
    unknown = sorted(codes - set(SOURCES))
    if unknown:
        raise ExtractError(f"ids.csv names source {unknown[0]!r}, which datasets/sources.py does not define")
    return codes


def rebuild(records: Records, accounts: Accounts, ids: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """The texts of the messages ``ids`` names, exactly as the selection wrote them."""
    public = accounts.public_handles()
    wanted = {(row["source"], row["original_id"]): (pool, row) for pool, rows in ids.items() for row in rows}
    pools: dict[str, list[dict[str, str]]] = {pool: [] for pool in ids}
    for code in sorted(sources_of(ids)):
        for record in records[code]:
            hit = wanted.pop((code, record.original_id), None)
            if hit is None:
                continue
            pool, row = hit
            built = pool_row(pool, record, accounts, scrub(record.text, public).strip())
            if pool == "typology" and built["author_kind"] != row["author_kind"]:
                raise ExtractError(f"{row['id']}: author kind {built['author_kind']} from public_accounts.csv, "
                                   f"{row['author_kind']} in ids.csv; run python datasets/extract.py --select")
            pools[pool].append(built)
    if wanted:
        source, original = next(iter(wanted))
        raise ExtractError(f"{len(wanted)} message(s) of ids.csv not found in the snapshots (first: {source} "
                           f"{original}); fetch the snapshots datasets/README.md lists")
    return {pool: sorted(rows, key=lambda row: row["id"]) for pool, rows in pools.items()}


def ids_rows(rows: list[dict[str, str]], by_id: dict[str, Record], accounts: Accounts) -> list[dict[str, str]]:
    return [{"id": row["id"], "source": row["source"], "original_id": by_id[row["id"]].original_id,
             "author_kind": accounts.author_kind(by_id[row["id"]]), "split": assign(row["id"])}
            for row in rows]


def read_ids(root: Path) -> dict[str, list[dict[str, str]]]:
    pools = {}
    for pool in COLUMNS:
        path = root / pool / "ids.csv"
        try:
            with path.open(newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                if reader.fieldnames != IDS_HEADER:
                    raise ExtractError(f"{path}: header is not {','.join(IDS_HEADER)}; restore it from git")
                pools[pool] = list(reader)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ExtractError(f"{path}: cannot read ({exc}); restore it from git") from exc
    return pools


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def run_select(records: Records, accounts: Accounts, root: Path) -> None:
    """Rewrite ids.csv of both pools and the committed authority texts."""
    found = select(records, accounts)
    by_id = {message_id(r.source, r.original_id): r for rows in records.values() for r in rows}
    for pool, rows in found.items():
        write_csv(root / pool / "ids.csv", IDS_HEADER, ids_rows(rows, by_id, accounts))
    authority = [row for row in found["typology"] if row["author"].lower() in accounts.authority]
    write_csv(root / "typology" / "authority_messages.csv", COLUMNS["typology"], authority)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR,
                        help="folder with the fetched snapshots (OWNER+NAME/repo)")
    parser.add_argument("--out", type=Path, default=HERE / "local",
                        help="where the pools' texts go (default: datasets/local, git-ignored)")
    parser.add_argument("--select", action="store_true",
                        help="run the selection rules again and rewrite the committed ids.csv files")
    args = parser.parse_args(argv)
    try:
        accounts = Accounts(HERE / "public_accounts.csv")
        if args.select:
            records = load_records(args.mirror, SOURCES)
            run_select(records, accounts, HERE)
        ids = read_ids(HERE)
        if not args.select:
            records = load_records(args.mirror, sources_of(ids))
        pools = rebuild(records, accounts, ids)
        for pool, rows in pools.items():
            write_csv(args.out / pool / "messages.csv", COLUMNS[pool], rows)
    except (ExtractError, SourceError, PrepareError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    for pool, rows in pools.items():
        print(f"{pool}: {len(rows)} messages -> {args.out / pool / 'messages.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
