"""Red team r29 (session 32): a reviewer's mistake, and the review flow around it.

r22 refuses to confirm the second of two review items that would disclose one taxpayer for
two requests naming two people. A mistaken first confirmation then blocked the right one for
good, and no review decision could be corrected before release. `dgate review reopen` takes
a decision back (reviewer; refused once the batch has its two approvals or is released);
an approval given before the reopening no longer counts. Approvals may still be given
while items are pending (the contract's flow): the release waits for the queue. Every
person, TIN and address here is invented; each case is driven through the real CLI
(`tests/e2e/handmade.py`)."""

from __future__ import annotations

import base64
import csv
import json
import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, home_with, setup_home, write_package
from tests.e2e.handmade import decide as _decide

from dgate.model import Role
from dgate.service import release as release_service
from dgate.service.home import Home
from dgate.store import case

CHI = ("Chicago", "IL", "60629")
PLACE = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
# One undated HENRIK OSTROWSKI at 44 BIRCH ST (no generation on record)
TAXPAYERS = [("620290002", "SSN", "HENRIK", "", "OSTROWSKI", "", "", "")]
ADDRESSES = [("620290002", "44 Birch St", "", *CHI, "RETURN", "2025", "2026-02-26")]
HENRIK = dict(PLACE, first_name="HENRIK", last_name="OSTROWSKI", street="44 BIRCH ST")
# Name and address agree with Maria Garcia of handmade's master, her date of birth one
# digit off: a reviewer decides
MARIA = dict(request_id="Q1", first_name="Maria", last_name="Garcia", street="123 N Main St",
             unit="4B", city="Austin", state="TX", zip="78701", date_of_birth="1980-04-13")
REASON = "confirmed the other item by mistake"


def _events(home: Path, kind: str) -> list[dict[str, object]]:
    con = sqlite3.connect(home / "case.sqlite")
    try:
        rows = con.execute("SELECT entry FROM ledger_entries ORDER BY idx").fetchall()
    finally:
        con.close()
    return [e for e in (json.loads(bytes(r[0])) for r in rows) if e.get("type") == kind]


def _count(home: Path, sql: str) -> int:
    con = sqlite3.connect(home / "case.sqlite")
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def _pending(home: Path) -> list[str]:
    return [ln.split()[0] for ln in
            dgate(home, "review", "list", user="rev").out.splitlines()[1:]]


def _release(home: Path, batch: str, out: Path) -> dict[str, str]:
    for officer in ("off1", "off2"):
        r = dgate(home, "batch", "approve", batch, user=officer)
        assert r.code == 0, r.err
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    with out.open(encoding="utf-8", newline="") as fh:
        return {row["request_id"]: row["outcome"] for row in csv.DictReader(fh)}


def test_a_mistaken_confirmation_is_taken_back_and_the_right_one_confirmed(
        tmp_path: Path) -> None:
    """Batch 1 asks for HENRIK OSTROWSKI SR, batch 2 for HENRIK OSTROWSKI JR: both REVIEW,
    the one HENRIK OSTROWSKI on file. The reviewer confirms H1 by mistake; H2, the right
    one, is then refused (r22). The reviewer reopens H1 (the reason sealed, not on the
    ledger in clear), refuses it, and H2 can be confirmed. Both decisions of H1 and its
    reopening stay on the ledger, which verifies; the releases disclose H2 only."""
    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H1", name_suffix="SR")],
            "ICE-2026-291001")
    _decide(home, key, tmp_path, [dict(HENRIK, request_id="H2", name_suffix="JR")],
            "ICE-2026-291002")
    h1, h2 = "ICE-2026-291001:1", "ICE-2026-291002:1"
    assert sorted(_pending(home)) == [h1, h2]
    assert dgate(home, "review", "decide", h1, "--disclose", user="rev").code == 0
    assert dgate(home, "review", "decide", h2, "--disclose", user="rev").code == 4
    r = dgate(home, "review", "reopen", h1, "--reason", REASON, user="rev")
    assert r.code == 0, (r.code, r.out, r.err)
    assert h1 in _pending(home)
    assert dgate(home, "review", "decide", h1, "--no-disclose", user="rev").code == 0
    r = dgate(home, "review", "decide", h2, "--disclose", user="rev")
    assert r.code == 0, r.err
    assert _pending(home) == []
    decided = [(e["object"], e["outcome"]) for e in _events(home, "review_decision")]
    assert decided == [(h1, "disclose"), (h1, "no_disclose"), (h2, "disclose")], decided
    [reopened] = _events(home, "review_reopened")
    assert (reopened["object"], reopened["verdict"], reopened["decided_by"]) == (
        h1, "disclose", "rev")
    assert REASON not in (home / "case.sqlite").read_bytes().decode("latin-1")
    with Home(home) as h:  # sealed under the batch's key, bound to the decision reopened
        assert h.vault.open(release_service.reopen_context(h1, str(reopened["decided_at"])),
                            base64.b64decode(str(reopened["reason_sealed"]))) == REASON.encode()
    # the auditor reads what happened to H1, the reason opened
    history = dgate(home, "review", "history", h1, user="aud")
    assert history.code == 0, history.err
    said = [ln.split(maxsplit=5)[2:] for ln in history.out.splitlines()[1:]]
    assert said == [["review_decision", "rev", "disclose", "-"],
                    ["review_reopened", "rev", "reopened", REASON],
                    ["review_decision", "rev", "no_disclose", "-"]], history.out
    assert dgate(home, "review", "history", h1, user="clerk").code == 4
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    assert _release(home, "ICE-2026-291001", tmp_path / "r1.csv") == {"H1": "NOT_DISCLOSED"}
    assert _release(home, "ICE-2026-291002", tmp_path / "r2.csv") == {"H2": "DISCLOSED"}
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def _review_batch(tmp_path: Path) -> tuple[Path, str]:
    home, key = setup_home(tmp_path)
    pkg = write_package(tmp_path / "pkg", key, [MARIA], batch_id="ICE-2026-292001")
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0, sub.err
    assert _pending(home) == [f"{sub.last_line}:1"]
    return home, sub.last_line


