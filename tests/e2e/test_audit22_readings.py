"""Session 26: audit 22's address readings, end to end through the CLI. Each was a due
request refused or rejected though it names the person's house; the controls show what
must still be refused. Synthetic people.

- SO after a Utah grid number is SOUTH: "687 W 300 SO" against the master's "687 W 300 S"
  was M_NAME_ONLY (street "300 SO").
- A Puerto Rico kilometre with its hectometre: "CARR 14 KM 9 HM 2" is the marker 9.2; read
  as house 9 it was at most a slip of the master's "CARR 14 KM 9.2" (review).
- A grid street with its axis left out: "3222 E 1900" (the master's "3222 E 1900 N") was
  R_ADDRESS_INCOMPLETE. It is an address now, and at most a slip: 1900 N and 1900 S are
  two streets with a house 3222 E each, so the exact date of birth or the TIN settles it,
  else a person does.
- A street's type left out where its name ends in a type word: "5362 E LOMA VISTA" (read
  LOMA, type VIS) against the master's "5362 E LOMA VISTA BLVD" was M_NAME_ONLY.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide_each, home_with

_ROW = ("RETURN", "2025", "2026-02-26")
_NOT = "NOT_DISCLOSED"


def test_so_after_a_grid_number_is_south(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("826260001", "SSN", "Hermenegildo", "", "Ivarsdottir", "", "1961-05-04", ""),
        ("826260002", "SSN", "Philomena", "", "Quackenbush", "", "1958-03-02", ""),
    ], [
        ("826260001", "687 W 300 S", "", "Salt Lake City", "UT", "84104", *_ROW),
        ("826260002", "4383 W 700 SO", "", "Provo", "UT", "84601", *_ROW),
    ])
    slc = dict(first_name="HERMENEGILDO", last_name="IVARSDOTTIR", city="SALT LAKE CITY",
               state="UT", zip="84104")
    provo = dict(first_name="PHILOMENA", last_name="QUACKENBUSH", city="PROVO", state="UT",
                 zip="84601")
    decide_each(home, key, tmp_path, {}, {
        "S1": (dict(slc, street="687 W 300 SO"), "DISCLOSE", "826260001"),
        "S2": (dict(slc, street="687 w 300 so"), "DISCLOSE", "826260001"),
        # the master writes SO, the request S or SOUTH
        "S3": (dict(provo, street="4383 W 700 S"), "DISCLOSE", "826260002"),
        "S4": (dict(provo, street="4383 WEST 700 SOUTH"), "DISCLOSE", "826260002"),
        # controls: another quadrant or grid number is another street
        "S5": (dict(slc, street="687 W 300 NO"), _NOT, ""),
        "S6": (dict(slc, street="687 W 300 N"), _NOT, ""),
        "S7": (dict(slc, street="687 E 300 SO"), _NOT, ""),
        "S8": (dict(slc, street="687 W 400 SO"), _NOT, ""),
    }, 262001)


def test_a_kilometre_and_its_hectometre(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("826260011", "SSN", "Wilfredo", "", "Colon Ortiz", "", "1970-01-02", ""),
        ("826260012", "SSN", "Migdalia", "", "Rosado Vega", "", "1981-03-04", ""),
        ("826260013", "SSN", "Migdalia", "", "Rosado Vega", "", "1990-05-06", ""),
    ], [
        ("826260011", "CARR 14 KM 9.2", "", "CAYEY", "PR", "00736", *_ROW),
        # namesakes along one road: KM 4 and KM 4.5 are two houses
        ("826260012", "CARR 14 KM 4 HM 5", "", "CAYEY", "PR", "00736", *_ROW),
        ("826260013", "CARR 14 KM 4", "", "CAYEY", "PR", "00736", *_ROW),
    ])
    base = dict(city="CAYEY", state="PR", zip="00736")
    wilfredo = dict(first_name="WILFREDO", last_name="COLON ORTIZ")
    migdalia = dict(first_name="MIGDALIA", last_name="ROSADO VEGA")
    decide_each(home, key, tmp_path, base, {
        "K1": (dict(wilfredo, street="CARR 14 KM 9 HM 2"), "DISCLOSE", "826260011"),
        "K2": (dict(wilfredo, street="CARRETERA 14 KM 9 HM 2"), "DISCLOSE", "826260011"),
        "K3": (dict(migdalia, street="CARR 14 KM 4.5"), "DISCLOSE", "826260012"),
        "K4": (dict(migdalia, street="CARR 14 KM 4 HM 5"), "DISCLOSE", "826260012"),
        "K5": (dict(migdalia, street="CARR 14 KM 4 HM 0"), "DISCLOSE", "826260013"),
        # controls: another marker of the road
        "K6": (dict(wilfredo, street="CARR 14 KM 9 HM 3"), "REVIEW|NOT_DISCLOSED", ""),
        "K7": (dict(wilfredo, street="CARR 14 KM 2 HM 9"), _NOT, ""),
    }, 262101)


def test_a_grid_street_with_its_axis_left_out(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("826260021", "SSN", "Nicanora", "", "Rutherford", "", "1958-03-02", ""),
        ("826260022", "SSN", "Osvaldo", "", "Stanworth", "", "1966-06-06", ""),
        ("826260023", "SSN", "Prudencio", "", "Tremaine", "", "1971-07-01", ""),
        # namesakes at one house of 1900 N and 1900 S
        ("826260024", "SSN", "Quiteria", "", "Umberson", "", "1980-01-01", ""),
        ("826260025", "SSN", "Quiteria", "", "Umberson", "", "1985-05-05", ""),
        ("826260026", "SSN", "Teodora", "", "Ybarra", "", "1977-07-07", ""),
    ], [
        ("826260021", "3222 E 1900 N", "", "Provo", "UT", "84604", *_ROW),
        ("826260022", "3222 E 1900 S", "", "Provo", "UT", "84604", *_ROW),
        ("826260023", "1755 N 3900 W", "", "Provo", "UT", "84601", *_ROW),
        ("826260024", "4100 W 800 N", "", "Provo", "UT", "84601", *_ROW),
        ("826260025", "4100 W 800 S", "", "Provo", "UT", "84601", *_ROW),
        ("826260026", "1500 NW 19th Ave", "", "Miami", "FL", "33125", *_ROW),
    ])
    provo = dict(city="PROVO", state="UT", zip="84604")
    nicanora = dict(provo, first_name="NICANORA", last_name="RUTHERFORD")
    prudencio = dict(provo, first_name="PRUDENCIO", last_name="TREMAINE", zip="84601")
    quiteria = dict(provo, first_name="QUITERIA", last_name="UMBERSON", zip="84601")
    teodora = dict(first_name="TEODORA", last_name="YBARRA", city="MIAMI", state="FL",
                   zip="33125")
    decide_each(home, key, tmp_path, {}, {
        # the ZIP holds 3222 E 1900 N (Nicanora) and 3222 E 1900 S (Osvaldo): the line
        # names either; the exact date of birth or the TIN says whose
        "G1": (dict(nicanora, street="3222 E 1900"), "REVIEW", ""),
        "G2": (dict(nicanora, street="3222 E 1900", date_of_birth="1958-03-02"), "DISCLOSE",
               "826260021"),
        "G3": (dict(nicanora, street="3222 EAST 1900", tin="826-26-0021"), "DISCLOSE",
               "826260021"),
        # one grid street alone: still a slip, and the date of birth settles it
        "G4": (dict(prudencio, street="1755 NORTH 3900"), "REVIEW", ""),
        "G5": (dict(prudencio, street="1755 N 3900", date_of_birth="1971-07-01"),
               "DISCLOSE", "826260023"),
        # namesakes on 800 N and 800 S: never one of them without the date
        "G6": (dict(quiteria, street="4100 W 800"), "REVIEW|NOT_DISCLOSED", ""),
        "G7": (dict(quiteria, street="4100 W 800", date_of_birth="1985-05-05"), "DISCLOSE",
               "826260025"),
        # controls: written whole; another axis, quadrant or house; no directional at all
        "G8": (dict(nicanora, street="3222 E 1900 N"), "DISCLOSE", "826260021"),
        "G9": (dict(nicanora, street="3222 E 1900 S"), _NOT, ""),
        "G10": (dict(nicanora, street="3222 W 1900"), _NOT, ""),
        "G11": (dict(nicanora, street="3290 E 1900", date_of_birth="1958-03-02"), _NOT, ""),
        "G12": (dict(nicanora, street="3222 1900"), "REJECTED", ""),
        # a bare number after a directional read as a street with a type (Miami's NW 19
        # ST, AVE, CT and TER share house numbers): at most a slip
        "G13": (dict(teodora, street="1500 NW 19"), "REVIEW", ""),
        "G14": (dict(teodora, street="1500 NW 19", date_of_birth="1977-07-07"), "DISCLOSE",
                "826260026"),
        "G15": (dict(teodora, street="1500 NW 19 AVE"), "DISCLOSE", "826260026"),
    }, 262201)


def test_a_type_left_out_after_a_type_word(tmp_path: Path) -> None:
    home, key = home_with(tmp_path, [
        ("826260031", "SSN", "Leocadia", "", "Fitzwarren", "", "1966-06-06", ""),
        ("826260032", "SSN", "Dionysius", "", "Ethelridge", "", "1975-07-07", ""),
        ("826260033", "SSN", "Dionysius", "", "Ethelridge", "", "1979-09-09", ""),
        ("826260034", "SSN", "Serafina", "", "Winthrop", "", "1969-09-09", ""),
    ], [
        ("826260031", "5362 E Loma Vista Blvd", "APT 1", "Phoenix", "AZ", "85032", *_ROW),
        # namesakes at 88 BUENA VISTA DR and 88 BUENA VISTA, a street of its own in 85033
        ("826260032", "88 Buena Vista Dr", "", "Phoenix", "AZ", "85033", *_ROW),
        ("826260033", "88 Buena Vista", "", "Phoenix", "AZ", "85033", *_ROW),
        ("826260034", "400 Main St Ext", "", "Phoenix", "AZ", "85032", *_ROW),
    ])
    phx = dict(city="PHOENIX", state="AZ", zip="85032")
    leocadia = dict(phx, first_name="LEOCADIA", last_name="FITZWARREN")
    dionysius = dict(phx, first_name="DIONYSIUS", last_name="ETHELRIDGE", zip="85033")
    decide_each(home, key, tmp_path, {}, {
        "T1": (dict(leocadia, street="5362 E LOMA VISTA", unit="APT 1"), "DISCLOSE",
               "826260031"),
        "T2": (dict(leocadia, street="5362 EAST LOMA VISTA"), "DISCLOSE", "826260031"),
        # controls: another unit, another type, another directional, a part of the name
        "T3": (dict(leocadia, street="5362 E LOMA VISTA", unit="APT 2"), _NOT, ""),
        "T4": (dict(leocadia, street="5362 E LOMA VISTA CIR", unit="APT 1"), _NOT, ""),
        "T5": (dict(leocadia, street="5362 W LOMA VISTA", unit="APT 1"), _NOT, ""),
        "T6": (dict(leocadia, street="5362 E VISTA", unit="APT 1"), _NOT, ""),
        # BUENA VISTA is a street of 85033: asked, it is that street, not BUENA VISTA DR
        "T7": (dict(dionysius, street="88 BUENA VISTA"), "DISCLOSE", "826260033"),
        "T8": (dict(dionysius, street="88 BUENA VISTA DR"), "DISCLOSE", "826260032"),
        # MAIN ST is not MAIN ST EXT (a street of its own)
        "T9": (dict(phx, first_name="SERAFINA", last_name="WINTHROP", street="400 MAIN ST"),
               _NOT, ""),
    }, 262301)
