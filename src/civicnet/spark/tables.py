"""A case's records as Spark tables: read from Parquet, with the case views on top.

The records come as the store's Parquet export (:func:`civicnet.store.export.to_parquet`:
one file per table, the case's rows only, the store's column names and types), on local
disk or in object storage (``s3a://…``, ``abfss://…``, ``gs://…``: whatever the cluster's
Spark reads). :func:`install` shows them to a :class:`~civicnet.spark.scope.SparkScope`
under the store's table names and adds the case views of :mod:`civicnet.store.views`, with
the same definitions in Spark's SQL, cached: every measure starts from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .scope import SparkScope

#: The store tables the per-message work reads (the rest stay in the driver's store).
RECORD_TABLES = ("account", "message", "interaction", "case_account", "case_message", "case_interaction")

_MESSAGE_COLUMNS = ("platform, id, account, created_at, text, language, kind, parent, root, like_count, "
                    "share_count, reply_count, quote_count, has_media, url, edit_group, page")

#: The case views (as :mod:`civicnet.store.views` defines them), in Spark SQL; ``{cid}``: the case id.
VIEWS = {
    "case_all_messages": """
        SELECT m.*, c.collected FROM case_message c JOIN message m USING (platform, id)
        WHERE c.case_id = {cid}""",
    "case_messages": f"SELECT {_MESSAGE_COLUMNS} FROM case_all_messages WHERE collected",
    "case_interactions": """
        SELECT i.*, coalesce(i.target_account, '@' || i.target_handle) AS target
        FROM case_interaction c JOIN interaction i USING (key)
        WHERE c.case_id = {cid} AND (i.message IS NULL OR EXISTS (
            SELECT 1 FROM case_message cm WHERE cm.case_id = {cid} AND cm.collected
                                              AND cm.platform = i.platform AND cm.id = i.message))""",
    "case_accounts": """
        SELECT a.* FROM case_account c JOIN account a USING (platform, id) WHERE c.case_id = {cid}""",
}


#: Messages per shuffle partition: a case's aggregates are small, and on one machine every extra
#: task costs more than it saves below this (measured: a demo case runs 3× faster on one partition).
MESSAGES_PER_PARTITION = 250_000


def shuffle_partitions(session, messages: int) -> int:
    """Partitions for the scope's shuffles: one per :data:`MESSAGES_PER_PARTITION` messages, at most
    twice the cores Spark has."""
    cores = session.sparkContext.defaultParallelism
    return max(1, min(2 * cores, -(-messages // MESSAGES_PER_PARTITION)))


def install(scope: "SparkScope", location: str) -> None:
    """Show the record tables of the Parquet export at ``location`` (a folder or URL) and the
    case views to ``scope``'s session."""
    base = str(location).rstrip("/")
    for name in RECORD_TABLES:
        scope.spark.read.parquet(f"{base}/{name}.parquet").createOrReplaceTempView(name)
    literal = "'" + scope.case.id.replace("\\", "\\\\").replace("'", "\\'") + "'"
    messages = scope.spark.sql(f"SELECT count(*) FROM case_message WHERE case_id = {literal}").collect()[0][0]
    partitions = shuffle_partitions(scope.spark, messages)
    scope.spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    if partitions == 1:
        # a case that fits one partition: adaptive execution re-plans each of the scope's small queries
        # between its stages and finds nothing to gain (a demo case, paired runs in one process:
        # 36–43 s without it, 53–56 s with it); larger cases keep it (joins chosen on real sizes)
        scope.spark.conf.set("spark.sql.adaptive.enabled", "false")
    for name, query in VIEWS.items():
        scope.register(name, scope.spark.sql(query.replace("{cid}", literal)))
