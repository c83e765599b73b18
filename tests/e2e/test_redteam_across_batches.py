"""Red team r20 (session 30): one taxpayer answered for two people a week apart.

Within one batch, two requests the taxpayer's record cannot tell apart and whose own fields
name two people (decide/batchwise.py) are both held back. Across batches nothing looked:
WALTER BRENNAN born 1950 at 40 BIRCH ST was disclosed, and next week WALTER BRENNAN born
1980 at the same address was disclosed again, the same undated taxpayer's address — to a
request that says the person is someone else. Every person, TIN and address here is
invented; each case is driven through the real CLI (`tests/e2e/handmade.py`)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from tests.e2e.handmade import (
    AS_OF,
    dgate,
    home_with,
    new_key,
    write_package,
)
from tests.e2e.handmade import (
    decide as _decide,
)

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}


def _tp(tin: str, first: str, last: str, *, dob: str = "") -> tuple[str, ...]:
    return (tin, "SSN", first, "", last, "", dob, "")


def _ad(tin: str, street: str) -> tuple[str, ...]:
    return (tin, street, "", *CHI, "RETURN", "2025", "2026-02-26")


# One undated WALTER BRENNAN, one undated HENRIK OSTROWSKI, one LUCIA FERRARO with her date
# of birth on file.
TAXPAYERS = [_tp("620100001", "WALTER", "BRENNAN"), _tp("620100002", "HENRIK", "OSTROWSKI"),
             _tp("620100003", "LUCIA", "FERRARO", dob="1990-05-05")]
ADDRESSES = [_ad("620100001", "40 Birch St"), _ad("620100002", "44 Birch St"),
             _ad("620100003", "41 Birch St")]
WALTER = dict(PLACE, first_name="WALTER", last_name="BRENNAN", street="40 BIRCH ST")
HENRIK = dict(PLACE, first_name="HENRIK", last_name="OSTROWSKI", street="44 BIRCH ST")
LUCIA = dict(PLACE, first_name="LUCIA", last_name="FERRARO", street="41 BIRCH ST")


def _seen(got: dict[str, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {rid: (r["disposition"], r["reason_codes"], r["match_tin"]) for rid, r in got.items()}


def test_a_later_batch_asking_for_another_person_goes_to_review(tmp_path: Path) -> None:
    """decisions.md: DISCLOSE when "exactly one taxpayer matches". Batch 1 asks for WALTER
    BRENNAN born 1950 at 40 BIRCH ST (DISCLOSE: the one WALTER BRENNAN on file has no date
    of birth), batch 2 next week for WALTER BRENNAN born 1980 at the same address: in one
    batch both were held back (M_AMBIGUOUS); a week apart, the second was disclosed too.
    The same for a JR after a SR (an A-number and a TIN work the same way: batchwise.Person
    reads the TIN; an A-number is not a field of matching). The later request now goes to
    a person (REVIEW, the rule recorded); the earlier disclosure stays. The same person
    asked again (the same date of birth) is decided as before, and so is a later
    request the taxpayer's own record settles (LUCIA's date of birth exact). An earlier
    REVIEW counts while its reviewer may still disclose it (as within a batch), and no
    longer once refused."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)

    def decide(rows: list[dict[str, str]], batch: str) -> dict[str, tuple[str, str, str]]:
        return _seen(_decide(home, key, tmp_path, rows, batch))

    first = decide([dict(WALTER, request_id="W1", date_of_birth="1950-01-01"),
                    dict(HENRIK, request_id="H1", name_suffix="SR"),
                    dict(LUCIA, request_id="L1", date_of_birth="1990-05-08")],
                   "ICE-2026-201001")
    assert first["W1"] == ("DISCLOSE", "M_MATCH", "620100001"), first
    assert first["H1"][0] == "REVIEW" and first["H1"][2] == "620100002", first
    assert first["L1"][0] == "REVIEW", first  # one digit off: to a person
    # the reviewer confirms H1 (SR); LUCIA's L1 stays pending
    listed = dgate(home, "review", "list", "ICE-2026-201001", user="rev").out
    h1 = next(ln.split()[0] for ln in listed.splitlines()[1:] if ln.split()[2] == "H1")
    assert dgate(home, "review", "decide", h1, "--disclose", user="rev").code == 0, listed

    later = decide([dict(WALTER, request_id="W2", date_of_birth="1980-01-01"),
                    dict(HENRIK, request_id="H2", name_suffix="JR"),
                    # LUCIA's own date of birth settles this one, whatever L1 said
                    dict(LUCIA, request_id="L2", date_of_birth="1990-05-05")],
                   "ICE-2026-201002")
    assert later["W2"] == ("REVIEW", "M_REVIEW", "620100001"), later
    assert later["H2"][0] == "REVIEW", later
    assert later["L2"] == ("DISCLOSE", "M_MATCH", "620100003"), later
    # the reviewer is told why: the rule, and the earlier request it names
    reasons = {ln.split()[2]: ln.split()[-1].split(";") for ln in dgate(
        home, "review", "list", "ICE-2026-201002", user="rev").out.splitlines()[1:]}
    # (and, found when listed, that another answer names the taxpayer: r22's
    # other_person_same_taxpayer)
    assert reasons["W2"] == ["earlier_other_person", "other_person_same_taxpayer"], reasons
    assert "earlier_other_person" in reasons["H2"], reasons  # a JR after the SR confirmed
    # the reviewer refuses W2 (born 1980: not the taxpayer on file); the same Walter as W1
    # asked again is then decided as before. (While W2 was
    # pending, it went to review too: a reviewer could still disclose W2.)
    w2 = next(ln.split()[0] for ln in dgate(home, "review", "list", "ICE-2026-201002",
                                            user="rev").out.splitlines()[1:]
              if ln.split()[2] == "W2")
    assert dgate(home, "review", "decide", w2, "--no-disclose", user="rev").code == 0
    again = _seen(_decide(home, key, tmp_path, [dict(WALTER, request_id="W3",
                                                      date_of_birth="1950-01-01")],
                          "ICE-2026-201003"))
    assert again["W3"] == ("DISCLOSE", "M_MATCH", "620100001"), again



