"""Audit 23, probe P5: a batch whose release is refused for some of its disclosures must not
be dead forever.

`batch release` refuses a batch whose disclosures no longer name the taxpayer's last known
address (the master was loaded again since it was decided: red team r11) and says "those
requests must be decided again"; no command could (`review reopen` exits 2 on a DISCLOSE
decision, approving again changes nothing, the same package submitted again is the same
batch), so the whole batch, its lawful disclosures with it, could never be released. Now a
reviewer sends each such decision back to review (`dgate review hold KEY --reason`), decides
it as any review item (`review decide`: refused here, since the address it names is no longer
the last known one), two officers approve again, and the batch is released: the moved
people NOT_DISCLOSED (no reason in the response), the others DISCLOSED. `ledger verify`
passes on the home that went through it and catches a hold or a verdict changed by hand.
Every person here is invented; the real CLI is driven in-process (tests/e2e/handmade.py)."""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.e2e.handmade import AS_OF, dgate, home_with, load_rows, write_package

_CITY = {"city": "CHICAGO", "state": "IL", "zip": "60629"}
# tin, first, last, date of birth, street: eight people, five of whom move
_PEOPLE = [(f"6241000{n:02d}", first, last, f"19{60 + n}-0{1 + n % 9}-1{n}", f"{210 + n} W {st} ST")
           for n, (first, last, st) in enumerate([
               ("ODALYS", "FENWICKE", "ARGYLE"), ("BRANIMIR", "QUASTHOFF", "BERWYN"),
               ("CLEMENTINE", "VORSTADT", "CATALPA"), ("DEMOSTHENE", "ULLAKKO", "DEVON"),
               ("EULALIA", "TREMAYNE", "ESTES"), ("FORTUNATO", "SKELDON", "FARWELL"),
               ("GWENLLIAN", "RADCLIVE", "GREENLEAF"), ("HESPERUS", "PAXMORE", "HOLLYWOOD")])]
_TAXPAYERS = [(t, "SSN", f, "", last, "", dob, "") for t, f, last, dob, _ in _PEOPLE]
_ADDRESSES = [(t, street, "", "Chicago", "IL", "60629", "RETURN", "2025", "2026-02-26")
              for t, *_, street in _PEOPLE]
_MOVERS = 5  # the first five file a change of address after the batch was decided
_MOVED = [(t, f"{900 + n} N LAKE SHORE DR", "", "Chicago", "IL", "60611", "FORM_8822", "",
           "2026-11-01") for n, (t, *_) in enumerate(_PEOPLE[:_MOVERS])]
_BATCH = "ICE-2026-741001"


def _requests() -> list[dict[str, str]]:
    return [dict(_CITY, request_id=f"P{n + 1}", first_name=f, last_name=last,
                 date_of_birth=dob, street=street)
            for n, (_t, f, last, dob, street) in enumerate(_PEOPLE)]


def _csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["request_id"]: r for r in csv.DictReader(fh)}


def _approve(home: Path) -> None:
    for officer in ("off1", "off2"):
        r = dgate(home, "batch", "approve", _BATCH, user=officer)
        assert r.code == 0, r.err


def _refused_p5(tmp: Path) -> tuple[Path, list[str]]:
    """Probe P5: the batch submitted (all eight DISCLOSE), approved twice, the master loaded
    again with five of them moved, the release refused. The home and the refused keys."""
    home, key = home_with(tmp, _TAXPAYERS, _ADDRESSES)
    pkg = write_package(tmp / "pkg", key, _requests(), batch_id=_BATCH)
    sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
    assert sub.code == 0 and sub.last_line == _BATCH, sub.err
    report = tmp / "decided.csv"
    assert dgate(home, "batch", "decisions", _BATCH, "--out", str(report)).code == 0
    assert {r["disposition"] for r in _csv(report).values()} == {"DISCLOSE"}, _csv(report)
    _approve(home)
    code, err = load_rows(home, tmp, "moved", _TAXPAYERS, _ADDRESSES + _MOVED)
    assert code == 0, err
    r = dgate(home, "batch", "release", _BATCH, "--out", str(tmp / "refused.csv"),
              user="off1")
    assert r.code == 4, (r.code, r.err)
    keys = sorted(set(re.findall(rf"{_BATCH}:\d+", r.err)))
    assert len(keys) == _MOVERS, r.err
    # the refusal names the way out
    assert "dgate review hold" in r.err, r.err
    return home, keys


