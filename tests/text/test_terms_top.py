"""Distinctive terms (Monroe et al. log-odds), top hashtags/mentions/domains, top messages."""

import math
from collections import Counter

from civicnet.text.terms import distinctive_terms, domain, log_odds_scores, top_domains, top_hashtags, top_mentions
from civicnet.text.top import representative_messages, top_messages

# Two groups as in the Benno L. case: an angry group and a local group.
GROUPS = {
    "boos": [
        "Waarom mag Benno L. in Leiden wonen? Belachelijk! #bennol",
        "Schandalig dat de gemeente dit toestaat #bennol @gemeenteleiden",
        "Belachelijk besluit, de buurt is boos #leiden",
        "RT @nieuws: Onrust in de wijk om Benno L.",
    ],
    "lokaal": [
        "De burgemeester gaat in gesprek met buurtbewoners https://www.leiden.nl/nieuws",
        "Het OM vraagt de media zorgvuldig om te gaan met beeldmateriaal https://t.co/abc",
        "Buurtbewoners in gesprek met de burgemeester en de wijkagent #leiden",
        "Informatieavond voor buurtbewoners in het buurthuis https://leiden.nl/avond",
    ],
}


def test_distinctive_terms_separate_the_groups():
    terms = distinctive_terms(GROUPS, "nl", n=3)
    assert terms["boos"][0] in {"belachelijk", "#bennol"}
    assert "belachelijk" in terms["boos"]
    assert "buurtbewoners" in terms["lokaal"] and "gesprek" in terms["lokaal"]
    assert not set(terms["boos"]) & set(terms["lokaal"])


def test_log_odds_matches_the_formula_by_hand():
    groups = {"a": Counter({"x": 8, "y": 2}), "b": Counter({"x": 2, "y": 8})}
    z = log_odds_scores(groups, prior_size=10, min_count=1)
    n, a0 = 20, 10
    a_x = a0 * 10 / n
    delta = math.log((8 + a_x) / (10 + a0 - 8 - a_x)) - math.log((2 + a_x) / (10 + a0 - 2 - a_x))
    expected = delta / math.sqrt(1 / (8 + a_x) + 1 / (2 + a_x))
    assert math.isclose(z["a"]["x"], expected)
    assert math.isclose(z["b"]["x"], -expected)


def test_log_odds_used_only_scores_the_used_terms_and_drops_no_positive_one():
    groups = {"a": Counter({"x": 8, "y": 2}), "b": Counter({"x": 2, "z": 9}), "c": Counter({"z": 1, "w": 3}),
              "empty": Counter(), "outside": Counter({"once": 1})}
    every = log_odds_scores(groups, prior_size=10, min_count=2)
    used = log_odds_scores(groups, prior_size=10, min_count=2, used_only=True)
    assert set(used["a"]) == {"x", "y"} and set(used["c"]) == {"z", "w"}
    assert used["empty"] == every["empty"] and used["outside"] == every["outside"]  # no vocabulary term: all
    for key, scores in every.items():
        assert {t: z for t, z in scores.items() if z > 0} == {t: z for t, z in used[key].items() if z > 0}
        assert all(used[key][t] == z for t, z in scores.items() if t in used[key])


def test_single_group_gets_its_most_frequent_terms():
    assert distinctive_terms({"all": GROUPS["boos"]}, "nl", n=2) == {"all": ["#bennol", "belachelijk"]}  # ties alphabetical


def test_top_hashtags_mentions_domains():
    assert top_hashtags(GROUPS)["boos"] == [("#bennol", 2), ("#leiden", 1)]
    # the RT-credit is noise; the real mention counts
    assert top_mentions(GROUPS)["boos"] == [("@gemeenteleiden", 1)]
    assert top_domains(GROUPS)["lokaal"] == [("leiden.nl", 2), ("t.co", 1)]
    assert domain("www.Rijksoverheid.nl/x") == "rijksoverheid.nl"


def test_top_messages_leaves_unknown_counts_out():
    rows = [
        {"id": "1", "text": "a", "like_count": 5, "share_count": None},
        {"id": "2", "text": "b", "like_count": None, "share_count": 9},
        {"id": "3", "text": "c", "like_count": 5, "share_count": 1},
        {"id": "4", "text": "d", "like_count": 40, "share_count": 0},
    ]
    assert [m["id"] for m in top_messages(rows, "likes", 3)] == ["4", "1", "3"]
    assert [m["id"] for m in top_messages(rows, "reposts")] == ["2", "3", "4"]


def test_representative_messages():
    groups = {k: [{"id": f"{k}{i}", "text": t} for i, t in enumerate(v)] for k, v in GROUPS.items()}
    reps = representative_messages(groups, "nl", n=1)
    assert reps["boos"][0]["id"] in {"boos0", "boos1", "boos2"}
    assert reps["lokaal"][0]["id"] in {"lokaal0", "lokaal2", "lokaal3"}


def test_a_vocabulary_of_one_term_distinguishes_no_group():
    # two groups whose texts share a single term (the Mastodon context fixture's case): the
    # log-odds ratio is log(x / 0) there; no group is told apart, nothing is thrown
    groups = {1: Counter({"a12": 2}), 2: Counter({"a12": 1}), 3: Counter()}
    for used_only in (True, False):
        scores = log_odds_scores(groups, min_count=2, used_only=used_only)
        assert all(z == 0.0 for s in scores.values() for z in s.values())
    assert distinctive_terms({1: ["a12 a12"], 2: ["a12"]}) == {1: [], 2: []}
