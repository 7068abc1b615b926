"""Placing a case in the report's chapter 7: goals, seven strategies, ladder, roles, Mergel.

Pure functions over the ``facts`` a case's analysis produced (:mod:`.government`):
every placement carries the figures that put it there, so a reader can check it.
The rules (thresholds are the constants below):

Strategies (METHOD.md §4)
    1. *information provision* — government sends messages and at least
       :data:`INFO_SHARE` of them are neutral, or its traffic is one-way;
    2. *persuasive communication* — at least :data:`PERSUADE_SHARE` of its messages
       nuance/correct or call to action;
    3. *facilities for citizens to inform or report* — government is present and
       citizens addressed it at least :data:`MIN_INBOUND` times, or posted on its
       page / in its group;
    4. *dialogue* — interaction is two-way and reciprocity is at least
       :data:`DIALOGUE_RECIPROCITY`;
    5. *co-creation* — citizens start topics in a shared group (``group_post``: a
       LinkedIn or Facebook group, the report's vacant-lots case; posts to a government's
       page are strategy 3), government takes part in threads with citizens, and at least
       :data:`PERSUADE_SHARE` of its messages are calls to action / community building;
    6. *service channel* — at least :data:`SERVICE_SHARE` webcare messages, or at least
       :data:`MIN_ANSWERED` questions answered with an answer rate of at least
       :data:`SERVICE_ANSWER_RATE`;
    7. *collaboration inside government* — at least :data:`GOV_GOV_SHARE` of
       government's ties go to other government accounts.

Goals: transparency (strategies 1–3, one-way), participation (4–5, two-way),
communication (6–7, networks); the *main* goal follows the traffic pattern.

When the sender pattern is ``absent`` (no or hardly any government messages) no strategy
is present and no rung is reached.

Participation ladder: *inform* (government sends messages), *consult* (government
asked citizens something and got replies), *advise* (dialogue, and government answered
at least one critical question), *co-produce* (co-creation). *Co-decide* cannot be
read from public social-media data and is never assigned. The case's rung is the
highest supported.

Roles of government towards social media: *facilitate* (publishes), *direct* (nuancing
messages sent while a discussion ran: reactive nuancing), *mobilise* (calls to
action); *monitor* and *set frameworks* leave no trace in public data.
"""

from __future__ import annotations

INFO_SHARE = 0.25
PERSUADE_SHARE = 0.10
MIN_INBOUND = 5
DIALOGUE_RECIPROCITY = 0.10
SERVICE_SHARE = 0.10
MIN_ANSWERED = 3
SERVICE_ANSWER_RATE = 0.25
GOV_GOV_SHARE = 0.30

STRATEGIES = (
    ("information", "information provision", "transparency"),
    ("persuasion", "persuasive communication", "transparency"),
    ("facilities", "facilities for citizens to inform or report", "transparency"),
    ("dialogue", "dialogue", "participation"),
    ("co_creation", "co-creation", "participation"),
    ("service", "social media as a service channel", "communication"),
    ("collaboration", "management, collaboration and knowledge sharing inside government", "communication"),
)
LADDER = ("inform", "consult", "advise", "co-produce", "co-decide")


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def strategies(f: dict) -> list[dict]:
    """The seven strategies, each ``{id, name, goal, present, evidence}``."""
    gov, types, inter = f["government_messages"], f["message_types"], f["interaction"]
    neutral = _share(types["neutral"], gov)
    persuade = _share(types["nuancing"] + types["call"], gov)
    calls = _share(types["call"], gov)
    webcare = _share(types["webcare"], gov)
    answer_rate = _share(f["questions_answered"], f["questions_received"])
    tests = {
        "information": (gov > 0 and (neutral >= INFO_SHARE or inter["mode"] == "one-way"),
                        f"{types['neutral']} of {gov} government messages neutral ({neutral:.0%}); traffic {inter['mode']}"),
        "persuasion": (gov > 0 and persuade >= PERSUADE_SHARE,
                       f"{types['nuancing']} nuancing and {types['call']} call messages of {gov} ({persuade:.0%})"),
        "facilities": (gov > 0 and (inter["citizens_addressing_government"] >= MIN_INBOUND or f["citizen_posts"] > 0),
                       f"{inter['citizens_addressing_government']} citizens addressed government; "
                       f"{f['citizen_posts']} citizen posts on a government page or group"),
        "dialogue": (inter["mode"] == "two-way" and (inter["reciprocity"] or 0) >= DIALOGUE_RECIPROCITY,
                     f"traffic {inter['mode']}; reciprocity {_pct(inter['reciprocity'])}"),
        "co_creation": (f["citizen_group_posts"] > 0 and inter["threads_with_government"] > 0
                        and calls >= PERSUADE_SHARE,
                        f"{f['citizen_group_posts']} citizen posts in a shared group; government in "
                        f"{inter['threads_with_government']} threads with citizens; {calls:.0%} calls to action"),
        "service": (gov > 0 and (webcare >= SERVICE_SHARE or (f["questions_answered"] >= MIN_ANSWERED and answer_rate
                                                               >= SERVICE_ANSWER_RATE)),
                    f"{types['webcare']} webcare messages ({webcare:.0%}); "
                    f"{f['questions_answered']} of {f['questions_received']} questions answered"),
        "collaboration": ((inter["government_to_government_share"] or 0) >= GOV_GOV_SHARE,
                          f"{_pct(inter['government_to_government_share'])} of government's ties go to other government accounts"),
    }
    if f.get("sender_pattern") == "absent":
        return [{"id": sid, "name": name, "goal": goal, "present": False,
                 "evidence": f"government absent or hardly visible ({gov} messages); " + tests[sid][1]}
                for sid, name, goal in STRATEGIES]
    return [
        {"id": sid, "name": name, "goal": goal, "present": bool(tests[sid][0]), "evidence": tests[sid][1]}
        for sid, name, goal in STRATEGIES
    ]


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def goals(f: dict, placed: list[dict]) -> dict:
    """The goals the present strategies serve, and the main goal from the traffic pattern."""
    served = sorted({s["goal"] for s in placed if s["present"]})
    mode = f["interaction"]["mode"]
    if mode == "absent":
        main = None
    elif any(s["present"] for s in placed if s["id"] == "collaboration"):
        main = "communication"
    else:
        main = "participation" if mode == "two-way" else "transparency"
    return {"served": served, "main": main, "evidence": f"traffic {mode}; goals of the strategies found: {', '.join(served) or 'none'}"}


