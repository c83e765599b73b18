"""Three name forms an acceptance audit (audit 11) found disclosing the wrong person, end to
end: a second given name written in the first-name field that contradicts the taxpayer's
(JUAN PABLO at the address of his brother JUAN CARLOS), a one-letter slip from a given name
our lists do not know (RAKESH at RAJESH's address), and a second surname one slip or one
Jaro-Winkler step from the taxpayer's (JOSE GARCIA LOPEZ at his father JOSE GARCIA PEREZ's
address). Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import SAFE, Batch, decide_batch

# (tin, first, middle, last, dob, street)
_PEOPLE = [
    ("530311001", "Juan Carlos", "", "Armendariz", "", "10 Aspen St"),
    ("530311002", "Thi Hoa", "", "Nguyen", "1991-02-03", "11 Aspen St"),
    ("530311003", "Maria de los Angeles", "", "Fuentes", "", "12 Aspen St"),
    ("530311004", "Juan Carlos", "", "Hernandez", "", "13 Aspen St"),
    ("530311005", "Juan Pablo", "", "Hernandez", "", "13 Aspen St"),
    ("530311006", "Rajesh", "", "Patel", "1980-06-06", "20 Aspen St"),
    ("530311007", "Thang", "", "Vo", "", "21 Aspen St"),
    ("530311008", "Samia", "", "Haddad", "", "22 Aspen St"),
    ("530311009", "Jose", "", "Garcia Perez", "1960-01-01", "30 Aspen St"),
    ("530311010", "Luis", "", "Torres Fernandez", "", "31 Aspen St"),
    ("530311011", "Adriana", "", "Castro Pacheco", "", "32 Aspen St"),
    ("530311012", "Carlos", "", "Rivera Martinez", "", "33 Aspen St"),
    ("530311013", "Miguel", "Angel", "Salinas", "", "34 Aspen St"),
    ("530311014", "Carol", "", "Holland", "", "23 Aspen St"),
    ("530311015", "Gerald", "", "Foster", "", "24 Aspen St"),
]


def _run(tmp: Path, cases: Batch, batch: str) -> None:
    decide_batch(tmp, _PEOPLE, cases, batch)


def test_a_contradicting_second_given_name_in_the_first_name_field(tmp_path: Path) -> None:
    # W1: JUAN PABLO took the address of JUAN CARLOS, the only taxpayer there, and THI LAN
    # that of THI HOA with the twins' shared date of birth; written across the first and
    # middle fields the same names went to a person already. R1: with both brothers at the
    # address, JUAN PABLO was M_AMBIGUOUS.
    _run(tmp_path, {
        "C1": (dict(first_name="JUAN PABLO", last_name="ARMENDARIZ", street="10 ASPEN ST"),
               SAFE, ""),
        "C3": (dict(first_name="THI LAN", last_name="NGUYEN", street="11 ASPEN ST",
                    date_of_birth="1991-02-03"), SAFE, ""),
        "C4": (dict(first_name="MARIA DEL CARMEN", last_name="FUENTES", street="12 ASPEN ST"),
               SAFE, ""),
        "C5": (dict(first_name="JUAN PABLO", last_name="HERNANDEZ", street="13 ASPEN ST"),
               ("DISCLOSE",), "530311005"),
        # the same given names laid out over the fields otherwise are the same name
        "C8": (dict(first_name="MIGUEL ANGEL", last_name="SALINAS", street="34 ASPEN ST"),
               ("DISCLOSE",), "530311013"),
        "S2": (dict(first_name="JOSE", last_name="GARCIA-LOPEZ", street="30 ASPEN ST",
                    date_of_birth="1960-01-01"), ("NOT_DISCLOSED",), ""),
        # (one request per person and batch: the same name twice is R_DUPLICATE)
        "G4": (dict(first_name="RAKESH", last_name="PATEL", street="20 ASPEN ST",
                    date_of_birth="1980-06-06"), ("DISCLOSE",), "530311006"),
    }, "ICE-2026-311001")
    # one side shorter is no contradiction (a batch of its own: after JUAN PABLO at the
    # address, JUAN is JUAN PABLO asked again, R_DUPLICATE, as after JUAN / PABLO: r40)
    _run(tmp_path / "c6", {
        "C6": (dict(first_name="JUAN", last_name="ARMENDARIZ", street="10 ASPEN ST"),
               ("DISCLOSE",), "530311001"),
    }, "ICE-2026-311009")


def test_a_given_name_slip_that_nothing_vouches_for(tmp_path: Path) -> None:
    # W2: RAKESH at RAJESH's address, THANH at THANG's, SAMIR at SAMIA's were disclosed as
    # typos; the lists know none of the taxpayers' names, so a person decides, unless the
    # exact date of birth or the TIN settles it.
    _run(tmp_path, {
        "G1": (dict(first_name="RAKESH", last_name="PATEL", street="20 ASPEN ST"), SAFE, ""),
        "G2": (dict(first_name="THANH", last_name="VO", street="21 ASPEN ST"), SAFE, ""),
        "G3": (dict(first_name="SAMIR", last_name="HADDAD", street="22 ASPEN ST"), SAFE, ""),
        # audit 12: two established names one slip apart (CARL at CAROL's, GERARD at
        # GERALD's) were disclosed too
        "G6": (dict(first_name="CARL", last_name="HOLLAND", street="23 ASPEN ST"), SAFE, ""),
        "G7": (dict(first_name="GERARD", last_name="FOSTER", street="24 ASPEN ST"), SAFE, ""),
        # a slip of an established name still discloses (ADRIANA / ADRAINA)
        "G5": (dict(first_name="ADRAINA", last_name="CASTRO PACHECO", street="32 ASPEN ST"),
               ("DISCLOSE",), "530311011"),
        # the TIN alone no longer settles a contradicting second given name: it may be a
        # sister's (red team r23), and this record holds no date of birth to settle it
        # with (THI LAN / THI HOA were the case until session 20, when THI came to be read
        # as the middle name it is: LAN and HOA are the given names, and differ outright)
        "C7": (dict(first_name="MARIA DEL CARMEN", last_name="FUENTES", street="12 ASPEN ST",
                    tin="530311003"), SAFE, ""),
    }, "ICE-2026-311101")


def test_a_different_second_surname_is_another_person(tmp_path: Path) -> None:
    # W3: JOSE GARCIA LOPEZ took his father JOSE GARCIA PEREZ's address (Jaro-Winkler of
    # the surnames written together), LUIS TORRES HERNANDEZ took LUIS TORRES FERNANDEZ's
    # (one letter apart, both common surnames). A slip that takes a later surname's first
    # letter (CASTRO IACHECO) is still a slip.
    _run(tmp_path, {
        "C2": (dict(first_name="JUAN", middle_name="PABLO", last_name="ARMENDARIZ",
                    street="10 ASPEN ST"), SAFE, ""),
        "S1": (dict(first_name="JOSE", last_name="GARCIA LOPEZ", street="30 ASPEN ST"),
               ("NOT_DISCLOSED",), ""),
        "S3": (dict(first_name="LUIS", last_name="TORRES HERNANDEZ", street="31 ASPEN ST"),
               ("NOT_DISCLOSED",), ""),
        "S4": (dict(first_name="CARLOS", last_name="RIVERA RAMIREZ", street="33 ASPEN ST"),
               ("NOT_DISCLOSED",), ""),
        "S5": (dict(first_name="ADRIANA", last_name="CASTRO-IACHECO", street="32 ASPEN ST"),
               ("DISCLOSE",), "530311011"),
        "S6": (dict(first_name="JOSE", last_name="GARCIA PEREZ", street="30 ASPEN ST"),
               ("DISCLOSE",), "530311009"),
    }, "ICE-2026-311201")
