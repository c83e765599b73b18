"""Session 28 red team (r10): odd and hostile text in a request package, through intake,
the legal rules and matching, to the decision report and the response file.

What the contract requires of each (request-format.md, decisions.md) is either a clear
refusal with the right code or a faithful reading. The findings, each a test below:

- a letter of another script that looks like a Latin one but is in no table of ours (Lisu
  and Cherokee A), or a Latin small capital, was dropped from the word: DANIELꓮ, which
  shows DANIELA, was read DANIEL and disclosed DANIEL, who lives with DANIELA;
- a column name written with a zero-width space, a BOM, a Cyrillic i, full-width letters
  or blanks for its underscores was dropped as unknown: the date of birth in it, which
  contradicts the only taxpayer of that name at the address, was lost and she was
  disclosed;
- request ids that display alike (R1 and R1 with a zero-width space, P1 in Latin and
  Cyrillic letters, a non-breaking hyphen, a right-to-left override) were different ids:
  two people's answers under one visible id in the response file;
- a control character (ESC) in a request id went to `review list` and to the terminal;
- a unit in the street line and another in the unit field: the unit field won silently,
  and the namesake in that apartment was disclosed though the street line names the other;
- a date of birth without leading zeros (1980-4-12) was not read: review instead of the
  conflict it is;
- a spreadsheet formula (=HYPERLINK(...), ="10 ELM ST") in a name or an address field
  passed the rules as a name or was read as the text it shows.

And what already held, kept here as controls: look-alikes inside Latin words, invisible
characters, full-width digits and combining accents are read as they show; a TIN or a ZIP
mangled by a spreadsheet (4.10223344E8, '410223344, 41O223344, 629 for 60629) is
refused (R_TIN, R_ADDRESS_INVALID), never matched to another person's TIN. Synthetic
people.
"""

from __future__ import annotations

import csv
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import AS_OF, RECORD_HEADER, decide, dgate, home_with, write_package

_ROW = ("RETURN", "2024", "2025-02-01")
_PLACE = dict(city="CHICAGO", state="IL", zip="60629")
_TAXPAYERS = [
    ("831000001", "SSN", "Daniel", "", "Lopez", "", "", ""),
    ("831000002", "SSN", "Daniela", "", "Lopez", "", "", ""),
    ("831000003", "SSN", "Maria", "", "Garcia", "", "1990-01-01", ""),
    ("831000004", "SSN", "Pedro", "", "Perez", "", "1960-05-05", ""),
    ("831000005", "SSN", "Pedro", "", "Perez", "", "1961-06-06", ""),
    ("831000006", "SSN", "David", "", "Kim", "", "1975-03-03", ""),
    ("831000007", "SSN", "Jose", "", "Acosta", "", "1970-02-02", ""),
    ("831000008", "SSN", "Renee", "", "Nunez", "", "1982-08-08", ""),
    ("410223344", "SSN", "Oscar", "", "Vidal", "", "1966-06-06", ""),
]
_ADDRESSES = [
    ("831000001", "50 Oak St", "", "Chicago", "IL", "60629", *_ROW),
    ("831000002", "50 Oak St", "", "Chicago", "IL", "60629", *_ROW),
    ("831000003", "10 Elm St", "", "Chicago", "IL", "60629", *_ROW),
    ("831000004", "40 Birch St", "Apt 1", "Chicago", "IL", "60629", *_ROW),
    ("831000005", "40 Birch St", "Apt 2", "Chicago", "IL", "60629", *_ROW),
    ("831000006", "60 Oak St", "", "Chicago", "IL", "60629", *_ROW),
    ("831000007", "1100 Kedzie Ave", "", "Chicago", "IL", "60629", *_ROW),
    ("831000008", "77 Pulaski Rd", "", "Chicago", "IL", "60629", *_ROW),
    ("410223344", "900 Cicero Ave", "", "Chicago", "IL", "60629", *_ROW),
]


def _home(tmp: Path) -> tuple[Path, Ed25519PrivateKey]:
    return home_with(tmp, _TAXPAYERS, _ADDRESSES)


def _check(got: dict[str, dict[str, str]],
           want: dict[str, tuple[str, str, str]]) -> None:
    """want: request id -> (disposition, a code the record must carry or "", the TIN
    disclosed or ""); every failure listed at once."""
    wrong = []
    for rid, (disposition, code, tin) in want.items():
        row = got[rid]
        if (row["disposition"] != disposition
                or (code and code not in row["reason_codes"].split(";"))
                or row["match_tin"] != tin):
            wrong.append((rid, row["disposition"], row["reason_codes"], row["match_tin"]))
    assert not wrong, wrong