def ladder(f: dict, placed: list[dict]) -> dict:
    """The highest rung of the participation ladder the data support, with evidence per rung."""
    present = {s["id"] for s in placed if s["present"]}
    rungs = {
        "inform": (f["government_messages"] > 0, f"{f['government_messages']} government messages"),
        "consult": (f["consultations"] > 0, f"{f['consultations']} government questions to citizens got replies"),
        "advise": ("dialogue" in present and f["critical_answered"] > 0,
                   f"dialogue {'found' if 'dialogue' in present else 'not found'}; "
                   f"{f['critical_answered']} critical questions answered"),
        "co-produce": ("co_creation" in present, "co-creation " + ("found" if "co_creation" in present else "not found")),
        "co-decide": (False, "cannot be read from public social-media data"),
    }
    if f.get("sender_pattern") == "absent":
        rungs = {r: (False, "government absent or hardly visible") for r in LADDER}
    reached = [r for r in LADDER if rungs[r][0]]
    return {
        "rung": reached[-1] if reached else None,
        "rungs": [{"rung": r, "supported": bool(rungs[r][0]), "evidence": rungs[r][1]} for r in LADDER],
    }


def roles(f: dict) -> list[dict]:
    """Roles of government towards social media, as far as public data show them."""
    t = f["message_types"]
    return [
        {"role": "monitor", "observed": None, "evidence": "monitoring leaves no trace in public data"},
        {"role": "facilitate", "observed": f["government_messages"] > 0,
         "evidence": f"{f['government_messages']} messages published by government accounts"},
        {"role": "set frameworks", "observed": None, "evidence": "rules and guidelines are not visible in messages"},
        {"role": "direct", "observed": f["reactive_nuancing"] > 0,
         "evidence": f"{f['reactive_nuancing']} nuancing messages sent into a running discussion"},
        {"role": "mobilise", "observed": t["call"] > 0, "evidence": f"{t['call']} calls to action"},
    ]


def mergel(f: dict) -> dict:
    """Effectiveness indicators after Mergel (2013, report Kader 7-8): measured and not measurable."""
    inter, r = f["interaction"], f["interaction"]["citizen_reactions"]
    reach = f["reach"]
    return {
        "transparency": {
            "pattern": "push (one-way)",
            "measured": {
                "followers_of_government_accounts": f["followers"],
                "likes_on_government_messages": max(r["named_likes"], r["platform_like_counts"] or 0),
                "participants": f["participants"],
            },
            "not_measurable": ["unique visitors", "time spent on page", "'read more' clicks", "views of videos and photos"],
        },
        "participation": {
            "pattern": "pull (two-way)",
            "measured": {
                "reposts_and_quotes_of_government_messages": r["reposts_and_quotes"],
                "platform_share_counts": f["share_counts"],
                "comments_and_replies_to_government": r["replies_and_comments"],
                "hashtags_used_by_government": f["government_hashtags"],
                "communities_reached": reach["reached"], "communities": reach["total"],
            },
            "not_measurable": ["click-throughs", "reach by gender, age, education and place", "bookmarks",
                               "time spent"],
        },
        "communication": {
            "pattern": "networking",
            "measured": {
                "conversations_with_government": inter["threads_with_government"],
                "citizen_contributions": f["citizen_posts"],
                "questions_answered": f["questions_answered"],
            },
            "not_measurable": ["group membership requests", "subscriptions", "direct messages", "downloads",
                               "volunteers", "attendance at physical meetings"],
        },
        "outcomes_not_measurable": ["accountability and trust", "consultation and satisfaction",
                                    "communities created (needs surveys or interviews)"],
    }
