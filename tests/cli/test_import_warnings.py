"""Nothing lost silently, as a user sees it (issue 16, CONTRACT "Commands"): a source with more than 1 %
rejected runs and warns in ``ingest``, ``run`` and ``demo`` and on the factsheet's limitations; a source
whose every record is rejected stops with the reason and the fix; a file of accounts only says what it
holds and how to use it, and ``run`` does not write an empty factsheet for it."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _cli_helpers import jsonl, page, run, snapshot, tweet, write_case  # noqa: E402

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def two_percent_broken(folder: Path) -> Path:
    """49 complete twarc2 pages and one cut-off line: 1 of 50 lines is 2 % of the lines, and of the
    records (a page holds one tweet and one user: 98 records and the broken line, 1 of 99 = 1.0 %)."""
    lines = [json.dumps(page(tweet(str(n)))) for n in range(1, 50)]
    path = folder / "stream.jsonl"
    path.write_text("\n".join(lines) + "\n" + lines[0][:40] + "\n" + lines[1][:30])
    return path


def test_two_percent_rejected_warns_in_ingest_run_and_factsheet(tmp_path):
    two_percent_broken(tmp_path)
    case = write_case(tmp_path, ["stream.jsonl"])
    code, out, err = run(["ingest", case, "--quiet"])
    assert code == 0, err
    assert "2 afgewezen" in out  # the case's language: nl
    [warning] = err.strip().splitlines()
    assert warning.startswith("Waarschuwing: stream.jsonl: 2 van 100 records afgewezen (2,0 %)")
    # The reason and its fix in the reader's language too (CONTRACT "Language"), the file's own bytes as they are.
    assert "meest voorkomende reden (1×): kapotte regel: geen geldige JSON: " in warning and "broken line" not in warning
    code, out, err = run(["run", case, "--out", tmp_path / "out", "--no-pdf", "--quiet", "--lang", "en"])
    assert code == 0, err
    [warning] = [line for line in err.splitlines() if line.startswith("Warning: ")]
    assert "stream.jsonl: 2 of 100 records rejected (2.0%)" in warning
    assert "the most common reason (1×): broken line: invalid JSON: " in warning
    html = (tmp_path / "out" / "factsheet.html").read_text(encoding="utf-8")
    assert "stream.jsonl: 2 of 100 records rejected (2.0%)" in html
    code, out, err = run(["run", case, "--out", tmp_path / "nl", "--no-pdf", "--quiet"])
    assert code == 0, err
    html = (tmp_path / "nl" / "factsheet.html").read_text(encoding="utf-8")
    assert "stream.jsonl: 2 van 100 records afgewezen" in html and "kapotte regel: geen geldige JSON" in html
    code, out, err = run(["info", case])
    assert "kapotte regel: geen geldige JSON" in out and "broken line" not in out
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["messages"] == 49


def test_demo_prints_the_warnings_of_its_cases(tmp_path, monkeypatch):
    from civicnet.reports import demo as demo_mod
    from civicnet.reports.run import run_case

    two_percent_broken(tmp_path)
    case = write_case(tmp_path, ["stream.jsonl"])

    def one_case(out_dir, *, lang, cases, pdf, progress):
        return [run_case(case, Path(out_dir) / "buurt", lang=lang, pdf=False)]

    monkeypatch.setattr(demo_mod, "run_demo", one_case)
    code, out, err = run(["demo", "--out", tmp_path / "demo", "--no-pdf", "--quiet", "--lang", "en"])
    assert code == 0, err
    assert "buurt: 49 messages" in out
    assert "Warning: stream.jsonl: 2 of 100 records rejected" in err


def test_every_record_rejected_stops_with_the_reason_and_the_fix(tmp_path):
    (tmp_path / "berichten.csv").write_text("id;auteur;tekst;datum\n1;a;hallo;28 mei 2022\n2;b;hoi;29 mei 2022\n")
    case = write_case(tmp_path, ["{format: csv, path: berichten.csv, columns: {id: id, account: auteur, "
                                 "text: tekst, created_at: datum}}"])
    code, out, err = run(["ingest", case, "--quiet", "--lang", "en"])
    assert code == 1
    counts, imports = snapshot(tmp_path / ".civicnet" / "store.duckdb")
    assert counts["message"] == 0 and counts["account"] == 0 and imports == []  # the store is as it was
    [line] = err.strip().splitlines()
    assert line.startswith("Error: ") and "berichten.csv: every record rejected (2)" in line
    assert "unparseable created_at: '28 mei 2022'" in line and "fix: set `date_format:`" in line
    # in the case's language (nl here): the reason and the fix too, the file's own words as they are
    code, out, err = run(["ingest", case, "--quiet"])
    assert code == 1
    [line] = err.strip().splitlines()
    assert line.startswith("Fout: ") and "berichten.csv: alle records afgewezen (2)" in line
    assert "eerst op regel 2" in line and "onleesbare created_at: '28 mei 2022'" in line
    assert "oplossing: zet `date_format:`" in line and "every record" not in line


def test_users_lookup_ingests_with_a_warning_and_run_writes_no_empty_factsheet(tmp_path):
    shutil.copy(REAL / "twarc2_users_lookup.jsonl", tmp_path)
    case = write_case(tmp_path, ["twarc2_users_lookup.jsonl"])
    code, out, err = run(["ingest", case, "--quiet", "--lang", "en"])
    assert code == 0
    assert "holds 96 accounts and no messages or ties" in err and "`relation: followers`" in err
    code, out, err = run(["run", case, "--out", tmp_path / "out", "--no-pdf", "--quiet", "--lang", "en"])
    assert code == 1 and not (tmp_path / "out").exists()
    [line] = err.strip().splitlines()
    assert line.startswith("Error: ")
    assert "hold no messages and no ties: nothing to analyse" in line and "holds 96 accounts" in line


def test_nothing_to_analyse_is_said_in_the_case_language(tmp_path):
    """The refusal is about the case (CONTRACT "Language"): on a Dutch case it is Dutch, the warnings
    it quotes too, and so is the word before it."""
    shutil.copy(REAL / "twarc2_users_lookup.jsonl", tmp_path)
    case = write_case(tmp_path, ["twarc2_users_lookup.jsonl"], extra="language: nl\n")
    code, out, err = run(["run", case, "--out", tmp_path / "out", "--no-pdf", "--quiet"])
    assert code == 1 and not (tmp_path / "out").exists()
    [line] = err.strip().splitlines()
    assert line.startswith("Fout: ") and "de bronnen van de casus bevatten geen berichten en geen relaties" in line
    assert "bevat 96 accounts en geen berichten of relaties" in line
    assert "nothing to analyse" not in line and "holds 96" not in line


def test_a_real_page_feed_without_authors_warns_and_names_the_field_to_ask_for(tmp_path):
    """A Facebook page's `/feed` with the Graph API's default fields (a real export: no `from`) gives
    messages no one wrote: every per-account figure and the network are empty. The import says so,
    in the reader's language, with the field to ask for, and so does the factsheet."""
    shutil.copy(REAL / "facebook_page_feed.jsonl", tmp_path)
    case = write_case(tmp_path, ["facebook_page_feed.jsonl"])
    code, out, err = run(["ingest", case, "--quiet"])
    assert code == 0, err
    [warning] = err.strip().splitlines()
    assert warning.startswith("Waarschuwing: facebook_page_feed.jsonl: 10 van de 10 berichten (100 %) hebben geen "
                              "auteur")
    assert "fields=from," in warning
    code, out, err = run(["run", case, "--out", tmp_path / "out", "--no-pdf", "--quiet", "--lang", "en"])
    assert code == 0, err
    assert "facebook_page_feed.jsonl: 10 of 10 messages (100%) have no author" in err
    html = (tmp_path / "out" / "factsheet.html").read_text(encoding="utf-8")
    assert "facebook_page_feed.jsonl: 10 of 10 messages (100%) have no author" in html
    # said once: not also as "10 messages without a known author (withheld by the platform)"
    assert "without a known author" not in html