def _apart(home: Path, key: Ed25519PrivateKey, tmp: Path, requests: dict[str, dict[str, str]],
           serial: int) -> dict[str, dict[str, str]]:
    """Each request in a batch of its own (one person asked twice in a batch is
    R_DUPLICATE)."""
    out: dict[str, dict[str, str]] = {}
    for n, (rid, fields) in enumerate(requests.items()):
        batch = f"ICE-2026-{serial + n:06d}"
        out[rid] = decide(home, key, tmp, [dict(_PLACE, request_id=rid, **fields)], batch)[rid]
    return out


def test_a_letter_no_table_reads_never_shows_one_name_and_asks_for_another(
        tmp_path: Path) -> None:
    """DANIEL and DANIELA LOPEZ live at 50 OAK ST. DANIEL followed by a Lisu or Cherokee
    letter drawn as A, or by a Latin small capital A, shows DANIELA; the letter, in no
    look-alike table and with no ASCII form, was dropped and DANIEL was disclosed. A Latin
    word holding a letter the folds cannot read as a Latin one is no personal name
    (R_NAME): the requester can write it again.
    The Cyrillic and Greek look-alikes are read as the letters they show (controls)."""
    home, key = _home(tmp_path)
    got = _apart(home, key, tmp_path, {
        "LISU": dict(first_name="DANIEL\ua4ee", last_name="LOPEZ", street="50 OAK ST"),
        "CHEROKEE": dict(first_name="DANIEL\u13aa", last_name="LOPEZ", street="50 OAK ST"),
        "SMALL-CAPITAL": dict(first_name="DANIEL\u1d00", last_name="LOPEZ", street="50 OAK ST"),
        "ARMENIAN": dict(first_name="JOSE", last_name="AC\u0555STA", street="1100 KEDZIE AVE"),
        "PLAIN": dict(first_name="DANIELA", last_name="LOPEZ", street="50 OAK ST"),
        "CYRILLIC": dict(first_name="Daniel\u0430", last_name="L\u043epez", street="50 OAK ST"),
        "GREEK": dict(first_name="DANIEL\u0391", last_name="LOPEZ", street="50 OAK ST"),
    }, 100)
    _check(got, {
        "LISU": ("REJECTED", "R_NAME", ""), "CHEROKEE": ("REJECTED", "R_NAME", ""),
        "SMALL-CAPITAL": ("REJECTED", "R_NAME", ""),
        "ARMENIAN": ("REJECTED", "R_NAME", ""),
        "PLAIN": ("DISCLOSE", "M_MATCH", "831000002"),
        "CYRILLIC": ("DISCLOSE", "M_MATCH", "831000002"),
        "GREEK": ("DISCLOSE", "M_MATCH", "831000002"),
    })


def test_a_column_named_with_invisible_or_lookalike_characters_is_still_read(
        tmp_path: Path) -> None:
    """MARIA GARCIA at 10 ELM ST was born 1990-01-01; the request's date of birth is
    1980-04-12: M_CONFLICT, not her. With the column written `date_of_birth` plus a
    zero-width space (or a BOM inside, a Cyrillic i, full-width letters, `date of birth`)
    the column was dropped as unknown and she was disclosed. The same for a TIN column:
    the request's TIN is another taxpayer's."""
    home, key = _home(tmp_path)
    maria = dict(request_id="M", first_name="MARIA", last_name="GARCIA", street="10 ELM ST",
                 date_of_birth="1980-04-12", **_PLACE)
    written = {
        "dob-plain": ("date_of_birth", "date_of_birth"),
        "dob-zwsp": ("date_of_birth", "date_of_birth\u200b"),
        "dob-bom": ("date_of_birth", "\ufeffdate_of_birth"),
        "dob-cyrillic": ("date_of_birth", "date_of_b\u0456rth"),
        "dob-fullwidth": ("date_of_birth", "\uff24\uff21\uff34\uff25_OF_BIRTH"),
        "dob-blanks": ("date_of_birth", "Date Of Birth"),
        "tin-cyrillic": ("tin", "t\u0456n"),
    }
    wrong = []
    for n, (label, (column, name)) in enumerate(written.items()):
        header = [name if c == column else c for c in RECORD_HEADER]
        row = dict(maria, date_of_birth="") if column == "tin" else maria
        if column == "tin":
            row = dict(row, tin="410-22-3344")  # OSCAR VIDAL's
        batch = f"ICE-2026-{200 + n:06d}"
        pkg = write_package(tmp_path / label, key, [row], batch_id=batch, header=header)
        sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
        assert sub.code == 0, (label, sub.err)
        out = tmp_path / f"{label}.csv"
        assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
        with out.open(encoding="utf-8", newline="") as fh:
            got = next(csv.DictReader(fh))
        if got["disposition"] != "NOT_DISCLOSED" or "M_CONFLICT" not in got["reason_codes"]:
            wrong.append((label, got["disposition"], got["reason_codes"], got["match_tin"]))
    assert not wrong, wrong


