"""Nothing lost silently: the warnings an import gives, as data, in Dutch and English.

CONTRACT "Commands": when a source yields no message, or more than 1 % of its records
are rejected, ``ingest``, ``run`` and ``demo`` print a warning naming the file, the
count, the most common reason and the fix, and the factsheet's limitations say so. A
file of another kind than messages (a users lookup, a followers page without the
account it belongs to) says what it holds and how to use it. (A source of which every
record is rejected is an input error: :class:`~civicnet.errors.AllRejected`, raised by
the import itself.)

How this reads the contract (docs/formats.md "Warnings"): "yields no message" means no
message *and no tie* — a follow network's followers page yields only ties and is what
it should be. A CSV whose last row has no line break after it gets a warning too (the
row is kept; it may be cut off).

The sentences are in ``import_warnings.yaml`` (nl, en); numbers follow the language
(``12.556``, ``2,5 %`` in Dutch). Reject reasons and their fixes, which the importers write
in English, are given in the reader's language by :mod:`.reject_reasons`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import InputError, saying
from .reject_reasons import fix_text, reason_text

#: A source warns when more than this share of its records is rejected.
REJECTED_SHARE = 0.01

#: A source warns when more than this share of its collected messages has no author.
ANONYMOUS_SHARE = 0.01

#: How a list of accounts can be used, by format (the key of the sentence in the catalogue).
_USE = {"twitter-v2": "use_twitter_v2", "mastodon": "use_mastodon", "bluesky": "use_bluesky"}


@lru_cache(maxsize=None)
def _catalogue() -> dict[str, dict[str, str]]:
    text = resources.files("civicnet.store").joinpath("import_warnings.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _number(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", ".") if lang == "nl" else f"{n:,}"


def _share(part: int, whole: int, lang: str) -> str:
    value = 100 * part / whole if whole else 0.0
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    return f"{text.replace('.', ',')} %" if lang == "nl" else f"{text}%"


@dataclass(frozen=True)
class ImportWarning:
    """One thing a user must know about one imported file."""

    path: str
    kind: str  # no_records | accounts_only | no_messages | rejected | anonymous | cut_last | unmatched_government
    values: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The warning as one sentence in ``lang`` (nl or en)."""
        words = _catalogue()[lang if lang in ("nl", "en") else "en"]
        v = dict(self.values, file=Path(self.path).name)
        for key in ("read", "rejected", "count", "accounts"):
            if key in v:
                v[key] = _number(v[key], lang)
        if self.kind == "rejected":
            v["share"] = _share(self.values["rejected"], self.values["read"], lang)
            v["reason"] = reason_text(v["reason"], lang)
            v["fix"] = words["fix"].format(fix=fix_text(v["fix"], lang)) if v.get("fix") else words["no_fix"]
        if self.kind == "anonymous":
            v["share"] = _share(self.values["count"], self.values["messages"], lang)
            v["messages"] = _number(self.values["messages"], lang)
            v["ask"] = words.get(f"ask_{v.get('format')}", words["ask_other"])
        if self.kind == "accounts_only":
            use = _USE.get(v.get("format", ""))
            v["use"] = words[use] if use else ""
        return " ".join(words[self.kind].format(**v).split())

    def as_dict(self) -> dict:
        return {"path": self.path, "kind": self.kind, **self.values}


def warnings_of(report: dict) -> list[ImportWarning]:
    """The warnings of one import, from an ImportReport's dict or a row of :func:`~.ingest.import_reports`.

    A file skipped as already imported and unchanged gives none: nothing was read this time, and its
    import's own warnings stay with the case (:func:`case_warnings`)."""
    if report.get("skipped_unchanged"):
        return []
    path, read = report["path"], report.get("records_read") or 0
    rejected = report.get("records_rejected") or 0
    reasons = report.get("reject_reasons") or (report.get("rejects") or {}).get("reasons") or {}
    yielded = report.get("yielded") or {}
    out: list[ImportWarning] = []
    if read == 0:
        out.append(ImportWarning(path, "no_records"))
    elif yielded and not yielded.get("messages") and not yielded.get("interactions") and rejected < read:
        if yielded.get("accounts"):
            if report.get("format") != "twitter-archive":  # an archive's account.js: its own account, as meant
                out.append(ImportWarning(path, "accounts_only", {"accounts": yielded["accounts"],
                                                                 "format": report.get("format")}))
        else:
            out.append(ImportWarning(path, "no_messages", {"read": read}))
    if read and rejected > REJECTED_SHARE * read:
        reason, count = next(iter(reasons.items()), ("?", rejected))
        fix = (report.get("fixes") or {}).get(reason)
        out.append(ImportWarning(path, "rejected", {"read": read, "rejected": rejected, "reason": reason,
                                                    "count": count, "fix": fix}))
    collected, anonymous = yielded.get("messages") or 0, yielded.get("anonymous") or 0
    if anonymous > ANONYMOUS_SHARE * collected:
        out.append(ImportWarning(path, "anonymous", {"count": anonymous, "messages": collected,
                                                     "format": report.get("format")}))
    cut = (report.get("reading") or {}).get("cut_last")
    if cut:
        out.append(ImportWarning(path, "cut_last", {"detail": cut}))
    return out


