"""The inbox of the planted case: intake, duplicates, categories, routes, order, service levels, answers, language."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone

import _planted as P
import pytest
from _planted import EXAMPLE_ROUTES

from civicnet.webcare import COLUMNS, inbox, thread, write_inbox

ROUTES = """
default_route: KCC
service_levels: {question: 24, complaint: 24, report: 4, rumour: 4, abuse: 8, high_urgency: 1}
rules:
  - {name: spoed, route: Team Veiligheid, urgency: high}
  - {name: geruchten, route: Communicatie, category: rumour}
  - {name: afval, route: Afval en Reiniging, keywords: [afval, grofvuil, container*]}
  - {name: parkeren, route: Parkeren, keywords: [parkeer*]}
  - {name: buitenruimte, route: Openbare Ruimte, category: report, keywords: [lantaarnpa*]}
"""


@pytest.fixture(scope="module")
def rows(planted, tmp_path_factory):
    store, case = planted
    path = tmp_path_factory.mktemp("routes") / "ROUTES.yaml"
    path.write_text(ROUTES, encoding="utf-8")
    return inbox(store, case, routes=path, now=P.NOW, lang="en")


def by_id(rows):
    return {r["id"]: r for r in rows}


def test_columns_and_intake(rows):
    assert all(tuple(r) == COLUMNS for r in rows) and COLUMNS[-2:] == ("accounts", "name")
    # 109 is a retweet, 110 addresses nobody, 102 is government's own, 113 arrives after now,
    # 555_1 is the page's post and 555_1_12 its answer; 111 and 112 repeat 103 (one item).
    assert sorted(by_id(rows)) == sorted(["101", "103", "104", "105", "106", "107", "108",
                                          "555_1_11", "555_1_13", "555_2"])


def test_the_same_message_from_several_accounts_is_one_item(rows):
    r = by_id(rows)
    assert r["103"]["accounts"] == ["bram", "ivo", "joke"]  # in order of arrival, the first stands for all
    assert "same message from 3 accounts: bram, ivo, joke (messages 103, 111, 112; answer once) +10" in r["103"]["reason"]
    assert all(r[i]["accounts"] == [r[i]["account"]] for i in r if i != "103")


def test_categories_and_urgency(rows):
    got = {i: (r["category"], r["urgency"]) for i, r in by_id(rows).items()}
    assert got == {
        "101": ("question", "normal"), "103": ("question", "normal"), "104": ("complaint", "normal"),
        "105": ("report", "high"), "106": ("abuse", "high"), "107": ("noise", "low"), "108": ("praise", "low"),
        "555_1_11": ("question", "normal"),
        "555_1_13": ("rumour", "normal"), "555_2": ("report", "normal"),
    }


def test_routes_and_the_rule_that_fired(rows):
    r = by_id(rows)
    assert r["105"]["route"] == "Team Veiligheid" and "rule 'spoed' → Team Veiligheid" in r["105"]["reason"]
    assert r["106"]["route"] == "Team Veiligheid"  # a threat is high urgency
    assert r["104"]["route"] == "Afval en Reiniging"  # keyword prefix container*
    assert r["103"]["route"] == "Parkeren"
    assert r["555_1_13"]["route"] == "Communicatie"
    assert r["555_2"]["route"] == "Openbare Ruimte"
    assert r["107"]["route"] == "KCC" and "no rule fired → default route KCC" in r["107"]["reason"]


def test_priority_order(rows):
    order = [r["id"] for r in rows]
    assert order == ["105", "103", "555_2", "106", "555_1_13", "104", "108", "107", "555_1_11", "101"]
    priorities = [r["priority"] for r in rows]
    assert priorities == sorted(priorities, reverse=True)
    r = by_id(rows)
    assert r["105"]["priority"] == 90.0  # report 30 + high 50 + waited 30 of 60 min: 10
    assert r["105"]["reason"].startswith("report (gaslucht, scheur, model 0.")
    assert "; urgency high (gaslucht, scheur in de gevel) +50; waited 30 min of 60 min allowed" in r["105"]["reason"]
    # question 25 + waited twice the target (capped) 40 + breached 10 + two more accounts 10
    assert r["103"]["priority"] == 85.0
    assert r["108"]["priority"] == 1.0 and r["107"]["priority"] == 1.0  # open items score at least 1


def test_service_levels_with_a_fixed_now(rows):
    r = by_id(rows)
    # Friday 10:00, 24 h target on the clock: due Saturday 10:00, breached at Monday 12:00
    assert (r["103"]["waiting_minutes"], r["103"]["sla_due"], r["103"]["sla_breached"]) == (4440.0, "2014-03-01T10:00:00Z", True)
    # 30 minutes old, high urgency 1 h: not yet breached
    assert (r["105"]["waiting_minutes"], r["105"]["sla_due"], r["105"]["sla_breached"]) == (30.0, "2014-03-03T12:30:00Z", False)
    # Sunday 20:00 report, 4 h: due Monday 00:00, breached
    assert (r["555_2"]["sla_due"], r["555_2"]["sla_breached"]) == ("2014-03-03T00:00:00Z", True)
    assert (r["107"]["sla_due"], r["107"]["sla_breached"]) == (None, None)  # noise has no target
    assert "breached" in r["103"]["reason"] and "breached" not in r["105"]["reason"]


def test_answered_items_are_closed(rows):
    r = by_id(rows)
    assert (r["101"]["answered_by"], r["101"]["waiting_minutes"], r["101"]["priority"]) == ("gemeentevb", 45.0, 0.0)
    assert r["101"]["reason"].startswith("closed: answered by gemeentevb after 45 min")
    # the Facebook page (no handle) answers by a reply to the comment, 3 h later
    assert (r["555_1_11"]["answered_by"], r["555_1_11"]["waiting_minutes"], r["555_1_11"]["sla_breached"]) == ("555", 180.0, False)
    assert all(r[i]["answered_by"] is None for i in ("103", "104", "105", "555_2", "555_1_13"))
    assert r["555_2"]["account"] == "703"  # no handles on Facebook: the account id


def test_now_replays_the_inbox(planted):
    store, case = planted
    before = by_id(inbox(store, case, now=datetime(2014, 3, 3, 8, 30, tzinfo=timezone.utc)))
    assert "105" not in before  # not yet written
    assert before["101"]["answered_by"] is None  # the answer came at 08:45
    assert before["101"]["waiting_minutes"] == 30.0
    later = by_id(inbox(store, case, now=datetime(2014, 3, 3, 14, 0, tzinfo=timezone.utc)))
    assert "113" in later and later["105"]["sla_breached"] is True


def test_shipped_municipal_routes_apply_without_a_routes_file(planted, rows, tmp_path):
    store, case = planted
    plain = by_id(inbox(store, case, now=P.NOW))
    # the case's government accounts are "Gemeente Voorbeeld": the municipal set, named in every reason
    assert all(r["reason"].endswith("standaardregels voor een gemeente (afgeleid uit de overheidsaccounts)")
               for r in plain.values())
    assert plain["105"]["route"] == "Veiligheid (piket)" and "regel 'spoed' → Veiligheid (piket)" in plain["105"]["reason"]
    assert plain["104"]["route"] == "Afval en Reiniging" and plain["101"]["route"] == "Afval en Reiniging"
    assert plain["103"]["route"] == "Verkeer en Parkeren"
    assert plain["555_2"]["route"] == "Openbare Ruimte (meldingen)"
    assert plain["555_1_13"]["route"] == "Communicatie"
    assert inbox(store, case, routes=None, now=P.NOW) == list(inbox(store, case, now=P.NOW))


def test_reasons_follow_the_language(planted):
    store, case = planted
    nl = by_id(inbox(store, case, now=P.NOW))  # the case's language: nl
    assert nl["105"]["reason"].startswith("melding (gaslucht, scheur, model 0,")
    assert "urgentie hoog (gaslucht, scheur in de gevel) +50" in nl["105"]["reason"]
    assert "wacht 3,1 dagen van 4,9 dagen toegestaan (norm vraag: 24 uur werktijd)" in nl["103"]["reason"]
    assert nl["101"]["reason"].startswith("gesloten: beantwoord door gemeentevb na 45 min")
    assert (nl["105"]["category"], nl["105"]["urgency"]) == ("report", "high")  # columns keep the codes
    for code in ("question", "report", "complaint", "praise", "rumour", "noise", "high", "normal", "low"):
        assert not any(f"{code} (" in r["reason"] or f" {code} +" in r["reason"] for r in nl.values()), code


def test_now_defaults_to_the_end_of_a_past_case(planted):
    store, case = planted
    r = by_id(inbox(store, case))  # the period ends 2014-03-31: "now" is 2014-04-01 00:00 UTC
    # 103 arrived 2014-02-28 10:00: 31 days and 14 hours later
    assert r["103"]["waiting_minutes"] == (31 * 24 + 14) * 60
    assert "113" in r  # written 2014-03-03 13:00, before the end of the period


def test_reproducible_files(planted, rows, tmp_path):
    store, case = planted
    csv_path, json_path = write_inbox(rows, tmp_path)
    assert json.loads(json_path.read_text("utf-8")) == rows
    with open(csv_path, encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    assert tuple(table[0]) == COLUMNS and len(table) == len(rows) + 1
    first = dict(zip(table[0], table[1]))
    assert (first["id"], first["sla_breached"], first["answered_by"], first["priority"]) == ("105", "false", "", "90.0")
    second = dict(zip(table[0], table[2]))
    assert second["accounts"] == "bram;ivo;joke"


def test_example_routes_with_business_hours(planted):
    store, case = planted
    r = by_id(inbox(store, case, routes=EXAMPLE_ROUTES, now=P.NOW, lang="en"))
    assert r["105"]["route"] == "Veiligheid (piket)"
    assert r["104"]["route"] == "Afval en Reiniging"
    # Friday 11:00 local + 24 working hours (08:30–17:00): due Wednesday 09:30 local
    assert (r["103"]["sla_due"], r["103"]["sla_breached"]) == ("2014-03-05T08:30:00Z", False)
    assert "24 h working time" in r["103"]["reason"]
    # Sunday 21:00 local report, 4 working hours: due Monday 12:30 local
    assert (r["555_2"]["sla_due"], r["555_2"]["sla_breached"]) == ("2014-03-03T11:30:00Z", True)
    # the high-urgency target runs on the clock
    assert r["105"]["sla_due"] == "2014-03-03T12:30:00Z"


def test_sender_position_from_a_network_summary(planted):
    store, case = planted
    network = {
        "central_accounts": [{"account": "cees", "community": 1}],
        "communities": [{"id": 1, "size": 40, "top_accounts": ["cees"], "reached_by_government": True},
                        {"id": 2, "size": 25, "top_accounts": ["eva"], "reached_by_government": False}],
        "bridges": [{"account": "cees", "unreached_communities": [2]}],
    }
    r = by_id(inbox(store, case, now=P.NOW, network=network, lang="en"))
    assert "central account (#1 by PageRank) +10" in r["104"]["reason"]
    assert "bridge to unreached group(s) 2 +10" in r["104"]["reason"]
    assert "in group 2 (25 accounts), not reached by government +5" in r["106"]["reason"]
    base = by_id(inbox(store, case, now=P.NOW))
    assert r["104"]["priority"] == base["104"]["priority"] + 20


def test_thread_context(planted):
    store, case = planted
    t = thread(store, case, "101")
    assert [m["id"] for m in t] == ["101", "102", "108"]
    assert [m["is_government"] for m in t] == [False, True, False]


def test_pseudonymised_reasons_mask_quoted_cues(planted):
    store, case = planted

    from civicnet.labels import Labeller

    class Label(Labeller):  # a labeller as civicnet.reports.pseudonym makes them; message ids kept here
        active = True

        def __call__(self, ident):
            return ident if ident in ("gemeentevb", "555") else "anon-" + ident

        def text(self, text):
            return text.replace("ambtenaar", "[naam]")

    r = by_id(inbox(store, case, now=P.NOW, label=Label()))
    assert "ambtenaar" not in r["106"]["reason"] and "[naam]" in r["106"]["reason"]
    assert r["103"]["accounts"] == ["anon-bram", "anon-ivo", "anon-joke"]
    assert "anon-bram, anon-ivo, anon-joke" in r["103"]["reason"]


def test_reasons_name_accounts_as_people_read_them(planted):
    """With ``names`` the reason says who wrote and who answered by display name (with the handle);
    the columns keep the identifiers (CONTRACT inbox.csv)."""
    from civicnet.analysis import display_names

    store, case = planted
    with store.case(case) as scope:
        people = display_names(scope)
    plain = by_id(inbox(store, case, now=P.NOW, lang="en"))
    named = by_id(inbox(store, case, now=P.NOW, lang="en", names=people.text))
    assert [r["account"] for r in named.values()] == [r["account"] for r in plain.values()]
    # the column `name`: the writer as a person reads it (without names: the identifier, as the reason says it)
    assert all(r["name"] == people.text(r["account"]) for r in named.values())
    assert named["105"]["name"] != named["105"]["account"]
    assert all(r["name"] == r["account"] for r in plain.values())
    answerer = people.text("gemeentevb")
    assert answerer != "gemeentevb" and answerer.endswith("(@gemeentevb)")
    assert named["101"]["reason"].startswith(f"closed: answered by {answerer} after 45 min")
    repeated = ", ".join(people.text(a) for a in ("bram", "ivo", "joke"))
    assert f"same message from 3 accounts: {repeated} (messages 103, 111, 112; answer once)" in named["103"]["reason"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_empty_inbox_of_a_case_without_government_says_why(tmp_path, lang):
    """`civicnet inbox` on a case file that names no government accounts finds nothing addressed to
    government: the closing line says so and what to add, instead of a bare "0 items"."""
    from pathlib import Path

    from click.testing import CliRunner

    from civicnet.cli import main

    real = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "twarc2_search_brexit.jsonl"
    (tmp_path / "tweets.jsonl").write_bytes(real.read_bytes())
    (tmp_path / "case.yaml").write_text("id: b\ntitle: b\nsources:\n  - {path: tweets.jsonl}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["inbox", str(tmp_path / "case.yaml"), "--out", str(tmp_path / "out"),
                                       "--lang", lang, "-q"])
    assert result.exit_code == 0, result.output
    assert "0 items" in result.output and "government:" in result.output
    assert ("noemt geen overheidsaccounts" if lang == "nl" else "names no government accounts") in result.output


def _printed_items(tmp_path, *extra):
    """The item lines `civicnet inbox` prints for the planted case (not the reasons under them)."""
    from click.testing import CliRunner

    from civicnet.cli import main

    case = P.write_case(tmp_path)
    result = CliRunner().invoke(main, ["inbox", str(case), "--out", str(tmp_path / "out"), "--now",
                                       "2014-03-03T12:00:00Z", *extra])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "out" / "inbox.json").read_text(encoding="utf-8"))
    lines = [line for line in result.stdout.splitlines() if line.startswith(" ") and not line.startswith("       ")]
    assert len(lines) == len(rows)
    return rows, lines


def test_the_printed_queue_names_each_writer_and_keeps_its_columns(tmp_path):
    """The lines a webcare team reads show who wrote by display name (a Facebook account's id is 15
    digits), the files keep the identifiers (CONTRACT inbox.csv); columns stay aligned when a
    category's or route's name is long ("belediging of bedreiging", "Veiligheid (piket)")."""
    rows, lines = _printed_items(tmp_path)
    [mira] = [line for line, row in zip(lines, rows) if row["account"] == "703"]
    assert "Mira Jansen: De lantaarnpaal" in mira and " 703:" not in mira
    assert any(row["account"] == "703" and row["name"] == "Mira Jansen" for row in rows)  # the id, and the name beside it
    starts = {line.index(row["route"]) for line, row in zip(lines, rows)}
    assert len(starts) == 1, lines


def test_the_printed_queue_of_a_pseudonymised_inbox_names_no_one(tmp_path):
    rows, lines = _printed_items(tmp_path, "--pseudonymise")
    assert not any("Mira Jansen" in line for line in lines)
    assert not any("Mira Jansen" in (row["name"] or "") for row in rows)