def test_tweets_with_the_default_fields_only_warn_to_ask_for_author_id(tmp_path):
    """Twitter API v2 with its default fields (a real tweepy recording: id and text) names no author."""
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures" / "twitter_v2_users_mentions_default_fields.json",
                tmp_path / "mentions.json")
    case = write_case(tmp_path, ["mentions.json"])
    code, out, err = run(["ingest", case, "--quiet", "--lang", "en"])
    assert code == 0, err
    [warning] = err.strip().splitlines()
    assert "mentions.json: 10 of 10 messages (100%) have no author" in warning and "author_id" in warning


def test_a_few_messages_without_author_do_not_warn_but_more_than_one_percent_do(tmp_path):
    """The bar is the rejected records' one: more than 1 % of the file's collected messages."""
    authored = [tweet(str(n)) for n in range(1, 200)]
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "one.jsonl").write_bytes(jsonl(page(*authored, tweet("900", author=None))))
    (two / "two.jsonl").write_bytes(jsonl(page(*authored[:97], *(tweet(str(n), author=None) for n in (901, 902, 903)))))
    code, out, err = run(["ingest", write_case(one, ["one.jsonl"]), "--quiet", "--lang", "en"])
    assert code == 0 and err == "", err  # 1 of 200: 0.5 %
    code, out, err = run(["ingest", write_case(two, ["two.jsonl"]), "--quiet", "--lang", "en"])
    assert code == 0, err
    assert "two.jsonl: 3 of 100 messages (3.0%) have no author" in err
