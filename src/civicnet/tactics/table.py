"""messages.csv: every counted message with the classification columns (CONTRACT.md).

Columns: ``platform, id, account, created_at, kind, parent, text, is_government,
message_type, is_question, answered_by, response_minutes``.

* ``account`` — the author's handle, or on platforms without handles the account id
  (the identifier nodes.csv uses); empty when the platform withheld the author;
* ``created_at`` — ISO 8601 UTC (``2014-02-15T13:04:00Z``);
* ``message_type`` — government messages only: the ``;``-joined types of
  :func:`civicnet.text.typology.classify_types` in the report's order, or ``none``;
  empty for other messages;
* ``is_question`` — the message is a question in CONTRACT's sense (a citizen's message
  addressed to government that asks something: :mod:`.answers`);
* ``answered_by`` / ``response_minutes`` — for questions: the first government answer's
  account and the minutes it took; empty when unanswered.

Rows are ordered by time, then platform and id.
"""

from __future__ import annotations

import csv

import pyarrow as pa

from ..case import Case
from ..labels import Labeller, identity
from ..store.db import Store
from . import answers as Q, content

COLUMNS = ("platform", "id", "account", "created_at", "kind", "parent", "text", "is_government",
           "message_type", "is_question", "answered_by", "response_minutes")

SCHEMA = pa.schema([
    ("platform", pa.string()), ("id", pa.string()), ("account", pa.string()), ("created_at", pa.string()),
    ("kind", pa.string()), ("parent", pa.string()), ("text", pa.string()), ("is_government", pa.bool_()),
    ("message_type", pa.string()), ("is_question", pa.bool_()), ("answered_by", pa.string()),
    ("response_minutes", pa.float64()),
])


#: messages.csv's rows (module docstring), once the answers and types are computed.
_QUERY = """
    SELECT m.platform, m.id, m.ident AS account,
           strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
           m.kind, m.parent, m.text, m.is_gov AS is_government,
           CASE WHEN m.is_gov THEN coalesce(nullif(array_to_string(t.types, ';'), ''), 'none') END AS message_type,
           q.id IS NOT NULL AS is_question,
           a.answered_by, a.response_minutes::DOUBLE AS response_minutes
    FROM tactics_messages m
    LEFT JOIN tactics_types t USING (platform, id)
    LEFT JOIN tactics_questions q USING (platform, id)
    LEFT JOIN tactics_answers a USING (platform, id)
    ORDER BY m.created_at NULLS LAST, m.platform, m.id
"""


def messages_table(store: Store, case: Case) -> pa.Table:
    """The case's messages.csv as an Arrow table (module docstring)."""
    _compute(store, case)
    return store.con.sql(_QUERY).to_arrow_table().cast(SCHEMA)


def write_messages_csv(store: Store, case: Case, path, label: Labeller = identity) -> None:
    """Write the case's messages.csv (header; empty for NULL; booleans ``true``/``false``).

    Shown as they are (:data:`civicnet.labels.identity`), DuckDB writes it straight from the query, in parallel:
    no Arrow table in between (building and casting one cost as much as writing the file).
    Pseudonymised (a :class:`~civicnet.reports.pseudonym.Pseudonymiser`), every account, answering account,
    message id, parent and text goes through ``label``, row by row.
    """
    if not label.active:
        _compute(store, case)
        target = str(path).replace("'", "''")
        store.sql(f"COPY ({_QUERY}) TO '{target}' (FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"')")
        return
    table = messages_table(store, case)
    columns = table.column_names
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for batch in table.to_batches(50_000):
            for row in batch.to_pylist():
                row = label.row(row, accounts=("account", "answered_by"), messages=("id", "parent"), texts=("text",))
                writer.writerow(["" if row[c] is None else _csv_value(row[c]) for c in columns])


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _compute(store: Store, case: Case) -> None:
    """The questions, answers and message types the query joins (fresh ones are kept)."""
    Q.compute(store, case)
    content.classify(store, case)
