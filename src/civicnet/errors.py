"""Typed errors of civicnet, under one root.

::

    CivicnetError                 anything civicnet raises on purpose
    ├── InputError                the user's input is wrong: exit status 1
    │   ├── CaseFileError         a case file is missing, unsafe or invalid
    │   ├── SourceNotFound        a path named by a case file does not exist
    │   ├── OptionError           a source entry's option (or path) cannot be used
    │   ├── FormatError           a file cannot be read as its format
    │   │   └── UndetectableFormat  no importer recognises the file
    │   ├── RejectedRecord        a record was rejected and ``--strict`` is on
    │   ├── AllRejected           every record of a source was rejected
    │   └── CredentialsError      a platform credential is missing, invalid or expired
    │       └── PermissionDenied  the credential lacks a permission or access level
    ├── RecordError               one record cannot be stored (skipped and counted)
    ├── CollectError              a live collection failed (network, server, rate limit)
    │   └── MalformedResponse     a platform answered with something its API does not document
    ├── StoreError                the store cannot be opened, written, or read
    │   ├── StoreLocked           another program holds the store
    │   └── StoreDamaged          the store file is corrupt
    ├── MissingDependency         an optional extra is not installed
    └── EngineError               the spark engine cannot start (Java) or a job failed

The CLI turns every one of them into a one-line message and exit status 1 (so too an
``OSError`` of the disk or a DuckDB error of the store that reaches it: :mod:`civicnet.disk`).
Messages say what to do next, and keep the original error's own words.
"""

from __future__ import annotations


class CivicnetError(Exception):
    """Root of every error civicnet raises on purpose.

    ``str(error)`` is the English message. An error about a case may also carry the message in
    the case's languages (``said``: language → message), which the CLI prints in the reader's
    language (CONTRACT "Language"); an error without it is printed in English.
    """

    said: dict[str, str] = {}

    def in_language(self, lang: str | None) -> str | None:
        """The message in ``lang``, or None where the error carries none in it."""
        return self.said.get(lang) if lang else None


def saying(error: CivicnetError, **said: str) -> CivicnetError:
    """``error``, carrying its message in other languages too (``nl="…"``) beside its English one."""
    error.said = {"en": str(error), **said}
    return error


class InputError(CivicnetError):
    """The user's input is wrong; the CLI exits with status 1."""


class CaseFileError(InputError):
    """A case file is missing, unsafe or does not follow the case format."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        #: the case's language where the file says it (:mod:`civicnet.case`), else None
        self.language: str | None = None
        super().__init__(f"{self.path}: {problem}")

    def in_language(self, lang: str | None) -> str | None:
        """The message in ``lang``: its problem through the ``case`` patterns of ``store/read_problems.yaml``."""
        if lang != "nl":
            return super().in_language(lang)
        from .store.reject_reasons import problem_text

        problem = problem_text(self.problem, lang, "case")
        return f"{self.path}: {problem}" if problem is not None else None


class SourceNotFound(InputError):
    """A source path does not exist."""

    def __init__(self, path, case_path=None):
        self.path = str(path)
        where = f" (named in {case_path})" if case_path else ""
        super().__init__(f"{self.path}: no such file{where}; check the path, which is relative to the case file")
        named = f" (genoemd in {case_path})" if case_path else ""
        saying(self, nl=f"{self.path}: dit bestand bestaat niet{named}; kijk het pad na; het geldt vanaf de map van "
                        "het casusbestand")


class OptionError(InputError):
    """A source entry's option cannot be used (``where``: the file it is for), or its path names no file.

    The problem is said in the reader's language through ``store/read_problems.yaml``, as a
    :class:`FormatError`'s is."""

    def __init__(self, where, problem: str):
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")

    def in_language(self, lang: str | None) -> str | None:
        if lang != "nl":
            return super().in_language(lang)
        from .store.reject_reasons import problem_text

        problem = problem_text(self.problem, lang)
        return f"{self.where}: {problem}" if problem is not None else None


