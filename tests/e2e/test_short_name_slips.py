"""A four-letter given name with one letter changed, two neighbours swapped or one left out
(GARH or GRY for GARY, TOYN for TONY, RAU for RAUL): audit 20 (sessions 18 and 19) found
such requests M_ADDRESS_ONLY at the
person's own address with the exact date of birth. Disclosed only with that date, only
where the requested word is no name any list holds and no taxpayer bears it, never where
the taxpayer's own record is the unlisted word (twins: NINA asked at NIKA's address with
their date of birth, helper-44's review of session 18). Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import SAFE, decide_batch

_PEOPLE = [
    ("530321001", "Gary", "", "Adamczyk", "1952-06-24", "60 Elm St"),
    ("530321002", "Tony", "Na", "Dengler", "1976-07-03", "61 Elm St"),
    ("530321003", "Nika", "", "Orlowska", "1990-02-02", "62 Elm St"),
    ("530321004", "Luis", "", "Barranquilla", "1967-05-18", "63 Elm St"),
    # a taxpayer elsewhere bears the word LUIX as a given name: it is a name, not a slip
    ("530321005", "Luix", "", "Ferreira", "", "900 Oak St"),
    ("530321006", "Emil", "", "Hodzicka", "", "64 Elm St"),
    ("530321007", "Gary", "", "Kowalczyk", "1961-01-09", "65 Elm St"),
    ("530321008", "Raul", "", "Buiten", "1958-07-21", "66 Elm St"),
    ("530321011", "Hung", "Van", "Buiten", "1962-02-02", "70 Elm St"),
    ("530321009", "Omar", "", "Villalobar", "1953-01-07", "67 Elm St"),
    ("530321010", "Eric", "", "Lindqvist", "1980-08-08", "68 Elm St"),
]


def test_a_short_name_slip_with_the_date_of_birth(tmp_path: Path) -> None:
    decide_batch(tmp_path, _PEOPLE, {
        "F1": (dict(first_name="GARH", last_name="ADAMCZYK", street="60 ELM ST",
                    date_of_birth="1952-06-24"), ("DISCLOSE",), "530321001"),
        "F2": (dict(first_name="TOYN", middle_name="NA", last_name="DENGLER",
                    street="61 ELM ST", date_of_birth="1976-07-03"),
               ("DISCLOSE",), "530321002"),
        # a letter left out of a four-letter name
        "F3": (dict(first_name="RAU", last_name="BUITEN", street="66 ELM ST",
                    date_of_birth="1958-07-21"), ("DISCLOSE",), "530321008"),
        # a name our lists hold rarely (HUNG): a slip of it is a rhyming name as often
        "N6": (dict(first_name="HNG", middle_name="VAN", last_name="BUITEN",
                    street="70 ELM ST", date_of_birth="1962-02-02"), SAFE, ""),
        "F4": (dict(first_name="OMR", last_name="VILLALOBAR", street="67 ELM ST",
                    date_of_birth="1953-01-07"), ("DISCLOSE",), "530321009"),
        # ERICA is a name of its own, not ERIC mistyped: a sister's, with the twins' date
        "N5": (dict(first_name="ERICA", last_name="LINDQVIST", street="68 ELM ST",
                    date_of_birth="1980-08-08"), SAFE, ""),
        # without the date of birth a person decides
        "N1": (dict(first_name="GARH", last_name="KOWALCZYK", street="65 ELM ST"), SAFE, ""),
        # the taxpayer's record is the unlisted word: a twin's name, the same date of birth
        "N2": (dict(first_name="NINA", last_name="ORLOWSKA", street="62 ELM ST",
                    date_of_birth="1990-02-02"), SAFE, ""),
        # the requested word is borne by another taxpayer
        "N3": (dict(first_name="LUIX", last_name="BARRANQUILLA", street="63 ELM ST",
                    date_of_birth="1967-05-18"), SAFE, ""),
        # EMIR is a name our lists lack: without the date of birth never his
        "N4": (dict(first_name="EMIR", last_name="HODZICKA", street="64 ELM ST"), SAFE, ""),
    }, "ICE-2026-321001")