def test_released_or_not_the_earlier_disclosure_counts(tmp_path: Path) -> None:
    """The earlier batch released (its response sent) or only decided: either way its
    disclosure is the taxpayer's, and a later request for someone else is not disclosed
    automatically, whichever agency asks. A later batch's request the taxpayer's record
    settles (its TIN equal to the taxpayer's) still is."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    pkg = write_package(tmp_path / "b1", key,
                        [dict(WALTER, request_id="W1", date_of_birth="1950-01-01")],
                        batch_id="ICE-2026-202001")
    assert dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF,
                 user="clerk").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", "ICE-2026-202001", user=officer).code == 0
    out = tmp_path / "response.csv"
    assert dgate(home, "batch", "release", "ICE-2026-202001", "--out", str(out),
                 user="off1").code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        assert [r["outcome"] for r in csv.DictReader(fh)] == ["DISCLOSED"]
    later = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W2", date_of_birth="1980-01-01")], "ICE-2026-202002"))
    assert later["W2"][0] == "REVIEW", later
    # another agency asking, the same: the taxpayer is one person whoever asks
    other, pub = new_key(tmp_path / "usms")
    for args in (("agency", "add", "USMS", "--name", "United States Marshals Service",
                  "--statute", "8 USC 1253(a)(1)"),
                 ("official", "add", "USMS", "USMS-DIR-01", "--name", "Lee Example", "--title",
                  "Director", "--public-key", str(pub), "--valid-from", "2026-01-01")):
        assert dgate(home, *args, user="admin").code == 0
    pkg = write_package(tmp_path / "b3", other,
                        [dict(WALTER, request_id="W5", date_of_birth="1981-02-02")],
                        batch_id="USMS-2026-202004", requesting_agency="USMS",
                        signed_by={"official_id": "USMS-DIR-01", "name": "Lee Example",
                                   "title": "Director"})
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    report = tmp_path / "usms.csv"
    assert dgate(home, "batch", "decisions", sub.last_line, "--out", str(report)).code == 0
    with report.open(encoding="utf-8", newline="") as fh:
        assert [(r["disposition"], r["reason_codes"]) for r in csv.DictReader(fh)] == [
            ("REVIEW", "M_REVIEW")]
    settled = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W3", tin="620100001", date_of_birth="1980-01-01")],
        "ICE-2026-202003"))
    assert settled["W3"] == ("DISCLOSE", "M_MATCH", "620100001"), settled
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_a_home_decided_before_the_index_is_indexed_when_opened(tmp_path: Path) -> None:
    """A case store from before migration 6 holds earlier disclosures without the blind
    index of their TINs: opening the home indexes them, so a later batch finds them. Once
    retention destroys a batch's data, its indexes are blanked too."""
    import sqlite3

    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W1", date_of_birth="1950-01-01")], "ICE-2026-203001"))
    assert first["W1"][0] == "DISCLOSE", first
    con = sqlite3.connect(home / "case.sqlite")
    with con:  # the store as dgate before migration 6 left it
        con.execute("DROP INDEX decisions_tin")
        con.execute("ALTER TABLE decisions DROP COLUMN tin_index")
        con.execute("DELETE FROM schema_migrations WHERE version = 6")
    con.close()
    later = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W2", date_of_birth="1980-01-01")], "ICE-2026-203002"))
    assert later["W2"] == ("REVIEW", "M_REVIEW", "620100001"), later
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    # retention destroys both batches' data: the blind indexes of their TINs go with it
    assert dgate(home, "retention", "run", "--as-of", "2031-01-01", user="admin").code == 0
    con = sqlite3.connect(home / "case.sqlite")
    try:
        assert con.execute("SELECT count(*) FROM decisions WHERE tin_index <> ''"
                           ).fetchone() == (0,)
    finally:
        con.close()


