"""Naming traditions beyond Spanish and English, end to end (session 15's probes): people
with final orders of removal come from many countries. Each case is a household at its own
address; a SAFE case is a request for someone else than every resident there (a brother or
sister, another man of a common name, a sex marker or patronymic that differs), and must
not disclose. A DISCLOSE case is the resident written the way another record system writes
the name (particles joined or split, hyphens, apostrophes, the surname first with the DOB).
Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import SAFE, decide_batch

_DOB = "1990-04-04"
# (tin, first, middle, last, dob, street)
_PEOPLE = [
    ("530415001", "Anh", "Thi", "Nguyen", "", "101 Elm St"),
    ("530415002", "Thang", "", "Tran", "", "102 Elm St"),
    ("530415003", "Anh", "Van", "Nguyen", _DOB, "103 Elm St"),
    ("530415004", "Wei", "", "Chang", "", "104 Elm St"),
    ("530415005", "Ming", "", "Lee", "", "105 Elm St"),
    ("530415006", "Ji Hoon", "", "Kim", "", "106 Elm St"),
    ("530415007", "Ji-Ho", "", "Park", "", "107 Elm St"),
    ("530415008", "Wei", "", "Wang", "1980-01-01", "108 Elm St"),
    ("530415009", "Maria", "Santos", "De la Cruz", "", "109 Elm St"),
    ("530415010", "Maria", "Santos", "Reyes", "", "110 Elm St"),
    ("530415011", "Joao", "", "da Silva", "", "111 Elm St"),
    ("530415012", "Joana", "", "Souza", "", "112 Elm St"),
    ("530415013", "Marie", "", "Jean Baptiste", "", "113 Elm St"),
    ("530415014", "Jean Robert", "", "Joseph", _DOB, "114 Elm St"),
    ("530415015", "Jean Robert", "", "Pierre", "", "115 Elm St"),
    ("530415016", "Jean Claude", "", "Pierre", "", "115 Elm St"),
    ("530415017", "Jeanne", "", "Louis", "", "116 Elm St"),
    ("530415018", "Mohammed", "Ali", "Khan", "", "117 Elm St"),
    ("530415019", "Mohammed", "Asif", "Khan", "", "117 Elm St"),
    ("530415020", "Mohammed", "Asif", "Qureshi", "", "118 Elm St"),
    ("530415021", "Ahmed", "", "Al-Rashid", "", "119 Elm St"),
    ("530415022", "Abdul Rahman", "", "Saeed", "", "120 Elm St"),
    ("530415023", "Rajesh", "", "Kumar", "", "121 Elm St"),
    ("530415024", "Omar", "", "El Amin", "", "122 Elm St"),
    ("530415025", "Sean", "", "O'Brien", "", "123 Elm St"),
    ("530415026", "Ivan", "Sergeyevich", "Petrov", "", "124 Elm St"),
    ("530415027", "Sergey", "", "Ivanov", "", "125 Elm St"),
    ("530415028", "Younghee", "", "Lee", _DOB, "126 Elm St"),
    ("530415029", "Youngsoo", "", "Lee", "", "127 Elm St"),
    ("530415030", "Eunji", "", "Jang", "", "128 Elm St"),
    ("530415031", "Min", "Ji", "Ahn", "", "129 Elm St"),
    ("530415032", "Hieu", "Van", "Nguyen", _DOB, "130 Elm St"),
    ("530415033", "Anh", "Thi", "Tran", "", "131 Elm St"),
    ("530415034", "Van Long", "", "Pham", "", "132 Elm St"),
    ("530415035", "Tam", "Thi", "Truong", "", "133 Elm St"),
]


def _rq(first: str, last: str, street: str, **more: str) -> dict[str, str]:
    return dict(first_name=first, last_name=last, street=street, **more)


def test_other_naming_traditions(tmp_path: Path) -> None:
    decide_batch(tmp_path, _PEOPLE, {
        # Vietnamese: VAN (a man's middle name) against THI (a woman's); a slip between two
        # given names of their own; the surname written first, settled by the DOB
        "V1": (_rq("ANH", "NGUYEN", "101 ELM ST", middle_name="VAN"), SAFE, ""),
        "V2": (_rq("THANH", "TRAN", "102 ELM ST"), SAFE, ""),
        "V3": (_rq("NGUYEN", "ANH", "103 ELM ST", middle_name="VAN", date_of_birth=_DOB),
               ("DISCLOSE",), "530415003"),
        # Chinese and Korean: two romanized surnames; a hyphenated given name written
        # otherwise; JI-HOON is not JI-HO; two men named WEI WANG by their DOBs
        "C1": (_rq("WEI", "ZHANG", "104 ELM ST"), SAFE, ""),
        "C2": (_rq("MING", "LI", "105 ELM ST"), SAFE, ""),
        "C3": (_rq("JI-HOON", "KIM", "106 ELM ST"), ("DISCLOSE",), "530415006"),
        "C4": (_rq("JI-HOON", "PARK", "107 ELM ST"), SAFE, ""),
        "C5": (_rq("WEI", "WANG", "108 ELM ST", date_of_birth="1992-03-03"), SAFE, ""),
        # Filipino: the particle joined; the mother's surname as middle name differs
        "F1": (_rq("MARIA", "DELA CRUZ", "109 ELM ST", middle_name="SANTOS"), ("DISCLOSE",),
               "530415009"),
        "F2": (_rq("MARIA", "REYES", "110 ELM ST", middle_name="BAUTISTA"), SAFE, ""),
        # Portuguese: the particle dropped; JOAO at JOANA's address is her brother
        "B1": (_rq("JOAO", "SILVA", "111 ELM ST"), ("DISCLOSE",), "530415011"),
        "B2": (_rq("JOAO", "SOUZA", "112 ELM ST"), SAFE, ""),
        # Haitian and French: a hyphenated surname; JEAN CLAUDE is not JEAN ROBERT, even
        # with his DOB; JEAN alone where two JEANs live; JEAN at JEANNE's address
        "H1": (_rq("MARIE", "JEAN-BAPTISTE", "113 ELM ST"), ("DISCLOSE",), "530415013"),
        "H2": (_rq("JEAN CLAUDE", "JOSEPH", "114 ELM ST", date_of_birth=_DOB), SAFE, ""),
        "H3": (_rq("JEAN", "PIERRE", "115 ELM ST"), SAFE, ""),
        "H4": (_rq("JEAN", "LOUIS", "116 ELM ST"), SAFE, ""),
        # Arabic and South Asian: MOHAMMED KHAN where two live; another middle name; the
        # article written otherwise; ABDUL RAHMAN joined; KUMAR borne by many families;
        # EL AMIN is not AL AMIN
        "A1": (_rq("MOHAMMED", "KHAN", "117 ELM ST"), SAFE, ""),
        "A2": (_rq("MOHAMMED", "QURESHI", "118 ELM ST", middle_name="ALI"), SAFE, ""),
        "A3": (_rq("AHMED", "ALRASHID", "119 ELM ST"), ("DISCLOSE",), "530415021"),
        "A4": (_rq("ABDULRAHMAN", "SAEED", "120 ELM ST"), ("DISCLOSE",), "530415022"),
        "A5": (_rq("ABDUL KARIM", "SAEED", "120 ELM ST"), SAFE, ""),
        "A6": (_rq("RAKESH", "KUMAR", "121 ELM ST"), SAFE, ""),
        "A7": (_rq("OMAR", "AL AMIN", "122 ELM ST"), SAFE, ""),
        # Irish: the apostrophe dropped
        "I1": (_rq("SEAN", "OBRIEN", "123 ELM ST"), ("DISCLOSE",), "530415025"),
        # Russian: another patronymic; the wife (IVANOVA) at her husband's address
        "U1": (_rq("IVAN", "PETROV", "124 ELM ST", middle_name="ALEKSANDROVICH"), SAFE, ""),
        "U2": (_rq("OLGA", "IVANOVA", "125 ELM ST"), SAFE, ""),
        # Korean: a two-syllable given name written across the given and middle fields
        # (normalize/korean.py), with and without the DOB; YOUNG / HEE is not YOUNGSOO;
        # the record written so too
        "K1": (_rq("YOUNG", "LEE", "126 ELM ST", middle_name="HEE", date_of_birth=_DOB),
               ("DISCLOSE",), "530415028"),
        "K2": (_rq("YOUNG", "LEE", "127 ELM ST", middle_name="HEE"), SAFE, ""),
        "K3": (_rq("EUN", "JANG", "128 ELM ST", middle_name="JI"), ("DISCLOSE",),
               "530415030"),
        "K4": (_rq("MIN", "AHN", "129 ELM ST", middle_name="JI"), ("DISCLOSE",), "530415031"),
        # Vietnamese: the middle name VAN or THI written first in the given-name field
        # (names._vietnamese_marker_last), against a record that holds it as the middle
        # name or in the given-name field too; VAN ANH is THI ANH's brother, not her
        "V4": (_rq("VAN HIEU", "NGUYEN", "130 ELM ST", date_of_birth=_DOB), ("DISCLOSE",),
               "530415032"),
        "V5": (_rq("THI TAM", "TRUONG", "133 ELM ST"), ("DISCLOSE",), "530415035"),
        "V6": (_rq("VAN ANH", "TRAN", "131 ELM ST"), SAFE, ""),
        "V7": (_rq("LONG", "PHAM", "132 ELM ST", middle_name="VAN"), ("DISCLOSE",),
               "530415034"),
        "V8": (_rq("VAN LUONG", "PHAM", "132 ELM ST"), SAFE, ""),
    }, "ICE-2026-415001")
