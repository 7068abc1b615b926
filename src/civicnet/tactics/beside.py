"""The government stage's work on message texts, started before the networks are built (issue 22).

The typology of government's counted messages (:func:`.content.types`, ~10 CPU s at 1M planted
tweets) and its style and pronoun markers (:func:`.markers.government_markers`, ~4 CPU s) are
Python on one core. :func:`government_text` reads those messages; on a case with at least
:data:`BESIDE_TEXTS` distinct ``(text, language)`` pairs it hands them to a helper process
(:class:`civicnet.reports.demo_worker.Helper`, task ``{"government_text": …}``: :func:`work`),
which :func:`civicnet.analysis.analyse_case` starts before the networks are built, so the work runs
beside them on the other core; the case analysis takes the answer at the start of the government
stage, which ends the helper before that stage's statements (its memory, ~150 MB, never meets the
stage's peak). A smaller case's texts are worked on here, each part when asked for.

The answers are the same either way: the helper runs the same functions on the same rows
(:func:`.content.classify_each` of the distinct pairs, :func:`.markers.tally` of the rows), and JSON
carries their values exactly. A helper that cannot start or fails leaves the work to this process;
:meth:`GovernmentText.cancel` stops it (a failed analysis).
"""

from __future__ import annotations

import pyarrow as pa

from ..store.scope import Relation, measure
from ._base import messages
from .accounts import GovAccount, government

#: From this many distinct government texts the work runs in a helper process. Starting it costs
#: ~1.5 CPU s (the interpreter, the model) and ~150 MB, on the core the network build leaves: at 100k
#: planted tweets (2,925 texts) the analysis took 4.5 s instead of 4.9–5.0, at 220k (6,230 texts)
#: `civicnet run` 13.8–14.7 s instead of 14.4–15.2, peak +110 to +180 MB (stop 35; stop 32 had found
#: no gain at 220k, before the network stage's and the text patterns' later speed-ups). The demo's
#: cases (at most ~100 texts) stay in one process.
BESIDE_TEXTS = 2_000

#: The markers' rows (:func:`.markers.tally`), in the order they are tallied.
_MARKER_ROWS = "SELECT ident, text, has_media, platform, account, language FROM {messages} WHERE is_gov ORDER BY ident, id"


class GovernmentText:
    """Government's counted messages and the work on their texts, being done (module docstring).

    ``rows``: ``platform, id, text, language`` of each message (the types' rows, in this order);
    ``marker_rows``: :data:`_MARKER_ROWS`; ``bodies``: ``(platform, account id)`` → the lower-cased
    body the account speaks for.
    """

    def __init__(self, rows: pa.Table, marker_rows: list[tuple], bodies: dict[tuple[str, str], str]):
        self.rows, self.marker_rows, self.bodies = rows, marker_rows, bodies
        self.pairs = list(dict.fromkeys(zip(rows.column("text").to_pylist(), rows.column("language").to_pylist())))
        self._helper, self._ticket, self._answer = None, None, None
        if len(self.pairs) >= BESIDE_TEXTS:
            from ..reports.demo_worker import Helper

            self._helper = Helper()
            self._ticket = self._helper.submit({"government_text": self.task()}, lambda: None)

    def task(self) -> dict:
        """The helper's task (:func:`work`)."""
        return {"texts": [t for t, _ in self.pairs], "languages": [lang for _, lang in self.pairs],
                "marker_rows": self.marker_rows, "bodies": [[p, a, b] for (p, a), b in self.bodies.items()]}

    def _from_helper(self) -> dict | None:
        """The helper's answer (waiting for it), or None without one; the helper is ended either way."""
        if self._helper is not None:
            try:
                self._answer = self._helper.result(self._ticket)  # None: it failed, the work is done here
            finally:
                self.cancel()
        return self._answer

    def types(self) -> list[list[str]]:
        """Each row's types (:func:`.content.classify_each`), in :attr:`rows`' order."""
        from .content import classify_each

        answer = self._from_helper()
        texts, languages = [t for t, _ in self.pairs], [lang for _, lang in self.pairs]
        found = answer["types"] if answer is not None else classify_each(texts, languages)
        by_pair = dict(zip(self.pairs, found))
        return [by_pair[pair] for pair in zip(self.rows.column("text").to_pylist(),
                                                 self.rows.column("language").to_pylist())]

    def markers(self):
        """The style profiles and pronoun tallies (:func:`.markers.tally`): a :class:`~.markers.GovernmentMarkers`."""
        from .markers import GovernmentMarkers, tally

        answer = self._from_helper()
        rows, self.marker_rows = self.marker_rows, None  # asked for once (a measure): not kept
        if answer is None:
            return tally(rows, self.bodies)
        return GovernmentMarkers(answer["style"], {(p, a): counts for p, a, counts in answer["pronouns"]})

    def cancel(self) -> None:
        """End the helper process (at once, if it is still at work); no-op without one."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.close(stop=True)


def work(task: dict) -> dict:
    """The helper's side (:meth:`GovernmentText.task`): the types of the distinct pairs and the markers."""
    from .content import classify_each
    from .markers import tally

    found = tally([tuple(r) for r in task["marker_rows"]], {(p, a): b for p, a, b in task["bodies"]})
    return {"types": classify_each(task["texts"], task["languages"]), "style": found.style,
            "pronouns": [[p, a, counts] for (p, a), counts in found.pronouns.items()]}


@measure(government, messages)
def government_text(scope, government: list[GovAccount], messages: Relation) -> GovernmentText:
    """Government's counted messages, with the work on their texts started (module docstring)."""
    rows = scope.arrow(f"SELECT platform, id, text, language FROM {messages} WHERE is_gov")
    marker_rows = scope.sql(scope.fill(_MARKER_ROWS, messages=messages))
    bodies = {(g.platform, g.account_id): (g.body or "").lower() for g in government}
    return GovernmentText(rows, marker_rows, bodies)