def test_an_earlier_unanswered_request_giving_the_tin_for_another_birth_counts(
        tmp_path: Path) -> None:
    """Within one batch (batchwise.tin_given_by_others) WALTER BRENNAN's TIN given born 1950
    at an address not his (NOT_DISCLOSED) holds back WALTER BRENNAN born 1980 giving it at
    his address: the batch names two people by one TIN, and the undated record on file
    tells neither apart. A week apart the second was disclosed (red team r34): it now goes
    to a person (REVIEW, earlier_other_person_gave_tin), found by the blind index of the
    TIN each request gives (decisions.given_tin_index, red team r36). Controls: the same
    TIN with the same date of birth, or with none, sends nothing to review; nor does an
    earlier one that the taxpayer's own date of birth on file settles against (LUCIA's)."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W1", tin="620100001", street="5 ELSEWHERE ST",
             date_of_birth="1950-01-01"),
        dict(HENRIK, request_id="H1", tin="620100002", street="7 ELSEWHERE ST"),
        dict(LUCIA, request_id="L1", tin="620100003", street="9 ELSEWHERE ST",
             date_of_birth="1990-05-08")], "ICE-2026-201011"))
    assert [first[r][0] for r in ("W1", "H1", "L1")] == ["NOT_DISCLOSED"] * 3, first
    # the same person again (W1's date of birth; H1 gave none), and LUCIA settled by her own
    # date of birth on file: decided as they would be alone
    second = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W2", tin="620100001", date_of_birth="1950-01-01"),
        dict(HENRIK, request_id="H2", tin="620100002", date_of_birth="1980-02-02"),
        dict(LUCIA, request_id="L2", tin="620100003", date_of_birth="1990-05-05")],
        "ICE-2026-201012"))
    assert second == {"W2": ("DISCLOSE", "M_MATCH", "620100001"),
                      "H2": ("DISCLOSE", "M_MATCH", "620100002"),
                      "L2": ("DISCLOSE", "M_MATCH", "620100003")}, second
    # WALTER born 1980 giving the TIN given born 1950 (W1, unanswered; W2, disclosed) and
    # HENRIK born 1970 giving the TIN given born 1980 (H2, disclosed: both settled by the
    # TIN alone, which r20's look skipped) go to a person
    third = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W3", tin="620100001", date_of_birth="1980-01-01"),
        dict(HENRIK, request_id="H3", tin="620100002", date_of_birth="1970-03-03")],
        "ICE-2026-201013"))
    assert third == {"W3": ("REVIEW", "M_REVIEW", "620100001"),
                     "H3": ("REVIEW", "M_REVIEW", "620100002")}, third
    reasons = {ln.split()[2]: ln.split()[-1].split(";") for ln in dgate(
        home, "review", "list", "ICE-2026-201013", user="rev").out.splitlines()[1:]}
    assert "earlier_other_person_gave_tin" in reasons["W3"], reasons
    assert "earlier_other_person_gave_tin" in reasons["H3"], reasons
    assert dgate(home, "ledger", "verify", user="admin").code == 0


def test_the_given_tin_index_is_verified_and_goes_with_the_data(tmp_path: Path) -> None:
    """decisions.given_tin_index (red team r36) is no column the ledger commits: `ledger
    verify` recomputes it from each decision's sealed record, answered or not (blanked, a
    later request for another person giving the TIN would be disclosed unseen). Retention
    that destroys a batch's data blanks it too."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W1", tin="620-10-0001", street="5 ELSEWHERE ST",
             date_of_birth="1950-01-01"),
        dict(HENRIK, request_id="H1", tin="6201000")], "ICE-2026-201021"))
    assert first["W1"][0] == "NOT_DISCLOSED", first
    assert dgate(home, "ledger", "verify", user="admin").code == 0
    con = sqlite3.connect(home / "case.sqlite")
    try:
        # W1's TIN is indexed as matching reads it; H1's, not a valid TIN, is not
        got = dict(con.execute("SELECT request_id, given_tin_index FROM decisions"))
        assert len(got["W1"]) == 64 and got["H1"] == "", got
        with con:
            con.execute("UPDATE decisions SET given_tin_index = ''")
        bad = dgate(home, "ledger", "verify", user="admin")
        assert bad.code != 0 and "given_tin_index" in bad.out + bad.err, (bad.out, bad.err)
        with con:
            con.execute("UPDATE decisions SET given_tin_index = ? WHERE request_id = 'W1'",
                        (got["W1"],))
    finally:
        con.close()
    assert dgate(home, "ledger", "verify", user="admin").code == 0
    # the index blanked, the later request would have been disclosed; kept, it is not
    later = _seen(_decide(home, key, tmp_path, [
        dict(WALTER, request_id="W2", tin="620100001", date_of_birth="1980-01-01")],
        "ICE-2026-201022"))
    assert later["W2"][0] == "REVIEW", later
    assert dgate(home, "retention", "run", "--as-of", "2031-01-01", user="admin").code == 0
    con = sqlite3.connect(home / "case.sqlite")
    try:
        assert con.execute("SELECT count(*) FROM decisions WHERE given_tin_index <> ''"
                           ).fetchone() == (0,)
    finally:
        con.close()
    assert dgate(home, "ledger", "verify", user="admin").code == 0


