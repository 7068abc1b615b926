"""Staging: a file's records, in batches arriving in any order, give the store the merge rules say.

The expected store is computed here by a plain reference (dicts over the records in the file's
order): of an account or message the last present value of each column wins, ``collected`` is
or-ed, of an interaction key the first wins, and a value already stored stays unless a present
one replaces it.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timezone

import pytest

from civicnet.columns import Rows, interaction_key
from civicnet.model import Account, Interaction, Mapped, Message
from civicnet.store.db import Store

FIELDS = {
    "account": ["platform", "id", "handle", "name", "description", "followers", "following", "created_at", "url"],
    "message": ["platform", "id", "account", "created_at", "text", "language", "kind", "parent", "root",
                "like_count", "share_count", "reply_count", "quote_count", "has_media", "url", "edit_group", "page"],
}


def _maybe(rng, value):
    return value if rng.random() < 0.6 else None


def records(rng, n) -> list:
    """Accounts, messages and ties with few keys (many repeats) and many absent values."""
    out = []
    for k in range(n):
        when = _maybe(rng, datetime(2021, 1, 1 + rng.randrange(20), tzinfo=timezone.utc))
        choice = rng.randrange(3)
        if choice == 0:
            out.append(Account("x", f"a{rng.randrange(6)}", handle=_maybe(rng, f"h{k}"), name=_maybe(rng, f"n{k}"),
                               followers=_maybe(rng, k), created_at=when))
        elif choice == 1:
            out.append(Message("x", f"m{rng.randrange(8)}", account=_maybe(rng, f"a{k % 6}"), created_at=when,
                               text=_maybe(rng, f"t{k} &"), kind=rng.choice(["post", "reply"]),
                               like_count=_maybe(rng, k), has_media=_maybe(rng, k % 2 == 0),
                               collected=rng.random() < 0.5))
        else:
            out.append(Interaction("x", rng.choice(["mention", "reply"]), f"a{rng.randrange(3)}",
                                   target_account=_maybe(rng, f"a{rng.randrange(3)}"),
                                   target_handle=_maybe(rng, rng.choice(["H1", "h1", "h2"])),
                                   created_at=when, message=f"m{rng.randrange(4)}"))
    return out


def reference(stored: list, file: list) -> dict:
    """The store after ``stored`` (one earlier file) and then ``file``, by the rules."""
    tables: dict = {"account": {}, "message": {}, "interaction": {}, "collected": {}}
    for batch in (stored, file):
        for r in batch:
            if isinstance(r, Interaction):
                key = interaction_key(r.platform, r.kind, r.source_account, r.target_account, r.target_handle,
                                      r.target_message, r.created_at, r.message)
                tables["interaction"].setdefault(key, r)
                continue
            table = "account" if isinstance(r, Account) else "message"
            row = tables[table].setdefault((r.platform, r.id), {})
            for f in FIELDS[table]:
                if getattr(r, f) is not None:
                    row[f] = getattr(r, f)
            if table == "message":
                k = (r.platform, r.id)
                tables["collected"][k] = tables["collected"].get(k, False) or r.collected
    return tables


def write(store, case_id, recs, rng) -> None:
    """``recs`` as rows cut into batches staged in a shuffled order (their order keys say the file's)."""
    batches, first = [], 0
    cut = sorted(rng.sample(range(1, len(recs)), 4)) if len(recs) > 5 else []
    for lo, hi in zip([0] + cut, cut + [len(recs)]):
        rows = Rows()
        part = recs[lo:hi]
        rows.add(Mapped([r for r in part if isinstance(r, Account)], [r for r in part if isinstance(r, Message)],
                        [r for r in part if isinstance(r, Interaction)]))
        # rows of one table keep the file's order; order keys by each record's place in the file
        batches.append(_ordered_batch(rows, part, first))
        first += len(part)
    rng.shuffle(batches)
    with store.staging(case_id) as staging:
        for b in batches:
            staging.add(b)
        staging.finish()


def _ordered_batch(rows: Rows, part: list, first: int):
    import pyarrow as pa

    batch = rows.batch(0)
    places = {"account": [], "message": [], "interaction": []}
    for i, r in enumerate(part):
        places["account" if isinstance(r, Account) else "message" if isinstance(r, Message) else "interaction"].append(first + i)
    out = []
    for name, rb in zip(("account", "message", "interaction"), batch[:3]):
        out.append(rb.set_column(0, "o", pa.array(places[name], pa.int64())))
    return type(batch)(*out, 0)


@pytest.mark.parametrize("stored_before", [0, 30], ids=["fresh store", "records stored"])
def test_batches_in_any_order_merge_by_the_rules(tmp_path, stored_before):
    rng = random.Random(5)
    for trial in range(12):
        stored, file = records(rng, stored_before), records(rng, 80)
        with Store(tmp_path / f"s{trial}.duckdb") as store:
            if stored:
                store.write("c", [r for r in stored if isinstance(r, Account)],
                            [r for r in stored if isinstance(r, Message)], [r for r in stored if isinstance(r, Interaction)])
            write(store, "c", file, rng)
            expected = reference(stored, file)
            for table in ("account", "message"):
                cols = FIELDS[table]
                got = {(r[0], r[1]): {c: v for c, v in zip(cols, r) if v is not None}
                       for r in store.sql(f"SELECT {', '.join(cols)} FROM {table}")}
                want = {k: {c: (v.replace(tzinfo=None) if isinstance(v, datetime) else v) for c, v in row.items()}
                        for k, row in expected[table].items()}
                assert got == want, (trial, table)
            assert dict(((p, i), c) for p, i, c in store.sql("SELECT platform, id, collected FROM case_message")) \
                == expected["collected"]
            ties = {r[0]: r[1:] for r in store.sql("SELECT key, kind, source_account, target_account, target_handle "
                                                    "FROM interaction")}
            assert ties == {k: (i.kind, i.source_account, i.target_account, i.target_handle)
                            for k, i in expected["interaction"].items()}
            assert store.sql("SELECT count(*) FROM case_interaction")[0][0] == len(ties)


def test_interaction_key_by_hand():
    def md5(*parts):
        return hashlib.md5("\x1f".join(parts).encode()).hexdigest()

    # a reply is its carrier message; a mention adds whom (lower-cased handle, else the id); a like
    # without a carrier is who, whom and which message
    assert interaction_key("twitter", "reply", "1", "2", "Bob", None, None, "m9") == md5("twitter", "reply", "m", "m9")
    assert interaction_key("twitter", "mention", "1", "2", "Bob", None, None, "m9") == \
        md5("twitter", "mention", "m", "m9", "@bob")
    assert interaction_key("twitter", "mention", "1", "2", None, None, None, "m9") == \
        md5("twitter", "mention", "m", "m9", "#2")
    assert interaction_key("facebook", "like", "1", None, None, "p3") == md5("facebook", "like", "s", "1", "#", "p3")


def test_staged_files_are_removed_after_the_import_and_after_an_error(tmp_path):
    rng = random.Random(9)
    with Store(tmp_path / "s.duckdb") as store:
        write(store, "c", records(rng, 40), rng)
        with pytest.raises(RuntimeError, match="stopped"):
            with store.staging("c") as staging:
                staging.add_rows(Rows())
                assert list(tmp_path.glob("s.duckdb.staging-*/*.arrow"))  # the staged files, beside the store
                raise RuntimeError("stopped")
        assert store.sql("SELECT count(*) FROM duckdb_tables() WHERE temporary")[0][0] == 0
    assert not list(tmp_path.glob("s.duckdb.staging-*"))


def test_a_staged_file_is_read_by_every_statement_that_scans_it(tmp_path):
    """The upsert scans the staged rows in several statements (update, insert, case links): each reads
    them all, and a file staged twice in one store adds nothing the second time."""
    rng = random.Random(11)
    file = [r for r in records(rng, 120) if not isinstance(r, Interaction)]
    with Store(tmp_path / "s.duckdb") as store:
        write(store, "c", file, rng)
        first = {t: store.sql(f"SELECT * FROM {t} ORDER BY ALL") for t in ("account", "message", "case_message")}
        write(store, "c", file, rng)
        assert {t: store.sql(f"SELECT * FROM {t} ORDER BY ALL") for t in first} == first
    expected = reference([], file)
    assert len(first["message"]) == len(expected["message"]) and len(first["account"]) == len(expected["account"])


def test_an_import_removes_what_a_killed_import_left_beside_the_store(tmp_path):
    """An import killed outright (SIGKILL, out of memory) cannot remove its staged files; the next import
    into that store removes them (it holds the store for writing, so no other process stages into it),
    and leaves another store's and its own folder alone."""
    left = tmp_path / "s.duckdb.staging-k1ll3d"
    left.mkdir()
    (left / "message.arrow").write_bytes(b"rows" * 1000)
    other = tmp_path / "t.duckdb.staging-abc"
    other.mkdir()
    rng = random.Random(3)
    with Store(tmp_path / "s.duckdb") as store:
        with store.staging("c") as staging:
            assert not left.exists() and other.exists()
            assert staging.folder.exists() and staging.folder.parent == tmp_path
            with store.staging("d") as inner:  # one process's own folders are never another's leftovers
                assert staging.folder.exists() and inner.folder.exists()
        write(store, "c", records(rng, 10), rng)
    assert other.exists() and not list(tmp_path.glob("s.duckdb.staging-*"))


def test_only_files_of_its_own_folder_are_adopted(tmp_path):
    """A fast path's workers stage into the import's folder; a file anywhere else is never read as staged rows."""
    with Store(tmp_path / "s.duckdb") as store:
        with store.staging("c") as staging:
            with pytest.raises(ValueError, match="not a staged file"):
                staging.adopt([("message", tmp_path / "elsewhere.arrow")])
            with pytest.raises(ValueError, match="not a staged file"):
                staging.adopt([("case", staging.folder / "case-0.arrow")])
