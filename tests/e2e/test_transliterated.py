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


_ROMANIZED = [
    ("530320101", "Mei", "", "Lee", "1963-01-26", "50 Elm St"),
    ("530320102", "Jian", "", "Xu", "1979-02-18", "51 Elm St"),
    ("530320103", "Pavel", "", "Ivanov", "1980-03-05", "52 Elm St"),
    ("530320104", "Ali", "", "El-Sayed", "1965-05-04", "53 Elm St"),
    ("530320105", "Huda", "", "Farah", "2001-10-07", "54 Elm St"),
    ("530320106", "Yulia", "", "Savchenko", "1963-07-10", "55 Elm St"),
    ("530320107", "Aleksandr", "", "Kovalenko", "", "56 Elm St"),
    ("530320108", "Min Jun", "", "Jung", "1981-04-23", "57 Elm St"),
]


def test_a_surname_or_given_name_romanized_otherwise(tmp_path: Path) -> None:
    # audit 20 (session 19): each due request below was M_ADDRESS_ONLY at the person's own
    # address with the exact date of birth; translations without it stay a person's call
    decide_batch(tmp_path, _ROMANIZED, {
        "R1": (dict(first_name="MEI", last_name="RHEE", street="50 ELM ST",
                    date_of_birth="1963-01-26"), ("DISCLOSE",), "530320101"),
        "R2": (dict(first_name="JIAN", last_name="HSU", street="51 ELM ST",
                    date_of_birth="1979-02-18"), ("DISCLOSE",), "530320102"),
        "R3": (dict(first_name="PAVEL", last_name="IVANOFF", street="52 ELM ST",
                    date_of_birth="1980-03-05"), ("DISCLOSE",), "530320103"),
        "R4": (dict(first_name="ALI", last_name="EL-SAYYID", street="53 ELM ST",
                    date_of_birth="1965-05-04"), ("DISCLOSE",), "530320104"),
        "R5": (dict(first_name="HODA", last_name="FARAH", street="54 ELM ST",
                    date_of_birth="2001-10-07"), ("DISCLOSE",), "530320105"),
        "R6": (dict(first_name="JULIA", last_name="SAVCHENKO", street="55 ELM ST",
                    date_of_birth="1963-07-10"), ("DISCLOSE",), "530320106"),
        # the English form without a date of birth: a father and son may bear both
        "R7": (dict(first_name="ALEXANDER", last_name="KOVALENKO", street="56 ELM ST"),
               SAFE, ""),
        "R8": (dict(first_name="OLEKSANDR", last_name="KOVALENKO", street="56 ELM ST"),
               ("DISCLOSE",), "530320107"),
        # without the date of birth a surname romanized otherwise may be another family
        # that spelling names (CHANG is 张 and 常): a person decides
        "R9": (dict(first_name="MIN JUN", last_name="JEONG", street="57 ELM ST"), SAFE, ""),
        # JANG and JUNG are two Korean families, one letter apart: not his
        "N1": (dict(first_name="MIN JUN", last_name="JANG", street="57 ELM ST"), SAFE, ""),
    }, "ICE-2026-320101")


_STREETS = [
    ("530320201", "Elmer", "", "Delacroix", "1965-11-20", "6121 Main Ave"),
    ("530320202", "Huda", "", "Nasser", "1990-03-14", "15794 Lake St"),
    ("530320203", "Edgar", "", "Padillo", "1981-07-08", "4061 Park Dr"),
    ("530320204", "Tuan", "", "Lamont", "1990-01-03", "4561 Cedar Rd"),
    ("530320205", "Binh", "", "Nguyenphan", "1962-11-06", "3399 Hill St"),
    ("530320206", "Ruben", "", "Molinar", "", "68 Lake St"),
    # another taxpayer lives on ELK RD: ELK RD is a street of the ZIP, not a slip of ELM RD
    ("530320207", "Ottilie", "", "Sandoval", "1970-01-01", "12 Elm Rd"),
    ("530320208", "Walter", "", "Brennan", "", "40 Elk Rd"),
    ("530320209", "Wanda", "", "Brennecke", "1971-05-05", "12 Oak St"),
    ("530320210", "Felix", "", "Fairbanks", "1966-06-06", "14 Old Mill Rd"),
]


