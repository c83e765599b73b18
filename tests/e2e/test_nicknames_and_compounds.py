"""Given names end to end (issue 5): a second given name under a nickname or a translation
of the first (ALEX MANUEL at his twin ALEJANDRO JOSE's address, the shared date of birth
given, was disclosed: the second names were read only under the same first word), and an
Arabic compound given name or MUHAMMAD in the spellings records use (ABD AL RAHMAN at
ABDULRAHMAN's address was M_ADDRESS_ONLY); a rarer given name one letter from the only
taxpayer's established one (ROSALBA at ROSALIA's address: audit 12, G1); a Vietnamese
name written surname first across the fields (NGUYEN / VAN HAI at HAI NGUYEN's address
was M_ADDRESS_ONLY: audit 11, R2). Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import SAFE, decide_batch

# (tin, first, middle, last, dob, street)
_PEOPLE = [
    ("530512001", "Alejandro Jose", "", "Garcia", "1990-04-04", "10 Cedar St"),
    ("530512002", "Maria Jose", "", "Lopez", "1988-07-07", "11 Cedar St"),
    ("530512003", "Pepe Antonio", "", "Ruiz", "", "12 Cedar St"),
    ("530512004", "Abdulrahman", "", "Saleh", "", "13 Cedar St"),
    ("530512005", "Abd al Rahman", "", "Haddad", "", "14 Cedar St"),
    ("530512006", "Muhammad Abdul", "", "Karim", "", "15 Cedar St"),
    ("530512007", "Abdullah", "", "Mansour", "", "16 Cedar St"),
    ("530512008", "Abdelaziz", "", "Nasser", "", "17 Cedar St"),
    ("530512009", "Rosalia", "", "Mendoza", "1979-03-03", "18 Cedar St"),
    ("530512010", "Anita", "", "Sharma", "", "19 Cedar St"),
    ("530512011", "Sharon", "", "Wells", "", "20 Cedar St"),
    ("530512012", "Hai", "", "Nguyen", "1983-09-09", "21 Cedar St"),
]


def test_second_given_names_under_a_nickname_or_a_translation(tmp_path: Path) -> None:
    decide_batch(tmp_path, _PEOPLE, {
        # the twin: the first given name the same through a nickname or another language,
        # the second another, the birth date shared
        "T1": (dict(first_name="ALEX MANUEL", last_name="GARCIA", street="10 CEDAR ST",
                    date_of_birth="1990-04-04"), SAFE, ""),
        "T2": (dict(first_name="MARY ELENA", last_name="LOPEZ", street="11 CEDAR ST",
                    date_of_birth="1988-07-07"), SAFE, ""),
        # the same second name under the full first name: the person
        "T3": (dict(first_name="JOSE ANTONIO", last_name="RUIZ", street="12 CEDAR ST"),
               ("DISCLOSE",), "530512003"),
    }, "ICE-2026-512001")


def test_arabic_compounds_and_md(tmp_path: Path) -> None:
    decide_batch(tmp_path, _PEOPLE, {
        "A1": (dict(first_name="ABD AL RAHMAN", last_name="SALEH", street="13 CEDAR ST"),
               ("DISCLOSE",), "530512004"),
        "A2": (dict(first_name="ABDEL-RAHMAN", last_name="HADDAD", street="14 CEDAR ST"),
               ("DISCLOSE",), "530512005"),
        "A3": (dict(first_name="MD ABDUL", last_name="KARIM", street="15 CEDAR ST"),
               ("DISCLOSE",), "530512006"),
        # ABDULLAH is a name of its own, ABDUL RAHMAN another compound than ABDELAZIZ
        "A4": (dict(first_name="ABDUL RAHMAN", last_name="MANSOUR", street="16 CEDAR ST"),
               ("NOT_DISCLOSED",), ""),
        "A5": (dict(first_name="ABD AL RAHMAN", last_name="NASSER", street="17 CEDAR ST"),
               SAFE, ""),
    }, "ICE-2026-512002")


def test_a_rarer_name_one_letter_from_an_established_one(tmp_path: Path) -> None:
    decide_batch(tmp_path, _PEOPLE, {
        "G1": (dict(first_name="ROSALBA", last_name="MENDOZA", street="18 CEDAR ST"), SAFE, ""),
        "G2": (dict(first_name="ANKITA", last_name="SHARMA", street="19 CEDAR ST"), SAFE, ""),
        # the census lists' misspelling of the name (a letter doubled) is still a slip
        "G3": (dict(first_name="SHARRON", last_name="WELLS", street="20 CEDAR ST"),
               ("DISCLOSE",), "530512011"),
    }, "ICE-2026-512003")


def test_a_name_written_surname_first_across_the_fields(tmp_path: Path) -> None:
    # read the other way round, a person decides; with the exact DOB it is settled
    decide_batch(tmp_path, _PEOPLE, {
        "V1": (dict(first_name="NGUYEN", last_name="VAN HAI", street="21 CEDAR ST"),
               ("REVIEW",), ""),
    }, "ICE-2026-512004")
    decide_batch(tmp_path / "dob", _PEOPLE, {
        "V2": (dict(first_name="NGUYEN", last_name="VAN HAI", street="21 CEDAR ST",
                    date_of_birth="1983-09-09"), ("DISCLOSE",), "530512012"),
    }, "ICE-2026-512005")


# Two names of one household sharing a nickname our tables gave only one of (a red-team
# reading of session 25): MANNY asked where MANUEL and EMMANUEL live took MANUEL's
# address, VIC asked where VICTOR and VICTORIA live matched neither.
_SHARERS = [
    ("530512101", "Manuel", "", "Ortega", "", "40 Birch St"),
    ("530512102", "Emmanuel", "", "Ortega", "", "40 Birch St"),
    ("530512103", "Victor", "", "Salas", "1971-02-02", "41 Birch St"),
    ("530512104", "Victoria", "", "Salas", "1973-03-03", "41 Birch St"),
    ("530512105", "Benito", "", "Rojas", "", "42 Birch St"),
    ("530512106", "Benjamin", "", "Rojas", "", "42 Birch St"),
    ("530512107", "Edwin", "", "Park", "1980-05-05", "43 Birch St"),
    ("530512108", "Melanie", "", "Voss", "1992-06-06", "44 Birch St"),
    ("530512109", "Victoria", "", "Mena", "", "45 Birch St"),
]


def test_a_nickname_two_names_of_a_household_share(tmp_path: Path) -> None:
    decide_batch(tmp_path, _SHARERS, {
        "K1": (dict(first_name="MANNY", last_name="ORTEGA", street="40 BIRCH ST"), SAFE, ""),
        "K2": (dict(first_name="VIC", last_name="SALAS", street="41 BIRCH ST"), SAFE, ""),
        "K3": (dict(first_name="BENNY", last_name="ROJAS", street="42 BIRCH ST"), SAFE, ""),
        # alone at the address, the nickname is the person's
        "K4": (dict(first_name="VIC", last_name="MENA", street="45 BIRCH ST"),
               ("DISCLOSE",), "530512109"),
        "K5": (dict(first_name="EDDIE", last_name="PARK", street="43 BIRCH ST"),
               ("DISCLOSE",), "530512107"),
        "K6": (dict(first_name="MEL", last_name="VOSS", street="44 BIRCH ST"),
               ("DISCLOSE",), "530512108"),
    }, "ICE-2026-530521")
