"""Reject reasons in the reader's language (CONTRACT "Language"): every reason and fix the importers
write has its Dutch, values quoted from the file kept as they are."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from civicnet.store.reject_reasons import fix_text, known, problem_text, reason_text

SRC = Path(__import__("civicnet").__file__).parent
#: Calls whose first argument is a reject reason (``RecordError``, ``Broken``) or becomes one (``ValueError``
#: of the JSON reader, quoted as the broken line's reason).
REASON_CALLS = {"RecordError", "Broken"}


def _sample(node: ast.expr, module: dict[str, ast.expr]) -> str | None:
    """The text a reason expression gives, each interpolated value standing as ``7`` (a name: its constant;
    None for a variable: that call passes on a reason made elsewhere)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        # a conditional part (``{f' from {x}' if x else ''}``) as its empty choice
        return "".join(v.value if isinstance(v, ast.Constant) else "" if isinstance(v.value, ast.IfExp) else "7"
                       for v in node.values)
    if isinstance(node, ast.Name) and node.id in module:
        return _sample(module[node.id], module)
    return None


def _written() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    reasons, fixes = [], []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                  if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "fix" for t in node.targets):
                for value in ([node.value.body, node.value.orelse] if isinstance(node.value, ast.IfExp) else [node.value]):
                    text = _sample(value, module)
                    if text:
                        fixes.append((f"{path.name}:{node.lineno}", text))
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None)
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            if name in REASON_CALLS and node.args:
                text = _sample(node.args[0], module)
                if text:
                    reasons.append((where, text))
                if len(node.args) > 1 and (fix := _sample(node.args[1], module)):
                    fixes.append((where, fix))
            if name == "ValueError" and path.name == "_json.py" and node.args:
                text = _sample(node.args[0], module)
                if text and not text.startswith("invalid JSON"):  # that one is quoted as "broken line: invalid JSON: …"
                    reasons.append((where, text))
            for kw in node.keywords if name in REASON_CALLS else ():
                if kw.arg == "fix" and (fix := _sample(kw.value, module)):
                    fixes.append((where, fix))
    return reasons, fixes


def test_the_scan_finds_the_reasons_it_is_meant_to_find():
    reasons, fixes = _written()
    texts = {t for _, t in reasons}
    assert len(reasons) > 50 and "no 7" in texts and "expected a CSV row, found 7" in texts
    assert any(t.startswith("the record gives a message with nothing but an id") for t in texts)  # a module constant
    assert any("day first" in t for _, t in fixes) and any(t.startswith("check the delimiter") for _, t in fixes)


def test_every_reason_and_fix_written_in_src_has_its_dutch():
    reasons, fixes = _written()
    unknown = [(where, t) for where, t in reasons if not known(t)]
    unknown += [(where, t) for where, t in fixes if not known(t, "fixes")]
    assert unknown == [], "add these to src/civicnet/store/reject_reasons.yaml"


@pytest.mark.parametrize(("english", "dutch"), [
    ("no tweet id", "geen tweet id"),
    ("unparseable created_at: '28 mei 2022' (expected a date such as 28/05/2022 20:12 or ISO 8601)",
     "onleesbare created_at: '28 mei 2022' (verwacht: een datum zoals 28/05/2022 20:12 of ISO 8601)"),
    ("unparseable Datum: '31/02/2022' is no date (read day first)",
     "onleesbare Datum: '31/02/2022' is geen datum (gelezen als dag eerst)"),
    ("expected a JSON object, found list", "verwacht: een JSON-object, gevonden: list"),
    ("row has 3 fields, the header 5: cut off or shifted", "rij heeft 3 velden, de kopregel 5: afgebroken of verschoven"),
    ("broken line: invalid JSON: unexpected character: line 1 column 41 (char 40)",
     "kapotte regel: geen geldige JSON: unexpected character: line 1 column 41 (char 40)"),
])
def test_reasons_read_in_dutch_with_the_files_values_as_they_are(english, dutch):
    assert reason_text(english, "nl") == dutch
    assert reason_text(english, "en") == english


def test_fixes_read_in_dutch_and_an_unknown_reason_stays_as_written():
    fix = 'set `date_format: "%d/%m/%Y"` (day first) or `date_format: "%m/%d/%Y"` (month first)'
    assert fix_text(fix, "nl") == 'zet `date_format: "%d/%m/%Y"` (dag eerst) of `date_format: "%m/%d/%Y"` (maand eerst)'
    assert fix_text(fix, "en") == fix
    assert reason_text("something no importer writes", "nl") == "something no importer writes"
    assert reason_text("", "nl") == ""


# -- why a file cannot be read (FormatError's problem) ------------------------------------------------

def _problems_written() -> list[tuple[str, str]]:
    """Every problem text src/ gives a FormatError or OptionError (``source.error(…)``, ``FormatError(path, …)``,
    ``OptionError(where, …)``, a fast path's
    ``fatal = (line, …)``, the JSON reader's and the encoding option's ValueError), each value standing as ``7``."""
    problems = []
    for path in sorted(p for folder in ("sources", "store", "spark") for p in (SRC / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                  if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}"
            found = None
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "error" and isinstance(node.func, ast.Attribute) and node.args:
                    found = node.args[0]
                elif name in ("FormatError", "OptionError") and len(node.args) > 1:
                    found = node.args[1]
                elif name == "ValueError" and path.name in ("_json.py", "_text.py") and node.args:
                    found = node.args[0]
            elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2
                  and any(isinstance(t, ast.Attribute) and t.attr == "fatal" for t in node.targets)):
                found = node.value.elts[1]
            text = _sample(found, module) if found is not None else None
            if text:
                problems.append((where, text))
    return problems