def test_request_ids_that_display_alike_are_one_id(tmp_path: Path) -> None:
    """The response file is keyed by request_id (decisions.md): two records whose ids show
    alike put two people's answers under one visible id. R1 and R1 with a zero-width
    space, P1 in Latin and in Cyrillic letters, AB-1 with a hyphen and with a
    non-breaking hyphen are one id (R_REQUEST_ID on the later). An id holding an
    invisible character at all displays as another id (R12 with a right-to-left override
    before 21 shows R12): R_REQUEST_ID. Ids that only look different stay apart."""
    home, key = _home(tmp_path)
    ids = ["R1", "R1\u200b", "P1", "\u04201", "AB-1", "AB\u20111", "R12", "R\u202e21",
           "\u200b", "Q-1", "Q 1"]
    people = [("ANA", "RIVAS"), ("BEA", "SOTO"), ("CIRO", "MENA"), ("DORA", "LUNA"),
              ("ELSA", "VERA"), ("FIDEL", "ROCA"), ("GIL", "PARDO"), ("HUGO", "SALAS"),
              ("INES", "MORA"), ("JULIO", "CANO"), ("KARLA", "LARA")]
    rows = [dict(_PLACE, request_id=rid, first_name=first, last_name=last,
                 street=f"{100 + n} PULASKI RD", case_agent_id=f"AGENT-{n}")
            for n, (rid, (first, last)) in enumerate(zip(ids, people, strict=True))]
    pkg = write_package(tmp_path / "ids", key, rows, batch_id="ICE-2026-000300")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    out = tmp_path / "ids.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        got = [(r["request_id"], "R_REQUEST_ID" in r["reason_codes"].split(";"))
               for r in csv.DictReader(fh)]
    assert got == [(rid, rid in ("R1\u200b", "\u04201", "AB\u20111", "R\u202e21", "\u200b"))
                   for rid in ids]


def test_a_control_character_refuses_the_package(tmp_path: Path) -> None:
    """An ESC in a request id reached `dgate review list` (the request went to review for
    its unread date of birth) and wrote `ESC [2K` (erase the line) to the reviewer's
    terminal. No person types a control character: the package is refused whole, as
    for a NUL (exit 3), and nothing of it is echoed."""
    home, key = _home(tmp_path)
    row = dict(_PLACE, request_id="R1\x1b[2K", first_name="MARIA", last_name="GARCIA",
               street="10 ELM ST", date_of_birth="29323")
    pkg = write_package(tmp_path / "esc", key, [row], batch_id="ICE-2026-000400")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 3, (sub.code, sub.out, sub.err)
    assert "control character" in sub.err and "\x1b" not in sub.out + sub.err
    listed = dgate(home, "review", "list", user="rev")
    assert "\x1b" not in listed.out + listed.err


def test_a_unit_in_the_street_line_and_another_in_the_unit_field(tmp_path: Path) -> None:
    """Two PEDRO PEREZ live at 40 BIRCH ST, one in APT 1, one in APT 2. A request whose
    street line says APT 1 and whose unit field says APT 2 names both apartments: the
    unit field won silently and APT 2's PEDRO was disclosed. Two units given and
    different, neither a building or floor, are not one address (R_ADDRESS_INVALID).
    The same unit written twice, or a building in the line and an apartment in the unit
    field, are one address (controls)."""
    home, key = _home(tmp_path)
    pedro = dict(first_name="PEDRO", last_name="PEREZ")
    got = _apart(home, key, tmp_path, {
        "TWO": dict(pedro, street="40 BIRCH ST APT 1", unit="APT 2"),
        "TWO-HASH": dict(pedro, street="40 BIRCH ST # 1", unit="2"),
        "SAME": dict(pedro, street="40 BIRCH ST APT 1", unit="#1"),
        "FIELD": dict(pedro, street="40 BIRCH ST", unit="APT 2"),
        "BUILDING": dict(pedro, street="40 BIRCH ST BLDG 3", unit="APT 2"),
    }, 500)
    _check(got, {
        "TWO": ("REJECTED", "R_ADDRESS_INVALID", ""),
        "TWO-HASH": ("REJECTED", "R_ADDRESS_INVALID", ""),
        "SAME": ("DISCLOSE", "M_MATCH", "831000004"),
        "FIELD": ("DISCLOSE", "M_MATCH", "831000005"),
    })
    assert got["BUILDING"]["disposition"] != "REJECTED", got["BUILDING"]


