"""Build the labelled-data pools of issue 20 from public snapshots (datasets/README.md).

    python datasets/extract.py                 # rebuild the texts of ids.csv into datasets/local/
    python datasets/extract.py --out DIR       # ... into DIR/typology/, DIR/inbox/
    python datasets/extract.py --select        # select the newest typology batch again: rewrite
                                               # ids.csv and typology/authority_messages.csv, then rebuild
    python datasets/extract.py --mirror DIR    # snapshots elsewhere (default /work/.mirror)

The committed ``POOL/ids.csv`` names every message of a pool (``id,source,original_id,
author_kind,split``, and for the typology pool the ``batch`` it was selected in); the
texts are rebuilt from the snapshots listed in datasets/sources.py, given the privacy
treatment of datasets/prepare.py, and written to ``OUT/POOL/messages.csv`` (columns as
datasets/README.md says), the typology messages of each batch also to
``OUT/typology/batchN.csv``. Only the typology messages of public authorities (art. 15b
Auteurswet: ``authority`` yes in public_accounts.csv) are committed as text, in
``typology/authority_messages.csv``.

Batches are selected in turn (``BATCHES``); a batch, once coded, is never selected again:
``--select`` keeps every earlier batch and the inbox pool as ids.csv names them and
selects only the newest batch (an earlier batch or the inbox pool is selected only when
ids.csv holds none of it), and stops with an error when typology/labels.csv already codes
a message of the newest batch.

Standard library only. Exit status: 0 done, 1 bad input or a missing snapshot (one
``Error:`` line saying what to do), 2 usage.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prepare import COLUMNS, REPOST_RE, PrepareError, dedup_key, message_id, scrub  # noqa: E402
from sources import SOURCES, Record, SourceError  # noqa: E402
from split import HEADERS as IDS_HEADER, assign  # noqa: E402

PUBLIC_KINDS = ("government", "police", "politician")
TYPOLOGY_SOURCES = ("src1", "src2", "src3", "src4", "src5", "src7")
INBOX_SOURCES = ("src2", "src5", "src6")
AUTHOR_CAP = 60          # at most this many messages of one account in the typology pool (all batches)
INBOX_AUTHOR_CAP = 10    # at most this many messages of one writer in the inbox pool
SEED = 20                # random.Random(SEED) orders the candidates before the caps apply
DEFAULT_MIRROR = Path("/work/.mirror")


@dataclass(frozen=True)
class Batch:
    """One selection of typology messages: how many, and from which sources."""

    number: int
    size: int
    sources: tuple[str, ...]


BATCHES = (
    Batch(1, 3000, ("src1", "src2", "src3", "src4", "src5")),
    Batch(2, 3000, ("src1", "src2", "src3", "src4", "src5", "src7")),
)


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


def candidates(records: Records, accounts: Accounts,
               taken: set[str] | None = None) -> dict[str, list[tuple[Record, str]]]:
    """Treated, de-duplicated candidates per pool, in source order then (time, id);
    ``taken`` holds the duplicate keys of the messages already in a pool."""
    public = accounts.public_handles()
    out: dict[str, list[tuple[Record, str]]] = {"typology": [], "inbox": []}
    taken = set(taken or ())
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
                  first: set[str], counts: Counter[str] | None = None) -> list[tuple[Record, str]]:
    """Seeded random order, authors in ``first`` before the rest, at most ``cap`` per author
    (``counts``: messages each author already has in the pool)."""
    order = list(items)
    random.Random(SEED).shuffle(order)
    order.sort(key=lambda item: item[0].author.lower() not in first)
    per_author: Counter[str] = Counter(counts or {})
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


Pools = dict[str, list[dict[str, str]]]


def select(records: Records, accounts: Accounts, kept: Pools | None = None) -> Pools:
    """The pools by the selection rules (datasets/README.md, "Selection").

    ``kept`` holds the rebuilt messages that stay (typology rows with their ``batch``).
    Every batch of BATCHES that ``kept`` has no message of is selected in turn from the
    candidates that are not (near) duplicates of a message already in either pool:
    authority messages first, at most AUTHOR_CAP per account over all batches. The inbox
    pool is selected, in the same pass as the first batch selected, only when ``kept``
    holds none of it."""
    pools = {"typology": list((kept or {}).get("typology", [])), "inbox": list((kept or {}).get("inbox", []))}
    inbox_open = not pools["inbox"]
    for batch in BATCHES:
        if any(row["batch"] == str(batch.number) for row in pools["typology"]):
            continue
        found = candidates(records, accounts, {dedup_key(row["text"]) for rows in pools.values() for row in rows})
        items = [(record, text) for record, text in found["typology"] if record.source in batch.sources]
        counts = Counter(row["author"].lower() for row in pools["typology"])
        chosen = capped_sample(items, AUTHOR_CAP, batch.size, accounts.authority, counts)
        pools["typology"] += [{**pool_row("typology", r, accounts, t), "batch": str(batch.number)} for r, t in chosen]
        if inbox_open:
            inbox = capped_sample(found["inbox"], INBOX_AUTHOR_CAP, None, set())
            pools["inbox"] = [pool_row("inbox", r, accounts, t) for r, t in inbox]
            inbox_open = False
    return {pool: sorted(rows, key=lambda row: row["id"]) for pool, rows in pools.items()}


def sources_of(ids: dict[str, list[dict[str, str]]]) -> set[str]:
    codes = {row["source"] for rows in ids.values() for row in rows}
    unknown = sorted(codes - set(SOURCES))
    if unknown:
        raise ExtractError(f"ids.csv names source {unknown[0]!r}, which datasets/sources.py does not define")
    return codes


def rebuild(records: Records, accounts: Accounts, ids: Pools) -> Pools:
    """The texts of the messages ``ids`` names, exactly as the selection wrote them
    (typology rows keep their ``batch``)."""
    public = accounts.public_handles()
    wanted = {(row["source"], row["original_id"]): (pool, row) for pool, rows in ids.items() for row in rows}
    pools: Pools = {pool: [] for pool in ids}
    for code in sorted(sources_of(ids)):
        for record in records[code]:
            hit = wanted.pop((code, record.original_id), None)
            if hit is None:
                continue
            pool, row = hit
            built = pool_row(pool, record, accounts, scrub(record.text, public).strip())
            if pool == "typology":
                if built["author_kind"] != row["author_kind"]:
                    raise ExtractError(f"{row['id']}: author kind {built['author_kind']} from public_accounts.csv, "
                                       f"{row['author_kind']} in ids.csv; correct public_accounts.csv")
                built["batch"] = row["batch"]
            pools[pool].append(built)
    if wanted:
        source, original = next(iter(wanted))
        raise ExtractError(f"{len(wanted)} message(s) of ids.csv not found in the snapshots (first: {source} "
                           f"{original}); fetch the snapshots datasets/README.md lists")
    return {pool: sorted(rows, key=lambda row: row["id"]) for pool, rows in pools.items()}


def ids_rows(pool: str, rows: list[dict[str, str]], by_id: dict[str, Record],
             accounts: Accounts) -> list[dict[str, str]]:
    out = []
    for row in rows:
        record = by_id[row["id"]]
        entry = {"id": row["id"], "source": row["source"], "original_id": record.original_id,
                 "author_kind": accounts.author_kind(record), "split": assign(row["id"])}
        if pool == "typology":
            entry["batch"] = row["batch"]
        out.append(entry)
    return out


def read_ids(root: Path, missing_ok: bool = False) -> Pools:
    """Each pool's ids.csv; with ``missing_ok`` an absent file is an empty pool."""
    pools = {}
    for pool in COLUMNS:
        path = root / pool / "ids.csv"
        if missing_ok and not path.exists():
            pools[pool] = []
            continue
        try:
            with path.open(newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                if reader.fieldnames != IDS_HEADER[pool]:
                    raise ExtractError(f"{path}: header is not {','.join(IDS_HEADER[pool])}; restore it from git")
                pools[pool] = list(reader)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ExtractError(f"{path}: cannot read ({exc}); restore it from git") from exc
    return pools


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def refuse_if_coded(root: Path, batch_ids: set[str], batch: str) -> None:
    """Stop when typology/labels.csv codes a message of ``batch``: a coded batch is never selected again."""
    path = root / "typology" / "labels.csv"
    if not batch_ids or not path.exists():
        return
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            coded = sum(1 for row in csv.DictReader(handle) if row.get("id") in batch_ids)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExtractError(f"{path}: cannot read ({exc}); restore it from git") from exc
    if coded:
        raise ExtractError(f"{path}: batch {batch} is coded ({coded} of its messages); a coded batch is never "
                           f"selected again: add a Batch to BATCHES in datasets/extract.py for more messages")


def run_select(records: Records, accounts: Accounts, root: Path) -> None:
    """Select the newest typology batch again (and whatever ids.csv does not hold yet);
    rewrite ids.csv of both pools and the committed authority texts."""
    ids = read_ids(root, missing_ok=True)
    newest = str(BATCHES[-1].number)
    refuse_if_coded(root, {row["id"] for row in ids["typology"] if row["batch"] == newest}, newest)
    ids["typology"] = [row for row in ids["typology"] if row["batch"] != newest]
    found = select(records, accounts, rebuild(records, accounts, ids))
    by_id = {message_id(r.source, r.original_id): r for rows in records.values() for r in rows}
    for pool, rows in found.items():
        write_csv(root / pool / "ids.csv", IDS_HEADER[pool], ids_rows(pool, rows, by_id, accounts))
    authority = [row for row in found["typology"] if row["author"].lower() in accounts.authority]
    write_csv(root / "typology" / "authority_messages.csv", COLUMNS["typology"], authority)


def write_pools(out: Path, pools: Pools) -> list[str]:
    """OUT/POOL/messages.csv of each pool and OUT/typology/batchN.csv of each batch."""
    written = []
    for pool, rows in pools.items():
        write_csv(out / pool / "messages.csv", COLUMNS[pool], rows)
        written.append(f"{pool}: {len(rows)} messages -> {out / pool / 'messages.csv'}")
    for batch in sorted({row["batch"] for row in pools.get("typology", [])}, key=int):
        rows = [row for row in pools["typology"] if row["batch"] == batch]
        write_csv(out / "typology" / f"batch{batch}.csv", COLUMNS["typology"], rows)
        written.append(f"typology batch {batch}: {len(rows)} messages -> {out / 'typology' / f'batch{batch}.csv'}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR,
                        help="folder with the fetched snapshots (OWNER+NAME/repo)")
    parser.add_argument("--out", type=Path, default=HERE / "local",
                        help="where the pools' texts go (default: datasets/local, git-ignored)")
    parser.add_argument("--select", action="store_true",
                        help="select the newest typology batch again and rewrite the committed ids.csv files")
    args = parser.parse_args(argv)
    try:
        accounts = Accounts(HERE / "public_accounts.csv")
        if args.select:
            records = load_records(args.mirror, SOURCES)
            run_select(records, accounts, HERE)
        ids = read_ids(HERE)
        if not args.select:
            records = load_records(args.mirror, sources_of(ids))
        written = write_pools(args.out, rebuild(records, accounts, ids))
    except (ExtractError, SourceError, PrepareError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
