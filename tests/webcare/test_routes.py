"""Routes files: the shipped examples load; every kind of bad input is a one-line input error."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from _planted import EXAMPLE_ROUTES, ROUTES_DIR

from civicnet.errors import InputError
from civicnet.webcare.routes import RoutesFileError, keyword_pattern, load_routes
from civicnet.webcare.sla import add_business_time, due, target_hours

POLICE = ROUTES_DIR / "police.yaml"
HOLIDAYS = """
default_route: KCC
service_levels: {question: 24, praise: null, high_urgency: 1}
business_hours: {timezone: Europe/Amsterdam, days: [mon, tue, wed, thu, fri], start: "08:30", end: "17:00",
                 holidays: [2014-04-18, 2014-04-21]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ROUTES.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_examples_load():
    city = load_routes(EXAMPLE_ROUTES)
    assert city.default_route == "Klantcontactcentrum (KCC)"
    assert [r.name for r in city.rules][:3] == ["spoed", "geruchten", "scheldpartij"]
    assert city.business_hours.start.strftime("%H:%M") == "08:30"
    assert city.service_levels["report"] == 4.0 and city.service_levels["praise"] is None
    police = load_routes(POLICE)
    assert police.service_levels["high_urgency"] == 0.25 and police.business_hours is None


@pytest.mark.parametrize("text, problem", [
    ("rules: []\n", "`default_route` is required"),
    ("- a\n- b\n", "expected a mapping"),
    ("default_route: X\ncolour: red\n", "unknown field(s) colour"),
    ("default_route: X\nrules: {a: 1}\n", "`rules` must be a list"),
    ("default_route: X\nrules: [{name: a}]\n", "`rules[1].route` is required"),
    ("default_route: X\nrules: [{route: Y, urgency: hgih}]\n", "`rules[1].urgency`: unknown value 'hgih'; choose from high, normal, low"),
    ("default_route: X\nrules: [{route: Y, category: spam}]\n", "`rules[1].category`: unknown value 'spam'"),
    ("default_route: X\nrules: [{route: Y, when: now}]\n", "`rules[1]`: unknown field(s) when"),
    ("default_route: X\nrules: [{route: Y, keywords: []}]\n", "`rules[1].keywords` must not be empty"),
    ("default_route: X\nrules: [{route: Y, keywords: ['*']}]\n", "a keyword must have letters before any `*`"),
    ("default_route: X\nrules: [{name: a, route: Y}, {name: a, route: Z}]\n", "rule name(s) used twice: a"),
    ("default_route: X\nrules: [{route: Y, hours: outside}]\n", "uses `hours` but no `business_hours`"),
    ("default_route: X\nservice_levels: {question: -1}\n", "`service_levels.question` must be a positive number"),
    ("default_route: X\nservice_levels: {vraag: 1}\n", "`service_levels`: unknown key 'vraag'"),
    ("default_route: X\nbusiness_hours: {timezone: Mars/Olympus}\n", "unknown time zone 'Mars/Olympus'"),
    ("default_route: X\nbusiness_hours: {start: '17:00', end: '09:00'}\n", "`business_hours.end` must be later"),
    ("default_route: X\nbusiness_hours: {start: '25:00'}\n", "`business_hours.start` must be a time of day"),
    ("default_route: X\nbusiness_hours: {holidays: [tomorrow]}\n", "`business_hours.holidays` must be a list of dates"),
    ("default_route: &a X\nrules: *a\n", "aliases (*name) are not allowed"),
    ("default_route: !!python/object:os.system X\n", "YAML tags"),
    ("default_route: [unclosed\n", "line"),
])
def test_bad_routes_files(tmp_path, text, problem):
    with pytest.raises(RoutesFileError) as info:
        load_routes(write(tmp_path, text))
    message = str(info.value)
    assert isinstance(info.value, InputError)
    assert problem in message and message.startswith(str(tmp_path / "ROUTES.yaml"))
    assert "\n" not in message


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(RoutesFileError, match="no such routes file"):
        load_routes(tmp_path / "nope.yaml")
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(RoutesFileError, match="not UTF-8"):
        load_routes(path)


def test_keywords_match_on_word_boundaries():
    p = keyword_pattern(["afval", "container*", "gat in de weg"])
    assert p.search("Het AFVAL ligt er nog") and p.search("mijn containers") and p.search("een gat  in de weg")
    assert not p.search("afvalligheid") and not p.search("minicontainer") and not p.search("gat in de wegwerkzaamheden")


def test_business_hours_arithmetic(tmp_path):
    routes = load_routes(write(tmp_path, HOLIDAYS))
    bh = routes.business_hours
    friday_4pm = datetime(2014, 4, 17, 14, 0, tzinfo=timezone.utc)  # Thursday 16:00 local; Friday 18 April is a holiday
    # 1 h left on Thursday, then Good Friday, weekend and Easter Monday are skipped: Tuesday 08:30 + 3 h
    assert add_business_time(friday_4pm, 4, bh) == datetime(2014, 4, 22, 9, 30, tzinfo=timezone.utc)
    assert target_hours(routes, "question", "high") == (1.0, "high_urgency")
    assert target_hours(routes, "praise", "low") == (None, None)
    assert due(friday_4pm, 1.0, "high", routes) == datetime(2014, 4, 17, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("kind", ["municipality", "police", "ministry", "general"])
def test_every_shipped_set_loads_and_puts_danger_first(kind):
    from civicnet.webcare import shipped_routes

    routes = shipped_routes(kind)
    assert routes.rules[0].name == "spoed" and routes.rules[0].urgency == {"high"}
    assert any(r.category and "rumour" in r.category for r in routes.rules)
    assert not any(r.hours for r in routes.rules)  # no evening-shift catch-all before the desks


def test_municipal_desks_are_all_there():
    from civicnet.webcare import shipped_routes

    routes = {r.route for r in shipped_routes("municipality").rules}
    for desk in ("Afval", "Verkeer en Parkeren", "Vergunningen", "Zorg en Welzijn", "Belastingen", "Openbare Ruimte",
                 "Veiligheid", "Communicatie"):
        assert any(desk in r for r in routes), desk