def test_an_earlier_items_reviewer_is_told_of_a_later_request_giving_the_tin(
        tmp_path: Path) -> None:
    """`review list` told an earlier item's reviewer of a later request answered with its
    taxpayer for another person (r22's other_person_same_taxpayer), not of one that only
    gave the taxpayer's TIN: HENRIK OSTROWSKI SR in review (the undated record names no
    generation), then HENRIK OSTROWSKI JR giving his TIN at an address not his
    (NOT_DISCLOSED). Within one batch the JR would have held the SR back; across batches
    the SR's reviewer is now told (tin_given_for_another_person). A later request giving
    the TIN for no one else (no generation, no date of birth) tells nothing."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    first = _seen(_decide(home, key, tmp_path, [
        dict(HENRIK, request_id="H1", name_suffix="SR")], "ICE-2026-201031"))
    assert first["H1"][0] == "REVIEW", first
    second = _seen(_decide(home, key, tmp_path, [
        dict(HENRIK, request_id="H2", tin="620100002", street="7 ELSEWHERE ST")],
        "ICE-2026-201032"))
    assert second["H2"][0] == "NOT_DISCLOSED", second

    def reasons() -> list[str]:
        listed = dgate(home, "review", "list", "ICE-2026-201031", user="rev").out
        (line,) = [ln for ln in listed.splitlines()[1:] if ln.split()[2] == "H1"]
        return line.split()[-1].split(";")

    assert "tin_given_for_another_person" not in reasons()
    third = _seen(_decide(home, key, tmp_path, [
        dict(HENRIK, request_id="H3", tin="620100002", name_suffix="JR",
             street="7 ELSEWHERE ST")], "ICE-2026-201033"))
    assert third["H3"][0] == "NOT_DISCLOSED", third
    assert "tin_given_for_another_person" in reasons()
