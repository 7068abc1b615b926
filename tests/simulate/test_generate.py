"""The generators: deterministic, fast, and writing what the case files promise."""

from __future__ import annotations

import pytest

from civicnet.case import load_case
from civicnet.errors import InputError
from civicnet.simulate import CASES, generate

from _simulate_helpers import NAMES, SEED, files_of


def test_the_eight_cases_in_the_reports_order():
    assert list(CASES) == NAMES


def test_same_seed_gives_byte_identical_files(generated, tmp_path):
    for name in CASES:
        generate(name, tmp_path, seed=SEED)
    first, again = files_of(generated["root"]), files_of(tmp_path)
    assert sorted(first) == sorted(again)
    different = [path for path in first if first[path] != again[path]]
    assert different == []


def test_another_seed_gives_other_data_with_the_reports_figures(generated, tmp_path):
    import json

    path = generate("ocw", tmp_path, seed=7)
    ours = (generated["paths"]["ocw"].parent / "data" / "ocw-feed.jsonl").read_bytes()
    assert (path.parent / "data" / "ocw-feed.jsonl").read_bytes() != ours
    planted = json.loads((path.parent / "planted.json").read_text())
    assert planted["messages_by_kind"] == {"comment": 106, "post": 75, "post_to_page": 30}
    assert planted["questions_answered"] == 3


def test_unknown_case_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="choose from"):
        generate("nope", tmp_path)


@pytest.mark.parametrize("name", NAMES)
def test_case_file_loads_and_names_existing_sources(generated, name):
    case = load_case(generated["paths"][name])
    assert case.id == name
    assert case.language == "nl"
    assert case.level in ("micro", "meso", "macro")
    assert case.period_start and case.period_end
    assert case.government and case.focus and case.networks
    for source in case.sources:
        assert source.path.is_file() and source.format


def test_progress_is_reported(tmp_path):
    calls = []
    generate("deventer", tmp_path, progress=lambda d, n, t: calls.append((d, n, t)))
    assert calls[0] == ("simulate: deventer", 0, 2) and calls[-1] == ("simulate: deventer", 2, 2)
