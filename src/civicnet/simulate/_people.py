"""Invented Dutch people: names, handles, short biographies.

Every person in the demo cases is made up from common Dutch first names and
surnames; only public organisations and the office holders a case is about keep
their real names (as the report names them). Handles are unique per case.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._rng import Rng

FIRST = (
    "Jan Piet Kees Henk Gerrit Wim Johan Marco Erik Peter Sander Bas Tim Ruud Joost Maarten Niels "
    "Daan Sem Lucas Thijs Jesse Bram Ruben Stijn Koen Jeroen Martijn Rob Frank Arjen Dennis Mark "
    "Hans Ton Rik Wouter Teun Gijs Jurre Mehmet Mohamed Youssef Ahmed Kevin Patrick Vincent "
    "Anna Emma Sanne Lotte Femke Anouk Eva Lisa Sophie Julia Fleur Iris Marieke Ingrid Monique "
    "Petra Linda Esther Yvonne Annemiek Karin Ellen Wilma Marjolein Hanneke Ilse Nienke Roos Noor "
    "Saskia Mirjam Els Tineke Gerda Joke Ria Astrid Charlotte Fatima Naima Samira Laura Kim Demi"
).split()

SURNAMES = (
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|"
    "de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|"
    "van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|"
    "de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven|Hoekstra|Maas|"
    "Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Peeters|de Lange|Kuipers|van Wijk|Postma|"
    "Kramer|van den Bosch|Veenstra|Bosman|Wiersma|Boersma|Hofstra|Tuinstra|Zijlstra|Oosterhuis|Kuiper|"
    "Scholten|Groen|Timmer|Koning|Molenaar|Boon|Verbeek|Lammers|Bouwman|Wolters|Hoogland|Brink|"
    "El Amrani|Yilmaz|Kaya|Bennani|Haddou|Ramdin|Sitaram"
).split("|")


@dataclass(frozen=True)
class Person:
    name: str
    first: str
    last: str

    @property
    def initials_last(self) -> str:
        return f"{self.first[0]}. {self.last}"


class People:
    """Unique invented people and handles for one case."""

    def __init__(self, rng: Rng):
        self.rng = rng
        self.names: set[str] = set()
        self.handles: set[str] = set()

    def person(self, unique: bool = False) -> Person:
        """An invented person; namesakes occur now and then unless ``unique``."""
        for _ in range(1000):
            first, last = self.rng.choice(FIRST), self.rng.choice(SURNAMES)
            name = f"{first} {last}"
            if name not in self.names or (not unique and self.rng.chance(0.02)):
                self.names.add(name)
                return Person(name, first, last)
        return Person(f"{first} {last}", first, last)

    def reserve(self, handle: str) -> str:
        """Take a fixed handle (an organisation's); it stays unique."""
        key = handle.lower()
        if key in self.handles:
            raise ValueError(f"handle {handle} given out twice")
        self.handles.add(key)
        return handle

    def handle(self, person: Person, hint: str = "") -> str:
        """A Twitter-style handle derived from the name (at most 15 characters)."""
        last = person.last.replace(" ", "")
        tail = person.last.split()[-1]
        shapes = [
            f"{person.first}{last}", f"{person.first}_{tail}", f"{person.first[0]}{last}",
            f"{person.first.lower()}{tail.lower()}", f"{person.first}{tail}{self.rng.randint(1, 99)}",
            f"{tail}{person.first[0]}", f"{person.first}{hint}", f"{person.first}_{self.rng.randint(60, 99)}",
        ]
        for _ in range(50):
            h = "".join(ch for ch in self.rng.choice(shapes) if ch.isalnum() or ch == "_")[:15]
            if len(h) >= 4 and h.lower() not in self.handles:
                self.handles.add(h.lower())
                return h
        while True:
            h = f"{person.first[:9]}{self.rng.randint(100, 99999)}"[:15]
            if h.lower() not in self.handles:
                self.handles.add(h.lower())
                return h