class FormatError(InputError):
    """A file cannot be read as the format it is said or detected to be."""

    def __init__(self, path, problem: str, *, location: str | None = None, fmt: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.location = location
        self.format = fmt
        where = f" ({location})" if location else ""
        as_fmt = f" as {fmt}" if fmt else ""
        super().__init__(f"{self.path}{where}: cannot read{as_fmt}: {problem}")

    def in_language(self, lang: str | None) -> str | None:
        """The message in ``lang``: its problem through ``store/read_problems.yaml`` (None where that does
        not know it: the message is then said in English)."""
        said = super().in_language(lang)
        if said is not None or lang != "nl":
            return said
        from .store.reject_reasons import location_text, problem_text

        problem = problem_text(self.problem, lang)
        if problem is None:
            return None
        where = f" ({location_text(self.location, lang)})" if self.location else ""
        as_fmt = f" als {self.format}" if self.format else ""
        return f"{self.path}{where}: niet te lezen{as_fmt}: {problem}"


class UndetectableFormat(FormatError):
    """No importer recognises the file."""

    def __init__(self, path, problem: str = ""):
        hint = problem or "no known format recognised it"
        super().__init__(
            path,
            f"{hint}; name its format in the case file (`format:`), see `civicnet formats`",
        )
        dutch = _UNDETECTABLE_NL.get(problem)
        if dutch is not None:
            saying(self, nl=f"{self.path}: niet te lezen: {dutch}; noem het formaat in het casusbestand (`format:`), "
                            "zie `civicnet formats`")


#: Why detection found no format (:class:`UndetectableFormat`'s ``problem``), in Dutch.
_UNDETECTABLE_NL = {
    "": "geen bekend formaat herkende het",
    "binary data, not a known export": "binaire gegevens, geen bekende export",
    "the file is empty": "het bestand is leeg",
    "the file holds only blank space": "het bestand bevat alleen witruimte",
}


class RecordError(CivicnetError):
    """One record inside a readable file cannot be stored; it is skipped and counted.

    ``fix``, when known, is what the user can change to have such records read (e.g. the
    ``date_format:`` to set); the import's warnings name it.
    """

    def __init__(self, reason: str, fix: str | None = None):
        self.reason = reason
        self.fix = fix
        super().__init__(reason)


class RejectedRecord(InputError):
    """A record was rejected while ``--strict`` was on."""

    def __init__(self, path, location: str, reason: str):
        self.path = str(path)
        self.location = location
        self.reason = reason
        super().__init__(f"{self.path} ({location}): record rejected: {reason} (without --strict it would be skipped and counted)")

    def in_language(self, lang: str | None) -> str | None:
        if lang != "nl":
            return super().in_language(lang)
        from .store.reject_reasons import location_text, reason_text

        return (f"{self.path} ({location_text(self.location, lang)}): record afgewezen: {reason_text(self.reason, lang)} "
                "(zonder --strict zou het worden overgeslagen en geteld)")


class AllRejected(InputError):
    """Every record of a source was rejected: an input error (the store is left as it was)."""

    def __init__(self, path, count: int, reason: str, reason_count: int, location: str | None, fix: str | None):
        self.path = str(path)
        self.count = count
        self.reason = reason
        self.fix = fix
        where = f", first at {location}" if location else ""
        todo = f"; fix: {fix}" if fix else "; check the source's `format:` and options (see `civicnet formats`)"
        super().__init__(f"{self.path}: every record rejected ({count}); the most common reason ({reason_count}×"
                         f"{where}): {reason}{todo}")


class StoreError(CivicnetError):
    """The store cannot be opened or written (full or read-only disk), or has an unknown schema version."""


class StoreLocked(StoreError):
    """Another program (a running ``civicnet`` command) holds the store's write lock."""


class StoreDamaged(StoreError):
    """The store file is corrupt (a checksum mismatch, an unreadable block)."""


class CredentialsError(InputError):
    """A platform credential is missing, refused or expired; the message names the variable to set."""


class PermissionDenied(CredentialsError):
    """The credential works but lacks a permission, scope or access level (HTTP 403)."""


class CollectError(CivicnetError):
    """A live collection failed; what was collected before the failure is kept and resumed."""

    def __init__(self, message: str, *, platform: str | None = None, status: int | None = None):
        self.platform = platform
        self.status = status
        super().__init__(message)


class MalformedResponse(CollectError):
    """A response is not the JSON the platform's API documents; it is not written."""


class MissingDependency(CivicnetError):
    """An optional extra is needed and not installed."""

    def __init__(self, what: str, extra: str):
        super().__init__(f"{what} needs the optional extra: pip install 'civicnet[{extra}]'")


class EngineError(CivicnetError):
    """The spark engine cannot start (no Java runtime, a bad master URL) or one of its jobs failed."""
