"""messages.csv (messages_table) and its CSV writer."""

import csv
import io

import pyarrow.csv as pacsv

from civicnet.tactics import case_counts, government_summary, messages_table
from civicnet.tactics.table import write_messages_csv

COLUMNS = ["platform", "id", "account", "created_at", "kind", "parent", "text", "is_government", "message_type",
           "is_question", "answered_by", "response_minutes"]


def test_messages_table_columns_and_planted_rows(tw):
    scope, case, ids = tw
    table = messages_table(scope)
    assert table.column_names == COLUMNS
    rows = {r["id"]: r for r in table.to_pylist()}
    counts = case_counts(scope)
    assert len(rows) == counts["messages"] == 114
    assert sum(r["is_government"] for r in rows.values()) == counts["government_messages"]
    g = government_summary(scope)
    assert sum(r["is_question"] for r in rows.values()) == g["questions_received"]
    assert sum(r["answered_by"] is not None for r in rows.values()) == g["questions_answered"]
    assert rows[ids["q1"]] == {
        "platform": "twitter", "id": ids["q1"], "account": "burger1", "created_at": "2014-02-03T09:00:00Z",
        "kind": "post", "parent": None, "text": "@gemeentedeventer Wanneer wordt het afval opgehaald?",
        "is_government": False, "message_type": None, "is_question": True, "answered_by": "gemeentedeventer",
        "response_minutes": 45.0,
    }
    assert rows[ids["a1"]]["parent"] == ids["q1"] and rows[ids["a1"]]["is_government"]
    first = table.to_pylist()[0]
    assert first["text"].startswith("Doe mee") and first["message_type"] == "call"
    # message_type only for government messages; its types are the report's
    for r in rows.values():
        assert (r["message_type"] is not None) == r["is_government"]
        if r["message_type"] and r["message_type"] != "none":
            assert set(r["message_type"].split(";")) <= {"neutral", "personal", "call", "nuancing", "webcare", "humour"}
    # the per-type counts of the summary are the column's counts
    types = {}
    for r in rows.values():
        for t in (r["message_type"] or "").split(";"):
            if t:
                types[t] = types.get(t, 0) + 1
    assert {k: v for k, v in g["message_types"].items() if v} == types
    assert "ctx1" not in rows and "e1" not in rows


def test_write_messages_csv_holds_the_table(tw, tmp_path):
    scope, case, _ = tw
    table = messages_table(scope)
    write_messages_csv(table, tmp_path / "messages.csv")
    with open(tmp_path / "messages.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    text = {True: "true", False: "false", None: ""}
    expected = [[text[v] if v is None or isinstance(v, bool) else str(v) for v in r.values()]
                for r in table.to_pylist()]
    assert rows == [COLUMNS] + expected  # same rows, same order


def test_messages_table_writes_as_csv(planted):
    store, cases = planted
    case, ids = cases["linkedin"]
    buf = io.BytesIO()
    with store.case(case) as scope:
        pacsv.write_csv(messages_table(scope), buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().decode())))
    assert list(rows[0]) == COLUMNS
    q = next(r for r in rows if r["id"] == ids["q"])
    assert (q["account"], q["is_question"], q["answered_by"], q["response_minutes"]) == ("li2", "true", "li1", "90")


def _reference_rows(scope):
    """messages.csv's rows straight from the scope's query, in its order (no spool)."""
    from civicnet.tactics import messages
    from civicnet.tactics.answers import answers, questions
    from civicnet.tactics.content import types
    from civicnet.tactics.table import _QUERY

    query = scope.fill(_QUERY, messages=messages(scope), types=types(scope), questions=questions(scope),
                       answers=answers(scope))
    return scope.arrow(query).to_pylist()


def test_message_rows_spool_the_same_rows_in_order_and_go_with_the_object(tw):
    import gc

    from civicnet.tactics import message_rows

    scope, _, _ = tw
    rows = message_rows(scope)
    path = rows.path
    assert path.exists() and rows.num_rows == 114
    table = rows.table()
    assert table.column_names == COLUMNS and table.to_pylist() == _reference_rows(scope)
    assert [r for b in rows.batches() for r in b.to_pylist()] == table.to_pylist()
    assert messages_table(scope).equals(table)
    del rows, table
    scope._values.clear()  # the scope's measures were the last holders of the spooled rows
    gc.collect()
    assert not path.exists()


def test_write_messages_csv_from_the_spooled_rows_equals_the_table(tw, tmp_path):
    from civicnet.labels import Labeller
    from civicnet.tactics import message_rows

    scope, _, _ = tw
    rows = message_rows(scope)
    write_messages_csv(rows.table(), tmp_path / "from-table.csv")
    rows.write_csv(tmp_path / "from-file.csv")
    assert (tmp_path / "from-file.csv").read_bytes() == (tmp_path / "from-table.csv").read_bytes()

    class Upper(Labeller):  # hides text: the row-by-row writer
        active = True

        def __call__(self, ident):
            return None if ident is None else ident.upper()

        def message_id(self, mid):
            return None if mid is None else f"m-{mid}"

        def text(self, text):
            return None if text is None else "[hidden]"

    write_messages_csv(rows.table(), tmp_path / "p-table.csv", Upper())
    rows.write_csv(tmp_path / "p-file.csv", Upper())
    assert (tmp_path / "p-file.csv").read_bytes() == (tmp_path / "p-table.csv").read_bytes()
    with open(tmp_path / "p-file.csv", newline="", encoding="utf-8") as fh:
        body = list(csv.DictReader(fh))
    assert len(body) == 114 and {r["text"] for r in body} <= {"[hidden]", ""}



def test_spooled_rows_compare_by_their_rows(tw):
    from civicnet.tactics import messages
    from civicnet.tactics.answers import answers, questions
    from civicnet.tactics.content import types
    from civicnet.tactics.table import _QUERY, MessageRows

    scope, _, _ = tw
    query = scope.fill(_QUERY, messages=messages(scope), types=types(scope), questions=questions(scope),
                       answers=answers(scope))
    one, two, fewer = (MessageRows.spool(scope, q) for q in (query, query, f"{query} LIMIT 5"))
    assert one.path != two.path and one == two and one != fewer and fewer.num_rows == 5


def test_a_spool_removes_what_a_killed_process_left(tw, tmp_path, monkeypatch):
    """A process killed outright (SIGKILL, the kernel out of memory) cannot remove its spooled rows;
    the next spool removes the files of processes that are gone, and nothing of a living one."""
    import os
    import subprocess
    import sys
    import tempfile

    from civicnet.tactics import messages
    from civicnet.tactics.answers import answers, questions
    from civicnet.tactics.content import types
    from civicnet.tactics.table import _QUERY, MessageRows

    scope, _, _ = tw
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    orphan = tmp_path / f"civicnet-messages-{gone}-x1y2.arrow"
    living = tmp_path / f"civicnet-messages-{os.getppid()}-a1b2.arrow"  # this test's parent: alive
    other = [tmp_path / "civicnet-messages-abcd.arrow", tmp_path / "notes.arrow"]  # not named by a process
    for path in (orphan, living, *other):
        path.write_bytes(b"rows")
    query = scope.fill(_QUERY, messages=messages(scope), types=types(scope), questions=questions(scope),
                       answers=answers(scope))
    rows = MessageRows.spool(scope, query)
    assert rows.path.parent == tmp_path and rows.path.name.startswith(f"civicnet-messages-{os.getpid()}-")
    assert not orphan.exists() and living.exists() and all(p.exists() for p in other)