def test_reopening_withdraws_an_approval_and_is_refused_once_approved_or_released(
        tmp_path: Path) -> None:
    """A decision reopened after one officer's approval: the approval is withdrawn (an
    approvals_withdrawn event names the officer) and two must approve again. Once both
    have, and once the batch is released, a reopening is refused (exit 4, review_refused on
    the ledger). Only a reviewer reopens, only a decided review item, and with a reason."""
    home, batch = _review_batch(tmp_path)
    item = f"{batch}:1"
    refused = dgate(home, "review", "reopen", item, "--reason", REASON, user="rev")
    assert refused.code == 4 and "no reviewer's decision" in refused.err, refused.err
    assert dgate(home, "review", "decide", item, "--no-disclose", user="rev").code == 0
    assert dgate(home, "batch", "approve", batch, user="off1").code == 0
    assert dgate(home, "review", "reopen", item, "--reason", REASON, user="off2").code == 4
    assert dgate(home, "review", "reopen", item, "--reason", " ", user="rev").code == 2
    r = dgate(home, "review", "reopen", item, "--reason", REASON, user="rev")
    assert r.code == 0 and "off1" in r.out, (r.code, r.out, r.err)
    assert _count(home, "SELECT count(*) FROM approvals") == 0
    [withdrawn] = _events(home, "approvals_withdrawn")
    assert (withdrawn["object"], withdrawn["approvers"]) == (batch, ["off1"])
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    refused = dgate(home, "review", "reopen", item, "--reason", REASON, user="rev")
    assert refused.code == 4 and "approved" in refused.err, refused.err
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    refused = dgate(home, "review", "reopen", item, "--reason", REASON, user="rev")
    assert refused.code == 4 and "released" in refused.err, refused.err
    why = [e["why"] for e in _events(home, "review_refused")]
    assert len(why) == 3, why
    assert _count(home, "SELECT count(*) FROM accounting WHERE kind = 'disclosure'") == 1
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_officers_may_approve_before_the_review_queue_is_empty(tmp_path: Path) -> None:
    """cli.md and decisions.md make approval and the review queue two conditions of the
    release ("after two distinct disclosure officers approved the batch and no REVIEW item
    is left"; exit 4 for "missing approvals, pending review items"), not an order between
    them: r29 had refused approval while an item was pending, which the contract does not
    say and which breaks its flow (approve, approve, release refused for the pending item,
    decide, release). Approvals given first stand; the release waits for the queue; once
    both approvals are in, the decision can no longer be reopened."""
    home, batch = _review_batch(tmp_path)
    for officer in ("off1", "off2"):
        r = dgate(home, "batch", "approve", batch, user=officer)
        assert r.code == 0, r.err
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 4 and "pending" in r.err, (r.code, r.err)
    assert not out.exists()
    assert dgate(home, "review", "decide", f"{batch}:1", "--disclose", user="rev").code == 0
    assert _count(home, "SELECT count(*) FROM approvals") == 2
    r = dgate(home, "review", "reopen", f"{batch}:1", "--reason", REASON, user="rev")
    assert r.code == 4 and "approved" in r.err, (r.code, r.err)
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 0, r.err
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_the_submitter_cannot_decide_the_batchs_review_items(tmp_path: Path) -> None:
    """As approve refuses the submitter, review decide does: a clerk made a reviewer (by
    hand, as tests/vault/test_attacks.py promotes one) decides nothing of a batch the clerk
    submitted (exit 4, review_refused)."""
    home, batch = _review_batch(tmp_path)
    with sqlite3.connect(home / "case.sqlite") as con:
        con.execute("UPDATE users SET role = 'reviewer' WHERE user_id = 'clerk'")
    con.close()
    r = dgate(home, "review", "decide", f"{batch}:1", "--disclose", user="clerk")
    assert r.code == 4 and "submitted" in r.err, (r.code, r.err)
    assert _count(home, "SELECT count(*) FROM reviews") == 0


