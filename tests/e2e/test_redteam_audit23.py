"""Audit 23 (an acceptance audit written from the contract alone): a batch decided
DISCLOSE at submit whose release was then refused, with no command able to decide it again.

JOSE A ORTIZ, born on the taxpayer's date of birth, was asked for under one A-number and
disclosed; a batch later JOSE ORTIZ, born the same day, was asked for under another. Two
A-numbers are two people (red team r32), so the release refused the second disclosure
(`release._for_another_person`, red team r38: the taxpayer's record settles both). Submit
had decided it DISCLOSE, because its look (`submit._asked_before`) skipped every request the
taxpayer's record settles: the whole batch could never be released. Submit now holds such a
request as the release does: a person decides it (REVIEW, earlier_other_person), may not
disclose it, and the batch is released. Every person, TIN and A-number here is invented;
each case is driven through the real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.handmade import decide, dgate, home_with, load_rows

ABQ = ("Albuquerque", "NM", "87102")
TAXPAYERS = [("620400001", "SSN", "JOSE", "", "ORTIZ", "", "1988-03-15", "")]
ADDRESSES = [("620400001", "5248 Valley Rd", "", "Fresno", "CA", "93721", "RETURN", "2024",
              "2024-05-22"),
             ("620400001", "4940 Main Dr", "", *ABQ, "FORM_8822", "", "2026-02-23")]
OLD = {"street": "5248 VALLEY RD", "city": "FRESNO", "state": "CA", "zip": "93721"}
NEW = {"street": "4940 MAIN DR", "city": "ALBUQUERQUE", "state": "NM", "zip": "87102-5701"}
JOSE = {"first_name": "JOSE", "last_name": "ORTIZ", "date_of_birth": "1988-03-15"}


def _release(home: Path, batch: str, tmp: Path) -> int:
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    return dgate(home, "batch", "release", batch, "--out", str(tmp / f"{batch}.out"),
                 user="off1").code


def _items(home: Path, batch: str) -> dict[str, tuple[str, str]]:
    """request id -> (review item key, its reasons) of a batch's review list."""
    return {ln.split()[2]: (ln.split()[0], ln.split()[-1])
            for ln in dgate(home, "review", "list", batch, user="rev").out.splitlines()[1:]}


