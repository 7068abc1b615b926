from civicnet.reports.pseudonym import Pseudonymiser, store_salt
from civicnet.store import Store


def test_stable_and_salted(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        salt = store_salt(store)
        assert store_salt(store) == salt
    with Store(tmp_path / "s.duckdb") as store:
        assert store_salt(store) == salt
    with Store(tmp_path / "other.duckdb") as store:
        other = store_salt(store)
    p, q = Pseudonymiser(salt), Pseudonymiser(other)
    assert p("jan_burger") == p("@jan_burger".lstrip("@")) == p("JAN_BURGER")
    assert p("jan_burger").startswith("anon-") and p("jan_burger") != q("jan_burger")


def test_government_stays_named_and_texts_are_rewritten():
    p = Pseudonymiser(b"salt", keep={"gemeenteDeventer"}, names={"jan_burger": "Jan de Burger"})
    assert p("gemeenteDeventer") == "gemeenteDeventer"
    text = p.text("@jan_burger vraagt @gemeenteDeventer: waar is Jan de Burger zijn fiets?")
    assert "jan_burger" not in text and "Jan de Burger" not in text
    assert "@gemeenteDeventer" in text and text.count(p("jan_burger")) == 2


def test_salt_is_not_in_pseudonym():
    p = Pseudonymiser(bytes.fromhex("ab" * 32))
    assert "abab" not in p("someone")
