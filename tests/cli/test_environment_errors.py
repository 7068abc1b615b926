"""Broken machines as a user meets them: a full disk under the store or the outputs, a read-only
output folder, a damaged store, a store another program holds. Each is one line (``Error: …``
naming the file and what to do) and exit 1; the original error is never masked; the store is
left as it was.

Full disks without root: a child process with ``RLIMIT_FSIZE`` (writes beyond the limit fail with
EFBIG, as on a full disk), or an output file that is a link to ``/dev/full`` (ENOSPC). A read-only
folder: ``chmod`` does not stop root (CI runs as root), so the refusal is made at the OS boundary
(``os.mkdir`` / ``open`` raising EROFS); a ``chmod`` variant runs for other users.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _cli_helpers import CIVICNET, GOOD, jsonl, page, run, snapshot, tweet, write_case  # noqa: E402

BIG = jsonl(*[page(*[tweet(str(10_000 + 50 * p + k), text=f"bericht {p}-{k} " + "lang " * 40) for k in range(50)])
              for p in range(40)])


def one_line(err: str, word: str = "Error: ") -> str:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1, err[-3000:]
    assert lines[0].startswith(word) and "Traceback" not in err, err[-3000:]
    return lines[0]


def limited(args, limit: int, cwd=None):
    """Run civicnet in a child whose files cannot grow beyond ``limit`` bytes (a full disk)."""
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    r = subprocess.run([str(CIVICNET)] + [str(a) for a in args], preexec_fn=pre, capture_output=True, text=True,
                       cwd=cwd, timeout=300)
    return r.returncode, r.stdout, r.stderr


@pytest.fixture
def case(tmp_path):
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    (tmp_path / "big.jsonl").write_bytes(BIG)
    return write_case(tmp_path, ["{format: twitter-v2, path: good.jsonl}"])


def test_store_on_a_full_disk_says_so_and_keeps_the_store(case, tmp_path):
    store = tmp_path / "s.duckdb"
    assert run(["ingest", case, "--store", store])[0] == 0
    before = snapshot(store)
    bigger = write_case(tmp_path, ["{format: twitter-v2, path: good.jsonl}", "{format: twitter-v2, path: big.jsonl}"],
                        "bigger.yaml")
    code, out, err = limited(["ingest", bigger, "--store", store, "-q"], 100_000)
    assert code == 1, (out, err)
    line = one_line(err)
    assert "s.duckdb" in line and "disk is full" in line and "File too large" in line, line
    assert "cannot rollback" not in err
    assert snapshot(store) == before
    assert run(["ingest", bigger, "--store", store])[0] == 0  # with room again, the same command works


def test_store_on_a_full_disk_while_the_import_workers_stage(tmp_path):
    """A file large enough for the fast path's workers (≥ 48 MB): the workers write the staged rows
    beside the store themselves; a full disk there is the store's, said in one line, as in this process."""
    from civicnet.sources.twitter_v2_bulk import INLINE_BELOW

    one = jsonl(*[page(*[tweet(str(10_000 + 50 * p + k), text=f"bericht {p}-{k} " + "lang " * 60) for k in range(50)])
                  for p in range(40)])
    with open(tmp_path / "large.jsonl", "wb") as fh:
        for _ in range(INLINE_BELOW // len(one) + 1):
            fh.write(one)
    case = write_case(tmp_path, ["{format: twitter-v2, path: large.jsonl}"])
    store = tmp_path / "s.duckdb"
    code, out, err = limited(["ingest", case, "--store", store, "-q"], 2_000_000)
    assert code == 1, (out, err)
    line = one_line(err)
    assert "s.duckdb.staging-" in line and "disk is full" in line and "File too large" in line, line
    assert "worker failed" not in err and not list(tmp_path.glob("s.duckdb.staging-*"))


def test_outputs_on_a_full_disk_name_the_file(case, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.symlink("/dev/full", out / "summary.json")
    code, _, err = run(["run", case, "--out", out, "--no-pdf", "-q"])
    line = one_line(err)
    assert code == 1 and "summary.json" in line and "No space left on device" in line and "--out" in line, line
    # messages.csv is written by DuckDB itself (COPY): the same line
    (out / "summary.json").unlink()
    os.symlink("/dev/full", out / "messages.csv")
    code, _, err = run(["run", case, "--out", out, "--no-pdf", "-q"])
    line = one_line(err)
    assert code == 1 and "messages.csv" in line and "No space left on device" in line, line


def test_outputs_beyond_the_file_size_limit(case, tmp_path):
    assert run(["ingest", case])[0] == 0
    code, out, err = limited(["run", case, "--out", tmp_path / "out", "--no-pdf", "-q"], 2_000)
    assert code == 1, (out, err)
    line = one_line(err)
    assert "out" in line and "disk is full" in line, line


def test_a_read_only_output_folder(case, tmp_path, monkeypatch):
    real_mkdir = os.mkdir
    target = str(tmp_path / "ro")

    def read_only(path, *a, **kw):
        if str(path).startswith(target):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *a, **kw)

    monkeypatch.setattr(os, "mkdir", read_only)
    code, _, err = run(["run", case, "--out", tmp_path / "ro" / "out", "--no-pdf", "-q"])
    line = one_line(err)
    assert code == 1 and "ro/out" in line and "read-only" in line.lower() and "--out" in line, line
    code, _, err = run(["inbox", case, "--out", tmp_path / "ro" / "inbox", "-q"])
    assert code == 1 and "read-only" in one_line(err).lower()


def test_an_output_folder_under_a_file(case, tmp_path):
    (tmp_path / "report.txt").write_text("not a folder")
    for args in (["run", case, "--out", tmp_path / "report.txt" / "out", "--no-pdf", "-q"],
                 ["demo", "--cases", "deventer", "--out", tmp_path / "report.txt" / "demo", "--no-pdf", "-q"]):
        code, _, err = run(args)
        line = one_line(err)
        assert code == 1 and "report.txt: is a file, not a folder" in line and "--out" in line, line
    code, _, err = run(["run", case, "--out", tmp_path / "report.txt", "--no-pdf", "-q"])
    assert code == 2 and "is a file" in err and "Traceback" not in err  # the file itself: click's usage error
    assert (tmp_path / "report.txt").read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only (chmod) folder anyway")
def test_a_chmod_read_only_output_folder(case, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(["run", case, "--out", folder / "out", "--no-pdf", "-q"])
        assert code == 1 and "permission" in one_line(err).lower()
    finally:
        folder.chmod(0o700)


def _damage(store: Path, table: str) -> None:
    """Overwrite the start of ``table``'s first data segment (DuckDB: 12 KiB header, 256 KiB blocks,
    each with an 8-byte checksum before its data; the checksum covers the part in use)."""
    with duckdb.connect(str(store), read_only=True) as con:
        block, offset = con.execute(f"SELECT block_id, min(block_offset) FROM pragma_storage_info('{table}') "
                                    "WHERE block_id >= 0 GROUP BY ALL ORDER BY 1 LIMIT 1").fetchall()[0]
    with open(store, "r+b") as fh:
        fh.seek(12_288 + block * 262_144 + 8 + offset)
        fh.write(b"\xde\xad\xbe\xef" * 16)


def test_a_damaged_store_is_found_by_info_check_and_refused_by_run(case, tmp_path):
    assert run(["ingest", case])[0] == 0
    code, out, _ = run(["info", case, "--check", "--lang", "en"])
    assert code == 0 and "the store is sound" in out and "\nmessage: 3 rows read\n" in out, out
    code, out, _ = run(["info", case, "--check"])  # the case is Dutch: so is the report
    assert code == 0 and "de opslag is in orde" in out and "\nmessage: 3 rijen gelezen\n" in out, out
    store = tmp_path / ".civicnet" / "store.duckdb"
    _damage(store, "message")
    code, out, err = run(["info", case, "--check", "--lang", "en"])
    assert code == 1, (out, err)
    assert "problem: table message is damaged: Corrupt database file" in out, out
    line = one_line(err)
    assert "store.duckdb" in line and "backup" in line and "civicnet ingest" in line, line
    code, out, err = run(["info", case, "--check"])
    assert code == 1 and "probleem: tabel message is beschadigd: Corrupt database file" in out, out
    line = one_line(err, "Fout: ")
    assert "de opslag is beschadigd (1 probleem: tabel message is beschadigd" in line and "back-up" in line, line
    code, _, err = run(["run", case, "--out", tmp_path / "out", "--no-pdf", "-q", "--lang", "en"])
    line = one_line(err)
    assert code == 1 and "damaged" in line and "--check" in line and "Corrupt database file" in line, line
    code, _, err = run(["run", case, "--out", tmp_path / "out", "--no-pdf", "-q"])  # the case is Dutch: so is this
    line = one_line(err, "Fout: ")
    assert code == 1 and "de opslag is beschadigd" in line and "--check" in line and "back-up" in line, line


def test_a_store_held_by_another_program_says_who_and_what_to_do(case, tmp_path, monkeypatch):
    monkeypatch.setenv("CIVICNET_LOCK_WAIT", "0.3")  # how long a command waits for the holder (default 15 s)
    assert run(["ingest", case])[0] == 0
    store = tmp_path / ".civicnet" / "store.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(store)!r}); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (["ingest", case], ["info", case], ["run", case, "--out", tmp_path / "out", "--no-pdf"]):
            code, _, err = run(args + ["--lang", "en"])
            line = one_line(err)
            assert code == 1 and "in use by another program" in line and f"PID {holder.pid}" in line, line
            assert "civicnet serve" in line or "wait" in line, line
            code, _, err = run(args)  # the case's language
            line = one_line(err, "Fout: ")
            assert code == 1 and "de opslag is in gebruik door een ander programma" in line, line
            assert f"PID {holder.pid}" in line and "civicnet serve" in line, line
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    assert run(["ingest", case])[0] == 0
