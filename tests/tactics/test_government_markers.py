"""Style and pronoun use of government's messages from one pass (tactics/markers.py) equal what the
two text functions give message by message (style_profile per identifier, person_markers per account)."""

from civicnet.tactics import all_messages
from civicnet.tactics.accounts import government
from civicnet.tactics.content import style
from civicnet.tactics.sender import voices
from civicnet.text.style import person_markers, style_profile


def test_one_pass_equals_the_text_functions_per_message(tw):
    scope, _, _ = tw
    rows = scope.sql(f"SELECT ident, text, has_media, platform, account, language FROM {all_messages(scope)} "
                     "WHERE is_gov AND collected ORDER BY ident, id")
    assert style(scope) == style_profile([(ident, text, media) for ident, text, media, *_ in rows])
    bodies = {(g.platform, g.account_id): (g.body or "").lower() for g in government(scope)}
    for v in voices(scope):
        mine = [r for r in rows if r[0] == v["handle"]]
        marks = [person_markers(r[1], r[5]) for r in mine]
        third = sum(bool(m["third_person"]) or bool(bodies[r[3], r[4]] and r[1] and bodies[r[3], r[4]] in r[1].lower())
                    for m, r in zip(marks, mine))
        assert v["messages"] == len(mine)
        assert v["pronouns"] == {"first_singular": sum(bool(m["first_singular"]) for m in marks),
                                 "first_plural": sum(bool(m["first_plural"]) for m in marks), "third_person": third}
    assert sum(v["messages"] for v in voices(scope)) == 11