def test_the_release_counts_the_approvals_it_holds_under_its_lock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The release checks the approvals, then looks at the master and at other batches
    before it locks the batch and writes. Approvals withdrawn by another session meanwhile
    (here: with the batch's review item pending again, as a reopening leaves it) must stop
    it: nothing is disclosed, and the ledger verifies."""
    home, batch = _review_batch(tmp_path)
    assert dgate(home, "review", "decide", f"{batch}:1", "--disclose", user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    looked = release_service._for_another_person

    def meanwhile(h: Home, batch_id: str) -> dict[str, list[str]]:
        # another session: the item reopened, the approvals withdrawn
        with Home(home) as other, case.transaction(other.conn):
            key = f"{batch_id}:1"
            actor = other.authorize("rev", [Role.REVIEWER], "test")
            other.conn.execute("DELETE FROM reviews WHERE request_key = ?", (key,))
            other.record(actor, "review_reopened", key, "reopened")
            other.conn.execute("DELETE FROM approvals WHERE batch_id = ?", (batch_id,))
            other.record(actor, "approvals_withdrawn", batch_id, "withdrawn",
                         approvers=["off1", "off2"])
        return looked(h, batch_id)

    monkeypatch.setattr(release_service, "_for_another_person", meanwhile)
    out = tmp_path / "response.csv"
    r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
    assert r.code == 4 and "approvals" in r.err, (r.code, r.err)
    assert not out.exists()
    assert _count(home, "SELECT count(*) FROM accounting WHERE kind = 'disclosure'") == 0
    # refused as the refusals before the lock are: on the ledger
    assert "withdrawn while it was being released" in str(
        _events(home, "release_refused")[-1]["why"])
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_an_officer_withdraws_an_approval_so_a_wrong_decision_can_be_reopened(
        tmp_path: Path) -> None:
    """After both approvals a reopening is refused, so a review decision found wrong then
    could only be stopped by not releasing. `dgate batch unapprove` (an officer, their own
    approval, before release, with a reason sealed under the batch's key) lets the
    reviewer reopen it; the batch then needs two approvals again. Refused (exit 4,
    approval_refused) for an officer without an approval, for a reviewer, and once
    released. `ledger verify` passes throughout."""
    home, batch = _review_batch(tmp_path)
    item = f"{batch}:1"
    why = "item 1 was decided on the wrong document"
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 0
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", batch, user=officer).code == 0
    assert dgate(home, "review", "reopen", item, "--reason", REASON, user="rev").code == 4
    assert dgate(home, "batch", "unapprove", batch, "--reason", why, user="rev").code == 4
    r = dgate(home, "batch", "unapprove", batch, "--reason", why, user="off1")
    assert r.code == 0, r.err
    assert _count(home, "SELECT count(*) FROM approvals") == 1
    again = dgate(home, "batch", "unapprove", batch, "--reason", why, user="off1")
    assert again.code == 4 and "no approval" in again.err, again.err
    assert _events(home, "approval_refused")[-1]["action"] == "batch unapprove"
    withdrawn = _events(home, "approvals_withdrawn")[-1]
    assert withdrawn["approvers"] == ["off1"] and withdrawn["object"] == batch
    assert why not in (home / "case.sqlite").read_bytes().decode("latin-1")
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    # one approval left: the reopening withdraws it; decided again, approved again
    r = dgate(home, "review", "reopen", item, "--reason", REASON, user="rev")
    assert r.code == 0, r.err
    assert _count(home, "SELECT count(*) FROM approvals") == 0
    assert dgate(home, "review", "decide", item, "--no-disclose", user="rev").code == 0
    out = tmp_path / "response.csv"
    assert _release(home, batch, out) == {"Q1": "NOT_DISCLOSED"}
    late = dgate(home, "batch", "unapprove", batch, "--reason", why, user="off2")
    assert late.code == 4 and "released" in late.err, late.err
    assert dgate(home, "ledger", "verify", user="aud").code == 0