def _release(home: Path, out: Path) -> int:
    r = dgate(home, "batch", "release", _BATCH, "--out", str(out), user="off1")
    return r.code


def test_p5_a_refused_release_is_decided_again_and_released(tmp_path: Path) -> None:
    home, keys = _refused_p5(tmp_path)
    for k in keys:
        r = dgate(home, "review", "hold", k, "--reason", "release refused: address moved",
                  user="rev")
        assert r.code == 0, (r.code, r.err)  # was exit 2: no such command
    # the held items are the review queue, with the reason they are there
    listed = dgate(home, "review", "list", _BATCH, user="rev")
    assert listed.code == 0, listed.err
    lines = {ln.split()[0]: ln.split()[-1] for ln in listed.out.splitlines()[1:]}
    assert sorted(lines) == keys, listed.out
    assert all("held_for_review" in why for why in lines.values()), listed.out
    # REVIEW rows in the decision report while pending; the batch cannot be released
    report = tmp_path / "pending.csv"
    assert dgate(home, "batch", "decisions", _BATCH, "--out", str(report)).code == 0
    rows = _csv(report)
    movers = {f"P{n + 1}" for n in range(_MOVERS)}
    assert {rid for rid, r in rows.items() if r["disposition"] == "REVIEW"} == movers, rows
    assert _release(home, tmp_path / "early.csv") == 4  # pending, and no approvals
    # the reviewer cannot release an address no longer last known: refuses each
    for k in keys:
        r = dgate(home, "review", "decide", k, "--no-disclose", user="rev")
        assert r.code == 0, r.err
    _approve(home)
    out = tmp_path / "response.csv"
    assert _release(home, out) == 0
    resp = _csv(out)
    for n, (_t, _f, _l, _d, street) in enumerate(_PEOPLE):
        got = resp[f"P{n + 1}"]
        if n < _MOVERS:
            assert (got["outcome"], got["reason_codes"], got["street"]) == (
                "NOT_DISCLOSED", "", ""), got
        else:
            assert (got["outcome"], got["street"]) == ("DISCLOSED", street), got
    report = tmp_path / "final.csv"
    assert dgate(home, "batch", "decisions", _BATCH, "--out", str(report)).code == 0
    assert {rid for rid, r in _csv(report).items()
            if r["disposition"] == "NOT_DISCLOSED"} == movers
    with sqlite3.connect(home / "case.sqlite") as conn:
        disclosed = conn.execute("SELECT count(*) FROM accounting WHERE kind = 'disclosure'"
                                 ).fetchone()[0]
    assert disclosed == len(_PEOPLE) - _MOVERS
    # released: a disclosure can no longer be held (refused, on the ledger, no review event)
    r = dgate(home, "review", "hold", f"{_BATCH}:{_MOVERS + 1}", "--reason", "late",
              user="rev")
    assert r.code == 4 and "already released" in r.err, (r.code, r.err)
    v = dgate(home, "ledger", "verify", user="aud")
    assert v.code == 0, (v.out, v.err)
    history = dgate(home, "review", "history", keys[0], user="rev")
    assert history.code == 0 and "review_held" in history.out, history.out
    assert "address moved" in history.out, history.out

    # a verdict turned by hand into a disclosure: caught
    forged = tmp_path / "forged"
    shutil.copytree(home, forged)
    with sqlite3.connect(forged / "case.sqlite") as conn:
        conn.execute("UPDATE reviews SET verdict = 'disclose' WHERE request_key = ?",
                     (keys[0],))
    v = dgate(forged, "ledger", "verify", user="aud")
    assert v.code == 1 and "reviews" in (v.out + v.err), (v.code, v.out, v.err)


