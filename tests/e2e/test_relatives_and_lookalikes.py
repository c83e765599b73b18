"""Relatives and look-alikes an acceptance audit (audit 12) found disclosed, end to end,
each the only taxpayer at the requested address: a middle name one letter from the
taxpayer's (NOEL ERWIN DIZON at NOEL EDWIN DIZON's address: a father and son, two sisters),
a short surname one letter from another family's (SALEH / SALEM, ZHOU / ZHU, BAE / BAEK),
DAS taken for a particle (AMIT SINGH DAS at AMIT SINGH VERMA's address) and VALERA read as
a slip of VALERIA. Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import SAFE, Batch, decide_batch

# (tin, first, middle, last, dob, street)
_PEOPLE = [
    ("530312001", "Noel", "Edwin", "Dizon", "1975-04-04", "10 Birch St"),
    ("530312002", "Luis", "Jose", "Carranza", "", "11 Birch St"),
    ("530312003", "Kevin", "Brent", "Holt", "", "12 Birch St"),
    ("530312004", "Minh", "Hang", "Phan", "", "13 Birch St"),
    ("530312005", "Amit", "Rajesh", "Mehta", "", "14 Birch St"),
    ("530312006", "Dalia", "", "Salem", "1988-08-08", "20 Birch St"),
    ("530312007", "Yu", "", "Zhu", "", "21 Birch St"),
    ("530312008", "Jin Woo", "", "Baek", "", "22 Birch St"),
    ("530312009", "Wei", "", "Zhang", "", "23 Birch St"),
    ("530312010", "Amit", "", "Singh Verma", "", "30 Birch St"),
    ("530312011", "Raj", "", "Bose Singh", "", "31 Birch St"),
    ("530312012", "Ana", "", "Neves", "", "32 Birch St"),
    ("530312013", "Valeria", "", "Smirnov", "", "40 Birch St"),
    ("530312014", "Linda", "Martha", "Barnes", "", "15 Birch St"),
    ("530312015", "Mohammed", "", "Iqbal", "", "50 Birch St"),
    ("530312016", "Yousef", "", "Demir", "", "51 Birch St"),
]


def _run(tmp: Path, cases: Batch, batch: str) -> None:
    decide_batch(tmp, _PEOPLE, cases, batch)


def test_a_middle_name_one_letter_from_another_name(tmp_path: Path) -> None:
    # N1: a father and son, two sisters, share the given name and surname; the middle
    # names one letter apart were read as a slip and the only resident disclosed
    _run(tmp_path, {
        "M1": (dict(first_name="NOEL", middle_name="ERWIN", last_name="DIZON",
                    street="10 BIRCH ST"), SAFE, ""),
        "M2": (dict(first_name="LUIS", middle_name="JOSUE", last_name="CARRANZA",
                    street="11 BIRCH ST"), SAFE, ""),
        "M3": (dict(first_name="KEVIN", middle_name="BRETT", last_name="HOLT",
                    street="12 BIRCH ST"), SAFE, ""),
        "M4": (dict(first_name="MINH", middle_name="HOANG", last_name="PHAN",
                    street="13 BIRCH ST"), SAFE, ""),
        "M5": (dict(first_name="AMIT", middle_name="RAKESH", last_name="MEHTA",
                    street="14 BIRCH ST"), SAFE, ""),
        # the middle name written in the first-name field reads the same
        "M6": (dict(first_name="LINDA MARSHA", last_name="BARNES", street="15 BIRCH ST"),
               SAFE, ""),
    }, "ICE-2026-312001")


def test_a_middle_name_slip_that_something_settles(tmp_path: Path) -> None:
    _run(tmp_path, {
        # the exact date of birth settles it, as the TIN would
        "K1": (dict(first_name="NOEL", middle_name="ERWIN", last_name="DIZON",
                    street="10 BIRCH ST", date_of_birth="1975-04-04"),
               ("DISCLOSE",), "530312001"),
        "K2": (dict(first_name="LUIS", middle_name="JOSUE", last_name="CARRANZA",
                    street="11 BIRCH ST", tin="530312002"), ("DISCLOSE",), "530312002"),
        # a slip into no name of an established middle name is a slip
        "K3": (dict(first_name="KEVIN", middle_name="BERNT", last_name="HOLT",
                    street="12 BIRCH ST"), ("DISCLOSE",), "530312003"),
        # a middle name left out, or its initial, is no slip at all
        "K4": (dict(first_name="MINH", last_name="PHAN", street="13 BIRCH ST"),
               ("DISCLOSE",), "530312004"),
        "K5": (dict(first_name="AMIT", middle_name="R", last_name="MEHTA",
                    street="14 BIRCH ST"), ("DISCLOSE",), "530312005"),
        # (a surname slip into another family's name, SALEH / SALEM: the date of birth
        # settles it too; one request per name and batch)
        "S5": (dict(first_name="DALIA", last_name="SALEH", street="20 BIRCH ST",
                    date_of_birth="1988-08-08"), ("DISCLOSE",), "530312006"),
    }, "ICE-2026-312101")


def test_a_short_surname_one_letter_from_another_family(tmp_path: Path) -> None:
    # N2: romanized one-syllable surnames one letter apart are different families
    # (the 1990 Census counted few of them, under the common-surname threshold)
    _run(tmp_path, {
        "S1": (dict(first_name="DALIA", last_name="SALEH", street="20 BIRCH ST"), SAFE, ""),
        "S2": (dict(first_name="YU", last_name="ZHOU", street="21 BIRCH ST"), SAFE, ""),
        "S3": (dict(first_name="JIN WOO", last_name="BAE", street="22 BIRCH ST"), SAFE, ""),
        "S4": (dict(first_name="WEI", last_name="ZHENG", street="23 BIRCH ST"), SAFE, ""),
    }, "ICE-2026-312201")


def test_das_is_a_surname(tmp_path: Path) -> None:
    # N3: DAS dropped as a particle made SINGH DAS a SINGH, a part of SINGH VERMA
    _run(tmp_path, {
        "D1": (dict(first_name="AMIT", last_name="SINGH DAS", street="30 BIRCH ST"),
               ("NOT_DISCLOSED",), ""),
        "D2": (dict(first_name="RAJ", last_name="DAS SINGH", street="31 BIRCH ST"),
               ("NOT_DISCLOSED",), ""),
        # the Portuguese DAS NEVES against NEVES is a surname part dropped, as before
        "D3": (dict(first_name="ANA", last_name="DAS NEVES", street="32 BIRCH ST"),
               ("DISCLOSE",), "530312012"),
        "D4": (dict(first_name="AMIT", last_name="SINGH VERMA", street="30 BIRCH ST"),
               ("DISCLOSE",), "530312010"),
    }, "ICE-2026-312301")


def test_valera_is_not_valeria(tmp_path: Path) -> None:
    # N4: VALERA (VALERY's diminutive, a man) was read as a slip of VALERIA
    _run(tmp_path, {
        "V1": (dict(first_name="VALERA", last_name="SMIRNOV", street="40 BIRCH ST"), SAFE, ""),
        "V2": (dict(first_name="VALERIA", last_name="SMIRNOV", street="40 BIRCH ST",
                    date_of_birth=""), ("DISCLOSE",), "530312013"),
    }, "ICE-2026-312401")


def test_one_arabic_name_in_another_latin_spelling_is_the_same_name(tmp_path: Path) -> None:
    # audit 11, R2: MUHAMMAD IQBAL at MOHAMMED IQBAL's address was M_ADDRESS_ONLY, a due
    # request refused
    _run(tmp_path, {
        "A1": (dict(first_name="MUHAMMAD", last_name="IQBAL", street="50 BIRCH ST"),
               ("DISCLOSE",), "530312015"),
        "A2": (dict(first_name="YUSUF", last_name="DEMIR", street="51 BIRCH ST"),
               ("DISCLOSE",), "530312016"),
    }, "ICE-2026-312301")
