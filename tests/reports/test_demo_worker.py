"""The demo's helper process (generating the next cases, printing the sheets) and the one-page fit:
the files are those the demo writes alone, and a helper that fails or dies costs nothing but time."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicnet.reports import factsheet_pdf
from civicnet.reports.demo_worker import Helper
from civicnet.simulate import generate


class _Printed:
    def __init__(self, pages: int):
        self.pages = [object()] * pages


def _fake_printer(monkeypatch, fitting: list[bool]) -> list[int]:
    laid_out: list[int] = []

    def render(html: str):
        i = int(html.removeprefix("sheet "))
        laid_out.append(i)
        return _Printed(1 if fitting[i] else 2)

    monkeypatch.setattr(factsheet_pdf, "render_pdf", render)
    return laid_out


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_the_fit_finds_the_first_candidate_that_fits_as_trying_each_would(monkeypatch, n):
    # Every pattern a sheet can give: the first k candidates too long, the rest fitting (a later
    # candidate is never longer) — the answer of trying them one by one, in at most 1 + log2 layouts.
    for k in range(n + 1):
        fitting = [i >= k for i in range(n)]
        laid_out = _fake_printer(monkeypatch, fitting)
        index, document = factsheet_pdf.print_first_fitting([f"sheet {i}" for i in range(n)])
        expected = next((i for i, ok in enumerate(fitting) if ok), n - 1)  # none fits: the last
        assert index == expected
        assert len(document.pages) == (1 if fitting[expected] else 2)
        assert len(laid_out) <= 2 + (n - 1).bit_length(), laid_out
        assert len(set(laid_out)) == len(laid_out)  # no candidate laid out twice


def test_print_factsheet_writes_the_printed_candidate_as_the_html(monkeypatch, tmp_path):
    _fake_printer(monkeypatch, [False, False, True])
    written = []
    monkeypatch.setattr(_Printed, "write_pdf", lambda self, path: written.append(path), raising=False)
    assert factsheet_pdf.print_factsheet(["sheet 0", "sheet 1", "sheet 2"], tmp_path) == 2
    assert (tmp_path / "factsheet.html").read_text(encoding="utf-8") == "sheet 2"
    assert written == [str(tmp_path / "factsheet.pdf")]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_case_generated_by_the_helper_is_the_case_generated_here(tmp_path):
    here = generate("deventer", tmp_path / "here", seed=2014)
    with Helper() as helper:
        assert helper.proc is not None  # this machine has two cores
        ticket = helper.submit({"generate": "deventer", "out": str(tmp_path / "helper"), "seed": 2014},
                               lambda: pytest.fail("the helper should have generated the case"))
        path = Path(helper.result(ticket))
    assert path == tmp_path / "helper" / "deventer" / "case.yaml"
    assert _tree(path.parent) == _tree(here.parent)


def test_a_task_the_helper_fails_is_done_here():
    with Helper() as helper:
        failed = helper.submit({"generate": "no-such-case", "out": "/nonexistent", "seed": 1}, lambda: "done here")
        after = helper.submit({"print": "/nonexistent", "candidates": []}, lambda: "also here")
        assert helper.result(failed) == "done here"
        assert helper.result(after) == "also here"
        assert helper.proc is not None  # a failed task does not end the helper


def test_a_helper_that_dies_leaves_every_open_task_to_this_process(tmp_path):
    with Helper() as helper:
        tickets = [helper.submit({"generate": "deventer", "out": str(tmp_path), "seed": 2014}, lambda i=i: f"here {i}")
                   for i in range(3)]
        helper.proc.kill()
        helper.proc.wait()
        results = [helper.result(t) for t in tickets]
        late = helper.submit({"generate": "deventer", "out": str(tmp_path), "seed": 2014}, lambda: "late")
        assert helper.result(late) == "late"
    # The helper may have answered some before it died; the others were done here.
    assert all(r == f"here {i}" or r.endswith("case.yaml") for i, r in enumerate(results))


def test_the_helper_readies_the_printer_on_a_warm_task():
    pytest.importorskip("weasyprint")
    with Helper() as helper:
        ticket = helper.submit({"warm": "print"}, lambda: pytest.fail("the helper should have answered"))
        assert helper.result(ticket) == "print"
        unknown = helper.submit({"warm": "nothing-such"}, lambda: "here")
        assert helper.result(unknown) == "here"  # an unknown warm-up is an error, answered as a failure


def test_without_a_helper_process_every_task_is_done_here():
    with Helper(use_process=False) as helper:
        tickets = [helper.submit({"generate": "x"}, lambda i=i: i) for i in range(3)]
        assert helper.proc is None
        assert [helper.result(t) for t in reversed(tickets)] == [2, 1, 0]


def test_the_demo_prints_in_its_helper_what_printing_here_would_print(tmp_path):
    pytest.importorskip("weasyprint")
    pdfplumber = pytest.importorskip("pdfplumber")
    from civicnet.reports.demo import run_demo
    from civicnet.reports.factsheet import printed_factsheet

    [run] = run_demo(tmp_path, cases=["deventer"], lang="en")
    html, document = printed_factsheet(run.analysis, "en")
    assert (run.out_dir / "factsheet.html").read_text(encoding="utf-8") == html
    with pdfplumber.open(run.out_dir / "factsheet.pdf") as pdf:
        assert len(pdf.pages) == len(document.pages) == 1
        words = pdf.pages[0].extract_text()
    assert run.case.title in " ".join(words.split())
    assert [p.name for p in run.files][:2] == ["factsheet.html", "factsheet.pdf"]
    assert "factsheet.pdf" in (tmp_path / "index.html").read_text(encoding="utf-8")



def test_run_prints_a_large_case_in_the_helper_while_it_writes_the_tables(tmp_path, monkeypatch):
    """`civicnet run` on a case of at least PRINT_BESIDE messages: the helper prints the sheet while the
    tables are written — the same factsheet.html and a one-page PDF, as printing here gives."""
    pytest.importorskip("weasyprint")
    pdfplumber = pytest.importorskip("pdfplumber")
    from civicnet import analyse, write_outputs
    from civicnet.case import load_case
    from civicnet.reports import demo_worker, outputs
    from civicnet.reports.factsheet import printed_factsheet

    submitted, stages = [], []

    class Watched(Helper):
        def submit(self, task, fallback):
            submitted.append((sorted(task), self.proc is not None, len(stages)))
            return super().submit(task, lambda: pytest.fail("the helper should have printed the sheet"))

    case = load_case(generate("deventer", tmp_path / "data", seed=2014))
    analysis = analyse(case, tmp_path / "store.duckdb")
    monkeypatch.setattr(outputs, "PRINT_BESIDE", analysis.message_rows.num_rows)
    monkeypatch.setattr(outputs, "Helper", Watched)
    files = write_outputs(analysis, tmp_path / "out", lang="en", progress=lambda d, *_: stages.append(d))
    # the helper readies WeasyPrint before the summary is written (while this process works on the
    # summary and the sheet), then prints the sheet once its candidates are laid out
    assert submitted == [(["warm"], True, 0), (["candidates", "print"], True, 2)]
    assert stages == ["write: summary", "write: factsheet", "write: tables", "write: pdf", "write: done"]
    assert [f.name for f in files] == list(outputs.OUTPUTS)
    html, document = printed_factsheet(analysis, "en")
    assert (tmp_path / "out" / "factsheet.html").read_text(encoding="utf-8") == html
    with pdfplumber.open(tmp_path / "out" / "factsheet.pdf") as pdf:
        assert len(pdf.pages) == len(document.pages) == 1
    assert demo_worker.Helper is Helper  # the module's own class untouched


def test_run_below_print_beside_prints_here(tmp_path, monkeypatch):
    pytest.importorskip("weasyprint")
    from civicnet import analyse, write_outputs
    from civicnet.case import load_case
    from civicnet.reports import outputs

    monkeypatch.setattr(outputs, "Helper", lambda *a, **k: pytest.fail("a small case is printed here"))
    case = load_case(generate("deventer", tmp_path / "data", seed=2014))
    analysis = analyse(case, tmp_path / "store.duckdb")
    assert analysis.message_rows.num_rows < outputs.PRINT_BESIDE
    write_outputs(analysis, tmp_path / "out", lang="en")
    assert (tmp_path / "out" / "factsheet.pdf").stat().st_size > 0