def test_a_date_of_birth_without_leading_zeros_is_read(tmp_path: Path) -> None:
    """1980-4-12 is April 12, 1980, as 04/12/1980 is (which was read): MARIA GARCIA, born
    1990-01-01, contradicts it (M_CONFLICT; it went to review unread). Her own date so
    written is hers."""
    home, key = _home(tmp_path)
    maria = dict(first_name="MARIA", last_name="GARCIA", street="10 ELM ST")
    got = _apart(home, key, tmp_path, {
        "OTHER": dict(maria, date_of_birth="1980-4-12"),
        "HERS": dict(maria, date_of_birth="1990-1-1"),
    }, 600)
    _check(got, {"OTHER": ("NOT_DISCLOSED", "M_CONFLICT", ""),
                 "HERS": ("DISCLOSE", "M_MATCH", "831000003")})


def test_a_spreadsheet_formula_is_no_name_and_no_address(tmp_path: Path) -> None:
    """A formula exported in place of its value is not the name or the address the
    requester meant to send (its value was computed elsewhere): =HYPERLINK(...) in the
    first name passed the rules as a name and was searched; ="60 OAK ST" was read as the
    street and disclosed DAVID KIM. R_NAME and R_ADDRESS_INVALID. A leading apostrophe
    (a spreadsheet's mark for text) is read as the text it marks (control)."""
    home, key = _home(tmp_path)
    kim = dict(first_name="DAVID", last_name="KIM", street="60 OAK ST")
    got = _apart(home, key, tmp_path, {
        "NAME": dict(kim, first_name='=HYPERLINK("http://x.test","DAVID")'),
        "NAME-AT": dict(kim, last_name="@KIM"),
        "STREET": dict(kim, street='="60 OAK ST"'),
        "CITY": dict(kim, city="+CHICAGO"),
        "APOSTROPHE": dict(kim, first_name="'DAVID", street="'60 OAK ST"),
    }, 700)
    _check(got, {
        "NAME": ("REJECTED", "R_NAME", ""), "NAME-AT": ("REJECTED", "R_NAME", ""),
        "STREET": ("REJECTED", "R_ADDRESS_INVALID", ""),
        "CITY": ("REJECTED", "R_ADDRESS_INVALID", ""),
        "APOSTROPHE": ("DISCLOSE", "M_MATCH", "831000006"),
    })


def test_text_read_as_it_shows_and_values_a_spreadsheet_mangled(tmp_path: Path) -> None:
    """Controls that held before this session. Read as they show: Cyrillic look-alikes
    inside a Latin word, a zero-width space and a soft hyphen inside a name, a
    non-breaking space between words, a combining accent, full-width digits in the house
    number. Refused, and never matched to OSCAR VIDAL's TIN 410-22-3344: that TIN as
    Excel shows a number (4.10223344E8), with a spreadsheet's text mark, with the letter
    O for a zero, in full-width digits; a ZIP that lost its leading zero."""
    home, key = _home(tmp_path)
    jose = dict(first_name="JOSE", last_name="ACOSTA", street="1100 KEDZIE AVE")
    renee = dict(first_name="RENEE", last_name="NUNEZ", street="77 PULASKI RD")
    got = _apart(home, key, tmp_path, {
        "CYR": dict(jose, first_name="J\u041eSE", last_name="\u0410COSTA"),
        "ZW": dict(jose, last_name="ACO\u200bSTA", first_name="JO\u00adSE"),
        "NBSP": dict(jose, street="1100\u00a0KEDZIE\u00a0AVE"),
        "ACCENT": dict(renee, first_name="RENE\u0301E", last_name="NU\u0303NEZ"),
        "PRECOMPOSED": dict(renee, first_name="REN\u00c9E", last_name="NU\u00d1EZ",
                            street="\uff17\uff17 PULASKI RD"),
        "TIN-E": dict(jose, tin="4.10223344E8"),
        "TIN-MARK": dict(jose, tin="'410223344"),
        "TIN-O": dict(jose, tin="41O-22-3344"),
        "TIN-WIDE": dict(jose, tin="\uff14\uff11\uff10\uff12\uff12\uff13\uff13\uff14\uff14"),
        "ZIP": dict(jose, zip="629"),
    }, 800)
    _check(got, {
        "CYR": ("DISCLOSE", "M_MATCH", "831000007"), "ZW": ("DISCLOSE", "M_MATCH", "831000007"),
        "NBSP": ("DISCLOSE", "M_MATCH", "831000007"),
        "ACCENT": ("DISCLOSE", "M_MATCH", "831000008"),
        "PRECOMPOSED": ("DISCLOSE", "M_MATCH", "831000008"),
        "TIN-E": ("REJECTED", "R_TIN", ""), "TIN-MARK": ("REJECTED", "R_TIN", ""),
        "TIN-O": ("REJECTED", "R_TIN", ""), "TIN-WIDE": ("REJECTED", "R_TIN", ""),
        "ZIP": ("REJECTED", "R_ADDRESS_INVALID", ""),
    })