def test_a_short_street_word_mistyped_with_the_date_of_birth(tmp_path: Path) -> None:
    # audit 20 (session 19): MAIM AVE, LAKKE ST, PAK DR, CEDA RD, HIKL ST asked at the
    # person's own house number and ZIP, name and date of birth exact, were M_NAME_ONLY:
    # one edit in a word too short for a slip without the date (ELM / ELK are two streets)
    decide_batch(tmp_path, _STREETS, {
        "S1": (dict(first_name="ELMER", last_name="DELACROIX", street="6121 MAIM AVE",
                    date_of_birth="1965-11-20"), ("DISCLOSE",), "530320201"),
        "S2": (dict(first_name="HUDA", last_name="NASSER", street="15794 LAKKE ST",
                    date_of_birth="1990-03-14"), ("DISCLOSE",), "530320202"),
        "S3": (dict(first_name="EDGAR", last_name="PADILLO", street="4061 PAK DR",
                    date_of_birth="1981-07-08"), ("DISCLOSE",), "530320203"),
        "S4": (dict(first_name="TUAN", last_name="LAMONT", street="4561 CEDA RD",
                    date_of_birth="1990-01-03"), ("DISCLOSE",), "530320204"),
        "S5": (dict(first_name="BINH", last_name="NGUYENPHAN", street="3399 HIKL ST",
                    date_of_birth="1962-11-06"), ("DISCLOSE",), "530320205"),
        # without the date of birth the short word stays another street
        "N1": (dict(first_name="RUBEN", last_name="MOLINAR", street="68 LAKEE ST"),
               ("NOT_DISCLOSED",), ""),
        # ELK RD is a street there: the request names it, whatever the date says
        "N2": (dict(first_name="OTTILIE", last_name="SANDOVAL", street="12 ELK RD",
                    date_of_birth="1970-01-01"), ("NOT_DISCLOSED",), ""),
        # a final S or another first letter of a word makes another street's name as often
        # (session 9), the date of birth notwithstanding (helper-47's review)
        "N4": (dict(first_name="WANDA", last_name="BRENNECKE", street="12 OAKS ST",
                    date_of_birth="1971-05-05"), ("NOT_DISCLOSED",), ""),
        "N5": (dict(first_name="FELIX", last_name="FAIRBANKS", street="14 OLD HILL RD",
                    date_of_birth="1966-06-06"), ("NOT_DISCLOSED",), ""),
        # another house number on the slipped street is another address
        "N3": (dict(first_name="EDGAR", last_name="PADILLO", street="4062 PAK DR",
                    date_of_birth="1981-07-08"), ("NOT_DISCLOSED",), ""),
    }, "ICE-2026-320201")


_TRANSLATED = [
    ("530320301", "Jean Claude", "", "Zephirin", "1989-03-05", "80 Elm St"),
    ("530320302", "Piotr", "", "Tkachuk", "1988-01-19", "81 Elm St"),
    ("530320303", "Rafael", "", "Figueredo", "1980-09-16", "82 Elm St"),
    ("530320304", "Ibrahim", "", "Nasserdine", "1985-02-19", "83 Elm St"),
    ("530320305", "Pierre", "", "Desirat", "1995-02-17", "84 Elm St"),
]


def test_a_given_name_in_its_english_form(tmp_path: Path) -> None:
    # audit 20 (session 19): with the exact date of birth each was M_ADDRESS_ONLY at the
    # person's own address; without it a father or a son may bear the other form
    decide_batch(tmp_path, _TRANSLATED, {
        # JEAN is also an English woman's name: JOHN with the date of birth may be her twin
        # brother (helper-47's review), so JEAN / JOHN is no translation here
        "T1": (dict(first_name="JOHN CLAUDE", last_name="ZEPHIRIN", street="80 ELM ST",
                    date_of_birth="1989-03-05"), SAFE, ""),
        "E2": (dict(first_name="PETER", last_name="TKACHUK", street="81 ELM ST",
                    date_of_birth="1988-01-19"), ("DISCLOSE",), "530320302"),
        "E3": (dict(first_name="RALPH", last_name="FIGUEREDO", street="82 ELM ST",
                    date_of_birth="1980-09-16"), ("DISCLOSE",), "530320303"),
        "E4": (dict(first_name="ABRAHAM", last_name="NASSERDINE", street="83 ELM ST",
                    date_of_birth="1985-02-19"), ("DISCLOSE",), "530320304"),
        "N1": (dict(first_name="PETER", last_name="DESIRAT", street="84 ELM ST"), SAFE, ""),
    }, "ICE-2026-320301")
