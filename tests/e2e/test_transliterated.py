"""What audit 20 (session 18, an independent generator) found refused, end to end: a
Ukrainian or Russian given name in another Latin spelling (SERGIY for SERGEI), a Korean
given name joined or split otherwise where the same name is borne elsewhere (JI-YEON for
JIYEON), and two neighbouring letters swapped in a four-letter street word (OCEAN VIWE).
A letter changed in a four-letter street word stays another street. Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import SAFE, decide_batch

_PEOPLE = [
    ("530320001", "Sergei", "", "Melnychuk", "1977-04-04", "40 Elm St"),
    ("530320002", "Yulia", "", "Kovalenko", "1988-05-05", "41 Elm St"),
    ("530320003", "Jiyeon", "", "Seo", "", "42 Elm St"),
    ("530320004", "Ji Yeon", "", "Seo", "", "900 Oak St"),     # the same name, elsewhere
    ("530320005", "Dmitri", "", "Haletsky", "", "43 Elm St"),
]


def test_transliterations_and_spacings(tmp_path: Path) -> None:
    people = [*_PEOPLE,
              ("530320006", "Rosalind", "", "Okonkwo", "", "12 Ocean View St"),
              ("530320007", "Evander", "", "Quist", "", "14 Old Mill Ave")]
    decide_batch(tmp_path, people, {
        "T1": (dict(first_name="SERGIY", last_name="MELNYCHUK", street="40 ELM ST",
                    date_of_birth="1977-04-04"), ("DISCLOSE",), "530320001"),
        "T2": (dict(first_name="IULIIA", last_name="KOVALENKO", street="41 ELM ST",
                    date_of_birth="1988-05-05"), ("DISCLOSE",), "530320002"),
        "T3": (dict(first_name="JI-YEON", last_name="SEO", street="42 ELM ST"),
               ("DISCLOSE",), "530320003"),
        "T4": (dict(first_name="DMYTRO", last_name="HALETSKY", street="43 ELM ST"),
               ("DISCLOSE",), "530320005"),
        # another given name altogether is still not his
        "N1": (dict(first_name="DANYLO", last_name="HALETSKY", street="43 ELM ST"), SAFE, ""),
        "S1": (dict(first_name="ROSALIND", last_name="OKONKWO", street="12 OCEAN VIWE ST"),
               ("DISCLOSE",), "530320006"),
        "S2": (dict(first_name="EVANDER", last_name="QUIST", street="14 OLD MILO AVE"),
               ("NOT_DISCLOSED",), ""),
    }, "ICE-2026-320001")
