"""Helpers for the network tests: case files in tmp_path, stores, records written directly."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from civicnet.case import load_case
from civicnet.model import Account, Interaction, Message
from civicnet.networks import build_network
from civicnet.store.db import Store

DATA = Path(__file__).parent / "data"
T0 = datetime(2014, 2, 1, 9, 0, tzinfo=timezone.utc)


def write_case(tmp_path: Path, case_id: str, sources: list[tuple[str, Path]], government: list[str] = (),
               networks: tuple[str, ...] = ("mention",)) -> Path:
    """A case file in tmp_path; sources are (format, absolute path)."""
    lines = [f"id: {case_id}", f"title: {case_id}", "sources:"]
    lines += [f"  - {{format: {fmt}, path: '{path}'}}" for fmt, path in sources]
    if government:
        lines.append("government:")
        lines += [f"  - {{handle: '{h}'}}" for h in government]
    lines.append(f"networks: [{', '.join(networks)}]")
    path = tmp_path / f"{case_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def direct_case(tmp_path):
    """A factory: (case, store) for records written with Store.write (no importer)."""
    stores = []

    def make(case_id: str, accounts, messages, interactions, government=()):
        dummy = tmp_path / f"{case_id}.json"
        dummy.write_text("{}", encoding="utf-8")
        case = load_case(write_case(tmp_path, case_id, [("twitter-v2", dummy)], list(government)))
        store = Store(tmp_path / f"{case_id}.duckdb")
        stores.append(store)
        store.write(case.id, accounts, messages, interactions)
        return case, store

    yield make
    for s in stores:
        s.close()


def build(store: Store, case, kind: str, **options):
    """The case's network of ``kind``, built on a scope of its own (closed again: a Network keeps no store)."""
    with store.case(case) as scope:
        return build_network(scope, kind, **options)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


__all__ = ["Account", "Interaction", "Message", "DATA", "at", "build", "write_case"]