def case_warnings(store, case_id: str) -> list[ImportWarning]:
    """The warnings of the latest import of each of the case's files."""
    from .ingest import import_reports

    latest: dict[str, dict] = {}
    for row in import_reports(store, case_id):
        latest[row["path"]] = row
    return [w for row in latest.values() for w in warnings_of(row)]


def government_warnings(store, case) -> list[ImportWarning]:
    """A warning naming the case file's government entries found nowhere in the case's data (a typo, a
    handle of another platform): without it the sheet would say government took no part."""
    from .government import unseen_government

    if not getattr(case, "government", None):  # nothing named, nothing missing
        return []
    missing = unseen_government(store, case)
    if not missing:
        return []
    return [ImportWarning(str(case.path), "unmatched_government", {"handles": ", ".join(missing)})]


def limitations(store, case_id: str, lang: str) -> list[str]:
    """The warnings as sentences for the factsheet's limitations."""
    return [w.text(lang) for w in case_warnings(store, case_id)]


def require_content(store, case, counts: tuple[int, int] | None = None) -> None:
    """Refuse a case whose sources gave neither messages nor ties (nothing to analyse), saying why.

    ``counts``: the case's (collected messages, ties) where they are not in the store (the spark
    engine's import); None counts them in the store."""
    if counts is None:
        counts = store.sql(
            """SELECT (SELECT count(*) FROM case_message WHERE case_id = ? AND collected),
                      (SELECT count(*) FROM case_interaction WHERE case_id = ?)""", [case.id, case.id])[0]
    if any(counts):
        return
    warnings = case_warnings(store, case.id)
    said = {lang: " ".join([_words(lang)["nothing_to_analyse"].format(case=case.path)]
                           + [w.text(lang) for w in warnings]) for lang in ("en", "nl")}
    raise saying(InputError(said["en"]), nl=said["nl"])  # the CLI says it in the reader's language


def _words(lang: str) -> dict[str, str]:
    return _catalogue()[lang if lang in ("nl", "en") else "en"]


_DELIMITERS = {"nl": {",": "komma", ";": "puntkomma", "\t": "tab"}, "en": {",": "comma", ";": "semicolon", "\t": "tab"}}


def describe_reading(reading: dict, lang: str = "en", language: str = "nl") -> str | None:
    """How a file was read (encoding, delimiter, order of dates) as one phrase, or None."""
    words = _words(lang)
    parts = []
    if reading.get("encoding"):
        parts.append(words["reading"].format(encoding=reading["encoding"]))
    if reading.get("delimiter"):
        names = _DELIMITERS["nl" if lang == "nl" else "en"]
        parts.append(words["delimiter"].format(delimiter=names.get(reading["delimiter"], repr(reading["delimiter"]))))
    dates = reading.get("date_order")
    if dates:
        order = words[f"order_{dates['order']}"] if f"order_{dates['order']}" in words else dates["order"]
        basis = words.get(f"basis_{dates['basis']}", "").format(example=dates.get("example") or "", language=language)
        parts.append(words["dates"].format(order=order, basis=basis))
    return "; ".join(parts) or None


def summary_lines(report: dict, lang: str = "en", language: str = "nl") -> list[str]:
    """What ``civicnet ingest`` prints for one import: the summary, how it was read, the top reasons."""
    words = _words(lang)
    v = {"file": Path(report["path"]).name, "format": report["format"],
         "detected": words["detected"] if report.get("format_detected") else ""}
    if report.get("skipped_unchanged"):
        return [words["unchanged"].format(**v)]
    v.update({k: _number(report.get(key) or 0, lang) for k, key in (
        ("read", "records_read"), ("rejected", "records_rejected"), ("messages", "messages_added"),
        ("accounts", "accounts_added"), ("interactions", "interactions_added"))})
    lines = [words["summary"].format(**v)]
    reading = describe_reading(report.get("reading") or {}, lang, language)
    if reading:
        lines.append("  " + reading)
    reasons = report.get("reject_reasons") or (report.get("rejects") or {}).get("reasons") or {}
    for reason, count in list(reasons.items())[:5]:
        lines.append("  " + words["rejected_line"].format(count=_number(count, lang), reason=reason_text(reason, lang)))
    return lines


def warning_label(lang: str = "en") -> str:
    return _words(lang)["warning"]
