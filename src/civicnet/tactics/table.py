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

import duckdb
import pyarrow as pa

from ..labels import hides_text
from ..store.connection import lend
from ..store.scope import Relation, measure
from ._base import messages
from .answers import answers, questions
from .content import types

COLUMNS = ("platform", "id", "account", "created_at", "kind", "parent", "text", "is_government",
           "message_type", "is_question", "answered_by", "response_minutes")

SCHEMA = pa.schema([
    ("platform", pa.string()), ("id", pa.string()), ("account", pa.string()), ("created_at", pa.string()),
    ("kind", pa.string()), ("parent", pa.string()), ("text", pa.string()), ("is_government", pa.bool_()),
    ("message_type", pa.string()), ("is_question", pa.bool_()), ("answered_by", pa.string()),
    ("response_minutes", pa.float64()),
])


#: messages.csv's rows (module docstring).
_QUERY = """
    SELECT m.platform, m.id, m.ident AS account,
           strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
           m.kind, m.parent, m.text, m.is_gov AS is_government,
           CASE WHEN m.is_gov THEN coalesce(nullif(array_to_string(t.types, ';'), ''), 'none') END AS message_type,
           q.id IS NOT NULL AS is_question,
           a.answered_by, a.response_minutes::DOUBLE AS response_minutes
    FROM {messages} m
    LEFT JOIN {types} t USING (platform, id)
    LEFT JOIN {questions} q USING (platform, id)
    LEFT JOIN {answers} a USING (platform, id)
    ORDER BY m.created_at NULLS LAST, m.platform, m.id
"""


@measure(messages, types, questions, answers)
def messages_table(scope, messages: Relation, types: Relation, questions: Relation, answers: Relation) -> pa.Table:
    """The case's messages.csv as an Arrow table (module docstring)."""
    query = scope.fill(_QUERY, messages=messages, types=types, questions=questions, answers=answers)
    return scope.arrow(query).cast(SCHEMA)


def write_messages_csv(table: pa.Table, path, label=None) -> None:
    """Write messages.csv from :func:`messages_table`'s table (header; empty for NULL; booleans
    ``true``/``false``).

    Without ``label`` (or with :data:`civicnet.labels.identity`) DuckDB writes the table in
    parallel, as it writes query results. Pseudonymised (a
    :class:`~civicnet.reports.pseudonym.Pseudonymiser`), every account, answering account, message
    id, parent and text goes through ``label``, row by row (:meth:`civicnet.labels.Labeller.row`).
    """
    if not hides_text(label):
        target = str(path).replace("'", "''")
        with duckdb.connect() as con, lend(con, "messages_csv", table):
            con.execute(f"COPY messages_csv TO '{target}' (FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"')").fetchall()
        return
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