def test_a_request_settled_like_an_earlier_one_for_another_a_number_is_held_at_submit(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = decide(home, key, tmp_path, [dict(JOSE, **OLD, request_id="R1", middle_name="A",
                                              a_number="A204913733")], "ICE-2026-400001")
    assert (first["R1"]["disposition"], first["R1"]["match_tin"]) == ("DISCLOSE", "620400001")
    assert first["R1"]["street"].upper() == "4940 MAIN DR"  # the last known address
    assert _release(home, "ICE-2026-400001", tmp_path) == 0
    later = decide(home, key, tmp_path, [dict(JOSE, **NEW, request_id="R2",
                                              a_number="A209108704")], "ICE-2026-400002")
    # was DISCLOSE, and `batch release` then exited 4 for the pair
    assert later["R2"]["disposition"] == "REVIEW", later["R2"]
    item, reasons = _items(home, "ICE-2026-400002")["R2"]
    assert "earlier_other_person" in reasons, reasons
    # the reviewer may not disclose it (two people, one taxpayer), may refuse it, and the
    # batch is then released
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 4
    assert dgate(home, "review", "decide", item, "--no-disclose", user="rev").code == 0
    assert _release(home, "ICE-2026-400002", tmp_path) == 0
    # the same A-number again: the same person, disclosed as before
    again = decide(home, key, tmp_path, [dict(JOSE, **NEW, request_id="R3",
                                              a_number="A204913733")], "ICE-2026-400003")
    assert (again["R3"]["disposition"], again["R3"]["match_tin"]) == ("DISCLOSE",
                                                                      "620400001")
    assert _release(home, "ICE-2026-400003", tmp_path) == 0


# Found while merging the consistency fuzzer (r40): a repeat told the first occurrence its
# date of birth though it wrote the middle name another way. MARIA GARCIA born 1965 and
# MARIA ELENA GARCIA born 1990 both live at 77 PINE ST (a mother and her daughter, say).
MARIAS = [("620410001", "SSN", "MARIA", "", "GARCIA", "", "1965-04-04", ""),
          ("620410002", "SSN", "MARIA", "ELENA", "GARCIA", "", "1990-06-06", "")]
PINE = [(t, "77 Pine St", "", "Chicago", "IL", "60629", "RETURN", "2025", "2026-02-01")
        for t, *_ in MARIAS]
AT_PINE = {"street": "77 PINE ST", "city": "CHICAGO", "state": "IL", "zip": "60629",
           "last_name": "GARCIA"}
ELENA = ({"first_name": "MARIA ELENA"}, {"first_name": "MARIA", "middle_name": "ELENA"})
MARIA = {"first_name": "MARIA"}


def test_a_repeat_naming_the_middle_name_otherwise_does_not_settle_the_first(
        tmp_path: Path) -> None:
    """Each first request alone is M_AMBIGUOUS (two MARIA GARCIAs live there). Before, the
    repeat's date of birth settled one of them: MARIA then MARIA ELENA born 1990 disclosed
    the daughter for the request naming MARIA, and MARIA ELENA then MARIA born 1965 the
    mother for the one naming MARIA ELENA. Either pair may be two people, so the first is
    not told a date of birth by a repeat whose middle name differs."""
    home, key = home_with(tmp_path, MARIAS, PINE)
    batches = []
    for elena in ELENA:
        batches.append([dict(AT_PINE, **MARIA, request_id="M1"),
                        dict(AT_PINE, **elena, request_id="M2", date_of_birth="1990-06-06")])
        batches.append([dict(AT_PINE, **elena, request_id="M1"),
                        dict(AT_PINE, **MARIA, request_id="M2", date_of_birth="1965-04-04")])
    for n, rows in enumerate(batches):
        got = decide(home, key, tmp_path, rows, f"ICE-2026-41000{n}")
        seen = {k: (v["disposition"], v["reason_codes"]) for k, v in got.items()}
        assert seen == {"M1": ("NOT_DISCLOSED", "M_AMBIGUOUS"),
                        "M2": ("REJECTED", "R_DUPLICATE")}, (rows, seen)
    # a repeat that writes the same middle name (or its initial) still tells it
    told = decide(home, key, tmp_path,
                  [dict(AT_PINE, **ELENA[0], request_id="M1"),
                   dict(AT_PINE, **MARIA, middle_name="E.", request_id="M2",
                        date_of_birth="1990-06-06")], "ICE-2026-410009")
    assert (told["M1"]["disposition"], told["M1"]["match_tin"]) == ("DISCLOSE", "620410002")


# Audit 23, probe P6b: a batch decided and approved, then a master loaded that adds a
# namesake with no date of birth at the request's address. The release re-checked the
# disclosed taxpayer's own rows (last known address, death) but not whether the request
# still picks out one taxpayer: XIMENA DEL RIO's address left for a request the master in
# force leaves M_AMBIGUOUS.
XIMENA = [("620420001", "SSN", "XIMENA", "", "DEL RIO", "", "1979-01-01", "")]
ELM = [("620420001", "995 Elm Dr", "", "El Paso", "TX", "79901", "RETURN", "2025",
        "2026-02-01")]
NAMESAKE = ("620420002", "SSN", "XIMENA", "", "DEL RIO", "", "", "")
ELM_TOO = ("620420002", "995 Elm Dr", "", "El Paso", "TX", "79901", "RETURN", "2025",
           "2026-02-02")
STRANGER = ("620420003", "SSN", "OTTO", "", "BRANDT", "", "1960-01-01", "")
OAK = ("620420003", "12 Oak St", "", "El Paso", "TX", "79901", "RETURN", "2025",
       "2026-02-02")
ASK = {"first_name": "XIMENA", "last_name": "DEL RIO", "street": "995 ELM DR",
       "city": "EL PASO", "state": "TX", "zip": "79901", "request_id": "X1"}


def test_a_master_loaded_since_that_makes_a_disclosure_ambiguous_refuses_the_release(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, XIMENA, ELM)
    got = decide(home, key, tmp_path, [ASK], "ICE-2026-420001")
    assert (got["X1"]["disposition"], got["X1"]["match_tin"]) == ("DISCLOSE", "620420001")
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", "ICE-2026-420001", user=officer).code == 0
    # the namesake's arrival: the same request is M_AMBIGUOUS against this master
    code, err = load_rows(home, tmp_path, "master3", [*XIMENA, NAMESAKE], [*ELM, ELM_TOO])
    assert code == 0, err
    r = dgate(home, "batch", "release", "ICE-2026-420001", "--out",
              str(tmp_path / "out.csv"), user="off1")
    assert r.code == 4, (r.code, r.err)
    assert "ICE-2026-420001:1" in r.err and "decided again" in r.err, r.err
    assert not (tmp_path / "out.csv").exists()
    assert "review hold" in r.err  # the way out (r41)
    # held, refused by a reviewer, approved again: released, XIMENA not disclosed
    assert dgate(home, "review", "hold", "ICE-2026-420001:1", "--reason", "master reloaded",
                 user="rev").code == 0
    assert dgate(home, "review", "decide", "ICE-2026-420001:1", "--no-disclose",
                 user="rev").code == 0
    assert _release(home, "ICE-2026-420001", tmp_path) == 0
    out = (tmp_path / "ICE-2026-420001.out").read_text(encoding="utf-8")
    assert "NOT_DISCLOSED" in out and "ELM" not in out.upper(), out
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_a_master_loaded_since_that_changes_nothing_of_it_lets_the_release_go(
        tmp_path: Path) -> None:
    home, key = home_with(tmp_path, XIMENA, ELM)
    got = decide(home, key, tmp_path, [ASK], "ICE-2026-420002")
    assert got["X1"]["disposition"] == "DISCLOSE"
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", "ICE-2026-420002", user=officer).code == 0
    code, err = load_rows(home, tmp_path, "master3", [*XIMENA, STRANGER], [*ELM, OAK])
    assert code == 0, err
    r = dgate(home, "batch", "release", "ICE-2026-420002", "--out",
              str(tmp_path / "out.csv"), user="off1")
    assert r.code == 0, r.err
    assert "995 ELM DR" in (tmp_path / "out.csv").read_text(encoding="utf-8").upper()
