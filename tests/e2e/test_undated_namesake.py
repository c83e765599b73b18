"""A namesake at the requested address whose record holds no date of birth.

Audits 21, 22 and 23 (each written from the contract alone) listed the same shape apart from
their clear-cut findings: JORGE OKAFOR born 1997-05-08 asked at an apartment where JORGE
OKAFOR born 1997-05-08 lives with another JORGE OKAFOR whose record holds no date (living,
or dead). dgate disclosed the dated one (M_MATCH): the date makes him the likelier by far.
The contract's M_AMBIGUOUS is "more than one taxpayer plausibly matches", and nothing on file
says the undated one was born on another day: a person now decides (REVIEW,
`undated_namesake`, policy._undated_namesake), and may disclose. Where a field the undated
record does hold tells the two apart (a generation, a conflicting middle name) or the TIN
settles it, it is disclosed as before. Every person here is invented; each case runs through
the real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, decide_each, dgate, home_with

PLACE = ("Newark", "NJ", "07102", "RETURN", "2025", "2026-02-26")
TAXPAYERS = [
    # two JORGE OKAFORs at one apartment, one undated and living
    ("530370001", "SSN", "Jorge", "", "Okafor", "", "1997-05-08", ""),
    ("530370002", "SSN", "Jorge", "", "Okafor", "", "", ""),
    # two IVAN ROJAS at one house, the undated one dead
    ("530370003", "SSN", "Ivan", "", "Rojas", "", "1991-03-20", ""),
    ("530370004", "SSN", "Ivan", "", "Rojas", "", "", "2023-03-03"),
    # the undated one names a generation the dated one's record does not
    ("530370005", "SSN", "Ignacio", "", "Quezada", "", "1958-03-14", ""),
    ("530370006", "SSN", "Ignacio", "", "Quezada", "JR", "", ""),
    # the undated one's middle name conflicts with the request's
    ("530370007", "SSN", "Tomas", "Andres", "Ibarra", "", "1984-11-02", ""),
    ("530370008", "SSN", "Tomas", "Luis", "Ibarra", "", "", ""),
    # alone at the address, undated namesake elsewhere in the city
    ("530370009", "SSN", "Nadia", "", "Ferraz", "", "1979-07-30", ""),
    ("530370010", "SSN", "Nadia", "", "Ferraz", "", "", ""),
]
ADDRESSES = [(t, street, unit, *PLACE) for t, street, unit in (
    ("530370001", "9057 Grand Ln", "Apt 9"), ("530370002", "9057 Grand Ln", "Apt 9"),
    ("530370003", "6916 E Lincoln Dr", ""), ("530370004", "6916 E Lincoln Dr", ""),
    ("530370005", "305 W Agarita Ave", ""), ("530370006", "305 W Agarita Ave", ""),
    ("530370007", "41 Orchard St", ""), ("530370008", "41 Orchard St", ""),
    ("530370009", "12 Ferry St", ""), ("530370010", "880 Broad St", ""))]
CITY = {"city": "NEWARK", "state": "NJ", "zip": "07102"}
JORGE = dict(CITY, first_name="JORGE", last_name="OKAFOR", street="9057 GRAND LN",
             unit="APT 9", date_of_birth="1997-05-08")


def test_a_namesake_that_lacks_only_the_date_sends_the_request_to_a_person(tmp_path: Path
                                                                          ) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    decide_each(home, key, tmp_path, CITY, {
        # were DISCLOSE (M_MATCH) of the dated one
        "U1": (dict(JORGE), "REVIEW", ""),
        "U2": (dict(first_name="IVAN", last_name="ROJAS", street="6916 E LINCOLN DR",
                    date_of_birth="1991-03-20"), "REVIEW", ""),
        # day and month swapped: the dated one still only the likelier
        "U3": (dict(JORGE, date_of_birth="1997-08-05"), "REVIEW", ""),
        # the TIN settles it
        "U4": (dict(JORGE, tin="530370001"), "DISCLOSE", "530370001"),
        # the JR is not born on his namesake's day
        "U5": (dict(first_name="IGNACIO", last_name="QUEZADA", street="305 W AGARITA AVE",
                    date_of_birth="1958-03-14"), "DISCLOSE", "530370005"),
        # TOMAS ANDRES asked: the undated TOMAS LUIS is told apart by his middle name
        "U6": (dict(first_name="TOMAS", middle_name="ANDRES", last_name="IBARRA",
                    street="41 ORCHARD ST", date_of_birth="1984-11-02"), "DISCLOSE",
               "530370007"),
        # the undated namesake lives elsewhere: the address tells them apart
        "U7": (dict(first_name="NADIA", last_name="FERRAZ", street="12 FERRY ST",
                    date_of_birth="1979-07-30"), "DISCLOSE", "530370009"),
    }, 3700, alone=True)


def test_the_reviewer_sees_why_and_may_disclose(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    got = decide(home, key, tmp_path, [dict(JORGE, request_id="U1")], "ICE-2026-370100")
    assert (got["U1"]["disposition"], got["U1"]["reason_codes"]) == ("REVIEW", "M_REVIEW")
    listed = dgate(home, "review", "list", "ICE-2026-370100", user="rev").out.splitlines()[1:]
    assert len(listed) == 1 and "undated_namesake" in listed[0].split()[-1], listed
    item = listed[0].split()[0]
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", "ICE-2026-370100", user=officer).code == 0
    out = tmp_path / "out.csv"
    assert dgate(home, "batch", "release", "ICE-2026-370100", "--out", str(out),
                 user="off1").code == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("U1,DISCLOSED,,9057 Grand")
