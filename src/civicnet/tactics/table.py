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

The analysis does not hold these rows: :func:`message_rows` streams them from DuckDB, sorted, batch
by batch into an Arrow IPC file in the system's temporary folder (``TMPDIR``; about messages.csv's
size) and gives a :class:`MessageRows` that reads it back batch by batch, whole
(:meth:`MessageRows.table`) or straight into messages.csv (:meth:`MessageRows.write_csv`); the
file is removed with the object. Held whole, the table was ~0.26 GB of memory per million messages.
"""

from __future__ import annotations

import csv
import os
import tempfile
import weakref
from pathlib import Path
from typing import Iterator

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


class MessageRows:
    """messages.csv's rows in an Arrow IPC file of their own, removed when this object is (module docstring).

    ``path``: the file; ``num_rows``: its rows. Read it with :meth:`table`, :meth:`batches` or
    :meth:`write_csv`; the object is plain data (no reference to the store).
    """

    def __init__(self, path: str | Path, num_rows: int = 0):
        self.path = Path(path)
        self.num_rows = num_rows
        self._remove = weakref.finalize(self, _unlink, str(self.path))

    @classmethod
    def spool(cls, scope, query: str) -> "MessageRows":
        """The rows of ``query`` on ``scope``, streamed by it (:meth:`~civicnet.store.scope.CaseScope.batches`)
        into a new temporary file, one record batch at a time."""
        _remove_orphans(tempfile.gettempdir())
        fd, name = tempfile.mkstemp(prefix=f"{_PREFIX}{os.getpid()}-", suffix=".arrow")
        os.close(fd)
        rows = cls(name)  # from here on the file goes with the object, also when the query fails

        def write() -> None:  # from the start (again, under the widest limit, if DuckDB ran short)
            rows.num_rows = 0
            with scope.batches(query) as reader, pa.OSFile(name, "wb") as sink, pa.ipc.new_file(sink, SCHEMA) as out:
                for batch in reader:
                    out.write_batch(pa.RecordBatch.from_arrays(batch.columns, schema=SCHEMA))
                    rows.num_rows += batch.num_rows

        scope.with_room(write)
        return rows

    def table(self) -> pa.Table:
        """The rows as one Arrow table with :data:`SCHEMA` (read from the file on each call)."""
        with pa.OSFile(str(self.path)) as source:
            return pa.ipc.open_file(source).read_all()

    def batches(self) -> Iterator[pa.RecordBatch]:
        """The rows in order, batch by batch (as written: up to ~65k rows each), with :data:`SCHEMA`."""
        with pa.OSFile(str(self.path)) as source:
            reader = pa.ipc.open_file(source)
            for i in range(reader.num_record_batches):
                yield reader.get_batch(i)

    def write_csv(self, path, label=None) -> None:
        """messages.csv at ``path`` (:func:`write_messages_csv`), read from the file batch by batch."""
        write_messages_csv(self, path, label)

    def __eq__(self, other) -> bool:  # the same rows, as two analyses compare (a table compared so)
        if not isinstance(other, MessageRows):
            return NotImplemented
        return self.num_rows == other.num_rows and self.table().equals(other.table())

    __hash__ = None


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


#: The spooled files' names: this prefix, the process id, a random part, ``.arrow``.
_PREFIX = "civicnet-messages-"


def _remove_orphans(folder: str) -> None:
    """Remove the spooled files in ``folder`` of processes that are gone: one killed outright (SIGKILL,
    the kernel out of memory) cannot remove its own. A file of a living process (or of another user's,
    which this one may not signal), or one not named by a process id, is left alone. POSIX only: on
    Windows ``os.kill`` would end the process it asks about."""
    if os.name != "posix":
        return
    for path in Path(folder).glob(f"{_PREFIX}*.arrow"):
        pid = path.name[len(_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            _unlink(str(path))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's, or not a process id this system knows: left alone
    return True


@measure(messages, types, questions, answers)
def message_rows(scope, messages: Relation, types: Relation, questions: Relation, answers: Relation) -> MessageRows:
    """The case's messages.csv rows, spooled to a file (:class:`MessageRows`, module docstring)."""
    query = scope.fill(_QUERY, messages=messages, types=types, questions=questions, answers=answers)
    return MessageRows.spool(scope, query)


@measure(message_rows)
def messages_table(scope, message_rows: MessageRows) -> pa.Table:
    """The case's messages.csv as an Arrow table (module docstring)."""
    return message_rows.table()


def write_messages_csv(rows: "pa.Table | MessageRows", path, label=None) -> None:
    """Write messages.csv from :func:`messages_table`'s table or :func:`message_rows`' file (header;
    empty for NULL; booleans ``true``/``false``).

    Without ``label`` (or with :data:`civicnet.labels.identity`) DuckDB writes the rows, as it writes
    query results (from the file batch by batch: never all of them in memory). Pseudonymised (a
    :class:`~civicnet.reports.pseudonym.Pseudonymiser`), every account, answering account, message
    id, parent and text goes through ``label``, column by column (as :meth:`civicnet.labels.Labeller.row`
    labels a row).
    """
    spooled = isinstance(rows, MessageRows)
    if not hides_text(label):
        target = str(path).replace("'", "''")
        source = pa.RecordBatchReader.from_batches(SCHEMA, rows.batches()) if spooled else rows
        with duckdb.connect() as con, lend(con, "messages_csv", source):
            con.execute(f"COPY messages_csv TO '{target}' (FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"')").fetchall()
        return
    columns = list(COLUMNS) if spooled else rows.column_names
    shown = {"account": label, "answered_by": label, "id": label.message_id, "parent": label.message_id}
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for batch in rows.batches() if spooled else rows.to_batches(50_000):
            # column by column, as Labeller.row labels a row: accounts and message ids where present,
            # every text
            cells = []
            for name in columns:
                values = batch.column(name).to_pylist()
                if name == "text":
                    values = [label.text(v) for v in values]
                elif name in shown:
                    show = shown[name]
                    values = [show(v) if v else v for v in values]
                cells.append(["" if v is None else _csv_value(v) for v in values])
            writer.writerows(zip(*cells))


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
