"""Disk problems said in one line with what to do: full, read-only, no permission.

The original error is kept in its own words (``No space left on device``, ``File too
large`` from a file-size limit, ``Read-only file system``); :func:`describe` adds what it
means and what to do. Used for the outputs (``--out``) and, through
:mod:`civicnet.store.health`, for the store.
"""

from __future__ import annotations

import errno
import re
from contextlib import contextmanager
from pathlib import Path

FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
READ_ONLY = {errno.EROFS}
DENIED = {errno.EACCES, errno.EPERM}
#: A folder was to be made where a file is (``--out report.txt`` or under it).
NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST}
#: DuckDB says the OS error in words (and sometimes its errno) inside its own message.
_WORDS = (("No space left on device", errno.ENOSPC), ("File too large", errno.EFBIG),
          ("Disk quota exceeded", errno.EDQUOT), ("Read-only file system", errno.EROFS),
          ("Permission denied", errno.EACCES))
_DUCKDB_FILE = re.compile(r'(?:file|File) "([^"]+)"')


def error_number(exc: BaseException) -> int | None:
    """The OS error number behind ``exc`` (an ``OSError`` or a DuckDB IO error), if any."""
    if isinstance(exc, OSError) and exc.errno:
        return exc.errno
    text = str(exc)
    found = re.search(r'"errno":"(\d+)"', text)
    if found:
        return int(found.group(1))
    return next((number for words, number in _WORDS if words in text), None)


def filename(exc: BaseException) -> str | None:
    """The file ``exc`` is about, if it says."""
    if isinstance(exc, OSError) and exc.filename:
        return str(exc.filename)
    found = _DUCKDB_FILE.search(str(exc))
    return found.group(1) if found else None


def reason(exc: BaseException) -> str:
    """The original error's own words, on one line (DuckDB's JSON detail reduced to its message)."""
    text = str(exc)
    detail = re.search(r'"exception_message":"((?:[^"\\]|\\.)*)"', text)
    if detail:
        text = detail.group(1).replace('\\"', '"')
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return " ".join(text.split())[:300]


@contextmanager
def naming(path: str | Path):
    """Let an ``OSError`` raised while writing ``path`` name it (a failed ``write`` names no file)."""
    try:
        yield
    except OSError as exc:
        if not exc.filename:
            exc.filename = str(path)
        raise


def write_text(path: str | Path, text: str) -> None:
    """``path.write_text(text)`` in UTF-8, an error naming the file."""
    with naming(path):
        Path(path).write_text(text, encoding="utf-8")


def describe(exc: BaseException, what: str, fix: str, where: str | Path | None = None) -> str | None:
    """``FILE: <what it means> (<original words>); <fix>`` for a disk problem, else None.

    ``what`` names the thing written (``the outputs``, ``the store``); ``fix`` says what
    else to do (``choose another --out``); ``where`` is named when the error names no file.
    """
    number = error_number(exc)
    if number is None:
        return None
    where = filename(exc) or (str(where) if where is not None else "?")
    if number in FULL:
        return f"{where}: the disk is full ({reason(exc)}) while writing {what}; free space or {fix}, and run it again"
    if number in READ_ONLY:
        return f"{where}: cannot write {what} on a read-only disk ({reason(exc)}); {fix}"
    if number in DENIED:
        return f"{where}: no permission to write {what} ({reason(exc)}); {fix}"
    if number in NOT_A_FOLDER and (in_the_way := _file_in_the_way(filename(exc))) is not None:
        return f"{in_the_way}: is a file, not a folder, so {what} cannot be written there ({reason(exc)}); {fix}"
    return None


def _file_in_the_way(path: str | None) -> Path | None:
    """The file that stands where ``path`` or one of its folders should be, if any."""
    if not path:
        return None
    for part in (Path(path), *Path(path).parents):
        if part.exists():
            return None if part.is_dir() else part
    return None