def test_the_scan_finds_the_read_problems_it_is_meant_to_find():
    texts = {t for _, t in _problems_written()}
    assert len(texts) > 50 and "the file is empty" in texts and "a line is larger than 7 MiB" in texts
    assert "invalid JSON: 7" in texts and "nested too deeply" in texts
    assert any(t.startswith("unknown encoding 7") for t in texts)


def test_every_read_problem_written_in_src_has_its_dutch():
    unknown = [(where, t) for where, t in _problems_written() if not known(t, "problems")]
    assert unknown == [], "add these to src/civicnet/store/read_problems.yaml"


@pytest.mark.parametrize(("english", "dutch"), [
    ("the CSV has a header but no rows", "de CSV heeft een kopregel maar geen rijen"),
    ("cannot decode the byte at offset 17 of the file as UTF-8 (invalid continuation byte); name the file's "
     "encoding in its source entry, e.g. `encoding: windows-1252`",
     "kan de byte op positie 17 van het bestand niet lezen als UTF-8 (ongeldige vervolgbyte); noem de codering van "
     "het bestand in zijn bron, bijvoorbeeld `encoding: windows-1252`"),
    ("`relation: followers` needs `account: ID` (whose followers these are)",
     "`relation: followers` heeft `account: ID` nodig (van welk account dit de volgers zijn)"),
    ('expected Graph API posts or comments: {"data": [...]}, a post object or a list',
     'verwacht: berichten of reacties van de Graph API: {"data": [...]}, een bericht-object of een lijst'),
    ("no sheet 'Edges'; the workbook has Blad1, Blad2", "geen werkblad 'Edges'; de werkmap heeft Blad1, Blad2"),
])
def test_read_problems_read_in_dutch_with_the_files_values_as_they_are(english, dutch):
    assert problem_text(english, "nl") == dutch
    assert problem_text(english, "en") == english
    assert problem_text("a problem no importer writes", "nl") is None


def test_a_format_error_is_said_in_dutch_where_its_problem_is_known():
    from civicnet.errors import FormatError, RejectedRecord

    error = FormatError("a.json", "invalid JSON: unexpected character", location="line 3, data[2]", fmt="twitter-v2")
    assert error.in_language("nl") == ("a.json (regel 3, data[2]): niet te lezen als twitter-v2: geen geldige JSON: "
                                       "unexpected character")
    assert error.in_language("en") is None and str(error).startswith("a.json (line 3, data[2]): cannot read as")
    assert FormatError("a.json", "something new").in_language("nl") is None  # said in English as a whole
    rejected = RejectedRecord("b.csv", "line 4", "no tweet id")
    assert rejected.in_language("nl") == ("b.csv (regel 4): record afgewezen: geen tweet id (zonder --strict zou "
                                          "het worden overgeslagen en geteld)")


# -- why a case file cannot be used (CaseFileError's problem) -----------------------------------------

def _case_problems_written() -> list[tuple[str, str]]:
    """Every problem civicnet/case.py, implied_case.py and the `collect:` entries' checks give a CaseFileError
    (``CaseFileError(path, …)``, the validators' ``fail(…)``), each value standing as ``7`` (one made only of
    values is passed on)."""
    problems = []
    for path in (SRC / "case.py", SRC / "implied_case.py", SRC / "collect" / "spec.py", SRC / "collect" / "run.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                  if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            found = node.args[1] if name == "CaseFileError" and len(node.args) > 1 else (
                node.args[-1] if name == "fail" and node.args else None)
            if isinstance(found, ast.BinOp):  # ("empty: " if … else "") + _UNRECOGNISED
                found = found.right
            text = _sample(found, module) if found is not None else None
            if text and name == "fail" and len(node.args) == 2:  # a `collect:` entry's field: "`collect[2].kind`: …"
                field = node.args[0]
                text = ("`collect[7]` " if isinstance(field, ast.Constant) and not field.value else "`collect[7].x`: ") + text
            if text and any(c.isalpha() for c in text):  # not one made of what it is given ("`{where}`{problem}")
                problems.append((f"{path.name}:{node.lineno}", text))
    return problems


def test_every_case_file_problem_written_in_src_has_its_dutch():
    problems = _case_problems_written()
    assert len(problems) > 30 and ("case.py:134", "no such case file") in problems
    unknown = [(where, t) for where, t in problems if not known(t, "case")]
    assert unknown == [], "add these to the `case` patterns of src/civicnet/store/read_problems.yaml"


def test_a_case_file_error_is_said_in_dutch():
    from civicnet.errors import CaseFileError

    error = CaseFileError("zaak.yaml", "line 3: mapping values are not allowed here")
    assert error.in_language("nl") == ("zaak.yaml: regel 3: hier mag geen dubbele punt met een waarde staan (zet de "
                                       "tekst tussen aanhalingstekens)")
    assert CaseFileError("zaak.yaml", "`sources[2].format`: unknown format 'twiter'; known: csv, gexf").in_language(
        "nl") == "zaak.yaml: `sources[2].format`: onbekend formaat 'twiter'; bekend: csv, gexf"
    assert CaseFileError("zaak.yaml", "`period` must be a mapping {start: YYYY-MM-DD, end: YYYY-MM-DD}").in_language(
        "nl") == "zaak.yaml: `period` moet een koppeling zijn {start: JJJJ-MM-DD, end: JJJJ-MM-DD}"
    assert CaseFileError("zaak.yaml", "something new").in_language("nl") is None
    assert error.in_language("en") is None  # str(error): the English message
