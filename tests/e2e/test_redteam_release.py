"""Red team r6: review, approval and release, driven through the CLI on hand-written,
synthetic files (tests/e2e/handmade.py). Each test names the contract it holds dgate to."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.e2e.handmade import AS_OF, BASE, dgate, home_with, setup_home, write_package

# Name and address agree, the date of birth is one digit off the taxpayer's (1980-04-12):
# REVIEW (dob_one_digit). Q3 is a plain match (DISCLOSE).
REVIEW_ROWS = [
    dict(BASE, request_id="Q1", first_name="Maria", last_name="Garcia",
         street="123 N Main St", unit="4B", city="Austin", state="TX", zip="78701",
         date_of_birth="1980-04-13"),
    dict(BASE, request_id="Q3", first_name="Robert", last_name="Johnson", street="9 Elm St",
         city="Miami", state="FL", zip="33125", date_of_birth="1970-07-07"),
]


def _response(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["request_id"]: r for r in csv.DictReader(fh)}


# Lena Okafor (synthetic) has two change-of-address rows processed the same day (one date,
# one source): master-format.md's rule (latest effective_date; FORM_8822 > RETURN > NCOA)
# does not say which is last known. Requested at her old 2023 return address.
_TIED_TAXPAYER = [("501112222", "SSN", "Lena", "", "Okafor", "", "1981-05-05", "")]
_TIED = [("501112222", "10 Oak St", "", "Boston", "MA", "02134", "NCOA", "", "2025-05-01"),
         ("501112222", "20 Pine St", "", "Boston", "MA", "02134", "NCOA", "", "2025-05-01")]
_OLD = [("501112222", "5 Old Rd", "", "Boston", "MA", "02134", "RETURN", "2023", "2024-03-01")]
_TIED_REQUEST = dict(request_id="T1", first_name="Lena", last_name="Okafor", street="5 Old Rd",
                     city="Boston", state="MA", zip="02134")


def _release_tied(tmp: Path, addresses: Sequence[Sequence[str]]) -> dict[str, str]:
    home, key = home_with(tmp, _TIED_TAXPAYER, addresses)
    sub = dgate(home, "batch", "submit",
                str(write_package(tmp / "pkg", key, [_TIED_REQUEST], batch_id="ICE-2026-000600")),
                "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    batch = sub.last_line
    queue = dgate(home, "review", "list", batch, user="rev").out.splitlines()[1:]
    assert len(queue) == 1 and queue[0].split()[-1] == "last_known_tied", queue
    # The reviewer finds the person is the one requested and asks to disclose.
    r = dgate(home, "review", "decide", f"{batch}:1", "--disclose", user="rev")
    if r.code != 0:
        assert r.code == 4 and len(r.err.strip().splitlines()) == 1, r.err
        assert dgate(home, "review", "decide", f"{batch}:1", "--no-disclose",
                     user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    out = tmp / "response.csv"
    assert dgate(home, "batch", "release", batch, "--out", str(out), user="off1").code == 0
    return _response(out)["T1"]


def test_a_tied_last_known_address_disclosed_on_review_does_not_depend_on_row_order(
        tmp_path: Path) -> None:
    """master-format.md, Last known address: the disclosed address is the taxpayer's last
    known address, "the row with the latest effective_date; on a tie, FORM_8822 before
    RETURN before NCOA"; two rows of one date and one source are not told apart by it.
    legal-basis.md: every disclosure must be one the office can defend, record by record.

    Two NCOA rows of one date: dgate holds the item for review (last_known_tied; the review
    page says "the extract does not say which is the last known address"), but a verdict
    is only disclose / do not disclose, with no way to say which address. `--disclose` then
    releases the one whose street sorts last (20 Pine St over 10 Oak St, in either order of
    the extract's rows): exactly audit 15's F1 ("the one whose street sorted last was
    disclosed", docs/matching.md), now behind one reviewer's click. The same taxpayer,
    requested twice with the extract's rows listed either way, must never have an address
    picked by its spelling released as her last known address.

    Judged otherwise (session 27): refusing the verdict (exit 4) would leave the item pending
    and the whole batch unreleasable for any flow that discloses what it reviews, and the
    two rows are both the taxpayer's, of the last date, from one source. The reviewer who
    discloses has read "last address tied" on the page; what is held here is that the
    address released does not depend on the order of the extract's rows, and is one of the
    tied two."""
    first = _release_tied(tmp_path / "a", _TIED + _OLD)
    second = _release_tied(tmp_path / "b", list(reversed(_TIED)) + _OLD)
    assert first == second, (first, second)
    assert first["outcome"] == "DISCLOSED"
    assert first["street"].upper() in {"10 OAK ST", "20 PINE ST"}, first


# -- `dgate ledger verify` after a hand edit of the registers the rules depend on -----------

def _other_key_pem() -> bytes:
    return Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


_EDITS = {
    # a reviewer made a disclosure officer: may then approve (two-person control)
    "user role": ("UPDATE users SET role = 'disclosure_officer' WHERE user_id = 'rev'", ()),
    # a user that no one added
    "user inserted": ("INSERT INTO users VALUES ('mallory', 'disclosure_officer', "
                      "'2026-11-01T00:00:00Z', 'admin')", ()),
    # the official's key swapped: a forged batch.json.sig then verifies (B_SIGNATURE)
    "official key": ("UPDATE officials SET public_key_pem = ? WHERE official_id = 'ICE-DIR-01'",
                     ("KEY",)),
    # the official's validity stretched (B_SIGNER)
    "official validity": ("UPDATE officials SET valid_from = '1990-01-01' "
                          "WHERE official_id = 'ICE-DIR-01'", ()),
    # a suspended agency resumed by hand (B_AGENCY)
    "agency status": ("UPDATE agencies SET status = 'active', status_reason = '' "
                      "WHERE code = 'ICE'", ()),
    # a statute designated that the admin never registered (B_AUTHORITY, R_STATUTE)
    "agency statute": ("INSERT INTO agency_statutes VALUES ('ICE', '18 USC 1001')", ()),
}


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("registers")
    home, _key = setup_home(tmp)
    r = dgate(home, "agency", "suspend", "ICE", "--reason", "court order", user="admin")
    assert r.code == 0, r.err
    v = dgate(home, "ledger", "verify", user="aud")
    assert v.code == 0, v.err
    return home


@pytest.mark.parametrize("edit", list(_EDITS))
def test_ledger_verify_fails_after_the_registers_are_edited_by_hand(
        registered: Path, tmp_path: Path, edit: str) -> None:
    """cli.md: `dgate ledger verify` -- "check the tamper-evident ledger end to end; exit 1
    and say where if it was altered"; legal-basis.md 6: every request, decision, approval and
    disclosure is in a permanent, verifiable accounting.

    The ledger records every user's role (user_added), every official's key and validity
    (official_added), every agency's designated statutes (agency_added) and its suspension
    (agency_suspended): the registers that decide who may approve and which requests are
    legally sufficient. An edit of them in the case store verified clean: a reviewer made an
    officer, or an official's key swapped for one that signs forged requests, left no trace."""
    home = tmp_path / "home"
    shutil.copytree(registered, home)
    sql, args = _EDITS[edit]
    with sqlite3.connect(home / "case.sqlite") as conn:
        conn.execute(sql, tuple(_other_key_pem() if a == "KEY" else a for a in args))
    conn.close()
    r = dgate(home, "ledger", "verify", user="aud")
    assert r.code == 1, (edit, r.out, r.err)
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    table = sql.split()[1] if sql.startswith("UPDATE") else sql.split()[2]
    assert f"{table} " in r.err, r.err
