"""A Spanish given name written in English on the request (MARY for MARIA, GEORGE for
JORGE), end to end (issue 5). Audit 19, an independent generator, sent most such due
requests without a date of birth to review; they disclose now when everything else of the
name agrees and nothing else points elsewhere (compare._one_name_translated). Never the
other way round (MIGUEL asked for at MICHAEL's address: `dgate evaluate` disclosed such
strangers when either way counted), nor the other sex's form, nor one given name of the
record's two, nor against a date of birth, nor past the exact name borne elsewhere.
Synthetic people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import Cases, decide_each, home_with

_TAMPA = ("Tampa", "FL", "33602", "RETURN", "2025", "2026-02-26")
_RESIDENTS = [
    ("530910001", "Maria", "", "Rodriguez Leal", "1971-02-03"),
    ("530910002", "Jorge", "", "Zaragoza Mendez", "1965-04-05"),
    ("530910003", "Michael", "", "Kingsley", "1980-06-07"),
    ("530910004", "Maria Guadalupe", "", "Almanza Ruiz", "1975-08-09"),
    ("530910005", "Miguel", "", "Ochoa Villa", "1969-10-11"),
    ("530910006", "Carlos", "", "Benitez Solis", "1972-12-13"),
    ("530910007", "Miguel", "", "Pardo Ibarra", "1983-01-14"),
    ("530910008", "Jose", "Luis", "Quintero Arce", "1978-03-15"),
]


def _at(n: int, first: str, last: str, **more: str) -> dict[str, str]:
    return dict(first_name=first, last_name=last, street=f"{31 + 2 * n} PALM AVE",
                city="TAMPA", state="FL", zip="33602", **more)


def test_a_given_name_anglicized_on_the_request(tmp_path: Path) -> None:
    taxpayers = [(tin, "SSN", first, middle, last, "", dob, "")
                 for tin, first, middle, last, dob in _RESIDENTS]
    addresses = [(tin, f"{31 + 2 * n} Palm Ave", "", *_TAMPA)
                 for n, (tin, *_) in enumerate(_RESIDENTS)]
    # MICHAEL OCHOA VILLA, the exact name, lives elsewhere
    taxpayers.append(("530919001", "SSN", "Michael", "", "Ochoa Villa", "", "1990-05-05", ""))
    addresses.append(("530919001", "900 Bay St", "", "Miami", "FL", "33130", "RETURN",
                      "2025", "2026-02-26"))
    home, key = home_with(tmp_path, taxpayers, addresses)
    cases: Cases = {
        "A1": (_at(0, "MARY", "RODRIGUEZ LEAL"), "DISCLOSE", "530910001"),
        "A2": (_at(1, "GEORGE", "ZARAGOZA MENDEZ"), "DISCLOSE", "530910002"),
        # JOE for JOSE, the second given name his own
        "A3": (_at(7, "JOE", "QUINTERO ARCE", middle_name="LUIS"), "DISCLOSE", "530910008"),
        # the other way round: nobody makes MICHAEL KINGSLEY a MIGUEL
        "N1": (_at(2, "MIGUEL", "KINGSLEY"), "REVIEW|NOT_DISCLOSED", ""),
        # one given name of her two
        "N2": (_at(3, "MARY", "ALMANZA RUIZ"), "REVIEW|NOT_DISCLOSED", ""),
        # the exact name is borne elsewhere
        "N3": (_at(4, "MICHAEL", "OCHOA VILLA"), "REVIEW|NOT_DISCLOSED", ""),
        # a date of birth that is not his
        "N4": (_at(5, "CHARLES", "BENITEZ SOLIS", date_of_birth="1955-07-21"),
               "NOT_DISCLOSED", ""),
        # the other sex's name
        "N5": (_at(6, "MICHELLE", "PARDO IBARRA"), "REVIEW|NOT_DISCLOSED", ""),
        # one surname of two
        "N6": (_at(0, "MARY", "RODRIGUEZ"), "REVIEW|NOT_DISCLOSED", ""),
    }
    decide_each(home, key, tmp_path, {}, cases, 2301)