def test_a_held_item_confirmed_is_refused_again_then_reopened_and_refused(
        tmp_path: Path) -> None:
    """Every check of the release still applies to a held item a reviewer confirmed: its
    address is no longer the last known one, so the release refuses again; the verdict is
    taken back (`review reopen`, which now takes a held item) and the item refused."""
    home, keys = _refused_p5(tmp_path)
    for k in keys:
        assert dgate(home, "review", "hold", k, "--reason", "moved", user="rev").code == 0
    for k in keys:
        assert dgate(home, "review", "decide", k, "--disclose", user="rev").code == 0
    _approve(home)
    r = dgate(home, "batch", "release", _BATCH, "--out", str(tmp_path / "again.csv"),
              user="off1")
    assert r.code == 4 and "no longer name" in r.err, (r.code, r.err)
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "unapprove", _BATCH, "--reason", "reopen",
                     user=officer).code == 0
    for k in keys:
        r = dgate(home, "review", "reopen", k, "--reason", "confirmed a moved address",
                  user="rev")
        assert r.code == 0, r.err
        assert dgate(home, "review", "decide", k, "--no-disclose", user="rev").code == 0
    _approve(home)
    out = tmp_path / "response.csv"
    assert _release(home, out) == 0
    outcomes = [r["outcome"] for r in _csv(out).values()]
    assert outcomes.count("DISCLOSED") == len(_PEOPLE) - _MOVERS
    assert dgate(home, "ledger", "verify", user="aud").code == 0


def test_a_hold_removed_by_hand_is_caught_and_holds_are_refused_after_release(
        tmp_path: Path) -> None:
    home, keys = _refused_p5(tmp_path)
    assert dgate(home, "review", "hold", keys[0], "--reason", "moved", user="rev").code == 0
    # held twice: refused; a REVIEW-less key is not held by reopen
    assert dgate(home, "review", "hold", keys[0], "--reason", "again", user="rev").code == 4
    assert dgate(home, "review", "reopen", keys[1], "--reason", "x", user="rev").code == 2
    assert dgate(home, "ledger", "verify", user="aud").code == 0
    # the hold's index row deleted by hand (the item would be DISCLOSE again): caught
    forged = tmp_path / "forged"
    shutil.copytree(home, forged)
    with sqlite3.connect(forged / "case.sqlite") as conn:
        conn.execute("DELETE FROM review_events WHERE request_key = ?", (keys[0],))
    v = dgate(forged, "ledger", "verify", user="aud")
    assert v.code == 1 and "review_events" in (v.out + v.err), (v.code, v.out, v.err)


def test_a_pair_refused_at_release_is_decided_again(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The other refusal that said "decided again": two batches decided with no look at
    each other (red team r22's case) each DISCLOSE one undated taxpayer, for one person born
    1950 and one born 1980. The later one's request is held; the reviewer may not confirm
    it (the pair's second), refuses it, and both batches are released, the taxpayer's
    address to one of the two only."""
    from tests.e2e.test_redteam_r22_pairs import ADDRESSES, TAXPAYERS, WALTER

    from dgate.service import submit

    home, key = home_with(tmp_path, TAXPAYERS, ADDRESSES)
    monkeypatch.setattr(submit, "_asked_before", lambda *a, **k: {})
    batches = {}
    for n, dob in ((1, "1950-01-01"), (2, "1980-01-01")):
        batch = f"ICE-2026-74200{n}"
        pkg = write_package(tmp_path / batch, key,
                            [dict(WALTER, request_id=f"W{n}", date_of_birth=dob)],
                            batch_id=batch)
        sub = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
        assert sub.code == 0, sub.err
        batches[n] = sub.last_line
    monkeypatch.undo()
    later = batches[2]
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", later, user=officer).code == 0
    r = dgate(home, "batch", "release", later, "--out", str(tmp_path / "r.csv"), user="off1")
    assert r.code == 4 and "dgate review hold" in r.err, (r.code, r.err)
    item = f"{later}:1"
    assert dgate(home, "review", "hold", item, "--reason", "pair", user="rev").code == 0
    assert dgate(home, "review", "decide", item, "--disclose", user="rev").code == 4
    assert dgate(home, "review", "decide", item, "--no-disclose", user="rev").code == 0
    got = {}
    for n, batch in batches.items():
        for officer in ("off1", "off2"):
            assert dgate(home, "batch", "approve", batch, user=officer).code == 0
        out = tmp_path / f"{batch}.csv"
        r = dgate(home, "batch", "release", batch, "--out", str(out), user="off1")
        assert r.code == 0, (r.code, r.err)
        got.update(_csv(out))
    assert (got["W1"]["outcome"], got["W2"]["outcome"]) == ("DISCLOSED", "NOT_DISCLOSED")
    assert got["W2"]["reason_codes"] == "" and got["W2"]["street"] == ""
    assert dgate(home, "ledger", "verify", user="aud").code == 0
