"""Generated cases with planted answers for the tactics tests.

Each builder writes platform-neutral records into a store through ``Store.write`` (as an
importer would), then resolves handles and collapses edits as ``ingest_case`` does.
The figures the tests expect are written next to the records that produce them.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from civicnet.case import parse_case
from civicnet.model import Account, Interaction, Message
from civicnet.store import Store


def t(day: int, hour: int = 12, minute: int = 0, month: int = 2) -> datetime:
    return datetime(2014, month, day, hour, minute, tzinfo=timezone.utc)


class Builder:
    """Collects records of one platform and writes them for one case."""

    def __init__(self, platform: str):
        self.platform = platform
        self.accounts: list[Account] = []
        self.messages: list[Message] = []
        self.interactions: list[Interaction] = []
        self._n = 0

    def account(self, id: str, handle: str | None = None, **kw) -> str:
        self.accounts.append(Account(self.platform, id, handle, **kw))
        return id

    def msg(self, account: str | None, when: datetime | None, text: str, kind: str = "post", parent: str | None = None,
            root: str | None = None, id: str | None = None, collected: bool = True, mentions: tuple = (),
            **kw) -> str:
        self._n += 1
        mid = id or f"m{self._n}"
        self.messages.append(Message(self.platform, mid, account, when, text, kind=kind, parent=parent,
                                     root=root if root is not None else (None if parent else mid),
                                     collected=collected, **kw))
        for target in mentions:
            self.interactions.append(Interaction(self.platform, "mention", account, target, None, None, when, mid))
        if parent and kind in ("reply", "comment", "repost", "quote"):
            parent_author = next((m.account for m in self.messages if m.id == parent), None)
            if parent_author:
                self.interactions.append(Interaction(self.platform, kind, account, parent_author, None, parent, when, mid))
        return mid

    def like(self, who: str, message: str) -> None:
        author = next(m.account for m in self.messages if m.id == message)
        self.interactions.append(Interaction(self.platform, "like", who, author, None, message))

    def write(self, store: Store, case_id: str) -> None:
        store.write(case_id, self.accounts, self.messages, self.interactions)
        store.resolve_handles()
        store.collapse_edits(case_id)


def case(tmp: Path, case_id: str, government: list[dict], period: tuple[str, str] | None = None, **extra):
    data = {"id": case_id, "title": f"Planted {case_id}", "sources": [{"path": "unused.jsonl", "format": "twitter-v2"}],
            "government": government, **extra}
    if period:
        data["period"] = {"start": period[0], "end": period[1]}
    return parse_case(data, tmp / f"{case_id}.yaml")


def citizens(b: Builder, n: int) -> list[str]:
    return [b.account(f"c{i}", f"burger{i}") for i in range(1, n + 1)]


def background(b: Builder, people: list[str], days: range, per_day: int, hour: int = 8) -> None:
    """``per_day`` citizen posts each day, not addressed to anyone."""
    for day in days:
        for k in range(per_day):
            b.msg(people[(day + k) % len(people)], t(day, hour, k), f"Gewoon een bericht over de stad {day}-{k}")


def burst(b: Builder, people: list[str], day: int, n: int) -> None:
    for k in range(n):
        b.msg(people[k % len(people)], t(day, 14, k % 60), f"Wat een drukte vandaag {k}!")


def twitter_case(store: Store, tmp: Path):
    """The main planted Twitter case (period 1–20 Feb 2014). See test_planted.py for the plan."""
    b = Builder("twitter")
    gov_org = b.account("g1", "gemeentedeventer", name="Gemeente Deventer", followers=5000)  # registry
    agent = b.account("g2", "wijkagentDev", name="Wijkagent Deventer", followers=800)
    mayor = b.account("g3", "burgemeesterDev", name="Burgemeester")
    b.account("s1", "PolitieLisse", name="Politie Lisse", description="Officieel account van de politie Lisse")
    b.account("s2", "jan", name="Jan", description="Beleidsadviseur bij de Gemeente Zwolle. zie www.zwolle.nl")
    people = citizens(b, 30)
    # day 1, 07:00: government speaks before any citizen: proactive (before_topic)
    b.msg(gov_org, t(1, 7), "Doe mee met de Deventer opschoondag! Meld je aan via deventer.nl")
    background(b, people, [d for d in range(1, 21) if d not in (11, 12, 13)], 2)  # 2 a day at 08:00, 08:01; none 11-13
    burst(b, people, 10, 38)  # day 10: 40 messages (+2 gov below -> 42) -> first peak
    burst(b, people, 15, 23)  # day 15: 25 messages -> second peak
    # q1 (practical): mention, answered by a reply after 45 minutes
    q1 = b.msg(people[0], t(3, 9), "@gemeentedeventer Wanneer wordt het afval opgehaald?", mentions=(gov_org,))
    a1 = b.msg(gov_org, t(3, 9, 45), "@burger1 Het afval wordt donderdag opgehaald.", kind="reply", parent=q1, root=q1,
               mentions=(people[0],))
    # a government post, a critical question replying to it (unanswered), a praise reply
    post = b.msg(gov_org, t(4, 10), "De gemeente opent een nieuw park in de binnenstad.", like_count=100)
    q2 = b.msg(people[1], t(4, 11), "Waarom is dit beleid zo slecht voor de wijk?", kind="reply", parent=post, root=post)
    b.msg(people[2], t(4, 11, 30), "Mooi gedaan, goed zo", kind="reply", parent=post, root=post)
    for who in people[3:6]:
        b.like(who, post)  # three named likes
    # q3 (practical) to the police officer; he answers after 150 min, the municipality later
    q3 = b.msg(people[3], t(5, 10), "@wijkagentDev Is de weg bij de kerk weer open?", mentions=(agent,))
    a3 = b.msg(agent, t(5, 12, 30), "@burger4 Ja, ik heb net gekeken: de weg is weer open.", kind="reply", parent=q3,
               root=q3, mentions=(people[3],))
    b.msg(gov_org, t(5, 13), "@burger4 De weg is weer vrij.", kind="reply", parent=q3, root=q3, mentions=(people[3],))
    # not questions: praise mentioning government; a retweet of government with a question mark
    b.msg(people[4], t(6, 9), "@gemeentedeventer mooi gedaan!", mentions=(gov_org,))
    b.msg(people[5], t(6, 9, 5), "RT @gemeentedeventer: Doe mee met de opschoondag?", kind="repost", parent=post,
          mentions=(gov_org,))
    # a question that came along only as context: stored, not counted
    b.msg(people[6], t(6, 10), "@gemeentedeventer Hoe laat begint het?", collected=False, id="ctx1")
    # a question sent twice in two files (duplicate) and an edited question (two versions)
    b.msg(people[7], t(7, 9), "@gemeentedeventer Waar kan ik grofvuil kwijt?", id="dup1", mentions=(gov_org,))
    b.msg(people[8], t(7, 10), "@gemeentedeventer Kan ik een container aanvragn?", id="e1", edit_group="e1",
          mentions=(gov_org,))
    b.msg(people[8], t(7, 10, 1), "@gemeentedeventer Kan ik een container aanvragen?", id="e2", edit_group="e1",
          mentions=(gov_org,))
    # the police officer: an hour after citizens wrote (active); on day 13 at 20:00, after more than
    # 72 hours without citizen messages (the last: day 10, 14:37) (proactive)
    b.msg(agent, t(7, 9), "Ik ben vandaag in de wijk bij de markt.")
    b.msg(agent, t(13, 20), "Ik ben vanavond in de wijk, rustige avond.")
    # day 10 (peak): two government messages on the peak day: reactive
    b.msg(gov_org, t(10, 15), "Wij weten van de drukte in de binnenstad en houden het in de gaten.")
    b.msg(mayor, t(10, 16), "Ik ben trots op de rust in de stad vandaag.")
    # day 14, 12:00: 12 hours before the second peak day (day 15) -> proactive (before_peak)
    b.msg(gov_org, t(14, 12), "De markt gaat zaterdag door zoals gepland.")
    # day 16: the police officer retweets a citizen -> reactive (passes_on_citizen)
    cit = next(m.id for m in b.messages if m.account != agent and m.created_at == t(16, 8))
    b.msg(agent, t(16, 9), "RT @burger17: Gewoon een bericht over de stad", kind="repost", parent=cit)
    b.write(store, "twitter-planted")
    b2 = Builder("twitter")  # the duplicate again, from a second file
    b2.msg(people[7], t(7, 9), "@gemeentedeventer Waar kan ik grofvuil kwijt?", id="dup1")
    b2.write(store, "twitter-planted")
    c = case(tmp, "twitter-planted", [
        {"handle": "gemeentedeventer"},  # role, body and level come from the shipped registry
        {"handle": "wijkagentDev", "role": "civil_servant", "body": "Politie Oost-Nederland", "level": "local"},
        {"handle": "burgemeesterDev", "role": "senior_official", "body": "Gemeente Deventer", "level": "local"},
    ], period=("2014-02-01", "2014-02-20"))
    return c, {"q1": q1, "a1": a1, "q2": q2, "q3": q3, "a3": a3, "post": post}


def linkedin_case(store: Store, tmp: Path):
    """A flat LinkedIn group (no reply links), answered only by a later mention in the thread."""
    b = Builder("linkedin")
    civil = b.account("li1", None, name="Sacha Ambtenaar")
    ask, other = b.account("li2", None, name="Piet Burger"), b.account("li3", None, name="Kees Burger")
    post = b.msg(civil, t(2, 9, month=3), "Ik zoek ideeën voor het braakliggende terrein aan de haven.", kind="group_post")
    q = b.msg(ask, t(2, 10, month=3), "Wanneer is de volgende bijeenkomst?", kind="comment", parent=post, root=post)
    q_other = b.msg(other, t(2, 11, month=3), "Hoe kan ik meedoen?", kind="comment", parent=post, root=post)
    # 90 minutes later the civil servant comments in the same thread and names the asker
    ans = b.msg(civil, t(2, 11, 30, month=3), "Piet, de bijeenkomst is op 12 maart.", kind="comment", parent=post,
                root=post, mentions=(ask,))
    # a mention of the other asker, but in a different thread: no answer
    other_post = b.msg(civil, t(3, 9, month=3), "Nieuwe foto's van het terrein.", kind="group_post")
    b.msg(civil, t(3, 10, month=3), "Kees, kijk hier eens naar.", kind="comment", parent=other_post, root=other_post,
          mentions=(other,))
    # a citizen's own group post that names the civil servant; she answers under it, below another comment
    # (parent: that comment, root: the post) 45 minutes later: a comment under the question
    q_post = b.msg(other, t(4, 9, month=3), "Sacha, wanneer begint de bouw?", kind="group_post", mentions=(civil,))
    mid = b.msg(ask, t(4, 9, 10, month=3), "Goede vraag.", kind="comment", parent=q_post, root=q_post)
    under = b.msg(civil, t(4, 9, 45, month=3), "In mei.", kind="comment", parent=mid, root=q_post)
    b.write(store, "linkedin-flat")
    c = case(tmp, "linkedin-flat", [{"handle": "Sacha Ambtenaar", "role": "civil_servant", "body": "Gemeente Amsterdam"}],
             period=("2014-03-01", "2014-03-31"))
    return c, {"q": q, "q_other": q_other, "answer": ans, "q_post": q_post, "under": under}


def facebook_case(store: Store, tmp: Path):
    """A Facebook page: a citizen's post to the page asks; the page comments under it."""
    b = Builder("facebook")
    page = b.account("111", None, name="Gemeente Deventer")  # registry, by exact page name
    visitor = b.account("222", None, name="Anna")
    p2p = b.msg(visitor, t(10, 8, month=3), "Mijn container is niet geleegd, wat moet ik doen?", kind="post_to_page",
                id="111_900")
    ans = b.msg(page, t(10, 9, 12, month=3), "Dat spijt ons. Bel 14 0570 of kijk op deventer.nl/afval.",
                kind="comment", parent=p2p, root=p2p, id="111_900_1")
    b.msg(page, t(11, 9, month=3), "Kijk mee naar de nieuwe brug.", id="111_901")
    b.msg(visitor, t(11, 10, month=3), "Gaaf!", kind="comment", parent="111_901", root="111_901", id="111_901_1")
    b.msg(visitor, t(11, 10, 5, month=3), "Is dat de brug bij het station?", kind="reply", parent="111_901_1",
          root="111_901", id="111_901_2")
    # posts to the page from sources that name the page (``page``) or say nothing (the page owner is assumed)
    b.msg(visitor, t(11, 11, month=3), "Wanneer gaat de brug open?", kind="post_to_page", id="x77", page="111")
    b.msg(visitor, t(11, 12, month=3), "Waar kan ik parkeren?", kind="post_to_page", id="y88")
    b.write(store, "fb-page")
    c = case(tmp, "fb-page", [{"handle": "Gemeente Deventer"}], period=("2014-03-10", "2014-03-11"))
    return c, {"p2p": p2p, "answer": ans}


def group_reach(membership: dict | None = None):
    """A main network of four groups (40, 30, 20 and 10 accounts); government reached only group 1."""
    from civicnet.tactics import GroupReach

    return GroupReach(reached=[1], unreached=[2, 3, 4],
                      largest_unreached={"id": 2, "size": 30, "top_terms": ["schade", "gas", "nam"],
                                         "top_accounts": ["a2"]},
                      membership=membership or {})


def day(n: int) -> str:
    return (datetime(2014, 2, 1) + timedelta(days=n - 1)).date().isoformat()
